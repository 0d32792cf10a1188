import Foundation
import Testing
@testable import KhenThuongCLI

/// The sample season of `workflows/samples/season-2022-2025/` (docs/season.md), run through the
/// command line over the shipped files (issue 14, “Done when”): past decisions imported (one file
/// a row, two decision annexes), the registry filled (persons imported from the nominee profile,
/// collectives and initiatives recorded), 2025 nominations accepted or refused because of the recorded
/// history, decisions with reward money for a regular, a thematic and an ad-hoc award, and the
/// report sentence of seed 003 part V (report 276/BC-LĐLĐ, Lai Châu 2020) from the store.
@Suite struct SampleSeasonTests {
    static let folder = CLIHarness.workflows + "/samples/season-2022-2025/"
    static let movementFile = CLIHarness.workflows + "/movements/lc-2020-2025-muc-tieu-thi-dua-khen-thuong.json"
    static let movement = "LC-2020-2025-thi-dua-khen-thuong"
    static let secretariat = "--as=secretariat@LDLD-HN:tran.thu.ha"
    static let dhbk = "--as=union_officer@CDCS-DHBK:le.thi.cuc"
    static let mayhn = "--as=union_officer@CDCS-MAYHN:pham.van.an"
    static let chair = "--as=council_chair@LDLD-HN:pham.van.an"
    static let signer = "--as=signer@LDLD-HN:pham.d"
    static let present = "pham.van.an,ngo.thi.binh,do.van.cuong,le.thi.dung,vu.van.em,hoang.thi.giang,bui.van.hai,dang.thi.khanh,trinh.van.long,mai.thi.minh"
    static let attach = ["--attach", "cover_letter", "--attach", "achievement_report", "--attach", "review_minutes"]

    /// What the season printed at the steps the test checks.
    struct Season {
        var reimport: CLIHarness.Run
        var personImport: CLIHarness.Run
        var personReimport: CLIHarness.Run
        var collective: CLIHarness.Run
        var initiative: CLIHarness.Run
        var trialKhoa: CLIHarness.Run
        var streakBroken: CLIHarness.Run
        var initiativeReused: CLIHarness.Run
        var duplicate: CLIHarness.Run
        var decisions: [String: String]
        var reportVI: CLIHarness.Run
        var reportEN: CLIHarness.Run
        var progress2024: CLIHarness.Run
        var progress2025: CLIHarness.Run
        var harness: CLIHarness
    }

    static func create(_ who: String, _ award: String, _ id: String, _ name: String, attach: [String] = attach) -> [String] {
        [who, "dossier", "create", "--award", award, "--year", "2025", "--nominee-id", id, "--nominee-name", name, "--addressee", "LDLD-HN"] + attach
    }

    /// Runs the season as docs/season.md does; every step not checked must succeed.
    static func run() throws -> Season {
        var h = try CLIHarness(now: "2025-11-21T02:00:00Z")
        h.initialise()
        func ok(_ args: [String], sourceLocation: Testing.SourceLocation = #_sourceLocation) {
            let r = h.run(args)
            #expect(r.code == 0, "\(args): \(r.err)", sourceLocation: sourceLocation)
        }
        func at(_ now: String) { h.environment["KHENTHUONG_NOW"] = now }
        ok([secretariat, "council", "create", folder + "council-ldld-hn.json"])
        let personImport = h.run([secretariat, "person", "import", folder + "nominees-2025.json"])
        for (id, name, unit, kind) in [("CDCS-DHBK", "Công đoàn Đại học Bách khoa Hà Nội", "CDCS-DHBK", "công đoàn cơ sở"),
                                       ("CDCS-MAYHN", "Công đoàn Tổng Công ty May Hà Nội", "CDCS-MAYHN", "công đoàn cơ sở"),
                                       ("CDN-GDHN", "Công đoàn ngành Giáo dục Hà Nội", "CDN-GDHN", "công đoàn ngành")] {
            ok([secretariat, "collective", "add", id, "--name", name, "--unit", unit, "--kind", kind])
        }
        ok([secretariat, "initiative", "add", "SK-DHBK-2025-03", "--title", "Hệ thống đặt lịch phòng thí nghiệm dùng chung",
            "--owner", "DHBK-017", "--registered", "2025-01-20"])
        ok([secretariat, "initiative", "recognise", "SK-DHBK-2025-03", "--level", "tinh", "--date", "2025-06-15",
            "--decision", "1032/QĐ-SKHCN", "--benefit", "150.000.000"])
        ok([secretariat, "initiative", "add", "SK-DHBK-2025-08", "--title", "Sổ tay an toàn phòng thí nghiệm hoá",
            "--owner", "DHBK-021", "--registered", "2025-01-10"])
        ok([secretariat, "initiative", "recognise", "SK-DHBK-2025-08", "--level", "tinh", "--date", "2025-04-02",
            "--decision", "611/QĐ-SKHCN", "--benefit", "20.000.000"])
        ok([secretariat, "history", "import", folder + "khen-thuong-2022-2024.csv"])
        ok([secretariat, "history", "import", folder + "qd-2150-ubnd-2024-phu-luc.csv", "--decision", "2150/QĐ-UBND",
            "--decision-date", "2024-04-10", "--level", "UBND thành phố Hà Nội"])
        ok([secretariat, "history", "import", folder + "qd-52-cdcs-2025-phu-luc.csv", "--decision", "52/QĐ-CĐĐHBK",
            "--decision-date", "2025-11-20", "--level", "Công đoàn cơ sở"])
        let reimport = h.run([secretariat, "history", "import", folder + "khen-thuong-2022-2024.csv"])
        let personReimport = h.run([secretariat, "person", "import", folder + "nominees-2025.json"])
        let collective = h.run(["collective", "show", "CDCS-DHBK"])
        ok([secretariat, "movement", "create", movementFile])

        at("2025-11-24T02:00:00Z")
        let nominees = folder + "nominees-2025.json"
        ok(create(dhbk, "chien_si_thi_dua_cap_tinh", "DHBK-017", "Đặng Văn Khoa"))
        let trialKhoa = h.run([dhbk, "dossier", "facts", "CDCS-DHBK-2025-000001", "--nominees", nominees])
        ok([dhbk, "dossier", "submit", "CDCS-DHBK-2025-000001"])
        ok([dhbk, "initiative", "use", "SK-DHBK-2025-03", "--award", "chien_si_thi_dua_cap_tinh", "--year", "2025", "--by", "CDCS-DHBK-2025-000001"])
        ok(create(dhbk, "chien_si_thi_dua_cap_tinh", "DHBK-021", "Bùi Thị Thu"))
        ok([dhbk, "dossier", "facts", "CDCS-DHBK-2025-000002", "--nominees", nominees])
        let streakBroken = h.run([dhbk, "dossier", "submit", "CDCS-DHBK-2025-000002"])
        ok(create(dhbk, "bang_lao_dong_sang_tao", "DHBK-017", "Đặng Văn Khoa"))
        ok([dhbk, "dossier", "facts", "CDCS-DHBK-2025-000003", "--nominees", nominees])
        let initiativeReused = h.run([dhbk, "dossier", "submit", "CDCS-DHBK-2025-000003"])
        let duplicate = h.run(create(dhbk, "chien_si_thi_dua_cap_tinh", "DHBK-017", "Đặng Văn Khoa"))
        ok(create(mayhn, "bang_khen_ldld_tinh_chuyen_de", "MAYHN-104", "Ngô Thị Lan"))
        ok([mayhn, "dossier", "submit", "CDCS-MAYHN-2025-000004"])
        ok(create(mayhn, "bang_khen_dot_xuat", "MAYHN-233", "Trịnh Văn Hùng", attach: ["--attach", "cover_letter", "--attach", "short_summary"]))
        ok([mayhn, "dossier", "submit", "CDCS-MAYHN-2025-000005"])

        at("2025-11-25T02:00:00Z")
        for (d, last) in [("CDCS-DHBK-2025-000001", "open_notice"), ("CDCS-MAYHN-2025-000004", "send_to_council"), ("CDCS-MAYHN-2025-000005", "send_to_council")] {
            for event in ["receive", "start_appraisal", last] { ok([secretariat, "dossier", "act", d, event]) }
        }
        at("2025-12-10T02:00:00Z")
        ok([secretariat, "dossier", "act", "CDCS-DHBK-2025-000001", "close_notice"])
        at("2025-12-11T02:00:00Z")
        ok([secretariat, "council", "session", "open", "HĐTĐKT-LĐLĐ-HN", "--id", "07/BB-HĐTĐKT", "--date", "2025-12-11", "--present", present,
            "CDCS-DHBK-2025-000001", "CDCS-MAYHN-2025-000004", "CDCS-MAYHN-2025-000005"])
        ok([chair, "council", "vote", "07/BB-HĐTĐKT", "CDCS-DHBK-2025-000001", "--yes", "10", "--no", "0"])
        ok([chair, "council", "vote", "07/BB-HĐTĐKT", "CDCS-MAYHN-2025-000004", "--yes", "9", "--no", "1"])
        ok([chair, "council", "vote", "07/BB-HĐTĐKT", "CDCS-MAYHN-2025-000005", "--yes", "10", "--no", "0"])
        at("2025-12-15T02:00:00Z")
        ok([signer, "decision", "issue", "--number", "215/QĐ-LĐLĐ", "--date", "2025-12-15", "--signer", "Phạm Văn Đức",
            "CDCS-DHBK-2025-000001", "CDCS-MAYHN-2025-000004"])
        ok([signer, "decision", "issue", "--number", "216/QĐ-LĐLĐ", "--date", "2025-12-15", "--signer", "Phạm Văn Đức", "CDCS-MAYHN-2025-000005"])
        ok([secretariat, "publish", "--out", h.directory.appendingPathComponent("site").path])
        var decisions: [String: String] = [:]
        for n in ["215/QĐ-LĐLĐ", "216/QĐ-LĐLĐ"] { decisions[n] = h.run(["--json", "decision", "show", n]).out }
        let initiative = h.run(["initiative", "show", "SK-DHBK-2025-03"])

        at("2025-12-31T09:00:00Z")
        let reportVI = h.run(["report", "awards", "--from", "2022-01-01", "--to", "2025-12-31"])
        let reportEN = h.run(["--lang", "en", "report", "awards", "--from", "2022-01-01", "--to", "2025-12-31", "--by", "level,subject,period"])
        let progress2024 = h.run(["--json", "movement", "progress", movement, "--as-of", "2024-12-31"])
        ok([secretariat, "movement", "record", movement, "--target", "2.2-lao-dong-sang-tao", "--unit", "LDLD-HN", "--value", "1", "--date", "2025-12-20"])
        ok([secretariat, "movement", "record", movement, "--target", "2.2-ca-nhan-cstd", "--unit", "LDLD-HN", "--value", "0", "--of", "20", "--date", "2025-12-20"])
        let progress2025 = h.run(["movement", "progress", movement, "--as-of", "2025-12-31"])
        return Season(reimport: reimport, personImport: personImport, personReimport: personReimport,
                      collective: collective, initiative: initiative, trialKhoa: trialKhoa, streakBroken: streakBroken, initiativeReused: initiativeReused,
                      duplicate: duplicate, decisions: decisions, reportVI: reportVI, reportEN: reportEN,
                      progress2024: progress2024, progress2025: progress2025, harness: h)
    }

    @Test("Past decisions: the same file imported twice records nothing the second time; the trial verdict reads the imported streak (Luật 06/2022/QH15 Điều 22 khoản 1 điểm a)")
    func history() throws {
        let s = try Self.run()
        #expect(s.reimport.code == 0)
        #expect(s.reimport.out.contains("Không có gì thay đổi"))
        #expect(s.reimport.out.components(separatedBy: "đã có trong kho, không ghi lại").count - 1 == 13)
        // The facts file lists no award: the four CSTĐCS come from the store (3 past rows, 1 annex).
        #expect(s.trialKhoa.code == 0)
        #expect(s.trialKhoa.out.contains("năm 2025: ĐỦ ĐIỀU KIỆN"), "\(s.trialKhoa.out)")
        #expect(s.trialKhoa.out.contains("4 lần (cần ≥ 3)"))
    }

    @Test("2025 nominations refused because of the recorded history: a broken CSTĐCS streak (Luật 06/2022/QH15 Điều 22 khoản 1 điểm a), an initiative already used (Điều 5 khoản 2), a duplicate dossier")
    func refusals() throws {
        let s = try Self.run()
        #expect(s.streakBroken.code == 1)
        #expect((s.streakBroken.out + s.streakBroken.err).contains("KHÔNG ĐỦ ĐIỀU KIỆN"))
        #expect((s.streakBroken.out + s.streakBroken.err).contains("1 lần (cần ≥ 3)"))
        #expect(s.initiativeReused.code == 1)
        // The refusal names the registry's record of use (`initiative use`), not only the other dossier's facts.
        #expect(s.initiativeReused.err.contains("sáng kiến “SK-DHBK-2025-03” (Hệ thống đặt lịch phòng thí nghiệm dùng chung) đã được dùng cho Chiến sĩ thi đua cấp tỉnh / Tổng Liên đoàn năm 2025 (CDCS-DHBK-2025-000001, sự kiện #"),
                "\(s.initiativeReused.err)")
        #expect(s.initiativeReused.err.contains("ở hồ sơ CDCS-DHBK-2025-000003"))
        #expect(s.duplicate.code == 1)
        #expect(s.duplicate.err.contains("đã có hồ sơ CDCS-DHBK-2025-000001"), "\(s.duplicate.err)")
        let list = s.harness.run(["--json", "dossier", "list"]).out
        #expect(!list.contains("CDCS-DHBK-2025-000006"), "the refused duplicate wrote nothing")
    }

    @Test("Registry: the nominees imported from their profile once (a second import writes nothing), a collective with its imported award, an initiative recognised with its benefit and its one recorded use (Luật 06/2022/QH15 Điều 5 khoản 2)")
    func registry() throws {
        let s = try Self.run()
        #expect(s.personImport.code == 0)
        #expect(s.personImport.out.contains("Đã ghi 4 người/tập thể (8 năm)"), "\(s.personImport.out)")
        #expect(s.personReimport.code == 0)
        #expect(s.personReimport.out.contains("Không có gì thay đổi"), "\(s.personReimport.out)")
        let khoa = s.harness.run(["person", "show", "DHBK-017"]).out
        #expect(khoa.contains("Đặng Văn Khoa (DHBK-017)") && khoa.contains("Đơn vị: Công đoàn Đại học Bách khoa Hà Nội (CDCS-DHBK) từ"), "\(khoa)")
        #expect(s.collective.code == 0)
        #expect(s.collective.out.contains("Loại: công đoàn cơ sở"), "\(s.collective.out)")
        #expect(s.collective.out.contains("Khen thưởng: Bằng khen Thủ tướng Chính phủ (tập thể) 2023"), "\(s.collective.out)")
        #expect(s.initiative.code == 0)
        #expect(s.initiative.out.contains("Tác giả: Đặng Văn Khoa (DHBK-017)"), "\(s.initiative.out)")
        #expect(s.initiative.out.contains("quyết định 1032/QĐ-SKHCN") && s.initiative.out.contains("Giá trị làm lợi: 150.000.000 đồng"), "\(s.initiative.out)")
        #expect(s.initiative.out.contains("Đã dùng cho: Chiến sĩ thi đua cấp tỉnh / Tổng Liên đoàn năm 2025 (CDCS-DHBK-2025-000001)"), "\(s.initiative.out)")
        let other = s.harness.run(["initiative", "show", "SK-DHBK-2025-08"]).out
        #expect(other.contains("Giá trị làm lợi: 20.000.000 đồng") && other.contains("Đã dùng cho: chưa"), "\(other)")
    }

    @Test("Reward money of a regular, a thematic and an ad-hoc award (base salary 2.340.000 đồng from 01/07/2024, NĐ 73/2024/NĐ-CP)")
    func money() throws {
        let s = try Self.run()
        let regular = try #require(s.decisions["215/QĐ-LĐLĐ"]), adHoc = try #require(s.decisions["216/QĐ-LĐLĐ"])
        #expect(regular.contains(#""amountVND":7020000,"award":"chien_si_thi_dua_cap_tinh""#), "\(regular)")
        #expect(regular.contains(#""amountVND":2340000,"award":"bang_khen_ldld_tinh_chuyen_de""#), "\(regular)")
        #expect(adHoc.contains(#""amountVND":2340000,"award":"bang_khen_dot_xuat""#), "\(adHoc)")
    }

    @Test("report awards: the sentence of seed 003 part V from decided and imported awards, the State's levels first")
    func reportSentence() throws {
        let s = try Self.run()
        #expect(s.reportVI.code == 0)
        #expect(s.reportVI.out.contains("""
            Từ ngày 01/01/2022 đến ngày 31/12/2025: Chủ tịch nước tặng thưởng Huân chương Lao động cho 1 tập thể; \
            Thủ tướng Chính phủ tặng Bằng khen cho 1 tập thể và 1 cá nhân; UBND tỉnh tặng Bằng khen cho 1 tập thể và 3 cá nhân; \
            Tổng Liên đoàn tặng Cờ cho 1 tập thể, tặng Bằng Lao động sáng tạo cho 2 cá nhân; \
            LĐLĐ tỉnh tặng Cờ cho 1 tập thể, tặng Bằng khen cho 3 cá nhân, công nhận danh hiệu Chiến sĩ thi đua cấp tỉnh / Tổng Liên đoàn cho 1 cá nhân; \
            Cấp cơ sở công nhận danh hiệu Chiến sĩ thi đua cơ sở cho 7 cá nhân, công nhận danh hiệu Lao động tiên tiến cho 1 cá nhân.
            """), "\(s.reportVI.out)")
        #expect(s.reportEN.out.contains("The State President awarded Labour Order to 1 collective; The Prime Minister awarded the Certificate of Merit to 1 collective and 1 individual;"),
                "\(s.reportEN.out)")
        // The achievement period of multi-year awards (Huân chương 2018–2022, Thủ tướng 2022–2023).
        #expect(s.reportEN.out.contains("The State President                collectives  2018–2022           1            0            1"), "\(s.reportEN.out)")
        #expect(s.reportEN.out.contains("The Prime Minister                 individuals  2022–2023           0            1            1"))
    }

    @Test("Movement progress: the LĐST target counted from the store for 2024, typed for 2025 where nothing is recorded; the CSTĐ share counted over a typed population; the output says which")
    func movementProgress() throws {
        let s = try Self.run()
        let targets = try #require(try JSONSerialization.jsonObject(with: Data(s.progress2024.out.utf8)) as? [[String: Any]])
        let ldst = try #require(targets.first { $0["target"] as? String == "2.2-lao-dong-sang-tao" })
        #expect(ldst["source"] as? String == "counted")
        #expect(ldst["numerator"] as? Int == 2)
        #expect(ldst["status"] as? String == "met")
        #expect(targets.filter { $0["source"] != nil }.count == 3, "only the three targets that say what they count have a source")
        #expect(s.progress2025.out.contains("2.2-lao-dong-sang-tao: nhập tay (kho chưa ghi gì) — Bằng Lao động sáng tạo"), "\(s.progress2025.out)")
        #expect(s.progress2025.out.contains("2.2-lao-dong-sang-tao           ≥ 2       1 "))
        // The share of CSTĐ holders: 3 people counted from the store (CSTĐCS annex, CSTĐ cấp tỉnh decision) over 20 typed.
        #expect(s.progress2025.out.contains("2.2-ca-nhan-cstd                ≥ 15%     15% (3/20)  15%           đạt"), "\(s.progress2025.out)")
    }

    @Test("history import: --decision, --decision-date and --level go together (exit 2, nothing written)")
    func annexOptionsTogether() throws {
        let h = try CLIHarness(now: "2025-11-21T02:00:00Z")
        h.initialise()
        let before = h.run(["--json", "history", "show", "MAYHN-104"]).out
        let r = h.run([Self.secretariat, "history", "import", Self.folder + "qd-2150-ubnd-2024-phu-luc.csv", "--decision", "2150/QĐ-UBND"])
        #expect(r.code == 2)
        #expect(r.err.contains("--decision, --decision-date và --level đi cùng nhau"), "\(r.err)")
        #expect(h.run(["--json", "history", "show", "MAYHN-104"]).out == before)
    }
}
