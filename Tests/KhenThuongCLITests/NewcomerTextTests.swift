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
}
