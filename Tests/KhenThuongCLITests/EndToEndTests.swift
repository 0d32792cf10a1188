import Foundation
import Testing

/// Runs the built `khenthuong` binary and checks standard output and the exit code.
@Suite struct EndToEndTests {
    @Test("The binary prints its help and exits 0")
    func help() throws {
        let h = try CLIHarness()
        let r = try h.exec(["--help", "--lang", "en"])
        #expect(r.code == 0)
        #expect(r.out.hasPrefix("khenthuong — award-nomination workflows"))
        #expect(r.out.contains("Exit codes: 0 done; 1 refused by the workflow; 2 usage error; 3 data or store error."))
    }

    @Test("Opening and submitting a dossier through the binary exits 0; a refusal exits 1; a usage error 2; a data error 3")
    func exitCodes() throws {
        let h = try CLIHarness()
        for args in h.setUp { #expect(try h.exec(args).code == 0, "\(args)") }
        let officer = "--as=union_officer@CDCS-DHBK:le.thi.cuc"
        let create = try h.exec([officer, "dossier", "create", "--award", "lao_dong_tien_tien", "--year", "2025",
                                 "--nominee-id", "nguyen.thi.hoa", "--nominee-name", "Nguyễn Thị Hoa", "--addressee", "LDLD-HN"])
        #expect(create.code == 0)
        #expect(create.out == "Đã lập hồ sơ CDCS-DHBK-2025-000001: Lao động tiên tiến năm 2025 cho Nguyễn Thị Hoa — trạng thái “Dự thảo” (draft)\n")
        let refused = try h.exec([officer, "dossier", "submit", "CDCS-DHBK-2025-000001"])
        #expect(refused.code == 1)
        #expect(refused.err.contains("thiếu tài liệu: Tờ trình đề nghị khen thưởng (cover_letter)"))
        let nominees = CLIHarness.repository.appendingPathComponent("Tests/KhenThuongKitTests/Fixtures/guard-nominees.json").path
        #expect(try h.exec([officer, "dossier", "facts", "CDCS-DHBK-2025-000001", "--nominees", nominees]).code == 0)
        let ok = try h.exec([officer, "dossier", "submit", "CDCS-DHBK-2025-000001", "--attach", "cover_letter",
                             "--attach", "achievement_report", "--attach", "review_minutes"])
        #expect(ok.code == 0)
        #expect(ok.out.hasPrefix("Hồ sơ CDCS-DHBK-2025-000001: Dự thảo → Đã nộp [Nộp hồ sơ] bởi union_officer@CDCS-DHBK:le.thi.cuc"))
        #expect(try h.exec(["dossier", "frobnicate"]).code == 2)
        #expect(try h.exec(["dossier", "show", "HS-2099-000001"]).code == 3)
        let list = try h.exec(["--json", "dossier", "list", "--state", "submitted"])
        #expect(list.code == 0)
        #expect(list.out.contains("\"state\" : \"submitted\""))
    }

    @Test("The demo walks the sample season through the built binary, writes its site beside the store and runs again the same")
    func demo() throws {
        let h = try CLIHarness()
        let r = try h.exec(["demo"], extraEnvironment: ["KHENTHUONG_STORE": ""])
        #expect(r.code == 0, "stderr: \(r.err)")
        #expect(r.out.contains("TỪ CHỐI"))
        #expect(r.out.contains("Tổng kết: 68 bước, 9 lần bị từ chối (không ghi gì), 74 sự kiện đã ghi (cùng 34 sự kiện danh mục đơn vị và quyền)."))
        #expect(r.out.contains("Kiểm tra chữ ký: 58 lần ghi có chữ ký, chữ ký hợp lệ"))
        #expect(r.out.contains("Kiểm tra chuỗi băm: toàn vẹn"))
        #expect(r.err.isEmpty)
        #expect(FileManager.default.fileExists(atPath: h.directory.appendingPathComponent("khenthuong-demo.sqlite").path))
        #expect(FileManager.default.fileExists(atPath: h.directory.appendingPathComponent("khenthuong-demo-site/index.html").path))
        // A second run starts again from a fresh store and replaces the site it wrote.
        let again = try h.exec(["demo"], extraEnvironment: ["KHENTHUONG_STORE": ""])
        #expect(again.code == 0 && again.out == r.out)
    }
}
