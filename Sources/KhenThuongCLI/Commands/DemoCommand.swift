import Foundation
import KhenThuongKit

/// `demo`: builds a fresh store from the sample season shipped in `workflows/samples/` and
/// walks its dossiers through both workflows, printing what happened at each step.
enum DemoCommand {
    static let defaultStore = "khenthuong-demo.sqlite"

    static let command = Command(
        path: ["demo"], synopsis: "[--scenario FILE]",
        summary: .init(vi: "chạy mùa xét khen thưởng mẫu trên một kho mới và in diễn biến", en: "run the sample award season on a fresh store and print what happens"),
        help: .init(vi: "Kho mặc định: ./\(defaultStore) (được tạo lại mỗi lần chạy). Với --store, tệp phải chưa tồn tại.\n  --scenario FILE   kịch bản khác (mặc định workflows/samples/demo-season.json)",
                    en: "Default store: ./\(defaultStore) (recreated on every run). With --store, the file must not exist yet.\n  --scenario FILE   another scenario (default workflows/samples/demo-season.json)")
    ) { args, ctx throws(CLIError) in
        let scenarioPath = try args.value("scenario") ?? (ctx.workflowsDirectory as NSString).appendingPathComponent("samples/demo-season.json")
        try args.finish()
        var ctx = ctx
        try prepareStore(&ctx)
        let definitions = try ctx.definitions()
        guard let text = try? String(contentsOfFile: scenarioPath, encoding: .utf8) else {
            throw CLIError(.init(vi: "không đọc được kịch bản \(scenarioPath)", en: "cannot read the scenario \(scenarioPath)"),
                           fix: .init(vi: "kiểm tra đường dẫn --scenario", en: "check the --scenario path"), exit: .dataError)
        }
        let scenario: Scenario
        do throws(ScenarioError) { scenario = try Scenario.parse(text, file: scenarioPath) } catch {
            throw CLIError(error.message, at: "\(error.file):\(error.position)", exit: .dataError)
        }
        let runner = DossierRunner(definitions: definitions, store: try ctx.openStore(create: true))
        let l = ctx.language
        ctx.console.line(scenario.title[l])
        ctx.console.line(ctx.vi ? "Kho: \(ctx.storePath)\n" : "Store: \(ctx.storePath)\n")
        var refusals = 0
        var surprises: [String] = []
        try Runner.perform(ctx) {
            try runner.run(scenario) { step, outcome in
                ctx.console.line(DemoText.step(step, outcome, definitions: definitions, l))
                if case .refused = outcome { refusals += 1 }
                let refused: Bool
                if case .refused = outcome { refused = true } else { refused = false }
                if refused != step.expectRefusal { surprises.append("\(scenarioPath):\(step.line)") }
            }
        }
        let report = try Runner.perform(ctx) { try runner.store.verify() }
        let dossiers = try Runner.perform(ctx) { try runner.store.dossiers(state: nil, award: nil, unit: nil, year: nil) }
        ctx.console.line(DossierText.table(dossiers, definitions: definitions, l))
        ctx.console.line("")
        ctx.console.line(ctx.vi
            ? "\(scenario.steps.count) bước, \(refusals) lần bị từ chối (không ghi gì), \(report.eventCount) sự kiện đã ghi; chuỗi băm \(report.firstBroken == nil ? "toàn vẹn" : "HỎNG")."
            : "\(scenario.steps.count) steps, \(refusals) refused (nothing recorded), \(report.eventCount) events recorded; hash chain \(report.firstBroken == nil ? "intact" : "BROKEN").")
        ctx.console.line(ctx.vi
            ? "Xem tiếp: khenthuong --store \(ctx.storePath) dossier history HS-2025-000001 · dossier list --state published · verify"
            : "Next: khenthuong --store \(ctx.storePath) dossier history HS-2025-000001 · dossier list --state published · verify")
        if !surprises.isEmpty {
            throw CLIError(.init(vi: "kịch bản không diễn ra như dự kiến ở các bước: \(surprises.joined(separator: ", "))",
                                 en: "the scenario did not go as expected at steps: \(surprises.joined(separator: ", "))"), exit: .refused)
        }
        return .success
    }

    /// The demo writes its own file; an explicitly named store must be new.
    static func prepareStore(_ ctx: inout Context) throws(CLIError) {
        if ctx.storePath == "khenthuong.sqlite" { ctx.storePath = defaultStore }
        let fm = FileManager.default
        if ctx.storePath == defaultStore {
            for suffix in ["", "-wal", "-shm"] { try? fm.removeItem(atPath: ctx.storePath + suffix) }
        } else if fm.fileExists(atPath: ctx.storePath) {
            throw CLIError(.init(vi: "kho \(ctx.storePath) đã tồn tại; bản chạy thử không ghi vào kho đang dùng", en: "the store \(ctx.storePath) already exists; the demo never writes into a store in use"),
                           fix: .init(vi: "bỏ --store để dùng ./\(defaultStore), hoặc chỉ một tệp mới", en: "drop --store to use ./\(defaultStore), or name a new file"), exit: .dataError)
        }
    }
}

enum DemoText {
    static func step(_ step: Scenario.Step, _ outcome: StepOutcome, definitions: Definitions, _ l: Language) -> String {
        let vi = l == .vi
        var lines: [String] = []
        if let note = step.note { lines.append("• " + note[l]) }
        let head = "  [\(Timestamp.local(step.at, l))] \(step.actor)"
        switch outcome {
        case .created(let d):
            let wf = definitions.workflows[d.workflowID]
            lines.append("\(head) — \(vi ? "lập hồ sơ" : "opens") \(d.id) → \(wf?.stateLabel(d.state, l) ?? d.state)")
        case .transitioned(let d, let t):
            let wf = definitions.workflows[d.workflowID]
            lines.append("\(head) — \(d.id) \(t.event): \(wf?.stateLabel(t.from, l) ?? t.from) → \(wf?.stateLabel(t.to, l) ?? t.to)")
        case .refused(let r, let wf):
            lines.append("\(head) — \(r.dossierID) \(r.event): \(vi ? "TỪ CHỐI" : "REFUSED")")
            lines += r.message(l, workflow: wf).split(separator: "\n").dropFirst().map { "      " + $0 }
        }
        return lines.joined(separator: "\n")
    }
}
