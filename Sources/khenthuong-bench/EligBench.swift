import Foundation
import KhenThuongCLI
import KhenThuongCore

/// `khenthuong-bench elig --input records.csv [--year Y] [--award A,B] [--out FILE] [--expect FILE]`:
/// the product's `eligibility batch` (the command itself, in process) with the shipped legal
/// rule sets over a benchmark `records.csv`, timed whole (read, decide, quota, explain, write).
///
/// Prints `FIG elig.khenthuong.<tag>.<year>.seconds` and `…peak_rss_mb`, the output's rows and
/// nominees on standard error, and, with `--expect`, whether the output is byte for byte that
/// file (the previous implementation's output, kept outside the repository); a difference exits 1.
enum EligBench {
    static func run(input: String, year: Int, awards: String, out: String?, expect: String?, workflows: String?) throws {
        let path = out ?? URL(fileURLWithPath: input).deletingLastPathComponent().appendingPathComponent("eligibility_\(year).csv").path
        let arguments = ["--workflows", repoWorkflows(workflows), "--lang", "vi", "eligibility", "batch", "--nominees", input,
                         "--award", awards, "--year", String(year), "--out", path]
        var messages: [String] = []
        let console = Console(out: { messages.append($0) }, err: { messages.append($0) }, errIsTerminal: false)
        let started = monotonic()
        let code = KhenThuongMain.run(arguments, console: console)
        let seconds = monotonic() - started
        guard code == 0 else {
            W3Bench.say(messages.joined(separator: "\n"))
            throw BenchFailure(description: "eligibility batch exited with \(code)")
        }
        // The peak before anything else is read: the figure is the batch's.
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        let (rows, people, same) = try scan(path, against: expect)
        let check = expect.map { same ? "byte-identical to \($0)" : "DIFFERS from \($0)" } ?? "no --expect"
        let tag = W3Bench.tag(people)
        let summary = messages.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.joined(separator: "; ")
        W3Bench.say("khenthuong eligibility batch --award \(awards) --year \(year): \(rows) verdict rows, \(people) nominees; \(summary); "
                    + "\(String(format: "%.3f", seconds))s; \(path) (\(check))")
        figure("elig.khenthuong.\(tag).\(year).seconds", seconds, "s", "eligibility batch, legal rule sets, read+decide+explain+write")
        figure("elig.khenthuong.\(tag).\(year).peak_rss_mb", Double(usage.ru_maxrss) / 1024, "MB", "whole process, before the output is checked")
        if !same { exit(1) }
    }

    /// Reads the output a block at a time: its rows (after the header), distinct nominees (first
    /// column, rows grouped by nominee) and whether it is byte for byte `expect`.
    static func scan(_ path: String, against expect: String?) throws -> (rows: Int, people: Int, same: Bool) {
        guard let out = FileHandle(forReadingAtPath: path) else { throw BenchFailure(description: "cannot read \(path)") }
        defer { try? out.close() }
        let reference = try expect.map { e in
            guard let h = FileHandle(forReadingAtPath: e) else { throw BenchFailure(description: "cannot read \(e)") }
            return h
        }
        defer { try? reference?.close() }
        var rows = -1, people = 0, same = true
        var id: [UInt8] = [], previous: [UInt8] = [], inID = true
        while true {
            let block = out.readData(ofLength: 1 << 22)
            if let reference, same, reference.readData(ofLength: block.count) != block { same = false }
            if block.isEmpty { break }
            // Over the bytes themselves (`Data`'s iterator costs more than the batch's own reading).
            block.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
                for b in bytes {
                    if b == 0x0A {
                        rows += 1
                        if rows > 0 && id != previous { people += 1; previous = id }
                        id.removeAll(keepingCapacity: true)
                        inID = true
                    } else if inID {
                        if b == 0x2C { inID = false } else { id.append(b) }
                    }
                }
            }
        }
        if let reference, same, !reference.readData(ofLength: 1).isEmpty { same = false }
        return (rows, people, same)
    }
}

struct BenchFailure: Error, CustomStringConvertible {
    var description: String
}
