import Testing
@testable import KhenThuongCore
@testable import KhenThuongDefinitions
@testable import KhenThuongStore
@testable import KhenThuongKit
@testable import KhenThuongBench

/// The shipped rule sets (`workflows/rules/`), loaded once with the shipped award catalog.
enum ShippedRules {
    static let directory = TestSupport.workflowsDirectory + "/rules"

    static let loaded: (EligibilityRules?, [LintFinding]) = {
        let awards = try? TestSupport.definitions().awards
        return RuleSetLoader.loadDirectory(directory, awards: awards)
    }()

    static func rules() throws -> EligibilityRules {
        let (rules, findings) = loaded
        return try #require(rules, "\(findings.map { $0.rendered(.en) })")
    }

    /// Every case of every shipped rule set, named for the test list.
    static let cases: [AuditCase] = {
        guard let rules = loaded.0 else { return [] }
        return rules.cases.map(AuditCase.init)
    }()
}

struct AuditCase: CustomTestStringConvertible, Sendable {
    let ruleCase: RuleCase
    init(_ ruleCase: RuleCase) { self.ruleCase = ruleCase }
    var testDescription: String { "\(ruleCase.award): \(ruleCase.name)" }
}

@Suite struct EligibilityAuditTests {
    @Test("the shipped rule sets and parameters load without a finding")
    func shippedRulesLoad() throws {
        let rules = try ShippedRules.rules()
        #expect(rules.ruleSets.keys.sorted() == [
            "bang_khen_bo_nganh_tinh", "bang_khen_thu_tuong", "bang_khen_tong_lien_doan", "bang_lao_dong_sang_tao", "chien_si_thi_dua_cap_tinh",
            "chien_si_thi_dua_co_so", "chien_si_thi_dua_toan_quoc", "lao_dong_tien_tien", "tap_the_lao_dong_tien_tien",
            "tap_the_lao_dong_xuat_sac",
        ])
        #expect(ShippedRules.cases.count >= 50)
    }

    @Test("every case of every shipped rule set gets the verdict and failing criteria it expects", arguments: ShippedRules.cases)
    func shippedCase(_ audit: AuditCase) throws {
        let results = RuleAudit.run(cases: [audit.ruleCase], rules: try ShippedRules.rules())
        let result = try #require(results.first)
        #expect(result.passed, "\(result.rendered)\n\(result.verdict?.rendered(.en) ?? "")")
    }

    @Test("the audit report prints PASS or FAIL per case with the difference and ends with the totals")
    func auditReport() throws {
        let rules = try ShippedRules.rules()
        var wrong = try #require(rules["lao_dong_tien_tien"]?.cases.first)
        wrong.expect = .notEligible
        wrong.failing = ["ldtt.duty"]
        let right = try #require(rules["lao_dong_tien_tien"]?.cases.first)
        let report = RuleAudit.report(RuleAudit.run(cases: [right, wrong], rules: rules))
        let lines = report.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines[0] == "PASS lao_dong_tien_tien: \(right.name)")
        #expect(lines[1].hasPrefix("FAIL lao_dong_tien_tien: \(right.name) ("))
        #expect(lines[1].hasSuffix("expected not-eligible, got eligible; expected failing [ldtt.duty], got []"))
        #expect(lines[2] == "1 passed, 1 failed")
    }

    @Test("a case file names its award per case and runs against the matching rule set")
    func caseFile() throws {
        let rules = try ShippedRules.rules()
        let text = """
        {"cases": [
          {"award": "lao_dong_tien_tien", "name": "HTNV in 2025", "year": 2025, "expect": "not-eligible", "failing": ["ldtt.duty"],
           "nominee": {"kind": "individual", "id": "P9", "name": "Lê Văn Bình", "unit": "U1", "hireDate": "2010-01-01",
                       "years": {"2025": {"duty": "HTNV", "monthsWorked": 12}}}},
          {"award": "giay_khen_dot_xuat", "name": "no rules yet", "year": 2025, "expect": "eligible",
           "nominee": {"kind": "individual", "id": "P9", "name": "Lê Văn Bình", "unit": "U1"}}
        ]}
        """
        let (cases, findings) = RuleAudit.parseCases(text, file: "cases.json", schema: rules.schema)
        #expect(findings.isEmpty)
        let results = RuleAudit.run(cases: try #require(cases), rules: rules)
        #expect(results.map(\.passed) == [true, false])
        #expect(results[1].differences == ["no rule set for award \"giay_khen_dot_xuat\""])
    }

    @Test("a rule file's own cases, which omit award, are audited from the file with the file's award")
    func ruleFileCases() throws {
        let rules = try ShippedRules.rules()
        let path = ShippedRules.directory + "/lao_dong_tien_tien.json"
        let (cases, findings) = RuleAudit.loadCases(path: path, schema: rules.schema)
        #expect(findings.isEmpty, "\(findings.map { $0.rendered(.en) })")
        let loaded = try #require(cases)
        #expect(loaded.count == rules["lao_dong_tien_tien"]?.cases.count)
        #expect(loaded.allSatisfy { $0.award == "lao_dong_tien_tien" })
        let results = RuleAudit.run(cases: loaded, rules: rules)
        #expect(results.filter { !$0.passed }.map(\.rendered) == [])
    }

    @Test("a case without award in a file without a top-level award is a finding naming the member")
    func caseWithoutAward() throws {
        let rules = try ShippedRules.rules()
        let text = #"{"cases": [{"name": "x", "year": 2025, "expect": "eligible", "nominee": {"kind": "individual", "id": "P", "name": "P", "unit": "U"}}]}"#
        let (cases, findings) = RuleAudit.parseCases(text, file: "cases.json", schema: rules.schema)
        #expect(cases?.count == nil)
        #expect(findings.map(\.location?.path) == ["$.cases[0].award"])
    }

    @Test("citation completeness on a fixture: counts by class, a warning per missing article or clause, an error without a document")
    func citationCounts() throws {
        let rules = try ShippedRules.rules()
        let path = TestSupport.fixturesDirectory.appendingPathComponent("citation-rules.json").path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let (loaded, loadFindings) = RuleSetLoader.parse(text, file: "citation-rules.json", schema: rules.schema)
        let set = try #require(loaded, "\(loadFindings.map { $0.rendered(.en) })")
        let (counts, findings) = CitationAudit.check([set])
        #expect(counts.complete == 2)
        #expect(counts.missingPoint == 1)
        #expect(counts.missingClause == 2)
        #expect(counts.missingArticle == 1)
        #expect(counts.missingDocument == 0)
        #expect(counts.total == 6)
        #expect(counts.rendered(.vi) == "Trích dẫn: 6 tiêu chí — 2 đủ, 1 thiếu điều, 2 thiếu khoản, 1 thiếu điểm")
        #expect(counts.rendered(.en) == "Citations: 6 criteria — 2 complete, 1 missing article, 2 missing clause, 1 missing point")
        #expect(findings.allSatisfy { $0.severity == .warning && $0.kind == .incompleteCitation })
        #expect(findings.map(\.location?.path) == ["$.regimes[0].criteria[3].citation", "$.regimes[0].criteria[4].citation",
                                                   "$.regimes[0].criteria[5].citation"])
        #expect(findings[2].rendered(.en) == "citation-rules.json:24:9: warning: $.regimes[0].criteria[5].citation: the citation of criterion c.no_article (Luật TĐKT 15/2003/QH11 (điều kiện chung)) names no article")
        #expect(findings[0].rendered(.vi).hasSuffix("trích dẫn của tiêu chí c.no_clause (Luật 06/2022/QH15, Điều 23) không ghi khoản"))

        // A blank document is an error; a missing one never loads (the loader's finding).
        var blank = set
        blank.regimes[0].criteria[0].citation = Citation(document: "  ", article: 1)
        let (blankCounts, blankFindings) = CitationAudit.check([blank])
        #expect(blankCounts.missingDocument == 1)
        #expect(blankCounts.rendered(.en).hasSuffix(", 1 missing document"))
        #expect(blankFindings.filter { $0.severity == .error }.map(\.location?.path) == ["$.regimes[0].criteria[0].citation"])
        let missing = text.replacingOccurrences(of: #""document": "Luật 06/2022/QH15", "article": 24"#, with: #""article": 24"#)
        let (none, noneFindings) = RuleSetLoader.parse(missing, file: "citation-rules.json", schema: rules.schema)
        #expect(none == nil)
        #expect(noneFindings.map(\.location?.path) == ["$.regimes[0].criteria[0].citation.document"])
    }
}
