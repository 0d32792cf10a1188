import Foundation
import KhenThuongKit
import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore

/// `init`, `verify`, `rebuild`.
enum InitCommand {
    static let command = Command(
        path: ["init"], synopsis: "[--admin-key FILE] [--admin-user USER] [--admin-name \"Họ và tên\"]",
        summary: .init(vi: "tạo kho dữ liệu mới (một tệp SQLite) và ghi quản trị viên đầu tiên", en: "create a new store (one SQLite file) and record its first administrator"),
        help: .init(vi: """
                      --admin-key FILE     khóa riêng của quản trị viên đầu tiên (tạo bằng `khenthuong key new`); bỏ trống thì
                                           chương trình tạo khóa cho người đang chạy lệnh và in ra nơi lưu
                      --admin-user USER    tên đăng nhập của quản trị viên (mặc định: admin)
                      --admin-name "…"     họ và tên (mặc định: tên ghi trong tệp khóa)
                    Khóa mới được lưu trong thư mục KHENTHUONG_KEYRING nếu có, nếu không thì trong thư mục
                    <tên kho>-keys bên cạnh tệp kho. Giữ bí mật tệp khóa; chỉ nó bằng --key hoặc KHENTHUONG_KEY.
                    Một kho cũ (ghi trước khi có chữ ký) được ghi quản trị viên một lần; các sự kiện cũ được báo là
                    “không có chữ ký (ghi trước khi dùng chữ ký)”.
                    Ví dụ: khenthuong init --store ldld-hanoi.sqlite
                    """,
                    en: """
                      --admin-key FILE     the first administrator's private key (made with `khenthuong key new`); without it
                                           a key is created for the person running the command and its place printed
                      --admin-user USER    the administrator's user name (default: admin)
                      --admin-name "…"     full name (default: the name written in the key file)
                    A new key goes to the folder KHENTHUONG_KEYRING when set, else to the folder <store name>-keys
                    beside the store file. Keep the key file secret; give it with --key or KHENTHUONG_KEY.
                    An older store (written before signatures) gets its administrator once; its old events are
                    reported as “unsigned (before signatures)”.
                    Example: khenthuong init --store ldld-hanoi.sqlite
                    """)
    ) { args, ctx throws(CLIError) in
        let adminKey = try args.value("admin-key"), adminUser = try args.value("admin-user")?.nfc ?? "admin"
        let adminName = try args.value("admin-name")?.nfc
        try args.finish()
        _ = try ctx.definitions()
        // A key file given is read before the store is made: a wrong one leaves nothing behind.
        let givenKey = try adminKey.map { path throws(CLIError) in try loadSigningKey(path: path, ctx: ctx) }
        let fileExisted = FileManager.default.fileExists(atPath: ctx.storePath)
        let store = try ctx.openStore(create: true)
        // A database is “new” when it held no events (its schema was just made, or was empty).
        let existed = store is PostgresEventLog ? (try Runner.perform(ctx) { try store.eventCount() }) > 0 : fileExisted
        let directory = try DirectoryCommands.load(store, ctx)
        let events = try Runner.perform(ctx) { try store.eventCount() }
        guard directory.isEmpty else {
            if adminKey != nil {
                throw CLIError(.init(vi: "kho \(ctx.storePath) đã có quản trị viên", en: "the store \(ctx.storePath) already has an administrator"), at: "--admin-key",
                               fix: .init(vi: "quản trị viên hiện có giao quyền cho người khác bằng `khenthuong grant …`",
                                          en: "an existing administrator grants others with `khenthuong grant …`"),
                               exit: .dataError)
            }
            if ctx.json {
                ctx.printJSON(["store": ctx.storePath, "created": "false", "events": "\(events)"])
            } else {
                ctx.console.line(ctx.vi ? "Kho \(ctx.storePath) đã có (\(events) sự kiện); không thay đổi gì." : "The store \(ctx.storePath) already exists (\(events) events); nothing changed.")
            }
            return .success
        }
        // The first administrator: the key given, or one made now for whoever runs `init`.
        let keyPath = adminKey ?? defaultKeyPath(ctx, user: adminUser)
        var created = false
        if adminKey == nil && !FileManager.default.fileExists(atPath: keyPath) {
            try makeFolder((keyPath as NSString).deletingLastPathComponent, ctx)
            _ = try DirectoryCommands.makeKeyFile(at: keyPath, name: adminName ?? (ctx.vi ? "Quản trị viên" : "Administrator"))
            created = true
        }
        let (key, fileName): (PrivateKey, String?)
        if let givenKey { (key, fileName) = givenKey } else { (key, fileName) = try loadSigningKey(path: keyPath, ctx: ctx) }
        let administrator = AdministratorAdded(key: key.publicKey, user: adminUser, name: adminName ?? fileName ?? adminUser)
        // The first administrator signs their own record: nobody else could yet.
        let actor = Actor(role: Grant.administratorRole, unit: Context.administratorUnit, user: administrator.user)
        _ = try Runner.perform(ctx) { try store.write(signedBy: key) { tx in try tx.append(administrator, actor: actor, at: ctx.clock()) } }
        if ctx.json {
            ctx.printJSON(["store": ctx.storePath, "created": existed ? "false" : "true", "events": "\(events + 1)",
                           "administrator": administrator.user, "key": keyPath, "keyID": key.publicKey.id])
            return .success
        }
        if existed {
            ctx.console.line(ctx.vi ? "Kho \(ctx.storePath) có \(events) sự kiện ghi trước khi dùng chữ ký; từ nay mọi thay đổi đều phải có chữ ký."
                                    : "The store \(ctx.storePath) has \(events) events written before signatures; from now on every change must be signed.")
        } else {
            ctx.console.line(ctx.vi ? "Đã tạo kho \(ctx.storePath)." : "Created the store \(ctx.storePath).")
        }
        ctx.console.line(ctx.vi ? "Quản trị viên: \(administrator.name) (\(administrator.user)), khóa \(key.publicKey.id)."
                                : "Administrator: \(administrator.name) (\(administrator.user)), key \(key.publicKey.id).")
        if created {
            ctx.console.line(ctx.vi ? "Đã tạo khóa riêng tại \(keyPath): giữ bí mật, sao lưu cẩn thận; dùng nó bằng --key \(keyPath) hoặc KHENTHUONG_KEY."
                                    : "Created the private key \(keyPath): keep it secret and backed up; use it with --key \(keyPath) or KHENTHUONG_KEY.")
        }
        return .success
    }

    /// Where `init` puts a key it makes: `KHENTHUONG_KEYRING/<user>.pem`, else
    /// `<store name>-keys/<user>.pem` beside the store file.
    static func defaultKeyPath(_ ctx: Context, user: String) -> String {
        if let keyring = ctx.keyring { return (keyring as NSString).appendingPathComponent("\(user).pem") }
        // A database has no folder beside it: the key goes to ./khenthuong-keys.
        if PostgresEventLog.isLocation(ctx.storePath) { return "khenthuong-keys/\(user).pem" }
        let store = ctx.storePath as NSString
        let base = (store.lastPathComponent as NSString).deletingPathExtension
        return ((store.deletingLastPathComponent as NSString).appendingPathComponent("\(base)-keys") as NSString)
            .appendingPathComponent("\(user).pem")
    }

    /// Creates `folder` (mode 0700: it holds private keys) when missing.
    static func makeFolder(_ folder: String, _ ctx: Context) throws(CLIError) {
        guard !folder.isEmpty, !FileManager.default.fileExists(atPath: folder) else { return }
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw CLIError(.init(vi: "không tạo được thư mục khóa \(folder)", en: "cannot create the key folder \(folder)"),
                           fix: .init(vi: "kiểm tra quyền ghi, hoặc tạo khóa bằng `khenthuong key new` rồi dùng --admin-key", en: "check write permission, or make a key with `khenthuong key new` and use --admin-key"),
                           exit: .dataError)
        }
    }
}

enum StoreCommands {
    struct VerifyJSON: Encodable {
        var ok: Bool; var events: Int64; var head: String?
        var firstBrokenSeq: Int64?; var firstBrokenDossier: String?; var problem: String?
        var signedEvents: Int64; var signedCommits: Int; var unsignedBeforeSignatures: Int64
        var firstBadCommit: String?; var firstUnauthorised: String?; var checkpoint: String?
        var projection: [String]
        var receipts: Int?; var witnesses: [String]?; var witnessFaults: [String]?
    }

    static let verify = Command(
        path: ["verify"], synopsis: "[--checkpoint FILE] [--witnesses]",
        summary: .init(vi: "kiểm tra chuỗi băm, chữ ký và quyền của người ký; chỉ ra chỗ hỏng đầu tiên",
                       en: "check the hash chain, the signatures and the signers' grants; name the first fault"),
        help: .init(vi: """
                      --checkpoint FILE   chứng minh kho vẫn nối tiếp một mốc kiểm tra đã ký (khenthuong checkpoint)
                      --witnesses         kiểm tra kho vẫn nối tiếp mọi mốc mà đơn vị nhận phong bì đã đồng ký (biên nhận, exchange import)
                    Với mỗi lần ghi: chuỗi băm, chữ ký, người ký có quyền ghi sự kiện đó lúc đó (theo danh mục quyền
                    và quy trình), thời điểm không lùi quá 5 phút. Sự kiện ghi trước khi dùng chữ ký được đếm riêng.
                    Thoát 3 nếu có chỗ hỏng. Ghi lại mã băm cuối (hoặc một mốc kiểm tra) để đối chiếu về sau.
                    """,
                    en: """
                      --checkpoint FILE   prove the store still extends a signed checkpoint (khenthuong checkpoint)
                      --witnesses         check the store still extends every checkpoint a receiving level cosigned (receipts, exchange import)
                    For every commit: the hash chain, the signature, that the signer held a grant allowing those events
                    at that time (directory and workflow), and that time does not run back more than 5 minutes. Events
                    written before signatures are counted apart. Exits 3 on any fault. Keep the head hash (or a
                    checkpoint) to compare later.
                    """)
    ) { args, ctx throws(CLIError) in
        let checkpointFile = try args.value("checkpoint")
        let witnesses = args.flag("witnesses")
        try args.finish()
        let store = try ctx.openStore()
        let definitions = try ctx.definitions()
        let progress = Progress(console: ctx.console, label: ctx.vi ? "kiểm tra" : "verifying", enabled: !ctx.json)
        let audit = try Runner.perform(ctx) { try StoreAudit.run(store, definitions: definitions, progress: progress.update, witnesses: witnesses) }
        progress.finish()
        let report = audit.chain
        let directory = try? Directory.load(from: store)
        let badCommit = report.commits.firstBad.map { bad in describe(bad, directory, ctx) }
        let unauthorised = audit.firstUnauthorised?.message(ctx.language)
        let checkpointProblem = try checkpointFile.map { f throws(CLIError) in try CheckpointCommand.check(f, store, ctx) } ?? nil
        if ctx.json {
            ctx.printJSON(VerifyJSON(ok: audit.isIntact && checkpointProblem == nil, events: report.eventCount, head: report.headHash,
                                     firstBrokenSeq: report.firstBroken?.seq, firstBrokenDossier: report.firstBroken?.dossierID,
                                     problem: report.firstBroken.map { $0.problems.map { $0.message(ctx.language) }.joined(separator: "; ") },
                                     signedEvents: report.commits.signedEvents, signedCommits: report.commits.commitCount,
                                     unsignedBeforeSignatures: report.commits.unsignedBefore, firstBadCommit: badCommit,
                                     firstUnauthorised: unauthorised, checkpoint: checkpointProblem?[ctx.language],
                                     projection: audit.projectionFaults.map { $0.message(ctx.language) },
                                     receipts: audit.witnesses?.receipts.count, witnesses: audit.witnesses?.witnesses,
                                     witnessFaults: audit.witnesses?.faults.map { $0.message(ctx.language) }))
        } else if let broken = report.firstBroken {
            let problems = broken.problems.map { $0.message(ctx.language) }.joined(separator: "; ")
            ctx.console.line(ctx.vi ? "HỎNG: sự kiện #\(broken.seq) (hồ sơ \(broken.dossierID)): \(problems)"
                                    : "BROKEN: event #\(broken.seq) (dossier \(broken.dossierID)): \(problems)")
            if report.brokenCount > 1 {
                ctx.console.line(ctx.vi ? "Tổng cộng \(report.brokenCount) sự kiện không khớp." : "\(report.brokenCount) events do not match in all.")
            }
        } else if let badCommit {
            ctx.console.line(ctx.vi ? "HỎNG: chữ ký của \(badCommit)" : "BROKEN: the signature of \(badCommit)")
            if report.commits.badCount > 1 {
                ctx.console.line(ctx.vi ? "Tổng cộng \(report.commits.badCount) lần ghi không khớp." : "\(report.commits.badCount) commits are wrong in all.")
            }
        } else if let unauthorised {
            ctx.console.line(ctx.vi ? "HỎNG: quyền của người ký: \(unauthorised)" : "BROKEN: the signer's grant: \(unauthorised)")
            if audit.unauthorisedCount > 1 {
                ctx.console.line(ctx.vi ? "Tổng cộng \(audit.unauthorisedCount) sự kiện do người không có quyền ký." : "\(audit.unauthorisedCount) events signed without the grant in all.")
            }
        } else if !audit.projectionFaults.isEmpty {
            ctx.console.line(ctx.vi ? "HỎNG: bảng hồ sơ (projection) không khớp với các sự kiện, dù chuỗi băm nguyên vẹn: có người sửa tệp ngoài chương trình."
                                    : "BROKEN: the dossier table (projection) does not match the events, though the hash chain is intact: someone edited the file behind the program.")
            for fault in audit.projectionFaults.prefix(10) { ctx.console.line("  - " + fault.message(ctx.language)) }
            if audit.projectionFaults.count > 10 {
                ctx.console.line(ctx.vi ? "  … và \(audit.projectionFaults.count - 10) hồ sơ khác" : "  … and \(audit.projectionFaults.count - 10) more")
            }
            ctx.console.line(ctx.vi ? "Xem chi tiết bằng `khenthuong rebuild --check`; dựng lại bảng từ sự kiện bằng `khenthuong rebuild`."
                                    : "See the details with `khenthuong rebuild --check`; rebuild the table from the events with `khenthuong rebuild`.")
        } else if let faults = audit.witnesses?.faults, let first = faults.first {
            ctx.console.line(ctx.vi ? "HỎNG: \(first.message(.vi))" : "BROKEN: \(first.message(.en))")
            if faults.count > 1 {
                ctx.console.line(ctx.vi ? "Tổng cộng \(faults.count) biên nhận không còn khớp." : "\(faults.count) receipts no longer match in all.")
            }
        } else {
            ctx.console.line(ctx.vi ? "Toàn vẹn: \(report.eventCount) sự kiện, chuỗi băm khớp. Mã băm cuối: \(report.headHash ?? "—")"
                                    : "Intact: \(report.eventCount) events, hash chain matches. Head hash: \(report.headHash ?? "—")")
            let c = report.commits
            var line: String
            if c.commitCount == 0 {
                line = ctx.vi ? "Chữ ký: không có" : "Signatures: none"
            } else {
                line = ctx.vi ? "Chữ ký: \(c.signedEvents) sự kiện trong \(c.commitCount) lần ghi, chữ ký hợp lệ, người ký có quyền lúc ký"
                              : "Signatures: \(c.signedEvents) events in \(c.commitCount) commits, signatures valid, each signer held the grant at the time"
            }
            if c.unsignedBefore > 0 {
                line += ctx.vi ? "; \(c.unsignedBefore) sự kiện không có chữ ký (ghi trước khi dùng chữ ký)"
                               : "; \(c.unsignedBefore) events unsigned (before signatures)"
            }
            ctx.console.line(line + ".")
            if let w = audit.witnesses {
                if w.receipts.isEmpty {
                    ctx.console.line(ctx.vi ? "Chứng kiến: chưa có biên nhận nào." : "Witnesses: no receipt yet.")
                } else {
                    let newest = w.receipts.map(\.receipt.checkpoint.eventCount).max() ?? 0
                    ctx.console.line(ctx.vi ? "Chứng kiến: \(w.receipts.count) biên nhận của \(w.witnesses.joined(separator: ", ")); kho vẫn nối tiếp mọi mốc đã được đồng ký (lớn nhất \(newest) sự kiện)."
                                            : "Witnesses: \(w.receipts.count) receipt(s) from \(w.witnesses.joined(separator: ", ")); the store still extends every cosigned checkpoint (largest \(newest) events).")
                }
            }
        }
        // The checkpoint is judged whenever the chain and the grants hold (a projection fault too
        // is worth knowing beside a truncation).
        if !ctx.json, let checkpointFile, audit.chain.isIntact, audit.firstUnauthorised == nil {
            if let checkpointProblem {
                ctx.console.line(ctx.vi ? "HỎNG: mốc kiểm tra \(checkpointFile): \(checkpointProblem.vi)" : "BROKEN: checkpoint \(checkpointFile): \(checkpointProblem.en)")
            } else {
                ctx.console.line(ctx.vi ? "Mốc kiểm tra \(checkpointFile): kho vẫn nối tiếp mốc." : "Checkpoint \(checkpointFile): the store still extends it.")
            }
        }
        let attachmentProblems = audit.isIntact ? try ExchangeCommands.attachmentProblems(store, ctx) : []
        for line in attachmentProblems where !ctx.json { ctx.console.line(line) }
        return audit.isIntact && checkpointProblem == nil && attachmentProblems.isEmpty ? .success : .dataError
    }

    /// A bad commit with its signer's name from the directory, when known.
    static func describe(_ bad: BadCommit, _ directory: Directory?, _ ctx: Context) -> String {
        var text = bad.message(ctx.language)
        if let keyID = bad.keyID, let directory {
            let names = Set(directory.allAdministrators.filter { $0.key.id == keyID }.map(\.name)
                            + directory.allGrants.filter { $0.key.id == keyID }.map(\.name))
            if let name = names.sorted().first {
                text = text.replacingOccurrences(of: keyID, with: "\(keyID) (\(name))")
            }
        }
        return text
    }

    struct RebuildJSON: Encodable {
        var dossiers: Int; var events: Int64; var differences: [String]; var rewritten: Bool
        var transitionsChecked: Int64; var refusedEvents: [String]
    }

    static let rebuild = Command(
        path: ["rebuild"], synopsis: "[--check]",
        summary: .init(vi: "dựng lại trạng thái hồ sơ từ sự kiện, so với bảng hiện có và cho từng sự kiện chạy lại qua quy trình",
                       en: "rebuild dossier states from the events, compare, and replay every event through the workflow"),
        help: .init(vi: """
                      --check   chỉ so sánh, không ghi lại (thoát 3 nếu khác, hoặc nếu có sự kiện quy trình không cho phép)
                    Mỗi sự kiện chuyển trạng thái được chạy lại qua quy trình đúng lúc nó xảy ra (vai trò, đơn vị, tài liệu,
                    thời hạn, kết quả kiểm phiếu, lệnh được phép ghi): sự kiện mà quy trình sẽ từ chối được nêu số và lý do.
                    """,
                    en: """
                      --check   compare only, do not rewrite (exit 3 when they differ, or when an event breaks the workflow)
                    Every transition is replayed through the workflow where it happened (role, unit, documents, deadlines,
                    ballot, the command allowed to record it): an event the workflow would refuse is named with its number.
                    """)
    ) { args, ctx throws(CLIError) in
        let check = args.flag("check")
        try args.finish()
        let store = try ctx.openStore()
        let definitions = try ctx.definitions()
        let replay = try Runner.perform(ctx) { try WorkflowReplay.run(store, definitions: definitions) }
        let report = try Runner.perform(ctx) { try store.rebuild(dryRun: check) }
        if ctx.json {
            ctx.printJSON(RebuildJSON(dossiers: report.dossierCount, events: report.eventCount, differences: report.differences.map { $0.message(ctx.language) },
                                      rewritten: report.rewritten, transitionsChecked: replay.checked,
                                      refusedEvents: replay.refused.map { $0.message(ctx.language) }))
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
            if replay.refused.isEmpty {
                ctx.console.line(ctx.vi ? "Quy trình: \(replay.checked) lần chuyển trạng thái đều được quy trình cho phép lúc xảy ra."
                                        : "Workflow: all \(replay.checked) transitions were allowed by the workflow when they happened.")
            } else {
                ctx.console.line(ctx.vi ? "HỎNG: \(replay.refused.count) sự kiện quy trình không cho phép (ghi ngoài chương trình):"
                                        : "BROKEN: \(replay.refused.count) events the workflow does not allow (written behind the program):")
                for r in replay.refused { ctx.console.line("  - " + r.message(ctx.language)) }
            }
            if replay.skipped > 0 {
                ctx.console.line(ctx.vi ? "(\(replay.skipped) lần chuyển trạng thái không kiểm được: quy trình của hồ sơ không còn trong thư mục định nghĩa)"
                                        : "(\(replay.skipped) transitions not checked: their dossier's workflow is no longer among the definitions)")
            }
        }
        return check && (!report.differences.isEmpty || !replay.refused.isEmpty) ? .dataError : .success
    }
}
