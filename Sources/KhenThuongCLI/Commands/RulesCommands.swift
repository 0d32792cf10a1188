import Foundation
import KhenThuongKit
import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore

/// `rules list | show | lint | params | audit`.
enum RulesCommands {
    static let paramsHelp = LocalizedText(vi: "  --params FILE   tệp ghi đè tham số (hoặc KHENTHUONG_PARAMS)", en: "  --params FILE   parameter overrides (or KHENTHUONG_PARAMS)")

    /// Loads `workflows/rules/` with the overrides named by `--params` or `KHENTHUONG_PARAMS`.
    static func load(_ args: inout ArgumentList, _ ctx: Context) throws(CLIError) -> EligibilityRules {
        let overrides = try args.value("params") ?? ctx.parameterFile
        return try load(definitions: try ctx.definitions(parameterOverrides: overrides), ctx)
    }

    /// The rule sets of `workflows/rules/` (``Definitions/rules()``, with the parameters the
    /// definitions were loaded with); any finding stops the command (exit 3).
    static func load(definitions: Definitions, _ ctx: Context) throws(CLIError) -> EligibilityRules {
        let (rules, findings) = definitions.rules()
        guard let rules else {
            throw CLIError.from(DefinitionsPartError.rules(directory: definitions.layout.rules, findings: findings), language: ctx.language)
        }
        return rules
    }

    static func ruleSet(_ award: String, _ rules: EligibilityRules) throws(CLIError) -> RuleSet {
        guard let set = rules[award] else {
            throw CLIError(.init(vi: "chưa có bộ quy tắc cho danh hiệu “\(award)”", en: "there is no rule set for the award “\(award)”"),
                           fix: .init(vi: "các bộ quy tắc: \(rules.ruleSets.keys.sorted().joined(separator: ", "))",
                                      en: "rule sets: \(rules.ruleSets.keys.sorted().joined(separator: ", "))"), exit: .dataError)
        }
        return set
    }

    static let list = Command(
        path: ["rules", "list"], synopsis: "[--params FILE]",
        summary: .init(vi: "liệt kê các bộ quy tắc xét danh hiệu và giai đoạn áp dụng", en: "list the eligibility rule sets and their regimes"),
        help: paramsHelp
    ) { args, ctx throws(CLIError) in
        let rules = try load(&args, ctx)
        try args.finish()
        let sets = rules.ruleSets.keys.sorted().map { rules.ruleSets[$0]! }
        let header = ctx.vi ? ["Danh hiệu", "Phiên bản", "Giai đoạn", "Tiêu chí", "Ca kiểm thử"] : ["Award", "Version", "Regimes", "Criteria", "Cases"]
        ctx.console.line(TextTable.render(header: header, rows: sets.map { s in
            [s.award, s.version, s.regimes.map { "\($0.id) \($0.from)–\($0.to.map(String.init) ?? "")" }.joined(separator: "; "),
             "\(s.regimes.map(\.criteria.count).reduce(0, +))", "\(s.cases.count)"]
        }))
        return .success
    }

    static let show = Command(
        path: ["rules", "show"], synopsis: "AWARD [--params FILE]",
        summary: .init(vi: "xem tiêu chí, trích dẫn pháp lý và mức độ xác minh của một bộ quy tắc", en: "show a rule set's criteria, citations and confidence"),
        help: paramsHelp
    ) { args, ctx throws(CLIError) in
        let award = try args.requiredPositional(.init(vi: "mã danh hiệu", en: "an award id"))
        let rules = try load(&args, ctx)
        try args.finish()
        let set = try ruleSet(award, rules)
        var lines = ["\(set.awardName?[ctx.language] ?? set.award) (\(set.award)) \(set.version)"]
        for regime in set.regimes {
            lines.append("")
            lines.append("\(regime.id): \(regime.from)–\(regime.to.map(String.init) ?? "") — \(regime.sources.joined(separator: "; "))")
            for c in regime.criteria {
                lines.append("  \(c.id): \(c.text[ctx.language])")
                lines.append("      \(c.citation.rendered(ctx.language)) [\(c.confidence.rawValue)]")
                lines.append("      \(c.expression.source.text)")
            }
        }
        ctx.console.line(lines.joined(separator: "\n"))
        return .success
    }

    static let lint = Command(
        path: ["rules", "lint"], synopsis: "[--params FILE]",
        summary: .init(vi: "kiểm tra các tệp quy tắc (biểu thức, trích dẫn, giai đoạn, tham số)", en: "check the rule files (expressions, citations, regimes, parameters)"),
        help: .init(vi: paramsHelp.vi + "\nĐếm trích dẫn đủ (văn bản, điều, khoản, điểm), thiếu điều, thiếu khoản, thiếu điểm; cảnh báo tiêu chí thiếu điều hoặc khoản, lỗi (thoát 3) nếu thiếu văn bản.",
                    en: paramsHelp.en + "\nCounts citations complete (document, article, clause, point), missing article, missing clause, missing point; warns for a criterion without article or clause, fails (exit 3) without a document.")
    ) { args, ctx throws(CLIError) in
        let overrides = try args.value("params") ?? ctx.parameterFile
        try args.finish()
        // With the same overrides: a vote threshold the file sets out of range is a finding too.
        let definitions = try ctx.definitions(parameterOverrides: overrides)
        var (rules, findings) = definitions.rules()
        // Citation completeness: counted over every criterion, once the files load.
        var counts: CitationAudit.Counts?
        if let rules {
            let (c, citationFindings) = CitationAudit.check(rules.ruleSets.keys.sorted().map { rules.ruleSets[$0]! })
            counts = c
            findings += citationFindings
        }
        for f in findings { ctx.console.line(f.rendered(ctx.language)) }
        if let counts { ctx.console.line(counts.rendered(ctx.language)) }
        let files = definitions.layout.ruleFiles.count + 1
        let errors = findings.filter { $0.severity == .error }.count, warnings = findings.count - errors
        ctx.console.line(ctx.vi ? "\(files) tệp, \(errors) lỗi, \(warnings) cảnh báo"
                                : "\(files) files, \(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")")
        return errors == 0 ? .success : .dataError
    }

    static let params = Command(
        path: ["rules", "params"], synopsis: "[--params FILE]",
        summary: .init(vi: "liệt kê các tham số (giá trị, nguồn, mức độ xác minh)", en: "list the parameters (value, source, confidence)"),
        help: paramsHelp
    ) { args, ctx throws(CLIError) in
        let rules = try load(&args, ctx)
        try args.finish()
        let all = rules.schema.parameters.all
        let header = ctx.vi ? ["Tham số", "Giá trị", "Mức xác minh", "Nguồn", "Ý nghĩa"] : ["Parameter", "Value", "Confidence", "Source", "Meaning"]
        ctx.console.line(TextTable.render(header: header, rows: all.map { p in
            ["\(p.id)\(p.overriddenBy == nil ? "" : " *")", "\(p.value)", p.confidence.rawValue, p.source, p.text[ctx.language]]
        }))
        if all.contains(where: { $0.overriddenBy != nil }) {
            ctx.console.line(ctx.vi ? "* giá trị do tệp ghi đè đặt" : "* value set by the override file")
        }
        return .success
    }

    static let audit = Command(
        path: ["rules", "audit"], synopsis: "CASES.json [--params FILE]",
        summary: .init(vi: "chạy các ca kiểm thử quy tắc và báo kết quả", en: "run rule audit cases and report"),
        help: .init(vi: "Định dạng: {\"cases\": [{\"award\", \"name\", \"nominee\", \"year\", \"expect\", \"failing\"}]}; ca không ghi \"award\" lấy \"award\" của tệp, nên chạy thẳng được một tệp quy tắc (workflows/rules/lao_dong_tien_tien.json). Kết thúc bằng “N passed, M failed”; thoát 1 nếu có ca sai. Với --json: {\"cases\", \"passed\", \"failed\", \"failures\"}, mỗi ca sai có kết quả mong đợi, kết quả thực và các tiêu chí không đạt kèm giá trị.",
                    en: "Format: {\"cases\": [{\"award\", \"name\", \"nominee\", \"year\", \"expect\", \"failing\"}]}; a case without \"award\" takes the file's \"award\", so a rule file audits as is (workflows/rules/lao_dong_tien_tien.json). Ends with “N passed, M failed”; exits 1 when any case fails. With --json: {\"cases\", \"passed\", \"failed\", \"failures\"}, each failure with the expected and actual verdicts and the failing criteria with their values.")
    ) { args, ctx throws(CLIError) in
        let path = try args.requiredPositional(.init(vi: "tệp ca kiểm thử (JSON)", en: "a case file (JSON)"))
        let rules = try load(&args, ctx)
        try args.finish()
        let (cases, findings) = RuleAudit.loadCases(path: path, schema: rules.schema)
        guard let cases else {
            throw CLIError(.init(vi: "tệp ca kiểm thử \(path) có lỗi", en: "the case file \(path) has errors"),
                           fix: .init(vi: "sửa các lỗi trên", en: "fix the findings above"), exit: .dataError,
                           details: findings.map { $0.rendered(ctx.language) })
        }
        let results = RuleAudit.run(cases: cases, rules: rules)
        if ctx.json { ctx.printJSON(RuleAuditJSON(results)) } else { ctx.console.line(RuleAudit.report(results)) }
        return results.allSatisfy(\.passed) ? .success : .refused
    }
}
