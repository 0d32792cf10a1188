import Foundation
import Testing
@testable import KhenThuongCLI
@testable import KhenThuongCore
@testable import KhenThuongStore
@testable import KhenThuongKit

/// One date option reader: one message naming the option, the value and the forms; exit 2.
@Suite struct DateOptionTests {
    @Test("Every date option refuses a bad date the same way", arguments: [
        (["dossier", "create", "--award", "a", "--year", "2025", "--nominee-id", "x", "--nominee-name", "X", "--addressee", "U", "--due", "31-12-2025"], "--due"),
        (["council", "session", "open", "C1", "--id", "1", "--date", "31-12-2025", "--present", "m"], "--date"),
        (["decision", "issue", "--number", "1", "--date", "31-12-2025", "--signer", "S", "HS-1"], "--date"),
        (["movement", "record", "M", "--target", "t", "--unit", "u", "--value", "1", "--date", "31-12-2025"], "--date"),
        (["movement", "progress", "M", "--as-of", "31-12-2025"], "--as-of"),
        (["movement", "target", "add", "M", "--id", "t", "--kind", "count", "--goal", "1", "--from", "31-12-2025", "--text", "x"], "--from"),
        (["report", "awards", "--from", "2025-01-01", "--to", "31-12-2025"], "--to"),
        (["report", "targets", "M", "--as-of", "31-12-2025"], "--as-of"),
        (["eligibility", "check", "--nominees", "n.json", "--id", "x", "--award", "a", "--year", "2025", "--as-of", "31-12-2025"], "--as-of"),
    ])
    func badDate(args: [String], option: String) throws {
        let h = try CLIHarness()
        let run = h.run(["--lang", "en", "--as", "secretariat@LDLD-HN:a"] + args)
        #expect(run.code == 2)
        #expect(run.out.isEmpty)
        #expect(run.err == "khenthuong: error: “31-12-2025” is not a date; write YYYY-MM-DD (for example 2025-12-31) or DD/MM/YYYY (\(option))\n")
    }

    @Test("Both accepted forms name the same day")
    func forms() throws {
        var a = ArgumentList(["--due", "2025-12-31", "--from=31/12/2025"], command: "x")
        #expect(try a.date("due") == a.date("from"))
        #expect(try a.date("to") == nil)
        #expect(throws: CLIError.self) { var b = ArgumentList([], command: "x"); _ = try b.requiredDate("to") }
    }
}
