import Foundation
import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore

/// Nominee facts as a store record's payload: the JSON of ``NomineeLoader`` / ``NomineeExporter``
/// for one nominee, written canonically (keys sorted, no spaces) under `"nominee"`.
///
/// `{"nominee": {…one nominee as in nominees.json…}, "source": "nominees-2025.json"}`
extension NomineeFacts {
    /// The record name facts are stored under on a dossier.
    public static let recordName = "nominee_facts"

    /// The canonical payload of a `nominee_facts` record.
    /// - Parameter source: where the facts were read from (a file name), kept for the auditor.
    public func payload(source: String) -> String {
        var w = CanonicalJSONWriter(capacity: 512)
        JSONTree.object([("nominee", NomineeExporter.tree(self)), ("source", .string(source))]).writeCanonical(into: &w)
        return w.text
    }

    /// Reads the nominee of a `nominee_facts` payload.
    /// - Returns: the facts, or the findings (with `file` naming the record) when the payload
    ///   is not a valid nominee.
    public static func fromPayload(_ text: String, file: String) -> (NomineeFacts?, [LintFinding]) {
        let root: JSONValue.Positioned
        do { root = try JSONParser.parse(text) } catch { return (nil, [LintFinding.malformed(file, error)]) }
        var reader = FactReader(file: file)
        guard let n = root["nominee"] else {
            reader.invalid("$.nominee", root, vi: "thiếu \"nominee\"", en: "\"nominee\" is missing")
            return (nil, reader.findings)
        }
        let facts = NomineeLoader.nominee(n, "$.nominee", &reader)
        return (reader.findings.isEmpty ? facts : nil, reader.findings)
    }
}

extension JSONTree {
    /// Writes the tree as canonical JSON: object keys sorted, no spaces.
    func writeCanonical(into w: inout CanonicalJSONWriter) {
        switch self {
        case .null: w.null()
        case .bool(let b): w.bool(b)
        case .int(let i): w.int(i)
        case .string(let s): w.string(s)
        case .array(let items):
            w.punctuation("[")
            for (i, item) in items.enumerated() {
                if i > 0 { w.punctuation(",") }
                item.writeCanonical(into: &w)
            }
            w.punctuation("]")
        case .object(let members):
            w.punctuation("{")
            for (i, (k, v)) in members.sorted(by: { Array($0.0.utf8).lexicographicallyPrecedes(Array($1.0.utf8)) }).enumerated() {
                if i > 0 { w.punctuation(",") }
                w.key(k)
                v.writeCanonical(into: &w)
            }
            w.punctuation("}")
        }
    }
}
