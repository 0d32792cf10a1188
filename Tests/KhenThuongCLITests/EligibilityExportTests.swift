import Foundation
import Testing
@testable import KhenThuongCLI
@testable import KhenThuongKit

/// `eligibility export` and the full CSV profile as input of `eligibility check | batch`.
@Suite struct EligibilityExportTests {
    static let json = CLIHarness.workflows + "/samples/nominees-2025.json"

    @Test("A batch over the exported full CSV writes the same verdicts as over the JSON it came from", arguments: ["csv", "json"])
    func batchOverFullCSV(_ ext: String) throws {
        let h = try CLIHarness()
        let csv = h.directory.appendingPathComponent("nominees.csv").path
        let export = h.run(["eligibility", "export", "--nominees", Self.json, "--format", "csv", "--out", csv])
        #expect(export.code == 0 && export.out.contains("10"), "\(export.err)")
        var outputs: [String] = []
        for input in [Self.json, csv] {
            let out = h.directory.appendingPathComponent("verdicts-\(outputs.count).\(ext)").path
            let run = h.run(["eligibility", "batch", "--nominees", input, "--award", "lao_dong_tien_tien,chien_si_thi_dua_co_so",
                             "--year", "2025", "--out", out])
            #expect(run.code == 0, "\(run.err)")
            outputs.append(try String(contentsOfFile: out, encoding: .utf8))
        }
        #expect(outputs[0] == outputs[1])
        #expect(outputs[0].contains("NV001"))
        let check = h.run(["eligibility", "check", "--nominees", csv, "--id", "NV002", "--award", "lao_dong_tien_tien", "--year", "2025"])
        #expect(check.code == 0 && check.out.contains("NV002"), "\(check.err)")
    }

    @Test("A bad cell stops the export with its line and column, and no output file is written")
    func badCellWritesNothing() throws {
        let h = try CLIHarness()
        let bad = h.directory.appendingPathComponent("bad.csv").path
        try "kind,id,name,unit,year,duty_rating\nindividual,P1,An,U1,2025,HTXSNV\nindividual,P2,Bình,U1,2025,XUAT_SAC\n"
            .write(toFile: bad, atomically: true, encoding: .utf8)
        let out = h.directory.appendingPathComponent("out.json").path
        let run = h.run(["--lang", "en", "eligibility", "export", "--nominees", bad, "--format", "json", "--out", out])
        #expect(run.code == ExitCode.dataError.rawValue)
        #expect(run.err.contains("\(bad):3:6: error: duty_rating: \"duty_rating\" must be one of HTXSNV, HTTNV, HTNV, KHTNV"), "\(run.err)")
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test("An unknown format is a usage error naming --format")
    func unknownFormat() throws {
        let run = try CLIHarness().run(["--lang", "en", "eligibility", "export", "--nominees", Self.json, "--format", "xml"])
        #expect(run.code == ExitCode.usage.rawValue && run.err.contains("--format") && run.err.contains("csv"), "\(run.err)")
    }
}
