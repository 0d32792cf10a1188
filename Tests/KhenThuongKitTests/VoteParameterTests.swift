import Foundation
import Testing
@testable import KhenThuongCore
@testable import KhenThuongDefinitions
@testable import KhenThuongStore
@testable import KhenThuongKit
@testable import KhenThuongBench

/// Vote thresholds that could not be verified in the legal text (UNVERIFIED) name a parameter in `awards.json`; their
/// value follows `workflows/rules/params.json` and a deployment's override file.
@Suite struct VoteParameterTests {
    typealias T = TestSupport

    static let cstdTinh = "chien_si_thi_dua_cap_tinh"

    /// An override file holding `entries` (id → value), deleted after `body`.
    func withOverride<R>(_ entries: [String: Int], _ body: (String) throws -> R) throws -> R {
        let path = NSTemporaryDirectory() + "vote-params-\(UUID().uuidString).json"
        let list = entries.map { "{\"id\": \"\($0.key)\", \"value\": \($0.value)}" }.joined(separator: ", ")
        try Data("{\"params\": [\(list)]}".utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try body(path)
    }

    /// Whether the only reason is the vote threshold.
    static func voteShort(_ refusal: Refusal) -> Bool {
        guard refusal.reasons.count == 1, case .guardFailed(name: "voteThreshold", _) = refusal.reasons[0] else { return false }
        return true
    }

    func approve(_ yes: Int, of members: Int, with definitions: Definitions) throws -> Result<Transition, Refusal> {
        let d = T.dossier(award: Self.cstdTinh, state: "council_review")
        return DossierMachine.decide(d, EventRequest(event: "approve", via: .council, tally: Tally(members: members, present: members, yes: yes, no: members - yes)),
                                     by: T.chair(), at: T.time(2025, 3, 9), in: try T.workflow("yearly"), context: definitions.context)
    }

    @Test("CSTĐ cấp tỉnh from 2024 (UNVERIFIED, TT 15/2023 Điều 18 kept at 90 %): the shipped parameter gives 90 %, NĐ 91/2017 k8 Điều 45 stays 90 % before")
    func shippedValues() throws {
        let award = try #require(try T.definitions().awards.award(Self.cstdTinh))
        #expect(award.voteRule(year: 2024).percent == 90)
        #expect(award.voteRule(year: 2024).source.hasSuffix("[vote.chien_si_thi_dua_cap_tinh.from2024]"))
        #expect(award.voteRule(year: 2023).percent == 90 && award.voteRule(year: 2023).source.contains("NĐ 91/2017"))
        let params = try #require(Parameters.load(defaults: T.workflowsDirectory + "/rules/params.json").0)
        #expect(params["vote.chien_si_thi_dua_cap_tinh.from2024"]?.confidence == .unverified)
        #expect(params["vote.chien_si_thi_dua_toan_quoc.from2024"]?.value == 90)
    }

    @Test("An override file moves the 2024 threshold, and the machine judges the council's tally by it")
    func overrideMovesTheThreshold() throws {
        // 8 of 9 members is 88.9 %: short of 90 %, enough for 80 %.
        let shipped = try T.definitions()
        let refused = try #require(try approve(8, of: 9, with: shipped).refusal)
        #expect(Self.voteShort(refused))
        try withOverride(["vote.chien_si_thi_dua_cap_tinh.from2024": 80]) { path in
            let definitions = try Definitions.load(directory: T.workflowsDirectory, parameterOverrides: path)
            let award = try #require(definitions.awards.award(Self.cstdTinh))
            #expect(award.voteRule(year: 2024).percent == 80 && award.voteRule(year: 2024).source.contains(path))
            #expect(award.voteRule(year: 2023).percent == 90) // the verified regime has no parameter
            let passed = try #require(try approve(8, of: 9, with: definitions).transition)
            #expect(passed.effects == [.recordTally(Tally(members: 9, present: 9, yes: 8, no: 1), percent: 80, base: "total")])
            #expect(Self.voteShort(try #require(try approve(7, of: 9, with: definitions).refusal))) // 77.8 % < 80 %
        }
    }

    @Test("A vote parameter outside 1–100 stops the definitions, naming the parameter, the award and the file", arguments: [0, 101])
    func outOfRange(value: Int) throws {
        try withOverride(["vote.chien_si_thi_dua_cap_tinh.from2024": value]) { path in
            let (definitions, findings) = Definitions.lint(directory: T.workflowsDirectory, parameterOverrides: path)
            #expect(definitions == nil)
            let finding = try #require(findings.first { $0.severity == .error })
            #expect(finding.file == path)
            #expect(finding.message.en == "parameter \"vote.chien_si_thi_dua_cap_tinh.from2024\" is the yes-vote percent of award \"chien_si_thi_dua_cap_tinh\": it must be 1 to 100, it is \(value)")
        }
    }

    @Test("Without rules/params.json the percent written in awards.json holds; with it, the parameter's value wins")
    func parameterFileDecides() throws {
        let dir = NSTemporaryDirectory() + "vote-params-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir + "/rules", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for name in ["yearly.json", "adhoc.json", "calendar.json"] {
            try FileManager.default.copyItem(atPath: T.workflowsDirectory + "/" + name, toPath: dir + "/" + name)
        }
        let awards = try String(contentsOfFile: T.workflowsDirectory + "/awards.json", encoding: .utf8)
        let marker = "\"percent\": 90,\n            \"base\": \"total\",\n            \"parameter\": \"vote.chien_si_thi_dua_cap_tinh.from2024\""
        #expect(awards.contains(marker))
        try awards.replacingOccurrences(of: marker, with: marker.replacingOccurrences(of: "90", with: "85"))
            .write(toFile: dir + "/awards.json", atomically: true, encoding: .utf8)
        #expect(try Definitions.load(directory: dir).awards.award(Self.cstdTinh)?.voteRule(year: 2024).percent == 85)
        try FileManager.default.copyItem(atPath: T.workflowsDirectory + "/rules/params.json", toPath: dir + "/rules/params.json")
        #expect(try Definitions.load(directory: dir).awards.award(Self.cstdTinh)?.voteRule(year: 2024).percent == 90)
    }
}
