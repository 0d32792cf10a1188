import Foundation
import KhenThuongKit
import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore

/// What the movement commands share: one atomic write, the shipped catalog.
enum MovementCLI {
    /// Runs `body` in one store transaction with the acting person and the clock.
    @discardableResult
    static func write<T>(_ ctx: Context, _ body: (any EventLog, inout StoreTransaction, Actor, Date) throws -> T) throws(CLIError) -> T {
        let actor = try ctx.actor()
        let store = try ctx.openStore()
        let now = ctx.clock()
        do {
            return try store.write { tx in try body(store, &tx, actor, now) }
        } catch {
            throw CLIError.from(error, language: ctx.language)
        }
    }

    /// A unit as a person reads it (`Directory.label`): its directory name with the code after
    /// it, or the code alone when the store's directory does not know it (and under `--json`,
    /// which prints the code in a field of its own and reads no directory).
    static func unitText(_ code: String, _ ctx: Context) -> String {
        guard !ctx.json, let store = try? ctx.openStore() else { return code }
        return Directory.label(code, name: UnitNames.lookup(store)(code))
    }

    /// A sentence, or the given fields as JSON.
    static func done(_ ctx: Context, _ fields: [String: String], vi: String, en: String) {
        if ctx.json { ctx.printJSON(fields) } else { ctx.console.line(ctx.vi ? vi : en) }
    }

    static func ledger(_ ctx: Context) throws(CLIError) -> MovementLedger {
        let store = try ctx.openStore()
        return try Runner.perform(ctx) { try MovementLedger.read(store) }
    }

    /// Movement `id` and its targets' progress on `asOf`: a target that says what it counts is
    /// counted from the store's awards and recorded facts, else from the typed figures.
    static func progress(_ ctx: Context, _ id: String, asOf: CivilDate) throws(CLIError) -> (Movement, [TargetProgress]) {
        let ledger = try ledger(ctx)
        let movement: Movement
        do { movement = try ledger.movement(id) } catch { throw CLIError.from(error, language: ctx.language) }
        var recorded = RecordedCounts.empty
        if movement.targets.contains(where: { $0.counts != nil }) {
            let store = try ctx.openStore(), definitions = try ctx.definitions()
            recorded = try Runner.perform(ctx) { try RecordedCounts.read(store, definitions: definitions, asOf: asOf) }
        }
        do { return (movement, try ledger.progress(id, asOf: asOf, recorded: recorded)) } catch { throw CLIError.from(error, language: ctx.language) }
    }

    /// The “where the figures come from” lines under a progress table (awards by name).
    static func sourceLines(_ m: Movement, _ progress: [TargetProgress], _ ctx: Context) -> [String] {
        let awards = try? ctx.definitions().awards
        return MovementText.sourceLines(m, progress, ctx.language) { awards?.award($0)?.name[ctx.language] ?? $0 }
    }

    static func shipped(_ ctx: Context) throws(CLIError) -> [Movement] {
        let layout = DefinitionsLayout(directory: try ctx.workflowsDirectory)
        let dir = layout.movements
        let (movements, findings) = layout.movementDefinitions()
        if findings.contains(where: { $0.severity == .error }) {
            throw CLIError(.init(vi: "định nghĩa phong trào trong \(dir) có lỗi", en: "the movement definitions in \(dir) have errors"),
                           fix: .init(vi: "sửa các lỗi trên", en: "fix the findings above"), exit: .dataError, details: findings.map { $0.rendered(ctx.language) })
        }
        return movements
    }

    struct Overview: Encodable {
        var id: String; var name: String; var document: String; var period: String; var targets: Int; var recorded: Bool
    }

    /// Recorded movements (when a store exists) and shipped ones not recorded yet.
    static func overview(_ ctx: Context) throws(CLIError) -> [Overview] {
        let recorded = ctx.storeMayExist ? try ledger(ctx).movements : [:]
        var all = recorded
        for m in try shipped(ctx) where all[m.id] == nil { all[m.id] = m }
        return all.keys.sorted().map { id in
            let m = all[id]!
            let end = m.period.to.map { $0.formatted(ctx.language) } ?? "…"
            return Overview(id: id, name: m.name[ctx.language], document: "\(m.document.number) (\(m.document.date.formatted(ctx.language)))",
                            period: "\(m.period.from.formatted(ctx.language)) – \(end)", targets: m.targets.count, recorded: recorded[id] != nil)
        }
    }

    /// The recorded movement `id`, else the shipped one, with its canonical JSON.
    static func find(_ id: String, _ ctx: Context) throws(CLIError) -> (Movement, String) {
        if ctx.storeMayExist {
            let l = try ledger(ctx)
            if let m = l.movements[id], let json = l.definitions[id] { return (m, json) }
        }
        let dir = DefinitionsLayout(directory: try ctx.workflowsDirectory).movements
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).filter { $0.hasSuffix(".json") }.sorted()
        for name in names {
            let path = (dir as NSString).appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: path),
                  let (m, json) = try? MovementLoader.canonical(String(decoding: data, as: UTF8.self), file: path), m.id == id else { continue }
            return (m, json)
        }
        let known = (try? overview(ctx))?.map(\.id) ?? []
        throw CLIError(.init(vi: "không có phong trào “\(id)”", en: "there is no movement “\(id)”"),
                       fix: .init(vi: "các phong trào: \(known.joined(separator: ", "))", en: "movements: \(known.joined(separator: ", "))"), exit: .dataError)
    }

    /// The target described by `target add`'s options.
    static func target(_ args: inout ArgumentList) throws(CLIError) -> MovementTarget {
        let id = try args.required("id")
        let kindText = try args.required("kind")
        guard let kind = MovementTarget.Kind(rawValue: kindText), kind != .qualitative else {
            throw CLIError.usage(.init(vi: "--kind phải là count, share, perUnit hoặc unitShare, không phải “\(kindText)”", en: "--kind must be count, share, perUnit or unitShare, not “\(kindText)”"), command: args.command)
        }
        let compText = try args.value("comparison") ?? "atLeast"
        guard let comparison = MovementTarget.Comparison(rawValue: compText) else {
            throw CLIError.usage(.init(vi: "--comparison phải là atLeast (ít nhất, ≥) hoặc greaterThan (trên, >)", en: "--comparison must be atLeast (≥) or greaterThan (>)"), command: args.command)
        }
        let goalText = try args.required("goal")
        guard let goal = Double(goalText.replacingOccurrences(of: ",", with: ".")), goal >= 0, !(kind == .share || kind == .unitShare) || goal <= 100 else {
            throw CLIError.usage(.init(vi: "--goal phải là số không âm (tỉ lệ thì không quá 100), không phải “\(goalText)”", en: "--goal must be a non-negative number (at most 100 for shares), not “\(goalText)”"), command: args.command)
        }
        let from = try args.date("from")
        let deadline = try args.date("deadline")
        if let from, let deadline, deadline < from {
            throw CLIError.usage(.init(vi: "--deadline \(deadline.vietnamese) trước --from \(from.vietnamese); hạn phải từ ngày bắt đầu trở đi",
                                       en: "--deadline \(deadline) is before --from \(from); the deadline must be on or after the start"), command: args.command)
        }
        let yearly = args.flag("yearly")
        let vi = try args.required("text").nfc
        let en = try args.value("text-en")?.nfc ?? vi
        return MovementTarget(id: id, kind: kind, text: .init(vi: vi, en: en), comparison: comparison, goal: goal,
                              from: from, deadline: deadline, yearly: yearly)
    }

    /// Per-unit figures under the progress table.
    static func unitLines(_ progress: [TargetProgress], _ ctx: Context) -> String {
        var rows: [[String]] = []
        for p in progress {
            for u in p.units {
                rows.append([p.target, u.unit, NumberText.integer(u.value, ctx.language) + (u.of.map { "/" + NumberText.integer($0, ctx.language) } ?? ""),
                             u.met ? (ctx.vi ? "đạt" : "met") : (ctx.vi ? "chưa đạt" : "not met")])
            }
        }
        let header = ctx.vi ? ["Chỉ tiêu", "Đơn vị", "Số liệu", "Đơn vị đạt"] : ["Target", "Unit", "Figure", "Unit met"]
        return "\n" + TextTable.render(header: header, rows: rows)
    }
}
