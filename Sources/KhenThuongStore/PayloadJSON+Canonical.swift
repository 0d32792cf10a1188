import Foundation
import KhenThuongCore

/// Builds record payloads as `PayloadJSON` trees and writes them canonically (keys sorted,
/// no spaces, the way every payload in the chain is written).
extension PayloadJSON {
    /// The canonical text of this value (`CanonicalJSONWriter`, keys in sorted order).
    package var canonicalText: String {
        var w = CanonicalJSONWriter(capacity: 512)
        Self.write(self, into: &w)
        return w.text
    }

    private static func write(_ v: PayloadJSON, into w: inout CanonicalJSONWriter) {
        switch v {
        case .null: w.null()
        case .bool(let b): w.bool(b)
        case .number(let d): w.double(d)
        case .string(let s): w.string(s)
        case .array(let items):
            w.punctuation("[")
            for (i, item) in items.enumerated() {
                if i > 0 { w.punctuation(",") }
                write(item, into: &w)
            }
            w.punctuation("]")
        case .object(let members):
            w.punctuation("{")
            for (i, key) in members.keys.sorted().enumerated() {
                if i > 0 { w.punctuation(",") }
                w.key(key)
                write(members[key]!, into: &w)
            }
            w.punctuation("}")
        }
    }

    package static func int(_ n: Int) -> PayloadJSON { .number(Double(n)) }
    package static func strings(_ list: [String]) -> PayloadJSON { .array(list.map { .string($0) }) }

    package var array: [PayloadJSON]? { if case .array(let a) = self { a } else { nil } }
    package var bool: Bool? { if case .bool(let b) = self { b } else { nil } }
}
