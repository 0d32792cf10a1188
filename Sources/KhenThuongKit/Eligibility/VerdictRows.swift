import KhenThuongCore

/// Writes the CSV rows of a batch's verdicts as bytes, straight from what ``BatchProgram``
/// decided: `nominee_id, nominee_name, award, year, outcome, regime, failing, reasons`, each
/// field as `CSVWriter.field` writes it (quoting, formula cells neutralised, the dialect's
/// separator and decimal comma), failing criteria then notes in `reasons`. The constant
/// cells of each award (award, year, each outcome, regime) are made once.
package struct VerdictRows: Sendable {
    package let language: Language
    package let dialect: CSVWriter.Dialect
    let separator: UInt8

    package init(language: Language, dialect: CSVWriter.Dialect) {
        self.language = language
        self.dialect = dialect
        separator = dialect.separator.asciiValue ?? UInt8(ascii: ",")
    }

    /// The constant cells of one award of a program, as bytes.
    struct AwardCells {
        /// `,award,year,` (the separator first and last).
        var middle: [UInt8]
        /// `outcome,regime,` for eligible, not eligible, deferred.
        var outcome: [[UInt8]]
        /// Each criterion's id as a `failing` piece.
        var ids: [String]
        /// Each criterion's id as a whole `failing` field, with the separator after it (a row
        /// with that criterion alone failing).
        var alone: [[UInt8]]
    }

    func cells(_ program: BatchProgram) -> [AwardCells] {
        program.awards.map { a in
            var middle = [separator]
            append(a.set.award, to: &middle); middle.append(separator)
            append(String(program.year), to: &middle); middle.append(separator)
            let outcomes: [[UInt8]] = [EligibilityOutcome.eligible, .notEligible, .deferred].map { o in
                var b: [UInt8] = []
                append(o.rawValue, to: &b); b.append(separator)
                append(a.regime?.id ?? "", to: &b); b.append(separator)
                return b
            }
            let ids = a.regime?.criteria.map(\.id) ?? []
            let alone = ids.map { id -> [UInt8] in
                var b: [UInt8] = []
                append(id, to: &b)
                b.append(separator)
                return b
            }
            return AwardCells(middle: middle, outcome: outcomes, ids: ids, alone: alone)
        }
    }

    /// Appends `CSVWriter.field(text, dialect:)` to `out`: as it is when no byte needs
    /// quoting, neutralising or the decimal comma; quoted here when the only such bytes are
    /// ASCII between ASCII bytes; anything else through `CSVWriter.field` (the same rules as
    /// the CLI's `VerdictCSV.appendField`).
    func append(_ text: String, to out: inout [UInt8]) {
        var copy = text
        copy.withUTF8 { u in append(u, text: text, to: &out) }
    }

    func append(_ u: UnsafeBufferPointer<UInt8>, text: @autoclosure () -> String, to out: inout [UInt8]) {
        guard let firstByte = u.first, let lastByte = u.last else { return }
        func general() { out.append(contentsOf: CSVWriter.field(text(), dialect: dialect).utf8) }
        switch firstByte {
        case UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), UInt8(ascii: "'"), UInt8(ascii: " "), 0x09, 0x0D:
            return general()
        default: break
        }
        if lastByte == UInt8(ascii: " ") { return general() }
        let comma = separator == UInt8(ascii: ",")
        var special = false, previous: UInt8 = 0, previousSpecial = false
        for b in u {
            if previousSpecial && b >= 0x80 { return general() }
            switch b {
            case UInt8(ascii: ";"), UInt8(ascii: "\""), 0x0A, 0x0D:
                if previous >= 0x80 { return general() }
                special = true; previousSpecial = true
            case UInt8(ascii: ","):
                if comma {
                    if previous >= 0x80 { return general() }
                    special = true; previousSpecial = true
                } else {
                    previousSpecial = false
                }
            case UInt8(ascii: "."):
                if dialect.decimalComma { return general() }
                previousSpecial = false
            default:
                previousSpecial = false
            }
            previous = b
        }
        guard special else { return out.append(contentsOf: u) }
        out.append(UInt8(ascii: "\""))
        for b in u {
            out.append(b)
            if b == UInt8(ascii: "\"") { out.append(b) }
        }
        out.append(UInt8(ascii: "\""))
    }
}
