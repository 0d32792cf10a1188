import Foundation
import KhenThuongKit
import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore

/// `report awards | titles | targets | exemplary`.
enum ReportCommands {
    static let all: [Command] = [awards, titles, targets, exemplary, initiatives]

    static let formatHelp = LocalizedText(
        vi: "  --format text|csv|html   bảng chữ (mặc định), CSV cho Excel (UTF-8 có BOM, CRLF) hoặc trang HTML có biểu đồ SVG\n  --out FILE               ghi ra tệp (bắt buộc với html)\n  --excel                  CSV cho Excel cài tiếng Việt: dấu “;” giữa các cột, dấu phẩy thập phân (0,3)\n  --json                   số liệu dạng JSON",
        en: "  --format text|csv|html   text table (default), Excel-ready CSV (UTF-8 with BOM, CRLF) or an HTML page with SVG charts\n  --out FILE               write to a file (required for html)\n  --excel                  CSV for Excel in a Vietnamese locale: “;” between columns, decimal commas (0,3)\n  --json                   the figures as JSON")

    static let awards = Command(
        path: ["report", "awards"], synopsis: "--from DATE --to DATE [--by form,level,subject,unit,year,award,period] [--format text|csv|html] [--excel] [--out FILE]",
        summary: .init(vi: "thống kê khen thưởng theo hình thức, cấp, đối tượng, đơn vị, năm (kèm câu văn báo cáo)", en: "award statistics by form, level, subject, unit, year (with report sentences)"),
        help: .init(vi: formatHelp.vi + "\nNguồn: quyết định (decision_issued) và hồ sơ đã duyệt/công bố; khen thưởng đã thu hồi không tính, ghi riêng.\nVí dụ: khenthuong report awards --from 2015-01-01 --to 2020-06-30 --by level,form,subject",
                    en: formatHelp.en + "\nSources: decisions (decision_issued) and approved/published dossiers; revoked awards are not counted, shown apart.")
    ) { args, ctx throws(CLIError) in
        let (from, to) = try period(&args)
        let by = try dimensions(try args.value("by") ?? "level,form", args.command)
        let output = try ReportOutput(&args)
        try args.finish()
        try ctx.requireIntactStore()
        let definitions = try ctx.definitions()
        let store = try ctx.openStore()
        let entries = try Runner.perform(ctx) { try AwardCollector.collect(store, definitions: definitions, from: from, to: to) }
        let stats = AwardStatistics(entries: entries, from: from, to: to, by: by)
        struct JSON: Encodable { var statistics: AwardStatistics; var sentence: String; var revokedEntries: [AwardEntry] }
        return try output.emit(ReportDocument.awards(stats, entries: entries, ctx.language), ctx,
                               json: JSON(statistics: stats, sentence: AwardSentences.text(entries, from: from, to: to, ctx.language),
                                          revokedEntries: entries.filter(\.revoked)))
    }

    static let titles = Command(
        path: ["report", "titles"], synopsis: "--nominees FILE [--award A,B] [--format text|csv|html] [--excel] [--out FILE]",
        summary: .init(vi: "tỉ lệ cá nhân đạt danh hiệu (LĐTT, CSTĐCS) theo năm, từ tệp thông tin người được đề nghị", en: "per-year share of individuals reaching a title (LĐTT, CSTĐCS), from a nominee facts file"),
        help: .init(vi: formatHelp.vi + "\n  --award A,B              danh hiệu (mặc định lao_dong_tien_tien,chien_si_thi_dua_co_so)",
                    en: formatHelp.en + "\n  --award A,B              titles (default lao_dong_tien_tien,chien_si_thi_dua_co_so)")
    ) { args, ctx throws(CLIError) in
        let file = try args.required("nominees")
        let awardIDs = (try args.value("award") ?? "lao_dong_tien_tien,chien_si_thi_dua_co_so").split(separator: ",").map(String.init)
        let output = try ReportOutput(&args)
        try args.finish()
        let catalog = try ctx.definitions().awards
        if let unknown = awardIDs.first(where: { catalog.award($0) == nil }) {
            let known = catalog.awards.map(\.id).joined(separator: ", ")
            throw CLIError(.init(vi: "không có danh hiệu “\(unknown)” trong awards.json", en: "there is no award “\(unknown)” in awards.json"), at: "--award",
                           fix: .init(vi: "các mã: \(known)", en: "ids: \(known)"), exit: .usage)
        }
        let nominees = try loadNominees(file, ctx)
        let rates = TitleRates(nominees: nominees, awards: awardIDs)
        return try output.emit(rates.document(catalog, ctx.language), ctx, json: rates)
    }

    static let targets = Command(
        path: ["report", "targets"], synopsis: "MOVEMENT [--as-of DATE] [--format text|csv|html] [--excel] [--out FILE]",
        summary: .init(vi: "kết quả thực hiện các chỉ tiêu của một phong trào", en: "target attainment of a movement"),
        help: formatHelp
    ) { args, ctx throws(CLIError) in
        let id = try args.requiredPositional(.init(vi: "mã phong trào", en: "a movement id"))
        let asOf = try args.date("as-of") ?? CivilDate(ctx.clock())
        let output = try ReportOutput(&args)
        try args.finish()
        try ctx.requireIntactStore()
        let (movement, progress) = try MovementCLI.progress(ctx, id, asOf: asOf)
        var doc = ReportDocument.targets(movement, progress, asOf: asOf, ctx.language)
        doc.sentences += MovementCLI.sourceLines(movement, progress, ctx).dropFirst().map { $0.trimmingCharacters(in: .whitespaces) }
        return try output.emit(doc, ctx, json: progress)
    }

    static let exemplary = Command(
        path: ["report", "exemplary"], synopsis: "--from DATE --to DATE [--format text|csv|html] [--excel] [--out FILE]",
        summary: .init(vi: "danh sách tập thể, cá nhân điển hình được khen thưởng trong kỳ", en: "list of exemplary collectives and individuals awarded in a period"),
        help: formatHelp
    ) { args, ctx throws(CLIError) in
        let (from, to) = try period(&args)
        let output = try ReportOutput(&args)
        try args.finish()
        try ctx.requireIntactStore()
        let definitions = try ctx.definitions()
        let store = try ctx.openStore()
        let entries = try Runner.perform(ctx) { try AwardCollector.collect(store, definitions: definitions, from: from, to: to) }
        return try output.emit(ReportDocument.exemplary(entries, from: from, to: to, ctx.language), ctx, json: entries.filter { !$0.revoked })
    }

    static let initiatives = Command(
        path: ["report", "initiatives"], synopsis: "--nominees FILE --from DATE --to DATE [--format text|csv|html] [--excel] [--out FILE]",
        summary: .init(vi: "danh sách sáng kiến tiêu biểu được công nhận trong kỳ (từ tệp thông tin người được đề nghị)", en: "exemplary initiatives recognised in a period (from a nominee facts file)"),
        help: formatHelp
    ) { args, ctx throws(CLIError) in
        let file = try args.required("nominees")
        let (from, to) = try period(&args)
        let output = try ReportOutput(&args)
        try args.finish()
        let nominees = try loadNominees(file, ctx)
        let doc = ReportDocument.initiatives(nominees, from: from, to: to, ctx.language)
        struct JSON: Encodable { var header: [String]; var rows: [[String]] }
        return try output.emit(doc, ctx, json: JSON(header: doc.header, rows: doc.rows))
    }

    /// The nominee file in any format `eligibility` reads: JSON, or CSV (the full nominee
    /// profile or the benchmark's person-year profile, told apart by the header row).
    static func loadNominees(_ file: String, _ ctx: Context) throws(CLIError) -> [NomineeFacts] {
        try EligibilityCommands.nominees(file, ctx)
    }

    static func period(_ args: inout ArgumentList) throws(CLIError) -> (CivilDate, CivilDate) {
        let from = try args.requiredDate("from")
        let to = try args.requiredDate("to")
        guard from <= to else {
            throw CLIError.usage(.init(vi: "--from (\(from.vietnamese)) sau --to (\(to.vietnamese))", en: "--from (\(from)) is after --to (\(to))"), command: args.command)
        }
        return (from, to)
    }

    static func dimensions(_ text: String, _ command: String) throws(CLIError) -> [AwardDimension] {
        var out: [AwardDimension] = []
        for word in text.split(separator: ",") {
            guard let d = AwardDimension(rawValue: String(word)) else {
                let all = AwardDimension.allCases.map(\.rawValue).joined(separator: ",")
                throw CLIError.usage(.init(vi: "--by không có “\(word)”; dùng: \(all)", en: "--by has no “\(word)”; use: \(all)"), command: command)
            }
            if !out.contains(d) { out.append(d) }
        }
        return out
    }
}

/// Where and how a report is written: `--format` and `--out`, or `--json`.
struct ReportOutput {
    enum Format: String { case text, csv, html }
    var format: Format
    /// `--excel`: CSV with `;` and decimal commas, for Excel in a Vietnamese locale.
    var excel: Bool
    var out: String?

    init(_ args: inout ArgumentList) throws(CLIError) {
        let text = try args.value("format") ?? "text"
        guard let f = Format(rawValue: text) else {
            throw CLIError.usage(.init(vi: "--format phải là text, csv hoặc html", en: "--format must be text, csv or html"), command: args.command)
        }
        format = f
        excel = args.flag("excel")
        out = try args.value("out")
        if f == .html && out == nil {
            throw CLIError.usage(.init(vi: "--format html cần --out TỆP", en: "--format html needs --out FILE"), command: args.command)
        }
    }

    func emit<J: Encodable>(_ doc: ReportDocument, _ ctx: Context, json: J) throws(CLIError) -> ExitCode {
        let body: String
        if ctx.json {
            body = JSONOutput.encode(json) + "\n"
        } else {
            switch format {
            case .csv: body = doc.csv(excel: excel)
            case .html: body = doc.html(ctx.language)
            case .text: body = ([doc.title, ""] + doc.sentences + (doc.sentences.isEmpty ? [] : [""]) + [TextTable.render(header: doc.header, rows: doc.rows)]).joined(separator: "\n") + "\n"
            }
        }
        guard let out else {
            // Console.line adds the final LF; keep CSV's CRLF (one Character in Swift) intact.
            ctx.console.line(body.hasSuffix("\r\n") ? String(body.dropLast()) + "\r" : String(body.dropLast(body.hasSuffix("\n") ? 1 : 0)))
            return .success
        }
        try ctx.write(body, to: out)
        ctx.console.line(ctx.vi ? "Đã ghi \(out)." : "Wrote \(out).")
        return .success
    }
}
