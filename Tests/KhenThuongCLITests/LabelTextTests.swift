import Foundation
import Testing
@testable import KhenThuongCLI

/// Issue 16 item 16: what a person reads names awards, events, records and units by their labels in
/// the reader's language; the ids stay in `--json` (and in parentheses where the officer types them).
@Suite struct LabelTextTests {
    static let officer = GoldenTests.officer, secretariat = GoldenTests.secretariat
    static let id = "CDCS-DHBK-2025-000001"

    /// One dossier created, its facts recorded, submitted and received.
    func received() throws -> CLIHarness {
        let h = try CLIHarness()
        for args in h.setUp + [
            [Self.officer, "dossier", "create", "--award", "lao_dong_tien_tien", "--year", "2025", "--nominee-id", "nguyen.thi.hoa",
             "--nominee-name", "Nguyễn Thị Hoa", "--addressee", "LDLD-HN", "--attach", "cover_letter", "--attach", "achievement_report",
             "--attach", "review_minutes"],
            [Self.officer, "dossier", "facts", Self.id, "--nominees", GoldenTests.guardNominees],
        ] {
            let r = h.run(args)
            #expect(r.code == 0, "\(args): \(r.err)")
        }
        return h
    }

    @Test("submit and act name the event by its label (“Nộp hồ sơ”, “Receive”), not submit/receive")
    func transitions() throws {
        let h = try received()
        let submit = h.run([Self.officer, "dossier", "submit", Self.id])
        #expect(submit.code == 0, "\(submit.err)")
        #expect(submit.out.contains("[Nộp hồ sơ]"), "\(submit.out)")
        #expect(!submit.out.contains("[submit]"), "\(submit.out)")
        let receive = h.run([Self.secretariat, "--lang", "en", "dossier", "act", Self.id, "receive"])
        #expect(receive.code == 0, "\(receive.err)")
        #expect(receive.out.contains("[Receive]"), "\(receive.out)")
        #expect(!receive.out.contains("[receive]"), "\(receive.out)")
    }

    @Test("history labels records and events in Vietnamese and English; the kinds stay in --json")
    func history() throws {
        let h = try received()
        #expect(h.run([Self.officer, "dossier", "submit", Self.id]).code == 0)
        let vi = h.run(["dossier", "history", Self.id])
        #expect(vi.code == 0, "\(vi.err)")
        for label in ["ghi dữ kiện người được đề nghị", "kết quả xét điều kiện", "Nộp hồ sơ"] { #expect(vi.out.contains(label), "\(label) in \(vi.out)") }
        for id in ["nominee_facts", "eligibility_verdict", " submit "] { #expect(!vi.out.contains(id), "\(id) in \(vi.out)") }
        let en = h.run(["--lang", "en", "dossier", "history", Self.id])
        for label in ["nominee facts recorded", "eligibility verdict", "Submit"] { #expect(en.out.contains(label), "\(label) in \(en.out)") }
        for id in ["nominee_facts", "eligibility_verdict"] { #expect(!en.out.contains(id), "\(id) in \(en.out)") }
        let json = h.run(["--json", "dossier", "history", Self.id])
        #expect(json.out.contains("nominee_facts") && json.out.contains("\"submit\""), "\(json.out)")
    }

    @Test("show names the units from the directory with the code in parentheses; list names the award and the unit")
    func showAndList() throws {
        let h = try received()
        let show = h.run([Self.officer, "dossier", "show", Self.id])
        #expect(show.code == 0, "\(show.err)")
        #expect(show.out.contains("Đơn vị đề nghị:     Công đoàn Đại học Bách khoa Hà Nội (CDCS-DHBK)"), "\(show.out)")
        #expect(show.out.contains("Gửi tới:            Liên đoàn Lao động thành phố Hà Nội (LDLD-HN)"), "\(show.out)")
        // Allowed events: the label first, the id the officer types in parentheses.
        #expect(show.out.contains("Nộp hồ sơ (submit)"), "\(show.out)")
        let list = h.run(["dossier", "list"])
        #expect(list.code == 0, "\(list.err)")
        #expect(list.out.contains("Lao động tiên tiến") && list.out.contains("Công đoàn Đại học Bách khoa Hà Nội"), "\(list.out)")
        #expect(!list.out.contains("lao_dong_tien_tien"), "\(list.out)")
        let en = h.run(["--lang", "en", "dossier", "list"])
        #expect(en.out.contains("Advanced Worker") && !en.out.contains("lao_dong_tien_tien"), "\(en.out)")
        let json = h.run(["--json", "dossier", "list"])
        #expect(json.out.contains("lao_dong_tien_tien") && json.out.contains("CDCS-DHBK"), "\(json.out)")
    }

    @Test("A refusal lists what is allowed by label, the id in parentheses")
    func refusal() throws {
        let h = try received()
        let r = h.run([Self.officer, "dossier", "act", Self.id, "receive"])
        #expect(r.code != 0)
        #expect(r.err.contains("Nộp hồ sơ (submit)"), "\(r.err)")
        #expect(!r.err.contains("submit (Nộp hồ sơ)"), "\(r.err)")
    }
}
