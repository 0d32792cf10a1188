import Foundation
import KhenThuongKit
import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore

/// `eligibility export`: nominee data from any supported input to the full CSV profile or JSON.
enum EligibilityExportCommand {
    static let command = Command(
        path: ["eligibility", "export"], synopsis: "--nominees FILE --format csv|json [--excel] [--out FILE]",
        summary: .init(vi: "chuyển dữ liệu người được đề nghị sang CSV đầy đủ (mở bằng Excel) hoặc JSON", en: "convert nominee data to the full CSV profile (opens in Excel) or JSON"),
        help: .init(vi: "  --format csv|json   csv: hồ sơ CSV đầy đủ (UTF-8 có BOM), json: định dạng JSON của người được đề nghị\n  --excel             CSV cho Excel cài tiếng Việt: dấu “;” giữa các cột (đọc lại được)\n  --out FILE          tệp kết quả (mặc định: màn hình); chỉ ghi khi đọc xong toàn bộ dữ liệu",
                    en: "  --format csv|json   csv: the full CSV profile (UTF-8 with BOM), json: the nominee JSON format\n  --excel             CSV for Excel in a Vietnamese locale: “;” between columns (read back as well)\n  --out FILE          where to write (default: standard output); written only once all the data was read")
    ) { args, ctx throws(CLIError) in
        let file = try args.required("nominees")
        let format = try args.required("format")
        let excel = args.flag("excel")
        let out = try args.value("out")
        try args.finish()
        guard format == "csv" || format == "json" else {
            throw CLIError(.init(vi: "định dạng “\(format)” không được hỗ trợ", en: "the format “\(format)” is not supported"), at: "--format",
                           fix: .init(vi: "dùng --format csv hoặc --format json", en: "use --format csv or --format json"), exit: .usage)
        }
        let nominees = try EligibilityCommands.nominees(file, ctx)
        let text = format == "csv" ? NomineeCSVExporter.export(nominees, excel: excel) : NomineeExporter.export(nominees)
        guard let out else {
            ctx.console.raw(text)
            return .success
        }
        try ctx.write(text, to: out)
        ctx.console.line(ctx.vi ? "Đã ghi \(nominees.count) người/tập thể vào \(out)." : "Wrote \(nominees.count) nominees to \(out).")
        return .success
    }
}
