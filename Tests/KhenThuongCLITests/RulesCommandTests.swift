import Foundation
import Testing
@testable import KhenThuongCLI

/// `rules audit` on a rule file and with `--json`; `rules lint`'s citation counts.
@Suite struct RulesCommandTests {
    static let wrongAndRight = #"{"cases": [{"award": "lao_dong_tien_tien", "name": "5 months of service is not enough", "year": 2025, "expect": "eligible", "failing": [], "nominee": {"kind": "individual", "id": "X1", "name": "Lê Văn Tư", "unit": "U1", "hireDate": "2025-08-01", "years": {"2025": {"duty": "HTTNV", "monthsWorked": 5}}}}, {"name": "a full year is enough (the file's award)", "year": 2025, "expect": "eligible", "nominee": {"kind": "individual", "id": "X2", "name": "Lê Văn Năm", "unit": "U1", "hireDate": "2020-01-01", "years": {"2025": {"duty": "HTXSNV", "monthsWorked": 12}}}}], "award": "lao_dong_tien_tien"}"#

    @Test("rules audit runs a shipped rule file's own cases, which name no award, with the file's award")
    func auditRuleFile() throws {
        let h = try CLIHarness()
        let r = h.run(["rules", "audit", CLIHarness.workflows + "/rules/lao_dong_tien_tien.json"])
        #expect(r.code == 0, "\(r.out)\(r.err)")
        let last = try #require(r.out.split(separator: "\n").last)
        #expect(last.hasSuffix(" passed, 0 failed"))
        #expect(r.out.contains("PASS lao_dong_tien_tien: 2023: HTTNV and 12 months is eligible"))
    }

    @Test("rules audit --json gives the totals and each failure's expected and actual verdicts and failing criteria with values")
    func auditJSON() throws {
        let h = try CLIHarness()
        let path = h.directory.appendingPathComponent("cases.json").path
        try Self.wrongAndRight.write(toFile: path, atomically: true, encoding: .utf8)
        let r = h.run(["--json", "rules", "audit", path])
        #expect(r.code == 1)
        #expect(r.err.isEmpty)
        let root = try #require(try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any])
        #expect(root["cases"] as? Int == 2)
        #expect(root["passed"] as? Int == 1)
        #expect(root["failed"] as? Int == 1)
        let failures = try #require(root["failures"] as? [[String: Any]])
        #expect(failures.count == 1)
        let f = try #require(failures.first)
        #expect(f["name"] as? String == "5 months of service is not enough")
        #expect(f["award"] as? String == "lao_dong_tien_tien")
        #expect(f["expected"] as? String == "eligible")
        #expect(f["actual"] as? String == "not-eligible")
        #expect(f["expectedFailing"] as? [String] == [])
        #expect(f["actualFailing"] as? [String] == ["ldtt.new_recruit"])
        #expect(f["regime"] as? String == "luat2022-2024")
        #expect(f["path"] as? String == "$.cases[0]")
        let criteria = try #require(f["failingCriteria"] as? [[String: Any]])
        #expect(criteria.count == 1)
        #expect(criteria.first?["id"] as? String == "ldtt.new_recruit")
        #expect(criteria.first?["values"] as? [String] == [#"months_of_service(date_in(year, param("ldtt.new_recruit.reference_mmdd"))) >= param("ldtt.new_recruit.min_months"): 5 >= 6"#])
        let citation = try #require(criteria.first?["citation"] as? [String: String])
        #expect(citation["vi"] == "TT 01/2024/TT-BNV, Điều 1 khoản 5 điểm d")
        // The text report says the same.
        let text = h.run(["rules", "audit", path])
        #expect(text.out == "FAIL lao_dong_tien_tien: 5 months of service is not enough (\(path):1:12): expected eligible, got not-eligible; expected failing [], got [ldtt.new_recruit]\nPASS lao_dong_tien_tien: a full year is enough (the file's award)\n1 passed, 1 failed\n")
    }

    @Test("rules lint counts the shipped citations, warns for those without article or clause and still passes")
    func lintCitations() throws {
        let h = try CLIHarness()
        let r = h.run(["--lang", "en", "rules", "lint"])
        #expect(r.code == 0, "\(r.err)")
        let lines = r.out.split(separator: "\n").map(String.init)
        #expect(lines.suffix(2) == ["Citations: 55 criteria — 31 complete, 0 missing article, 9 missing clause, 15 missing point",
                                    "11 files, 0 errors, 9 warnings"])
        #expect(lines.filter { $0.contains(": warning: ") }.count == 9)
        #expect(lines.contains { $0.hasSuffix("chien_si_thi_dua_cap_tinh.json:15:9: warning: $.regimes[0].criteria[0].citation: the citation of criterion cstdt.streak (Luật TĐKT 15/2003/QH11, Article 22) names no clause") })
    }
}
