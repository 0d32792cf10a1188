import Foundation
import Testing
@testable import KhenThuongCLI
@testable import KhenThuongStore

/// `dossier comment | complain | complaint resolve` and `publish` from the command line.
@Suite struct PublicationCommandTests {
    static let officer = "--as=union_officer@CDCS-DHBK:le.thi.cuc"
    static let secretariat = "--as=secretariat@LDLD-HN:tran.thu.ha"

    @Test("Comments and complaints during public notice, then the published site, with refusals and their exit codes")
    func transcript() throws {
        let h = try CLIHarness()
        try FileManager.default.createDirectory(at: h.directory.appendingPathComponent("notes"), withIntermediateDirectories: true)
        try Data("giữ lại".utf8).write(to: h.directory.appendingPathComponent("notes/todo.txt"))
        h.initialise()
        let site = h.directory.appendingPathComponent("site").path
        for args in [
            [Self.officer, "dossier", "create", "--award", "chien_si_thi_dua_cap_tinh", "--year", "2025", "--nominee-id", "nguyen.thi.hoa",
             "--nominee-name", "Nguyễn Thị Hoa", "--addressee", "LDLD-HN", "--attach", "cover_letter", "--attach", "achievement_report",
             "--attach", "review_minutes"],
            // Eligibility has its own tests; here the proposer submits under a written override.
            [Self.officer, "dossier", "submit", "CDCS-DHBK-2025-000001", "--override-eligibility", "--reason", "Hồ sơ mẫu"],
            [Self.secretariat, "dossier", "act", "CDCS-DHBK-2025-000001", "receive"],
            [Self.secretariat, "dossier", "act", "CDCS-DHBK-2025-000001", "start_appraisal"],
            [Self.secretariat, "dossier", "act", "CDCS-DHBK-2025-000001", "open_notice"],
            [Self.officer, "dossier", "create", "--award", "lao_dong_tien_tien", "--year", "2025", "--nominee-id", "dang.van.duc",
             "--nominee-name", "Đặng Văn Đức", "--addressee", "LDLD-HN"],
        ] {
            #expect(h.run(args).code == 0, "\(args)")
        }
        let transcript = h.transcript([
            [Self.secretariat, "dossier", "comment", "CDCS-DHBK-2025-000001", "--text", "Nhất trí đề nghị", "--from", "Lê Văn An"],
            [Self.officer, "dossier", "comment", "CDCS-DHBK-2025-000001", "--text", "Tự khen"],
            [Self.secretariat, "dossier", "complain", "CDCS-DHBK-2025-000001", "--text", "Sáng kiến chưa được công nhận"],
            [Self.secretariat, "dossier", "complain", "CDCS-DHBK-2025-000001", "--text", "Sáng kiến chưa được công nhận", "--from", "Trần Văn Bình"],
            [Self.secretariat, "dossier", "complain", "CDCS-DHBK-2025-000002", "--text", "Khiếu nại", "--from", "X"],
            [Self.secretariat, "--lang", "en", "dossier", "complain", "HS-2025-999999", "--text", "Complaint", "--from", "X"],
            [Self.secretariat, "dossier", "complaint", "resolve", "CDCS-DHBK-2025-000001", "--outcome", "rejected", "--reason", "x"],
            [Self.secretariat, "--lang", "en", "dossier", "complaint", "resolve", "CDCS-DHBK-2025-000001", "--outcome", "dismissed",
             "--reason", "Verified: the initiative was recognised in 2024"],
            ["dossier", "history", "CDCS-DHBK-2025-000001"],
            ["publish", "--out", site],
            [Self.secretariat, "publish", "--out", site],
            [Self.secretariat, "--lang", "en", "--json", "publish", "--out", site],
            [Self.secretariat, "publish", "--out", h.directory.appendingPathComponent("notes").path],
        ])
        try expectGolden(transcript, "complaints-publish")
        let csv = try Data(contentsOf: h.directory.appendingPathComponent("site/data/notice.csv"))
        #expect(Array(csv.prefix(3)) == [0xEF, 0xBB, 0xBF])
        // The last publish was in English: headers and the kind read in English; the Vietnamese ones are checked in PublicationDataTests.
        #expect(String(decoding: csv.dropFirst(3), as: UTF8.self).contains("CDCS-DHBK-2025-000001,Nguyễn Thị Hoa,individual,CDCS-DHBK"))
        #expect(String(decoding: csv.dropFirst(3), as: UTF8.self).hasPrefix("Dossier,Name,Individual/collective,Proposing unit,Award"))
        let index = try String(contentsOf: h.directory.appendingPathComponent("site/index.html"), encoding: .utf8)
        // The publisher's signed checkpoint is on the site, with how to check it.
        let checkpoint = try Checkpoint(parsing: String(contentsOf: h.directory.appendingPathComponent("site/checkpoint.txt"), encoding: .utf8))
        #expect(checkpoint.signatureIsValid && index.contains("khenthuong verify --checkpoint checkpoint.txt"))
        #expect(h.run(["verify", "--checkpoint", h.directory.appendingPathComponent("site/checkpoint.txt").path]).code == 0)
        #expect(index.contains("<html lang=\"en\">"))
        // The data links read in the reader's language (issue 16 item 16), not "notice/decisions/recipients".
        #expect(index.contains("<li>Dossiers under public notice: <a href=\"data/notice.csv\">CSV</a>"), "\(index)")
        #expect(!index.contains("<li>notice:") && !index.contains("<li>recipients:"), "\(index)")
        #expect(try String(contentsOf: h.directory.appendingPathComponent("notes/todo.txt"), encoding: .utf8) == "giữ lại")
    }
}
