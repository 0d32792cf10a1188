import Foundation
import KhenThuongKit
import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore

/// `dossier comment | complain | complaint resolve`: what the public says during public notice.
enum ComplaintCommands {
    static let comment = Command(
        path: ["dossier", "comment"], synopsis: "ID --text TEXT [--from NAME]",
        summary: .init(vi: "ghi nhận ý kiến góp ý của công chúng về hồ sơ", en: "record a public comment on a dossier"),
        help: .init(
            vi: """
              --text TEXT   nội dung ý kiến
              --from NAME   người góp ý (bỏ trống nếu ẩn danh)
            Người ghi nhận là cán bộ của cơ quan nhận hồ sơ; trạng thái hồ sơ không đổi.
            Ví dụ: khenthuong --as secretariat@LDLD-HN:tran.b dossier comment HS-2025-000001 --text "Đồng ý đề nghị" --from "Lê Văn An"
            """,
            en: """
              --text TEXT   the comment
              --from NAME   who sent it (omit for an anonymous comment)
            Recorded by an officer of the receiving body; the dossier's state does not change.
            """)
    ) { args, ctx throws(CLIError) in
        let id = try args.requiredPositional(.init(vi: "mã hồ sơ", en: "a dossier id"))
        let text = try args.required("text")
        let from = try args.value("from")
        try args.finish()
        return try record(ctx) { desk, actor, time in try desk.comment(on: id, text: text.nfc, from: from?.nfc, by: actor, at: time) }
    }

    static let complain = Command(
        path: ["dossier", "complain"], synopsis: "ID --text TEXT --from NAME",
        summary: .init(vi: "ghi nhận khiếu nại và tạm dừng xét hồ sơ", en: "record a complaint and defer the dossier"),
        help: .init(
            vi: """
              --text TEXT   nội dung khiếu nại
              --from NAME   người khiếu nại
            Hồ sơ chuyển sang “Tạm dừng xét” (NĐ 98/2023 Điều 4) cho đến khi mọi khiếu nại được giải quyết.
            Ví dụ: khenthuong --as secretariat@LDLD-HN:tran.b dossier complain HS-2025-000001 --text "Sáng kiến chưa được công nhận" --from "Trần Văn Bình"
            """,
            en: """
              --text TEXT   the complaint
              --from NAME   who complains
            The dossier goes to “Deferred” (NĐ 98/2023 Điều 4) until every complaint is resolved.
            """)
    ) { args, ctx throws(CLIError) in
        let id = try args.requiredPositional(.init(vi: "mã hồ sơ", en: "a dossier id"))
        let text = try args.required("text")
        let from = try args.required("from")
        try args.finish()
        return try record(ctx) { desk, actor, time in try desk.complain(on: id, text: text.nfc, from: from.nfc, by: actor, at: time) }
    }

    static let resolve = Command(
        path: ["dossier", "complaint", "resolve"], synopsis: "ID --outcome upheld|dismissed --reason TEXT [--complaint NUMBER]",
        summary: .init(vi: "ghi nhận kết quả giải quyết khiếu nại; tiếp tục xét khi hết khiếu nại", en: "resolve a complaint; resume the dossier when none is left open"),
        help: .init(
            vi: """
              --outcome upheld|dismissed   khiếu nại có cơ sở (upheld) hoặc không có cơ sở (dismissed)
              --reason TEXT                kết luận xác minh
              --complaint NUMBER           số khiếu nại (số sự kiện); bắt buộc khi có nhiều khiếu nại đang mở
            """,
            en: """
              --outcome upheld|dismissed   the complaint was founded (upheld) or not (dismissed)
              --reason TEXT                the conclusion of the verification
              --complaint NUMBER           the complaint's number (its event number); needed when several are open
            """)
    ) { args, ctx throws(CLIError) in
        let id = try args.requiredPositional(.init(vi: "mã hồ sơ", en: "a dossier id"))
        let outcomeText = try args.required("outcome")
        let reason = try args.required("reason")
        let complaint = try args.int("complaint").map(Int64.init)
        try args.finish()
        guard let outcome = ComplaintOutcome(rawValue: outcomeText) else {
            throw CLIError.usage(.init(vi: "--outcome phải là upheld hoặc dismissed, không phải “\(outcomeText)”",
                                       en: "--outcome must be upheld or dismissed, not “\(outcomeText)”"), command: "dossier complaint resolve")
        }
        return try record(ctx) { desk, actor, time in
            try desk.resolve(on: id, complaint: complaint, outcome: outcome, reason: reason.nfc, by: actor, at: time)
        }
    }

    /// Runs one desk call and reports what it wrote.
    private static func record(_ ctx: Context, _ body: (ComplaintDesk, Actor, Date) throws -> ComplaintDesk.Outcome) throws(CLIError) -> ExitCode {
        let actor = try ctx.actor()
        let runner = try Runner.make(ctx)
        let outcome = try Runner.perform(ctx) { try body(ComplaintDesk(runner: runner), actor, ctx.clock()) }
        if ctx.json {
            ctx.printJSON(ComplaintReportJSON(record: EventJSON(outcome.record),
                                              dossier: DossierJSON(outcome.dossier, workflow: try? runner.workflow(of: outcome.dossier), language: ctx.language)))
        } else {
            ctx.console.line(ComplaintText.describe(outcome, workflow: try? runner.workflow(of: outcome.dossier), ctx.language))
        }
        return .success
    }
}

/// What a complaint command wrote, for `--json`.
struct ComplaintReportJSON: Encodable {
    var record: EventJSON
    var dossier: DossierJSON
}
