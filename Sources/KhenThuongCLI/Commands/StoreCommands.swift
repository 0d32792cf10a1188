import Foundation
import KhenThuongKit
import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore

/// `init`, `verify`, `rebuild`.
enum InitCommand {
    static let command = Command(
        path: ["init"], synopsis: "",
        summary: .init(vi: "tạo kho dữ liệu mới (một tệp SQLite)", en: "create a new store (one SQLite file)"),
        help: .init(vi: "Ví dụ: khenthuong init --store ldld-hanoi.sqlite", en: "Example: khenthuong init --store ldld-hanoi.sqlite")
    ) { args, ctx throws(CLIError) in
        try args.finish()
        _ = try ctx.definitions()
        let existed = FileManager.default.fileExists(atPath: ctx.storePath)
        let store = try ctx.openStore(create: true)
        let events = try Runner.perform(ctx) { try store.eventCount() }
        if ctx.json {
            ctx.printJSON(["store": ctx.storePath, "created": existed ? "false" : "true", "events": "\(events)"])
        } else if existed {
            ctx.console.line(ctx.vi ? "Kho \(ctx.storePath) đã có (\(events) sự kiện); không thay đổi gì." : "The store \(ctx.storePath) already exists (\(events) events); nothing changed.")
        } else {
            ctx.console.line(ctx.vi ? "Đã tạo kho \(ctx.storePath)." : "Created the store \(ctx.storePath).")
        }
        return .success
    }
}

enum StoreCommands {
    struct VerifyJSON: Encodable {
        var ok: Bool; var events: Int64; var head: String?
        var firstBrokenSeq: Int64?; var firstBrokenDossier: String?; var problem: String?
    }

    static let verify = Command(
        path: ["verify"], synopsis: "",
        summary: .init(vi: "kiểm tra chuỗi băm của mọi sự kiện, chỉ ra sự kiện hỏng đầu tiên", en: "recompute the hash chain and name the first broken event"),
        help: .init(vi: "Thoát 3 nếu chuỗi bị phá vỡ. Ghi lại mã băm cuối để đối chiếu về sau.",
                    en: "Exits 3 when the chain is broken. Keep the head hash to compare later.")
    ) { args, ctx throws(CLIError) in
        try args.finish()
        let store = try ctx.openStore()
        let progress = Progress(console: ctx.console, label: ctx.vi ? "kiểm tra" : "verifying", enabled: !ctx.json)
        let report = try Runner.perform(ctx) { try store.verify(progress: progress.update) }
        progress.finish()
        if ctx.json {
            ctx.printJSON(VerifyJSON(ok: report.firstBroken == nil, events: report.eventCount, head: report.headHash,
                                     firstBrokenSeq: report.firstBroken?.seq, firstBrokenDossier: report.firstBroken?.dossierID,
                                     problem: report.firstBroken.map { $0.problems.map { $0.message(ctx.language) }.joined(separator: "; ") }))
        } else if let broken = report.firstBroken {
            let problems = broken.problems.map { $0.message(ctx.language) }.joined(separator: "; ")
            ctx.console.line(ctx.vi ? "HỎNG: sự kiện #\(broken.seq) (hồ sơ \(broken.dossierID)): \(problems)"
                                    : "BROKEN: event #\(broken.seq) (dossier \(broken.dossierID)): \(problems)")
            if report.brokenCount > 1 {
                ctx.console.line(ctx.vi ? "Tổng cộng \(report.brokenCount) sự kiện không khớp." : "\(report.brokenCount) events do not match in all.")
            }
        } else {
            ctx.console.line(ctx.vi ? "Toàn vẹn: \(report.eventCount) sự kiện, chuỗi băm khớp. Mã băm cuối: \(report.headHash ?? "—")"
                                    : "Intact: \(report.eventCount) events, hash chain matches. Head hash: \(report.headHash ?? "—")")
        }
        return report.firstBroken == nil ? .success : .dataError
    }

    struct RebuildJSON: Encodable { var dossiers: Int; var events: Int64; var differences: [String]; var rewritten: Bool }

    static let rebuild = Command(
        path: ["rebuild"], synopsis: "[--check]",
        summary: .init(vi: "dựng lại trạng thái hồ sơ từ sự kiện và so với bảng hiện có", en: "rebuild dossier states from the events and compare"),
        help: .init(vi: "  --check   chỉ so sánh, không ghi lại (thoát 3 nếu khác)", en: "  --check   compare only, do not rewrite (exit 3 when they differ)")
    ) { args, ctx throws(CLIError) in
        let check = args.flag("check")
        try args.finish()
        let store = try ctx.openStore()
        let report = try Runner.perform(ctx) { try store.rebuild(dryRun: check) }
        if ctx.json {
            ctx.printJSON(RebuildJSON(dossiers: report.dossierCount, events: report.eventCount, differences: report.differences.map { $0.message(ctx.language) }, rewritten: report.rewritten))
        } else {
            ctx.console.line(ctx.vi ? "Đã phát lại \(report.eventCount) sự kiện của \(report.dossierCount) hồ sơ."
                                    : "Replayed \(report.eventCount) events of \(report.dossierCount) dossiers.")
            if report.differences.isEmpty {
                ctx.console.line(ctx.vi ? "Kết quả trùng khớp với bảng trạng thái hiện có." : "The result equals the current projection.")
            } else {
                ctx.console.line(ctx.vi ? "Khác biệt (\(report.differences.count)):" : "Differences (\(report.differences.count)):")
                for d in report.differences { ctx.console.line("  \(d.message(ctx.language))") }
                if !check { ctx.console.line(ctx.vi ? "Đã ghi lại bảng trạng thái từ sự kiện." : "The projection was rewritten from the events.") }
            }
        }
        return check && !report.differences.isEmpty ? .dataError : .success
    }
}
