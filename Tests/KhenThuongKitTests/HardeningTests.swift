import Foundation
import Testing
@testable import KhenThuongCore
@testable import KhenThuongDefinitions
@testable import KhenThuongStore
@testable import KhenThuongKit

/// Inputs that used to end the process by a signal (issue 16, items 1–7 and 13): each now
/// yields a typed error naming where, or a value, and never traps.
@Suite struct HardeningTests {
    // MARK: 1. Council counts

    @Test("A tally with a count near Int.max is inconsistent, with no sum overflowing", arguments: [
        Tally(members: 1, present: 1, yes: Int.max, no: 1),
        Tally(members: Int.max, present: 1, yes: Int.max, no: Int.max, invalid: Int.max),
        Tally(members: 10, present: 10, yes: 5, no: Int.max),
        Tally(members: 10, present: 10, yes: 5, no: 5, invalid: Int.max),
        Tally(members: 10, present: 11, yes: 1, no: 1),
        Tally(members: 10, present: 10, yes: -1, no: 1),
    ])
    func tallyBounds(_ tally: Tally) {
        #expect(!tally.isConsistent)
    }

    @Test("A tally that adds up exactly to the members is consistent")
    func tallyExact() {
        #expect(Tally(members: 10, present: 10, yes: 7, no: 2, invalid: 1).isConsistent)
        #expect(!Tally(members: 10, present: 10, yes: 7, no: 2, invalid: 2).isConsistent)
    }

    @Test("A ballot count past the council's membership is a data error naming the option (not an overflow)", arguments: [
        (Int.max, 1, 0, 0, "--yes"), (1, Int.max, 0, 0, "--no"), (1, 1, Int.max, 0, "--invalid"), (9, 1, 0, Int.max, "--written-absent"),
    ])
    func ballotBounds(yes: Int, no: Int, invalid: Int, written: Int, option: String) throws {
        let text = try String(contentsOfFile: StoreFixture.workflowsDirectory + "/samples/council-ldld-hn.json", encoding: .utf8)
        let council = try Council.parse(text, file: "c.json")
        let award = AwardDefinition(id: "x", name: .init(vi: "X", en: "X"), subject: .individual, workflow: "yearly", publicNotice: false,
                                    votePercent: 90, voteBase: "total", voteSource: "test")
        let dossier = try StoreFixture.newDossier("HS-1", definitions: try StoreFixture.definitions(), createdAt: Date(timeIntervalSince1970: 0))
        let error = try #require(throws: CouncilError.self) {
            try BallotCount.count(council: council, present: council.members.map(\.id), dossier: dossier, award: award,
                                  yes: yes, no: no, invalid: invalid, writtenAbsent: written)
        }
        #expect(error.kind == .data)
        #expect(error.message.en.hasPrefix("\(option) \(Int.max) exceeds the \(council.members.count) members"))
    }

    // MARK: 2. Operator chains

    static let chainSchema = ExpressionSchema(variables: [("n", .int), ("b", .bool)])

    @Test("A 10,000-term operator chain is refused at the operator past the limit, with file:line:column", arguments: ["+", "&&", "||"])
    func longChain(_ op: String) throws {
        let term = op == "+" ? "n" : "b"
        let text = Array(repeating: term, count: 10_000).joined(separator: " \(op) ") + (op == "+" ? " > 0" : "")
        let error = try #require(throws: ExpressionError.self) {
            try ExpressionCompiler.compile(text, schema: Self.chainSchema, file: "rules/x.json", at: SourcePosition(line: 4, column: 10), expecting: .bool)
        }
        #expect(error.kind == .tooDeep)
        // The 100th operator makes the chain 101 levels deep: it starts after 100 terms.
        let column = 10 + 100 * (term.count + op.count + 2) - op.count - 1
        #expect(error.file == "rules/x.json" && error.position == SourcePosition(line: 4, column: column))
    }

    @Test("A chain of 100 terms is still accepted; 101 is too deep", arguments: ["&&", "||"])
    func chainBoundary(_ op: String) throws {
        let ok = Array(repeating: "b", count: 100).joined(separator: " \(op) ")
        _ = try ExpressionCompiler.compile(ok, schema: Self.chainSchema, file: "f", at: SourcePosition(line: 1, column: 1), expecting: .bool)
        let error = try #require(throws: ExpressionError.self) {
            try ExpressionCompiler.compile(ok + " \(op) b", schema: Self.chainSchema, file: "f", at: SourcePosition(line: 1, column: 1), expecting: .bool)
        }
        #expect(error.kind == .tooDeep)
    }

    @Test("A date computed from Int64.max is explained without trapping (found by the expression fuzz target: `m + d`)")
    func hugeDateArithmetic() throws {
        let schema = ExpressionSchema(variables: [("m", .int), ("d", .date)])
        let compiled = try ExpressionCompiler.compile("m + d", schema: schema, file: "fuzz", at: SourcePosition(line: 1, column: 1))
        let row = schema.row(["m": .int(Int64.max)])
        let trace = compiled.explain(row)
        #expect(trace.text == "m + d")
        #expect(CivilDate(dayNumber: Int.max) == CivilDate(dayNumber: 1_000_000_000_000))
        #expect(CivilDate(dayNumber: Int.min) == CivilDate(dayNumber: -1_000_000_000_000))
    }

    // MARK: 3. Years

    @Test("A verdict for a year outside the calendar's range is computed without trapping", arguments: [0, 1899, 9999])
    func evaluationYear(_ year: Int) throws {
        let rules = try #require(try StoreFixture.definitions().rules().0)
        let nominee = NomineeFacts.individual(Individual(id: "x", name: "X", unit: "U"))
        let verdict = rules.evaluate(nominee, award: "lao_dong_tien_tien", year: year)
        #expect(verdict?.year ?? year == year)
    }

    // MARK: 4. Movement goals and stored figures

    @Test("A goal past a billion is refused by the target linter before it is written", arguments: [9.223372036854775807e18, 1e9 + 1, -1, .infinity])
    func goalBound(_ goal: Double) {
        let target = MovementTarget(id: "t", kind: .count, text: .init(vi: "t", en: "t"), goal: goal)
        let findings = MovementLinter.lint(target, movement: MovementProgressTests.movement(target), source: "movement target add")
        #expect(findings.map(\.message.en) == ["\"goal\" must be a number from 0 to 1,000,000,000"])
    }

    @Test("A huge goal or figure already in a store is evaluated and written out, saturating, never trapping")
    func storedHugeValues() {
        let target = MovementTarget(id: "t", kind: .count, text: .init(vi: "t", en: "t"), goal: 9.223372036854775807e18)
        let obs = [Int.max, Int.max, 5].map { MovementObservation(target: "t", unit: "U", value: $0, date: MovementProgressTests.start) }
        let p = MovementProgressTests.evaluate(target, obs, asOf: MovementProgressTests.deadline)
        #expect(p.numerator == Int.max)
        #expect(p.value == Double(Int.max) && p.status == .met)
        #expect(target.goalText(.vi) == "≥ 9.22337e+18")
        #expect(NumberText.plain(.infinity) == "inf" && NumberText.exact(1e300) == "1e+300")
        #expect(MovementTarget.Comparison.atLeast.holds(5, of: 10, 9.3e18) == false)
    }

    // MARK: 5. Workflow size

    static func workflow(states n: Int) -> String {
        let label = #""label": {"vi": "s", "en": "s"}"#
        var states = [#"{"id": "s0", "kind": "initial", \#(label)}"#]
        states += (1..<n).map { #"{"id": "s\#($0)", "kind": "\#($0 == n - 1 ? "final" : "normal")", \#(label)}"# }
        let transitions = (0..<(n - 1)).map { #"{"event": "e\#($0)", \#(label), "from": ["s\#($0)"], "to": "s\#($0 + 1)", "roles": ["r"]}"# }
        return """
        {"id": "big", "version": "1", "name": {"vi": "b", "en": "b"}, "description": {"vi": "b", "en": "b"},
         "roles": [{"id": "r", "side": "proposer", "name": {"vi": "r", "en": "r"}}], "documents": [],
         "states": [\(states.joined(separator: ",\n"))],
         "transitions": [\(transitions.joined(separator: ",\n"))]}
        """
    }

    @Test("A workflow of 100,000 states is one lint error (the documented limit), not a 40 GB table")
    func hugeWorkflow() throws {
        let (definition, findings) = WorkflowLoader.parse(Self.workflow(states: 100_000), file: "big.json")
        #expect(findings.isEmpty)
        let lint = WorkflowLinter.lint(try #require(definition))
        #expect(lint.map(\.kind) == [.invalidDefinition])
        #expect(lint.first?.rendered(.en).hasPrefix("big.json:3:") == true)
        #expect(lint.first?.message.en.contains("100000 states and 99999 transitions, over the limit of 1000 states") == true)
        #expect(throws: WorkflowError.self) { try Workflow(try #require(definition)) }
    }

    @Test("A workflow file past 1 MiB is refused before it is parsed, with one finding")
    func hugeWorkflowFile() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("big-\(UUID().uuidString).json").path
        try Data(Self.workflow(states: 100_000).utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let (definition, findings) = WorkflowLoader.load(path: path)
        #expect(definition == nil)
        #expect(findings.map(\.kind) == [.invalidDefinition])
        #expect(findings.first?.message.en.contains("over the 1 MiB limit (at most 1000 states and 5000 transitions)") == true)
    }

    @Test("A workflow at the limit compiles into the sparse table: each state's events, in order")
    func sparseTable() throws {
        let (definition, findings) = WorkflowLoader.parse(Self.workflow(states: 1_000), file: "w.json")
        #expect(findings.isEmpty)
        let w = try Workflow(try #require(definition))
        #expect(w.events(from: "s0") == ["e0"] && w.events(from: "s998") == ["e998"] && w.events(from: "s999") == [])
        #expect(w.transition(from: "s500", event: "e500")?.to == .state("s501"))
    }

    // MARK: 6. Minified JSON positions

    @Test("Positions on one long line are counted on incrementally and still exact, errors included")
    func minifiedPositions() throws {
        let items = (0..<2_000).map { #"{"k":"đ\#($0)"}"# }
        let text = "[" + items.joined(separator: ",") + "]"
        let value = try JSONParser.parse(text)
        guard case .array(let list) = value.value else { Issue.record("not an array"); return }
        // Each item is 9 scalars plus its digits and a comma; check one far along the line.
        let prefix = "[" + items.prefix(1_500).joined(separator: ",") + ","
        #expect(list[1_500].position == SourcePosition(line: 1, column: prefix.unicodeScalars.count + 1))
        let broken = String(text.dropLast()) + ",]"
        let error = try #require(throws: JSONSyntaxError.self) { try JSONParser.parse(broken) }
        #expect(error.position == SourcePosition(line: 1, column: broken.unicodeScalars.count - 1))
        // A duplicate key after later positions were asked for: the count goes back to the key.
        let dup = #"{"a":1,"b":[1,2,3,4,5,6,7,8,9],"a":2}"#
        let e2 = try #require(throws: JSONSyntaxError.self) { try JSONParser.parse(dup) }
        #expect(e2.position == SourcePosition(line: 1, column: 32))
    }

    // MARK: 7. CSV limits

    static func csv(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("hardening-\(UUID().uuidString).csv").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test("A header of thousands of empty columns is refused at line 1, naming the field past the limit")
    func tooManyColumns() throws {
        let path = try Self.csv("id," + String(repeating: ",", count: 5_000) + "\n1\n")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let error = try #require(throws: CSVReader.SyntaxError.self) { try CSVReader(path: path).forEach { _ in true } }
        #expect(error.line == 1 && error.column == 1_001)
        let (nominees, findings) = NomineeCSVLoader.load(path: path)
        #expect(nominees == nil)
        #expect(findings.map { $0.rendered(.en) } == ["\(path):1:1001: error: row: malformed CSV: the record has more than 1000 fields (the limit); check the separators or remove the empty columns"])
    }

    @Test("A line longer than 1 MiB is refused with its line number, small chunks or large", arguments: [4 << 20, 64 << 10])
    func tooLongLine(chunk: Int) throws {
        let path = try Self.csv("id,name\n1,a\n2," + String(repeating: "x", count: 2 << 20) + "\n3,c\n")
        defer { try? FileManager.default.removeItem(atPath: path) }
        var reader = CSVReader(path: path)
        reader.chunkSize = chunk
        var seen: [Int] = []
        let error = try #require(throws: CSVReader.SyntaxError.self) { try reader.forEach { seen.append($0.line); return true } }
        #expect(error.line == 3)
        #expect(seen == [1, 2])
    }

    @Test("A person-year header naming a column twice makes a short row a finding, not an index out of range (found by the csv fuzz target)")
    func duplicateHeaderColumn() throws {
        let header = BenchmarkCSVLoader.columns.joined(separator: ",") + ",person_id"
        let path = try Self.csv(header + "\nP1,A,U1,HPG,1,0,2021,12,,HTTNV,,0,0,LDTT\n")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let (people, findings) = BenchmarkCSVLoader.load(path: path)
        #expect(people == nil)
        #expect(findings.map { $0.message.en } == ["the row has 14 fields, 15 expected"])
    }

    @Test("A short row of the full nominee profile is refused with its line and the first missing column, not padded")
    func shortRow() throws {
        let path = try Self.csv("id,kind,name,unit,year,duty_rating\nNV-1,individual,A,U,2025\n")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let (nominees, findings) = NomineeCSVLoader.load(path: path)
        #expect(nominees == nil)
        #expect(findings.map { $0.rendered(.en) } == ["\(path):2:6: error: duty_rating: the row has only 5 fields but the header 6 columns; add the missing commas (an empty cell still needs its comma)"])
    }

    // MARK: 13. Positions in parse errors

    @Test("The first byte that is not UTF-8 is found with its offset, line and column")
    func invalidUTF8() {
        let bytes = Array("{\n  \"tên\": \"".utf8) + [0xC3, 0x28] + Array("\"}".utf8)
        let place = UTF8Validation.firstInvalid(in: bytes)
        #expect(place?.offset == 13 && place?.line == 2 && place?.column == 11)
        #expect(UTF8Validation.firstInvalid(in: Array("đúng".utf8)) == nil)
    }

    @Test("A package that is not UTF-8 or not JSON names file:line:column, not only the format", arguments: [
        (Array("{\"format\": \"khenthuong-package\",\n \"x\": \"".utf8) + [0xFF] + Array("\"}".utf8), "p.json:2:8: the file is not UTF-8: byte 40"),
        (Array("{\"format\": \"khenthuong-package\",\n \"version\": 1,,}".utf8), "p.json:2:15: not a khenthuong-package file: malformed JSON: unexpected character ','"),
    ])
    func packagePositions(bytes: [UInt8], prefix: String) throws {
        let error = try #require(throws: CouncilError.self) {
            try UpwardPackage.verify(bytes, file: "p.json", definitions: try StoreFixture.definitions())
        }
        #expect(error.kind == .data)
        #expect(error.message.en.hasPrefix(prefix), "\(error.message.en)")
    }
}
