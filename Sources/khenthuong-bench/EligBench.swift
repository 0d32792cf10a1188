import Foundation
import KhenThuongCLI
import KhenThuongCore
import KhenThuongStore

/// `khenthuong-bench elig --input records.csv [--year Y] [--award A,B] [--out FILE] [--expect FILE]`:
/// the product's `eligibility batch` (the command itself, in process) with the shipped legal
/// rule sets over a benchmark `records.csv`, timed whole (read, decide, quota, explain, write).
///
/// Prints `FIG elig.khenthuong.<tag>.<year>.seconds`, the output's rows and SHA-256 prefix on
/// standard error, and, with `--expect`, whether the output is byte for byte that file (the
/// previous implementation's output); a difference exits 1.
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
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        let rows = bytes.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) } - 1
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        let digest = String(SHA256Digest.hex(bytes).prefix(16))
        var check = "no --expect"
        var same = true
        if let expect {
            same = (try? Data(contentsOf: URL(fileURLWithPath: expect))) == Data(bytes)
            check = same ? "byte-identical to \(expect)" : "DIFFERS from \(expect)"
        }
        let tag = W3Bench.tag(Self.people(bytes: bytes))
        W3Bench.say("khenthuong eligibility batch --award \(awards) --year \(year): \(rows) verdict rows, \(messages.joined(separator: "; ")); "
                    + "\(String(format: "%.3f", seconds))s; \(path) sha256 \(digest) (\(check))")
        figure("elig.khenthuong.\(tag).\(year).seconds", seconds, "s", "eligibility batch, legal rule sets, read+decide+explain+write")
        figure("elig.khenthuong.\(tag).\(year).peak_rss_mb", Double(usage.ru_maxrss) / 1024, "MB", "whole process")
        if !same { exit(1) }
    }

    /// Distinct nominees of the output (its first column, rows grouped by nominee).
    static func people(bytes: [UInt8]) -> Int {
        var n = 0, previous: ArraySlice<UInt8> = [], lineStart = 0, header = true
        for (i, b) in bytes.enumerated() where b == 0x0A {
            defer { lineStart = i + 1 }
            if header { header = false; continue }
            let line = bytes[lineStart..<i]
            let id = line.prefix { $0 != 0x2C }
            if id != previous { n += 1; previous = id }
        }
        return n
    }
}

struct BenchFailure: Error, CustomStringConvertible {
    var description: String
}
