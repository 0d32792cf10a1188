import Foundation
import Testing
@testable import KhenThuongCLI
@testable import KhenThuongCore
@testable import KhenThuongStore
@testable import KhenThuongKit

/// `dossier create --period FROM-TO [--proposed YEAR]` (issue 17, item 5): the dossier carries
/// its achievement period and proposal year, and what a person reads names both when they differ.
@Suite struct AchievementPeriodCLITests {
    static let officer = "union_officer@CDCS-DHBK:le.thi.cuc"
    static func create(_ extra: [String], id: String) -> [String] {
        ["--as", officer, "dossier", "create", "--id", id, "--award", "bang_khen_thu_tuong", "--nominee-id", "NV9",
         "--nominee-name", "Phạm Thị Lan", "--addressee", "LDLD-HN"] + extra
    }

    @Test("dossier create --period 2020-2024 --proposed 2025: stored with both years; create and show name both, in Vietnamese and English; a plain --year reads as before")
    func createAndShow() throws {
        let h = try CLIHarness(now: "2025-12-01T02:00:00.000Z")
        h.initialise()
        let made = h.run(Self.create(["--period", "2020-2024", "--proposed", "2025"], id: "HS-P"))
        #expect(made.code == 0, "\(made.err)")
        #expect(made.out.contains("đề nghị năm 2025 cho thành tích giai đoạn 2020–2024"))
        let stored = try #require(try EventStore(path: h.storePath).dossier("HS-P"))
        #expect(stored.achievementPeriod == AchievementPeriod(from: 2020, to: 2024, proposalYear: 2025) && stored.year == 2024)

        let vi = h.run(["dossier", "show", "HS-P"])
        #expect(vi.code == 0 && vi.out.contains("(bang_khen_thu_tuong), đề nghị năm 2025 cho thành tích giai đoạn 2020–2024"), "\(vi.out)")
        let en = h.run(["--lang", "en", "dossier", "show", "HS-P"])
        #expect(en.out.contains("(bang_khen_thu_tuong), proposed in 2025 for achievements of 2020–2024"), "\(en.out)")

        let plain = h.run(Self.create(["--year", "2025"], id: "HS-Y"))
        #expect(plain.code == 0 && plain.out.contains("năm 2025 cho Phạm Thị Lan") && !plain.out.contains("đề nghị năm"), "\(plain.out)")
        #expect(h.run(["dossier", "show", "HS-Y"]).out.contains("(bang_khen_thu_tuong), năm 2025"))
    }

    @Test("A bad period is a usage error (exit 2) naming the option, and nothing is written", arguments: [
        (["--period", "2024-2020"], "--period"),
        (["--period", "2020-2024", "--year", "2024"], "--year"),
        (["--period", "2020-2024", "--proposed", "2023"], "2023"),
        (["--period", "20-24"], "--period"),
    ])
    func badPeriod(extra: [String], named: String) throws {
        let h = try CLIHarness(now: "2025-12-01T02:00:00.000Z")
        h.initialise()
        let r = h.run(Self.create(extra, id: "HS-X"))
        #expect(r.code == 2 && r.err.contains(named), "\(r.err)")
        #expect(try EventStore(path: h.storePath).dossier("HS-X") == nil)
    }

    @Test("A dossier for 2022–2026 (no regime after the mid-2025 change, NĐ 152/2025/NĐ-CP not encoded) is refused at submission with exit 1 and “no regime covers this period”, and stays in Draft")
    func noRegimeRefused() throws {
        let h = try CLIHarness(now: "2026-03-02T02:00:00.000Z")
        h.initialise()
        let facts = CLIHarness.repository.appendingPathComponent("docs/examples/proposed-later.json").path
        #expect(h.run(Self.create(["--period", "2022-2026", "--attach", "cover_letter", "--attach", "achievement_report", "--attach", "review_minutes"], id: "HS-26")).code == 0)
        #expect(h.run(["--as", Self.officer, "dossier", "facts", "HS-26", "--nominees", facts, "--id", "NV9"]).code == 0)
        let r = h.run(["--as", Self.officer, "--lang", "en", "dossier", "submit", "HS-26"])
        #expect(r.code == 1 && r.err.contains("no regime covering the achievement period 2022–2026") && !r.err.contains("if the facts are wrong"), "\(r.err)")
        #expect(try EventStore(path: h.storePath).dossier("HS-26")?.state == "draft")
    }
}
