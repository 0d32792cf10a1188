import Foundation
import KhenThuongKit
import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore

/// `khenthuong-bench identity --store SIGNED --plain PLAIN --binary PATH [--keys DIR]`: the
/// figures of signed stores, in one sitting.
///
/// 1. `openssl speed -seconds 3 ed25519`: the machine's Ed25519 verify rate (one core).
/// 2. `khenthuong verify` (the whole process) on the plain store and on the signed one; the
///    limit is the plain time + commits ÷ (2 × the openssl rate): the signatures checked on both
///    cores at OpenSSL's speed, on top of the same store's chain walk. Five rounds of (openssl,
///    plain, signed), each judged on its own rate; the figure is the median round.
/// 3. The incremental check official outputs run (`StoreAudit.checkSinceMark`) with 1,000
///    signed commits after the verified mark, on a copy of the signed store (the original is
///    left as built): a full `StoreAudit.run` saves the mark, 1,000 `receive` commands are
///    written (one `write(signedBy:)` each, by the secretariat's key), then five times: the mark
///    is put back where the full run left it, the store reopened, and the call timed.
enum IdentityBench {
    static func run(signed: String, plain: String, binary: String, keys: String?, workflows: String?) throws {
        let folder = repoWorkflows(workflows)
        let commits = try EventStore(path: signed).commits(from: 1).count
        let events = try EventStore(path: signed).eventCount()
        // This VM's speed drifts by tens of percent within minutes: each round measures the
        // openssl rate, the plain verify and the signed verify back to back, and is judged on
        // its own; the figure is the median round.
        var rounds: [(rate: Double, plain: Double, signed: Double, limit: Double, ratio: Double)] = []
        for i in 0..<5 {
            let rate = try opensslVerifyRate()
            let plainTime = try StoreBench.run(binary, ["--store", plain, "--workflows", folder, "verify"])
            let signedTime = try StoreBench.run(binary, ["--store", signed, "--workflows", folder, "verify"])
            let limit = plainTime + Double(commits) / (2 * rate)
            rounds.append((rate, plainTime, signedTime, limit, signedTime / limit))
            figure("identity.round\(i + 1)", signedTime / limit, "×",
                   String(format: "openssl %.0f/s, plain %.2f s, signed %.2f s, limit %.2f s", rate, plainTime, signedTime, limit))
        }
        let median = rounds.sorted { $0.ratio < $1.ratio }[rounds.count / 2]
        figure("identity.openssl_verify_per_s", median.rate, "verifies/s", "openssl speed -seconds 3 ed25519, one core (median round)")
        figure("identity.verify_plain_s", median.plain, "s", "khenthuong verify, the plain store (median round)")
        figure("identity.verify_limit_s", median.limit, "s", "plain + \(commits) commits ÷ (2 × openssl rate)")
        figure("identity.verify_signed_s", median.signed, "s", "khenthuong verify, \(events) events, \(commits) commits (median round)")
        figure("identity.verify_ratio", median.ratio, "×", "signed ÷ limit, median of 5 rounds; the goal is at most 1.2")
        try incremental(signed: signed, keys: keys, folder: folder)
    }


    /// Runs `openssl speed` and reads the `verify/s` column of its Ed25519 line.
    static func opensslVerifyRate() throws -> Double {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["openssl", "speed", "-seconds", "3", "ed25519"]
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        // ` 253 bits EdDSA (Ed25519)   0.0000s   0.0001s  23456.0   8000.0`: the last column.
        guard let line = text.split(separator: "\n").last(where: { $0.contains("Ed25519") && $0.contains("s ") }),
              let rate = line.split(separator: " ").last.flatMap({ Double($0) }), rate > 0 else {
            fatalError("cannot read the Ed25519 verify rate from openssl speed:\n\(text)")
        }
        return rate
    }

    static func incremental(signed: String, keys: String?, folder: String) throws {
        guard let keysFolder = StoreBench.keysFolder(store: signed, keys) else { fatalError("no keys folder beside \(signed)") }
        let copy = signed + ".incremental"
        for suffix in ["", "-wal", "-shm"] {
            try? FileManager.default.removeItem(atPath: copy + suffix)
            if FileManager.default.fileExists(atPath: signed + suffix) {
                try FileManager.default.copyItem(atPath: signed + suffix, toPath: copy + suffix)
            }
        }
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: copy + suffix) } }
        let definitions = try Definitions.load(directory: folder)
        let walk = W1Bench.Walk(definitions: definitions)
        var log = try EventStore(path: copy)
        var t = monotonic()
        let full = try StoreAudit.run(log, definitions: definitions)
        figure("identity.audit_inprocess_s", monotonic() - t, "s", "StoreAudit.run in process (saves the mark)")
        guard full.isIntact, let mark = try log.verifiedMark() else { fatalError("the signed store does not verify: \(full.firstFault(.en) ?? "")") }
        // 1,000 commands after the mark, each its own signed commit: `receive` by the secretariat.
        let key = try KeyFile.read((keysFolder as NSString).appendingPathComponent(StoreBench.secretariatKeyFile), passphrase: nil).key
        // Now, as `dossier act` records it (signed writes refuse back-dating, and `act` runs may have written at now).
        let time = Date()
        let request = EventRequest(event: "receive")
        // Dossiers `receive` can take: those in a state the workflow's `receive` leaves.
        let waiting = Set(walk.workflow.definition.transitions.filter { $0.event == "receive" }.flatMap(\.from)).sorted()
        let targets = try waiting.flatMap { try log.dossiers(state: $0) }.prefix(1000)
        guard targets.count == 1000 else { fatalError("only \(targets.count) dossiers can be received") }
        t = monotonic()
        for d in targets {
            try log.write(signedBy: key) { tx in
                let tr = try DossierMachine.decide(d, request, by: StoreBench.secretariat, at: time, in: walk.workflow, context: walk.context).get()
                try tx.append(transition: tr, to: d.applying(tr, at: time), actor: StoreBench.secretariat, at: time)
            }
        }
        figure("identity.append_1000_commits_s", monotonic() - t, "s", "1,000 signed write(signedBy:) commands, one transaction each")
        var times: [Double] = []
        for _ in 0..<5 {
            log.saveVerifiedMark(mark)
            log = try EventStore(path: copy)
            t = monotonic()
            let audit = try StoreAudit.checkSinceMark(log, definitions: definitions)
            times.append(monotonic() - t)
            guard audit.isIntact, audit.checkedEvents == 1000, audit.chain.commits.commitCount == 1000 else {
                fatalError("the incremental check: \(audit.checkedEvents) events, \(audit.chain.commits.commitCount) commits, \(audit.firstFault(.en) ?? "intact")")
            }
        }
        times.sort()
        figure("identity.incremental_check_ms", times[2] * 1000, "ms", "StoreAudit.checkSinceMark, 1,000 commits after the mark, median of 5 (max \(String(format: "%.1f", times[4] * 1000)) ms)")
    }
}
