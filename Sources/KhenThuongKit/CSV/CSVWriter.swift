import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore

/// CSV as spreadsheets read it: UTF-8 with a byte-order mark (so Excel and LibreOffice show
/// Vietnamese correctly), `,` between fields, CRLF after every row, and RFC 4180 quoting: a
/// field holding `,` `;` `"` CR or LF, or starting or ending with a space, is put in double
/// quotes, with `"` doubled.
package struct CSVWriter: Sendable {
    /// The UTF-8 byte-order mark.
    package static let bom: [UInt8] = [0xEF, 0xBB, 0xBF]

    package private(set) var bytes: [UInt8] = CSVWriter.bom

    package init() {}

    /// Appends one row.
    package mutating func row(_ fields: [String]) {
        for (i, field) in fields.enumerated() {
            if i > 0 { bytes.append(UInt8(ascii: ",")) }
            bytes.append(contentsOf: Self.quoted(field).utf8)
        }
        bytes.append(contentsOf: [0x0D, 0x0A])
    }

    /// `field` as it goes in a row.
    package static func quoted(_ field: String) -> String {
        let needsQuotes = field.contains { [",", ";", "\"", "\r", "\n", "\r\n"].contains($0) }
            || field.hasPrefix(" ") || field.hasSuffix(" ")
        guard needsQuotes else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// The bytes as text (the byte-order mark becomes U+FEFF at its start).
    package var text: String { String(decoding: bytes, as: UTF8.self) }

    /// A whole table: the header, then the rows.
    package static func table(header: [String], rows: [[String]]) -> [UInt8] {
        var w = CSVWriter()
        w.row(header)
        for r in rows { w.row(r) }
        return w.bytes
    }
}
