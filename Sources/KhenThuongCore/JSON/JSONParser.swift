import Foundation

/// A malformed JSON text: what is wrong and where.
public struct JSONSyntaxError: Error, Sendable, Equatable {
    /// Where the problem was found.
    public var position: SourcePosition
    /// A sentence saying what is wrong, in Vietnamese and English.
    public var text: LocalizedText

    /// What is wrong, in English.
    public var message: String { text.en }

    /// “JSON không hợp lệ: …” / “malformed JSON: …”, for a finding's message.
    public var malformed: LocalizedText {
        .init(vi: "JSON không hợp lệ: \(text.vi)", en: "malformed JSON: \(text.en)")
    }

    public init(position: SourcePosition, text: LocalizedText) {
        self.position = position
        self.text = text
    }
}

/// A strict RFC 8259 JSON parser: the one JSON reader of the program, for definitions and for
/// what the store wrote.
///
/// `parse` reads definitions: it records line and column of every value (Foundation's
/// `JSONSerialization` loses positions; definitions need them for messages such as
/// `yearly.json:42:9 $.transitions[3].to: unknown state "foo"`) and normalises strings to NFC.
/// `parseVerbatim` reads stored text (event payloads, packages): strings exactly as written and
/// no positions, which also makes it fast on the store's replay paths. Duplicate keys are an
/// error either way.
public struct JSONParser {
    private let bytes: [UInt8]
    private var index = 0
    private var line = 1
    private var lineStart = 0
    /// The byte `here()` last counted to, and the column there.
    private var columnFrom = 0
    private var columnAt = 1
    /// Definitions: strings to NFC, each value's position recorded.
    private let definitions: Bool
    /// Whether the bytes came from a `String`, hence are valid UTF-8 (and so is every string
    /// between two quotes): strings need no validation then.
    private let validUTF8: Bool
    /// Whether the string last parsed had an escape or a byte outside ASCII.
    private var lastStringPlainASCII = true

    /// Parses `text` into a positioned value, strings normalised to NFC.
    /// - Throws: `JSONSyntaxError` naming line, column and what was expected.
    public static func parse(_ text: String) throws(JSONSyntaxError) -> JSONValue.Positioned {
        var parser = JSONParser(bytes: Array(text.utf8), definitions: true, validUTF8: true)
        return try parser.parseDocument()
    }

    /// Parses raw UTF-8 bytes into a positioned value, strings normalised to NFC.
    public static func parse(bytes: [UInt8]) throws(JSONSyntaxError) -> JSONValue.Positioned {
        var parser = JSONParser(bytes: bytes, definitions: true, validUTF8: false)
        return try parser.parseDocument()
    }

    /// Parses text the program wrote (an event payload, a package) as it is: strings are not
    /// normalised, so they read back byte for byte, and values carry no position
    /// (`SourcePosition.none`; an error still names its line and column).
    /// - Throws: `JSONSyntaxError` naming line, column and what was expected.
    public static func parseVerbatim(_ text: String) throws(JSONSyntaxError) -> JSONValue {
        var parser = JSONParser(bytes: Array(text.utf8), definitions: false, validUTF8: true)
        return try parser.parseDocument().value
    }

    private init(bytes: [UInt8], definitions: Bool, validUTF8: Bool) {
        self.bytes = bytes
        self.definitions = definitions
        self.validUTF8 = validUTF8
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3; lineStart = 3 }
    }

    /// Where `index` is. Column counts Unicode scalars, not bytes, so editors agree with it.
    ///
    /// Counted on from the last position asked for on the same line, so a minified file (one
    /// line of any length) costs one pass over the line in all, not one per value.
    private mutating func here() -> SourcePosition {
        if columnFrom < lineStart || columnFrom > index {
            columnFrom = lineStart
            columnAt = 1
        }
        var column = columnAt
        var i = columnFrom
        while i < index && i < bytes.count {
            if bytes[i] & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        columnFrom = i
        columnAt = column
        return SourcePosition(line: line, column: column)
    }

    private mutating func fail(_ text: LocalizedText) -> JSONSyntaxError {
        JSONSyntaxError(position: here(), text: text)
    }

    private mutating func parseDocument() throws(JSONSyntaxError) -> JSONValue.Positioned {
        skipWhitespace()
        if index >= bytes.count { throw fail(.init(vi: "tệp rỗng; cần một đối tượng JSON", en: "the file is empty; expected a JSON object")) }
        let value = try parseValue(depth: 0)
        skipWhitespace()
        if index < bytes.count {
            throw fail(.init(vi: "gặp \(describeCurrent(.vi)) sau khi giá trị JSON đã kết thúc", en: "unexpected \(describeCurrent(.en)) after the end of the JSON value"))
        }
        return value
    }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0D: index += 1
            case 0x0A:
                index += 1
                line += 1
                lineStart = index
            default: return
            }
        }
    }

    private func describeCurrent(_ language: Language) -> String {
        let vi = language == .vi
        guard index < bytes.count else { return vi ? "cuối tệp" : "end of file" }
        let b = bytes[index]
        if b >= 0x20 && b < 0x7F { return vi ? "ký tự '\(Character(UnicodeScalar(b)))'" : "character '\(Character(UnicodeScalar(b)))'" }
        // A letter such as 'đ' outside quotes: name the character, not its first UTF-8 byte.
        if b >= 0xC2 && b <= 0xF4 {
            let length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2
            if index + length <= bytes.count,
               let c = String(validating: bytes[index..<index + length], as: UTF8.self)?.first {
                return vi ? "ký tự '\(c)'" : "character '\(c)'"
            }
        }
        return vi ? "byte 0x\(String(b, radix: 16))" : "byte 0x\(String(b, radix: 16))"
    }

    private mutating func parseValue(depth: Int) throws(JSONSyntaxError) -> JSONValue.Positioned {
        guard depth < 200 else { throw fail(.init(vi: "lồng sâu quá 200 cấp", en: "nesting deeper than 200 levels")) }
        let start = definitions ? here() : .none
        guard index < bytes.count else { throw fail(.init(vi: "tệp kết thúc đột ngột; cần một giá trị", en: "unexpected end of file; expected a value")) }
        switch bytes[index] {
        case UInt8(ascii: "{"): return .init(value: try parseObject(depth: depth), position: start)
        case UInt8(ascii: "["): return .init(value: try parseArray(depth: depth), position: start)
        case UInt8(ascii: "\""): return .init(value: .string(try parseString()), position: start)
        case UInt8(ascii: "t"): try expectWord("true"); return .init(value: .bool(true), position: start)
        case UInt8(ascii: "f"): try expectWord("false"); return .init(value: .bool(false), position: start)
        case UInt8(ascii: "n"): try expectWord("null"); return .init(value: .null, position: start)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return .init(value: .number(try parseNumber()), position: start)
        default:
            throw fail(.init(vi: "gặp \(describeCurrent(.vi)); cần một giá trị (đối tượng, mảng, chuỗi, số, true, false hoặc null)", en: "unexpected \(describeCurrent(.en)); expected a value (object, array, string, number, true, false or null)"))
        }
    }

    private mutating func expectWord(_ word: String) throws(JSONSyntaxError) {
        for b in word.utf8 {
            guard index < bytes.count, bytes[index] == b else {
                throw fail(.init(vi: "gặp \(describeCurrent(.vi)); cần '\(word)'", en: "unexpected \(describeCurrent(.en)); expected '\(word)'"))
            }
            index += 1
        }
    }

    private mutating func parseObject(depth: Int) throws(JSONSyntaxError) -> JSONValue {
        index += 1
        var members: [JSONValue.Member] = []
        // A repeated key is an error. Keys in strictly ascending order (every canonical payload)
        // cannot repeat: while plain ASCII keys ascend, each is compared with the one before only.
        // Otherwise small objects are checked by looking back, larger ones with a set.
        let setThreshold = 16
        var seen = Set<String>()
        var previousKey: Range<Int>? = nil
        var ascending = true
        skipWhitespace()
        if index < bytes.count && bytes[index] == UInt8(ascii: "}") { index += 1; return .object(members) }
        while true {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
                throw fail(.init(vi: "gặp \(describeCurrent(.vi)); cần tên thuộc tính trong dấu ngoặc kép", en: "unexpected \(describeCurrent(.en)); expected a member name in double quotes"))
            }
            let keyStart = index
            let key = try parseString()
            let raw = (keyStart + 1)..<(index - 1)
            let repeated: Bool
            if ascending, lastStringPlainASCII, previousKey.map({ precedes($0, raw) }) ?? true {
                repeated = false
                previousKey = raw
            } else if members.count < setThreshold {
                ascending = false
                repeated = members.contains { $0.key == key }
            } else {
                ascending = false
                if seen.isEmpty { seen = Set(members.map(\.key)) }
                repeated = !seen.insert(key).inserted
            }
            if repeated {
                index = keyStart
                throw JSONSyntaxError(position: here(), text: .init(vi: "thuộc tính \"\(key)\" xuất hiện hai lần trong cùng một đối tượng", en: "the member \"\(key)\" appears twice in the same object"))
            }
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else {
                throw fail(.init(vi: "gặp \(describeCurrent(.vi)); cần ':' sau tên thuộc tính \"\(key)\"", en: "unexpected \(describeCurrent(.en)); expected ':' after the member name \"\(key)\""))
            }
            index += 1
            skipWhitespace()
            let value = try parseValue(depth: depth + 1)
            members.append(.init(key: key, value: value))
            skipWhitespace()
            guard index < bytes.count else { throw fail(.init(vi: "tệp kết thúc đột ngột; cần ',' hoặc '}'", en: "unexpected end of file; expected ',' or '}'")) }
            if bytes[index] == UInt8(ascii: ",") {
                let comma = (index, line, lineStart)
                index += 1
                skipWhitespace()
                if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
                    (index, line, lineStart) = comma
                    throw JSONSyntaxError(position: here(), text: .init(vi: "JSON không cho phép dấu phẩy thừa trước '}'; hãy xóa dấu phẩy đó", en: "a trailing comma before '}' is not allowed in JSON; remove the comma"))
                }
                continue
            }
            if bytes[index] == UInt8(ascii: "}") { index += 1; return .object(members) }
            throw fail(.init(vi: "gặp \(describeCurrent(.vi)); cần ',' hoặc '}' (có thiếu dấu phẩy không?)", en: "unexpected \(describeCurrent(.en)); expected ',' or '}' (is a comma missing?)"))
        }
    }

    /// Whether the bytes in `a` come before those in `b` (lexicographically).
    private func precedes(_ a: Range<Int>, _ b: Range<Int>) -> Bool {
        var i = a.lowerBound, j = b.lowerBound
        while i < a.upperBound && j < b.upperBound {
            if bytes[i] != bytes[j] { return bytes[i] < bytes[j] }
            i += 1
            j += 1
        }
        return i == a.upperBound && j < b.upperBound
    }

    private mutating func parseArray(depth: Int) throws(JSONSyntaxError) -> JSONValue {
        index += 1
        var elements: [JSONValue.Positioned] = []
        skipWhitespace()
        if index < bytes.count && bytes[index] == UInt8(ascii: "]") { index += 1; return .array(elements) }
        while true {
            skipWhitespace()
            elements.append(try parseValue(depth: depth + 1))
            skipWhitespace()
            guard index < bytes.count else { throw fail(.init(vi: "tệp kết thúc đột ngột; cần ',' hoặc ']'", en: "unexpected end of file; expected ',' or ']'")) }
            if bytes[index] == UInt8(ascii: ",") {
                let comma = (index, line, lineStart)
                index += 1
                skipWhitespace()
                if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
                    (index, line, lineStart) = comma
                    throw JSONSyntaxError(position: here(), text: .init(vi: "JSON không cho phép dấu phẩy thừa trước ']'; hãy xóa dấu phẩy đó", en: "a trailing comma before ']' is not allowed in JSON; remove the comma"))
                }
                continue
            }
            if bytes[index] == UInt8(ascii: "]") { index += 1; return .array(elements) }
            throw fail(.init(vi: "gặp \(describeCurrent(.vi)); cần ',' hoặc ']' (có thiếu dấu phẩy không?)", en: "unexpected \(describeCurrent(.en)); expected ',' or ']' (is a comma missing?)"))
        }
    }

    private mutating func parseString() throws(JSONSyntaxError) -> String {
        let openingQuote = index
        index += 1
        // Runs without escapes are copied whole; the usual string is one run.
        var runStart = index
        var out: [UInt8] = []
        var ascii = true
        while true {
            guard index < bytes.count else { throw fail(.init(vi: "tệp kết thúc khi chuỗi chưa đóng; thiếu dấu '\"' đóng chuỗi", en: "unexpected end of file inside a string; a closing '\"' is missing")) }
            let b = bytes[index]
            switch b {
            case UInt8(ascii: "\""):
                let decoded: String?
                lastStringPlainASCII = ascii && out.isEmpty
                if !out.isEmpty { out.append(contentsOf: bytes[runStart..<index]) }
                if ascii || validUTF8 {
                    // Valid: pieces of a `String` cut at ASCII bytes, and escapes, are UTF-8.
                    if out.isEmpty {
                        let (from, to) = (runStart, index)
                        decoded = bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[from..<to]), as: UTF8.self) }
                    } else {
                        decoded = String(decoding: out, as: UTF8.self)
                    }
                } else if out.isEmpty {
                    decoded = String(validating: bytes[runStart..<index], as: UTF8.self)
                } else {
                    decoded = String(validating: out, as: UTF8.self)
                }
                index += 1
                guard let s = decoded else {
                    index = openingQuote // a string never spans lines, so this points at its start
                    throw fail(.init(vi: "chuỗi không phải UTF-8 hợp lệ", en: "the string is not valid UTF-8"))
                }
                return definitions ? s.nfc : s
            case UInt8(ascii: "\\"):
                out.append(contentsOf: bytes[runStart..<index])
                index += 1
                guard index < bytes.count else { throw fail(.init(vi: "tệp kết thúc ngay sau '\\'", en: "unexpected end of file after '\\'")) }
                let e = bytes[index]
                index += 1
                switch e {
                case UInt8(ascii: "\""): out.append(0x22)
                case UInt8(ascii: "\\"): out.append(0x5C)
                case UInt8(ascii: "/"): out.append(0x2F)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = try parseHex4()
                    if (0xD800..<0xDC00).contains(scalar) {
                        guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                            throw fail(.init(vi: "mã thoát \\u nửa cao phải đi kèm nửa thấp", en: "a high surrogate \\u escape must be followed by a low surrogate"))
                        }
                        index += 2
                        let low = try parseHex4()
                        guard (0xDC00..<0xE000).contains(low) else { throw fail(.init(vi: "nửa thấp không hợp lệ trong mã thoát \\u", en: "invalid low surrogate in \\u escape")) }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let u = UnicodeScalar(scalar) else { throw fail(.init(vi: "mã thoát \\u không hợp lệ", en: "invalid \\u escape")) }
                    out.append(contentsOf: Array(String(Character(u)).utf8))
                default:
                    index -= 1
                    throw fail(.init(vi: "mã thoát '\\\(Character(UnicodeScalar(e)))' trong chuỗi không hợp lệ", en: "invalid escape '\\\(Character(UnicodeScalar(e)))' in a string"))
                }
                runStart = index
            case 0x00..<0x20:
                throw fail(.init(vi: "ký tự điều khiển (như xuống dòng) nằm trong chuỗi; hãy viết thành \\n", en: "a control character (such as a line break) inside a string; escape it as \\n"))
            default:
                if b >= 0x80 { ascii = false }
                index += 1
            }
        }
    }

    private mutating func parseHex4() throws(JSONSyntaxError) -> UInt32 {
        var v: UInt32 = 0
        for _ in 0..<4 {
            guard index < bytes.count else { throw fail(.init(vi: "tệp kết thúc giữa mã thoát \\u", en: "unexpected end of file in a \\u escape")) }
            let b = bytes[index]
            let d: UInt32
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt32(b - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): d = UInt32(b - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): d = UInt32(b - UInt8(ascii: "A") + 10)
            default: throw fail(.init(vi: "chữ số thập lục phân không hợp lệ trong mã thoát \\u", en: "invalid hexadecimal digit in a \\u escape"))
            }
            v = v << 4 | d
            index += 1
        }
        return v
    }

    private mutating func parseNumber() throws(JSONSyntaxError) -> Double {
        let start = index
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) else {
            throw fail(.init(vi: "số cần một chữ số sau '-'", en: "a number needs a digit after '-'"))
        }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
            if index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) {
                throw fail(.init(vi: "số không được có số 0 ở đầu", en: "numbers must not have leading zeros"))
            }
        } else {
            while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) else {
                throw fail(.init(vi: "sau dấu thập phân phải có chữ số", en: "a digit must follow the decimal point"))
            }
            while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) else {
                throw fail(.init(vi: "sau số mũ phải có chữ số", en: "a digit must follow the exponent"))
            }
            while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
        }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        guard let d = Double(text) else { throw fail(.init(vi: "không đọc được số \(text)", en: "the number \(text) cannot be read")) }
        return d
    }
}
