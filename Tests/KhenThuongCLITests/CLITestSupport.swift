import Foundation
import Testing
@testable import KhenThuongCLI
@testable import KhenThuongCore
@testable import KhenThuongDefinitions
@testable import KhenThuongStore
@testable import KhenThuongKit

/// Runs `khenthuong` in-process or as the built binary, in a temporary folder.
struct CLIHarness {
    let directory: URL
    var environment: [String: String]

    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let workflows = repository.appendingPathComponent("workflows").path

    /// Private keys for tests only (the administrator and the cast of the sample directory),
    /// so transcripts show the same key ids and hashes on every machine. Never use them for real.
    static let testKeys = repository.appendingPathComponent("Tests/KhenThuongKitTests/Fixtures/test-keys")
    /// The sample unit directory and its people (`workflows/samples/directory.json`).
    static let sampleDirectory = repository.appendingPathComponent("workflows/samples/directory.json").path

    /// A fresh folder with a key ring holding a copy of the test keys (`KHENTHUONG_KEYRING`):
    /// `--as ROLE@UNIT:USER` acts with the key of that person, once `setUp` has run.
    init(now: String = "2025-12-01T02:00:00Z") throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("khenthuong-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let keyring = directory.appendingPathComponent("keys")
        try FileManager.default.createDirectory(at: keyring, withIntermediateDirectories: true)
        for file in try FileManager.default.contentsOfDirectory(atPath: CLIHarness.testKeys.path) where file.hasSuffix(".pem") {
            let to = keyring.appendingPathComponent(file)
            try FileManager.default.copyItem(at: CLIHarness.testKeys.appendingPathComponent(file), to: to)
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: to.path)
        }
        environment = ["KHENTHUONG_NOW": now, "KHENTHUONG_WORKFLOWS": CLIHarness.workflows,
                       "KHENTHUONG_STORE": directory.appendingPathComponent("store.sqlite").path,
                       "KHENTHUONG_KEYRING": keyring.path]
    }

    /// The key ring folder.
    var keyring: String { environment["KHENTHUONG_KEYRING"]! }

    /// The commands that set a store up for the sample cast: `init` (the administrator's key is
    /// the key ring's `admin.pem`) and the sample directory's units and grants.
    var setUp: [[String]] { [["init"], ["directory", "import", CLIHarness.sampleDirectory, "--keys", keyring]] }

    /// Runs `setUp` in this process; every step must succeed.
    func initialise(sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        for args in setUp {
            let r = run(args)
            #expect(r.code == 0, "\(args): \(r.err)", sourceLocation: sourceLocation)
        }
    }

    var storePath: String { environment["KHENTHUONG_STORE"]! }

    /// The result of one run: exit code, standard output, standard error.
    struct Run: Equatable {
        var code: Int32
        var out: String
        var err: String
    }

    /// Runs the command line in this process.
    func run(_ args: [String], now: String? = nil) -> Run {
        final class Buffer: @unchecked Sendable { var out = ""; var err = "" }
        let buffer = Buffer()
        let console = Console(out: { buffer.out += $0 }, err: { buffer.err += $0 }, errIsTerminal: false)
        var env = environment
        if let now { env["KHENTHUONG_NOW"] = now }
        let code = KhenThuongMain.run(args, environment: env, console: console)
        return Run(code: code, out: buffer.out, err: buffer.err)
    }

    /// The built `khenthuong` binary next to the test bundle.
    static var binary: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("khenthuong")
    }

    /// Runs the built binary and waits for it.
    func exec(_ args: [String], extraEnvironment: [String: String] = [:]) throws -> Run {
        let p = try spawn(args, extraEnvironment: extraEnvironment)
        let out = p.standardOutput as! Pipe, err = p.standardError as! Pipe
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Run(code: p.terminationStatus, out: String(decoding: outData, as: UTF8.self), err: String(decoding: errData, as: UTF8.self))
    }

    /// Starts the built binary without waiting.
    func spawn(_ args: [String], extraEnvironment: [String: String] = [:]) throws -> Process {
        let p = Process()
        p.executableURL = CLIHarness.binary
        p.arguments = args
        p.currentDirectoryURL = directory
        p.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }.merging(extraEnvironment) { _, new in new }
        p.standardOutput = Pipe()
        p.standardError = Pipe()
        try p.run()
        return p
    }

    /// A transcript of several in-process runs, as stored in the golden files.
    func transcript(_ commands: [[String]]) -> String {
        commands.map { args in
            let r = run(args)
            var s = "$ khenthuong \(args.map { $0.contains(" ") ? "\"\($0)\"" : $0 }.joined(separator: " "))\n"
            s += r.out
            if !r.err.isEmpty { s += "[stderr]\n" + r.err }
            s += "[exit \(r.code)]\n"
            return s
        }.joined(separator: "\n")
            .replacingOccurrences(of: directory.path, with: "$TMP")
            .replacingOccurrences(of: CLIHarness.repository.path, with: "$REPO")
    }
}

/// Compares `actual` with `Golden/<name>.txt`; `KHENTHUONG_RECORD=1 swift test` rewrites it.
func expectGolden(_ actual: String, _ name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
    let url = CLIHarness.repository.appendingPathComponent("Tests/KhenThuongCLITests/Golden/\(name).txt")
    if ProcessInfo.processInfo.environment["KHENTHUONG_RECORD"] == "1" {
        try actual.write(to: url, atomically: true, encoding: .utf8)
        return
    }
    let expected = try String(contentsOf: url, encoding: .utf8)
    #expect(actual == expected, "golden \(name).txt differs; re-record with KHENTHUONG_RECORD=1 if the change is intended", sourceLocation: sourceLocation)
}
