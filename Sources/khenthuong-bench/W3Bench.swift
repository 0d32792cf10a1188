import Foundation
import KhenThuongKit
import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore
import KhenThuongBench

/// W3 (the benchmark specification): records.csv → features → decisions → unit quota →
/// decisions.csv, the whole process timed, output checked against the specification's reference digests.
/// W2: the decision step alone over precomputed features (loading not timed).
enum W3Bench {
    /// The benchmark rules as data (`spec-rules.json` beside this file), compiled by the rule
    /// engine; `KHENTHUONG_BENCH_DECIDER=spec` uses the hand-written `SpecDecider` instead.
    static func benchDecider() throws -> any TitleDecider {
        if ProcessInfo.processInfo.environment["KHENTHUONG_BENCH_DECIDER"] == "spec" { return SpecDecider() }
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("spec-rules.json").path
        return try RuleSetDecider(try String(contentsOfFile: path, encoding: .utf8), file: path)
    }

    /// sha256[:16] of decisions.csv (the specification's reference, seed 1).
    static let w3Reference = ["n100k": "e79b495e768763ca", "n1m": "a15a7ba8f591133b"]
    /// sha256[:16] of `person_id,ldtt,cstdcs,cstd_tinh,title\n` lines (the specification's for 100k;
    /// 1M as peer_python_w2.py prints it for the seed-1 dataset).
    static let w2Reference = ["n100k": "5fba7d9ce76a4f59", "n1m": "3047f7f226e7b457"]

    /// `n100k`, `n1m` … as bench_common.people_tag names them.
    static func tag(_ n: Int) -> String {
        if n > 0 && n % 1_000_000 == 0 { return "n\(n / 1_000_000)m" }
        if n > 0 && n % 1000 == 0 { return "n\(n / 1000)k" }
        return "n\(n)"
    }

    static func say(_ s: String) {
        FileHandle.standardError.write(Data((s + "\n").utf8))
    }

    static func verdict(_ digest: String, _ reference: String?) -> (String, Bool) {
        guard let reference else { return ("no reference digest", true) }
        return digest == reference ? ("matches the reference", true) : ("MISMATCH: the reference is \(reference)", false)
    }

    static func runW3(input: String, out: String?, threads: Int?, start: Double) throws {
        var options = W3Options()
        if let threads { options.threads = threads }
        let result = try W3Pipeline.run(input: input, decider: try benchDecider(), options: options)
        let decided = monotonic()
        let path = out ?? URL(fileURLWithPath: input).deletingLastPathComponent().appendingPathComponent("decisions_khenthuong.csv").path
        // Write the file on one core while the other computes the digest (not part of the figure).
        final class Slots: @unchecked Sendable {  // each iteration writes its own slot
            var written = 0.0
            var digest = ""
            var failure: Error?
        }
        let slots = Slots()
        DispatchQueue.concurrentPerform(iterations: 2) { k in
            if k == 0 {
                do { try result.writeCSV(to: path) } catch { slots.failure = error }
                slots.written = monotonic()
            } else {
                slots.digest = String(SHA256Digest.hex(result.csv).prefix(16))
            }
        }
        if let failure = slots.failure { throw failure }
        let digest = slots.digest
        let whole = slots.written - start
        let tag = tag(result.persons)
        let (check, ok) = verdict(digest, w3Reference[tag])
        say("khenthuong W3: \(result.persons) persons, \(result.unitsWithLDTT) units with LDTT, quota bound in \(result.boundUnits) units, "
            + "\(result.cut) cut; titles \(result.titles); \(result.parts) parts; read+decide+quota+format \(String(format: "%.3f", decided - start))s "
            + "(" + result.phaseSeconds.sorted { $0.key > $1.key }.map { "\($0.key) \(String(format: "%.3f", $0.value))s" }.joined(separator: ", ") + ") "
            + "whole \(String(format: "%.3f", whole))s; \(path) sha256 \(digest) (\(check))")
        figure("w3.khenthuong.\(tag).seconds", whole, "s", "mmap+parse+features+decide+quota+write, \(result.parts) threads")
        if !ok { exit(1) }
    }

    static func runW2(input: String) throws {
        let decider = try benchDecider()
        let table = try W3FactTable.load(input: input, decider: decider)
        let n = table.count
        // The pluggable path: the decider behind the protocol, as the pipeline holds it.
        let plugged: any TitleDecider = decider
        var decisions = [TitleDecision](repeating: TitleDecision(ldtt: false, cstdcs: false, cstdTinh: false), count: n)
        let t0 = monotonic()
        if let ruleSet = decider as? RuleSetDecider {
            // The rule engine's many-rows call: every person's fact row in one pass.
            let k = ruleSet.rules.count
            var verdicts = [Verdict](repeating: .no, count: n * k)
            table.rows.withUnsafeBufferPointer { rows in
                verdicts.withUnsafeMutableBufferPointer { out in
                    _ = ruleSet.rules.evaluate(rows: rows, stride: W3Slot.count, into: out)
                }
            }
            let (l, c, t) = ruleSet.outputIndices
            for i in 0..<n {
                decisions[i] = TitleDecision(ldtt: verdicts[i * k + l] == .yes, cstdcs: verdicts[i * k + c] == .yes,
                                             cstdTinh: verdicts[i * k + t] == .yes)
            }
        } else {
            table.rows.withUnsafeBufferPointer { rows in
                decisions.withUnsafeMutableBufferPointer { out in
                    for i in 0..<n {
                        out[i] = plugged.decide(W3Facts(row: UnsafeBufferPointer(rebasing: rows[i * W3Slot.count..<(i + 1) * W3Slot.count])))
                    }
                }
            }
        }
        let loop = monotonic() - t0
        // Digest lines as peer_python_w2.py hashes them (no header): person_id,ldtt,cstdcs,cstd_tinh,title\n
        var lines: [UInt8] = []
        lines.reserveCapacity(n * 32)
        var counts = [0, 0, 0, 0]
        let titles = ["", "LDTT", "CSTDCS", "CSTD_TINH"].map { Array($0.utf8) }
        for (i, d) in decisions.enumerated() {
            let t: Int
            switch d.titleWithoutQuota {
            case "CSTD_TINH": t = 3
            case "CSTDCS": t = 2
            case "LDTT": t = 1
            default: t = 0
            }
            counts[t] += 1
            lines.append(contentsOf: table.personIDBytes(i))
            for flag in [d.ldtt, d.cstdcs, d.cstdTinh] { lines.append(0x2C); lines.append(flag ? 0x31 : 0x30) }
            lines.append(0x2C)
            lines.append(contentsOf: titles[t])
            lines.append(0x0A)
        }
        let digest = String(SHA256Digest.hex(lines).prefix(16))
        let (check, ok) = verdict(digest, w2Reference[tag(n)])
        say("khenthuong W2: \(n) decisions in \(String(format: "%.4f", loop))s; titles {'': \(counts[0]), 'LDTT': \(counts[1]), 'CSTDCS': \(counts[2]), 'CSTD_TINH': \(counts[3])}; digest \(digest) (\(check))")
        figure("w2.khenthuong.decisions_per_s", Double(n) / loop, "decisions/s", decider is RuleSetDecider ? "spec-rules.json compiled by the rule engine, all rows in one call" : "hand-written SpecDecider")
        if !ok { exit(1) }
    }
}
