import Foundation
import Testing
@testable import KhenThuongCore
@testable import KhenThuongDefinitions
@testable import KhenThuongStore
@testable import KhenThuongKit
@testable import KhenThuongBench

@Suite struct JSONParserTests {
    /// A JSON value without positions, to compare whole trees.
    indirect enum Plain: Equatable, CustomStringConvertible {
        case null
        case bool(Bool)
        case number(Double)
        case string(String)
        case array([Plain])
        case object([Pair])

        struct Pair: Equatable {
            var key: String
            var value: Plain
            init(_ key: String, _ value: Plain) { self.key = key; self.value = value }
        }

        init(_ p: JSONValue.Positioned) {
            switch p.value {
            case .null: self = .null
            case .bool(let b): self = .bool(b)
            case .number(let d): self = .number(d)
            case .string(let s): self = .string(s)
            case .array(let a): self = .array(a.map(Plain.init))
            case .object(let m): self = .object(m.map { Pair($0.key, Plain($0.value)) })
            }
        }

        var description: String {
            switch self {
            case .null: "null"
            case .bool(let b): "\(b)"
            case .number(let d): "\(d)"
            case .string(let s): "\"\(s)\""
            case .array(let a): "[\(a.map(\.description).joined(separator: ", "))]"
            case .object(let m): "{\(m.map { "\"\($0.key)\": \($0.value)" }.joined(separator: ", "))}"
            }
        }
    }

    /// Every value in the tree as `path line:column`, in document order.
    static func positions(_ p: JSONValue.Positioned, _ path: String = "$") -> [String] {
        var out = ["\(path) \(p.position)"]
        switch p.value {
        case .array(let a): for (i, e) in a.enumerated() { out += positions(e, "\(path)[\(i)]") }
        case .object(let m): for member in m { out += positions(member.value, "\(path).\(member.key)") }
        default: break
        }
        return out
    }

    // MARK: Values

    @Test("Every kind of value is read, and object members keep their source order")
    func values() throws {
        let parsed = try JSONParser.parse("""
            {"z": null, "t": true, "f": false, "n": -12.5e2, "i": 42, "s": "hai", "a": [1, [], {}], "o": {"b": 0, "a": 1}}
            """)
        #expect(Plain(parsed) == .object([
            .init("z", .null), .init("t", .bool(true)), .init("f", .bool(false)), .init("n", .number(-1250)),
            .init("i", .number(42)), .init("s", .string("hai")), .init("a", .array([.number(1), .array([]), .object([])])),
            .init("o", .object([.init("b", .number(0)), .init("a", .number(1))])),
        ]))
    }

    @Test("Numbers in every allowed form", arguments: [
        ("0", 0.0), ("-0", -0.0), ("7", 7), ("-15", -15), ("1.25", 1.25), ("1e3", 1000), ("1E-2", 0.01),
        ("-2.5e+2", -250), ("9007199254740992", 9_007_199_254_740_992),
    ])
    func numbers(_ text: String, _ expected: Double) throws {
        #expect(try JSONParser.parse(text).double == expected)
    }

    @Test("The int accessor gives integers only")
    func intAccessor() throws {
        let parsed = try JSONParser.parse(#"[10, 10.5, "10", 1e2]"#)
        #expect(try #require(parsed.array).map(\.int) == [10, nil, nil, 100])
    }

    @Test("Escapes, including a surrogate pair, are decoded")
    func escapes() throws {
        let parsed = try JSONParser.parse(#""\"\\\/\b\f\n\r\t\u0110\u1ec7 \ud83c\udf89""#)
        #expect(parsed.string == "\"\\/\u{08}\u{0C}\n\r\tĐệ 🎉")
    }

    @Test("Strings and member names are normalised to NFC, whether written decomposed or escaped", arguments: [
        "{\"Nguye\u{0302}\u{0303}n\": \"Nguye\u{0302}\u{0303}n Va\u{0306}n An\"}",
        #"{"Nguye\u0302\u0303n": "Nguye\u0302\u0303n Va\u0306n An"}"#,
    ])
    func nfc(_ text: String) throws {
        let member = try #require(try JSONParser.parse(text).members?.first)
        // Swift's == ignores normalisation, so compare the scalars themselves.
        #expect([Array(member.key.unicodeScalars), Array(try #require(member.value.string).unicodeScalars)]
                == [Array("Nguy\u{1EC5}n".unicodeScalars), Array("Nguy\u{1EC5}n V\u{0103}n An".unicodeScalars)])
    }

    // MARK: Positions

    @Test("Every nested value has its line and column, columns counted in characters of Vietnamese text")
    func positionsOfNestedValues() throws {
        let parsed = try JSONParser.parse("""
            {
              "tên": "Nguyễn Văn An",
              "danh_hiệu": ["Lao động tiên tiến", {"năm": 2025}],
              "đơn_vị": {"mã": "CDCS-ĐHBK", "cấp": 1}
            }
            """)
        #expect(Self.positions(parsed) == [
            "$ 1:1",
            "$.tên 2:10",
            "$.danh_hiệu 3:16",
            "$.danh_hiệu[0] 3:17",
            "$.danh_hiệu[1] 3:39",
            "$.danh_hiệu[1].năm 3:47",
            "$.đơn_vị 4:13",
            "$.đơn_vị.mã 4:20",
            "$.đơn_vị.cấp 4:40",
        ])
    }

    @Test("A byte-order mark is skipped and CRLF line ends count as one line", arguments: [
        ("\u{FEFF}{\"a\": 1}", "$.a 1:7"),
        ("{\r\n  \"a\": 1\r\n}", "$.a 2:8"),
        ("\u{FEFF}{\r\n\t\"a\": 1}", "$.a 2:7"),
    ])
    func bomAndLineEnds(_ text: String, _ expected: String) throws {
        #expect(Self.positions(try JSONParser.parse(text)).last == expected)
    }

    // MARK: Syntax errors

    struct SyntaxCase: Sendable, CustomTestStringConvertible {
        var name: String
        var text: String
        var line: Int
        var column: Int
        var message: String
        var testDescription: String { name }
    }

    @Test("Each syntax error says what is wrong and where", arguments: [
        SyntaxCase(name: "trailing comma in an object", text: "{\"a\": 1,\n}", line: 1, column: 8,
                   message: "a trailing comma before '}' is not allowed in JSON; remove the comma"),
        SyntaxCase(name: "trailing comma in an array", text: "[\"Tết\", \"Giỗ Tổ\",]", line: 1, column: 17,
                   message: "a trailing comma before ']' is not allowed in JSON; remove the comma"),
        SyntaxCase(name: "missing comma between members", text: "{\"tên\": \"An\"\n  \"năm\": 2025}", line: 2, column: 3,
                   message: "unexpected character '\"'; expected ',' or '}' (is a comma missing?)"),
        SyntaxCase(name: "missing comma between elements", text: "[1 2]", line: 1, column: 4,
                   message: "unexpected character '2'; expected ',' or ']' (is a comma missing?)"),
        SyntaxCase(name: "unterminated string at the end of the file", text: "{\"a\": \"Nguyễn", line: 1, column: 14,
                   message: "unexpected end of file inside a string; a closing '\"' is missing"),
        SyntaxCase(name: "unterminated string at the end of the line", text: "{\"a\": \"Nguyễn\n}", line: 1, column: 14,
                   message: "a control character (such as a line break) inside a string; escape it as \\n"),
        SyntaxCase(name: "bad escape", text: "[\"Hà Nội\\x\"]", line: 1, column: 10,
                   message: "invalid escape '\\x' in a string"),
        SyntaxCase(name: "bad \\u escape", text: "[\"\\u12G4\"]", line: 1, column: 7,
                   message: "invalid hexadecimal digit in a \\u escape"),
        SyntaxCase(name: "lone high surrogate", text: "[\"\\ud83c\"]", line: 1, column: 9,
                   message: "a high surrogate \\u escape must be followed by a low surrogate"),
        SyntaxCase(name: "leading zero", text: "{\"workingDays\": 010}", line: 1, column: 18,
                   message: "numbers must not have leading zeros"),
        SyntaxCase(name: "minus without digits", text: "[-]", line: 1, column: 3, message: "a number needs a digit after '-'"),
        SyntaxCase(name: "decimal point without digits", text: "[1.]", line: 1, column: 4, message: "a digit must follow the decimal point"),
        SyntaxCase(name: "exponent without digits", text: "[1e+]", line: 1, column: 5, message: "a digit must follow the exponent"),
        SyntaxCase(name: "duplicate key", text: "{\"mã\": 1,\n \"mã\": 2}", line: 2, column: 2,
                   message: "the member \"mã\" appears twice in the same object"),
        // Columns count Unicode scalars: the decomposed "mã" before the second key is 3 of them.
        SyntaxCase(name: "duplicate key that differs only in normalisation", text: "{\"ma\u{0303}\": 1, \"m\u{00E3}\": 2}", line: 1, column: 12,
                   message: "the member \"mã\" appears twice in the same object"),
        SyntaxCase(name: "trailing garbage", text: "{\"a\": 1}\n  x", line: 2, column: 3,
                   message: "unexpected character 'x' after the end of the JSON value"),
        SyntaxCase(name: "a second value", text: "{} {}", line: 1, column: 4,
                   message: "unexpected character '{' after the end of the JSON value"),
        SyntaxCase(name: "empty file", text: "", line: 1, column: 1, message: "the file is empty; expected a JSON object"),
        SyntaxCase(name: "only whitespace", text: "\n   ", line: 2, column: 4, message: "the file is empty; expected a JSON object"),
        SyntaxCase(name: "unquoted Vietnamese word", text: "{\"đạt\": đúng}", line: 1, column: 9,
                   message: "unexpected character 'đ'; expected a value (object, array, string, number, true, false or null)"),
        SyntaxCase(name: "unquoted member name", text: "{id: 1}", line: 1, column: 2,
                   message: "unexpected character 'i'; expected a member name in double quotes"),
        SyntaxCase(name: "missing colon", text: "{\"id\" 1}", line: 1, column: 7,
                   message: "unexpected character '1'; expected ':' after the member name \"id\""),
        SyntaxCase(name: "misspelt literal", text: "[ture]", line: 1, column: 3, message: "unexpected character 'u'; expected 'true'"),
        SyntaxCase(name: "unclosed array", text: "[1,", line: 1, column: 4, message: "unexpected end of file; expected a value"),
        SyntaxCase(name: "unclosed object", text: "{\"a\": 1", line: 1, column: 8, message: "unexpected end of file; expected ',' or '}'"),
        SyntaxCase(name: "nesting too deep", text: String(repeating: "[", count: 201), line: 1, column: 201,
                   message: "nesting deeper than 200 levels"),
    ])
    func syntaxErrors(_ c: SyntaxCase) {
        let error = #expect(throws: JSONSyntaxError.self) { try JSONParser.parse(c.text) }
        #expect(error?.position == SourcePosition(line: c.line, column: c.column))
        #expect(error?.message == c.message)
    }

    @Test("Syntax errors read in Vietnamese too, with the character named in Vietnamese")
    func vietnameseSyntaxErrors() {
        let error = #expect(throws: JSONSyntaxError.self) { try JSONParser.parse("{\"a\": 1,}") }
        #expect(error?.text.vi == "JSON không cho phép dấu phẩy thừa trước '}'; hãy xóa dấu phẩy đó")
        let missing = #expect(throws: JSONSyntaxError.self) { try JSONParser.parse("[1 2]") }
        #expect(missing?.malformed.vi == "JSON không hợp lệ: gặp ký tự '2'; cần ',' hoặc ']' (có thiếu dấu phẩy không?)")
        #expect(missing?.malformed.en == "malformed JSON: unexpected character '2'; expected ',' or ']' (is a comma missing?)")
    }

    @Test("Raw bytes that are not UTF-8 inside a string are refused at the string's opening quote")
    func invalidUTF8() {
        let error = #expect(throws: JSONSyntaxError.self) {
            try JSONParser.parse(bytes: [0x5B, 0x22, 0xC3, 0x22, 0x5D]) // ["\xC3"]
        }
        #expect(error?.position == SourcePosition(line: 1, column: 2) && error?.message == "the string is not valid UTF-8")
    }

    @Test("A key repeated after keys in ascending order, or among them, is refused in both modes", arguments: [
        #"{"a":1,"b":2,"a":3}"#, #"{"a":1,"a":2}"#, #"{"a":1,"b":2,"c":{"x":1},"d":4,"b":5}"#,
        #"{"\u0061":1,"a":2}"#, "{" + (0..<20).map { #""k\#($0)":\#($0)"# }.joined(separator: ",") + #","k3":0}"#,
    ])
    func repeatedKeys(_ text: String) {
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parse(text) }
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parseVerbatim(text) }
    }

    @Test("Stored text is read verbatim: strings as written (not normalised), no positions, members in their order")
    func verbatim() throws {
        let decomposed = "Nguye\u{0302}\u{0303}n"
        let value = try JSONParser.parseVerbatim(#"{"b":"\#(decomposed)","a":[1,"x\n"],"c":{"d":null}}"#)
        #expect(value["b"]?.string.map { Array($0.utf8) } == Array(decomposed.utf8))
        guard case .object(let members) = value else { Issue.record("not an object"); return }
        #expect(members.map(\.key) == ["b", "a", "c"] && members.allSatisfy { $0.value.position == .none })
        #expect(value["a"]?.elements == [.number(1), .string("x\n")] && value["c"]?["d"] == .null)
        let positioned = try JSONParser.parse(#"{"b":"\#(decomposed)"}"#)
        #expect(positioned["b"]?.string.map { Array($0.utf8) } == Array(decomposed.nfc.utf8))
    }
}
