import Foundation
import Testing
@testable import KhenThuongCLI

/// `eligibility batch --explain failing|all`: the default rows explain the failing criteria only
/// (unchanged bytes); `all` explains every criterion with its actual values and citation, as
/// `eligibility check` does (issue 15 item 2).
@Suite struct BatchExplainTests {
    static let csv = CLIHarness.repository.appendingPathComponent("Tests/KhenThuongKitTests/Fixtures/bench-400.csv").path
    static let json = CLIHarness.workflows + "/samples/nominees-2025.json"
    static let awards = "lao_dong_tien_tien,chien_si_thi_dua_co_so"

    /// The fields of one CSV line as RFC 4180 reads them (quotes removed, doubled quotes undone).
    static func fields(_ line: String) -> [String] {
        var out: [String] = [], field = "", quoted = false
        var chars = Array(line)[...]
        while let c = chars.popFirst() {
            if quoted {
                if c == "\"" {
                    if chars.first == "\"" { field.append("\""); chars.removeFirst() } else { quoted = false }
                } else { field.append(c) }
            } else if c == "\"" { quoted = true
            } else if c == "," { out.append(field); field = ""
            } else { field.append(c) }
        }
        out.append(field)
        return out
    }

    static func batch(_ h: CLIHarness, _ input: String, year: Int, _ extra: [String], lang: String = "vi") throws -> (CLIHarness.Run, Data) {
        let out = h.directory.appendingPathComponent("v-\(UUID().uuidString).csv").path
        let run = h.run(["--lang", lang, "eligibility", "batch", "--nominees", input, "--award", awards, "--year", "\(year)", "--out", out] + extra)
        return (run, (try? Data(contentsOf: URL(fileURLWithPath: out))) ?? Data())
    }

    /// A tighter CSTĐCS quota (NĐ 91/2017/NĐ-CP Điều 9 khoản 3) than the shipped 15 %, so 2023 has cuts.
    static func params(_ h: CLIHarness) throws -> String {
        let path = h.directory.appendingPathComponent("params.json").path
        try #"{"params": [{"id": "cstdcs.quota.percent", "value": 5}]}"#.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("Without --explain the CSV is byte for byte that of --explain failing (with the 2017–2023 CSTĐCS quota of NĐ 91/2017 Điều 9 khoản 3, and in the Excel dialect)",
          arguments: [(csv, 2023, false), (csv, 2025, true), (json, 2025, false), (json, 2023, true)])
    func defaultIsFailing(_ input: (String, Int, Bool)) throws {
        let h = try CLIHarness()
        let extra = ["--params", try Self.params(h)] + (input.2 ? ["--excel"] : [])
        let (plain, plainBytes) = try Self.batch(h, input.0, year: input.1, extra)
        let (failing, failingBytes) = try Self.batch(h, input.0, year: input.1, extra + ["--explain", "failing"])
        let (all, allBytes) = try Self.batch(h, input.0, year: input.1, extra + ["--explain", "all"])
        #expect(plain.code == 0 && failing.code == 0 && all.code == 0, "\(plain.err)\(failing.err)\(all.err)")
        #expect(!plainBytes.isEmpty)
        #expect(plainBytes == failingBytes)
        #expect(plain.out == failing.out && plain.out == all.out, "the summary lines do not depend on --explain")
        #expect(plainBytes != allBytes, "--explain all must explain more than the failing criteria")
    }

    @Test("--explain all keeps every row's outcome, failing ids and notes (a quota cut's reason last), adding only the passing and not applicable criteria")
    func allKeepsVerdicts() throws {
        let h = try CLIHarness()
        let extra = ["--params", try Self.params(h)]
        let (_, failingBytes) = try Self.batch(h, Self.csv, year: 2023, extra)
        let (_, allBytes) = try Self.batch(h, Self.csv, year: 2023, extra + ["--explain", "all"])
        let failingLines = String(decoding: failingBytes, as: UTF8.self).components(separatedBy: "\r\n")
        let allLines = String(decoding: allBytes, as: UTF8.self).components(separatedBy: "\r\n")
        #expect(failingLines.count == allLines.count && failingLines.count > 400)
        var cuts = 0
        for (f, a) in zip(failingLines.dropFirst(), allLines.dropFirst()) where !f.isEmpty {
            let ff = Self.fields(f), af = Self.fields(a)
            #expect(ff.count == 8 && af.count == 8, "\(f)")
            #expect(Array(ff.prefix(7)) == Array(af.prefix(7)), "\(f) / \(a)")
            let pieces = ff[7].isEmpty ? [] : ff[7].components(separatedBy: " | ")
            let allPieces = af[7].components(separatedBy: " | ")
            // Each failing criterion's explanation and each note are in the full explanation, notes last.
            for p in pieces { #expect(allPieces.contains(p), "\(p) missing in \(a)") }
            if let last = pieces.last, !last.hasPrefix("✗") {
                cuts += 1
                #expect(allPieces.last == last)
            }
            // What `all` adds are the passing (✓) and not applicable (–) criteria, nothing else.
            #expect(allPieces.filter { !$0.hasPrefix("✓ ") && !$0.hasPrefix("– ") } == pieces, "\(a)")
            #expect(allPieces.contains { $0.hasPrefix("✓ ") } || ff[4] != "eligible", "\(a)")
        }
        #expect(cuts > 0, "the fixture must exercise a quota cut")
    }

    @Test("--explain all lists an eligible nominee's passing criteria with actual values and citations, as eligibility check words them (LĐTT: TT 01/2024/TT-BNV Điều 1 khoản 5 điểm d, 6 months of service)",
          arguments: ["vi", "en"])
    func allMatchesCheck(_ lang: String) throws {
        let h = try CLIHarness()
        let (run, bytes) = try Self.batch(h, Self.json, year: 2025, ["--explain", "all"], lang: lang)
        #expect(run.code == 0, "\(run.err)")
        let rows: [[String]] = String(decoding: bytes, as: UTF8.self).components(separatedBy: "\r\n").map(Self.fields)
        let row = try #require(rows.first { (r: [String]) -> Bool in r.first == "NV001" && r.count == 8 && r[2] == "lao_dong_tien_tien" })
        #expect(row[4] == "eligible" && row[6].isEmpty)
        let check = h.run(["--lang", lang, "eligibility", "check", "--nominees", Self.json, "--id", "NV001", "--award", "lao_dong_tien_tien", "--year", "2025"])
        #expect(check.code == 0, "\(check.err)")
        let lines = check.out.split(separator: "\n").dropFirst().map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(lines.count >= 3 && lines.allSatisfy { $0.hasPrefix("✓ ") }, "\(check.out)")
        #expect(row[7] == lines.joined(separator: " | "))
        let months = lang == "vi" ? "✓ Thời gian công tác 6 tháng ≥ 6 tháng — TT 01/2024/TT-BNV, Điều 1 khoản 5 điểm d"
                                  : "✓ Service 6 months ≥ 6 months — TT 01/2024/TT-BNV, Article 1(5)(d)"
        #expect(row[7].contains(months), "\(row[7])")
        // The default row of the same nominee explains nothing (nothing fails).
        let (_, plain) = try Self.batch(h, Self.json, year: 2025, [], lang: lang)
        let plainRows: [[String]] = String(decoding: plain, as: UTF8.self).components(separatedBy: "\r\n").map(Self.fields)
        let plainRow = try #require(plainRows.first { (r: [String]) -> Bool in r.first == "NV001" && r.count == 8 && r[2] == "lao_dong_tien_tien" })
        #expect(plainRow[7].isEmpty)
    }

    @Test("An unknown --explain value is a usage error (exit 2) naming the allowed values; nothing is written", arguments: ["vi", "en"])
    func badValue(_ lang: String) throws {
        let h = try CLIHarness()
        let (run, bytes) = try Self.batch(h, Self.json, year: 2025, ["--explain", "passing"], lang: lang)
        #expect(run.code == 2)
        #expect(bytes.isEmpty)
        for word in ["--explain", "failing", "all", "“passing”"] { #expect(run.err.contains(word), "\(run.err)") }
        #expect(run.err.contains("eligibility batch --help"))
    }
}
