import Testing
@testable import KhenThuongCore
@testable import KhenThuongDefinitions
@testable import KhenThuongStore
@testable import KhenThuongKit
@testable import KhenThuongBench

@Suite struct ExpressionParserTests {
    @Test("operators group by precedence and associativity", arguments: [
        ("a || b && c", "(a || (b && c))"),
        ("a && b || c", "((a && b) || c)"),
        ("a || b || c", "((a || b) || c)"),
        ("a && b && c", "((a && b) && c)"),
        ("a + b * c", "(a + (b * c))"),
        ("a * b + c", "((a * b) + c)"),
        ("a - b - c", "((a - b) - c)"),
        ("a / b % c", "((a / b) % c)"),
        ("a - b + c", "((a - b) + c)"),
        ("!a && b", "((!a) && b)"),
        ("!!a", "(!(!a))"),
        ("-a * b", "((-a) * b)"),
        ("- -a", "(-(-a))"),
        ("a + b >= c * d", "((a + b) >= (c * d))"),
        ("a == b && c != d", "((a == b) && (c != d))"),
        ("a < b || c <= d && e > f", "((a < b) || ((c <= d) && (e > f)))"),
        ("x in [\"A\", \"B\"] || y", "((x in [\"A\", \"B\"]) || y)"),
        ("x + 1 in [2, 3]", "((x + 1) in [2, 3])"),
        ("c ? a : b ? d : e", "(c ? a : (b ? d : e))"),
        ("c ? a ? x : y : z", "(c ? (a ? x : y) : z)"),
        ("a || b ? x : y", "((a || b) ? x : y)"),
        ("(a + b) * c", "((a + b) * c)"),
        ("a * (b + c)", "(a * (b + c))"),
        ("(((a)))", "a"),
        ("f(a + 1, [1, 2])", "f((a + 1), [1, 2])"),
        ("f()", "f()"),
        ("a * 100 >= 70 * b", "((a * 100) >= (70 * b))"),
        ("months_worked >= 10 || leave_reason == \"THAI_SAN\"", "((months_worked >= 10) || (leave_reason == \"THAI_SAN\"))"),
        ("consecutive_years([\"CSTDCS\", \"CSTD_TINH\"], year - 1) >= 2 && benefit_vnd >= 100_000_000",
         "((consecutive_years([\"CSTDCS\", \"CSTD_TINH\"], (year - 1)) >= 2) && (benefit_vnd >= 100000000))"),
    ])
    func precedence(source: String, expected: String) throws {
        #expect(try ExpressionCompiler.parenthesized(source) == expected)
    }

    @Test("integer literals accept _ between digits", arguments: [
        ("100_000_000", "100000000"), ("0", "0"), ("1_0", "10"), ("9223372036854775807", "9223372036854775807"),
        ("-5", "(-5)"), ("007", "7"),
    ])
    func integers(source: String, expected: String) throws {
        #expect(try ExpressionCompiler.parenthesized(source) == expected)
    }

    @Test("string literals decode escapes and both quote styles", arguments: [
        (#""THAI_SAN""#, #""THAI_SAN""#),
        (#"'THAI_SAN'"#, #""THAI_SAN""#),
        (#""say \"hi\"""#, #""say \"hi\"""#),
        (#"'it\'s'"#, #""it's""#),
        (#""a\\b""#, #""a\\b""#),
        (#""line\nbreak\ttab""#, #""line\nbreak\ttab""#),
        (#""\u00e1""#, "\"á\""),
        (#""Lao động tiên tiến""#, "\"Lao động tiên tiến\""),
        (#""""#, #""""#),
    ])
    func strings(source: String, expected: String) throws {
        #expect(try ExpressionCompiler.parenthesized(source) == expected)
    }

    @Test("string literals are normalised to NFC")
    func nfc() throws {
        let decomposed = "\"Tie\u{0302}\u{0301}n\""
        let rendered = try ExpressionCompiler.parenthesized(decomposed)
        #expect(Array(rendered.unicodeScalars) == Array("\"Ti\u{1EBF}n\"".unicodeScalars))
    }

    @Test("lists, calls and dates parse into their parts", arguments: [
        ("[\"HTXSNV\", \"HTTNV\"]", "[\"HTXSNV\", \"HTTNV\"]"),
        ("[1,2 ,  3]", "[1, 2, 3]"),
        ("[]", "[]"),
        ("date(\"2024-01-01\")", "date(\"2024-01-01\")"),
        ("held(\"CSTDCS\", year-1)", "held(\"CSTDCS\", (year - 1))"),
        ("true && !false", "(true && (!false))"),
    ])
    func structures(source: String, expected: String) throws {
        #expect(try ExpressionCompiler.parenthesized(source) == expected)
    }

    @Test("whitespace and line breaks are ignored between tokens")
    func whitespace() throws {
        #expect(try ExpressionCompiler.parenthesized("  a\n&&\tb  ") == "(a && b)")
    }

    @Test("syntax errors point at the offending token", arguments: [
        ("(a >= 10", "1:9", "expected \")\" but found the end of the expression"),
        ("a >=", "1:5", "expected a value, a variable or \"(\" but found the end of the expression"),
        ("a >= 10 b", "1:9", "unexpected \"b\" after the end of the expression (is an operator such as && or || missing?)"),
        ("1 < a < 12", "1:7", "comparisons cannot be chained (< then <); write a < b && b < c instead of a < b < c"),
        ("a == b == c", "1:8", "comparisons cannot be chained (== then ==); write a < b && b < c instead of a < b < c"),
        ("f(1 2)", "1:5", "expected \",\" or \")\" but found \"2\""),
        ("c ? 1 2", "1:7", "expected \":\" but found \"2\""),
        ("[1, ]", "1:5", "expected a value, a variable or \"(\" but found \"]\""),
        ("a &&\n  || b", "2:3", "expected a value, a variable or \"(\" but found \"||\""),
        (")", "1:1", "expected a value, a variable or \"(\" but found \")\""),
    ])
    func syntaxErrors(source: String, position: String, message: String) throws {
        let error = try #require(throws: ExpressionError.self) { try ExpressionCompiler.parenthesized(source) }
        #expect(error.kind == .syntax)
        #expect(error.rendered(.en) == "<expression>:\(position): error: \(message)")
    }

    @Test("nesting deeper than 100 levels is refused instead of overflowing the stack")
    func depth() throws {
        let deep = String(repeating: "(", count: 5000) + "1" + String(repeating: ")", count: 5000)
        let error = try #require(throws: ExpressionError.self) { try ExpressionCompiler.parenthesized(deep) }
        #expect(error.kind == .tooDeep)
        #expect(try ExpressionCompiler.parenthesized(String(repeating: "!", count: 99) + "a").hasPrefix("(!(!"))
    }

    @Test("positions are offset by where the expression starts in its file")
    func plainPositions() throws {
        let schema = ExpressionSchema(variables: [("months_worked", .int)])
        let error = try #require(throws: ExpressionError.self) {
            try ExpressionCompiler.compile("months_worked >= 10 &&\n   month_worked < 12", schema: schema,
                                           file: "rules/a.txt", at: SourcePosition(line: 7, column: 5))
        }
        #expect(error.file == "rules/a.txt")
        #expect(error.position == SourcePosition(line: 8, column: 4))
    }

    @Test("errors in an expression inside a JSON string point at the right column of the JSON line")
    func jsonPositions() throws {
        let json = """
        {
          "criteria": [
            {"id": "LDTT", "expr": "leave_reason == \\"THAI_SAN\\" && \\\\ months_wrked >= 10"}
          ]
        }
        """
        let document = try JSONParser.parse(json)
        let member = try #require(document["criteria"].flatMap { value -> JSONValue.Positioned? in
            guard case .array(let items) = value.value else { return nil }
            return items.first?["expr"]
        })
        let source = try #require(ExpressionSource(json: member, file: "workflows/rules/ldtt.json"))
        #expect(source.text == #"leave_reason == "THAI_SAN" && \ months_wrked >= 10"#)
        let schema = ExpressionSchema(variables: [("leave_reason", .string), ("months_worked", .int)])
        let error = try #require(throws: ExpressionError.self) { try ExpressionCompiler.compile(source, schema: schema) }
        let line = json.split(separator: "\n")[2]
        let backslash = try #require(line.firstRange(of: #"\\ months"#)).lowerBound
        let column = line.distance(from: line.startIndex, to: backslash) + 1
        #expect(error.rendered(.en) == "workflows/rules/ldtt.json:3:\(column): error: unexpected character \"\\\"; names use only letters a–z, A–Z, digits and _")
    }

    @Test("Vietnamese text before an error counts as one column per character")
    func unicodeColumns() throws {
        let schema = ExpressionSchema(variables: [("title", .string)])
        let error = try #require(throws: ExpressionError.self) {
            try ExpressionCompiler.compile("title == \"Chiến sĩ thi đua\" && x", schema: schema, file: "f", at: SourcePosition(line: 1, column: 1))
        }
        #expect(error.position == SourcePosition(line: 1, column: 32))
    }
}
