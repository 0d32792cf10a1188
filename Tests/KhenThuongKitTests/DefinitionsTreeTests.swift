import Foundation
import Testing
@testable import KhenThuongCore
@testable import KhenThuongDefinitions
@testable import KhenThuongStore
@testable import KhenThuongKit

/// `Definitions` is the one loader of the `workflows/` tree: it knows the layout, parses the
/// parameters once for the vote thresholds and the rule sets, reads the rule sets only when
/// asked (once), and gives the eligibility guard the runner uses.
@Suite struct DefinitionsTreeTests {
    typealias T = TestSupport

    /// A copy of the shipped `workflows/` folder, changed by `change`, removed after `body`.
    func withCopy<R>(_ change: (DefinitionsLayout) throws -> Void, _ body: (String) throws -> R) throws -> R {
        let dir = NSTemporaryDirectory() + "definitions-tree-\(UUID().uuidString)"
        try FileManager.default.copyItem(atPath: T.workflowsDirectory, toPath: dir)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try change(DefinitionsLayout(directory: dir))
        return try body(dir)
    }

    @Test("The layout names every part of the tree")
    func layout() {
        let l = DefinitionsLayout(directory: "/w")
        #expect([l.awards, l.calendar, l.rules, l.parameters, l.guardPolicy, l.movements, l.rewardMoney, l.revocationGrounds, l.samples]
                == ["/w/awards.json", "/w/calendar.json", "/w/rules", "/w/rules/params.json", "/w/rules/guard.json", "/w/movements",
                    "/w/decision/reward-money.json", "/w/decision/revocation-grounds.json", "/w/samples"])
        let shipped = DefinitionsLayout(directory: T.workflowsDirectory)
        #expect(shipped.workflowFiles.map { ($0 as NSString).lastPathComponent } == ["adhoc.json", "yearly.json"])
        // Every rule set of rules/, in name order; neither the parameters nor the guard policy.
        #expect(shipped.ruleFiles.map { ($0 as NSString).lastPathComponent }
                == ["bang_khen_bo_nganh_tinh.json", "bang_khen_thu_tuong.json", "bang_khen_tong_lien_doan.json",
                    "bang_lao_dong_sang_tao.json", "chien_si_thi_dua_cap_tinh.json", "chien_si_thi_dua_co_so.json",
                    "chien_si_thi_dua_toan_quoc.json", "lao_dong_tien_tien.json", "tap_the_lao_dong_tien_tien.json",
                    "tap_the_lao_dong_xuat_sac.json"])
    }

    @Test("The rule sets are read only when asked, once, with the parameters the vote thresholds follow")
    func rulesShareParameters() throws {
        let definitions = try Definitions.load(directory: T.workflowsDirectory)
        #expect(!definitions.cache.hasRules)
        let parameters = try #require(definitions.parameters)
        let copy = definitions
        let (rules, findings) = copy.rules()
        #expect(findings.isEmpty)
        #expect(definitions.cache.hasRules) // copies share what was read
        #expect(try #require(rules).schema.parameters == parameters)
        let direct = try #require(RuleSetLoader.loadDirectory(definitions.layout.rules, awards: definitions.awards).0)
        #expect(try #require(rules).ruleSets.keys.sorted() == direct.ruleSets.keys.sorted())
        #expect(direct.schema.parameters == parameters)
    }

    @Test("An override file moves the parameters of the vote thresholds and of the rule sets alike")
    func overridesReachTheRules() throws {
        let path = NSTemporaryDirectory() + "tree-params-\(UUID().uuidString).json"
        try Data(#"{"params": [{"id": "vote.chien_si_thi_dua_cap_tinh.from2024", "value": 80}]}"#.utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let definitions = try Definitions.load(directory: T.workflowsDirectory, parameterOverrides: path)
        #expect(definitions.parameterOverrides == path)
        #expect(definitions.parameters?["vote.chien_si_thi_dua_cap_tinh.from2024"]?.value == 80)
        #expect(definitions.awards.award("chien_si_thi_dua_cap_tinh")?.voteRule(year: 2024).percent == 80)
        #expect(try #require(definitions.rules().0).schema.parameters["vote.chien_si_thi_dua_cap_tinh.from2024"]?.value == 80)
    }

    @Test("The eligibility guard comes from the definitions: submission is guarded, other events are not and read no rule set")
    func eligibilityGuard() throws {
        let definitions = try Definitions.load(directory: T.workflowsDirectory)
        #expect(try definitions.eligibilityGuard(for: "receive") == nil)
        #expect(!definitions.cache.hasRules)
        let submit = try #require(try definitions.eligibilityGuard(for: "submit"))
        #expect(submit.guards("submit") && submit.policy.overrideRoles == ["union_officer"])
        #expect(submit.rules["lao_dong_tien_tien"] != nil)
        let dir = try StoreTemporaryDirectory()
        let runner = try DossierRunner(definitions: definitions, store: try EventStore(path: dir.path()), guarding: "submit")
        #expect(runner.eligibility?.guards("submit") == true)
    }

    @Test("Without rules/ nothing is guarded; a broken guard.json or rule file is an error naming it")
    func guardFailures() throws {
        try withCopy({ try FileManager.default.removeItem(atPath: $0.rules) }) { dir in
            let definitions = try Definitions.load(directory: dir)
            #expect(definitions.parameters == nil)
            #expect(try definitions.eligibilityGuard(for: "submit") == nil)
        }
        try withCopy({ try Data(#"{"guard": {"events": ["submitt"]}}"#.utf8).write(to: URL(fileURLWithPath: $0.guardPolicy)) }) { dir in
            let definitions = try Definitions.load(directory: dir)
            let error = #expect(throws: DefinitionsPartError.self) { try definitions.eligibilityGuard(for: "submit") }
            guard case .guardPolicy(let file, let findings)? = error else { Issue.record("not a guard policy error"); return }
            #expect(file == definitions.layout.guardPolicy && !findings.isEmpty)
        }
        try withCopy({ try Data("{".utf8).write(to: URL(fileURLWithPath: $0.path("rules/lao_dong_tien_tien.json"))) }) { dir in
            let definitions = try Definitions.load(directory: dir)
            #expect(try definitions.eligibilityGuard(for: "receive") == nil)
            let error = #expect(throws: DefinitionsPartError.self) { try definitions.eligibilityGuard(for: "submit") }
            guard case .rules(let directory, let findings)? = error else { Issue.record("not a rules error"); return }
            #expect(directory == definitions.layout.rules && findings.first?.file.hasSuffix("lao_dong_tien_tien.json") == true)
        }
    }

    @Test("The decision tables and the movements are read through the definitions' layout")
    func otherParts() throws {
        let definitions = try Definitions.load(directory: T.workflowsDirectory)
        #expect(try definitions.rewardMoney() == RewardMoney.load(directory: T.workflowsDirectory))
        #expect(try definitions.revocationGrounds() == RevocationGrounds.load(directory: T.workflowsDirectory))
        let (movements, findings) = definitions.movements()
        #expect(findings.isEmpty && !movements.isEmpty)
    }
}
