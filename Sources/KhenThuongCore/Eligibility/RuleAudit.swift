import Foundation

/// The result of one case: what was expected, what the rules decided, and the difference.
public struct CaseResult: Sendable, Hashable {
    public var award: String
    public var name: String
    public var file: String
    public var location: SourceLocation
    public var expected: EligibilityOutcome
    public var expectedFailing: [String]?
    /// `nil` when no rule set exists for the award.
    public var verdict: EligibilityVerdict?
    /// What differs, one sentence each; empty when the case passes.
    public var differences: [String]

    public var passed: Bool { differences.isEmpty }

    /// `PASS award: name` or `FAIL award: name (file:line:col): difference; …`.
    public var rendered: String {
        passed ? "PASS \(award): \(name)" : "FAIL \(award): \(name) (\(file):\(location.position)): \(differences.joined(separator: "; "))"
    }
}

/// Runs rule-set cases and reports which pass.
///
/// Case-file format (stable): `{"cases": [ … ]}` where each case has the shape of a rule
/// file's cases plus `"award"`: `{"award": "lao_dong_tien_tien", "name": "…", "nominee": {…},
/// "year": 2025, "expect": "eligible" | "not-eligible" | "deferred", "failing": ["ldtt.duty"]}`.
/// A case without `"award"` takes the file's top-level `"award"` (a rule file audits as is).
/// `failing`, when given, must equal the set of failing criterion ids.
public enum RuleAudit {
    /// Evaluates every case with the rule set of its award.
    public static func run(cases: [RuleCase], rules: EligibilityRules) -> [CaseResult] {
        cases.map { c in
            var result = CaseResult(award: c.award, name: c.name, file: c.file, location: c.location, expected: c.expect,
                                    expectedFailing: c.failing, verdict: nil, differences: [])
            guard let set = rules[c.award] else {
                result.differences.append("no rule set for award \"\(c.award)\"")
                return result
            }
            let verdict = set.evaluate(c.nominee, year: c.year)
            result.verdict = verdict
            if verdict.outcome != c.expect {
                result.differences.append("expected \(c.expect.rawValue), got \(verdict.outcome.rawValue)")
            }
            if let failing = c.failing, Set(failing) != Set(verdict.failing) {
                result.differences.append("expected failing [\(failing.sorted().joined(separator: ", "))], got [\(verdict.failing.sorted().joined(separator: ", "))]")
            }
            return result
        }
    }

    /// One line per case, then `N passed, M failed`.
    public static func report(_ results: [CaseResult]) -> String {
        let passed = results.filter(\.passed).count
        return (results.map(\.rendered) + ["\(passed) passed, \(results.count - passed) failed"]).joined(separator: "\n")
    }

    /// Reads a case file (`{"cases": […]}`). A case names its `award`; when it does not, the
    /// file's own top-level `"award"` is used, so a rule file's cases can be audited directly.
    public static func parseCases(_ text: String, file: String, schema: EligibilitySchema) -> ([RuleCase]?, [LintFinding]) {
        let root: JSONValue.Positioned
        do { root = try JSONParser.parse(text) } catch { return (nil, [LintFinding.malformed(file, error)]) }
        var reader = RuleSetLoader.Reader(r: FactReader(file: file), schema: schema)
        var fileAward: String?
        if root["award"] != nil { fileAward = reader.r.string(root, "award", "$") }
        var cases: [RuleCase] = []
        for (i, c) in (reader.r.array(root, "cases", "$") ?? []).enumerated() {
            let p = "$.cases[\(i)]"
            if c["award"] != nil || fileAward == nil {
                guard reader.r.string(c, "award", p) != nil else { continue }
            }
            if let rc = reader.ruleCase(c, p, award: fileAward ?? "") { cases.append(rc) }
        }
        return (reader.r.findings.isEmpty ? cases : nil, reader.r.findings)
    }

}
