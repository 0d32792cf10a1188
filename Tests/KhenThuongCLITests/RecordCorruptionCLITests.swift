import Foundation
import Testing
@testable import KhenThuongCLI
@testable import KhenThuongCore
@testable import KhenThuongStore
@testable import KhenThuongKit

/// `council list`, `decision list` and `publish` on a demo store whose record was changed
/// behind the tool's back: exit 3 and a message naming the event and the record, never a list
/// that quietly leaves the record out (or a site that publishes it half-empty).
@Suite struct RecordCorruptionCLITests {
    /// A demo store, copied to `name` in the harness's folder.
    static func demoStore(_ h: CLIHarness) throws -> String {
        let path = h.directory.appendingPathComponent("demo.sqlite").path
        let r = h.run(["demo", "--store", path, "--site", h.directory.appendingPathComponent("demo-site").path])
        try #require(r.code == 0, "\(r.err)")
        return path
    }

    /// Rewrites the payload of the last record named `kind`; returns its number.
    static func tamper(_ path: String, kind: String, payload: String) throws -> Int64 {
        let seq = try #require(try EventStore(path: path).records(named: kind).last).seq
        try SQLiteTamper.execute(path, "UPDATE events SET payload = '\(payload.replacingOccurrences(of: "'", with: "''"))' WHERE seq = \(seq)")
        return seq
    }

    @Test("council list names a council record that no longer decodes")
    func councilList() throws {
        let h = try CLIHarness()
        let path = try Self.demoStore(h)
        #expect(h.run(["--store", path, "council", "list"]).code == 0)
        let seq = try Self.tamper(path, kind: "council_defined", payload: #"{"id":"HĐTĐKT-LĐLĐ-HN","unit":"LDLD-HN"}"#)
        let r = h.run(["--lang", "en", "--store", path, "council", "list"])
        #expect(r.code == 3 && r.out.isEmpty)
        #expect(r.err.contains("the council_defined record in event \(seq) in the store \(path) cannot be read (field name: missing or not an object)"), "\(r.err)")
    }

    @Test("decision list stops on a decision record edited behind the tool after the store was last checked, naming the event")
    func decisionList() throws {
        let h = try CLIHarness()
        let path = try Self.demoStore(h)
        #expect(h.run(["--store", path, "decision", "list"]).code == 0)
        let seq = try Self.tamper(path, kind: "decision_issued",
                                  payload: #"{"authority":"A","date":"2025-12-29","level":"LDLD-HN","number":"125/QĐ-LĐLĐ","recipients":[{"amountVND":"nhiều"}],"signer":"S"}"#)
        let r = h.run(["--lang", "en", "--store", path, "decision", "list"])
        #expect(r.code == 3 && r.out.isEmpty)
        // The first `decision list` left the store's verified mark at the head: the edit lies
        // before it, and is caught when the record is read (its hash no longer matches).
        #expect(r.err.contains("event \(seq) in the store \(path) cannot be read (its content no longer matches its hash: the event was edited behind the program; run verify)"), "\(r.err)")
    }

    @Test("publish stops on a revocation record edited behind the tool, naming the event, and writes nothing")
    func publish() throws {
        let h = try CLIHarness()
        let path = try Self.demoStore(h)
        let seq = try Self.tamper(path, kind: "revocation", payload: #"{"reason":"x"}"#)
        let site = h.directory.appendingPathComponent("site").path
        var publisher = h
        publisher.environment["KHENTHUONG_KEYRING"] = h.directory.appendingPathComponent("demo-keys").path
        let r = publisher.run(["--lang", "en", "--store", path, "--as", "secretariat@LDLD-HN:tran.thu.ha", "publish", "--out", site])
        // The demo left the store's verified mark at its head: the edit lies before it, and is
        // caught when publish reads the record (its hash no longer matches its content).
        #expect(r.code == 3)
        #expect(r.err.contains("event \(seq) in the store \(path) cannot be read (its content no longer matches its hash"), "\(r.err)")
        #expect(!FileManager.default.fileExists(atPath: site))
    }
}
