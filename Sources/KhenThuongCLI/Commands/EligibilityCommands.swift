import Foundation
import KhenThuongKit

/// `eligibility check | batch`.
enum EligibilityCommands {
    /// Nominees from JSON (the documented format) or CSV (the benchmark profile of SPEC.md).
    static func nominees(_ path: String, _ ctx: Context) throws(CLIError) -> [NomineeFacts] {
        let (facts, findings) = path.lowercased().hasSuffix(".csv") ? BenchmarkCSVLoader.load(path: path) : NomineeLoader.load(path: path)
        guard let facts else {
            throw CLIError(.init(vi: "dữ liệu người được đề nghị trong \(path) có lỗi; chưa xét gì", en: "the nominee data in \(path) has errors; nothing was decided"),
                           fix: .init(vi: "sửa các dòng/ô được nêu rồi chạy lại", en: "fix the rows or cells named above and run again"),
                           exit: .dataError, details: findings.prefix(20).map { $0.rendered(ctx.language) })
        }
        return facts
    }

    static func asOf(_ args: inout ArgumentList) throws(CLIError) -> CivilDate? {
        guard let text = try args.value("as-of") else { return nil }
        do throws(DateError) { return try CivilDate(parsing: text) } catch {
            throw CLIError(.init(vi: error.message(.vi), en: error.message(.en)), at: "--as-of", exit: .usage)
        }
    }

    static let check = Command(
        path: ["eligibility", "check"], synopsis: "--nominees FILE --id ID --award AWARD --year YEAR [--as-of DATE] [--params FILE]",
        summary: .init(vi: "xét một người/tập thể theo quy tắc của giai đoạn, nêu từng tiêu chí và điều khoản", en: "decide one nominee under the rules in force, criterion by criterion with citations"),
        help: .init(vi: "  --as-of DATE   ngày xét các thủ tục đang chờ (mặc định 31/12 của năm)\n" + RulesCommands.paramsHelp.vi,
                    en: "  --as-of DATE   day pending proceedings are checked on (default 31/12 of the year)\n" + RulesCommands.paramsHelp.en)
    ) { args, ctx throws(CLIError) in
        let file = try args.required("nominees")
        let id = try args.required("id")
        let award = try args.required("award")
        let year = try args.requiredInt("year")
        let day = try asOf(&args)
        let rules = try RulesCommands.load(&args, ctx)
        try args.finish()
        let all = try nominees(file, ctx)
        guard let nominee = all.first(where: { $0.id == id }) else {
            throw CLIError(.init(vi: "không có người được đề nghị “\(id)” trong \(file)", en: "there is no nominee “\(id)” in \(file)"), exit: .dataError)
        }
        _ = try RulesCommands.ruleSet(award, rules)
        guard let verdict = rules.evaluate(nominee, award: award, year: year, asOf: day) else { return .dataError }
        if ctx.json { ctx.printJSON(verdict) } else { ctx.console.line(verdict.rendered(ctx.language)) }
        return .success
    }

    static let batch = Command(
        path: ["eligibility", "batch"], synopsis: "--nominees FILE --award AWARD[,AWARD…] --year YEAR [--out FILE.csv|FILE.json] [--as-of DATE] [--params FILE]",
        summary: .init(vi: "xét hàng loạt (CSV/JSON vào, CSV/JSON ra), áp dụng tỷ lệ khống chế", en: "decide a whole list (CSV/JSON in, CSV/JSON out), quotas applied"),
        help: .init(vi: "Kết quả CSV (UTF-8 có BOM, mở được bằng Excel): nominee_id, nominee_name, award, year, outcome, regime, failing, reasons.",
                    en: "CSV output (UTF-8 with BOM, opens in Excel): nominee_id, nominee_name, award, year, outcome, regime, failing, reasons.")
    ) { args, ctx throws(CLIError) in
        let file = try args.required("nominees")
        let awards = try args.required("award").split(separator: ",").map(String.init)
        let year = try args.requiredInt("year")
        let out = try args.value("out")
        let day = try asOf(&args)
        let rules = try RulesCommands.load(&args, ctx)
        try args.finish()
        for a in awards { _ = try RulesCommands.ruleSet(a, rules) }
        let all = try nominees(file, ctx)
        // No progress bar yet: the batch decides everyone, then applies the quota, in one call.
        let result = rules.batch(all, awards: awards, year: year, asOf: day, explained: true)
        let text = (out ?? "").lowercased().hasSuffix(".json") || (out == nil && ctx.json)
            ? JSONOutput.encode(result.verdicts) : VerdictCSV.render(result.verdicts, ctx.language)
        if let out {
            do { try Data(text.utf8).write(to: URL(fileURLWithPath: out), options: .atomic) } catch {
                throw CLIError(.init(vi: "không ghi được \(out)", en: "cannot write \(out)"), exit: .dataError)
            }
        } else {
            ctx.console.line(text)
        }
        for a in awards {
            let c = result.counts(award: a)
            let line = ctx.vi ? "\(a): \(c[.eligible] ?? 0) đủ điều kiện, \(c[.notEligible] ?? 0) không đủ, \(c[.deferred] ?? 0) tạm dừng xét"
                              : "\(a): \(c[.eligible] ?? 0) eligible, \(c[.notEligible] ?? 0) not eligible, \(c[.deferred] ?? 0) deferred"
            if out != nil { ctx.console.line(line) } else { ctx.console.error(line) }
        }
        if !result.quota.isEmpty {
            let msg = ctx.vi ? "tỷ lệ khống chế CSTĐCS: \(result.quota.count) quyết định" : "CSTĐCS quota: \(result.quota.count) decisions"
            if out != nil { ctx.console.line(msg) } else { ctx.console.error(msg) }
        }
        return .success
    }
}

/// Verdicts as CSV for Excel and LibreOffice: UTF-8 with BOM, RFC 4180 quoting.
enum VerdictCSV {
    static func render(_ verdicts: [EligibilityVerdict], _ l: Language) -> String {
        func q(_ s: String) -> String {
            s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
        }
        var lines = ["\u{FEFF}nominee_id,nominee_name,award,year,outcome,regime,failing,reasons"]
        for v in verdicts {
            let reasons = v.criteria.filter { $0.status == .fail }.map { $0.rendered(l) }.joined(separator: " | ")
            lines.append([v.nominee, v.nomineeName, v.award, "\(v.year)", v.outcome.rawValue, v.regime ?? "",
                          v.failing.joined(separator: ";"), reasons].map(q).joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }
}
