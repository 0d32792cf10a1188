import Foundation
import KhenThuongKit
import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore
import KhenThuongBench

extension W1Bench {
    /// The same walk, written durably: one transaction holding every creation and transition
    /// event (hash chain included) and each dossier's final projection row.
    static func durable(seeds: [Seed], walk: Walk, time: Date, storePath: String, transitions n: Double) throws {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: storePath + suffix) }
        let store = try EventStore(path: storePath)
        let creator = Actor(role: "union_officer", unit: "", user: "cdcs")
        let start = monotonic()
        try store.writeBatch { batch in
            for s in seeds {
                var d = walk.dossier(s, at: time)
                var c = creator
                c.unit = s.unit
                try batch.append(created: d, actor: c, at: time)
                d = try walk.walk(s, at: time) { t, actor in
                    try batch.append(transition: t, dossierID: d.id, actor: actor, at: time)
                }
                try batch.saveProjection(d)
            }
        }
        let elapsed = monotonic() - start
        let report = try store.verify()
        guard report.firstBroken == nil, report.eventCount == Int64(7 * seeds.count) else {
            fatalError("durable W1: the store does not verify (\(report.eventCount) events)")
        }
        figure("w1.khenthuong.durable_tps", n / elapsed, "transitions/s", "one SQLite transaction (WAL, synchronous=FULL), hash chain, 2 threads")
        figure("w1.khenthuong.durable_events_per_s", Double(7 * seeds.count) / elapsed, "events/s", "creations + transitions")
    }
}

/// Builds a large store (N dossiers, M events) and times single CLI commands against it.
enum StoreBench {
    /// Creates `dossiers` submitted dossiers with long histories (deferred and resumed while
    /// submitted) so that the store holds `events` events in all, through the real machine,
    /// written in transactions of 20,000 dossiers.
    static func build(path: String, dossiers: Int, events: Int, workflows: String?) throws {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        let definitions = try Definitions.load(directory: repoWorkflows(workflows))
        let walk = W1Bench.Walk(definitions: definitions)
        let store = try EventStore(path: path)
        let pairsEach = max(0, (events / max(dossiers, 1) - 2) / 2)
        let leftover = max(0, events - dossiers * (2 + 2 * pairsEach))
        let time = Date(timeIntervalSince1970: 1_764_547_200)
        let secretariat = Actor(role: "secretariat", unit: "LDLD", user: "van.thu")
        let deferral = EventRequest(event: "defer", reason: "Đang xác minh đơn thư")
        let resumption = EventRequest(event: "resume", reason: "Đã có kết luận xác minh")
        let start = monotonic()
        var made = 0
        while made < dossiers {
            let end = min(dossiers, made + 20_000)
            try store.writeBatch { tx in
                for k in made..<end {
                    let seed = W1Bench.Seed(dossierID: String(format: "HS-2025-%07d", k + 1),
                                            nominee: Nominee(id: String(format: "P%07d", k + 1), name: "Nguyễn Văn \(k + 1)"), unit: "U\(k % 100 + 1)", initiatives: k % 3,
                                            councilSize: 7, votesFor: 7)
                    let creator = Actor(role: "union_officer", unit: seed.unit, user: "cdcs")
                    var d = walk.dossier(seed, at: time)
                    try tx.append(created: d, actor: creator, at: time)
                    var requests: [(EventRequest, Actor)] = [(EventRequest(event: "submit"), creator)]
                    // Pairs of defer/resume; the leftover events go to the first dossiers, two at a time.
                    let pairs = pairsEach + (2 * k + 1 < leftover ? 1 : 0)
                    for _ in 0..<pairs { requests += [(deferral, secretariat), (resumption, secretariat)] }
                    for (request, actor) in requests {
                        switch DossierMachine.decide(d, request, by: actor, at: time, in: walk.workflow, context: walk.context) {
                        case .success(let t):
                            d.apply(t, at: time)
                            try tx.append(transition: t, dossierID: d.id, actor: actor, at: time, reason: request.reason)
                        case .failure(let r):
                            fatalError(r.message(.en, workflow: walk.workflow))
                        }
                    }
                    try tx.saveProjection(d)
                }
            }
            made = end
            // Progress only on a terminal: piped output stays one figure per line.
            if isatty(2) != 0 { FileHandle.standardError.write(Data("\rbuilt \(made)/\(dossiers) dossiers".utf8)) }
        }
        if isatty(2) != 0 { FileHandle.standardError.write(Data("\n".utf8)) }
        figure("store.build_s", monotonic() - start, "s", "\(dossiers) dossiers, \(try store.eventCount()) events")
        figure("store.events", Double(try store.eventCount()), "events")
    }

    /// Times `khenthuong dossier act` (a real process, the release binary) on the big store,
    /// and `khenthuong verify` over all of it.
    static func act(storePath: String, binary: String, runs: Int, workflows: String?) throws {
        let store = try EventStore(path: storePath)
        // The dossiers `receive` can take: those in a state the yearly workflow's `receive` leaves.
        let folder = repoWorkflows(workflows)
        let yearly = try Definitions.load(directory: folder).workflows["yearly"]!
        let waiting = Set(yearly.definition.transitions.filter { $0.event == "receive" }.flatMap(\.from)).sorted()
        let submitted = try waiting.flatMap { try store.dossiers(state: $0, award: nil, unit: nil, year: nil) }
        guard submitted.count >= runs else { fatalError("the store has only \(submitted.count) submitted dossiers") }
        var times: [Double] = []
        for d in submitted.prefix(runs) {
            // The same definitions as the bench, wherever it is run from.
            let t = try run(binary, ["--store", storePath, "--workflows", folder, "--as", "secretariat@LDLD:van.thu", "dossier", "act", d.id, "receive"])
            times.append(t)
        }
        times.sort()
        figure("cli.act.median_ms", times[times.count / 2] * 1000, "ms", "wall time of one `dossier act` process, \(runs) runs")
        figure("cli.act.max_ms", times.last! * 1000, "ms")
        let verify = try run(binary, ["--store", storePath, "verify"])
        figure("cli.verify_s", verify, "s", "\(try store.eventCount()) events, wall time of the process")
    }

    /// Runs `binary` with `args` (posix_spawn + waitpid: Foundation's `Process.waitUntilExit`
    /// polls a run loop and would add tens of milliseconds) and returns its wall time.
    static func run(_ binary: String, _ args: [String]) throws -> Double {
        let argv = ([binary] + args).map { strdup($0) } + [nil]
        defer { for p in argv { free(p) } }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var pid: pid_t = 0
        let start = monotonic()
        let rc = posix_spawn(&pid, binary, &actions, nil, argv, environ)
        guard rc == 0 else { fatalError("cannot start \(binary): \(String(cString: strerror(rc)))") }
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        let t = monotonic() - start
        guard status == 0 else { fatalError("\(args.joined(separator: " ")) exited with status \(status)") }
        return t
    }
}
