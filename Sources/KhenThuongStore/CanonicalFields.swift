import KhenThuongCore

/// Reads a few top-level string fields of a payload the store wrote (`CanonicalJSONWriter`:
/// one object, no spaces) without building the whole JSON value: an audit walk over a million
/// events needs three fields of each creation, and decoding every creation in full was a
/// tenth of `verify`'s work.
///
/// A strict reader of JSON's grammar for what it skips (strings with their escapes, numbers,
/// literals, nested objects and arrays); it answers `nil` rather than guess whenever the text
/// is not plainly such an object or a wanted value is not a string without escapes, and the
/// caller then reads the payload with `JSONParser`, the one full parser.
package enum CanonicalFields {
    /// The values of `keys` (top-level string members), in the order of `keys`; `nil` when the
    /// text is not a flat reading as described above or a key is missing.
    package static func strings(_ text: String, keys: [StaticString]) -> [String]? {
        var text = text
        return text.withUTF8 { bytes -> [String]? in
            var found = [String?](repeating: nil, count: keys.count)
            var i = 0
            let n = bytes.count
            func skipSpace() { while i < n, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 { i += 1 } }
            /// Skips a string starting at `i` (on its quote); returns the range of its content and
            /// whether it held an escape.
            func skipString() -> (Range<Int>, Bool)? {
                guard i < n, bytes[i] == 0x22 else { return nil }
                i += 1
                let start = i
                var escaped = false
                while i < n {
                    switch bytes[i] {
                    case 0x22:
                        let range = start..<i
                        i += 1
                        return (range, escaped)
                    case 0x5C:
                        escaped = true
                        i += 2
                    case 0..<0x20:
                        return nil
                    default:
                        i += 1
                    }
                }
                return nil
            }
            /// Skips any value starting at `i`.
            func skipValue(depth: Int) -> Bool {
                guard i < n, depth < 64 else { return false }
                switch bytes[i] {
                case 0x22:
                    return skipString() != nil
                case 0x7B, 0x5B: // { [
                    let close: UInt8 = bytes[i] == 0x7B ? 0x7D : 0x5D
                    let isObject = close == 0x7D
                    i += 1
                    skipSpace()
                    if i < n, bytes[i] == close { i += 1; return true }
                    while true {
                        if isObject {
                            guard skipString() != nil else { return false }
                            skipSpace()
                            guard i < n, bytes[i] == 0x3A else { return false }
                            i += 1
                            skipSpace()
                        }
                        guard skipValue(depth: depth + 1) else { return false }
                        skipSpace()
                        guard i < n else { return false }
                        if bytes[i] == 0x2C { i += 1; skipSpace(); continue }
                        if bytes[i] == close { i += 1; return true }
                        return false
                    }
                default:
                    // A number or a literal: up to the next delimiter, made only of their bytes.
                    let start = i
                    while i < n {
                        let b = bytes[i]
                        if b == 0x2C || b == 0x7D || b == 0x5D || b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 { break }
                        guard (b >= 0x30 && b <= 0x39) || b == 0x2D || b == 0x2B || b == 0x2E || (b >= 0x61 && b <= 0x7A) || b == 0x45 else { return false }
                        i += 1
                    }
                    return i > start
                }
            }
            func matches(_ range: Range<Int>, _ key: StaticString) -> Bool {
                guard range.count == key.utf8CodeUnitCount else { return false }
                let k = key.utf8Start
                for j in 0..<range.count where bytes[range.lowerBound + j] != k[j] { return false }
                return true
            }
            skipSpace()
            guard i < n, bytes[i] == 0x7B else { return nil }
            i += 1
            skipSpace()
            if i < n, bytes[i] == 0x7D { return nil }
            while true {
                guard let (keyRange, keyEscaped) = skipString(), !keyEscaped else { return nil }
                skipSpace()
                guard i < n, bytes[i] == 0x3A else { return nil }
                i += 1
                skipSpace()
                if let wanted = keys.firstIndex(where: { matches(keyRange, $0) }) {
                    guard found[wanted] == nil, let (valueRange, escaped) = skipString(), !escaped else { return nil }
                    found[wanted] = String(decoding: UnsafeBufferPointer(rebasing: bytes[valueRange]), as: UTF8.self)
                } else {
                    guard skipValue(depth: 1) else { return nil }
                }
                skipSpace()
                guard i < n else { return nil }
                if bytes[i] == 0x2C { i += 1; skipSpace(); continue }
                guard bytes[i] == 0x7D else { return nil }
                i += 1
                skipSpace()
                guard i == n else { return nil }
                break
            }
            let values = found.compactMap { $0 }
            return values.count == keys.count ? values : nil
        }
    }
}

extension EventPayload {
    /// A creation's dossier id, workflow, proposing and addressed units: read lightly when the
    /// payload is plainly the store's own, else decoded in full; `nil` when it does not decode.
    package static func creationUnits(_ payload: String) -> (id: String, workflow: String, proposer: String, addressee: String)? {
        if let v = CanonicalFields.strings(payload, keys: ["id", "workflowID", "proposerUnit", "addresseeUnit"]) {
            return (v[0], v[1], v[2], v[3])
        }
        guard let d = try? decodeDossier(payload) else { return nil }
        return (d.id, d.workflowID, d.proposerUnit, d.addresseeUnit)
    }
}
