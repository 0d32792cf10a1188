import Foundation
import KhenThuongKit
import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore

/// `demo`: builds a fresh store from the sample season shipped in `workflows/samples/` and
/// walks its dossiers through both workflows, printing what happened at each step.
enum DemoCommand {
    static let defaultStore = "khenthuong-demo.sqlite"

    static let command = Command(
        path: ["demo"], synopsis: "[--scenario FILE] [--site DIR] | --hierarchy DIR",
        summary: .init(vi: "chạy mùa xét khen thưởng mẫu trên một kho mới và in diễn biến", en: "run the sample award season on a fresh store and print what happens"),
        help: .init(vi: """
            Kho mặc định: ./\(defaultStore) (được tạo lại mỗi lần chạy). Với --store, tệp phải chưa tồn tại.
              --scenario FILE   kịch bản khác (mặc định workflows/samples/demo-season.json)
              --site DIR        thư mục trang công khai (mặc định: cạnh kho, tên kho + “-site”, ví dụ ./khenthuong-demo-site)
              --hierarchy DIR   thay vào đó: ba kho (CĐCS, LĐLĐ, Tổng Liên đoàn) trong thư mục mới DIR trao đổi phong bì đã ký
                                qua một mùa xét, rồi verify --witnesses trên từng kho (docs/exchange.md)
            Biên bản họp và gói trình cấp trên được ghi vào thư mục của kho, tên theo kịch bản.
            """,
                    en: """
            Default store: ./\(defaultStore) (recreated on every run). With --store, the file must not exist yet.
              --scenario FILE   another scenario (default workflows/samples/demo-season.json)
              --site DIR        the public site's folder (default: beside the store, its name + “-site”, e.g. ./khenthuong-demo-site)
              --hierarchy DIR   instead: three stores (CĐCS, LĐLĐ, Tổng Liên đoàn) in the new folder DIR exchange signed envelopes
                                over a season, then verify --witnesses on each (docs/exchange.md)
            The session minutes and the upward package are written to the store's folder, named by the scenario.
            """)
    ) { args, ctx throws(CLIError) in
        if let folder = try args.value("hierarchy") {
            for other in ["scenario", "site"] where try args.value(other) != nil {
                throw CLIError.usage(.init(vi: "--hierarchy chạy ba kho của riêng nó; không dùng cùng --\(other)",
                                           en: "--hierarchy runs its own three stores; it does not take --\(other)"), command: "demo")
            }
            try args.finish()
            var hierarchy = try DemoHierarchy(ctx, folder: folder)
            return try hierarchy.run()
        }
        let scenarioPath: String
        if let given = try args.value("scenario") { scenarioPath = given } else {
            scenarioPath = (DefinitionsLayout(directory: try ctx.workflowsDirectory).samples as NSString).appendingPathComponent("demo-season.json")
        }
        let site = try args.value("site")
        try args.finish()
        var ctx = ctx
        try prepareStore(&ctx)
        let scenario = try readScenario(scenarioPath)
        let (definitions, store) = (try ctx.definitions(), try ctx.openStore(create: true))
        // The cast and their keys: every step is signed by the person who acts.
        let directoryFile = (DefinitionsLayout(directory: try ctx.workflowsDirectory).samples as NSString).appendingPathComponent("directory.json")
        let keys = try DemoKeys.setUp(store, directoryFile: directoryFile, at: scenario.steps.first?.at ?? ctx.clock(), ctx)
        let directory = try DirectoryCommands.load(store, ctx)
        let setUpEvents = try Runner.perform(ctx) { try store.eventCount() }
        let runner = try EligibilityGuardText.runner(definitions, store, guarding: "submit", ctx)
        let files = ScenarioFiles(inputDirectory: (scenarioPath as NSString).deletingLastPathComponent, outputDirectory: (ctx.storePath as NSString).deletingLastPathComponent,
                                  site: site ?? (ctx.storePath as NSString).deletingPathExtension + "-site", language: ctx.language)
        var tally = DemoText.Tally(scenarioPath: scenarioPath)
        ctx.console.line(scenario.title[ctx.language] + "\n" + (ctx.vi ? "Kho: \(ctx.storePath)\n" : "Store: \(ctx.storePath)\n"))
        try Runner.perform(ctx) {
            try runner.run(scenario, files: files, beforeStep: { step in
                store.signer = DemoKeys.signer(for: step.actor, keys: keys, directory: directory)
            }) { step, outcome in
                ctx.console.line(DemoText.step(step, outcome, definitions: runner.definitions, ctx.language))
                tally.count(step, outcome)
            }
        }
        let (audit, dossiers, decisions) = try Runner.perform(ctx) {
            (try StoreAudit.run(runner.store, definitions: runner.definitions), try runner.store.dossiers(state: nil, award: nil, unit: nil, year: nil),
             try DecisionBook(runner: runner).decisions())
        }
        ctx.console.line("\n" + DossierText.table(dossiers, definitions: runner.definitions, unitName: UnitNames.lookup(runner.store), ctx.language) + "\n")
        ctx.console.line(DemoText.summary(tally, audit: audit, setUpEvents: setUpEvents, dossiers: dossiers, decisions: decisions, definitions: runner.definitions, storePath: ctx.storePath, ctx.language))
        if !tally.surprises.isEmpty {
            throw CLIError(.init(vi: "kịch bản không diễn ra như dự kiến ở các bước: \(tally.surprises.joined(separator: ", "))",
                                 en: "the scenario did not go as expected at steps: \(tally.surprises.joined(separator: ", "))"), exit: .refused)
        }
        return audit.isIntact ? .success : .dataError
    }

    static func readScenario(_ path: String) throws(CLIError) -> Scenario {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw CLIError(.init(vi: "không đọc được kịch bản \(path)", en: "cannot read the scenario \(path)"),
                           fix: .init(vi: "kiểm tra đường dẫn --scenario", en: "check the --scenario path"), exit: .dataError)
        }
        do { return try Scenario.parse(text, file: path) } catch {
            throw CLIError.from(error, language: .vi)
        }
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
