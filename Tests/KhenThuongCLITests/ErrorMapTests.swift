import Foundation
import Testing
@testable import KhenThuongCLI
@testable import KhenThuongCore
@testable import KhenThuongStore
@testable import KhenThuongKit
@testable import KhenThuongDefinitions

/// One map from errors to messages and exit codes.
@Suite struct ErrorMapTests {
    @Test("Each library error gets its exit code from CLIError.from, whichever command it comes through")
    func exitCodes() throws {
        #expect(CLIError.from(RunnerError.creationRefused(.init(vi: "v", en: "e")), language: .en).exitCode == .refused)
        #expect(CLIError.from(RunnerError.unknownDossier("HS-9"), language: .en).exitCode == .dataError)
        #expect(CLIError.from(MovementError.unknownDossier("HS-9"), language: .en).exitCode == .refused)
        #expect(CLIError.from(MovementError.invalidDefinition(file: "m.json", findings: []), language: .en).exitCode == .dataError)
        #expect(CLIError.from(DateError.malformed("x"), language: .en).exitCode == .usage)
        #expect(CLIError.from(PublicationError.badOutput(path: "p", detail: "d"), language: .en).location == "--out")
        let write = CLIError.from(AtomicFileError(path: "out.csv", detail: "No such file or directory"), language: .en)
        // A deadline in a year calendar.json does not confirm is missing data (exit 3), not a workflow refusal.
        let adhoc = try #require(try Definitions.load(directory: CLIHarness.workflows).workflows["adhoc"])
        let calendar = Refusal(dossierID: "HS-1", state: "needs_supplement", event: "resubmit", actor: Actor(role: "union_officer", unit: "U", user: "u"),
                               reasons: [.calendarNotConfirmed(year: 2027)], allowedEvents: [])
        let unconfirmed = CLIError.from(RunnerError.refused(calendar, workflow: adhoc), language: .en)
        #expect(unconfirmed.exitCode == .dataError && unconfirmed.location == "calendar.json" && unconfirmed.what.en.contains("the days off of 2027 are not confirmed"))
        #expect(write.exitCode == .dataError && write.what.en == "cannot write out.csv: No such file or directory")
        let cell = CLIError.from(DossierImport.Problem(line: 3, column: "year", message: .init(vi: "v", en: "e")), language: .en, input: "d.csv")
        #expect(cell.exitCode == .dataError && cell.location == "d.csv:3, column year")
        #expect(CLIError.from(CSVReader.SyntaxError(line: 2, message: "m"), language: .vi, input: "d.csv").location == "d.csv:2")
        struct Unreadable: Error {}
        #expect(CLIError.from(Unreadable(), language: .en, input: "d.csv").what.en == "cannot read d.csv")
    }
}
