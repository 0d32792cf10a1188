import Foundation
import Testing
@testable import KhenThuongCore
@testable import KhenThuongDefinitions
@testable import KhenThuongStore
@testable import KhenThuongKit
@testable import KhenThuongBench

/// What a user starts from agrees with the shipped award catalog: the awards the README names,
/// the ones the sample councils decide, the reward-money table pays and the demo season
/// creates. No loader checks these against the catalog, so a renamed or misspelt award id in
/// one of them would otherwise go unnoticed (a council would propose it upward, the money
/// table would never pay it).
@Suite struct SmokeTests {
    static func catalogIDs() throws -> Set<String> {
        Set(try TestSupport.definitions().awards.awards.map(\.id))
    }

    @Test("Every award id the README and docs/ name is in the shipped catalog and has a workflow")
    func readmeAwardsExist() throws {
        let root = TestSupport.workflowsDirectory + "/.."
        let pages = try FileManager.default.contentsOfDirectory(atPath: root + "/docs").filter { $0.hasSuffix(".md") }.sorted()
        #expect(!pages.isEmpty, "docs/ has no pages")
        let readme = try ([root + "/README.md"] + pages.map { root + "/docs/" + $0 })
            .map { try String(contentsOfFile: $0, encoding: .utf8) }.joined(separator: "\n")
        // Award ids start with the award's form and end in a letter (`bang_khen_…` names a family, not an award).
        let awardLike = /\b(?:lao_dong|chien_si|tap_the|bang_khen|bang_lao|giay_khen)[a-z_]*[a-z]\b/.wordBoundaryKind(.simple)
        let named = Set(readme.matches(of: awardLike).map { String($0.output) })
        #expect(named.isSuperset(of: ["lao_dong_tien_tien", "chien_si_thi_dua_cap_tinh"]), "README and docs name \(named.sorted())")
        let defs = try TestSupport.definitions()
        #expect(named.subtracting(try Self.catalogIDs()).sorted() == [], "named in the README or docs/ but not in workflows/awards.json")
        #expect(named.filter { defs.workflow(forAward: $0) == nil }.sorted() == [], "no workflow handles these")
    }

    @Test("A sample council decides only awards of the catalog", arguments: ["council-ldld-hn.json", "council-tld.json"])
    func councilAwardsExist(_ file: String) throws {
        let text = try String(contentsOfFile: TestSupport.workflowsDirectory + "/samples/" + file, encoding: .utf8)
        let council = try Council.parse(text, file: file)
        #expect(!council.decides.isEmpty)
        #expect(Set(council.decides).subtracting(try Self.catalogIDs()).sorted() == [], "\(file) decides awards the catalog lacks")
    }

    @Test("The reward-money table pays only awards of the catalog")
    func moneyAwardsExist() throws {
        let money = try RewardMoney.load(directory: TestSupport.workflowsDirectory)
        #expect(!money.multipliers.isEmpty)
        #expect(Set(money.multipliers.keys).subtracting(try Self.catalogIDs()).sorted() == [], "reward-money.json pays awards the catalog lacks")
    }

    @Test("The demo season creates dossiers only for awards of the catalog, and for several of them")
    func demoSeasonAwardsExist() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: TestSupport.workflowsDirectory + "/samples/demo-season.json"))
        let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let steps = try #require(root["steps"] as? [[String: Any]])
        let created = Set(steps.compactMap { ($0["create"] as? [String: Any])?["award"] as? String })
        #expect(created.count >= 2, "the season creates \(created.sorted())")
        #expect(created.subtracting(try Self.catalogIDs()).sorted() == [], "demo-season.json creates awards the catalog lacks")
    }
}
