import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore

/// CSV as spreadsheets read it: UTF-8 with a byte-order mark (so Excel and LibreOffice show
/// Vietnamese correctly), `,` between fields, CRLF after every row, and RFC 4180 quoting: a
/// field holding `,` `;` `"` CR or LF, or starting or ending with a space, is put in double
/// quotes, with `"` doubled.
///
/// Formula injection (OWASP, "CSV Injection"): a spreadsheet runs a cell that begins with `=`,
/// `+`, `-`, `@`, a tab or a carriage return as a formula, so a nominee named `=HYPERLINK(…)`
/// would act on the reader's machine. Every cell written here that begins so gets a leading
/// apostrophe (`'=HYPERLINK(…)`), which the spreadsheet shows as text — except a cell that is
/// wholly a number (`-12`, `+3`, `0.5`, `-0,5`): the numbers the tool writes (amounts, counts,
/// multipliers) cannot be formulas and stay numbers. A text cell that happens to read as a
/// number (`-5`) is therefore also left alone: it is harmless. Our readers undo the apostrophe
/// (``restored(_:)``), so a file the tool wrote reads back exactly: only this writer puts an
/// apostrophe before such a character (Excel never saves its own to a CSV).
package struct CSVWriter: Sendable {
    /// How fields are separated and numbers written.
    package struct Dialect: Sendable, Equatable {
        /// `,` or `;`.
        package var separator: Character
        /// Whether a number's decimal point is written as a comma (`0,3`).
        package var decimalComma: Bool

        /// The default: `,` and `0.3`, as every program reads CSV.
        package static let standard = Dialect(separator: ",", decimalComma: false)
        /// `--excel`: `;` and `0,3`, as Excel reads a CSV opened in a Vietnamese locale (where
        /// `,` is the decimal separator), with the byte-order mark every file carries.
        package static let excel = Dialect(separator: ";", decimalComma: true)
    }

    /// The UTF-8 byte-order mark.
    package static let bom: [UInt8] = [0xEF, 0xBB, 0xBF]

    package private(set) var bytes: [UInt8] = CSVWriter.bom
    package let dialect: Dialect

    package init(dialect: Dialect = .standard) { self.dialect = dialect }

    /// Appends one row.
    package mutating func row(_ fields: [String]) {
        bytes.append(contentsOf: Self.line(fields, dialect: dialect).utf8)
        bytes.append(contentsOf: [0x0D, 0x0A])
    }

    /// One row as text, without its line end (for writers that stream rows).
    package static func line(_ fields: [String], dialect: Dialect = .standard) -> String {
        var out = ""
        for (i, field) in fields.enumerated() {
            if i > 0 { out.append(dialect.separator) }
            out += Self.field(field, dialect: dialect)
        }
        return out
    }

    /// `text` as it goes in a row: neutralised, its decimal point a comma in the Excel dialect,
    /// then quoted.
    package static func field(_ text: String, dialect: Dialect = .standard) -> String {
        if dialect.decimalComma, text.utf8.contains(UInt8(ascii: ".")), isNumber(Substring(text).utf8) {
            return quoted(text.replacingOccurrences(of: ".", with: ","), dialect: dialect)
        }
        return quoted(neutralised(text), dialect: dialect)
    }

    /// `text` with a leading apostrophe when a spreadsheet would read it as a formula.
    package static func neutralised(_ text: String) -> String {
        needsApostrophe(Substring(text).utf8) ? "'" + text : text
    }

    /// A cell as it was before ``neutralised(_:)``: the apostrophe this writer added is removed.
    package static func restored(_ cell: String) -> String {
        let u = Substring(cell).utf8
        guard u.first == UInt8(ascii: "'"), needsApostrophe(u.dropFirst()) else { return cell }
        return String(cell.dropFirst())
    }

    /// Whether a cell must be written with an apostrophe: it begins with a formula character and
    /// is not wholly a number, or it begins with an apostrophe before such a cell (so that
    /// ``restored(_:)`` gives back exactly what was written).
    static func needsApostrophe(_ u: Substring.UTF8View) -> Bool {
        guard let first = u.first else { return false }
        switch first {
        case UInt8(ascii: "="), UInt8(ascii: "@"), 0x09, 0x0D: return true
        case UInt8(ascii: "+"), UInt8(ascii: "-"): return !isNumber(u)
        case UInt8(ascii: "'"): return needsApostrophe(u.dropFirst())
        default: return false
        }
    }

    /// `[+-]digits[(.|,)digits]`.
    static func isNumber(_ u: Substring.UTF8View) -> Bool {
        var digits = 0, separators = 0, lastWasDigit = false
        for (i, b) in u.enumerated() {
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digits += 1; lastWasDigit = true
            case UInt8(ascii: "+"), UInt8(ascii: "-"):
                guard i == 0 else { return false }
                lastWasDigit = false
            case UInt8(ascii: "."), UInt8(ascii: ","):
                guard lastWasDigit && separators == 0 else { return false }
                separators += 1
                lastWasDigit = false
            default: return false
            }
        }
        return digits > 0 && lastWasDigit
    }

    /// `field` as it goes in a row: quoted when it holds `,` `;` `"` or a line break, or starts
    /// or ends with a space (in the Excel dialect a `,` alone, a decimal comma, needs none).
    package static func quoted(_ field: String, dialect: Dialect = .standard) -> String {
        let needsQuotes = field.contains { [dialect.separator, ";", "\"", "\r", "\n", "\r\n"].contains($0) }
            || (dialect.separator == "," && field.contains(","))
            || field.hasPrefix(" ") || field.hasSuffix(" ")
        guard needsQuotes else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// The bytes as text (the byte-order mark becomes U+FEFF at its start).
    package var text: String { String(decoding: bytes, as: UTF8.self) }

    /// A whole table: the header, then the rows.
    package static func table(header: [String], rows: [[String]], dialect: Dialect = .standard) -> [UInt8] {
        var w = CSVWriter(dialect: dialect)
        w.row(header)
        for r in rows { w.row(r) }
        return w.bytes
    }
}
