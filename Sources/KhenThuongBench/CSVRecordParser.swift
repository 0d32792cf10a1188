import KhenThuongCore
import KhenThuongStore
import KhenThuongKit

/// The careful path for one CSV record (RFC 4180 quoting, as Python's `csv.reader` reads it):
/// used for the header and for any line holding a `"`. The fast path never sees quotes.
/// Part of the benchmark's byte-level scanner (``RecordScanner``), not a general reader:
/// general CSV files go through KhenThuongKit's ``CSVReader``.
enum CSVRecordParser {
    static let comma: UInt8 = 0x2C, quote: UInt8 = 0x22, cr: UInt8 = 0x0D, lf: UInt8 = 0x0A

    struct Record {
        /// Position just after the record's line end.
        var next: Int
        /// Line breaks consumed (inside quoted fields and the record's own line end).
        var lines: Int
        /// `false` when a quoted field runs to `end` without its closing quote.
        var closed: Bool
        /// Whether some field was quoted (it may have held line breaks).
        var quoted: Bool
    }

    /// Parses the record at `from` (before `end`): the fields' unescaped bytes are appended
    /// to `bytes`, their bounds (offsets into `bytes`) to `bounds`.
    ///
    /// A quoted field may hold separators, line breaks and doubled quotes; characters after
    /// its closing quote are kept up to the next separator (Python's lenient reading); a
    /// quote inside an unquoted field is an ordinary character.
    package static func parse(_ base: UnsafePointer<UInt8>, from: Int, end: Int,
                      bytes: inout [UInt8], bounds: inout [Range<Int>]) -> Record {
        var i = from
        var lines = 0
        var quoted = false
        while true {
            let start = bytes.count
            if i < end && base[i] == quote {
                quoted = true
                i += 1
                var closed = false
                while i < end {
                    let c = base[i]
                    if c == quote {
                        if i + 1 < end && base[i + 1] == quote { bytes.append(quote); i += 2; continue }
                        i += 1
                        closed = true
                        break
                    }
                    if c == lf { lines += 1 }
                    bytes.append(c)
                    i += 1
                }
                if !closed {
                    bounds.append(start..<bytes.count)
                    return Record(next: end, lines: lines, closed: false, quoted: true)
                }
            }
            while i < end {
                let c = base[i]
                if c == comma || c == lf || c == cr { break }
                bytes.append(c)
                i += 1
            }
            bounds.append(start..<bytes.count)
            if i < end && base[i] == comma { i += 1; continue }
            break
        }
        if i < end {
            if base[i] == cr { i += 1; if i < end && base[i] == lf { i += 1 } } else { i += 1 }
        }
        return Record(next: i, lines: lines + 1, closed: true, quoted: quoted)
    }
}
