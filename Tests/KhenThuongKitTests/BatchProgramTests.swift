import Foundation
import Testing
@testable import KhenThuongCore
@testable import KhenThuongDefinitions
@testable import KhenThuongKit

/// The rule sets of a batch compiled once into one program (issue 15, item 1) decide as the
/// rule sets one by one: the same outcome, failing criteria, explanations and notes for every
/// award of the catalogue, the regimes of NĐ 91/2017 (2017–2023) and Luật 06/2022 (2024–),
/// and a year no regime covers.
@Suite struct BatchProgramTests {
    static func rules() throws -> EligibilityRules {
        let definitions = try StoreFixture.definitions()
        let (loaded, findings) = RuleSetLoader.loadDirectory(StoreFixture.workflowsDirectory + "/rules", awards: definitions.awards)
        return try #require(loaded, "\(findings)")
    }

    static func nominees() throws -> [NomineeFacts] {
        let dir = StoreFixture.workflowsDirectory + "/samples/"
        let people = try #require(NomineeLoader.load(path: dir + "nominees-2025.json").0) + (try #require(NomineeLoader.load(path: dir + "demo-nominees.json").0))
        let season = MiniSeason.csv(people: 300, units: 6, seed: 3)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("program-\(UUID().uuidString).csv").path
        try Data(season.utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        return people + (try #require(BenchmarkCSVLoader.load(path: path).0))
    }

    @Test("One program over every award decides each nominee as RuleSet.evaluate does: outcome, failing criteria, their explanations (vi and en) and notes — Luật 06/2022/QH15 Điều 23–24, NĐ 91/2017/NĐ-CP Điều 9–10, NĐ 98/2023/NĐ-CP Điều 4 (deferral)",
          arguments: [2016, 2022, 2023, 2024, 2025])
    func sameVerdicts(_ year: Int) throws {
        let rules = try Self.rules()
        let sets = rules.ruleSets.keys.sorted().map { rules.ruleSets[$0]! }
        let program = try #require(BatchProgram(sets, year: year, asOf: nil, schema: rules.schema))
        let scratch = BatchProgram.Scratch(program)
        let people = try Self.nominees().filter { !$0.hasUsedInitiatives }
        #expect(people.count > 300)
        var failures = 0, outcomes: Set<EligibilityOutcome> = []
        for p in people {
            program.run(p, scratch)
            for (a, set) in sets.enumerated() {
                for language in [Language.vi, .en] {
                    let v = set.evaluate(p, year: year, scope: .failing(language))
                    let failing = (0..<program.criterionCount(a)).filter { program.fails(a, $0, scratch) }
                    #expect(program.outcome(a, scratch) == v.outcome, "\(p.id) \(set.award) \(year)")
                    #expect(failing.map { set.regime(for: year)!.criteria[$0].id } == v.failing, "\(p.id) \(set.award) \(year)")
                    // Twice: the second time from the kept explanations.
                    for _ in 0..<2 {
                        #expect(failing.map { program.reason(a, $0, scratch, language) } == v.criteria.map { $0.rendered(language) })
                    }
                    #expect(program.notes(a, p, scratch) == v.notes, "\(p.id) \(set.award) \(year)")
                    failures += failing.count
                    outcomes.insert(v.outcome)
                }
            }
        }
        // The comparison must have something to compare.
        #expect(failures > 100)
        #expect(year == 2016 ? outcomes == [.notEligible] : outcomes.isSuperset(of: [.eligible, .notEligible]))
        if year == 2025 { #expect(outcomes.contains(.deferred)) }
    }

    @Test("A history function runs once per nominee and arguments: the memo hands back the first result")
    func memo() throws {
        let memo = CallMemo()
        var calls = 0
        let args: [Int64] = [7, 2025]
        let first = args.withUnsafeBufferPointer { a in memo.value(3, a) { calls += 1; return 42 } }
        let again = args.withUnsafeBufferPointer { a in memo.value(3, a) { calls += 1; return 0 } }
        let other = [Int64(7), 2024].withUnsafeBufferPointer { a in memo.value(3, a) { calls += 1; return 5 } }
        let otherFunction = args.withUnsafeBufferPointer { a in memo.value(4, a) { calls += 1; return 6 } }
        #expect([first, again, other, otherFunction] == [42, 42, 5, 6])
        #expect(calls == 3)
        memo.count = 0
        let afterReset = args.withUnsafeBufferPointer { a in memo.value(3, a) { calls += 1; return 1 } }
        #expect(afterReset == 1 && calls == 4)
    }
}

/// `String.nfc` decides from the bytes whether a text needs normalising (the batch reads a
/// name per person): the same decision as the scalar rule it stands for.
@Suite struct NFCBytesTests {
    @Test("The byte check agrees with the scalar rule at every edge: U+02FF/U+0300, U+1DFF/U+1E00, U+1EFF/U+1F00, 4-byte scalars, decomposed Vietnamese")
    func sameDecision() {
        let samples = ["", "Nguyen", "Nguyễn Thị Hoa", "Nguye\u{0302}\u{0303}n", "\u{02FF}", "\u{0300}", "a\u{0301}", "\u{1DFF}", "\u{1E00}", "\u{1EFF}",
                       "\u{1F00}", "Đặng Văn Ơn", "😀", "Ω", "\u{E000}", "ặ\u{0323}"]
        for s in samples {
            let scalarRule = s.unicodeScalars.allSatisfy { $0.value < 0x300 || (0x1E00..<0x1F00).contains($0.value) }
            var copy = s
            let bytes = copy.withUTF8 { String.plainUTF8($0) }
            #expect(bytes == scalarRule, "\(s.unicodeScalars.map { String($0.value, radix: 16) })")
            #expect(s.nfc == (scalarRule ? s : s.precomposedStringWithCanonicalMapping))
        }
    }
}
