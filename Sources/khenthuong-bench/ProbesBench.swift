import Foundation
import KhenThuongStore

/// `khenthuong-bench probes --binary PATH [--work DIR]`: the hostile inputs of issue 16, items
/// 1–7, re-run against the real binary. Each input is generated in the work folder (a fresh
/// temporary folder unless `--work` names an absent or empty one), the binary runs on it as a
/// child process, and one line is printed per probe:
///
///     FIG probes <name> exit=<code> signal=<none|N> wall_s=<x> maxrss_mb=<y> ok=<true|false>
///
/// `maxrss_mb` is the child's peak resident memory (`ru_maxrss` from `wait4`, in MiB). A probe is
/// ok when the child ended without a signal, with the exit code the README's table gives for that
/// input (2 usage, 3 data; 0 for the valid minified files of item 6) and, when that code is not
/// 0, a message on standard error; a probe run on a store must leave its event count as it was,
/// and the blow-up inputs (items 5–7) must also end within 1 s and 200 MiB. A summary line counts signals and failed probes; the command exits 1 when any failed.
///
/// Each child runs with its address space capped at 8 GiB (`RLIMIT_AS`) and is killed after
/// 60 s, so a regression (the 40 GB table of item 5) ends as a signal on this machine instead of
/// taking it down.
enum ProbesBench {
    /// One hostile input: the command line, the environment it runs in, and what must happen.
    struct Probe {
        var name: String
        var args: [String]
        var now: String = ProbesBench.seasonNow
        var store: String? = nil
        /// The exit code the README's table gives for this input.
        var expected: Int32
        /// Items 5–7: the run must also stay under 1 s and 200 MiB.
        var bounded: Bool = false
        /// `rules lint` lists its findings on standard output (its report), not standard error.
        var reportsOnStdout: Bool = false
    }

    /// How a child ended.
    struct Outcome {
        var exit: Int32?
        var signal: Int32?
        var seconds: Double
        var maxrssMiB: Double
        var stderr: String
        /// The first 4 KiB of standard output.
        var stdout: String
        /// Events the probe added to its store (a refused write adds none).
        var written: Int64 = 0
    }

    static let seasonNow = "2025-11-20T02:00:00Z"
    static let voteNow = "2025-12-16T02:00:00Z"
    static let movementNow = "2022-03-15T02:00:00Z"
    static let secondsLimit = 1.0
    static let memoryLimitMiB = 200.0
    static let timeout = 60.0
    static let addressSpace: rlim_t = 8 << 30

    static let officer = "--as=union_officer@CDCS-DHBK:le.thi.cuc"
    static let secretariat = "--as=secretariat@LDLD-HN:tran.thu.ha"
    static let chair = "--as=council_chair@LDLD-HN:pham.van.an"
    static let kgOfficer = "--as=secretariat@LDLD-KG:pham.c"
    static let ten = "pham.van.an,ngo.thi.binh,do.van.cuong,le.thi.dung,vu.van.em,hoang.thi.giang,bui.van.hai,dang.thi.khanh,trinh.van.long,mai.thi.minh"
    static let movement = "KG-VT-2022-01-trieu-sang-kien"

    /// Whether a probe's outcome is what issue 16 asks for.
    static func isOK(_ o: Outcome, _ p: Probe) -> Bool {
        guard o.signal == nil, let code = o.exit, code == p.expected, o.written == 0 else { return false }
        if code != 0 && (p.reportsOnStdout ? o.stdout : o.stderr).trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return false }
        return !p.bounded || (o.seconds < secondsLimit && o.maxrssMiB < memoryLimitMiB)
    }

    struct SetupFailed: Error, CustomStringConvertible { var description: String }

    static func run(binary given: String, work: String?, workflows: String?) throws -> Bool {
        let binary = given.hasPrefix("/") ? given : FileManager.default.currentDirectoryPath + "/" + given
        guard FileManager.default.isExecutableFile(atPath: binary) else { throw SetupFailed(description: "\(given) is not an executable file") }
        let folder = URL(fileURLWithPath: repoWorkflows(workflows)).standardizedFileURL.path
        let repository = (folder as NSString).deletingLastPathComponent
        let dir = try workFolder(work)
        let ownFolder = work == nil
        defer { if ownFolder { try? FileManager.default.removeItem(atPath: dir) } }
        let keyring = try copyKeys(from: repository + "/Tests/KhenThuongKitTests/Fixtures/test-keys", to: dir + "/keys")
        let env = ["KHENTHUONG_WORKFLOWS=\(folder)", "KHENTHUONG_KEYRING=\(keyring)"]
        var results: [(Probe, Outcome)] = []
        func probe(_ p: Probe, note: String = "") {
            var e = env + ["KHENTHUONG_NOW=\(p.now)"]
            e.append("KHENTHUONG_STORE=\(p.store ?? dir + "/no-store.sqlite")")
            let before = p.store.flatMap { try? EventStore(path: $0).eventCount() }
            var o = spawn(binary, ["--lang", "en"] + p.args, e, out: dir + "/\(p.name).out", err: dir + "/\(p.name).err")
            if let before, let store = p.store { o.written = ((try? EventStore(path: store).eventCount()) ?? before) - before }
            results.append((p, o))
            let line = String(format: "FIG probes %@ exit=%@ signal=%@ wall_s=%.3f maxrss_mb=%.1f ok=%@", p.name,
                              o.exit.map { "\($0)" } ?? "none", o.signal.map { "\($0)" } ?? "none", o.seconds, o.maxrssMiB, isOK(o, p) ? "true" : "false")
            let first = (p.reportsOnStdout ? o.stdout : o.stderr).split(separator: "\n").prefix(2).map { $0.trimmingCharacters(in: .whitespaces) }
                .joined(separator: " / ").prefix(220)
            let comment = [note, "expected exit \(p.expected)", o.written == 0 ? "" : "\(o.written) events written", String(first)].filter { !$0.isEmpty }.joined(separator: "; ")
            FileHandle.standardOutput.write(Data((line + "  # " + comment + "\n").utf8))
        }
        /// A set-up step: it must succeed, or the probes after it would test nothing.
        func setUp(_ args: [String], store: String, now: String) throws {
            let o = spawn(binary, args, env + ["KHENTHUONG_NOW=\(now)", "KHENTHUONG_STORE=\(store)"], out: "/dev/null", err: dir + "/setup.err")
            guard o.signal == nil, o.exit == 0 else { throw SetupFailed(description: "set-up step \(args.joined(separator: " ")) failed: \(o.stderr)") }
        }

        // 1. Counts near Int.max: a season store with one dossier in council review, a session open.
        let season = dir + "/season.sqlite"
        for args in [["init"], ["directory", "import", folder + "/samples/directory.json", "--keys", keyring],
                     [secretariat, "council", "create", folder + "/samples/council-ldld-hn.json"],
                     [officer, "dossier", "create", "--id", "HS-2", "--award", "lao_dong_tien_tien", "--year", "2025", "--nominee-id", "tran.van.minh",
                      "--nominee-name", "Trần Văn Minh", "--addressee", "LDLD-HN", "--attach", "cover_letter", "--attach", "achievement_report", "--attach", "review_minutes"],
                     [officer, "dossier", "submit", "HS-2", "--override-eligibility", "--reason", "Hồ sơ thử"],
                     [secretariat, "dossier", "act", "HS-2", "receive"], [secretariat, "dossier", "act", "HS-2", "start_appraisal"],
                     [secretariat, "dossier", "act", "HS-2", "send_to_council"]] {
            try setUp(args, store: season, now: seasonNow)
        }
        try setUp([secretariat, "council", "session", "open", "HĐTĐKT-LĐLĐ-HN", "--id", "01/BB", "--date", "2025-12-16", "--present", ten, "HS-2"],
                  store: season, now: voteNow)
        probe(Probe(name: "tally-int-max", args: [chair, "dossier", "act", "HS-2", "approve", "--tally", "1,1,9223372036854775807,1"],
                    now: voteNow, store: season, expected: 2), note: "item 1")
        probe(Probe(name: "vote-yes-int-max", args: [chair, "council", "vote", "01/BB", "HS-2", "--yes", "9223372036854775807", "--no", "0"],
                    now: voteNow, store: season, expected: 3), note: "item 1")

        // 2. 10,000-term operator chains in a rule of a copied definitions folder.
        let nominees = folder + "/samples/nominees-2025.json"
        for (op, label) in [("+", "plus"), ("&&", "and")] {
            let copy = try chainedWorkflows(folder, to: dir + "/workflows-chain-\(label)", op: op)
            probe(Probe(name: "chain-\(label)-rules-lint", args: ["--workflows", copy, "rules", "lint"], expected: 3, reportsOnStdout: true),
                  note: "item 2, findings on standard output")
            probe(Probe(name: "chain-\(label)-eligibility-check",
                        args: ["--workflows", copy, "eligibility", "check", "--nominees", nominees, "--id", "NV001", "--award", "lao_dong_tien_tien", "--year", "2025"],
                        expected: 3), note: "item 2")
            probe(Probe(name: "chain-\(label)-eligibility-batch",
                        args: ["--workflows", copy, "eligibility", "batch", "--nominees", nominees, "--award", "lao_dong_tien_tien", "--year", "2025"],
                        expected: 3), note: "item 2")
        }

        // 3. Years out of range.
        for year in ["1899", "0", "9999"] {
            probe(Probe(name: "year-\(year)", args: ["eligibility", "check", "--nominees", nominees, "--id", "NV001", "--award", "lao_dong_tien_tien", "--year", year],
                        expected: 2), note: "item 3")
        }

        // 4. A movement goal and figure of Int.max, in a store holding the Kiên Giang movement.
        let movements = dir + "/movement.sqlite"
        for args in [["init"], ["directory", "import", folder + "/samples/directory.json", "--keys", keyring],
                     [kgOfficer, "movement", "create", folder + "/movements/kg-vinh-thuan-2022-mot-trieu-sang-kien.json"]] {
            try setUp(args, store: movements, now: movementNow)
        }
        probe(Probe(name: "goal-int-max", args: [kgOfficer, "movement", "target", "add", movement, "--id", "t9", "--kind", "count",
                                                 "--goal", "9223372036854775807", "--text", "x"], now: movementNow, store: movements, expected: 3), note: "item 4")
        probe(Probe(name: "value-int-max", args: [kgOfficer, "movement", "record", movement, "--target", "50-sang-kien-den-31-5-2022", "--unit", "CDCS-THPT",
                                                  "--value", "9223372036854775807", "--date", "2022-02-01"], now: movementNow, store: movements, expected: 3), note: "item 4")

        // 5. A workflow of 100,000 states beside the shipped ones.
        let big = dir + "/workflows-big"
        try FileManager.default.copyItem(atPath: folder, toPath: big)
        let bigSize = try hugeWorkflow(states: 100_000, to: big + "/big.json")
        let bigNote = "item 5, big.json \(bigSize / 1024) KiB"
        probe(Probe(name: "workflow-100k-states-list", args: ["--workflows", big, "workflow", "list"], expected: 3, bounded: true), note: bigNote)
        probe(Probe(name: "workflow-100k-states-eligibility",
                    args: ["--workflows", big, "eligibility", "check", "--nominees", nominees, "--id", "NV001", "--award", "lao_dong_tien_tien", "--year", "2025"],
                    expected: 3, bounded: true), note: bigNote)

        // 6. Minified nominee files: valid ones are read (exit 0), a broken one named at its end.
        for kib in [318, 636] {
            let (path, last, bytes) = try minifiedNominees(from: nominees, bytes: kib * 1024, to: dir + "/nominees-\(kib)k.json")
            probe(Probe(name: "minified-\(kib)k", args: ["eligibility", "check", "--nominees", path, "--id", last, "--award", "lao_dong_tien_tien", "--year", "2025"],
                        expected: 0, bounded: true), note: "item 6, \(bytes) bytes on one line, the last nominee")
            let broken = dir + "/nominees-\(kib)k-broken.json"
            var text = try Data(contentsOf: URL(fileURLWithPath: path))
            text.removeLast(2)
            text.append(contentsOf: Array(",]}".utf8))
            try text.write(to: URL(fileURLWithPath: broken))
            probe(Probe(name: "minified-\(kib)k-broken", args: ["eligibility", "check", "--nominees", broken, "--id", last, "--award", "lao_dong_tien_tien", "--year", "2025"],
                        expected: 3, bounded: true), note: "item 6, a trailing comma at the end of the line")
        }

        // 7. CSV blow-ups, read by eligibility batch.
        let header = try String(contentsOfFile: folder + "/samples/nominees-2025.csv", encoding: .utf8).split(whereSeparator: \.isNewline).map(String.init)
        let columns = dir + "/columns.csv"
        _ = try writeFile(columns) { put in
            try put(Data(header[0].utf8))
            let commas = Data(repeating: UInt8(ascii: ","), count: 100_000)
            for _ in 0..<20 { try put(commas) }
            try put(Data(("\n" + header[1] + "\n").utf8))
        }
        probe(Probe(name: "csv-2m-empty-columns", args: ["eligibility", "batch", "--nominees", columns, "--award", "lao_dong_tien_tien", "--year", "2025"],
                    expected: 3, bounded: true), note: "item 7, a header of 2,000,000 empty columns")
        try? FileManager.default.removeItem(atPath: columns)
        let long = dir + "/long-line.csv"
        let size = try longLineCSV(header: header, to: long)
        probe(Probe(name: "csv-200mb-100mb-line", args: ["eligibility", "batch", "--nominees", long, "--award", "lao_dong_tien_tien", "--year", "2025"],
                    expected: 3, bounded: true), note: "item 7, \(size / 1_000_000) MB file, line 2 is 100 MiB long")
        try? FileManager.default.removeItem(atPath: long)

        let signals = results.filter { $0.1.signal != nil }.count
        let failed = results.filter { !isOK($0.1, $0.0) }.map(\.0.name)
        // A child's ru_maxrss starts from this process's own peak (posix_spawn shares its memory
        // until exec, and Linux keeps the larger high-water mark): it is printed so the floor is seen.
        let floor = String(format: "%.1f", peakResidentMiB())
        print("FIG probes summary probes=\(results.count) signals=\(signals) failed=\(failed.count) bench_maxrss_mb=\(floor)"
              + (failed.isEmpty ? "" : "  # failed: " + failed.joined(separator: ", ")))
        return failed.isEmpty
    }

    /// The work folder: `--work DIR` when it is absent or empty, else a fresh temporary folder.
    static func workFolder(_ given: String?) throws -> String {
        guard let given else {
            let dir = NSTemporaryDirectory() + "khenthuong-probes-\(getpid())-\(UUID().uuidString.prefix(8))"
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            return dir
        }
        let dir = URL(fileURLWithPath: given).standardizedFileURL.path
        if FileManager.default.fileExists(atPath: dir) {
            guard (try FileManager.default.contentsOfDirectory(atPath: dir)).isEmpty else {
                throw SetupFailed(description: "--work \(given) is not empty; name an absent or empty folder (the probes write stores and inputs there)")
            }
        } else {
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        }
        return dir
    }

    /// The test keys (never real ones) as the key ring, each readable by its owner only.
    static func copyKeys(from source: String, to keyring: String) throws -> String {
        try FileManager.default.createDirectory(atPath: keyring, withIntermediateDirectories: true)
        for file in try FileManager.default.contentsOfDirectory(atPath: source) where file.hasSuffix(".pem") {
            try FileManager.default.copyItem(atPath: source + "/" + file, toPath: keyring + "/" + file)
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: keyring + "/" + file)
        }
        return keyring
    }

    /// A copy of the definitions whose first criterion of `lao_dong_tien_tien` is a 10,000-term chain.
    static func chainedWorkflows(_ folder: String, to copy: String, op: String) throws -> String {
        try FileManager.default.copyItem(atPath: folder, toPath: copy)
        let file = copy + "/rules/lao_dong_tien_tien.json"
        let text = try String(contentsOfFile: file, encoding: .utf8)
        let chain = Array(repeating: op == "+" ? "1" : "true", count: 10_000).joined(separator: " \(op) ") + (op == "+" ? " > 0" : "")
        let old = #""expression": "duty_rating in [\"HTXSNV\", \"HTTNV\"]""#
        guard text.contains(old) else { throw SetupFailed(description: "\(file) no longer holds \(old); update the probe") }
        try text.replacingOccurrences(of: old, with: #""expression": "\#(chain)""#).write(toFile: file, atomically: true, encoding: .utf8)
        return copy
    }

    /// A chain workflow of `n` states (as `HardeningTests.workflow(states:)` builds it), written
    /// in pieces so this process stays small; returns the size in bytes.
    static func hugeWorkflow(states n: Int, to path: String) throws -> Int {
        let label = #""label": {"vi": "s", "en": "s"}"#
        return try writeFile(path) { put in
            try put(Data("""
                {"id": "big", "version": "1", "name": {"vi": "b", "en": "b"}, "description": {"vi": "b", "en": "b"},
                 "roles": [{"id": "r", "side": "proposer", "name": {"vi": "r", "en": "r"}}], "documents": [],
                 "states": [{"id": "s0", "kind": "initial", \(label)}
                """.utf8))
            for block in stride(from: 1, to: n, by: 1000) {
                try put(Data((block..<min(n, block + 1000)).map { #",\#n{"id": "s\#($0)", "kind": "\#($0 == n - 1 ? "final" : "normal")", \#(label)}"# }.joined().utf8))
            }
            try put(Data("],\n \"transitions\": [".utf8))
            for block in stride(from: 0, to: n - 1, by: 1000) {
                try put(Data((block..<min(n - 1, block + 1000)).map {
                    ($0 == 0 ? "" : ",\n") + #"{"event": "e\#($0)", \#(label), "from": ["s\#($0)"], "to": "s\#($0 + 1)", "roles": ["r"]}"#
                }.joined().utf8))
            }
            try put(Data("]}\n".utf8))
        }
    }

    /// Writes a file piece by piece; returns its size.
    static func writeFile(_ path: String, _ body: (_ put: (Data) throws -> Void) throws -> Void) throws -> Int {
        guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
            throw SetupFailed(description: "cannot write \(path)")
        }
        defer { try? handle.close() }
        var written = 0
        try body { data in try handle.write(contentsOf: data); written += data.count }
        return written
    }

    /// This process's peak resident memory (`VmHWM`), in MiB.
    static func peakResidentMiB() -> Double {
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kib = line.split(separator: " ").dropFirst().first.flatMap({ Double($0) }) else { return .nan }
        return kib / 1024
    }

    /// The sample nominees repeated under new ids, minified onto one line, to at least `bytes`
    /// bytes; returns the path, the last nominee's id and the size.
    static func minifiedNominees(from sample: String, bytes: Int, to path: String) throws -> (String, String, Int) {
        let root = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: sample))) as? [String: Any]
        guard let list = root?["nominees"] as? [[String: Any]], !list.isEmpty else { throw SetupFailed(description: "\(sample) has no nominees") }
        var items: [String] = [], size = 15, last = ""
        while size < bytes {
            var n = list[items.count % list.count]
            last = "\(n["id"] as? String ?? "N")-\(items.count / list.count)"
            n["id"] = last
            let item = String(decoding: try JSONSerialization.data(withJSONObject: n, options: [.sortedKeys]), as: UTF8.self)
            items.append(item)
            size += item.utf8.count + 1
        }
        let text = Data(("{\"nominees\":[" + items.joined(separator: ",") + "]}").utf8)
        try text.write(to: URL(fileURLWithPath: path))
        return (path, last, text.count)
    }

    /// A 200 MB full-profile CSV: the header, one row whose name is 100 MB long, then sample rows.
    static func longLineCSV(header: [String], to path: String) throws -> Int {
        try writeFile(path) { put in
            try put(Data((header[0] + "\nindividual,NV-LONG,").utf8))
            let chunk = Data(repeating: UInt8(ascii: "x"), count: 1 << 20)
            for _ in 0..<100 { try put(chunk) }
            try put(Data(",CDCS-DHBK,,,2025-07-01,,1,0,,1,2025,HTTNV,12,,,,,,,,,,,,,,,,,,,,,,,,,\n".utf8))
            var rows = Data()
            while rows.count < 1 << 20 { for row in header.dropFirst() where !row.isEmpty { rows.append(contentsOf: Array((row + "\n").utf8)) } }
            for _ in 0..<95 { try put(rows) }
        }
    }

    /// Runs the binary with `env` only, standard output and error to files; its wall time,
    /// peak resident memory (`wait4`), and how it ended.
    static func spawn(_ binary: String, _ args: [String], _ env: [String], out: String, err: String) -> Outcome {
        let inherited = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("KHENTHUONG_") }.map { "\($0.key)=\($0.value)" }
        let argv = ([binary] + args).map { strdup($0) } + [nil]
        let envp = (inherited + env).sorted().map { strdup($0) } + [nil]
        defer { for p in argv + envp { free(p) } }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, out, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, err, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        // The child inherits the cap at its start; this process's own limit is put back at once.
        var saved = rlimit()
        getrlimit(Int32(RLIMIT_AS.rawValue), &saved)
        var capped = rlimit(rlim_cur: min(addressSpace, saved.rlim_max), rlim_max: saved.rlim_max)
        setrlimit(Int32(RLIMIT_AS.rawValue), &capped)
        var pid: pid_t = 0
        let start = monotonic()
        let rc = posix_spawn(&pid, binary, &actions, nil, argv, envp)
        setrlimit(Int32(RLIMIT_AS.rawValue), &saved)
        guard rc == 0 else { fatalError("cannot start \(binary): \(String(cString: strerror(rc)))") }
        var status: Int32 = 0
        var usage = rusage()
        var killed = false
        // Polled every millisecond so a runaway child can be stopped after `timeout`.
        while true {
            let r = wait4(pid, &status, WNOHANG, &usage)
            if r == pid { break }
            guard r == 0 || (r == -1 && errno == EINTR) else { fatalError("wait4: \(String(cString: strerror(errno)))") }
            if !killed && monotonic() - start > timeout { kill(pid, SIGKILL); killed = true }
            usleep(1000)
        }
        let seconds = monotonic() - start
        let signal = status & 0x7f
        let text = (try? String(contentsOfFile: err, encoding: .utf8)) ?? ""
        let output = FileHandle(forReadingAtPath: out).map { h in defer { try? h.close() }; return String(decoding: (try? h.read(upToCount: 4096)) ?? Data(), as: UTF8.self) } ?? ""
        return Outcome(exit: signal == 0 ? (status >> 8) & 0xff : nil, signal: signal == 0 ? nil : signal, seconds: seconds,
                       maxrssMiB: Double(usage.ru_maxrss) / 1024, stderr: killed ? "killed after \(Int(timeout)) s\n" + text : text, stdout: output)
    }
}
