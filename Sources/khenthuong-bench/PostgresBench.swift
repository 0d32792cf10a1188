import Foundation
import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongKit
import KhenThuongStore

/// `khenthuong-bench pg writers --store LOCATION [--processes 16] [--commands 200]`: many writer
/// processes at once, each doing `dossier act` through the library (`DossierRunner.act`, one
/// commit each) on dossiers of its own; prints commits/s over all of them and the p50/p99 of one
/// act. LOCATION is a `postgresql://` database (emptied first: it must be a bench database) or
/// an SQLite file (recreated), so both backends are measured by the same code.
enum PostgresBench {
    static let officer = Actor(role: "union_officer", unit: "CDCS-DHBK", user: "nguyen.a")
    static let documents = ["cover_letter", "achievement_report", "review_minutes"]

    static func open(_ location: String, create: Bool) throws -> any EventLog {
        PostgresEventLog.isLocation(location) ? try PostgresEventLog(location: location, create: create, lockTimeoutMilliseconds: 60_000)
                                              : try EventStore(path: location, busyTimeoutMilliseconds: 60_000)
    }

    /// The parent: prepares `processes × commands` draft dossiers, starts the writers, gathers.
    static func writers(location: String, processes: Int, commands: Int, workflows: String?, binary: String) throws {
        let folder = repoWorkflows(workflows)
        let definitions = try Definitions.load(directory: folder)
        if PostgresEventLog.isLocation(location) {
            let admin = try PostgresEventLog(location: location, create: true)
            guard try admin.eventCount() == 0 else { fail("\(location) is not empty: give a fresh bench database") }
        } else {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: location + suffix) }
        }
        let store = try open(location, create: true)
        let runner = DossierRunner(definitions: definitions, store: store)
        let time = Date()
        for p in 0..<processes {
            for c in 0..<commands {
                _ = try runner.create(NewDossier(id: "P\(p)-\(c)", awardID: "lao_dong_tien_tien", year: 2025,
                                                 nominee: Nominee(id: "N\(p)-\(c)", name: "Nguyễn Thị Hoa"), proposerUnit: officer.unit,
                                                 addresseeUnit: "LDLD-HN", documents: documents), by: officer, at: time)
            }
        }
        let before = try store.eventCount()
        let startAt = Date().timeIntervalSince1970 + 2 + Double(processes) * 0.1
        var children: [(pid_t, String)] = []
        for p in 0..<processes {
            let out = NSTemporaryDirectory() + "khenthuong-bench-writer-\(getpid())-\(p).txt"
            let args = ["pg", "writer", "--store", location, "--id", "\(p)", "--commands", "\(commands)",
                        "--at", String(startAt), "--workflows", folder]
            children.append((spawn(binary, args, stdout: out), out))
        }
        var latencies: [Double] = []
        var end = 0.0
        var cpu = 0.0
        for (pid, out) in children {
            var status: Int32 = 0
            waitpid(pid, &status, 0)
            guard status == 0 else { fail("a writer exited with status \(status): \((try? String(contentsOfFile: out, encoding: .utf8)) ?? "")") }
            let text = try String(contentsOfFile: out, encoding: .utf8)
            for line in text.split(separator: "\n") {
                let parts = line.split(separator: " ")
                if parts.first == "LAT", let v = Double(parts[1]) { latencies.append(v) }
                if parts.first == "END", let v = Double(parts[1]) { end = max(end, v) }
                if parts.first == "CPU", let v = Double(parts[1]) { cpu += v }
            }
            try? FileManager.default.removeItem(atPath: out)
        }
        let after = try store.eventCount()
        let report = try store.verify()
        guard report.isIntact, after - before == Int64(processes * commands) else {
            fail("after the run: \(after - before) events for \(processes * commands) acts, verify intact: \(report.isIntact)")
        }
        latencies.sort()
        let wall = end - startAt
        let kind = PostgresEventLog.isLocation(location) ? "postgresql" : "sqlite"
        figure("\(kind).writers.commits_per_s", Double(processes * commands) / wall, "commits/s",
               "\(processes) processes × \(commands) `dossier act` (library), one commit each, \(String(format: "%.2f", wall)) s; chain verified")
        figure("\(kind).writers.p50_ms", latencies[latencies.count / 2] * 1000, "ms")
        figure("\(kind).writers.p99_ms", latencies[min(latencies.count - 1, latencies.count * 99 / 100)] * 1000, "ms")
        figure("\(kind).writers.client_cpu_ms_per_commit", cpu * 1000 / Double(processes * commands), "ms",
               "user + system CPU of the writer processes during their acts (start-up excluded), per commit")
        // For a script sampling the server's CPU over the same window (wall clock, seconds).
        FileHandle.standardOutput.write(Data("WINDOW \(String(format: "%.3f", startAt)) \(String(format: "%.3f", end))\n".utf8))
    }

    /// One writer process: waits for the common start, then acts `commands` times.
    static func writer(location: String, id: Int, commands: Int, at: Double, workflows: String?) throws {
        let definitions = try Definitions.load(directory: repoWorkflows(workflows))
        let store = try open(location, create: false)
        let runner = DossierRunner(definitions: definitions, store: store)
        let wait = at - Date().timeIntervalSince1970
        if wait > 0 { usleep(UInt32(wait * 1_000_000)) }
        var lines = ""
        let cpu0 = processCPU()
        for c in 0..<commands {
            let t0 = monotonic()
            _ = try runner.act(on: "P\(id)-\(c)", EventRequest(event: "submit"), by: officer, at: Date())
            lines += "LAT \(monotonic() - t0)\n"
        }
        lines += "END \(Date().timeIntervalSince1970)\n"
        lines += "CPU \(processCPU() - cpu0)\n"
        FileHandle.standardOutput.write(Data(lines.utf8))
    }

    /// User plus system CPU time this process has used, in seconds.
    static func processCPU() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }

    static func spawn(_ binary: String, _ args: [String], stdout: String) -> pid_t {
        let argv = ([binary] + args).map { strdup($0) } + [nil]
        defer { for p in argv { free(p) } }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, binary, &actions, nil, argv, environ)
        guard rc == 0 else { fail("cannot start \(binary): \(String(cString: strerror(rc)))") }
        return pid
    }
}
