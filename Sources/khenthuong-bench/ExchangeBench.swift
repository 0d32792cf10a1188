import Foundation
import KhenThuongKit
import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore

/// `khenthuong-bench exchange --dir DIR --binary PATH [--dossiers N]`: the figures of one
/// envelope between two stores. In `DIR` it builds a sending store (a grassroots union, CDCS-B)
/// and a receiving one (its federation, LDLD-B), each with the same directory; the sender holds
/// N dossiers (default 1,000) of 20 events each — creation, three attachments of 200 KB (random
/// bytes, so every file is distinct), fifteen comments, submission — then it times the real
/// binary: `exchange export` of every dossier, then `exchange import` of that envelope, each a
/// child process whose peak resident memory is read from `wait4`.
enum ExchangeBench {
    static let size = 200 * 1024
    static let officer = Actor(role: "union_officer", unit: "CDCS-B", user: "can.bo")
    static let clerk = Actor(role: "secretariat", unit: "LDLD-B", user: "van.thu")
    static let administrator = Actor(role: Grant.administratorRole, unit: "*", user: "quan.tri")

    static func run(dir: String, binary: String, dossiers: Int, workflows: String?) throws {
        let folder = repoWorkflows(workflows)
        try? FileManager.default.removeItem(atPath: dir)
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let definitions = try Definitions.load(directory: folder)
        let time = Date(timeIntervalSince1970: 1_764_547_200)
        func key(_ file: String, _ name: String) throws -> PrivateKey {
            let k = try PrivateKey.generate()
            try KeyFile.write(k, name: name, passphrase: nil, to: dir + "/" + file)
            return k
        }
        let (admin, officerKey, clerkKey) = (try key("admin.pem", "Quản trị viên"), try key("can.bo.pem", "Cán bộ"), try key("van.thu.pem", "Văn thư"))
        let sender = dir + "/cdcs.sqlite", receiver = dir + "/ldld.sqlite"
        for path in [sender, receiver] {
            let store = try EventStore(path: path)
            store.signer = admin
            try store.write { tx in
                _ = try tx.append(AdministratorAdded(key: admin.publicKey, user: administrator.user, name: "Quản trị viên"), actor: administrator, at: time)
                _ = try tx.append(UnitAdded(code: "LDLD-B", name: "Liên đoàn Lao động tỉnh B", kind: .ldldTinh, parent: nil), actor: administrator, at: time)
                _ = try tx.append(UnitAdded(code: "CDCS-B", name: "Công đoàn cơ sở B", kind: .cdcs, parent: "LDLD-B"), actor: administrator, at: time)
                _ = try tx.append(GrantAdded(role: officer.role, unit: officer.unit, user: officer.user, name: "Cán bộ", key: officerKey.publicKey),
                                  actor: administrator, at: time)
                _ = try tx.append(GrantAdded(role: clerk.role, unit: clerk.unit, user: clerk.user, name: "Văn thư", key: clerkKey.publicKey),
                                  actor: administrator, at: time)
            }
        }
        // The sender's season: 1,000 dossiers in commits of 100.
        let setup = monotonic()
        let store = try EventStore(path: sender)
        store.signer = officerKey
        let runner = DossierRunner(definitions: definitions, store: store)
        let files = AttachmentFolder(storePath: sender)
        let award = "lao_dong_tien_tien"
        let documents = ["cover_letter", "achievement_report", "review_minutes"]
        let submit = try require(definitions.workflows[try require(definitions.awards.award(award)).workflow]?.definition.transitions.first {
            Set($0.documents) == Set(documents)
        }).event
        var ids: [String] = []
        var generator = SystemRandomNumberGenerator()
        for batch in stride(from: 0, to: dossiers, by: 100) {
            let count = min(100, dossiers - batch)
            let created = try runner.create(batch: (0..<count).map { i in
                NewDossier(awardID: award, year: 2025, nominee: Nominee(id: "nv\(batch + i)", name: "Người lao động \(batch + i)", kind: .individual),
                           proposerUnit: officer.unit, addresseeUnit: clerk.unit)
            }, by: officer, at: time)
            var attachments: [Attachment] = []
            for d in created {
                for doc in documents {
                    var words = [UInt64](repeating: 0, count: size / 8)
                    for j in words.indices { words[j] = generator.next() }
                    let bytes = words.withUnsafeBytes { Array($0) }
                    let sha = try files.put(bytes)
                    attachments.append(Attachment(dossier: d.id, document: doc, name: "\(doc).pdf", mediaType: "application/pdf", sha256: sha, size: size))
                }
            }
            try store.write { tx in
                for a in attachments { _ = try tx.append(a, actor: officer, at: time) }
                for d in created {
                    for c in 0..<15 { _ = try tx.append(PublicComment(dossier: d.id, from: nil, text: "Ý kiến \(c) về hồ sơ \(d.id)"), actor: officer, at: time) }
                    _ = try runner.act(in: &tx, on: d, EventRequest(event: submit, attach: documents), by: officer, at: time)
                }
            }
            ids += created.map(\.id)
        }
        let events = try store.eventCount()
        figure("exchange.setup_s", monotonic() - setup, "s", "\(dossiers) dossiers, \(events) events, \(dossiers * 3) attachments of \(size / 1024) KB in the sending store")
        let envelope = dir + "/envelope.ktx"
        let env = ["KHENTHUONG_WORKFLOWS=\(folder)", "KHENTHUONG_NOW=2025-12-01T03:00:00Z"]
        let export = try measure(binary, ["--store", sender, "--key", dir + "/can.bo.pem", "exchange", "export", "--to", clerk.unit, "--out", envelope] + ids, env)
        let bytes = (try FileManager.default.attributesOfItem(atPath: envelope)[.size] as? Int) ?? 0
        figure("exchange.export_s", export.seconds, "s", "khenthuong exchange export, \(dossiers) dossiers; envelope \(bytes / 1_048_576) MiB; the goal is under 10 s")
        figure("exchange.export_peak_mib", export.peakMiB, "MiB", "peak resident memory of the export process; the goal is under 500 MiB")
        let imported = try measure(binary, ["--store", receiver, "--key", dir + "/van.thu.pem", "exchange", "import", envelope], env)
        figure("exchange.import_s", imported.seconds, "s", "khenthuong exchange import of that envelope; the goal is under 10 s")
        figure("exchange.import_peak_mib", imported.peakMiB, "MiB", "peak resident memory of the import process; the goal is under 500 MiB")
        figure("exchange.import_dossiers", Double(try EventStore(path: receiver).dossierCount()), "dossiers", "opened in the receiving store")
    }

    struct ValueMissing: Error {}
    static func require<T>(_ value: T?) throws -> T { guard let value else { throw ValueMissing() }; return value }

    /// Runs the binary (output discarded), returning its wall time and peak resident memory.
    static func measure(_ binary: String, _ args: [String], _ extra: [String]) throws -> (seconds: Double, peakMiB: Double) {
        let argv = ([binary] + args).map { strdup($0) } + [nil]
        var envText = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("KHENTHUONG_") }.map { "\($0.key)=\($0.value)" } + extra
        envText.sort()
        let envp = envText.map { strdup($0) } + [nil]
        defer { for p in argv + envp { free(p) } }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        var pid: pid_t = 0
        let start = monotonic()
        let rc = posix_spawn(&pid, binary, &actions, nil, argv, envp)
        guard rc == 0 else { fatalError("cannot start \(binary): \(String(cString: strerror(rc)))") }
        var status: Int32 = 0
        var usage = rusage()
        wait4(pid, &status, 0, &usage)
        let t = monotonic() - start
        guard status == 0 else { fatalError("\(args.prefix(6).joined(separator: " ")) … exited with status \(status)") }
        return (t, Double(usage.ru_maxrss) / 1024)
    }
}
