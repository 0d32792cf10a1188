import Foundation
import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore

/// Why a council, decision, package or revocation command recorded nothing: what is wrong,
/// where, and how to fix it, in both languages.
public struct CouncilError: Error, Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// The rules refuse it (quorum, threshold, wrong unit, wrong state…): exit 1.
        case refused
        /// The input or the store is wrong (malformed file, unknown id, tampered package): exit 3.
        case data
    }

    public var kind: Kind
    public var message: LocalizedText

    public init(_ kind: Kind, vi: String, en: String) {
        self.kind = kind
        self.message = LocalizedText(vi: vi, en: en)
    }

    static func refused(vi: String, en: String) -> CouncilError { CouncilError(.refused, vi: vi, en: en) }
    static func data(vi: String, en: String) -> CouncilError { CouncilError(.data, vi: vi, en: en) }
}

/// Reads a positioned JSON document, naming `file:line:column` and the JSON path in every error.
struct DataFileReader {
    let file: String
    let root: JSONValue.Positioned

    init(text: String, file: String) throws(CouncilError) {
        self.file = file
        do { root = try JSONParser.parse(text) } catch {
            throw .data(vi: "\(file):\(error.position): \(error.malformed.vi)", en: "\(file):\(error.position): \(error.malformed.en)")
        }
    }

    func fail(_ at: JSONValue.Positioned, _ path: String, vi: String, en: String) -> CouncilError {
        .data(vi: "\(file):\(at.position): \(path): \(vi)", en: "\(file):\(at.position): \(path): \(en)")
    }

    package func string(_ v: JSONValue.Positioned, _ key: String, _ path: String) throws(CouncilError) -> String {
        guard let s = v[key]?.string, !s.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw fail(v[key] ?? v, "\(path).\(key)", vi: "cần một chuỗi không rỗng", en: "a non-empty string is needed")
        }
        return s.nfc
    }

    package func int(_ v: JSONValue.Positioned, _ key: String, _ path: String) throws(CouncilError) -> Int {
        guard let n = v[key]?.int else {
            throw fail(v[key] ?? v, "\(path).\(key)", vi: "cần một số nguyên", en: "an integer is needed")
        }
        return n
    }

    package func double(_ v: JSONValue.Positioned, _ key: String, _ path: String) throws(CouncilError) -> Double {
        guard let n = v[key]?.double else {
            throw fail(v[key] ?? v, "\(path).\(key)", vi: "cần một số", en: "a number is needed")
        }
        return n
    }

    func date(_ v: JSONValue.Positioned, _ key: String, _ path: String) throws(CouncilError) -> CivilDate {
        let text = try string(v, key, path)
        guard let d = try? CivilDate(parsing: text) else {
            throw fail(v[key] ?? v, "\(path).\(key)", vi: "“\(text)” không phải ngày YYYY-MM-DD", en: "“\(text)” is not a YYYY-MM-DD date")
        }
        return d
    }

    package func text(_ v: JSONValue.Positioned, _ key: String, _ path: String) throws(CouncilError) -> LocalizedText {
        guard let t = v[key] else {
            throw fail(v, "\(path).\(key)", vi: "thiếu {\"vi\": …, \"en\": …}", en: "missing {\"vi\": …, \"en\": …}")
        }
        return LocalizedText(vi: try string(t, "vi", "\(path).\(key)"), en: try string(t, "en", "\(path).\(key)"))
    }

    /// `nil` when `key` is absent; an error when it holds anything but `true` or `false`.
    func optionalBool(_ v: JSONValue.Positioned, _ key: String, _ path: String) throws(CouncilError) -> Bool? {
        guard let value = v[key] else { return nil }
        guard let b = value.bool else {
            throw fail(value, "\(path).\(key)", vi: "cần true hoặc false", en: "true or false is needed")
        }
        return b
    }

    package func array(_ v: JSONValue.Positioned, _ key: String, _ path: String) throws(CouncilError) -> [JSONValue.Positioned] {
        guard let a = v[key]?.array else {
            throw fail(v[key] ?? v, "\(path).\(key)", vi: "cần một mảng", en: "an array is needed")
        }
        return a
    }
}
