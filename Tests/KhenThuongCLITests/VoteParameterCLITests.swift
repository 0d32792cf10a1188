import Foundation
import Testing
@testable import KhenThuongCLI

/// The UNVERIFIED vote thresholds on the command line: `KHENTHUONG_PARAMS` reaches every command,
/// `rules lint --params` checks them, and the error says how to check again.
@Suite struct VoteParameterCLITests {
    static let parameter = "vote.chien_si_thi_dua_cap_tinh.from2024"

    func overrideFile(_ h: CLIHarness, value: Int) throws -> String {
        let path = h.directory.appendingPathComponent("params.json").path
        try Data("{\"params\": [{\"id\": \"\(Self.parameter)\", \"value\": \(value)}]}".utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test("KHENTHUONG_PARAMS with a threshold outside 1–100 stops a command (exit 3), names the parameter and says how to lint it")
    func environmentOverrideOutOfRange() throws {
        var h = try CLIHarness()
        let file = try overrideFile(h, value: 120)
        h.environment["KHENTHUONG_PARAMS"] = file
        let run = h.run(["--lang", "en", "workflow", "list"])
        #expect(run.code == 3)
        #expect(run.err.contains("parameter \"\(Self.parameter)\" is the yes-vote percent of award \"chien_si_thi_dua_cap_tinh\": it must be 1 to 100, it is 120"))
        #expect(run.err.contains("then run `KHENTHUONG_PARAMS=\(file) khenthuong workflow lint`"))
        #expect(h.run(["--lang", "en", "workflow", "lint"]).code == 3)
    }

    @Test("rules lint --params finds a threshold the file sets out of range; within range it passes")
    func rulesLintChecksVoteParameters() throws {
        let h = try CLIHarness()
        let bad = h.run(["--lang", "en", "rules", "lint", "--params", try overrideFile(h, value: 0)])
        #expect(bad.code == 3)
        #expect(bad.err.contains("it must be 1 to 100, it is 0"))
        let good = h.run(["--lang", "en", "rules", "lint", "--params", try overrideFile(h, value: 80)])
        #expect(good.code == 0, "\(good.err)")
    }
}
