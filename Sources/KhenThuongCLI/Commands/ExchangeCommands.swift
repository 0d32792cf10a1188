import Foundation
import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongKit
import KhenThuongStore

/// `dossier attach`, `exchange export`, `exchange import` (docs/exchange.md).
enum ExchangeCommands {
    static func folder(_ ctx: Context) -> AttachmentFolder { AttachmentFolder(storePath: ctx.storePath) }

    static func limits(_ ctx: Context) throws(CLIError) -> AttachmentLimits {
        let definitions = try ctx.definitions()
        return try Runner.perform(ctx) { try AttachmentLimits.load(definitions) }
    }

    static let attach = Command(
        path: ["dossier", "attach"], synopsis: "ID FILE --as-document DOCID",
        summary: .init(vi: "đính kèm một tệp vào hồ sơ làm một tài liệu của quy trình", en: "attach a file to a dossier as one of its workflow's documents"),
        help: .init(vi: """
                    Ghi SHA-256, kích thước, kiểu và tên tệp vào sự kiện; giữ bản tệp theo mã băm trong thư mục <kho>-files/ bên cạnh kho.
                    Tài liệu có tệp đính kèm được tính là đã nộp cho các bước cần nó. Giới hạn kích thước, kiểu: workflows/exchange/attachments.json.
                    Ví dụ: khenthuong dossier attach CDCS-DHBK-2025-000001 to-trinh.pdf --as-document cover_letter
                    """,
                    en: """
                    Records the file's SHA-256, size, media type and name in an event; keeps the bytes by hash in <store>-files/ beside the store.
                    A document with an attached file counts as given for the steps that need it. Size and type limits: workflows/exchange/attachments.json.
                    """)
    ) { args, ctx throws(CLIError) in
        let id = try args.requiredPositional(.init(vi: "mã hồ sơ", en: "a dossier id"))
        let file = try args.requiredPositional(.init(vi: "tệp cần đính kèm", en: "the file to attach"))
        let document = try args.required("as-document")
        try args.finish()
        let (actor, runner, limits) = (try ctx.actor(), try Runner.make(ctx), try limits(ctx))
        let a = try Runner.perform(ctx) {
            try runner.attach(file: file, to: id, as: document, folder: folder(ctx), limits: limits, by: actor, at: ctx.clock())
        }
        if ctx.json {
            ctx.printJSON(["dossier": a.dossier, "document": a.document, "name": a.name, "mediaType": a.mediaType, "sha256": a.sha256, "size": "\(a.size)"])
        } else {
            ctx.console.line(ctx.vi ? "Đã đính kèm \(a.name) (\(a.mediaType), \(a.size) byte) vào hồ sơ \(a.dossier) làm tài liệu \(a.document); sha256 \(a.sha256)"
                                    : "Attached \(a.name) (\(a.mediaType), \(a.size) bytes) to dossier \(a.dossier) as document \(a.document); sha256 \(a.sha256)")
        }
        return .success
    }

    static let export = Command(
        path: ["exchange", "export"], synopsis: "--to UNIT --out FILE [--reason TEXT] [--deadline YYYY-MM-DD] DOSSIER…",
        summary: .init(vi: "gửi hồ sơ cho cấp khác: một phong bì đã ký (sự kiện, đoạn chuỗi băm, tệp đính kèm, mốc kiểm tra)",
                       en: "send dossiers to another level: one signed envelope (events, chain segment, attachments, checkpoint)"),
        help: .init(vi: """
                      --to UNIT        đơn vị nhận (cơ quan nhận hoặc đơn vị đề nghị của hồ sơ; cấp trên với hồ sơ đã trình cấp trên)
                      --reason TEXT    lời nhắn kèm (ví dụ lý do yêu cầu bổ sung)
                      --deadline DATE  hạn trả lời
                    Phong bì do khóa của người thực hiện ký; không ghi đè tệp có sẵn. Xem docs/exchange.md.
                    """,
                    en: """
                      --to UNIT        the receiving unit (the dossier's addressee or proposer; the level above for a dossier proposed upward)
                      --reason TEXT    a message (for example why a supplement is needed)
                      --deadline DATE  the date an answer is due
                    Signed by the acting key; an existing file is never overwritten. See docs/exchange.md.
                    """)
    ) { args, ctx throws(CLIError) in
        let to = try args.required("to")
        let out = try args.required("out")
        let reason = try args.value("reason")
        let deadlineText = try args.value("deadline")
        let dossiers = args.remainingPositionals()
        try args.finish()
        let deadline = try deadlineText.map { t throws(CLIError) in
            do throws(DateError) { return try CivilDate(parsing: t) } catch { throw CLIError(.init(vi: error.message(.vi), en: error.message(.en)), at: "--deadline", exit: .usage) }
        }
        let acting = try ctx.actingOnStore()
        guard let signer = acting.signer else {
            throw CLIError(.init(vi: "kho chưa có danh bạ khóa: phong bì phải được ký", en: "the store has no key directory: an envelope must be signed"),
                           fix: .init(vi: "ghi quản trị viên bằng `khenthuong init` và nhập danh bạ", en: "record an administrator with `khenthuong init` and import the directory"), exit: .refused)
        }
        try ctx.requireDirectoryUnit(to, at: "--to")
        try ctx.requireIntactStore()
        let runner = try Runner.make(ctx)
        let summary = try Runner.perform(ctx) {
            try EnvelopeExport(runner: runner, directory: acting.directory, folder: folder(ctx))
                .write(dossiers, to: to, by: acting.actor, signer: signer, reason: reason, deadline: deadline, out: out, at: ctx.clock())
        }
        if ctx.json {
            ctx.printJSON(["envelope": summary.id, "to": to, "dossiers": "\(summary.dossiers.count)", "events": "\(summary.events)", "attachments": "\(summary.attachments)", "receipts": "\(summary.receipts)"])
        } else {
            let receipts = summary.receipts == 0 ? "" : ctx.vi ? ", \(summary.receipts) biên nhận" : ", \(summary.receipts) receipt(s)"
            ctx.console.line(ctx.vi ? "Đã ghi phong bì \(out) gửi \(to): \(summary.dossiers.count) hồ sơ, \(summary.events) sự kiện, \(summary.attachments) tệp đính kèm\(receipts); mã phong bì \(summary.id)"
                                    : "Wrote envelope \(out) for \(to): \(summary.dossiers.count) dossier(s), \(summary.events) events, \(summary.attachments) attachment(s)\(receipts); envelope id \(summary.id)")
        }
        return .success
    }

    static let `import` = Command(
        path: ["exchange", "import"], synopsis: "FILE",
        summary: .init(vi: "nhận phong bì của cấp khác: kiểm tra mọi mã băm, chữ ký và quyền của bên gửi, rồi lập hoặc chuyển hồ sơ",
                       en: "receive another level's envelope: check every hash, signature and the sender's grant, then open or advance the dossiers"),
        help: .init(vi: "Mọi kiểm tra chạy trước khi ghi; một chỗ sai thì không ghi gì và nêu sự kiện hoặc tệp bị sửa. Xem docs/exchange.md.",
                    en: "Every check runs before anything is written; one fault writes nothing and names the altered event or file. See docs/exchange.md.")
    ) { args, ctx throws(CLIError) in
        let file = try args.requiredPositional(.init(vi: "tệp phong bì", en: "an envelope file"))
        try args.finish()
        let acting = try ctx.actingOnStore()
        let (runner, limits) = (try Runner.make(ctx), try limits(ctx))
        let summary = try Runner.perform(ctx) {
            try EnvelopeImport(runner: runner, directory: acting.directory, folder: folder(ctx), limits: limits).run(file, by: acting.actor, at: ctx.clock())
        }
        if ctx.json {
            ctx.printJSON(["envelope": summary.id, "from": summary.from, "opened": "\(summary.opened.count)", "advanced": "\(summary.advanced.count)", "receipts": "\(summary.receipts.count)"])
            return .success
        }
        ctx.console.line(ctx.vi ? "Đã nhập phong bì \(summary.id) từ \(summary.from): \(summary.attachments) tệp đính kèm."
                                : "Imported envelope \(summary.id) from \(summary.from): \(summary.attachments) attachment(s).")
        let workflows = runner.definitions.workflows
        func label(_ id: String, _ state: String) -> String {
            (try? runner.store.dossier(id)).flatMap { $0 }.flatMap { workflows[$0.workflowID]?.stateLabel(state, ctx.language) } ?? state
        }
        for o in summary.opened { ctx.console.line(ctx.vi ? "  Lập hồ sơ \(o.id): \(label(o.id, o.state))" : "  Opened dossier \(o.id): \(label(o.id, o.state))") }
        func event(_ id: String, _ e: String) -> String {
            (try? runner.store.dossier(id)).flatMap { $0 }.flatMap { workflows[$0.workflowID]?.eventLabel(e, ctx.language) } ?? e
        }
        for a in summary.advanced {
            ctx.console.line(ctx.vi ? "  Hồ sơ \(a.id) → \(label(a.id, a.state)) [\(event(a.id, a.event))]" : "  Dossier \(a.id) → \(label(a.id, a.state)) [\(event(a.id, a.event))]")
        }
        let unitName = UnitNames.lookup(runner.store)
        for r in summary.receipts {
            let witness = Directory.label(r.witness, name: unitName(r.witness))
            ctx.console.line(ctx.vi ? "  Biên nhận của \(witness): đồng ký mốc \(r.checkpoint.eventCount) sự kiện của kho này"
                                    : "  Receipt from \(witness): cosigns this store's checkpoint of \(r.checkpoint.eventCount) events")
        }
        return .success
    }

    /// Every attached file that is missing or changed, as lines naming the event, the dossier and the file.
    static func attachmentProblems(_ store: any EventLog, _ ctx: Context) throws(CLIError) -> [String] {
        let folder = folder(ctx)
        let events = try Runner.perform(ctx) { try store.records(named: Attachment.kind) }
        var out: [String] = []
        for e in events {
            guard let a = try? e.record(Attachment.self) else { continue }
            switch folder.problem(sha256: a.sha256, size: a.size) {
            case nil: continue
            case .missing(let p)?:
                out.append(ctx.vi ? "HỎNG: tệp đính kèm \(a.name) của hồ sơ \(a.dossier) (sự kiện #\(e.seq)) không còn: \(p)"
                                  : "BROKEN: the attachment \(a.name) of dossier \(a.dossier) (event #\(e.seq)) is missing: \(p)")
            case .changed(let p, let found)?:
                out.append(ctx.vi ? "HỎNG: tệp đính kèm \(a.name) của hồ sơ \(a.dossier) (sự kiện #\(e.seq)) đã bị thay đổi: \(p) có SHA-256 \(found), sự kiện ghi \(a.sha256)"
                                  : "BROKEN: the attachment \(a.name) of dossier \(a.dossier) (event #\(e.seq)) changed: \(p) has SHA-256 \(found), the event records \(a.sha256)")
            }
        }
        return out
    }
}
