import Foundation
import Testing
@testable import KhenThuongCLI
@testable import KhenThuongCore
@testable import KhenThuongDefinitions
@testable import KhenThuongStore
@testable import KhenThuongKit

/// `eligibility batch` streams: the same bytes as deciding everything in memory and then
/// applying the CSTĐCS quota (NĐ 91/2017/NĐ-CP Điều 9 khoản 3), progress only on a terminal.
@Suite struct StreamingBatchTests {
    static let csv = CLIHarness.repository.appendingPathComponent("Tests/KhenThuongKitTests/Fixtures/bench-400.csv").path
    static let json = CLIHarness.workflows + "/samples/nominees-2025.json"
    static let awards = ["lao_dong_tien_tien", "chien_si_thi_dua_co_so"]
    /// A tighter quota than the shipped 15 %, so that the 400-person fixture has cuts in 2023.
    static let params = #"{"params": [{"id": "cstdcs.quota.percent", "value": 5}]}"#

    static func paramsFile(_ h: CLIHarness) throws -> String {
        let path = h.directory.appendingPathComponent("params.json").path
        try params.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// What the in-memory batch (`EligibilityRules.batch`, quota applied at the end) renders.
    static func inMemory(_ input: String, year: Int, json: Bool, params: String, nominees given: [NomineeFacts]? = nil) throws -> String {
        let definitions = try Definitions.load(directory: CLIHarness.workflows)
        let (loaded, findings) = RuleSetLoader.loadDirectory(CLIHarness.workflows + "/rules", overrides: params, awards: definitions.awards)
        let rules = try #require(loaded, "\(findings)")
        let nominees = try given ?? #require(input.hasSuffix(".csv") ? BenchmarkCSVLoader.load(path: input).0 : NomineeLoader.load(path: input).0)
        let result = rules.batch(nominees, awards: awards, year: year, explained: true)
        if year == 2023 && input.hasSuffix(".csv") && given == nil { #expect(result.quota.contains { !$0.kept }, "the fixture must exercise a quota cut") }
        return json ? JSONOutput.encode(result.verdicts) : VerdictCSV.render(result.verdicts, .vi)
    }

    @Test("The streamed output is byte-identical to the in-memory batch, with and without the 2017–2023 CSTĐCS quota (NĐ 91/2017 Điều 9 khoản 3)",
          arguments: [(csv, 2023), (csv, 2025), (json, 2023), (json, 2025)], ["csv", "json"])
    func byteIdentical(_ input: (String, Int), _ ext: String) throws {
        let h = try CLIHarness()
        let out = h.directory.appendingPathComponent("verdicts.\(ext)").path
        let params = try Self.paramsFile(h)
        let run = h.run(["eligibility", "batch", "--nominees", input.0, "--award", Self.awards.joined(separator: ","),
                         "--year", "\(input.1)", "--out", out, "--params", params])
        #expect(run.code == 0, "\(run.err)")
        // Bytes, not String(contentsOfFile:), which would drop the CSV's byte-order mark.
        let written = try Data(contentsOf: URL(fileURLWithPath: out))
        let expected = try Self.inMemory(input.0, year: input.1, json: ext == "json", params: params)
        #expect(written == Data(expected.utf8))
        let left = try FileManager.default.contentsOfDirectory(atPath: h.directory.path)
        #expect(!left.contains { $0.contains(".partial-") })
    }

    @Test("Without --out the verdicts stream to standard output, the summary to standard error, and no progress when it is not a terminal")
    func standardOutput() throws {
        let h = try CLIHarness()
        let params = try Self.paramsFile(h)
        let run = h.run(["eligibility", "batch", "--nominees", Self.csv, "--award", Self.awards.joined(separator: ","), "--year", "2023", "--params", params])
        #expect(run.code == 0)
        #expect(run.out == (try Self.inMemory(Self.csv, year: 2023, json: false, params: params)) + "\n")
        // 34, not 32: under NĐ 91/2017 Điều 10 only a recruit of under 10 months is excluded, so
        // eight people of 2023 who worked fewer months (this profile has no hire date) are LĐTT
        // and the quota's base is larger.
        #expect(run.err.contains("tỷ lệ khống chế CSTĐCS: 34 quyết định"))
        #expect(run.err.hasPrefix("lao_dong_tien_tien: ") && !run.err.contains("\r") && !run.err.contains("eligibility batch"))
    }

    @Test("On a terminal a progress line is redrawn on standard error, and erased at the end; --json keeps it quiet")
    func progressOnTerminal() throws {
        let h = try CLIHarness()
        final class Buffer: @unchecked Sendable { var out = ""; var err = "" }
        for json in [false, true] {
            let buffer = Buffer()
            let console = Console(out: { buffer.out += $0 }, err: { buffer.err += $0 }, errIsTerminal: true)
            let args = (json ? ["--json"] : []) + ["eligibility", "batch", "--nominees", Self.csv, "--award", "lao_dong_tien_tien", "--year", "2025",
                                                   "--out", h.directory.appendingPathComponent("v.csv").path]
            #expect(KhenThuongMain.run(args, environment: h.environment, console: console) == 0)
            #expect(buffer.err.contains("\religibility batch ") == !json)
            #expect(buffer.err.contains("(100%)") == !json)
        }
    }

    @Test("A bad cell is reported with line and column and nothing is written, not even part of the output")
    func badRowWritesNothing() throws {
        let h = try CLIHarness()
        var lines = try String(contentsOfFile: Self.csv, encoding: .utf8).components(separatedBy: "\r\n")
        lines[1500] = lines[1500].replacingOccurrences(of: ",HTTNV,", with: ",GIOI,")
        let bad = h.directory.appendingPathComponent("bad.csv").path
        try lines.joined(separator: "\r\n").write(toFile: bad, atomically: true, encoding: .utf8)
        let out = h.directory.appendingPathComponent("v.csv").path
        let run = h.run(["--lang", "en", "eligibility", "batch", "--nominees", bad, "--award", "lao_dong_tien_tien", "--year", "2025", "--out", out])
        #expect(run.code == 3)
        #expect(run.err.contains("bad.csv:1501:10: error: duty_rating: \"duty_rating\" must be one of HTXSNV, HTTNV, HTNV, KHTNV (not \"GIOI\")"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: h.directory.path).filter { $0.hasPrefix("v.csv") }.isEmpty)
    }

    @Test("A person's rows that are not consecutive are refused with the line, since the batch reads a person at a time")
    func ungroupedRows() throws {
        let h = try CLIHarness()
        var lines = try String(contentsOfFile: Self.csv, encoding: .utf8).components(separatedBy: "\r\n").filter { !$0.isEmpty }
        lines.append(lines[1].replacingOccurrences(of: ",2021,", with: ",2020,"))
        let bad = h.directory.appendingPathComponent("ungrouped.csv").path
        try (lines.joined(separator: "\r\n") + "\r\n").write(toFile: bad, atomically: true, encoding: .utf8)
        let run = h.run(["--lang", "en", "eligibility", "batch", "--nominees", bad, "--award", "lao_dong_tien_tien", "--year", "2025"])
        #expect(run.code == 3)
        #expect(run.err.contains("ungrouped.csv:\(lines.count):1: error: person_id: the rows of P000001 must be consecutive"))
        #expect(run.out.isEmpty)
    }

    @Test("The full CSV profile streams and a file whose nominee's rows are apart is read whole: both write what the in-memory batch writes, nothing left behind (NĐ 91/2017 Điều 9 khoản 3 quota year 2023)",
          arguments: [2023, 2025])
    func fullProfileRowsApart(_ year: Int) throws {
        let h = try CLIHarness()
        let demo = try #require(NomineeLoader.load(path: CLIHarness.workflows + "/samples/demo-nominees.json").0)
        let together = h.directory.appendingPathComponent("together.csv").path
        try Data(NomineeCSVExporter.export(demo).utf8).write(to: URL(fileURLWithPath: together))
        // The same rows, the first nominee's second row moved to the end.
        var lines = try String(contentsOfFile: together, encoding: .utf8).components(separatedBy: "\r\n")
        let ids = lines.map { $0.split(separator: ",", omittingEmptySubsequences: false).dropFirst().first.map(String.init) ?? "" }
        let k = try #require((2..<ids.count).first { ids[$0] == ids[$0 - 1] && !ids[$0].isEmpty })
        lines.insert(lines.remove(at: k), at: lines.count - 1)
        let apart = h.directory.appendingPathComponent("apart.csv").path
        try Data(lines.joined(separator: "\r\n").utf8).write(to: URL(fileURLWithPath: apart))
        let params = try Self.paramsFile(h)
        for input in [together, apart] {
            let out = h.directory.appendingPathComponent("v-\(year).csv").path
            let run = h.run(["eligibility", "batch", "--nominees", input, "--award", Self.awards.joined(separator: ","), "--year", "\(year)", "--out", out, "--params", params])
            #expect(run.code == 0, "\(run.err)")
            let expected = try Self.inMemory(together, year: year, json: false, params: params, nominees: demo)
            #expect(try Data(contentsOf: URL(fileURLWithPath: out)) == Data(expected.utf8))
            let left = try FileManager.default.contentsOfDirectory(atPath: h.directory.path)
            #expect(!left.contains { $0.contains(".partial-") })
        }
    }

    @Test("A bad fact late in a streamed JSON file: exit 3, the error said as before with its line and column in the whole file, nothing written")
    func jsonErrorLate() throws {
        let h = try CLIHarness()
        let text = try String(contentsOfFile: Self.json, encoding: .utf8)
        let cut = try #require(text.range(of: "]", options: .backwards))
        let bad = String(text[..<cut.lowerBound]).trimmingCharacters(in: .whitespacesAndNewlines)
            + ",\n    {\"kind\": \"individual\", \"id\": \"NV950\", \"name\": \"Ngô Tư\", \"unit\": \"U1\", \"hireDate\": \"2015-02-30\"}\n  " + String(text[cut.lowerBound...])
        let input = h.directory.appendingPathComponent("late.json").path
        try bad.write(toFile: input, atomically: true, encoding: .utf8)
        let line = bad.components(separatedBy: "\n").firstIndex { $0.contains("NV950") }! + 1
        let out = h.directory.appendingPathComponent("v.csv").path
        let run = h.run(["--lang", "en", "eligibility", "batch", "--nominees", input, "--award", "lao_dong_tien_tien", "--year", "2025", "--out", out])
        #expect(run.code == 3)
        #expect(run.err.contains("the nominee data in \(input) has errors; nothing was decided"))
        #expect(run.err.contains("\(input):\(line):"))
        #expect(run.err.contains("$.nominees[\(try #require(NomineeLoader.load(path: Self.json).0).count)].hireDate"))
        #expect(!FileManager.default.fileExists(atPath: out))
    }
}
