import Testing
@testable import KhenThuongCore
@testable import KhenThuongDefinitions
@testable import KhenThuongStore
@testable import KhenThuongKit
@testable import KhenThuongBench

/// The host object history functions read: titles and initiatives by year, and a call counter.
final class TestHistory {
    var titles: [Int64: Set<String>] = [:]
    var initiativeYears: [Int64] = []
    var calls = 0
}

/// A schema with facts, two history functions and a function that counts its calls.
struct EvaluatorFixture {
    let schema: ExpressionSchema

    init() {
        let strings = StringTable()
        let lists = ListTable()
        let functions = [
            HostFunction("consecutive_years", parameters: [.list(.string), .int], result: .int) { context, args in
                let history = unsafeDowncast(context, to: TestHistory.self)
                let wanted = Set(lists.elements(of: args[0]).compactMap(strings.text(for:)))
                var year = args[1], count: Int64 = 0
                while let held = history.titles[year], !held.isDisjoint(with: wanted) { count += 1; year -= 1 }
                return count
            },
            HostFunction("initiatives_in", parameters: [.int, .int], result: .int) { context, args in
                let history = unsafeDowncast(context, to: TestHistory.self)
                return Int64(history.initiativeYears.filter { (args[0]...args[1]).contains($0) }.count)
            },
            HostFunction("held", parameters: [.string, .int], result: .bool) { context, args in
                let history = unsafeDowncast(context, to: TestHistory.self)
                return history.titles[args[1], default: []].contains(strings.text(for: args[0]) ?? "") ? 1 : 0
            },
            HostFunction("boom", parameters: [], result: .int) { context, _ in
                unsafeDowncast(context, to: TestHistory.self).calls += 1
                return 1
            },
        ]
        schema = ExpressionSchema(variables: [
            ("months_worked", .int), ("leave_reason", .string), ("duty_rating", .string), ("year", .int),
            ("benefit_vnd", .int), ("decision_date", .date), ("titles", .list(.string)), ("is_member", .bool),
        ], functions: functions, strings: strings, lists: lists)
    }

    func compile(_ source: String, expecting: ExpressionType? = nil) throws -> CompiledExpression {
        try ExpressionCompiler.compile(source, schema: schema, file: "rules/e.json", at: SourcePosition(line: 1, column: 1), expecting: expecting)
    }

    func ruleSet(_ criteria: [(String, String)]) throws -> CompiledRuleSet {
        try CompiledRuleSet(criteria.enumerated().map { i, c in
            RuleSetCriterion(name: c.0, source: ExpressionSource(c.1, file: "rules/r.json", at: SourcePosition(line: i + 1, column: 1)))
        }, schema: schema)
    }
}

struct EvaluationCase: CustomTestStringConvertible, Sendable {
    var source: String
    var facts: [String: ExpressionValue]
    var expected: ExpressionValue
    var testDescription: String { "\(source) with \(facts.keys.sorted())" }
    init(_ source: String, _ facts: [String: ExpressionValue] = [:], _ expected: ExpressionValue) {
        self.source = source
        self.facts = facts
        self.expected = expected
    }
}

@Suite struct ExpressionEvaluatorTests {
    let fixture = EvaluatorFixture()

    static func day(_ text: String) -> ExpressionValue { .date(try! CivilDate(parsing: text)) }

    static let cases: [EvaluationCase] = [
        .init(#"months_worked >= 10 || leave_reason == "THAI_SAN""#, ["months_worked": .int(5), "leave_reason": .string("THAI_SAN")], .bool(true)),
        .init(#"months_worked >= 10 || leave_reason == "THAI_SAN""#, ["months_worked": .int(5)], .bool(false)),
        .init(#"months_worked >= 10 || leave_reason == "THAI_SAN""#, ["months_worked": .int(10)], .bool(true)),
        .init(#"duty_rating in ["HTXSNV", "HTTNV"]"#, ["duty_rating": .string("HTTNV")], .bool(true)),
        .init(#"duty_rating in ["HTXSNV", "HTTNV"]"#, ["duty_rating": .string("HTNV")], .bool(false)),
        .init(#"!(duty_rating in ["HTXSNV", "HTTNV"])"#, ["duty_rating": .string("HTNV")], .bool(true)),
        .init(#"duty_rating in [leave_reason, "X"]"#, ["duty_rating": .string("A"), "leave_reason": .string("A")], .bool(true)),
        .init("year in [2023, 2024]", ["year": .int(2024)], .bool(true)),
        .init("year in [2023, 2024]", ["year": .int(2025)], .bool(false)),
        .init("benefit_vnd >= 100_000_000", ["benefit_vnd": .int(100_000_000)], .bool(true)),
        .init("benefit_vnd >= 100_000_000", ["benefit_vnd": .int(99_999_999)], .bool(false)),
        .init("months_worked * 100 >= 70 * 12", ["months_worked": .int(9)], .bool(true)),
        .init("months_worked * 100 >= 70 * 12", ["months_worked": .int(8)], .bool(false)),
        .init("benefit_vnd / 3", ["benefit_vnd": .int(10)], .int(3)),
        .init("benefit_vnd % 3", ["benefit_vnd": .int(10)], .int(1)),
        .init("-benefit_vnd + 1", ["benefit_vnd": .int(10)], .int(-9)),
        .init("benefit_vnd - 3 - 2", ["benefit_vnd": .int(10)], .int(5)),
        .init("7 / -2", [:], .int(-3)),
        .init("-7 % 3", [:], .int(-1)),
        .init("1 + 2 * 3", [:], .int(7)),
        .init("months_worked != 0 && months_worked < 12", ["months_worked": .int(6)], .bool(true)),
        .init("(months_worked > 6) == is_member", ["months_worked": .int(7), "is_member": .bool(true)], .bool(true)),
        .init("is_member", ["is_member": .bool(true)], .bool(true)),
        .init("is_member == false", ["is_member": .bool(true)], .bool(false)),
        .init("true && !false", [:], .bool(true)),
        .init(#"leave_reason + "_X""#, ["leave_reason": .string("THAI_SAN")], .string("THAI_SAN_X")),
        .init(#"leave_reason + "_X" == "THAI_SAN_X""#, ["leave_reason": .string("THAI_SAN")], .bool(true)),
        .init(#""a" + "b""#, [:], .string("ab")),
        .init(#"leave_reason == "Thai sản""#, ["leave_reason": .string("Thai sa\u{0309}n")], .bool(true)),
        .init(#"leave_reason == """#, [:], .bool(true)),
        .init(#"decision_date >= date("2024-01-01")"#, ["decision_date": day("2024-02-01")], .bool(true)),
        .init(#"decision_date > date("01/02/2024")"#, ["decision_date": day("2024-02-01")], .bool(false)),
        .init(#"decision_date - date("2024-01-01")"#, ["decision_date": day("2024-02-01")], .int(31)),
        .init("decision_date + 29", ["decision_date": day("2024-02-01")], day("2024-03-01")),
        .init("decision_date - 1", ["decision_date": day("2024-03-01")], day("2024-02-29")),
        .init("(months_worked >= 10 ? 2 : 1) * 3", ["months_worked": .int(10)], .int(6)),
        .init("(months_worked >= 10 ? 2 : 1) * 3", ["months_worked": .int(3)], .int(3)),
        .init(#"is_member ? leave_reason : "none""#, ["leave_reason": .string("x")], .string("none")),
        .init("is_member ? months_worked > 1 : months_worked > 5", ["months_worked": .int(3)], .bool(false)),
        .init("months_worked == 0 ? 0 : benefit_vnd / months_worked", ["benefit_vnd": .int(10)], .int(0)),
        .init(#""CSTDCS" in titles"#, ["titles": .list([.string("LDTT"), .string("CSTDCS")])], .bool(true)),
        .init("duty_rating in titles", ["duty_rating": .string("HTXSNV"), "titles": .list([.string("A")])], .bool(false)),
        .init("titles", ["titles": .list([.string("A")])], .list([.string("A")])),
        .init(#"["x", "y"]"#, [:], .list([.string("x"), .string("y")])),
        .init("year", ["year": .int(-42)], .int(-42)),
    ]

    @Test("expressions evaluate to the expected value", arguments: cases)
    func evaluate(_ c: EvaluationCase) throws {
        let expression = try fixture.compile(c.source)
        let row = fixture.schema.row(c.facts)
        #expect(try expression.value(row, context: TestHistory()) == c.expected)
        let trace = expression.explain(row, context: TestHistory())
        #expect(try trace.result.get() == c.expected)
    }

    @Test("the pointer path and the array path agree")
    func pointerPath() throws {
        let expression = try fixture.compile("months_worked * 2 + year", expecting: .int)
        let row = fixture.schema.row(["months_worked": .int(4), "year": .int(2000)])
        let viaPointer = try row.withUnsafeBufferPointer { buffer throws(EvaluationError) in try expression.evaluate(buffer) }
        #expect(viaPointer == 2008)
        #expect(try expression.evaluate(row) == 2008)
        let condition = try fixture.compile("year > 1999", expecting: .bool)
        #expect(try row.withUnsafeBufferPointer { buffer throws(EvaluationError) in try condition.isTrue(buffer) })
        #expect(try condition.isTrue(row))
    }

    @Test("&&, || and ?: do not evaluate the side that cannot change the result", arguments: [
        ("is_member && boom() == 1", false, 0, false),
        ("is_member && boom() == 1", true, 1, true),
        ("is_member || boom() == 1", true, 0, true),
        ("is_member || boom() == 1", false, 1, true),
        ("(is_member ? boom() : 0) == 1", false, 0, false),
        ("(is_member ? boom() : 0) == 1", true, 1, true),
        ("boom() + boom() == 2", false, 2, true),
    ])
    func shortCircuit(source: String, isMember: Bool, calls: Int, result: Bool) throws {
        let expression = try fixture.compile(source, expecting: .bool)
        let history = TestHistory()
        #expect(try expression.isTrue(fixture.schema.row(["is_member": .bool(isMember)]), context: history) == result)
        #expect(history.calls == calls)
    }

    @Test("a side that would fail is not evaluated when the other side decides")
    func shortCircuitError() throws {
        let expression = try fixture.compile("months_worked > 0 && benefit_vnd / months_worked >= 2", expecting: .bool)
        #expect(try expression.isTrue(fixture.schema.row(["benefit_vnd": .int(10)])) == false)
        #expect(try expression.isTrue(fixture.schema.row(["months_worked": .int(5), "benefit_vnd": .int(10)])) == true)
    }

    @Test("division by zero and overflow are reported as not applicable, with the operator's position", arguments: [
        ("benefit_vnd / months_worked > 0", ["benefit_vnd": ExpressionValue.int(10)], EvaluationError.Kind.divisionByZero, "rules/e.json:1:13",
         "not applicable: division by zero", "không áp dụng được: chia cho 0"),
        ("benefit_vnd % months_worked == 1", ["benefit_vnd": .int(10)], .divisionByZero, "rules/e.json:1:13",
         "not applicable: division by zero", "không áp dụng được: chia cho 0"),
        ("benefit_vnd * benefit_vnd > 0", ["benefit_vnd": .int(10_000_000_000)], .overflow, "rules/e.json:1:13",
         "not applicable: the result is beyond the integer range", "không áp dụng được: kết quả vượt quá giới hạn số nguyên"),
        ("-benefit_vnd > 0", ["benefit_vnd": .int(.min)], .overflow, "rules/e.json:1:1",
         "not applicable: the result is beyond the integer range", "không áp dụng được: kết quả vượt quá giới hạn số nguyên"),
    ])
    func runtimeErrors(source: String, facts: [String: ExpressionValue], kind: EvaluationError.Kind, at: String, en: String, vi: String) throws {
        let expression = try fixture.compile(source, expecting: .bool)
        let row = fixture.schema.row(facts)
        let error = try #require(throws: EvaluationError.self) { try expression.isTrue(row) }
        #expect(error.kind == kind)
        #expect(error.rendered(.en) == "\(at): \(en)")
        #expect(error.rendered(.vi) == "\(at): \(vi)")
        guard case .failure(let traced) = expression.explain(row).result else {
            Issue.record("the explanation should fail too")
            return
        }
        #expect(traced == error)
    }

    @Test("host functions get the context and their arguments, lists as handles")
    func hostFunctions() throws {
        let history = TestHistory()
        history.titles = [2021: ["CSTDCS"], 2022: ["CSTD_TINH"], 2023: ["CSTDCS", "LDTT"]]
        history.initiativeYears = [2022, 2024]
        let expressions = [
            (#"consecutive_years(["CSTDCS", "CSTD_TINH"], year - 1) >= 2 && benefit_vnd >= 100_000_000"#, true),
            (#"consecutive_years(["CSTDCS", "CSTD_TINH"], year - 1) == 3"#, true),
            (#"consecutive_years(["CSTDCS"], year - 1) == 1"#, true),
            (#"held("CSTD_TINH", 2022) && !held("CSTD_TINH", year - 1)"#, true),
            ("initiatives_in(year - 2, year) == 2", true),
            ("initiatives_in(year - 1, year - 1) >= 1", false),
        ]
        let row = fixture.schema.row(["year": .int(2024), "benefit_vnd": .int(150_000_000)])
        for (source, expected) in expressions {
            #expect(try fixture.compile(source, expecting: .bool).isTrue(row, context: history) == expected, "\(source)")
        }
    }

    @Test("explain() gives the actual values of the comparisons that decided")
    func explain() throws {
        let rules = try fixture.ruleSet([
            ("LDTT", #"(months_worked >= 10 || leave_reason == "THAI_SAN") && duty_rating in ["HTXSNV", "HTTNV"] && is_member"#),
            ("CSTDCS", "LDTT && year >= 2020"),
        ])
        let row = fixture.schema.row(["months_worked": .int(5), "duty_rating": .string("HTXSNV"), "is_member": .bool(true), "year": .int(2024)])
        let trace = try #require(rules.explain("LDTT", row: row))
        #expect(try trace.result.get() == .bool(false))
        let decider = try #require(trace.decidedBy)
        #expect(decider.text == #"(months_worked >= 10 || leave_reason == "THAI_SAN")"#)
        let comparisons = trace.comparisons
        #expect(comparisons.count == 2)
        guard case .comparison(let op, let left, let right) = comparisons[0].detail else {
            Issue.record("expected a comparison, got \(comparisons[0].detail)")
            return
        }
        #expect(op == ">=" && left == .int(5) && right == .int(10))
        #expect(comparisons[0].position == SourcePosition(line: 1, column: 2))
        #expect(trace.rendered(.vi) == """
        (months_worked >= 10 || leave_reason == "THAI_SAN") && duty_rating in ["HTXSNV", "HTTNV"] && is_member → sai
          (months_worked >= 10 || leave_reason == "THAI_SAN") → sai
            months_worked >= 10: 5 >= 10 → sai
            leave_reason == "THAI_SAN": "" == "THAI_SAN" → sai
        """)
        let passing = fixture.schema.row(["months_worked": .int(12), "duty_rating": .string("HTTNV"), "is_member": .bool(true), "year": .int(2024)])
        let cstdcs = try #require(rules.explain("CSTDCS", row: passing))
        #expect(cstdcs.rendered(.en) == """
        LDTT && year >= 2020 → true
          LDTT → true
            (months_worked >= 10 || leave_reason == "THAI_SAN") && duty_rating in ["HTXSNV", "HTTNV"] && is_member → true
              (months_worked >= 10 || leave_reason == "THAI_SAN") → true
                months_worked >= 10: 12 >= 10 → true
              duty_rating in ["HTXSNV", "HTTNV"]: "HTTNV" in ["HTXSNV", "HTTNV"] → true
              is_member → true
          year >= 2020: 2024 >= 2020 → true
        """)
        #expect(rules.explain("NOPE", row: row) == nil)
    }

    @Test("dates in explanations are written DD/MM/YYYY in Vietnamese and YYYY-MM-DD in English")
    func explainDates() throws {
        let expression = try fixture.compile(#"decision_date >= date("2024-01-01")"#, expecting: .bool)
        let trace = expression.explain(fixture.schema.row(["decision_date": Self.day("2023-12-31")]))
        #expect(trace.rendered(.vi) == #"decision_date >= date("2024-01-01"): 31/12/2023 >= 01/01/2024 → sai"#)
        #expect(trace.rendered(.en) == #"decision_date >= date("2024-01-01"): 2023-12-31 >= 2024-01-01 → false"#)
    }

    @Test("a failing criterion is not applicable, and so is a criterion that reads it; others are decided")
    func ruleSetFailures() throws {
        let rules = try fixture.ruleSet([
            ("A", "benefit_vnd / months_worked >= 1"),
            ("B", "A || is_member"),
            ("C", "is_member || A"),
            ("D", "months_worked == 0"),
            ("E", "A == is_member"),
        ])
        let row = fixture.schema.row(["benefit_vnd": .int(10), "is_member": .bool(true)])
        var verdicts = [Verdict](repeating: .no, count: 5)
        let failures = row.withUnsafeBufferPointer { r in
            verdicts.withUnsafeMutableBufferPointer { v in rules.evaluate(r, into: v) }
        }
        #expect(verdicts == [.notApplicable, .notApplicable, .yes, .yes, .notApplicable])
        #expect(failures.map(\.name) == ["A", "B", "E"])
        #expect(failures.map { $0.error.rendered(.en) } == [
            "rules/r.json:1:13: not applicable: division by zero",
            #"rules/r.json:2:1: not applicable: criterion "A" is not applicable"#,
            #"rules/r.json:5:1: not applicable: criterion "A" is not applicable"#,
        ])
        #expect(failures[1].error.message.vi == #"không áp dụng được: tiêu chí "A" không áp dụng được"#)
        #expect(rules.evaluate(fixture.schema.row(["benefit_vnd": .int(10), "months_worked": .int(5)])) == [.yes, .yes, .yes, .no, .no])
        let traced = rules.explain("B", row: row)
        guard case .failure(let error)? = traced?.result else {
            Issue.record("B should not be applicable in the explanation either")
            return
        }
        #expect(error == failures[1].error)
    }

    @Test("W2 rules decide exactly like a hand-written Swift reference over generated people")
    func w2MatchesReference() throws {
        let schema = ExpressionBenchmark.w2Schema()
        let rules = ExpressionBenchmark.w2RuleSet(schema: schema)
        let people = 4000
        let rows = ExpressionBenchmark.w2Rows(count: people, seed: 7, schema: schema)
        let width = schema.slotCount
        var yes = [0, 0, 0]
        var verdicts = [Verdict](repeating: .no, count: 3)
        for p in 0..<people {
            let facts = Array(rows[(p * width)..<(p * width + width)])
            let text = { (i: Int) in schema.strings.text(for: facts[i]) ?? "?" }
            let ldtt = (facts[0] >= 10 || text(1) == "THAI_SAN") && (text(2) == "HTXSNV" || text(2) == "HTTNV") && text(3) == ""
            let cstdcs = ldtt && text(2) == "HTXSNV" && facts[4] >= 1
            let tinh = cstdcs && facts[6] >= 2 && facts[5] >= 100_000_000
            let expected: [Verdict] = [ldtt, cstdcs, tinh].map { $0 ? .yes : .no }
            let failures = facts.withUnsafeBufferPointer { r in verdicts.withUnsafeMutableBufferPointer { rules.evaluate(r, into: $0) } }
            #expect(failures.isEmpty)
            #expect(verdicts == expected, "person \(p): \(facts)")
            if p % 97 == 0 {
                for k in 0..<3 {
                    #expect(try rules.explain(k, row: facts).result.get() == .bool(expected[k] == .yes))
                }
            }
            for k in 0..<3 where expected[k] == .yes { yes[k] += 1 }
        }
        #expect(yes.allSatisfy { $0 > 50 && $0 < people - 50 }, "the generator must exercise both verdicts: \(yes)")
    }

    @Test("a batch of rows gets the same verdicts as one row at a time, failures carrying their row")
    func batch() throws {
        let rules = try fixture.ruleSet([("A", "benefit_vnd / months_worked >= 2"), ("B", "is_member || A")])
        let facts: [[String: ExpressionValue]] = [
            ["benefit_vnd": .int(10), "months_worked": .int(2)],
            ["benefit_vnd": .int(10), "is_member": .bool(true)],
            ["benefit_vnd": .int(1), "months_worked": .int(2), "is_member": .bool(true)],
            ["benefit_vnd": .int(10)],
        ]
        let width = fixture.schema.slotCount + 2
        var rows: [Int64] = []
        for f in facts { rows += fixture.schema.row(f) + [-1, -1] }
        var verdicts = [Verdict](repeating: .no, count: 2 * facts.count)
        let failures = rows.withUnsafeBufferPointer { r in
            verdicts.withUnsafeMutableBufferPointer { v in rules.evaluate(rows: r, stride: width, into: v) }
        }
        let oneByOne = facts.flatMap { rules.evaluate(fixture.schema.row($0)) }
        #expect(verdicts == oneByOne)
        #expect(verdicts == [.yes, .yes, .notApplicable, .yes, .no, .yes, .notApplicable, .notApplicable])
        #expect(failures.map(\.row) == [1, 3, 3])
        #expect(failures.map(\.name) == ["A", "A", "B"])
    }

    @Test("one compiled rule set can be evaluated from several threads at once")
    func concurrent() async throws {
        let schema = ExpressionBenchmark.w2Schema()
        let rules = ExpressionBenchmark.w2RuleSet(schema: schema)
        let rows = ExpressionBenchmark.w2Rows(count: 3000, seed: 11, schema: schema)
        let width = schema.slotCount
        @Sendable func yesCounts(_ range: Range<Int>) -> [Int] {
            var yes = [0, 0, 0]
            for p in range {
                let verdicts = rules.evaluate(Array(rows[(p * width)..<(p * width + width)]))
                for k in 0..<3 where verdicts[k] == .yes { yes[k] += 1 }
            }
            return yes
        }
        let whole = yesCounts(0..<3000)
        let parts = await withTaskGroup(of: [Int].self) { group in
            for start in stride(from: 0, to: 3000, by: 500) { group.addTask { yesCounts(start..<(start + 500)) } }
            var total = [0, 0, 0]
            for await part in group { for k in 0..<3 { total[k] += part[k] } }
            return total
        }
        #expect(parts == whole)
        #expect(whole[0] > 0)
    }

    @Test("the benchmark decides the same number of titles on every run")
    func benchmark() {
        let first = ExpressionBenchmark.measure(people: 2000, iterations: 1)
        let second = ExpressionBenchmark.measure(people: 2000, iterations: 2)
        #expect(first.yesCounts == second.yesCounts)
        #expect(first.yesCounts[0] >= first.yesCounts[1] && first.yesCounts[1] >= first.yesCounts[2])
        #expect(first.nanosecondsPerPerson > 0 && first.batchNanosecondsPerPerson > 0)
    }

    @Test("interning gives one code per text, NFC or NFD, and 0 for the empty text")
    func interning() {
        let table = StringTable()
        #expect(table.intern("") == 0)
        let a = table.intern("Tiến")
        #expect(table.intern("Tie\u{0302}\u{0301}n") == a)
        #expect(table.code(of: "HTXSNV") == nil)
        #expect(table.intern("HTXSNV") != a)
        #expect(Array(table.text(for: a)!.unicodeScalars) == Array("Ti\u{1EBF}n".unicodeScalars))
        #expect(table.text(for: 99) == nil)
        #expect(table.count == 3)
        let lists = ListTable()
        #expect(lists.intern([]) == 0)
        let handle = lists.intern([1, 2])
        #expect(lists.intern([1, 2]) == handle)
        #expect(lists.contains(2, inList: handle) && !lists.contains(3, inList: handle))
        #expect(lists.elements(of: handle) == [1, 2])
    }
}
