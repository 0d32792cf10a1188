import Foundation
import Testing
@testable import KhenThuongCLI
@testable import KhenThuongCore
@testable import KhenThuongDefinitions
@testable import KhenThuongStore
@testable import KhenThuongKit

/// Where `khenthuong` finds `workflows/`: `--workflows`, `KHENTHUONG_WORKFLOWS`, `./workflows`,
/// then beside the installed binary, never from the source tree it was built from.
@Suite struct WorkflowsLocationTests {
    /// A temporary folder with `work/workflows/` (a definition in it), `prefix/bin/khenthuong`'s
    /// path and `prefix/share/khenthuong/workflows/` (a definition in it).
    struct Layout {
        let root: URL
        var work: String { root.appendingPathComponent("work").path }
        var local: String { work + "/workflows" }
        var executable: String { root.appendingPathComponent("prefix/bin/khenthuong").path }
        var installed: String { root.appendingPathComponent("prefix/share/khenthuong/workflows").path }

        init(local hasLocal: Bool = true, installed hasInstalled: Bool = true) throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("khenthuong-location-\(UUID().uuidString)")
            let fm = FileManager.default
            try fm.createDirectory(atPath: root.appendingPathComponent("prefix/bin").path, withIntermediateDirectories: true)
            try fm.createDirectory(atPath: work, withIntermediateDirectories: true)
            if hasLocal {
                try fm.createDirectory(atPath: local, withIntermediateDirectories: true)
                try Data("{}".utf8).write(to: URL(fileURLWithPath: local + "/yearly.json"))
            }
            if hasInstalled {
                try fm.createDirectory(atPath: installed, withIntermediateDirectories: true)
                try Data("{}".utf8).write(to: URL(fileURLWithPath: installed + "/adhoc.json"))
            }
        }

        func locate(option: String? = nil, environment: [String: String] = [:]) -> WorkflowsLocation {
            WorkflowsLocation(option: option, environment: environment, currentDirectory: work, executablePaths: [executable])
        }
    }

    @Test("--workflows wins over KHENTHUONG_WORKFLOWS, which wins over ./workflows and the installed folder")
    func explicitFirst() throws {
        let l = try Layout()
        #expect(l.locate(option: "/a", environment: ["KHENTHUONG_WORKFLOWS": "/b"]).directory == "/a")
        #expect(l.locate(environment: ["KHENTHUONG_WORKFLOWS": "/b"]).directory == "/b")
        #expect(l.locate(environment: ["KHENTHUONG_WORKFLOWS": ""]).directory == l.local)
    }

    @Test("./workflows is used when it holds yearly.json or any workflow definition")
    func localFolder() throws {
        let l = try Layout()
        #expect(l.locate().directory == l.local)
        try FileManager.default.moveItem(atPath: l.local + "/yearly.json", toPath: l.local + "/mine.json")
        #expect(l.locate().directory == l.local)
    }

    @Test("Without ./workflows, or with one that holds no definition, the folder beside the binary is used")
    func besideTheBinary() throws {
        let l = try Layout(local: false)
        #expect(l.locate().directory == l.installed)
        try FileManager.default.createDirectory(atPath: l.local, withIntermediateDirectories: true)
        try Data("{}".utf8).write(to: URL(fileURLWithPath: l.local + "/awards.json"))
        #expect(l.locate().directory == l.installed)
    }

    @Test("When nothing is found, a command that needs definitions says where it looked and how to fix it (exit 3)")
    func notFound() throws {
        let l = try Layout(local: false, installed: false)
        let location = l.locate()
        #expect(location.directory == nil)
        #expect(location.looked == [l.local, l.installed])
        let error = try #require(throws: CLIError.self) { try location.resolved(.en) }
        #expect(error.exitCode == .dataError)
        #expect(error.rendered(.en) == """
            khenthuong: error: the definitions folder (workflows/) was not found
              looked at: --workflows (not given), KHENTHUONG_WORKFLOWS (not set), \(l.local), \(l.installed)
              how to fix: name it with --workflows DIR or KHENTHUONG_WORKFLOWS=DIR, run from the folder that holds workflows/, \
            or install the definitions in …/share/khenthuong/workflows beside khenthuong's bin folder
            """)
    }

    /// Runs `binary` in `directory` with the environment of the test process minus `KHENTHUONG_*`.
    static func exec(_ binary: String, _ args: [String], in directory: String) throws -> CLIHarness.Run {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: binary)
        p.arguments = args
        p.currentDirectoryURL = URL(fileURLWithPath: directory)
        p.environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("KHENTHUONG_") }
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return .init(code: p.terminationStatus, out: String(decoding: o, as: UTF8.self), err: String(decoding: e, as: UTF8.self))
    }

    @Test("The built binary, run outside the repository with nothing set, stops with exit 3 and the places it looked; --help needs no definitions")
    func binaryOutsideTheRepository() throws {
        let l = try Layout(local: false, installed: false)
        let r = try Self.exec(CLIHarness.binary.path, ["--lang", "en", "workflow", "list"], in: l.work)
        #expect(r.code == 3)
        #expect(r.out.isEmpty)
        #expect(r.err.hasPrefix("khenthuong: error: the definitions folder (workflows/) was not found\n  looked at: --workflows (not given), KHENTHUONG_WORKFLOWS (not set), ./workflows, "))
        #expect(!r.err.contains(CLIHarness.workflows))
        #expect(try Self.exec(CLIHarness.binary.path, ["--help"], in: l.work).code == 0)
        #expect(try Self.exec(CLIHarness.binary.path, ["--workflows", CLIHarness.workflows, "workflow", "list"], in: l.work).code == 0)
    }

    @Test("An installed copy (bin/khenthuong, share/khenthuong/workflows) finds its definitions from any folder")
    func installedCopy() throws {
        let l = try Layout(local: false, installed: false)
        try FileManager.default.copyItem(atPath: CLIHarness.binary.path, toPath: l.executable)
        try FileManager.default.createDirectory(atPath: (l.installed as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: l.installed, withDestinationPath: CLIHarness.workflows)
        let r = try Self.exec(l.executable, ["--lang", "en", "workflow", "list"], in: l.work)
        #expect(r.code == 0, "\(r.err)")
        #expect(r.out.contains("yearly  1.0.0"))
        try FileManager.default.removeItem(atPath: l.root.path)
    }
}
