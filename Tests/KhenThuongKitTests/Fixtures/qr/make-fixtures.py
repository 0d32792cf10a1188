#!/usr/bin/env python3
"""Writes qr-fixtures.json: reference QR module matrices made by the `qrcode` package (PyPI),
for QRCodeTests.

Run once by hand (`pip install qrcode`, then `python3 make-fixtures.py > qr-fixtures.json`);
qrcode is not a dependency of the repository, only of this fixture step. Every case is byte
mode, a fixed error correction level, the smallest version that holds the data.

(segno was tried first: it adds a whole zero byte after the terminator when the bits already
end on a byte boundary, ISO/IEC 18004 §7.4.10 adds padding bits only to reach one, so its
matrices differ from any encoder that follows the text.)
"""
import json
import qrcode
from qrcode.util import QRData, MODE_8BIT_BYTE
from importlib.metadata import version as package_version


def text(length):
    base = "https://khenthuong.example/verify/QD-123-2025-HS-2025-000007.json#sha256="
    out = base
    i = 0
    while len(out) < length:
        out += "0123456789abcdef"[i % 16]
        i += 1
    return out[:length]


LEVELS = {"l": qrcode.constants.ERROR_CORRECT_L, "m": qrcode.constants.ERROR_CORRECT_M}


def make(data, level, mask=None):
    code = qrcode.QRCode(error_correction=LEVELS[level], mask_pattern=mask, border=0)
    code.add_data(QRData(data, mode=MODE_8BIT_BYTE), optimize=0)
    code.make(fit=True)
    # qrcode does not expose the chosen mask: read it back from the format bits (row 8).
    chosen = mask
    if chosen is None:
        m = code.modules
        # Format bits 0-14 around the top left finder: column 8 rows 0-5, 7, 8, then row 8
        # columns 7, 5, 4, 3, 2, 1, 0.
        bits = [m[i][8] for i in (0, 1, 2, 3, 4, 5, 7, 8)] + [m[8][7]] + [m[8][14 - i] for i in range(9, 15)]
        value = sum((1 << i) for i, b in enumerate(bits) if b) ^ 0x5412
        chosen = (value >> 10) & 7
    return code, chosen


cases = []
for length in [1, 17, 40, 100, 150, 230, 400, 700, 1000, 1500, 2000, 2331, 2953]:
    for level in ["l", "m"]:
        data = text(length).encode("ascii")
        try:
            code, chosen = make(data, level)
        except (qrcode.exceptions.DataOverflowError, ValueError):
            continue
        cases.append((data, level, None, code, chosen))
for mask in range(8):
    data = text(120).encode("ascii")
    code, chosen = make(data, "m", mask)
    cases.append((data, "m", mask, code, chosen))

out = []
for data, level, mask, code, chosen in cases:
    rows = ["".join("1" if m else "0" for m in row) for row in code.modules]
    out.append({"text": data.decode("ascii"), "level": level, "fixedMask": mask, "version": code.version,
                "mask": chosen, "rows": rows})
print(json.dumps({"generator": "qrcode " + package_version("qrcode"), "cases": out}, indent=0))
