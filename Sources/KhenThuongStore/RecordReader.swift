import Foundation
import KhenThuongCore

/// Reads the members of a stored record's payload (or of an object nested in it), naming the
/// field in every error: `recipients[0].dossier: missing or not a string`.
///
/// The payload is parsed once with `JSONParser.parseVerbatim`, so strings read back exactly as
/// they were written.
package struct RecordReader {
    /// What the record is about (the event's subject).
    package let subject: RecordSubject
    /// The object being read.
    package let value: JSONValue
    /// Where it sits in the payload: empty at the root, else e.g. `recipients[0]`.
    package let path: String

    /// Parses a stored payload, which must be a JSON object.
    /// - Throws: `RecordDecodingError` on the field `$` when it is malformed JSON or no object.
    package init(payload text: String, subject: RecordSubject) throws(RecordDecodingError) {
        let root: JSONValue
        do { root = try JSONParser.parseVerbatim(text) } catch {
            throw RecordDecodingError(field: "$", detail: "malformed JSON at \(error.position): \(error.message)")
        }
        guard case .object = root else { throw RecordDecodingError(field: "$", detail: "the payload is not a JSON object") }
        self.init(subject: subject, value: root, path: "")
    }

    private init(subject: RecordSubject, value: JSONValue, path: String) {
        self.subject = subject
        self.value = value
        self.path = path
    }

    /// The object as a positioned value (`SourcePosition.none`), for the definition readers
    /// that read a record written in a definition file's format.
    package var positioned: JSONValue.Positioned { JSONValue.Positioned(value: value, position: .none) }

    /// The path of `key` in this object, for messages.
    package func field(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    /// An error on the member `key`.
    package func fail(_ key: String, _ detail: String) -> RecordDecodingError {
        RecordDecodingError(field: field(key), detail: detail)
    }

    /// The member `key`, or `nil` when it is absent or `null`.
    package func optionalValue(_ key: String) -> JSONValue? {
        guard let v = value[key], v != .null else { return nil }
        return v
    }

    // MARK: Strings

    package func string(_ key: String) throws(RecordDecodingError) -> String {
        guard let s = value[key]?.string else { throw fail(key, "missing or not a string") }
        return s
    }

    /// A string that may not be empty (a number, a name the contract requires).
    package func nonEmptyString(_ key: String) throws(RecordDecodingError) -> String {
        guard let s = value[key]?.string, !s.isEmpty else { throw fail(key, "missing, empty or not a string") }
        return s
    }

    /// A string, or `nil` when the member is absent or `null`.
    package func optionalString(_ key: String) throws(RecordDecodingError) -> String? {
        guard let v = optionalValue(key) else { return nil }
        guard let s = v.string else { throw fail(key, "not a string") }
        return s
    }

    package func strings(_ key: String) throws(RecordDecodingError) -> [String] {
        guard let s = value[key]?.strings else { throw fail(key, "missing or not an array of strings") }
        return s
    }

    /// An array of strings, or `nil` when the member is absent or `null`.
    package func optionalStrings(_ key: String) throws(RecordDecodingError) -> [String]? {
        guard let v = optionalValue(key) else { return nil }
        guard let s = v.strings else { throw fail(key, "not an array of strings") }
        return s
    }

    /// A string that is one of `E`'s raw values.
    package func oneOf<E: RawRepresentable & CaseIterable>(_ key: String, _ type: E.Type) throws(RecordDecodingError) -> E
        where E.RawValue == String {
        let text = try string(key)
        guard let v = E(rawValue: text) else {
            throw fail(key, "“\(text)” is not one of \(E.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return v
    }

    /// A `YYYY-MM-DD` date.
    package func date(_ key: String) throws(RecordDecodingError) -> CivilDate {
        let text = try nonEmptyString(key)
        guard let d = try? CivilDate(parsing: text) else { throw fail(key, "“\(text)” is not a YYYY-MM-DD date") }
        return d
    }

    // MARK: Numbers and booleans

    package func int(_ key: String) throws(RecordDecodingError) -> Int {
        guard let n = value[key]?.int else { throw fail(key, "missing or not an integer") }
        return n
    }

    /// An integer, or `nil` when the member is absent or `null`.
    package func optionalInt(_ key: String) throws(RecordDecodingError) -> Int? {
        guard let v = optionalValue(key) else { return nil }
        guard let n = v.int else { throw fail(key, "not an integer") }
        return n
    }

    package func number(_ key: String) throws(RecordDecodingError) -> Double {
        guard let d = value[key]?.double else { throw fail(key, "missing or not a number") }
        return d
    }

    package func bool(_ key: String) throws(RecordDecodingError) -> Bool {
        guard let b = value[key]?.bool else { throw fail(key, "missing or not true or false") }
        return b
    }

    /// A boolean, or `nil` when the member is absent or `null`.
    package func optionalBool(_ key: String) throws(RecordDecodingError) -> Bool? {
        guard let v = optionalValue(key) else { return nil }
        guard let b = v.bool else { throw fail(key, "not true or false") }
        return b
    }

    // MARK: Nested objects

    /// The object at `key`.
    package func object(_ key: String) throws(RecordDecodingError) -> RecordReader {
        guard let v = value[key], case .object = v else { throw fail(key, "missing or not an object") }
        return RecordReader(subject: subject, value: v, path: field(key))
    }

    /// The object at `key`, or `nil` when the member is absent or `null`.
    package func optionalObject(_ key: String) throws(RecordDecodingError) -> RecordReader? {
        guard let v = optionalValue(key) else { return nil }
        guard case .object = v else { throw fail(key, "not an object") }
        return RecordReader(subject: subject, value: v, path: field(key))
    }

    /// The objects of the array at `key`, each read at `key[i]`.
    package func objects(_ key: String) throws(RecordDecodingError) -> [RecordReader] {
        guard let items = value[key]?.elements else { throw fail(key, "missing or not an array") }
        var out: [RecordReader] = []
        out.reserveCapacity(items.count)
        for (i, item) in items.enumerated() {
            guard case .object = item else { throw fail("\(key)[\(i)]", "not an object") }
            out.append(RecordReader(subject: subject, value: item, path: field("\(key)[\(i)]")))
        }
        return out
    }
}
