import Foundation
import Testing
@testable import KhenThuongCLI
@testable import KhenThuongCore
@testable import KhenThuongStore
@testable import KhenThuongKit

/// One atomic file writer.
@Suite struct AtomicFileTests {
    func folder() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("khenthuong-atomic-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test("The target is replaced whole, and nothing else is left in its folder")
    func replaces() throws {
        let dir = try folder()
        let path = dir + "/out.txt"
        try AtomicFile.write("old\n", to: path)
        try AtomicFile.write(to: path) { f in
            try f.append("new ")
            // Until the commit the target is still the old file.
            #expect(try String(contentsOfFile: path, encoding: .utf8) == "old\n")
            try f.append(Array("file\n".utf8))
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "new file\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["out.txt"])
    }

    @Test("A producer that throws midway leaves the old file and no partial file")
    func throwingProducer() throws {
        struct Midway: Error {}
        let dir = try folder()
        let path = dir + "/out.txt"
        try AtomicFile.write("old\n", to: path)
        #expect(throws: Midway.self) {
            try AtomicFile.write(to: path) { f in
                try f.append(String(repeating: "x", count: 100_000))
                throw Midway()
            }
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "old\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["out.txt"])
    }

    @Test("When the folder disappears midway the write fails, naming the file, and leaves nothing behind")
    func folderDisappears() throws {
        let dir = try folder()
        let path = dir + "/out.txt"
        #expect(throws: AtomicFileError.self) {
            try AtomicFile.write(to: path) { f in
                try f.append("part")
                try FileManager.default.removeItem(atPath: dir)
            }
        }
        #expect(!FileManager.default.fileExists(atPath: dir))
        #expect(throws: AtomicFileError.self) { try AtomicFile.write("x", to: dir + "/out.txt") }
    }

    @Test("A file that is abandoned (discarded or dropped) leaves no temporary file")
    func abandoned() throws {
        let dir = try folder()
        do {
            let f = try AtomicFile(path: dir + "/a.txt")
            try f.append("a")
            #expect(FileManager.default.fileExists(atPath: f.temporaryPath))
        }
        let g = try AtomicFile(path: dir + "/b.txt")
        try g.append("b")
        g.discard()
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).isEmpty)
    }

    @Test("A command's --out into a missing folder fails with exit 3, naming --out, and writes nothing")
    func commandFailure() throws {
        let h = try CLIHarness()
        let out = h.directory.appendingPathComponent("missing/out.csv").path
        let nominees = CLIHarness.repository.appendingPathComponent("Tests/KhenThuongKitTests/Fixtures/guard-nominees.json").path
        let run = h.run(["--lang", "en", "eligibility", "export", "--nominees", nominees, "--format", "csv", "--out", out])
        #expect(run.code == 3)
        #expect(run.err.hasPrefix("khenthuong: error: cannot write \(out): No such file or directory (--out)"))
    }
}
