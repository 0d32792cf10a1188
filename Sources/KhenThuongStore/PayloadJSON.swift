import KhenThuongCore
/// A JSON value read back from an event payload or a projection column.
///
/// Unlike `JSONParser` (for definitions), it keeps strings exactly as stored (no Unicode
/// normalisation) and does not track positions: the store must read back the bytes it wrote.
package enum PayloadJSON: Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([PayloadJSON])
    case object([String: PayloadJSON])

    /// Parses one JSON document.
    /// - Throws: `PayloadJSON.SyntaxError` with the byte offset and what was expected.
    package static func parse(_ text: String) throws(SyntaxError) -> PayloadJSON {
        var reader = Reader(bytes: Array(text.utf8))
        reader.skipWhitespace()
        let value = try reader.value(depth: 0)
        reader.skipWhitespace()
        guard reader.index == reader.bytes.count else { throw reader.fail("end of text") }
        return value
    }

    /// Malformed JSON: the byte offset and what was expected there.
    package struct SyntaxError: Error, Equatable {
        var offset: Int
        var expected: String
        var description: String { "malformed JSON at byte \(offset): expected \(expected)" }
    }

    package subscript(key: String) -> PayloadJSON? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    package var string: String? { if case .string(let s) = self { s } else { nil } }
    package var double: Double? { if case .number(let d) = self { d } else { nil } }
    package var int: Int? {
        if case .number(let d) = self, d.rounded() == d, abs(d) < 9e15 { Int(d) } else { nil }
    }
    package var isNull: Bool { self == .null }
    package var strings: [String]? {
        guard case .array(let items) = self else { return nil }
        var out: [String] = []
        out.reserveCapacity(items.count)
        for item in items {
            guard let s = item.string else { return nil }
            out.append(s)
        }
        return out
    }

    private struct Reader {
        let bytes: [UInt8]
        var index = 0

        func fail(_ expected: String) -> SyntaxError { SyntaxError(offset: index, expected: expected) }

        mutating func skipWhitespace() {
            while index < bytes.count, [0x20, 0x09, 0x0a, 0x0d].contains(bytes[index]) { index += 1 }
        }

        mutating func value(depth: Int) throws(SyntaxError) -> PayloadJSON {
            guard depth < 64 else { throw fail("less nesting (at most 64 levels)") }
            guard index < bytes.count else { throw fail("a value") }
            switch bytes[index] {
            case UInt8(ascii: "{"): return try object(depth: depth)
            case UInt8(ascii: "["): return try array(depth: depth)
            case UInt8(ascii: "\""): return .string(try string())
            case UInt8(ascii: "t"): try word("true"); return .bool(true)
            case UInt8(ascii: "f"): try word("false"); return .bool(false)
            case UInt8(ascii: "n"): try word("null"); return .null
            default: return .number(try number())
            }
        }

        mutating func word(_ w: String) throws(SyntaxError) {
            for byte in w.utf8 {
                guard index < bytes.count, bytes[index] == byte else { throw fail("“\(w)”") }
                index += 1
            }
        }

        mutating func object(depth: Int) throws(SyntaxError) -> PayloadJSON {
            index += 1
            var members: [String: PayloadJSON] = [:]
            skipWhitespace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "}") { index += 1; return .object(members) }
            while true {
                skipWhitespace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw fail("a key in quotes") }
                let key = try string()
                skipWhitespace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw fail("“:”") }
                index += 1
                skipWhitespace()
                members[key] = try value(depth: depth + 1)
                skipWhitespace()
                guard index < bytes.count else { throw fail("“,” or “}”") }
                if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                guard bytes[index] == UInt8(ascii: "}") else { throw fail("“,” or “}”") }
                index += 1
                return .object(members)
            }
        }

        package mutating func array(depth: Int) throws(SyntaxError) -> PayloadJSON {
            index += 1
            var items: [PayloadJSON] = []
            skipWhitespace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "]") { index += 1; return .array(items) }
            while true {
                skipWhitespace()
                items.append(try value(depth: depth + 1))
                skipWhitespace()
                guard index < bytes.count else { throw fail("“,” or “]”") }
                if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                guard bytes[index] == UInt8(ascii: "]") else { throw fail("“,” or “]”") }
                index += 1
                return .array(items)
            }
        }

        package mutating func string() throws(SyntaxError) -> String {
            index += 1
            var out: [UInt8] = []
            var runStart = index
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") {
                    out.append(contentsOf: bytes[runStart..<index])
                    index += 1
                    return String(decoding: out, as: UTF8.self)
                }
                if byte < 0x20 { throw fail("no raw control character in a string") }
                if byte != UInt8(ascii: "\\") { index += 1; continue }
                out.append(contentsOf: bytes[runStart..<index])
                index += 1
                guard index < bytes.count else { throw fail("an escape") }
                let escape = bytes[index]
                index += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(escape)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0c)
                case UInt8(ascii: "n"): out.append(0x0a)
                case UInt8(ascii: "r"): out.append(0x0d)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = try hex4()
                    if (0xd800..<0xdc00).contains(scalar) {
                        guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                            throw fail("a low surrogate after a high surrogate")
                        }
                        index += 2
                        let low = try hex4()
                        guard (0xdc00..<0xe000).contains(low) else { throw fail("a low surrogate") }
                        scalar = 0x10000 + ((scalar - 0xd800) << 10) + (low - 0xdc00)
                    }
                    guard let u = Unicode.Scalar(scalar) else { throw fail("a valid Unicode scalar") }
                    out.append(contentsOf: Array(String(Character(u)).utf8))
                default: throw fail("a valid escape")
                }
                runStart = index
            }
            throw fail("a closing quote")
        }

        mutating func hex4() throws(SyntaxError) -> UInt32 {
            guard index + 4 <= bytes.count else { throw fail("four hex digits") }
            var v: UInt32 = 0
            for _ in 0..<4 {
                let c = bytes[index]
                let d: UInt32
                switch c {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt32(c - UInt8(ascii: "0"))
                case UInt8(ascii: "a")...UInt8(ascii: "f"): d = UInt32(c - UInt8(ascii: "a") + 10)
                case UInt8(ascii: "A")...UInt8(ascii: "F"): d = UInt32(c - UInt8(ascii: "A") + 10)
                default: throw fail("a hex digit")
                }
                v = v * 16 + d
                index += 1
            }
            return v
        }

        mutating func number() throws(SyntaxError) -> Double {
            let start = index
            while index < bytes.count, "+-.0123456789eE".utf8.contains(bytes[index]) { index += 1 }
            guard index > start, let d = Double(String(decoding: bytes[start..<index], as: UTF8.self)), d.isFinite else {
                index = start
                throw fail("a number")
            }
            return d
        }
    }
}
