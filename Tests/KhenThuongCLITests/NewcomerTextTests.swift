import Foundation
import Testing
@testable import KhenThuongCLI
@testable import KhenThuongStore

/// What a newcomer read wrong in the officer's text (issue 16 item 20): counts and numbers
/// that are the dossier's own, not the store's.
@Suite struct NewcomerTextTests {
    @Test("dossier show counts every event of the dossier, records (ballot count) included")
    func eventCount() throws {
        let h = try OfficialDocumentTests.fiveVoted()
        let all = try EventStore(path: h.storePath).events(dossierID: "HS-1")
        #expect(all.contains { $0.kind == .record }, "the fixture has no record on HS-1")
        let show = h.run(["dossier", "show", "HS-1"])
        #expect(show.code == 0, "\(show.err)")
        #expect(show.out.contains("Số sự kiện:"))
        let line = show.out.split(separator: "\n").first { $0.contains("Số sự kiện:") } ?? ""
        #expect(line.hasSuffix(" \(all.count)"), "\(line) — the dossier has \(all.count) events")
    }

    @Test("A comment is numbered among its dossier's comments, not by the store's event number")
    func commentNumbers() throws {
        var h = try CouncilGoldenTests().season()
        h.environment["KHENTHUONG_NOW"] = "2025-12-15T03:00:00Z"
        let comment = [CouncilGoldenTests.secretariat, "dossier", "comment"]
        let first = h.run(comment + ["HS-2", "--text", "Nhất trí"])
        let other = h.run(comment + ["HS-3", "--text", "Nhất trí"])
        let second = h.run(comment + ["HS-2", "--text", "Đề nghị làm rõ thành tích"])
        for r in [first, other, second] { #expect(r.code == 0, "\(r.err)") }
        #expect(first.out.hasPrefix("Đã ghi nhận ý kiến thứ 1 về hồ sơ HS-2."), "\(first.out)")
        #expect(other.out.hasPrefix("Đã ghi nhận ý kiến thứ 1 về hồ sơ HS-3."), "\(other.out)")
        #expect(second.out.hasPrefix("Đã ghi nhận ý kiến thứ 2 về hồ sơ HS-2."), "\(second.out)")
    }

    @Test("A short row in dossier import is refused with its line and the first missing column, not padded; nothing is written")
    func shortImportRow() throws {
        let h = try CLIHarness()
        h.initialise()
        let file = h.directory.appendingPathComponent("short.csv")
        // Line 3 lost its last comma: the due date would be read as empty, the documents shifted.
        try "award,year,nominee_id,nominee_name,addressee,due\nlao_dong_tien_tien,2025,a.b,Nguyễn Văn A,LDLD-HN,15/12/2025\nlao_dong_tien_tien,2025,c.d,Trần Thị C,LDLD-HN\n"
            .write(to: file, atomically: true, encoding: .utf8)
        let r = h.run([GoldenTests.officer, "dossier", "import", file.path])
        #expect(r.code == 3, "\(r)")
        #expect(r.err.contains("short.csv:3") && r.err.contains("due") && r.err.contains("dòng chỉ có 5 trường, tiêu đề có 6 cột"), "\(r.err)")
        let list = h.run(["--json", "dossier", "list"]); #expect(list.code == 0 && !list.out.contains("a.b") && !list.out.contains("c.d"), "\(list.out)")
    }

    @Test("An unknown hire date reads as unknown, not as 9999 months (TT 01/2024/TT-BNV Điều 1 k5 điểm d)")
    func unknownHireDate() throws {
        let h = try CLIHarness()
        let file = h.directory.appendingPathComponent("nohire.json")
        try #"{"nominees": [{"kind": "individual", "id": "x.y", "name": "X Y", "unit": "CDCS-DHBK", "years": {"2025": {"duty": "HTTNV", "monthsWorked": 12}}}]}"#
            .write(to: file, atomically: true, encoding: .utf8)
        let check = ["eligibility", "check", "--nominees", file.path, "--id", "x.y", "--award", "lao_dong_tien_tien", "--year", "2025"]
        let vi = h.run(check), en = h.run(["--lang", "en"] + check)
        #expect(vi.code == 0 && en.code == 0, "\(vi.err)\(en.err)")
        #expect(!vi.out.contains("9999") && !en.out.contains("9999"), "\(vi.out)\(en.out)")
        #expect(vi.out.contains("Thời gian công tác chưa rõ (thiếu ngày tuyển dụng) ≥ 6 tháng"), "\(vi.out)")
        #expect(en.out.contains("Service unknown (no hire date) ≥ 6 months"), "\(en.out)")
    }
}
