/// Reads typed values out of positioned JSON, turning every bad value into a finding with
/// file, line:column and JSON path instead of stopping at the first one.
package struct FactReader {
    package var base: WorkflowLoader.Reader
    package var file: String { base.file }
    package var findings: [LintFinding] { base.findings }

    package init(file: String) { base = WorkflowLoader.Reader(file: file) }

    package mutating func invalid(_ path: String, _ at: JSONValue.Positioned?, vi: String, en: String) {
        base.invalid(path, at, vi: vi, en: en)
    }

    package mutating func add(_ finding: LintFinding) { base.findings.append(finding) }

    package mutating func string(_ obj: JSONValue.Positioned, _ key: String, _ path: String, required: Bool = true) -> String? {
        base.string(obj, key, path, required: required)
    }

    package mutating func text(_ obj: JSONValue.Positioned, _ key: String, _ path: String) -> LocalizedText? {
        base.text(obj, key, path)
    }

    package mutating func array(_ obj: JSONValue.Positioned, _ key: String, _ path: String, required: Bool = true) -> [JSONValue.Positioned]? {
        base.array(obj, key, path, required: required)
    }

    package mutating func int(_ obj: JSONValue.Positioned, _ key: String, _ path: String, required: Bool = true,
                      range: ClosedRange<Int>? = nil) -> Int? {
        guard let v = obj[key], v.value != .null else {
            if required { invalid("\(path).\(key)", obj, vi: "thiếu trường bắt buộc \"\(key)\" (số nguyên)", en: "the required member \"\(key)\" (an integer) is missing") }
            return nil
        }
        guard let i = v.int else {
            invalid("\(path).\(key)", v, vi: "\"\(key)\" phải là số nguyên, không phải \(v.value.typeName)", en: "\"\(key)\" must be an integer, not \(v.value.typeName)")
            return nil
        }
        if let range, !range.contains(i) {
            invalid("\(path).\(key)", v, vi: "\"\(key)\" phải trong khoảng \(range.lowerBound)…\(range.upperBound), không phải \(i)",
                    en: "\"\(key)\" must be within \(range.lowerBound)…\(range.upperBound), not \(i)")
            return nil
        }
        return i
    }

    package mutating func bool(_ obj: JSONValue.Positioned, _ key: String, _ path: String, default value: Bool) -> Bool {
        guard let v = obj[key], v.value != .null else { return value }
        guard let b = v.bool else {
            invalid("\(path).\(key)", v, vi: "\"\(key)\" phải là true hoặc false, không phải \(v.value.typeName)", en: "\"\(key)\" must be true or false, not \(v.value.typeName)")
            return value
        }
        return b
    }

    package mutating func date(_ obj: JSONValue.Positioned, _ key: String, _ path: String, required: Bool = false) -> CivilDate? {
        guard let v = obj[key], v.value != .null else {
            if required { invalid("\(path).\(key)", obj, vi: "thiếu trường bắt buộc \"\(key)\" (ngày YYYY-MM-DD)", en: "the required member \"\(key)\" (a date YYYY-MM-DD) is missing") }
            return nil
        }
        guard let s = v.string else {
            invalid("\(path).\(key)", v, vi: "\"\(key)\" phải là ngày dạng \"YYYY-MM-DD\", không phải \(v.value.typeName)", en: "\"\(key)\" must be a date \"YYYY-MM-DD\", not \(v.value.typeName)")
            return nil
        }
        do { return try CivilDate(parsing: s) } catch {
            invalid("\(path).\(key)", v, vi: "\"\(key)\": \(error.message(.vi))", en: "\"\(key)\": \(error.message(.en))")
            return nil
        }
    }

    /// A value of a string-coded enum; a bad code is reported with the allowed codes.
    package mutating func code<E: RawRepresentable & CaseIterable>(_ obj: JSONValue.Positioned, _ key: String, _ path: String,
                                                          as: E.Type, required: Bool = false) -> E? where E.RawValue == String {
        guard let v = obj[key], v.value != .null, v.string != "" else {
            if required { invalid("\(path).\(key)", obj, vi: "thiếu trường bắt buộc \"\(key)\"", en: "the required member \"\(key)\" is missing") }
            return nil
        }
        let allowed = E.allCases.map(\.rawValue).joined(separator: ", ")
        guard let s = v.string, let e = E(rawValue: s) else {
            let shown = v.string.map { "\"\($0)\"" } ?? v.value.typeName
            invalid("\(path).\(key)", v, vi: "\"\(key)\" phải là một trong: \(allowed) (không phải \(shown))",
                    en: "\"\(key)\" must be one of \(allowed) (not \(shown))")
            return nil
        }
        return e
    }
}
