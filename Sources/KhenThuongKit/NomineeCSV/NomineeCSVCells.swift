import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore

/// One row of the full nominee CSV being read: its cells by column name, and the findings
/// its bad cells produce (line, column number counted from 1, column name, what is expected).
struct NomineeCSVCells {
    let file: String
    let line: Int
    let index: [String: Int]
    let fields: [String]
    var findings: [LintFinding] = []

    /// The cell of `column`, NFC, surrounding spaces kept; `""` when the column is absent.
    package func text(_ column: String) -> String {
        guard let i = index[column], i < fields.count else { return "" }
        return fields[i]
    }

    mutating func bad(_ column: String, vi: String, en: String) {
        let col = index[column].map { $0 + 1 } ?? 1
        findings.append(LintFinding(kind: .invalidDefinition, file: file,
                                    location: .init(path: column, position: .init(line: line, column: col)),
                                    message: .init(vi: vi, en: en)))
    }

    static func what(_ item: Int?) -> (vi: String, en: String) {
        guard let item else { return ("", "") }
        return (" (mục \(item + 1) của danh sách |)", " (item \(item + 1) of the | list)")
    }

    /// `text` as a date `YYYY-MM-DD` that exists.
    mutating func date(_ column: String, _ text: String, item: Int? = nil) -> CivilDate? {
        do throws(DateError) { return try CivilDate(parsing: text) } catch {
            let w = Self.what(item)
            bad(column, vi: "\"\(column)\"\(w.vi) phải là một ngày có thật dạng YYYY-MM-DD, không phải \"\(text)\": \(error.message(.vi))",
                en: "\"\(column)\"\(w.en) must be a real date YYYY-MM-DD, not \"\(text)\": \(error.message(.en))")
            return nil
        }
    }

    /// `text` as a whole number within `range`.
    package mutating func int(_ column: String, _ text: String, _ range: ClosedRange<Int>, item: Int? = nil) -> Int? {
        if let v = Int(text), range.contains(v) { return v }
        let w = Self.what(item)
        bad(column, vi: "\"\(column)\"\(w.vi) phải là số nguyên trong \(range.lowerBound)…\(range.upperBound), không phải \"\(text)\"",
            en: "\"\(column)\"\(w.en) must be a whole number within \(range.lowerBound)…\(range.upperBound), not \"\(text)\"")
        return nil
    }

    /// `1`/`0`, or `empty` for an empty cell.
    mutating func flag(_ column: String, empty: Bool) -> Bool {
        switch text(column) {
        case "": return empty
        case "1": return true
        case "0": return false
        case let other:
            bad(column, vi: "\"\(column)\" phải là 1 (có) hoặc 0 (không), không phải \"\(other)\"",
                en: "\"\(column)\" must be 1 (yes) or 0 (no), not \"\(other)\"")
            return empty
        }
    }

    /// A code of `E`, `nil` for an empty cell.
    mutating func code<E: RawRepresentable & CaseIterable>(_ column: String, _ text: String, as _: E.Type, item: Int? = nil) -> E?
    where E.RawValue == String {
        if text.isEmpty { return nil }
        if let e = E(rawValue: text) { return e }
        let allowed = E.allCases.map(\.rawValue).joined(separator: ", "), w = Self.what(item)
        bad(column, vi: "\"\(column)\"\(w.vi) phải là một trong: \(allowed) (không phải \"\(text)\")",
            en: "\"\(column)\"\(w.en) must be one of \(allowed) (not \"\(text)\")")
        return nil
    }

    /// The items of a list cell parallel to `key`, which has `count` items: an empty cell is
    /// `count` empty items unless `required`.
    mutating func parallel(_ column: String, to key: String, count: Int, required: Bool = false) -> [String]? {
        let items = NomineeCSV.split(text(column))
        if items.isEmpty && count > 0 && !required { return Array(repeating: "", count: count) }
        if count == 0 && !items.isEmpty {
            bad(column, vi: "\"\(column)\" có giá trị nhưng \"\(key)\" rỗng; hãy ghi \"\(key)\" hoặc xoá ô này",
                en: "\"\(column)\" is filled but \"\(key)\" is empty; fill \"\(key)\" or clear this cell")
            return nil
        }
        guard items.count == count, !required || !items.contains("") else {
            bad(column, vi: "\"\(column)\" cần đúng \(count) mục khác rỗng, cách nhau bằng |, như \"\(key)\" (đang có \(items.count))",
                en: "\"\(column)\" needs exactly \(count) non-empty items separated by |, as many as \"\(key)\" (it has \(items.count))")
            return nil
        }
        return items
    }
}
