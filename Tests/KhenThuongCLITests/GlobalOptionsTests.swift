import Foundation
import Testing
@testable import KhenThuongCLI
@testable import KhenThuongCore
@testable import KhenThuongStore
@testable import KhenThuongKit

/// One reading of the global options, wherever they stand on the line.
@Suite struct GlobalOptionsTests {
    @Test("Global options are read once, before or after the command, and the rest is the command's")
    func parsedOnce() {
        let o = GlobalOptions(["--store", "s.sqlite", "dossier", "--json", "list", "--as=a@B:c", "--year", "2025", "--lang", "en",
                               "--workflows=wf", "-h"])
        #expect(o.store == "s.sqlite")
        #expect(o.actor == "a@B:c")
        #expect(o.workflows == "wf")
        #expect(o.language == .en)
        #expect(o.json && o.help)
        #expect(o.commandWords == ["dossier", "list", "--year", "2025"])
        #expect(o.problem == nil && o.languageProblem == nil)
        // `--as-of` is a command's option, not `--as`.
        #expect(GlobalOptions(["movement", "progress", "M", "--as-of", "2025-12-31"]).commandWords == ["movement", "progress", "M", "--as-of", "2025-12-31"])
    }

    @Test("A missing value, an option given twice and a bad --lang are usage errors (exit 2) in the language asked for")
    func problems() throws {
        #expect(GlobalOptions(["verify", "--store"]).problem?.what.en == "the option --store needs a value")
        #expect(GlobalOptions(["--as", "a@B:c", "verify", "--as=d@E:f"]).problem?.what.en == "the option --as may be given once only")
        #expect(GlobalOptions(["--lang", "fr", "verify"]).languageProblem?.exitCode == .usage)
        let h = try CLIHarness()
        let twice = h.run(["--store", "a", "--lang", "en", "verify", "--store", "b"])
        #expect(twice.code == 2)
        #expect(twice.err.hasPrefix("khenthuong: error: the option --store may be given once only"))
    }
}
