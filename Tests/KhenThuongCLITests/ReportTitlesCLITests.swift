import Foundation
import Testing
@testable import KhenThuongCLI
@testable import KhenThuongCore
@testable import KhenThuongKit

/// `report titles` reads the nominee file in every format `eligibility` reads (issue 14 item 6).
@Suite struct ReportTitlesCLITests {
    @Test("report titles reads the sample nominee CSV (the full profile) and gives the same figures as its JSON twin")
    func csvAndJSON() throws {
        let h = try CLIHarness()
        let samples = CLIHarness.workflows + "/samples/"
        let fromCSV = h.run(["--json", "report", "titles", "--nominees", samples + "nominees-2025.csv"])
        let fromJSON = h.run(["--json", "report", "titles", "--nominees", samples + "nominees-2025.json"])
        #expect(fromCSV.code == 0, "\(fromCSV.err)")
        #expect(fromJSON.code == 0, "\(fromJSON.err)")
        #expect(fromCSV.out.contains("\"population\""))
        #expect(fromCSV.out == fromJSON.out)
    }

    @Test("A CSV with a bad cell is refused naming the row and column, with the data-error exit code")
    func badCSV() throws {
        let h = try CLIHarness()
        let file = h.directory.appendingPathComponent("bad.csv").path
        var text = try String(contentsOfFile: CLIHarness.workflows + "/samples/nominees-2025.csv", encoding: .utf8)
        text = text.replacingOccurrences(of: ",2025,HTTNV,6,", with: ",2025,HTTNV,sáu,")
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        let r = h.run(["report", "titles", "--nominees", file])
        #expect(r.code == ExitCode.dataError.rawValue)
        #expect(r.err.contains("months_worked"))
    }
}
