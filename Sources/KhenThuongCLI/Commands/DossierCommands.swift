import Foundation
import KhenThuongKit
import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore

/// `dossier create | submit | act | show | history | list`.
enum DossierCommands {
    static let create = Command(
        path: ["dossier", "create"],
        synopsis: "--award AWARD (--year YEAR | --period FROM-TO) [--proposed YEAR] --nominee-id ID --nominee-name NAME --addressee UNIT [--collective] [--due DATE] [--attach DOC]… [--id ID]",
        summary: .init(vi: "lập hồ sơ đề nghị khen thưởng (trạng thái Dự thảo)", en: "open a nomination dossier (in Draft)"),
        help: .init(
            vi: """
              --award AWARD        mã danh hiệu (xem workflows/awards.json)
              --year YEAR          năm tính thành tích
              --period FROM-TO     thời kỳ tính thành tích nhiều năm (2020-2024) thay cho --year; quy tắc xét theo thời kỳ này
              --proposed YEAR      năm đề nghị, nếu khác năm cuối của thời kỳ thành tích (đề nghị năm 2025 cho 2020–2024)
              --nominee-id ID      mã người/tập thể được đề nghị
              --nominee-name NAME  họ tên hoặc tên tập thể
              --collective         người được đề nghị là tập thể
              --addressee UNIT     cơ quan nhận hồ sơ (cấp có thẩm quyền xét)
              --due DATE           hạn nộp hồ sơ (YYYY-MM-DD hoặc DD/MM/YYYY)
              --attach DOC         tài liệu kèm theo (lặp lại được)
              --id ID              mã hồ sơ (mặc định HS-NĂM-số thứ tự)
            Đơn vị đề nghị là đơn vị của người thực hiện (--as union_officer@ĐƠN_VỊ:NGƯỜI).
            Ví dụ: khenthuong --as union_officer@CDCS-DHBK:le.c dossier create --award lao_dong_tien_tien --year 2025 --nominee-id NV001 --nominee-name "Nguyễn Thị Hoa" --addressee LDLD-HN --attach cover_letter
            """,
            en: """
              --award AWARD        award id (see workflows/awards.json)
              --year YEAR          achievement year
              --period FROM-TO     a multi-year achievement period (2020-2024) instead of --year; the rules run on it
              --proposed YEAR      the proposal year, when it differs from the period's last year (2025 for 2020–2024)
              --nominee-id ID      id of the person or collective proposed
              --nominee-name NAME  full name or collective name
              --collective         the nominee is a collective
              --addressee UNIT     the body the dossier goes to (the deciding level)
              --due DATE           submission deadline (YYYY-MM-DD or DD/MM/YYYY)
              --attach DOC         an attached document (repeatable)
              --id ID              dossier id (default HS-YEAR-sequence)
            The proposing unit is the acting person's unit (--as union_officer@UNIT:USER).
            """),
        definitionHelp: { ctx in documentsHelp(ctx) }
    ) { args, ctx throws(CLIError) in
        let award = try args.required("award")
        let period = try EligibilityCommands.achievementPeriod(&args)
        let year = period.to
        let nomineeID = try args.required("nominee-id")
        let nomineeName = try args.required("nominee-name")
        let collective = args.flag("collective")
        let addressee = try args.required("addressee")
        let due = try args.date("due")
        let attach = try args.values("attach")
        let id = try args.value("id")
        try args.finish()
        let actor = try ctx.actor()
        try ctx.requireDirectoryUnit(addressee, at: "--addressee")
        warnUnlikely(year: year, due: due, ctx)
        let runner = try Runner.make(ctx)
        let new = NewDossier(id: id, awardID: award, year: year,
                             nominee: Nominee(id: nomineeID.nfc, name: nomineeName.nfc, kind: collective ? .collective : .individual),
                             proposerUnit: actor.unit, addresseeUnit: addressee, documents: attach, dueDate: due,
                             period: period.isPlainYear ? nil : period)
        let dossier = try Runner.perform(ctx) { try runner.create(new, by: actor, at: ctx.clock()) }
        Runner.report(dossier, runner, ctx) { wf in
            let awardName = runner.definitions.awards.award(dossier.awardID)?.name[ctx.language] ?? dossier.awardID
            let when = dossier.achievementPeriod.described(ctx.language)
            return ctx.vi ? "Đã lập hồ sơ \(dossier.id): \(awardName) \(when) cho \(dossier.nominee.name) — trạng thái “\(wf?.stateLabel(dossier.state, .vi) ?? dossier.state)” (\(dossier.state))"
                          : "Opened dossier \(dossier.id): \(awardName) \(when) for \(dossier.nominee.name) — state “\(wf?.stateLabel(dossier.state, .en) ?? dossier.state)” (\(dossier.state))"
        }
        return .success
    }

    /// The documents each workflow defines, those its submission requires first, read from the
    /// definitions (none when they cannot be read).
    static func documentsHelp(_ ctx: Context) -> String? {
        guard let definitions = try? ctx.definitions() else { return nil }
        let l = ctx.language
        var lines = [ctx.vi ? "Tài liệu (--attach), theo quy trình của danh hiệu:" : "Documents (--attach), by the award's workflow:"]
        for id in definitions.workflows.keys.sorted() {
            guard let wf = definitions.workflows[id] else { continue }
            let d = wf.definition
            let required = Set(d.transitions.filter { $0.from.contains(wf.initialState) }.flatMap(\.documents))
            let awards = definitions.awards.awards.filter { $0.workflow == id }.map(\.id)
            lines.append("  \(id) (\(d.name[l])) — \(awards.joined(separator: ", ")):")
            for doc in d.documents {
                let mark = required.contains(doc.id) ? (ctx.vi ? "  [cần khi nộp]" : "  [required to submit]") : ""
                lines.append("    \(doc.id.padding(toLength: 20, withPad: " ", startingAt: 0)) \(doc.name[l])\(mark)")
            }
        }
        return lines.joined(separator: "\n")
    }

    static let submit = Command(
        path: ["dossier", "submit"], synopsis: "ID… | --all [--award AWARD] [--year YEAR] [--attach DOC]… [--override-eligibility --reason TEXT]",
        summary: .init(vi: "nộp hồ sơ (sự kiện submit)", en: "submit a dossier (the submit event)"),
        help: .init(vi: "Giống `dossier act ID submit`.\n"
                        + "  ID…             một hoặc nhiều hồ sơ, nộp trong một lần ghi: tất cả, hoặc không hồ sơ nào nếu có hồ sơ bị từ chối\n"
                        + "  --all           mọi hồ sơ đơn vị mình đang ở trạng thái ban đầu (lọc thêm bằng --award, --year)\n"
                        + "  --attach DOC    tài liệu nộp kèm (lặp lại được)\n  --reason TEXT   lý do, bắt buộc khi có --override-eligibility\n"
                        + EligibilityGuardText.option.vi + "\n" + EligibilityGuardText.note.vi,
                    en: "Same as `dossier act ID submit`.\n"
                        + "  ID…             one or more dossiers, submitted in one write: all of them, or none when any is refused\n"
                        + "  --all           every dossier of the acting unit still in its initial state (narrowed by --award, --year)\n"
                        + "  --attach DOC    documents given with the submission (repeatable)\n  --reason TEXT   written reason, required with --override-eligibility\n"
                        + EligibilityGuardText.option.en + "\n" + EligibilityGuardText.note.en)
    ) { args, ctx throws(CLIError) in
        let all = args.flag("all")
        let award = try args.value("award")
        let year = try args.year()
        let attach = try args.values("attach")
        let reason = try args.value("reason")
        let override = args.flag("override-eligibility")
        var ids = args.remainingPositionals()
        try args.finish()
        let request = EventRequest(event: "submit", reason: reason?.nfc, attach: attach)
        let overriding = override ? EligibilityOverride(reason: reason?.nfc) : nil
        if !all, ids.count == 1 { return try fire(ids[0], request, ctx, override: overriding) }
        guard all != !ids.isEmpty else {
            throw CLIError.usage(.init(vi: "nêu mã hồ sơ hoặc --all (không cả hai)", en: "give dossier ids or --all (not both)"), command: "dossier submit")
        }
        let actor = try ctx.actor()
        let runner = try Runner.make(ctx, guarding: request.event)
        if all {
            ids = try initialDossiers(runner, of: actor, award: award, year: year, ctx)
            guard !ids.isEmpty else {
                ctx.console.line(ctx.vi ? "Không có hồ sơ nào của \(actor.unit) ở trạng thái ban đầu để nộp." : "No dossier of \(actor.unit) is in its initial state to submit.")
                return .success
            }
        }
        return try submitMany(ids, request, runner, actor, ctx, override: overriding)
    }

    /// The dossiers `--all` names for a group command: the acting unit's own, still in their
    /// workflow's initial state, narrowed by award and year.
    static func initialDossiers(_ runner: DossierRunner, of actor: Actor, award: String?, year: Int?, _ ctx: Context) throws(CLIError) -> [String] {
        let found = try Runner.perform(ctx) { try runner.store.dossiers(matching: DossierFilter(award: award, unit: actor.unit, year: year)) }
        return found.filter { $0.proposerUnit == actor.unit && runner.definitions.workflows[$0.workflowID]?.initialState == $0.state }.map(\.id)
    }

    /// A group command refused: one line per dossier (why, or "allowed (not written)"), then
    /// that nothing was written and what to do; `again` is the command's verb ("submit the
    /// group again"). Exit 1.
    static func report(_ refusal: BatchRefusal, again: LocalizedText, _ ctx: Context) -> ExitCode {
        for line in refusal.lines {
            let text = line.refusal.map { (ctx.vi ? "TỪ CHỐI: " : "REFUSED: ") + $0[ctx.language].replacingOccurrences(of: "\n", with: "\n    ") }
                ?? (ctx.vi ? "được phép (chưa ghi)" : "allowed (not written)")
            ctx.console.error("\(line.dossier): \(text)")
        }
        ctx.console.error(ctx.vi ? "Không ghi gì: \(refusal.refusedCount)/\(refusal.lines.count) hồ sơ bị từ chối; sửa rồi \(again.vi) lại cả nhóm, hoặc bỏ các hồ sơ đó khỏi lệnh."
                                 : "Nothing was written: \(refusal.refusedCount) of \(refusal.lines.count) dossiers refused; fix them and \(again.en) the group again, or leave them out.")
        return .refused
    }

    /// Submits `ids` in one transaction: one line per dossier, then a summary.
    static func submitMany(_ ids: [String], _ request: EventRequest, _ runner: DossierRunner, _ actor: Actor, _ ctx: Context,
                           override: EligibilityOverride?) throws(CLIError) -> ExitCode {
        let time = ctx.clock()
        do {
            let outcomes = try runner.act(onEach: ids, request, by: actor, at: time, override: override)
            for o in outcomes {
                let wf = runner.definitions.workflows[o.dossier.workflowID]
                let from = wf?.stateLabel(o.transition.from, ctx.language) ?? o.transition.from
                let to = wf?.stateLabel(o.transition.to, ctx.language) ?? o.transition.to
                ctx.console.line("\(o.dossier.id): \(from) → \(to) [\(wf?.eventLabel(o.transition.event, ctx.language) ?? o.transition.event)]")
            }
            ctx.console.line(ctx.vi ? "Đã nộp \(outcomes.count) hồ sơ trong một lần ghi, bởi \(actor) lúc \(Timestamp.local(time, .vi))."
                                    : "Submitted \(outcomes.count) dossiers in one write, by \(actor) at \(Timestamp.local(time, .en)).")
            return .success
        } catch let refusal as BatchRefusal {
            return report(refusal, again: .init(vi: "nộp", en: "submit"), ctx)
        } catch {
            throw CLIError.from(error, language: ctx.language)
        }
    }

    static let act = Command(
        path: ["dossier", "act"], synopsis: "ID EVENT [--reason TEXT] [--attach DOC]… [--tally MEMBERS,PRESENT,YES,NO[,INVALID]] [--override-eligibility]",
        summary: .init(vi: "thực hiện một sự kiện của quy trình trên hồ sơ", en: "fire a workflow event on a dossier"),
        help: .init(
            vi: """
              --reason TEXT   lý do (bắt buộc với trả bổ sung, tạm dừng, không thông qua, rút, tiếp nhận muộn…)
              --attach DOC    tài liệu nộp kèm sự kiện (lặp lại được)
              --tally M,P,Y,N[,I]  kết quả kiểm phiếu: tổng thành viên, có mặt, đồng ý, không đồng ý, không hợp lệ
            """ + "\n" + EligibilityGuardText.option.vi + "\n" + """
            Thoát 1 nếu quy trình từ chối; thông báo nêu mọi lý do và các thao tác được phép.
            \(EligibilityGuardText.note.vi)
            Ví dụ: khenthuong --as secretariat@LDLD-HN:tran.b dossier act HS-2025-000001 request_supplement --reason "Thiếu biên bản"
            """,
            en: """
              --reason TEXT   written reason (required to return for supplement, defer, reject, withdraw, accept late…)
              --attach DOC    documents given with the event (repeatable)
              --tally M,P,Y,N[,I]  council tally: members, present, yes, no, invalid
            """ + "\n" + EligibilityGuardText.option.en + "\n" + """
            Exits 1 when the workflow refuses; the message lists every reason and the events allowed.
            \(EligibilityGuardText.note.en)
            Example: khenthuong --as secretariat@LDLD-HN:tran.b dossier act HS-2025-000001 request_supplement --reason "Missing minutes"
            """)
    ) { args, ctx throws(CLIError) in
        let id = try args.requiredPositional(.init(vi: "mã hồ sơ", en: "a dossier id"))
        let event = try args.requiredPositional(.init(vi: "tên sự kiện (ví dụ receive)", en: "an event name (for example receive)"))
        let reason = try args.value("reason")
        let attach = try args.values("attach")
        let tally = try args.value("tally").map { text throws(CLIError) in try parseTally(text) }
        let override = args.flag("override-eligibility")
        try args.finish()
        return try fire(id, EventRequest(event: event, reason: reason?.nfc, attach: attach, tally: tally), ctx,
                        override: override ? EligibilityOverride(reason: reason?.nfc) : nil)
    }

    /// Warns (without refusing: paper records are entered late) about an achievement year that
    /// has not begun and a submission deadline already past.
    static func warnUnlikely(year: Int, due: CivilDate?, _ ctx: Context) {
        let today = CivilDate(ctx.clock())
        if year > today.year {
            ctx.console.error(ctx.vi ? "khenthuong: cảnh báo: năm thành tích \(year) chưa tới (hôm nay là \(today.formatted(.vi))); có gõ nhầm --year không?"
                                     : "khenthuong: warning: the achievement year \(year) has not begun (today is \(today.formatted(.en))); is --year mistyped?")
        }
        if let due, due < today {
            ctx.console.error(ctx.vi ? "khenthuong: cảnh báo: hạn nộp \(due.formatted(.vi)) đã qua (hôm nay là \(today.formatted(.vi))); có gõ nhầm --due không?"
                                     : "khenthuong: warning: the due date \(due.formatted(.en)) has passed (today is \(today.formatted(.en))); is --due mistyped?")
        }
    }

    static func parseTally(_ text: String) throws(CLIError) -> Tally {
        let n = text.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard (4...5).contains(n.count), n.allSatisfy({ ($0 ?? -1) >= 0 }) else {
            throw CLIError.usage(.init(vi: "--tally phải là THÀNH_VIÊN,CÓ_MẶT,ĐỒNG_Ý,KHÔNG_ĐỒNG_Ý[,KHÔNG_HỢP_LỆ] (số nguyên ≥ 0), không phải “\(text)”",
                                       en: "--tally must be MEMBERS,PRESENT,YES,NO[,INVALID] (integers ≥ 0), not “\(text)”"), command: "dossier act")
        }
        let t = Tally(members: n[0]!, present: n[1]!, yes: n[2]!, no: n[3]!, invalid: n.count == 5 ? n[4]! : 0)
        guard t.isConsistent else {
            throw CLIError.usage(.init(vi: "--tally không hợp lý: có mặt ≤ thành viên và tổng số phiếu ≤ thành viên",
                                       en: "--tally is inconsistent: present ≤ members and all votes together ≤ members"), command: "dossier act")
        }
        return t
    }

    static func fire(_ id: String, _ request: EventRequest, _ ctx: Context, override: EligibilityOverride? = nil) throws(CLIError) -> ExitCode {
        let actor = try ctx.actor()
        let runner = try Runner.make(ctx, guarding: request.event)
        if let d = try? runner.store.dossier(id), let wf = try? runner.workflow(of: d),
           let t = wf.definition.transitions.first(where: { $0.event == request.event && $0.exchange }) {
            throw CLIError(.init(vi: "sự kiện \(t.event) (“\(t.label.vi)”) chỉ được ghi khi nhập phong bì của cấp kia", en: "the event \(t.event) (“\(t.label.en)”) is recorded only by importing the other level's envelope"),
                           at: "EVENT", fix: .init(vi: "nhập phong bì bằng `khenthuong exchange import TỆP`", en: "import the envelope with `khenthuong exchange import FILE`"), exit: .refused)
        }
        let time = ctx.clock()
        let outcome: ActOutcome
        do {
            outcome = try runner.act(on: id, request, by: actor, at: time, override: override)
        } catch {
            // The exit code is the map's; a refusal is shown here in full (reasons, allowed events).
            let mapped = CLIError.from(error, language: ctx.language)
            switch error {
            case RunnerError.ineligible(let refusal):
                EligibilityGuardText.report(refusal, ctx)
            case RunnerError.refused(let refusal, let wf):
                if ctx.json {
                    ctx.printJSON(RefusalJSON(dossier: refusal.dossierID, state: refusal.state, event: refusal.event, actor: actor.description,
                                              reasons: refusal.reasons.map { Refusal.describe($0, ctx.language, workflow: wf) },
                                              allowedEvents: refusal.allowedEvents, message: refusal.message(ctx.language, workflow: wf)))
                } else {
                    ctx.console.error(refusal.message(ctx.language, workflow: wf))
                }
            default:
                throw mapped
            }
            return mapped.exitCode
        }
        let (dossier, transition) = (outcome.dossier, outcome.transition)
        Runner.report(dossier, runner, ctx) { wf in
            let from = wf?.stateLabel(transition.from, ctx.language) ?? transition.from
            let to = wf?.stateLabel(transition.to, ctx.language) ?? transition.to
            let event = wf?.eventLabel(transition.event, ctx.language) ?? transition.event
            return ctx.vi ? "Hồ sơ \(dossier.id): \(from) → \(to) [\(event)] bởi \(actor) lúc \(Timestamp.local(time, .vi))"
                          : "Dossier \(dossier.id): \(from) → \(to) [\(event)] by \(actor) at \(Timestamp.local(time, .en))"
        }
        if !ctx.json, let note = outcome.eligibility?.note(ctx.language, awards: runner.definitions.awards) { ctx.console.line(note) }
        return .success
    }

    static let show = Command(
        path: ["dossier", "show"], synopsis: "ID",
        summary: .init(vi: "xem một hồ sơ và các thao tác được phép", en: "show a dossier and the events allowed"),
        help: .init(vi: "Với --as, liệt kê các sự kiện người đó được thực hiện lúc này.", en: "With --as, lists the events that person may fire now.")
    ) { args, ctx throws(CLIError) in
        let id = try args.requiredPositional(.init(vi: "mã hồ sơ", en: "a dossier id"))
        try args.finish()
        let runner = try Runner.make(ctx)
        let dossier = try Runner.perform(ctx) { () throws -> Dossier in
            guard let d = try runner.store.dossier(id) else { throw RunnerError.unknownDossier(id) }
            return d
        }
        let wf = try Runner.perform(ctx) { try runner.workflow(of: dossier) }
        let actor = ctx.actorText == nil ? nil : try ctx.claimedActor()
        let allowed = actor.map { DossierMachine.allowedEvents(dossier, by: $0, at: ctx.clock(), in: wf, context: runner.definitions.context) }
        if ctx.json {
            ctx.printJSON(DossierJSON(dossier, workflow: wf, language: ctx.language, allowed: allowed))
        } else {
            let events = try Runner.perform(ctx) { try runner.store.events(dossierID: id).count }
            ctx.console.line(DossierText.describe(dossier, workflow: wf, awards: runner.definitions.awards, allowed: allowed, actor: actor, events: events,
                                                      unitName: UnitNames.lookup(runner.store), ctx.language))
            let files = try Runner.perform(ctx) { try runner.store.records(Attachment.self, subject: .dossier(id)) }
            if !files.isEmpty {
                ctx.console.line(ctx.vi ? "Tệp đính kèm:" : "Attached files:")
                for f in files {
                    let doc = wf.definition.documents.first { $0.id == f.document }?.name[ctx.language] ?? f.document
                    ctx.console.line("  \(doc): \(f.name) (\(f.mediaType), \(f.size) byte) sha256 \(f.sha256)")
                }
            }
        }
        return .success
    }

    static let history = Command(
        path: ["dossier", "history"], synopsis: "ID",
        summary: .init(vi: "xem toàn bộ lịch sử sự kiện của hồ sơ", en: "show every event of a dossier"),
        help: .init(vi: "", en: "")
    ) { args, ctx throws(CLIError) in
        let id = try args.requiredPositional(.init(vi: "mã hồ sơ", en: "a dossier id"))
        try args.finish()
        let runner = try Runner.make(ctx)
        let events = try Runner.perform(ctx) { () throws -> [StoredEvent] in
            let e = try runner.store.events(dossierID: id)
            if e.isEmpty { throw RunnerError.unknownDossier(id) }
            return e
        }
        if ctx.json {
            ctx.printJSON(events.map(EventJSON.init))
            return .success
        }
        let dossier = try? runner.store.dossier(id)
        let wf = dossier.flatMap { try? runner.workflow(of: $0) }
        ctx.console.line(DossierText.history(events, workflow: wf, ctx.language))
        return .success
    }

    static let list = Command(
        path: ["dossier", "list"], synopsis: "[--state STATE] [--award AWARD] [--unit UNIT] [--year YEAR]",
        summary: .init(vi: "liệt kê hồ sơ, lọc theo trạng thái, danh hiệu, đơn vị, năm", en: "list dossiers by state, award, unit, year"),
        help: .init(vi: "  --unit UNIT   đơn vị đề nghị hoặc cơ quan nhận hồ sơ", en: "  --unit UNIT   proposing or receiving unit")
    ) { args, ctx throws(CLIError) in
        let state = try args.value("state")
        let award = try args.value("award")
        let unit = try args.value("unit")
        let year = try args.year()
        try args.finish()
        let runner = try Runner.make(ctx)
        let dossiers = try Runner.perform(ctx) { try runner.store.dossiers(state: state, award: award, unit: unit, year: year) }
        if ctx.json {
            ctx.printJSON(dossiers.map { DossierJSON($0, workflow: runner.definitions.workflows[$0.workflowID], language: ctx.language) })
            return .success
        }
        ctx.console.line(DossierText.table(dossiers, definitions: runner.definitions, unitName: UnitNames.lookup(runner.store), ctx.language))
        return .success
    }
}

/// Glue between commands and the library runner.
enum Runner {
    static func make(_ ctx: Context) throws(CLIError) -> DossierRunner {
        let definitions = try ctx.definitions()
        let store = try ctx.openStore()
        return DossierRunner(definitions: definitions, store: store)
    }

    /// A runner with the eligibility guard of `workflows/rules/guard.json` when it guards
    /// `event` (the rule sets are loaded only then).
    static func make(_ ctx: Context, guarding event: String) throws(CLIError) -> DossierRunner {
        let definitions = try ctx.definitions()
        let store = try ctx.openStore()
        return try EligibilityGuardText.runner(definitions, store, guarding: event, ctx)
    }

    /// Prints what a writing command did to `dossier`: the dossier as JSON with `--json`,
    /// otherwise the sentence `text` builds (given the dossier's workflow, when still defined).
    static func report(_ dossier: Dossier, _ runner: DossierRunner, _ ctx: Context, text: (Workflow?) -> String) {
        let wf = try? runner.workflow(of: dossier)
        if ctx.json {
            ctx.printJSON(DossierJSON(dossier, workflow: wf, language: ctx.language))
        } else {
            ctx.console.line(text(wf))
        }
    }

    /// Runs `body`, turning library errors into `CLIError`s.
    static func perform<T>(_ ctx: Context, _ body: () throws -> T) throws(CLIError) -> T {
        do { return try body() } catch { throw CLIError.from(error, language: ctx.language) }
    }
}
