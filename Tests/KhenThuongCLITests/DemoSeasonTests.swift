import Foundation
import Testing
@testable import KhenThuongCLI
@testable import KhenThuongCore
@testable import KhenThuongDefinitions
@testable import KhenThuongStore
@testable import KhenThuongKit

/// The sample season `demo` runs: both halves of a dossier's life, on a fresh store.
@Suite struct DemoSeasonTests {
    @Test("The demo season is recorded whole in Vietnamese and English")
    func transcripts() throws {
        let h = try CLIHarness()
        try expectGolden(h.transcript([["demo", "--store", h.directory.appendingPathComponent("vi.sqlite").path]]), "demo-vi")
        try expectGolden(h.transcript([["--lang", "en", "demo", "--store", h.directory.appendingPathComponent("en.sqlite").path,
                                        "--site", h.directory.appendingPathComponent("site-en").path]]), "demo-en")
    }

    @Test("The season covers facts, eligibility, complaints, the council, a decision, a revocation, a package and the site")
    func season() throws {
        let h = try CLIHarness()
        let store = h.directory.appendingPathComponent("demo.sqlite").path
        let r = h.run(["demo", "--store", store])
        #expect(r.code == 0, "stderr: \(r.err)")
        #expect(r.out.contains("Tổng kết: 68 bước, 9 lần bị từ chối (không ghi gì), 74 sự kiện đã ghi (cùng 34 sự kiện danh mục đơn vị và quyền)."))
        #expect(r.out.contains("Kiểm tra chữ ký: 58 lần ghi có chữ ký, chữ ký hợp lệ, người ký đều có quyền lúc ký."))
        #expect(r.out.contains("Hồ sơ theo trạng thái: Đã công bố 2, Không được phê duyệt 1, Đã hủy bỏ, thu hồi 1, Đã rút hồ sơ 1, Dự thảo 1, Đã trình cấp trên 1."))
        #expect(r.out.contains("Quyết định: 2, 3 người/tập thể, tổng tiền thưởng 3.744.000 đồng."))
        #expect(r.out.contains("Kiểm tra chuỗi băm: toàn vẹn"))
        // The refusal not eligible, with the criterion that failed; the override; the complaint's deferral and resumption.
        #expect(r.out.contains("TỪ CHỐI: hồ sơ HS-2025-000006 không đủ điều kiện nên chưa được nộp"))
        #expect(r.out.contains("✗ Kỷ luật trong năm: CANH_CAO"))
        #expect(r.out.contains("HS-2025-000003 Nộp hồ sơ: Dự thảo → Đã nộp · Điều kiện: không đủ điều kiện (ldtt.new_recruit); đã nộp theo quyết định vượt kiểm tra"))
        #expect(r.out.contains("Hồ sơ: Đang công khai lấy ý kiến → Tạm dừng xét [Tạm dừng xét]."))
        #expect(r.out.contains("Hồ sơ: Tạm dừng xét → Đang công khai lấy ý kiến [Tiếp tục xét]."))
        #expect(r.out.contains("TỪ CHỐI: không đủ số lượng: 7/11 thành viên có mặt, cần ít nhất 8"))
        // The ad-hoc dossier reaches its decision through a session, a ballot and a decision, not `act` (issue 16 item 8).
        #expect(r.out.contains("Hồ sơ HS-2026-000005: 9/11 phiếu đồng ý, 0 không đồng ý, 0 không hợp lệ (cần ≥ 50% tổng số thành viên) → Được phê duyệt [Hội đồng thông qua]"))
        #expect(r.out.contains("Quyết định số 02/QĐ-LĐLĐ ngày 08/01/2026: HS-2026-000005 → Đã công bố"))
        #expect(r.out.contains("Hồ sơ HS-2025-000002: 9/11 phiếu đồng ý, 1 không đồng ý, 0 không hợp lệ (cần ≥ 90% tổng số thành viên) → Không được phê duyệt [Hội đồng không thông qua]"))

        let events = try EventStore(path: store)
        let states = try Dictionary(uniqueKeysWithValues: events.dossiers(state: nil, award: nil, unit: nil, year: nil).map { ($0.id, $0.state) })
        #expect(states == ["HS-2025-000001": "published", "HS-2025-000002": "not_approved", "HS-2025-000003": "revoked",
                           "HS-2025-000004": "withdrawn", "HS-2025-000006": "draft", "HS-2025-000007": "proposed_upward",
                           "HS-2026-000005": "published"])
        #expect(try events.verify().isIntact)
        // Every step was signed by the key of the person who acted, kept beside the store.
        let audit = try StoreAudit.run(events, definitions: try Definitions.load(directory: CLIHarness.workflows))
        #expect(audit.isIntact && audit.chain.commits.unsignedBefore == 0 && audit.chain.commits.signedEvents == 108)
        let keys = h.directory.appendingPathComponent("demo-keys")
        let officer = try FileManager.default.attributesOfItem(atPath: keys.appendingPathComponent("le.thi.cuc.pem").path)
        #expect((officer[.posixPermissions] as? Int) == 0o600)
        let directory = try Directory.load(from: events)
        let officerKey = try KeyFile.read(keys.appendingPathComponent("le.thi.cuc.pem").path, passphrase: nil).key.publicKey
        #expect(directory.grants(for: officerKey).map { "\($0.role)@\($0.unit)" } == ["union_officer@CDCS-DHBK"])
        #expect(try events.records(named: DossierRunner.overrideRecord).map(\.dossierID) == ["HS-2025-000003"])
        #expect(try events.records(named: "ballot_count").count == 5)

        let site = h.directory.appendingPathComponent("demo-site")
        let index = try String(contentsOf: site.appendingPathComponent("decisions.html"), encoding: .utf8)
        #expect(index.contains("125/QĐ-LĐLĐ"))
        // The site carries the publisher's signed checkpoint, and the store still extends it.
        let checkpoint = try Checkpoint(parsing: String(contentsOf: site.appendingPathComponent("checkpoint.txt"), encoding: .utf8))
        #expect(checkpoint.signatureIsValid && directory.grants(for: checkpoint.publicKey).contains { $0.role == "secretariat" })
        #expect(try CheckpointResult.check(events, against: checkpoint) == .extends)
        #expect(try String(contentsOf: site.appendingPathComponent("index.html"), encoding: .utf8).contains("khenthuong verify --checkpoint checkpoint.txt"))
        let package = try Data(contentsOf: h.directory.appendingPathComponent("khenthuong-demo-goi-trinh-TLD.json"))
        #expect(try UpwardPackage.verify(Array(package), file: "package", definitions: try Definitions.load(directory: CLIHarness.workflows)).dossiers.map(\.id) == ["HS-2025-000007"])
        let minutes = try String(contentsOf: h.directory.appendingPathComponent("khenthuong-demo-bien-ban-01.html"), encoding: .utf8)
        #expect(minutes.contains("01/BB-HĐTĐKT"))
    }

    @Test("After the season, whose dossiers end on records (facts, comments, ballot counts), rebuild and then rebuild --check agree")
    func rebuildThenCheck() throws {
        let h = try CLIHarness()
        let store = h.directory.appendingPathComponent("demo.sqlite").path
        let demo = h.run(["demo", "--store", store])
        #expect(demo.code == 0, "stderr: \(demo.err)")
        let events = try EventStore(path: store)
        let endingOnRecords = try events.dossiers().map(\.id).filter { try events.events(dossierID: $0).last?.kind == .record }
        #expect(!endingOnRecords.isEmpty, "the season should leave dossiers whose newest event is a record")
        let rebuild = h.run(["--store", store, "rebuild"])
        #expect(rebuild.code == 0, "stderr: \(rebuild.err)")
        #expect(rebuild.out.contains("Kết quả trùng khớp với bảng trạng thái hiện có.\n"), "\(rebuild.out)")
        // Every transition of the season replays through the workflow (issue 16 item 10).
        #expect(rebuild.out.hasSuffix("Quy trình: 40 lần chuyển trạng thái đều được quy trình cho phép lúc xảy ra.\n"), "\(rebuild.out)")
        let check = h.run(["--store", store, "rebuild", "--check"])
        #expect(check.code == 0, "\(check.out)\(check.err)")
        #expect(check.out == rebuild.out)
        let json = h.run(["--store", store, "--json", "rebuild", "--check"])
        #expect(json.code == 0, "\(json.out)\(json.err)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [String: Any])
        #expect((object["differences"] as? [String]) == [], "\(json.out)")
        #expect((object["rewritten"] as? Bool) == false)
    }

    @Test("A season step missing a member is named with its line")
    func malformedStep() throws {
        let text = """
        {"steps": [
          {"at": "2025-12-26T14:30:00+07:00", "as": "council_chair@LDLD-HN:pham.van.an",
           "vote": {"session": "01/BB-HĐTĐKT", "dossier": "HS-2025-000001", "no": 1}}
        ]}
        """
        #expect {
            try Scenario.parse(text, file: "season.json")
        } throws: { error in
            guard let e = error as? ScenarioError else { return false }
            return e.position.line == 3 && e.message.en == "\"vote\" needs the integer \"yes\""
        }
    }
}
