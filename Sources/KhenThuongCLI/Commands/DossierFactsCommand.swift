import Foundation
import KhenThuongKit
import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore

/// `dossier facts`: records the nominee's facts on a dossier, for the eligibility guard.
enum DossierFactsCommand {
    static let command = Command(
        path: ["dossier", "facts"], synopsis: "ID --nominees FILE [--id NOMINEE]",
        summary: .init(vi: "ghi dữ kiện người được đề nghị vào hồ sơ (để xét điều kiện khi nộp)", en: "record the nominee's facts on a dossier (checked on submission)"),
        help: .init(
            vi: """
              --nominees FILE   tệp người được đề nghị (JSON hoặc CSV, như eligibility check)
              --id NOMINEE      mã trong tệp (mặc định: mã người được đề nghị của hồ sơ)
            Ghi sự kiện nominee_facts; ghi lại lần nữa để sửa (lần mới nhất được dùng). In kết quả xét thử.
            """,
            en: """
              --nominees FILE   nominee file (JSON or CSV, as for eligibility check)
              --id NOMINEE      the id in the file (default: the dossier's nominee id)
            Records a nominee_facts event; record again to correct (the newest is used). Prints a trial verdict.
            """)
    ) { args, ctx throws(CLIError) in
        let id = try args.requiredPositional(.init(vi: "mã hồ sơ", en: "a dossier id"))
        let file = try args.required("nominees")
        let nomineeID = try args.value("id")
        try args.finish()
        let actor = try ctx.actor()
        let runner = try Runner.make(ctx, guarding: "submit")
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
        let verdict = runner.eligibility?.rules.evaluate(facts, award: dossier.awardID, period: dossier.achievementPeriod, asOf: CivilDate(ctx.clock()))
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

    struct FactsJSON: Encodable {
        var dossier: String
        var nominee: String
        var seq: Int64
        var verdict: EligibilityVerdict?
    }
}
