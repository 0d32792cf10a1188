import Foundation
import Testing
@testable import KhenThuongCLI
@testable import KhenThuongCore
@testable import KhenThuongStore
@testable import KhenThuongKit

/// One map from errors to messages and exit codes.
@Suite struct ErrorMapTests {
    @Test("Each library error gets its exit code from CLIError.from, whichever command it comes through")
    func exitCodes() {
        #expect(CLIError.from(RunnerError.creationRefused(.init(vi: "v", en: "e")), language: .en).exitCode == .refused)
        #expect(CLIError.from(RunnerError.unknownDossier("HS-9"), language: .en).exitCode == .dataError)
        #expect(CLIError.from(MovementError.unknownDossier("HS-9"), language: .en).exitCode == .refused)
        #expect(CLIError.from(MovementError.invalidDefinition(file: "m.json", findings: []), language: .en).exitCode == .dataError)
        #expect(CLIError.from(DateError.malformed("x"), language: .en).exitCode == .usage)
        #expect(CLIError.from(PublicationError.badOutput(path: "p", detail: "d"), language: .en).location == "--out")
        let write = CLIError.from(AtomicFileError(path: "out.csv", detail: "No such file or directory"), language: .en)
        #expect(write.exitCode == .dataError && write.what.en == "cannot write out.csv: No such file or directory")
        let cell = CLIError.from(DossierImport.Problem(line: 3, column: "year", message: .init(vi: "v", en: "e")), language: .en, input: "d.csv")
        #expect(cell.exitCode == .dataError && cell.location == "d.csv:3, column year")
        #expect(CLIError.from(CSVReader.SyntaxError(line: 2, message: "m"), language: .vi, input: "d.csv").location == "d.csv:2")
        struct Unreadable: Error {}
        #expect(CLIError.from(Unreadable(), language: .en, input: "d.csv").what.en == "cannot read d.csv")
    }
}
