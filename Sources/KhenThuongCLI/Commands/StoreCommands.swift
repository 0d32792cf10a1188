import Foundation
import KhenThuongKit
import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore

/// `init`, `verify`, `rebuild`.
enum InitCommand {
    static let command = Command(
        path: ["init"], synopsis: "[--admin-key PUBKEY_OR_FILE --admin-user USER --admin-name \"Họ và tên\"]",
        summary: .init(vi: "tạo kho dữ liệu mới (một tệp SQLite)", en: "create a new store (one SQLite file)"),
        help: .init(vi: """
                      --admin-key KEY      ghi quản trị viên đầu tiên của danh mục (khóa công khai ed25519:… hoặc tệp chứa khóa),
                      --admin-user USER    cùng tên đăng nhập và họ tên; chỉ khi kho chưa có quản trị viên (docs/directory.md)
                      --admin-name "…"
                    Ví dụ: khenthuong init --store ldld-hanoi.sqlite
                    """,
                    en: """
                      --admin-key KEY      record the directory's first administrator (a public key ed25519:… or a file holding one),
                      --admin-user USER    with their user and full name; only while the store has no administrator (docs/directory.md)
                      --admin-name "…"
                    Example: khenthuong init --store ldld-hanoi.sqlite
                    """)
    ) { args, ctx throws(CLIError) in
        let adminKey = try args.value("admin-key"), adminUser = try args.value("admin-user")?.nfc, adminName = try args.value("admin-name")?.nfc
        try args.finish()
        _ = try ctx.definitions()
        var administrator: AdministratorAdded?
        if adminKey != nil || adminUser != nil || adminName != nil {
            guard let adminKey, let adminUser, let adminName else {
                throw CLIError.usage(.init(vi: "--admin-key, --admin-user và --admin-name đi cùng nhau", en: "--admin-key, --admin-user and --admin-name go together"), command: "init")
            }
            administrator = AdministratorAdded(key: try DirectoryCommands.publicKey(adminKey, ctx), user: adminUser, name: adminName)
        }
        let existed = FileManager.default.fileExists(atPath: ctx.storePath)
        let store = try ctx.openStore(create: true)
        if let administrator {
            let directory = try DirectoryCommands.load(store, ctx)
            guard directory.isEmpty else {
                throw CLIError(.init(vi: "kho \(ctx.storePath) đã có quản trị viên", en: "the store \(ctx.storePath) already has an administrator"), at: "--admin-key",
                               fix: .init(vi: "quản trị viên hiện có giao thêm quyền bằng `khenthuong grant administrator@ĐƠN_VỊ …`",
                                          en: "an existing administrator grants more with `khenthuong grant administrator@UNIT …`"),
                               exit: .dataError)
            }
            // The first administrator has no grant to act under yet: the record names them, unsigned.
            let actor = Actor(role: Grant.administratorRole, unit: "*", user: administrator.user)
            _ = try Runner.perform(ctx) { try store.write(signedBy: nil) { tx in try tx.append(administrator, actor: actor, at: ctx.clock()) } }
        }
        let events = try Runner.perform(ctx) { try store.eventCount() }
        if let administrator, !ctx.json {
            ctx.console.line(ctx.vi ? "Đã ghi quản trị viên \(administrator.name) (\(administrator.user)), khóa \(administrator.key.id)."
                                    : "Recorded the administrator \(administrator.name) (\(administrator.user)), key \(administrator.key.id).")
        }
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
