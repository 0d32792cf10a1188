import Foundation
import Testing
@testable import KhenThuongCore
@testable import KhenThuongDefinitions
@testable import KhenThuongStore
@testable import KhenThuongKit
@testable import KhenThuongBench

@Suite struct UpwardPackageTests {
    /// A Hanoi store where HS-1 (Bằng khen Tổng Liên đoàn, decided at TLĐ) was proposed upward.
    func proposed() throws -> CouncilWorld {
        let w = try CouncilWorld()
        try w.toCouncilReview("HS-1", award: "bang_khen_tong_lien_doan")
        try w.toCouncilReview("HS-2", award: "lao_dong_tien_tien", nominee: "other")
        try w.openSession(agenda: ["HS-1"])
        let (_, d) = try w.book.vote(session: "01/BB-HĐTĐKT", dossier: "HS-1", yes: 11, no: 0, invalid: 0, writtenAbsent: 0,
                                     by: CouncilWorld.chair, at: try CouncilWorld.at("2025-12-16"))
        #expect(d.state == "proposed_upward")
        return w
    }

    @Test("Export, import at the next level, verify both chains")
    func roundTrip() throws {
        let w = try proposed()
        let text = try UpwardPackage.export(["HS-1"], from: w.store, definitions: w.runner.definitions, at: try CouncilWorld.at("2025-12-17"))
        let target = try EventStore(path: w.directory.path("tld.db"))
        let runner = DossierRunner(definitions: w.runner.definitions, store: target)
        let tld = Actor(role: "secretariat", unit: "TLD", user: "cao.thi.tam")
        let result = try UpwardPackage.importPackage(Array(text.utf8), file: "p.json", runner: runner, by: tld, at: try CouncilWorld.at("2025-12-18"))
        #expect(result.headHash == (try w.store.head())?.hash)
        let dossier = try #require(try target.dossier("HS-1"))
        #expect(dossier.addresseeUnit == "TLD" && dossier.proposerUnit == "LDLD-HN" && dossier.state == "draft")
        let record = try #require(try target.records(named: "package_imported").first)
        #expect(record.payload.contains(result.sha256) && record.payload.contains(result.headHash))
        #expect(try target.verify().firstBroken == nil)
        let again = councilError { _ = try UpwardPackage.importPackage(Array(text.utf8), file: "p.json", runner: runner, by: tld, at: Date()) }
        #expect(again?.message.en.contains("already imported") == true)
    }

    @Test("A tampered package is refused, naming the event", arguments: [
        ("\"actor_user\":\"pham.van.an\"", "\"actor_user\":\"someone.else\"", "was altered"),
        ("\"to_state\":\"council_review\"", "\"to_state\":\"approved\"", "was altered"),
    ])
    func tamper(find: String, replace: String, expected: String) throws {
        let w = try proposed()
        let text = try UpwardPackage.export(["HS-1"], from: w.store, definitions: w.runner.definitions, at: Date())
        #expect(text.contains(find))
        let forged = text.replacingOccurrences(of: find, with: replace)
        let error = councilError { _ = try UpwardPackage.verify(Array(forged.utf8), file: "p.json", definitions: w.runner.definitions) }
        #expect(error?.message.en.contains(expected) == true)
        #expect(error?.message.en.contains("event #") == true)
    }

    @Test("A package whose chain skips an event is refused")
    func brokenChain() throws {
        let w = try proposed()
        let text = try UpwardPackage.export(["HS-1"], from: w.store, definitions: w.runner.definitions, at: Date())
        let root = try JSONParser.parseVerbatim(text)
        guard case .object(var m) = root, let i = m.firstIndex(where: { $0.key == "chain" }), case .array(var chain) = m[i].value.value else {
            Issue.record("shape"); return
        }
        chain.remove(at: 2)
        m[i].value.value = .array(chain)
        let error = councilError { _ = try UpwardPackage.verify(Array(CanonicalJSONWriter.text(.object(m)).utf8), file: "p.json",
                                                                 definitions: w.runner.definitions) }
        #expect(error?.message.en.contains("chain breaks") == true)
    }

    @Test("Only dossiers proposed upward are packaged")
    func onlyProposed() throws {
        let w = try proposed()
        let error = councilError { _ = try UpwardPackage.export(["HS-2"], from: w.store, definitions: w.runner.definitions, at: Date()) }
        #expect(error?.kind == .refused)
        #expect(error?.message.en.hasSuffix("only dossiers proposed upward can be packaged") == true, "\(String(describing: error?.message.en))")
    }
}
