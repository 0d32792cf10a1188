import Foundation
import KhenThuongKit
import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore

/// `khenthuong-bench witnesses --store SIGNED --binary PATH [--copy PATH] [--keys DIR] [--rounds N]`:
/// `khenthuong verify` against `khenthuong verify --witnesses` (docs/exchange.md#receipts) on a
/// copy of the signed store holding two receipts: an upper level's cosignatures of the store's
/// checkpoints at half its events and at all of them (the Merkle roots at both sizes are what
/// `--witnesses` adds to verify's one read).
///
/// The copy (`--copy`, else `SIGNED.witnesses`) is made once, with its `-keys` folder's
/// secretariat key signing the checkpoints and the write that keeps the receipts (a fresh key
/// stands for the witnessing level); a later run finds the receipts there and reuses it. The
/// original store is never opened for writing. Then `rounds` rounds (5 by default) of the two
/// commands as real processes (posix_spawn, wall time), their order alternating; the figure is
/// the median round's ratio. `--rounds 0` only makes the copy.
enum WitnessBench {
    static func run(store: String, copy: String?, binary: String, keys: String?, rounds: Int, workflows: String?) throws {
        let folder = repoWorkflows(workflows)
        let path = copy ?? store + ".witnesses"
        guard URL(fileURLWithPath: path).standardized.path != URL(fileURLWithPath: store).standardized.path else {
            fatalError("--copy must name another file than --store (the original is left as it is)")
        }
        if try !FileManager.default.fileExists(atPath: path) || EventStore(path: path).records(Receipt.self).isEmpty {
            try prepare(store: store, copy: path, keys: keys)
        }
        let log = try EventStore(path: path)
        let receipts = try log.records(Receipt.self)
        let events = try log.eventCount()
        let commits = try log.commits(from: 1).count
        let sizes = receipts.map { String($0.checkpoint.eventCount) }.joined(separator: " and ")
        // `--rounds 0`: the copy only, ready for a later sitting.
        guard rounds > 0 else { return print("witnesses: \(path) holds \(receipts.count) receipts at \(sizes) events of \(events)") }
        var results: [(plain: Double, witnessed: Double)] = []
        for i in 0..<rounds {
            let plainArgs = ["--store", path, "--workflows", folder, "verify"]
            var plain = 0.0, witnessed = 0.0
            if i % 2 == 0 {
                plain = try StoreBench.run(binary, plainArgs)
                witnessed = try StoreBench.run(binary, plainArgs + ["--witnesses"])
            } else {
                witnessed = try StoreBench.run(binary, plainArgs + ["--witnesses"])
                plain = try StoreBench.run(binary, plainArgs)
            }
            results.append((plain, witnessed))
            figure("witnesses.round\(i + 1)", witnessed / plain, "×", String(format: "verify %.2f s, verify --witnesses %.2f s", plain, witnessed))
        }
        let median = results.sorted { $0.witnessed / $0.plain < $1.witnessed / $1.plain }[results.count / 2]
        figure("witnesses.verify_plain_s", median.plain, "s", "khenthuong verify, \(events) events, \(commits) signed commits (median round)")
        figure("witnesses.verify_witnesses_s", median.witnessed, "s", "khenthuong verify --witnesses, \(receipts.count) receipts at \(sizes) events (median round)")
        figure("witnesses.ratio", median.witnessed / median.plain, "×", "verify --witnesses ÷ verify, median of \(rounds) rounds; the goal is at most 1.2")
    }

    /// Copies `store` (and its WAL files) to `copy`, then keeps there two receipts of a witnessing
    /// level (a fresh key, unit `TLD`): cosignatures of the copy's checkpoints at half its events
    /// and at all of them, signed by its secretariat's key, in one signed write.
    static func prepare(store: String, copy: String, keys: String?) throws {
        guard let keysFolder = StoreBench.keysFolder(store: store, keys) else { fatalError("no keys folder beside \(store); give --keys DIR") }
        let t = monotonic()
        for suffix in ["", "-wal", "-shm"] {
            try? FileManager.default.removeItem(atPath: copy + suffix)
            if FileManager.default.fileExists(atPath: store + suffix) {
                try FileManager.default.copyItem(atPath: store + suffix, toPath: copy + suffix)
            }
        }
        let log = try EventStore(path: copy)
        let key = try KeyFile.read((keysFolder as NSString).appendingPathComponent(StoreBench.secretariatKeyFile), passphrase: nil).key
        let witnessKey = try PrivateKey.generate()
        let witness = Actor(role: "secretariat", unit: "TLD", user: "bench")
        let time = Date()
        let whole = try Checkpoint.make(log, signer: key, at: time)
        let halfSize = whole.eventCount / 2
        guard halfSize > 0, let halfHead = try log.hash(at: halfSize) else { fatalError("the store at \(copy) is empty") }
        var half = Checkpoint(storeID: whole.storeID, eventCount: halfSize, headHash: halfHead, at: whole.at, publicKey: key.publicKey,
                              signature: [], root: MerkleHash.hex(try log.merkleRoot(size: halfSize)))
        half.signature = try key.sign(Array(half.body.utf8))
        try log.write(signedBy: key) { tx in
            for checkpoint in [half, whole] {
                var receipt = try Receipt.make(checkpoint, by: witness, signer: witnessKey, at: time)
                receipt.envelope = "bench-\(checkpoint.eventCount)"
                _ = try tx.append(receipt, actor: StoreBench.secretariat, at: time)
            }
        }
        figure("witnesses.prepare_s", monotonic() - t, "s", "copy of \(store) with receipts at \(halfSize) and \(whole.eventCount) events")
    }
}
