import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore

extension MovementLoader {
    /// The definition as canonical JSON (sorted keys, no spaces), as `movement create` records it.
    /// - Throws: the findings when the text is not a valid definition.
    public static func canonical(_ text: String, file: String) throws(MovementDefinitionError) -> (Movement, String) {
        let (movement, findings) = parse(text, file: file)
        guard let movement, let root = try? JSONParser.parse(text.nfc) else {
            throw MovementDefinitionError(file: file, findings: findings)
        }
        var w = CanonicalJSONWriter(capacity: text.utf8.count)
        CanonicalJSON.write(root.value, into: &w)
        return (movement, w.text)
    }
}

/// Any JSON value written canonically: keys sorted, numbers as integers when whole.
enum CanonicalJSON {
    static func write(_ value: JSONValue, into w: inout CanonicalJSONWriter) {
        switch value {
        case .null: w.null()
        case .bool(let b): for c in (b ? "true" : "false").unicodeScalars { w.punctuation(c) }
        case .number(let d):
            if d.rounded() == d, abs(d) < 9e15 { w.int(Int64(d)) } else { w.double(d) }
        case .string(let s): w.string(s)
        case .array(let items):
            w.punctuation("[")
            for (i, item) in items.enumerated() {
                if i > 0 { w.punctuation(",") }
                write(item.value, into: &w)
            }
            w.punctuation("]")
        case .object(let members):
            w.punctuation("{")
            for (i, m) in members.sorted(by: { Array($0.key.utf8).lexicographicallyPrecedes(Array($1.key.utf8)) }).enumerated() {
                if i > 0 { w.punctuation(",") }
                w.key(m.key)
                write(m.value.value, into: &w)
            }
            w.punctuation("}")
        }
    }
}
