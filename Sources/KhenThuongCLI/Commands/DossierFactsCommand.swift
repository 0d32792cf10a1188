import Foundation
import KhenThuongKit
import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore

/// `dossier facts`: records the nominee's facts on a dossier, for the eligibility guard.
enum DossierFactsCommand {
    static let command = Command(
        path: ["dossier", "facts"], synopsis: "ID… | --all [--award AWARD] [--year YEAR] --nominees FILE [--id NOMINEE]",
        summary: .init(vi: "ghi dữ kiện người được đề nghị vào hồ sơ (để xét điều kiện khi nộp)", en: "record the nominee's facts on a dossier (checked on submission)"),
        help: .init(
            vi: """
              --nominees FILE   tệp người được đề nghị (JSON hoặc CSV, như eligibility check)
              --id NOMINEE      mã trong tệp (mặc định: mã người được đề nghị của hồ sơ; chỉ với một hồ sơ)
              ID…               một hoặc nhiều hồ sơ, ghi trong một lần: tất cả, hoặc không hồ sơ nào nếu có hồ sơ bị từ chối
              --all             mọi hồ sơ đơn vị mình đề nghị đang ở trạng thái ban đầu (lọc thêm bằng --award, --year)
            Ghi sự kiện nominee_facts; ghi lại lần nữa để sửa (lần mới nhất được dùng). In kết quả xét thử.
            """,
            en: """
              --nominees FILE   nominee file (JSON or CSV, as for eligibility check)
              --id NOMINEE      the id in the file (default: the dossier's nominee id; one dossier only)
              ID…               one or more dossiers, recorded in one write: all of them, or none when any is refused
              --all             every dossier the acting unit proposed still in its initial state (narrowed by --award, --year)
            Records a nominee_facts event; record again to correct (the newest is used). Prints a trial verdict.
            """)
    ) { args, ctx throws(CLIError) in
        let all = args.flag("all")
        let award = try args.value("award")
        let year = try args.year()
        let file = try args.required("nominees")
        let nomineeID = try args.value("id")
        var ids = args.remainingPositionals()
        try args.finish()
        guard all != !ids.isEmpty else {
            throw CLIError.usage(.init(vi: "nêu mã hồ sơ hoặc --all (không cả hai)", en: "give dossier ids or --all (not both)"), command: "dossier facts")
        }
        guard nomineeID == nil || (!all && ids.count == 1) else {
            throw CLIError.usage(.init(vi: "--id chỉ dùng với một hồ sơ; với nhiều hồ sơ, mỗi hồ sơ lấy dữ kiện theo mã người được đề nghị của nó",
                                       en: "--id goes with one dossier only; with several, each dossier takes the facts of its own nominee"), command: "dossier facts")
        }
        let actor = try ctx.actor()
        let runner = try Runner.make(ctx, guarding: "submit")
        if all {
            ids = try DossierCommands.initialDossiers(runner, of: actor, award: award, year: year, ctx)
            guard !ids.isEmpty else {
                ctx.console.line(ctx.vi ? "Không có hồ sơ nào của \(actor.unit) ở trạng thái ban đầu để ghi dữ kiện." : "No dossier of \(actor.unit) is in its initial state to record facts on.")
                return .success
            }
        }
        if all || ids.count > 1 { return try recordMany(ids, file, runner, actor, ctx) }
        let id = ids[0]
        let dossier = try Runner.perform(ctx) { () throws -> Dossier in
            guard let d = try runner.store.dossier(id) else { throw RunnerError.unknownDossier(id) }
            return d
        }
        let wanted = nomineeID ?? dossier.nominee.id
        guard let facts = try EligibilityCommands.nominees(file, ctx).first(where: { $0.id == wanted }) else {
            throw CLIError(.init(vi: "không có người được đề nghị “\(wanted)” trong \(file)", en: "there is no nominee “\(wanted)” in \(file)"),
                           fix: .init(vi: "chỉ đúng mã bằng --id", en: "name the right id with --id"), exit: .dataError)
        }
        let event = try Runner.perform(ctx) {
            try runner.recordFacts(facts, on: id, source: (file as NSString).lastPathComponent, by: actor, at: ctx.clock())
        }
        // The trial reads the history the submission will read (awards decided or imported in the store).
        let trialFacts = try Runner.perform(ctx) { try runner.factsWithHistory(facts) }
        let verdict = runner.eligibility?.rules.evaluate(trialFacts, award: dossier.awardID, period: dossier.achievementPeriod, asOf: CivilDate(ctx.clock()))
        if ctx.json {
            ctx.printJSON(FactsJSON(dossier: id, nominee: facts.id, seq: event.seq, verdict: verdict))
            return .success
        }
        ctx.console.line(ctx.vi ? "Đã ghi dữ kiện của \(facts.name) (\(facts.id)) vào hồ sơ \(id) [sự kiện #\(event.seq)]."
                                : "Recorded the facts of \(facts.name) (\(facts.id)) on dossier \(id) [event #\(event.seq)].")
        ctx.console.line(verdict.map { (ctx.vi ? "Xét thử: " : "Trial verdict: ") + $0.rendered(ctx.language) }
                         ?? (ctx.vi ? "Danh hiệu \(dossier.awardID) chưa có bộ quy tắc; khi nộp không xét tự động." : "The award \(dossier.awardID) has no rule set; submission will not check it."))
        return .success
    }

    /// Records facts on several dossiers in one write: one line per dossier (its trial verdict's
    /// title line), then a summary; nothing is written when any dossier is refused.
    static func recordMany(_ ids: [String], _ file: String, _ runner: DossierRunner, _ actor: Actor, _ ctx: Context) throws(CLIError) -> ExitCode {
        var byID: [String: NomineeFacts] = [:]
        for f in try EligibilityCommands.nominees(file, ctx) where byID[f.id] == nil { byID[f.id] = f }
        let time = ctx.clock()
        do {
            let recorded = try runner.recordFacts(onEach: ids, from: byID, source: (file as NSString).lastPathComponent, file: file, by: actor, at: time)
            var json: [FactsJSON] = []
            for r in recorded {
                let verdict = runner.eligibility?.rules.evaluate(try runner.factsWithHistory(r.facts), award: r.dossier.awardID, period: r.dossier.achievementPeriod, asOf: CivilDate(time))
                json.append(FactsJSON(dossier: r.dossier.id, nominee: r.facts.id, seq: r.event.seq, verdict: verdict))
                let trial = verdict.map { $0.rendered(ctx.language).split(separator: "\n").first.map(String.init) ?? "" }
                    ?? (ctx.vi ? "\(r.facts.name) (\(r.facts.id)) — chưa có bộ quy tắc, khi nộp không xét tự động" : "\(r.facts.name) (\(r.facts.id)) — no rule set, not checked on submission")
                if !ctx.json { ctx.console.line("\(r.dossier.id) [#\(r.event.seq)]: \(trial)") }
            }
            if ctx.json {
                ctx.printJSON(json)
            } else {
                ctx.console.line(ctx.vi ? "Đã ghi dữ kiện vào \(recorded.count) hồ sơ trong một lần ghi, bởi \(actor) lúc \(Timestamp.local(time, .vi))."
                                        : "Recorded facts on \(recorded.count) dossiers in one write, by \(actor) at \(Timestamp.local(time, .en)).")
            }
            return .success
        } catch let refusal as BatchRefusal {
            return DossierCommands.report(refusal, again: .init(vi: "ghi", en: "record"), ctx)
        } catch {
            throw CLIError.from(error, language: ctx.language)
        }
    }

    struct FactsJSON: Encodable {
        var dossier: String
        var nominee: String
        var seq: Int64
        var verdict: EligibilityVerdict?
    }
}
