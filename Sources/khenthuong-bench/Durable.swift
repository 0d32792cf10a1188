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
        // One signature for the whole batch (one commit), as a signed import would make.
        let key = try PrivateKey.generate()
        let start = monotonic()
        try store.writeBatch(signedBy: key) { batch in
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
        guard report.isIntact, report.commits.commitCount == 1, report.eventCount == Int64(7 * seeds.count) else {
            fatalError("durable W1: the store does not verify (\(report.eventCount) events)")
        }
        figure("w1.khenthuong.durable_tps", n / elapsed, "transitions/s", "one SQLite transaction (WAL, synchronous=FULL), hash chain, one Ed25519-signed commit, 2 threads")
        figure("w1.khenthuong.durable_events_per_s", Double(7 * seeds.count) / elapsed, "events/s", "creations + transitions")
    }
}

/// Builds a large store (N dossiers, M events) and times single CLI commands against it.
enum StoreBench {
    /// The units of the bench store: `LDLD` (the federation the dossiers are addressed to) and
    /// the grassroots unions `U1…U100` under it.
    static let unitCount = 100
    static let administrator = Actor(role: Grant.administratorRole, unit: "*", user: "admin")
    static let secretariat = Actor(role: "secretariat", unit: "LDLD", user: "van.thu")
    /// The key files of the signed store, in its keys folder.
    static let secretariatKeyFile = "van.thu.pem"
    static func officerKeyFile(_ unit: String) -> String { "cdcs-\(unit).pem" }

    /// Creates `dossiers` submitted dossiers with long histories (deferred and resumed while
    /// submitted) so that the store holds `events` events in all (directory records aside),
    /// through the real machine, written in a few large transactions.
    ///
    /// Signed (the default): the store first gets a directory — an administrator, units `LDLD`
    /// and `U1…U100`, grants `union_officer@Ui:cdcs` (one key per unit) and
    /// `secretariat@LDLD:van.thu` — recorded in one commit signed by the administrator, keys
    /// written to `keys` (default `PATH-keys/`). A commit has one signer and each event's actor
    /// must be a grant of that signer, so the dossiers' events are signed by the person who
    /// fired them, in two phases of commands of `events ÷ dossiers` events each:
    /// 1. creations and submissions, unit by unit: one commit per `e/2` dossiers of a unit
    ///    (create + submit each), signed by that unit's officer;
    /// 2. the defer/resume pairs, dossier by dossier: one commit per `e/2` pairs, signed by the
    ///    secretariat.
    /// With 100,000 dossiers and 1,000,000 events that is 20,000 + 80,000 = 100,000 commits of
    /// 10 events each (plus the directory's). `unsigned` writes the same events in the same
    /// order with no directory and no commit.
    static func build(path: String, dossiers: Int, events: Int, workflows: String?, unsigned: Bool, keys: String?) throws {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        let definitions = try Definitions.load(directory: repoWorkflows(workflows))
        let walk = W1Bench.Walk(definitions: definitions)
        let store = try EventStore(path: path)
        let pairsEach = max(0, (events / max(dossiers, 1) - 2) / 2)
        let leftover = max(0, events - dossiers * (2 + 2 * pairsEach))
        // Events per command: the dossiers of a phase-1 commit, the pairs of a phase-2 commit.
        let perCommit = max(1, events / max(dossiers, 1) / 2)
        let time = Date(timeIntervalSince1970: 1_764_547_200)
        let units = (1...unitCount).map { "U\($0)" }
        var officerKeys: [PrivateKey] = []
        var secretariatKey: PrivateKey?
        let start = monotonic()
        if !unsigned {
            let folder = keys ?? path + "-keys"
            try? FileManager.default.removeItem(atPath: folder)
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            func key(_ file: String, _ name: String) throws -> PrivateKey {
                let k = try PrivateKey.generate()
                try KeyFile.write(k, name: name, passphrase: nil, to: (folder as NSString).appendingPathComponent(file))
                return k
            }
            let admin = try key("admin.pem", "Quản trị viên")
            let clerk = try key(secretariatKeyFile, "Văn thư LĐLĐ")
            secretariatKey = clerk
            for u in units { officerKeys.append(try key(officerKeyFile(u), "Cán bộ công đoàn \(u)")) }
            try store.write(signedBy: admin) { tx in
                try tx.append(AdministratorAdded(key: admin.publicKey, user: administrator.user, name: "Quản trị viên"), actor: administrator, at: time)
                try tx.append(UnitAdded(code: "LDLD", name: "Liên đoàn Lao động tỉnh", kind: .ldldTinh, parent: nil), actor: administrator, at: time)
                for u in units {
                    try tx.append(UnitAdded(code: u, name: "Công đoàn cơ sở \(u)", kind: .cdcs, parent: "LDLD"), actor: administrator, at: time)
                }
                try tx.append(GrantAdded(role: secretariat.role, unit: secretariat.unit, user: secretariat.user, name: "Văn thư LĐLĐ",
                                         key: clerk.publicKey), actor: administrator, at: time)
                for (i, u) in units.enumerated() {
                    try tx.append(GrantAdded(role: "union_officer", unit: u, user: "cdcs", name: "Cán bộ công đoàn \(u)",
                                             key: officerKeys[i].publicKey), actor: administrator, at: time)
                }
            }
        }
        func decide(_ d: inout Dossier, _ request: EventRequest, _ actor: Actor, _ tx: BatchAppender) throws {
            switch DossierMachine.decide(d, request, by: actor, at: time, in: walk.workflow, context: walk.context) {
            case .success(let t):
                d.apply(t, at: time)
                try tx.append(transition: t, dossierID: d.id, actor: actor, at: time, reason: request.reason)
            case .failure(let r):
                fatalError(r.message(.en, workflow: walk.workflow))
            }
        }
        func pairs(_ k: Int) -> Int { pairsEach + (2 * k + 1 < leftover ? 1 : 0) }
        func progress(_ text: String) {
            // Only on a terminal: piped output stays one figure per line.
            if isatty(2) != 0 { FileHandle.standardError.write(Data("\r\(text)".utf8)) }
        }
        // Phase 1: creations and submissions, unit by unit (dossier k belongs to unit k % 100).
        var all = [Dossier?](repeating: nil, count: dossiers)
        let unitsPerBatch = max(1, 20_000 * unitCount / max(dossiers, 1))
        var u = 0
        while u < unitCount {
            let last = min(unitCount, u + unitsPerBatch)
            try store.writeBatch(signedBy: nil) { tx in
                for ui in u..<last {
                    let creator = Actor(role: "union_officer", unit: units[ui], user: "cdcs")
                    var inCommit = 0
                    for k in stride(from: ui, to: dossiers, by: unitCount) {
                        let seed = W1Bench.Seed(dossierID: String(format: "HS-2025-%07d", k + 1),
                                                nominee: Nominee(id: String(format: "P%07d", k + 1), name: "Nguyễn Văn \(k + 1)"),
                                                unit: units[ui], initiatives: k % 3, councilSize: 7, votesFor: 7)
                        var d = walk.dossier(seed, at: time)
                        try tx.append(created: d, actor: creator, at: time)
                        try decide(&d, EventRequest(event: "submit"), creator, tx)
                        try tx.saveProjection(d)
                        all[k] = d
                        inCommit += 1
                        if inCommit == perCommit, !unsigned {
                            try tx.seal(signedBy: officerKeys[ui])
                            inCommit = 0
                        }
                    }
                    if !unsigned { try tx.seal(signedBy: officerKeys[ui]) }
                }
            }
            u = last
            progress("phase 1: \(u)/\(unitCount) units")
        }
        // Phase 2: the defer/resume pairs, dossier by dossier, signed by the secretariat.
        let deferral = EventRequest(event: "defer", reason: "Đang xác minh đơn thư")
        let resumption = EventRequest(event: "resume", reason: "Đã có kết luận xác minh")
        var made = 0
        while made < dossiers {
            let end = min(dossiers, made + 20_000)
            try store.writeBatch(signedBy: secretariatKey) { tx in
                var inCommit = 0
                for k in made..<end where pairs(k) > 0 {
                    var d = all[k]!
                    for _ in 0..<pairs(k) {
                        try decide(&d, deferral, secretariat, tx)
                        try decide(&d, resumption, secretariat, tx)
                        inCommit += 1
                        if inCommit == perCommit, let secretariatKey {
                            try tx.seal(signedBy: secretariatKey)
                            inCommit = 0
                        }
                    }
                    try tx.saveProjection(d)
                    all[k] = nil
                }
            }
            made = end
            progress("phase 2: \(made)/\(dossiers) dossiers")
        }
        if isatty(2) != 0 { FileHandle.standardError.write(Data("\n".utf8)) }
        let commits = try store.commits(from: 1).count
        figure("store.build_s", monotonic() - start, "s", "\(dossiers) dossiers, \(try store.eventCount()) events, \(commits) signed commits")
        figure("store.events", Double(try store.eventCount()), "events")
        figure("store.commits", Double(commits), "commits", unsigned ? "unsigned store" : "the directory's commit + one per command")
    }

    /// The keys folder of a signed bench store (`PATH-keys/` unless given), if it exists.
    static func keysFolder(store: String, _ given: String?) -> String? {
        let folder = given ?? store + "-keys"
        return FileManager.default.fileExists(atPath: (folder as NSString).appendingPathComponent(secretariatKeyFile)) ? folder : nil
    }

    /// Times `khenthuong dossier act` (a real process, the release binary) on the big store,
    /// signed with the secretariat's key when the store has a keys folder, and
    /// `khenthuong verify` over all of it.
    static func act(storePath: String, binary: String, runs: Int, workflows: String?, keys: String?) throws {
        let store: any EventLog = PostgresEventLog.isLocation(storePath) ? try PostgresEventLog(location: storePath) : try EventStore(path: storePath)
        // The dossiers `receive` can take: those in a state the yearly workflow's `receive` leaves.
        let folder = repoWorkflows(workflows)
        let yearly = try Definitions.load(directory: folder).workflows["yearly"]!
        let waiting = Set(yearly.definition.transitions.filter { $0.event == "receive" }.flatMap(\.from)).sorted()
        let submitted = try waiting.flatMap { try store.dossiers(state: $0, award: nil, unit: nil, year: nil) }
        guard submitted.count >= runs else { fatalError("the store has only \(submitted.count) submitted dossiers") }
        let keyArgs = keysFolder(store: storePath, keys).map { ["--key", ($0 as NSString).appendingPathComponent(secretariatKeyFile)] } ?? []
        var times: [Double] = []
        for d in submitted.prefix(runs) {
            // The same definitions as the bench, wherever it is run from.
            let t = try run(binary, ["--store", storePath, "--workflows", folder] + keyArgs
                                    + ["--as", "secretariat@LDLD:van.thu", "dossier", "act", d.id, "receive"])
            times.append(t)
        }
        times.sort()
        let how = keyArgs.isEmpty ? "unsigned" : "signed with --key"
        figure("cli.act.median_ms", times[times.count / 2] * 1000, "ms", "wall time of one `dossier act` process (\(how)), \(runs) runs")
        figure("cli.act.max_ms", times.last! * 1000, "ms")
        let verify = try run(binary, ["--store", storePath, "--workflows", folder, "verify"])
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
