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

    /// The guard for `event`, or `nil` when the policy does not guard it or the definitions
    /// folder has no `rules/` directory.
    static func load(_ ctx: Context, _ definitions: Definitions, event: String) throws(CLIError) -> EligibilityGuard? {
        let directory = try RulesCommands.rulesDirectory(ctx)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else { return nil }
        let roles = Set(definitions.workflows.values.flatMap { $0.definition.roles.map(\.id) })
        let path = (directory as NSString).appendingPathComponent(EligibilityGuardPolicy.fileName)
        let (policy, findings) = EligibilityGuardPolicy.load(path: path, roles: roles,
                                                             events: Set(definitions.workflows.values.flatMap(\.events)))
        guard let policy else {
            throw CLIError(.init(vi: "chính sách kiểm tra điều kiện \(path) có lỗi", en: "the eligibility guard policy \(path) has errors"),
                           fix: .init(vi: "sửa các lỗi trên", en: "fix the findings above"), exit: .dataError,
                           details: findings.map { $0.rendered(ctx.language) })
        }
        guard policy.events.contains(event) else { return nil }
        let rules = try RulesCommands.load(overrides: ctx.parameterFile, definitions: definitions, ctx)
        return EligibilityGuard(rules: rules, policy: policy)
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
