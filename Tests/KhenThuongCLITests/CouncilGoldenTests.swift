import Foundation
import Testing
@testable import KhenThuongCLI

/// The council half of a season as command-line transcripts compared with `Golden/council-*.txt`.
@Suite struct CouncilGoldenTests {
    static let officer = "--as=union_officer@CDCS-DHBK:le.thi.cuc"
    static let secretariat = "--as=secretariat@LDLD-HN:tran.thu.ha"
    static let chair = "--as=council_chair@LDLD-HN:pham.van.an"
    static let signer = "--as=signer@LDLD-HN:pham.d"
    static let ten = "pham.van.an,ngo.thi.binh,do.van.cuong,le.thi.dung,vu.van.em,hoang.thi.giang,bui.van.hai,dang.thi.khanh,trinh.van.long,mai.thi.minh"

    /// A store with the Hanoi council and three dossiers in council review: HS-1 (CSTĐ cấp tỉnh, noticed
    /// from 01/12 to 15/12), HS-2 (Lao động tiên tiến), HS-3 (Bằng khen Tổng Liên đoàn, decided upward).
    func season() throws -> CLIHarness {
        let h = try CLIHarness(now: "2025-11-20T02:00:00Z")
        func run(_ args: [String], _ now: String? = nil) { let r = h.run(args, now: now); #expect(r.code == 0, "\(args): \(r.err)") }
        for args in h.setUp { run(args) }
        run([Self.secretariat, "council", "create", CLIHarness.workflows + "/samples/council-ldld-hn.json"])
        for (id, award, nominee, name) in [("HS-1", "chien_si_thi_dua_cap_tinh", "nguyen.thi.hoa", "Nguyễn Thị Hoa"),
                                           ("HS-2", "lao_dong_tien_tien", "tran.van.minh", "Trần Văn Minh"),
                                           ("HS-3", "bang_khen_tong_lien_doan", "ly.van.bao", "Lý Văn Bảo")] {
            run([Self.officer, "dossier", "create", "--id", id, "--award", award, "--year", "2025", "--nominee-id", nominee, "--nominee-name", name,
                 "--addressee", "LDLD-HN", "--attach", "cover_letter", "--attach", "achievement_report", "--attach", "review_minutes"])
            // Eligibility has its own tests; here the proposer submits under a written override.
            run([Self.officer, "dossier", "submit", id, "--override-eligibility", "--reason", "Hồ sơ mẫu của phiên họp Hội đồng"])
            run([Self.secretariat, "dossier", "act", id, "receive"])
            run([Self.secretariat, "dossier", "act", id, "start_appraisal"])
        }
        // In time order: a signed write is never back-dated.
        run([Self.secretariat, "dossier", "act", "HS-2", "send_to_council"])
        run([Self.secretariat, "dossier", "act", "HS-3", "send_to_council"])
        run([Self.secretariat, "dossier", "act", "HS-1", "open_notice"], "2025-12-01T02:00:00Z")
        run([Self.secretariat, "dossier", "act", "HS-1", "close_notice"], "2025-12-15T02:00:00Z")
        return h
    }

    @Test("A council session in Vietnamese: quorum and notice refusals, secret-ballot votes, minutes, decision, revocation")
    func sessionVietnamese() throws {
        var h = try season()
        h.environment["KHENTHUONG_NOW"] = "2025-12-16T02:00:00Z"
        let open = ["council", "session", "open", "HĐTĐKT-LĐLĐ-HN", "--id", "01/BB-HĐTĐKT"]
        let transcript = h.transcript([
            ["council", "list"],
            [Self.secretariat] + open + ["--date", "2025-12-16", "--present", "pham.van.an,ngo.thi.binh,do.van.cuong,le.thi.dung,vu.van.em,hoang.thi.giang,bui.van.hai", "HS-1"],
            [Self.secretariat] + open + ["--date", "2025-12-12", "--present", Self.ten, "HS-1", "HS-2"],
            [Self.secretariat] + open + ["--date", "2025-12-16", "--present", Self.ten, "HS-1", "HS-2", "HS-3"],
            [Self.chair, "council", "vote", "01/BB-HĐTĐKT", "HS-1", "--yes", "9", "--no", "0"],
            [Self.chair, "council", "vote", "01/BB-HĐTĐKT", "HS-1", "--yes", "10", "--no", "1", "--written-absent", "1"],
            [Self.chair, "council", "vote", "01/BB-HĐTĐKT", "HS-2", "--yes", "6", "--no", "3", "--invalid", "1"],
            [Self.chair, "council", "vote", "01/BB-HĐTĐKT", "HS-2", "--yes", "10", "--no", "0"],
            [Self.chair, "council", "vote", "01/BB-HĐTĐKT", "HS-3", "--yes", "8", "--no", "2"],
            ["council", "minutes", "01/BB-HĐTĐKT"],
            [Self.signer, "decision", "issue", "--number", "123/QĐ-LĐLĐ", "--date", "2025-12-20", "--signer", "Phạm Văn An", "HS-1", "HS-3"],
            [Self.signer, "decision", "issue", "--number", "123/QĐ-LĐLĐ", "--date", "2025-12-20", "--signer", "Phạm Văn An", "HS-1", "HS-2"],
            ["--json", "decision", "show", "123/QĐ-LĐLĐ"],
            ["decision", "list"],
            ["--as=signer@LDLD-HP:x", "revoke", "HS-1", "--ground", "b", "--amount", "7020000", "--reason", "Làm giả hồ sơ", "--decision", "123/QĐ-LĐLĐ"],
            [Self.signer, "revoke", "HS-1", "--ground", "b", "--amount", "7020000", "--reason", "Làm giả hồ sơ", "--decision", "123/QĐ-LĐLĐ"],
            ["dossier", "history", "HS-1"],
            ["verify"],
        ])
        try expectGolden(transcript, "council-session-vi")
        let html = h.directory.appendingPathComponent("minutes.html").path
        #expect(h.run(["council", "minutes", "01/BB-HĐTĐKT", "--format", "html", "--out", html]).code == 0)
        let page = try String(contentsOfFile: html, encoding: .utf8)
        #expect(page.contains("@page { size: A4;") && page.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") && page.contains("<th scope=\"col\">Miễn biểu quyết</th>"))
    }

    @Test("An upward package in English: export, import at the next level, a tampered copy refused")
    func packageEnglish() throws {
        var h = try season()
        h.environment["KHENTHUONG_NOW"] = "2025-12-16T02:00:00Z"
        let open = h.run([Self.secretariat, "council", "session", "open", "HĐTĐKT-LĐLĐ-HN", "--id", "01/BB", "--date", "2025-12-16", "--present", Self.ten, "HS-3"])
        #expect(open.code == 0, "\(open.err)")
        let vote = h.run([Self.chair, "council", "vote", "01/BB", "HS-3", "--yes", "10", "--no", "0"])
        #expect(vote.code == 0, "\(vote.err)")
        let package = h.directory.appendingPathComponent("package.json").path
        let tld = h.directory.appendingPathComponent("tld.sqlite").path
        let first = h.transcript([
            ["--lang", "en", "package", "export", "HS-2", "--out", package],
            ["--lang", "en", "package", "export", "HS-3", "--out", package],
        ])
        let text = try String(contentsOfFile: package, encoding: .utf8)
        let forged = text.replacingOccurrences(of: #"\"yes\":10"#, with: #"\"yes\":11"#)
        #expect(forged != text)
        try forged.write(toFile: package + ".forged", atomically: true, encoding: .utf8)
        let second = h.transcript([
            ["--store", tld, "init", "--lang", "en"],
            ["--store", tld, "directory", "import", CLIHarness.sampleDirectory, "--keys", h.keyring, "--lang", "en"],
            ["--store", tld, "--lang", "en", "--as=secretariat@TLD:cao.thi.tam", "package", "import", package + ".forged"],
            ["--store", tld, "--lang", "en", "--as=secretariat@TLD:cao.thi.tam", "package", "import", package],
            ["--store", tld, "--lang", "en", "--as=secretariat@TLD:cao.thi.tam", "package", "import", package],
            ["--store", tld, "--lang", "en", "dossier", "history", "HS-3"],
            ["--store", tld, "--lang", "en", "verify"],
        ])
        try expectGolden(first + "\n" + second, "council-package-en")
    }
}
