import Foundation
import KhenThuongKit
import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore

/// `eligibility check | batch`.
enum EligibilityCommands {
    /// Nominees from JSON (the documented format) or CSV: the full profile or the benchmark
    /// dataset's person-year profile, told apart by the header row.
    static func nominees(_ path: String, _ ctx: Context) throws(CLIError) -> [NomineeFacts] {
        let (facts, findings) = !isCSV(path) ? NomineeLoader.load(path: path)
            : NomineeCSV.profile(path: path) == .benchmark ? BenchmarkCSVLoader.load(path: path) : NomineeCSVLoader.load(path: path)
        guard let facts else {
            throw CLIError(.init(vi: "dữ liệu người được đề nghị trong \(path) có lỗi; chưa xét gì", en: "the nominee data in \(path) has errors; nothing was decided"),
                           fix: .init(vi: "sửa các dòng/ô được nêu rồi chạy lại", en: "fix the rows or cells named above and run again"),
                           exit: .dataError, details: findings.prefix(20).map { $0.rendered(ctx.language) })
        }
        return facts
    }

    static func isCSV(_ path: String) -> Bool { path.lowercased().hasSuffix(".csv") }

    static let check = Command(
        path: ["eligibility", "check"], synopsis: "[--nominees FILE] --id ID --award AWARD (--year YEAR | --period FROM-TO) [--proposed YEAR] [--as-of DATE] [--params FILE]",
        summary: .init(vi: "xét một người/tập thể theo quy tắc của giai đoạn, nêu từng tiêu chí và điều khoản", en: "decide one nominee under the rules in force, criterion by criterion with citations"),
        help: .init(vi: "  --nominees FILE    tệp dữ kiện; không có thì đọc sổ đăng ký của kho (person import, history import, quyết định đã công bố)\n  --period FROM-TO   thời kỳ tính thành tích (2020-2024) thay cho --year; quy tắc xét theo thời kỳ này\n  --proposed YEAR    năm đề nghị, nếu khác năm cuối của thời kỳ thành tích\n  --as-of DATE   ngày xét các thủ tục đang chờ (mặc định 31/12 của năm)\n" + RulesCommands.paramsHelp.vi,
                    en: "  --nominees FILE    the facts file; without it the store's registry is read (person import, history import, published decisions)\n  --period FROM-TO   the achievement period (2020-2024) instead of --year; the rules run on it\n  --proposed YEAR    the proposal year, when it differs from the period's last year\n  --as-of DATE   day pending proceedings are checked on (default 31/12 of the year)\n" + RulesCommands.paramsHelp.en)
    ) { args, ctx throws(CLIError) in
        let file = try args.value("nominees")
        let id = try args.required("id")
        let award = try args.required("award")
        let period = try achievementPeriod(&args)
        let year = period.to
        let day = try args.date("as-of")
        // The definitions are read once: the rules come from them, and so does the registry's reader.
        let definitions = try ctx.definitions(parameterOverrides: try args.value("params") ?? ctx.parameterFile)
        let rules = try RulesCommands.load(definitions: definitions, ctx)
        try args.finish()
        let nominee: NomineeFacts
        if let file {
            guard let found = try nominees(file, ctx).first(where: { $0.id == id }) else {
                throw CLIError(.init(vi: "không có người được đề nghị “\(id)” trong \(file)", en: "there is no nominee “\(id)” in \(file)"), exit: .dataError)
            }
            nominee = found
        } else {
            let runner = DossierRunner(definitions: definitions, store: try ctx.openStore())
            guard let found = try Runner.perform(ctx, { try runner.registryFacts(of: id) }) else {
                throw CLIError(.init(vi: "sổ đăng ký của kho chưa có “\(id)”", en: "the store's registry has no “\(id)”"),
                               fix: .init(vi: "nhập bằng `khenthuong person import FILE`, hoặc đưa ra --nominees FILE", en: "import it with `khenthuong person import FILE`, or give --nominees FILE"),
                               exit: .dataError)
            }
            nominee = found
        }
        _ = try RulesCommands.ruleSet(award, rules)
        _ = year
        guard let verdict = rules.evaluate(nominee, award: award, period: period, asOf: day) else { return .dataError }
        if ctx.json { ctx.printJSON(verdict) } else { ctx.console.line(verdict.rendered(ctx.language)) }
        return .success
    }

    /// `--year YEAR` or `--period FROM-TO` (one of them), and `--proposed YEAR`.
    static func achievementPeriod(_ args: inout ArgumentList) throws(CLIError) -> AchievementPeriod {
        let proposed = try args.year("proposed")
        let from: Int, to: Int
        if let text = try args.value("period") {
            let parts = text.split(separator: "-", omittingEmptySubsequences: false).map { Int($0) }
            guard try args.int("year") == nil else {
                throw CLIError.usage(.init(vi: "dùng --year hoặc --period, không dùng cả hai", en: "give --year or --period, not both"), command: args.command)
            }
            guard parts.count == 2, let f = parts[0], let t = parts[1], f <= t, (1900...2200).contains(f), (1900...2200).contains(t) else {
                throw CLIError.usage(.init(vi: "--period phải có dạng NĂM-NĂM (2020-2024), năm đầu không sau năm cuối, không phải “\(text)”",
                                           en: "--period must look like YEAR-YEAR (2020-2024), the first not after the last, not “\(text)”"), command: args.command)
            }
            (from, to) = (f, t)
        } else {
            from = try args.requiredYear()
            to = from
        }
        if let proposed, proposed < to {
            throw CLIError.usage(.init(vi: "năm đề nghị \(proposed) trước năm cuối của thời kỳ thành tích \(to)", en: "the proposal year \(proposed) is before the period's last year \(to)"), command: args.command)
        }
        return AchievementPeriod(from: from, to: to, proposalYear: proposed)
    }

    static let batch = Command(
        path: ["eligibility", "batch"], synopsis: "--nominees FILE --award AWARD[,AWARD…] --year YEAR [--thematic] [--out FILE.csv|FILE.json] [--excel] [--explain failing|all] [--as-of DATE] [--params FILE]",
        summary: .init(vi: "xét hàng loạt (CSV/JSON vào, CSV/JSON ra), áp dụng tỷ lệ khống chế", en: "decide a whole list (CSV/JSON in, CSV/JSON out), quotas applied"),
        help: .init(vi: "Kết quả CSV (UTF-8 có BOM, mở được bằng Excel): nominee_id, nominee_name, award, year, outcome, regime, failing, reasons (tiêu chí không đạt, rồi lý do bị cắt theo tỷ lệ / số lượng).\n  --excel      CSV cho Excel cài tiếng Việt: dấu “;” giữa các cột\n  --thematic   đợt khen chuyên đề: áp dụng số lượng tối đa mỗi đơn vị đề nghị (Bằng khen TLĐ ≤ bktld.thematic.cap_per_proposer mỗi LĐLĐ tỉnh)\n  --explain failing|all   cột reasons nêu các tiêu chí không đạt (failing, mặc định) hay mọi tiêu chí, kể cả tiêu chí đạt (all), với giá trị thực tế và điều khoản như `eligibility check`; JSON luôn nêu mọi tiêu chí",
                    en: "CSV output (UTF-8 with BOM, opens in Excel): nominee_id, nominee_name, award, year, outcome, regime, failing, reasons (failing criteria, then why a quota or cap cut).\n  --excel      CSV for Excel in a Vietnamese locale: “;” between columns\n  --thematic   a thematic round: caps per proposer apply (VGCL certificate ≤ bktld.thematic.cap_per_proposer per provincial federation)\n  --explain failing|all   the reasons column lists the failing criteria (failing, the default) or every criterion, passing ones too (all), with actual values and citations as `eligibility check` does; JSON always lists every criterion")
    ) { args, ctx throws(CLIError) in
        let file = try args.required("nominees")
        let awards = try args.required("award").split(separator: ",").map(String.init)
        let year = try args.requiredYear()
        let out = try args.value("out")
        let thematic = args.flag("thematic")
        let excel = args.flag("excel")
        let explain = try args.value("explain") ?? "failing"
        guard let explainAll = ["failing": false, "all": true][explain] else {
            throw CLIError.usage(.init(vi: "--explain nhận failing hoặc all, không phải “\(explain)”", en: "--explain takes failing or all, not “\(explain)”"),
                                 command: args.command)
        }
        let day = try args.date("as-of")
        let rules = try RulesCommands.load(&args, ctx)
        try args.finish()
        for a in awards { _ = try RulesCommands.ruleSet(a, rules) }
        // Every input is read a chunk at a time: the benchmark profile, the full profile, JSON.
        let input: NomineeInput = !isCSV(file) ? .nomineeJSON(path: file)
            : NomineeCSV.profile(path: file) == .benchmark ? .benchmarkCSV(path: file) : .nomineeCSV(path: file)
        let json = (out ?? "").lowercased().hasSuffix(".json") || (out == nil && ctx.json)
        let sink = try BatchOutput(out, ctx)
        let progress = Progress(console: ctx.console, label: "eligibility batch", enabled: !ctx.json)
        let (summary, findings) = rules.streamBatch(input, awards: awards, year: year, asOf: day, thematic: thematic,
                                                    format: json ? VerdictJSON.format : VerdictCSV.format(ctx.language, dialect: excel ? .excel : .standard, explainAll: explainAll),
                                                    write: sink.write, bytes: sink.write(bytes:), progress: progress.update, restart: sink.restart)
        progress.finish()
        guard let summary else {
            sink.discard()
            // The full profile and JSON say it as they did when they were read whole first.
            let nothing: LocalizedText = if case .benchmarkCSV = input {
                .init(vi: "dữ liệu người được đề nghị trong \(file) có lỗi; chưa ghi kết quả nào", en: "the nominee data in \(file) has errors; no result was written")
            } else {
                .init(vi: "dữ liệu người được đề nghị trong \(file) có lỗi; chưa xét gì", en: "the nominee data in \(file) has errors; nothing was decided")
            }
            throw CLIError(nothing,
                           fix: .init(vi: "sửa các dòng/ô được nêu rồi chạy lại", en: "fix the rows or cells named above and run again"),
                           exit: .dataError, details: findings.prefix(20).map { $0.rendered(ctx.language) })
        }
        try sink.commit()
        for a in awards {
            let c = summary.counts[a] ?? [:]
            let line = ctx.vi ? "\(a): \(c[.eligible] ?? 0) đủ điều kiện, \(c[.notEligible] ?? 0) không đủ, \(c[.deferred] ?? 0) tạm dừng xét"
                              : "\(a): \(c[.eligible] ?? 0) eligible, \(c[.notEligible] ?? 0) not eligible, \(c[.deferred] ?? 0) deferred"
            if out != nil { ctx.console.line(line) } else { ctx.console.error(line) }
        }
        if summary.quotaDecisions > 0 {
            let msg = ctx.vi ? "tỷ lệ khống chế CSTĐCS: \(summary.quotaDecisions) quyết định" : "CSTĐCS quota: \(summary.quotaDecisions) decisions"
            if out != nil { ctx.console.line(msg) } else { ctx.console.error(msg) }
        }
        if summary.capDecisions > 0 {
            let msg = ctx.vi ? "số lượng tối đa mỗi đơn vị đề nghị: \(summary.capDecisions) quyết định, \(summary.capCuts) người vượt số lượng"
                             : "caps per proposer: \(summary.capDecisions) decisions, \(summary.capCuts) over the cap"
            if out != nil { ctx.console.line(msg) } else { ctx.console.error(msg) }
        }
        return .success
    }
}

/// Verdicts as CSV for Excel and LibreOffice: UTF-8 with BOM, RFC 4180 quoting.
enum VerdictCSV {
    static let columns = ["nominee_id", "nominee_name", "award", "year", "outcome", "regime", "failing", "reasons"]

    static func header(_ dialect: CSVWriter.Dialect) -> String { "\u{FEFF}" + CSVWriter.line(columns, dialect: dialect) }

    static func render(_ verdicts: [EligibilityVerdict], _ l: Language, dialect: CSVWriter.Dialect = .standard) -> String {
        ([header(dialect)] + verdicts.map { row($0, l, dialect) }).joined(separator: "\r\n") + "\r\n"
    }

    static func row(_ v: EligibilityVerdict, _ l: Language, _ dialect: CSVWriter.Dialect = .standard) -> String {
        var out = ""
        out.reserveCapacity(160)
        row(v, l, dialect, into: &out)
        return out
    }

    /// Appends the row of `v` (no line break) to `out`: the bytes of `CSVWriter.line` (quoting,
    /// formula cells neutralised, the dialect's separator and decimal comma), without building
    /// the array of fields.
    static func row(_ v: EligibilityVerdict, _ l: Language, _ dialect: CSVWriter.Dialect, into out: inout String) {
        row(v, l, dialect, explainAll: false, into: &out)
    }

    /// ``row(_:_:_:into:)``; with `explainAll`, `reasons` lists every criterion of the verdict
    /// (passing `✓`, failing `✗`, not applicable `–`, each as `eligibility check` shows it), then
    /// the notes. `failing` names the failing criteria either way.
    static func row(_ v: EligibilityVerdict, _ l: Language, _ dialect: CSVWriter.Dialect, explainAll: Bool, into out: inout String) {
        let separator = String(dialect.separator)
        func cell(_ s: String) { appendField(s, dialect: dialect, to: &out) }
        cell(v.nominee); out += separator
        cell(v.nomineeName); out += separator
        cell(v.award); out += separator
        cell(String(v.year)); out += separator
        cell(v.outcome.rawValue); out += separator
        cell(v.regime ?? ""); out += separator
        var failing = "", reasons = "", first = true
        // Failing criteria, then notes (a quota or cap cut says why here).
        if explainAll {
            // Every criterion, passing ones too; `failing` still names only the failing ones.
            failing = v.criteria.filter { $0.status == .fail }.map(\.id).joined(separator: ";")
            for c in v.criteria {
                if !first { reasons += " | " }
                first = false
                reasons += c.rendered(l)
            }
        } else {
            for c in v.criteria where c.status == .fail {
                if !first { failing += ";"; reasons += " | " }
                first = false
                failing += c.id
                reasons += c.rendered(l)
            }
        }
        for n in v.notes {
            if !first { reasons += " | " }
            first = false
            reasons += n[l]
        }
        cell(failing); out += separator
        cell(reasons)
    }

    /// Appends `CSVWriter.field(text, dialect:)` to `out`. A field with no byte that quoting,
    /// neutralising or the decimal comma looks at goes as it is; one that only needs quotes,
    /// each such byte between ASCII bytes (so each is a character of its own, as the writer
    /// sees it), is quoted here; anything else is left to `CSVWriter.field`.
    static func appendField(_ text: String, dialect: CSVWriter.Dialect, to out: inout String) {
        let u = text.utf8
        guard let firstByte = u.first, let lastByte = u.last else { return }
        switch firstByte {
        case UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), UInt8(ascii: "'"), UInt8(ascii: " "), 0x09, 0x0D:
            out += CSVWriter.field(text, dialect: dialect)
            return
        default: break
        }
        if lastByte == UInt8(ascii: " ") {
            out += CSVWriter.field(text, dialect: dialect)
            return
        }
        let comma = dialect.separator == ","
        var special = false, previous: UInt8 = 0, previousSpecial = false
        for b in u {
            if previousSpecial && b >= 0x80 { return out += CSVWriter.field(text, dialect: dialect) }
            switch b {
            case UInt8(ascii: ";"), UInt8(ascii: "\""), 0x0A, 0x0D:
                if previous >= 0x80 { return out += CSVWriter.field(text, dialect: dialect) }
                special = true; previousSpecial = true
            case UInt8(ascii: ","):
                if comma {
                    if previous >= 0x80 { return out += CSVWriter.field(text, dialect: dialect) }
                    special = true; previousSpecial = true
                } else {
                    previousSpecial = false
                }
            case UInt8(ascii: "."):
                if dialect.decimalComma { return out += CSVWriter.field(text, dialect: dialect) }
                previousSpecial = false
            default:
                previousSpecial = false
            }
            previous = b
        }
        guard special else { return out += text }
        out += "\""
        var rest = Substring(text)
        while let quote = rest.utf8.firstIndex(of: 0x22) { // a quote is doubled
            let after = rest.utf8.index(after: quote)
            out += rest[..<after]
            out += "\""
            rest = rest[after...]
        }
        out += rest
        out += "\""
    }

    /// The streaming shape of ``render(_:_:dialect:)``: the same bytes, a row at a time.
    /// With `explainAll` (`--explain all`) every row explains every criterion: each verdict is
    /// then decided with every explanation (``ExplanationScope/all``) and rendered by
    /// ``row(_:_:_:explainAll:into:)``; the default rows explain only what fails.
    static func format(_ l: Language, dialect: CSVWriter.Dialect = .standard, explainAll: Bool = false) -> VerdictStreamFormat {
        let header = header(dialect)
        if explainAll {
            return VerdictStreamFormat(header: header + "\r\n", separator: "", footer: "", empty: header + "\r\n") { v in
                var out = ""
                out.reserveCapacity(1024)
                row(v, l, dialect, explainAll: true, into: &out)
                return out + "\r\n"
            }
        }
        var format = VerdictStreamFormat(header: header + "\r\n", separator: "", footer: "", empty: header + "\r\n") { row($0, l, dialect) + "\r\n" }
        format.explains = .failing(l) // a row shows the failing criteria only, in `l`
        format.rows = VerdictRows(language: l, dialect: dialect) // the same rows, written as bytes
        return format
    }
}

/// Verdicts as the JSON array `JSONOutput.encode` writes, a verdict at a time.
enum VerdictJSON {
    static var format: VerdictStreamFormat {
        VerdictStreamFormat(header: "[\n", separator: ",\n", footer: "\n]", empty: "[\n\n]") { v in
            JSONOutput.encode(v).split(separator: "\n", omittingEmptySubsequences: false)
                .map { $0.isEmpty ? "" : "  " + $0 }.joined(separator: "\n")
        }
    }
}

/// Where a batch writes: an `AtomicFile` for `--out` (its temporary file beside it, renamed over
/// it only when the whole batch succeeded), or one in the temporary folder for standard output,
/// copied out then and removed.
final class BatchOutput {
    let out: String?
    var file: AtomicFile
    let ctx: Context
    var buffer: [UInt8] = []
    /// The first failed write; the batch then fails on `commit()`.
    var failure: AtomicFileError?

    init(_ out: String?, _ ctx: Context) throws(CLIError) {
        self.out = out
        self.ctx = ctx
        do {
            file = try AtomicFile(path: out ?? (NSTemporaryDirectory() as NSString).appendingPathComponent("khenthuong-batch"))
        } catch {
            throw Self.failed(error, out: out, ctx)
        }
        buffer.reserveCapacity(1 << 20)
    }

    func write(_ s: String) {
        buffer.append(contentsOf: s.utf8)
        if buffer.count >= 1 << 20 { flush() }
    }

    func write(bytes: [UInt8]) {
        if buffer.isEmpty && bytes.count >= 1 << 20 {
            if failure == nil {
                do { try file.append(bytes) } catch { failure = error }
            }
            return
        }
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 20 { flush() }
    }

    private func flush() {
        if failure == nil {
            do { try file.append(buffer) } catch { failure = error }
        }
        buffer.removeAll(keepingCapacity: true)
    }

    func discard() {
        file.discard()
    }

    /// Throws away everything written and starts again (a nominee file read whole after all).
    func restart() {
        buffer.removeAll(keepingCapacity: true)
        file.discard()
        do { file = try AtomicFile(path: file.path) } catch { failure = failure ?? error }
    }

    /// Publishes the output: renames the file over `--out`, or copies it to standard output.
    func commit() throws(CLIError) {
        flush()
        do throws(AtomicFileError) {
            if let failure { throw failure }
            guard out != nil else {
                copyToStandardOutput()
                return
            }
            try file.commit()
        } catch {
            throw Self.failed(error, out: out, ctx)
        }
    }

    /// The command's error for a failed write: at `--out`, or, for standard output, about the
    /// temporary file the officer never named.
    private static func failed(_ error: AtomicFileError, out: String?, _ ctx: Context) -> CLIError {
        var e = CLIError.from(error, language: ctx.language)
        if out != nil {
            e.location = "--out"
        } else {
            e.fix = .init(vi: "đây là tệp tạm giữ kết quả trước khi in ra; giải phóng chỗ trong thư mục tạm (TMPDIR) hoặc ghi ra tệp bằng --out TỆP",
                          en: "this is the temporary file that holds the results before they are printed; free space in the temporary folder (TMPDIR) or write to a file with --out FILE")
        }
        return e
    }

    private func copyToStandardOutput() {
        defer { file.discard() }
        guard let reader = FileHandle(forReadingAtPath: file.temporaryPath) else { return }
        defer { try? reader.close() }
        var carry: [UInt8] = []
        while case let data = reader.readData(ofLength: 1 << 20), !data.isEmpty {
            carry.append(contentsOf: data)
            // Cut after the last line break, so no UTF-8 sequence is split.
            guard let cut = carry.lastIndex(of: 0x0A) else { continue }
            ctx.console.raw(String(decoding: carry[...cut], as: UTF8.self))
            carry.removeSubrange(...cut)
        }
        ctx.console.raw(String(decoding: carry, as: UTF8.self) + "\n")
    }
}
