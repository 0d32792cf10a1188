import CSQLite
import Foundation
import Testing
@testable import KhenThuongCLI
@testable import KhenThuongCore
@testable import KhenThuongDefinitions
@testable import KhenThuongStore
@testable import KhenThuongKit

/// Issue 16, items 8–10: the council and the decision cannot be stepped around, and a table or
/// an event changed behind the program is caught before it is used and by `verify`/`rebuild`.
@Suite struct BypassTests {
    static let officer = CouncilGoldenTests.officer
    static let secretariat = CouncilGoldenTests.secretariat
    static let chair = CouncilGoldenTests.chair
    static let signer = CouncilGoldenTests.signer

    func events(_ h: CLIHarness) throws -> Int64 { try EventStore(path: h.storePath).eventCount() }

    @Test("dossier act approve|reject|propose_upward --tally is refused (the council's outcome goes through council vote) and writes nothing",
          arguments: [["approve", "--tally", "11,11,11,0"], ["reject", "--reason", "Không đạt"], ["propose_upward", "--tally", "11,11,11,0"]])
    func councilOutcomeOnlyThroughVote(_ act: [String]) throws {
        var h = try CouncilGoldenTests().season()
        h.environment["KHENTHUONG_NOW"] = "2025-12-16T02:00:00Z"
        let before = try events(h)
        let r = h.run([Self.chair, "--lang", "en", "dossier", "act", "HS-2"] + act)
        #expect(r.code == 1, "\(r.out)\(r.err)")
        #expect(r.err.contains("a council outcome is recorded only through `khenthuong council vote`"), "\(r.err)")
        #expect(try events(h) == before)
        #expect(try EventStore(path: h.storePath).dossier("HS-2")?.state == "council_review")
    }

    @Test("dossier act publish on an approved dossier is refused (publication goes through decision issue); revoke likewise")
    func publicationOnlyThroughDecision() throws {
        var h = try CouncilGoldenTests().season()
        h.environment["KHENTHUONG_NOW"] = "2025-12-16T02:00:00Z"
        let ten = CouncilGoldenTests.ten
        for args in [[Self.secretariat, "council", "session", "open", "HĐTĐKT-LĐLĐ-HN", "--id", "01/BB", "--date", "2025-12-16", "--present", ten, "HS-2"],
                     [Self.chair, "council", "vote", "01/BB", "HS-2", "--yes", "10", "--no", "0"]] {
            let r = h.run(args)
            #expect(r.code == 0, "\(args): \(r.err)")
        }
        #expect(try EventStore(path: h.storePath).dossier("HS-2")?.state == "approved")
        let before = try events(h)
        let r = h.run([Self.signer, "--lang", "en", "dossier", "act", "HS-2", "publish"])
        #expect(r.code == 1 && r.err.contains("only through `khenthuong decision issue | decision revoke`"), "\(r.err)")
        #expect(try events(h) == before)
        let issued = h.run([Self.signer, "decision", "issue", "--number", "1/QĐ", "--date", "2025-12-20", "--signer", "Phạm Văn An", "HS-2"])
        #expect(issued.code == 0, "\(issued.err)")
        #expect(try EventStore(path: h.storePath).dossier("HS-2")?.state == "published")
        let revoke = h.run([Self.signer, "--lang", "en", "dossier", "act", "HS-2", "revoke", "--reason", "Sai"])
        #expect(revoke.code == 1 && revoke.err.contains("decision revoke"), "\(revoke.err)")
    }

    @Test("A projection row edited from draft-like council_review to approved by raw SQL: decision issue refuses it and writes nothing; verify exits 3")
    func editedProjectionStopsTheRunner() throws {
        var h = try CouncilGoldenTests().season()
        h.environment["KHENTHUONG_NOW"] = "2025-12-16T02:00:00Z"
        #expect(h.run(["decision", "list"]).code == 0) // the verified mark at the head
        try SQLiteTamper.execute(h.storePath, "UPDATE dossiers SET state = 'approved' WHERE id = 'HS-2'")
        let before = try events(h)
        let r = h.run([Self.signer, "--lang", "en", "decision", "issue", "--number", "9/QĐ", "--date", "2025-12-20", "--signer", "Phạm Văn An", "HS-2"])
        #expect(r.code == 3, "\(r.out)\(r.err)")
        #expect(r.err.contains("HS-2") && r.err.contains("state"), "\(r.err)")
        #expect(try events(h) == before)
        // An act on the edited row is refused the same way: the runner reads the dossier from its events.
        let act = h.run([Self.signer, "--lang", "en", "dossier", "act", "HS-2", "withdraw", "--reason", "x"])
        #expect(act.code == 3 && act.err.contains("differs from its events in state"), "\(act.err)")
        let verify = h.run(["--lang", "en", "verify"])
        #expect(verify.code == 3 && verify.out.contains("HS-2: state differ"), "\(verify.out)")
    }

    @Test("An illegal transition appended with correct hashes passes the chain check; rebuild --check replays it through the workflow and names it")
    func replayNamesTheIllegalEvent() throws {
        let h = try CLIHarness()
        let store = h.directory.appendingPathComponent("plain.sqlite").path
        let runner = DossierRunner(definitions: try Definitions.load(directory: CLIHarness.workflows), store: try EventStore(path: store))
        let officer = Actor(role: "union_officer", unit: "CDCS-DHBK", user: "le.thi.cuc")
        let at = Date(timeIntervalSince1970: 1_764_554_400)
        let d = try runner.create(NewDossier(id: "HS-1", awardID: "lao_dong_tien_tien", year: 2025,
                                             nominee: Nominee(id: "nguyen.thi.hoa", name: "Nguyễn Thị Hoa", kind: .individual),
                                             proposerUnit: "CDCS-DHBK", addresseeUnit: "LDLD-HN"), by: officer, at: at)
        // By hand, through the store's own append (so every hash is right): draft → approved.
        let chair = Actor(role: "council_chair", unit: "LDLD-HN", user: "pham.van.an")
        let forged = Transition(event: "approve", from: "draft", to: "approved", effects: [])
        let seq = try runner.store.write { tx in
            try tx.append(transition: forged, to: d.applying(forged, at: at.addingTimeInterval(60)), actor: chair, at: at.addingTimeInterval(60), reason: nil).seq
        }
        let verify = h.run(["--store", store, "--lang", "en", "verify"])
        #expect(verify.code == 0, "the chain and the table agree: \(verify.out)")
        let check = h.run(["--store", store, "--lang", "en", "rebuild", "--check"])
        #expect(check.code == 3, "\(check.out)")
        #expect(check.out.contains("BROKEN: 1 events the workflow does not allow"), "\(check.out)")
        #expect(check.out.contains("event \(seq) (approve, dossier HS-1)") && check.out.contains("“Draft” (draft)"), "\(check.out)")
        // A legal season replays clean.
        var clean = try CouncilGoldenTests().season()
        clean.environment["KHENTHUONG_NOW"] = "2025-12-16T02:00:00Z"
        let ok = clean.run(["--lang", "en", "rebuild", "--check"])
        #expect(ok.code == 0 && ok.out.contains("Workflow: all") && ok.out.contains("were allowed"), "\(ok.out)")
    }

    @Test("Issue 16 item 21: dossier create --help lists every workflow's document ids, marking those submission requires, read from the definitions")
    func createHelpListsDocuments() throws {
        let h = try CLIHarness()
        let vi = h.run(["dossier", "create", "--help"])
        #expect(vi.code == 0)
        #expect(vi.out.contains("Tài liệu (--attach), theo quy trình của danh hiệu:"), "\(vi.out)")
        #expect(vi.out.contains("    review_minutes       Biên bản bình xét thi đua  [cần khi nộp]"), "\(vi.out)")
        #expect(vi.out.contains("    supplement           Tài liệu bổ sung\n"), "\(vi.out)")
        let en = h.run(["--lang", "en", "dossier", "create", "--help"])
        #expect(en.out.contains("  adhoc (") && en.out.contains("short_summary") && en.out.contains("[required to submit]"), "\(en.out)")
    }

    @Test("Issue 16 item 21: dossier submit takes several dossiers (or --all) in one write: one line each and a summary; one refused, none written")
    func submitMany() throws {
        let h = try CLIHarness(now: "2025-11-20T02:00:00Z")
        h.initialise()
        let docs = ["--attach", "cover_letter", "--attach", "achievement_report", "--attach", "review_minutes"]
        for (id, attach) in [("HS-A", docs), ("HS-B", Array(docs.prefix(4))), ("HS-C", docs)] {
            let r = h.run([Self.officer, "dossier", "create", "--id", id, "--award", "lao_dong_tien_tien", "--year", "2025",
                           "--nominee-id", "n.\(id)", "--nominee-name", "Người \(id)", "--addressee", "LDLD-HN"] + attach)
            #expect(r.code == 0, "\(r.err)")
        }
        let override = ["--override-eligibility", "--reason", "Hồ sơ mẫu"]
        let before = try events(h)
        let refused = h.run([Self.officer, "--lang", "en", "dossier", "submit", "HS-A", "HS-B"] + override)
        #expect(refused.code == 1, "\(refused.out)\(refused.err)")
        #expect(refused.err.contains("HS-A: allowed (not written)") && refused.err.contains("HS-B: REFUSED:") && refused.err.contains("review_minutes"), "\(refused.err)")
        #expect(refused.err.contains("Nothing was written: 1 of 2 dossiers refused"), "\(refused.err)")
        #expect(try events(h) == before)
        let two = h.run([Self.officer, "--lang", "en", "dossier", "submit", "HS-A", "HS-C"] + override)
        #expect(two.code == 0, "\(two.err)")
        #expect(two.out.contains("HS-A: Draft → Submitted [Submit]") && two.out.contains("HS-C: Draft → Submitted [Submit]")
                && two.out.contains("Submitted 2 dossiers in one write"), "\(two.out)")
        let rest = h.run([Self.officer, "--lang", "en", "dossier", "submit", "--all", "--attach", "review_minutes"] + override)
        #expect(rest.code == 0 && rest.out.contains("HS-B: Draft → Submitted") && rest.out.contains("Submitted 1 dossiers"), "\(rest.out)\(rest.err)")
    }

    @Test("Issue 16 item 21: dossier facts takes several dossiers (or --all) in one write, each taking its own nominee's facts; one nominee missing from the file, none written")
    func factsMany() throws {
        let h = try CLIHarness(now: "2025-11-20T02:00:00Z")
        h.initialise()
        let nominees = CLIHarness.repository.appendingPathComponent("workflows/samples/nominees-2025.json").path
        for (id, nominee) in [("HS-A", "NV001"), ("HS-B", "NV002"), ("HS-X", "NV999")] {
            let r = h.run([Self.officer, "dossier", "create", "--id", id, "--award", "lao_dong_tien_tien", "--year", "2025",
                           "--nominee-id", nominee, "--nominee-name", "Người \(nominee)", "--addressee", "LDLD-HN"])
            #expect(r.code == 0, "\(r.err)")
        }
        let before = try events(h)
        let refused = h.run([Self.officer, "--lang", "en", "dossier", "facts", "HS-A", "HS-X", "--nominees", nominees])
        #expect(refused.code == 1, "\(refused.out)\(refused.err)")
        #expect(refused.err.contains("HS-A: allowed (not written)") && refused.err.contains("HS-X: REFUSED:") && refused.err.contains("(NV999) is not in"), "\(refused.err)")
        #expect(refused.err.contains("Nothing was written: 1 of 2 dossiers refused"), "\(refused.err)")
        #expect(try events(h) == before)
        let withID = h.run([Self.officer, "dossier", "facts", "HS-A", "HS-B", "--id", "NV001", "--nominees", nominees])
        #expect(withID.code == 2 && withID.err.contains("--id chỉ dùng với một hồ sơ"), "\(withID.err)")
        let two = h.run([Self.officer, "dossier", "facts", "HS-A", "HS-B", "--nominees", nominees])
        #expect(two.code == 0, "\(two.err)")
        #expect(two.out.contains("HS-A [#") && two.out.contains("(NV001) — Lao động tiên tiến năm 2025:")
                && two.out.contains("HS-B [#") && two.out.contains("(NV002) — Lao động tiên tiến")
                && two.out.contains("Đã ghi dữ kiện vào 2 hồ sơ trong một lần ghi"), "\(two.out)")
        #expect(try events(h) == before + 2)
        let all = h.run([Self.officer, "--lang", "en", "dossier", "facts", "--all", "--award", "lao_dong_tien_tien", "--nominees", nominees])
        #expect(all.code == 1 && all.err.contains("HS-X: REFUSED:") && all.err.contains("Nothing was written: 1 of 3"), "\(all.out)\(all.err)")
    }
}

