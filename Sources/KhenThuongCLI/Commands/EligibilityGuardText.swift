import Foundation
import KhenThuongKit
import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore

/// The eligibility guard on the command line: loading it, its help, and printing its refusals.
enum EligibilityGuardText {
    /// The option's lines, to sit among a command's other options.
    static let option = LocalizedText(
        vi: """
          --override-eligibility  nộp dù kết quả xét điều kiện là không đủ, tạm dừng xét hoặc chưa có dữ kiện;
                                  cần --reason và vai trò có trong workflows/rules/guard.json (overrideRoles);
                                  được ghi thành sự kiện eligibility_override
        """,
        en: """
          --override-eligibility  submit although eligibility came out not eligible, deferred or without facts;
                                  needs --reason and a role listed in workflows/rules/guard.json (overrideRoles);
                                  recorded as an eligibility_override event
        """)

    /// What submission checks, after the options.
    static let note = LocalizedText(
        vi: "Sự kiện nộp chạy bộ quy tắc của danh hiệu trên dữ kiện ghi bằng `dossier facts`; kết quả được ghi (eligibility_verdict).",
        en: "Submission runs the award's rule set on the facts recorded with `dossier facts`; the verdict is recorded (eligibility_verdict).")

    /// A runner with the guard the definitions give for `event` (``DossierRunner/init(definitions:store:guarding:)``).
    static func runner(_ definitions: Definitions, _ store: any EventLog, guarding event: String, _ ctx: Context) throws(CLIError) -> DossierRunner {
        do throws(DefinitionsPartError) {
            return try DossierRunner(definitions: definitions, store: store, guarding: event)
        } catch {
            throw CLIError.from(error, language: ctx.language)
        }
    }

    /// Prints a guard refusal on standard error (or as JSON on standard output with `--json`).
    static func report(_ refusal: EligibilityRefusal, _ ctx: Context) {
        if ctx.json {
            ctx.printJSON(EligibilityRefusalJSON(dossier: refusal.dossier, verdict: refusal.verdict, message: refusal.message(ctx.language)))
        } else {
            ctx.console.error(refusal.message(ctx.language))
        }
    }
}

/// `--json` shape of a guard refusal.
struct EligibilityRefusalJSON: Encodable {
    var refused = "eligibility"
    var dossier: String
    var verdict: EligibilityVerdict?
    var message: String
}
