import Foundation
import Testing
@testable import KhenThuongCore
@testable import KhenThuongDefinitions
@testable import KhenThuongStore
@testable import KhenThuongKit

/// Real processes: killed in the middle of a batch, and writing the same store at once.
@Suite(.serialized) struct ProcessSafetyTests {
    static let officer = "--as=union_officer@CDCS-DHBK:le.thi.cuc"

    /// A CSV of `count` dossiers to import.
    static func batch(_ count: Int, in h: CLIHarness, name: String, prefix: String) throws -> String {
        var csv = "id,award,year,nominee_id,nominee_name,addressee,documents\n"
        for i in 0..<count {
            csv += "\(prefix)-\(i),lao_dong_tien_tien,2025,nv\(prefix)\(i),Nguyễn Văn \(i),LDLD-HN,cover_letter;achievement_report\n"
        }
        let path = h.directory.appendingPathComponent(name).path
        try csv.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static func open(_ h: CLIHarness) throws -> EventStore { try EventStore(path: h.storePath) }

    /// Sets the store up for the sample cast through the binary; returns the events it wrote.
    static func setUp(_ h: CLIHarness) throws -> Int64 {
        for args in h.setUp {
            let r = try h.exec(args)
            #expect(r.code == 0, "\(args): \(r.err)")
        }
        return try open(h).eventCount()
    }

    @Test("A child killed in the middle of a batch import leaves the store as before: chain intact, nothing half-written")
    func killedMidBatch() throws {
        let h = try CLIHarness()
        let setUp = try Self.setUp(h)
        #expect(try h.exec([Self.officer, "dossier", "import", try Self.batch(5, in: h, name: "small.csv", prefix: "A")]).code == 0)
        let big = try Self.batch(60_000, in: h, name: "big.csv", prefix: "B")
        var killedMidway = 0
        for delay in [0.15, 0.3, 0.6] {
            let p = try h.spawn([Self.officer, "dossier", "import", big])
            Thread.sleep(forTimeInterval: delay)
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
            let store = try Self.open(h)
            let report = try store.verify()
            #expect(report.firstBroken == nil)
            let count = try store.dossierCount()
            // All or nothing: either the batch committed before the kill, or none of it is there.
            #expect(count == 5 || count == 60_005, "after a kill at \(delay)s the store holds \(count) dossiers")
            #expect(report.eventCount == setUp + Int64(count))
            #expect(try store.rebuild(dryRun: true).differences.isEmpty)
            if count == 5 { killedMidway += 1 } else { break }
        }
        #expect(killedMidway >= 1, "the import finished before any kill; the test did not test a kill mid-batch")
    }

    @Test("Commands killed one after another never leave a half-written event")
    func killedSingleCommands() throws {
        let h = try CLIHarness()
        let setUp = try Self.setUp(h)
        var finished = 0, killed = 0
        for i in 0..<12 {
            let p = try h.spawn([Self.officer, "dossier", "create", "--award", "lao_dong_tien_tien", "--year", "2025",
                                 "--nominee-id", "nv\(i)", "--nominee-name", "Trần Thị \(i)", "--addressee", "LDLD-HN"])
            let kills = i % 3 == 2
            if kills { Thread.sleep(forTimeInterval: 0.005 * Double(i)); kill(p.processIdentifier, SIGKILL) }
            p.waitUntilExit()
            if p.terminationReason == .exit {
                #expect(p.terminationStatus == 0, "dossier create nv\(i) exited with \(p.terminationStatus)")
                finished += 1
            } else {
                #expect(kills && p.terminationStatus == SIGKILL, "dossier create nv\(i) died of signal \(p.terminationStatus)")
                killed += 1
            }
        }
        #expect(finished + killed == 12 && finished >= 8)
        let store = try Self.open(h)
        let report = try store.verify()
        #expect(report.firstBroken == nil)
        // Every command that exited wrote its dossier; one killed may or may not have committed before the kill.
        let count = try store.dossierCount()
        #expect(count >= finished && count <= 12, "\(count) dossiers after \(finished) finished and \(killed) killed commands")
        #expect(report.eventCount == setUp + Int64(count))
    }

    @Test("Four processes writing the same store at once all succeed, with no lost event and no fork in the chain")
    func concurrentWriters() throws {
        let h = try CLIHarness()
        let setUp = try Self.setUp(h)
        let files = try (0..<4).map { try Self.batch(40, in: h, name: "w\($0).csv", prefix: "W\($0)") }
        let importers = try files.map { try h.spawn([Self.officer, "dossier", "import", $0]) }
        let creators = try (0..<4).map { i in
            try h.spawn([Self.officer, "dossier", "create", "--award", "lao_dong_tien_tien", "--year", "2025",
                         "--nominee-id", "solo\(i)", "--nominee-name", "Lê Văn \(i)", "--addressee", "LDLD-HN", "--id", "SOLO-\(i)"])
        }
        for p in importers + creators { p.waitUntilExit() }
        #expect((importers + creators).map(\.terminationStatus) == Array(repeating: 0, count: 8))
        let store = try Self.open(h)
        let report = try store.verify()
        #expect(report.firstBroken == nil)
        #expect(try store.dossierCount() == 4 * 40 + 4)
        #expect(report.eventCount == setUp + 4 * 40 + 4)
    }

    @Test("A waiting writer that cannot get the lock in time gets a clear 'store busy' error and exit 3")
    func busyStore() throws {
        let h = try CLIHarness()
        _ = try Self.setUp(h)
        let holder = try Self.open(h)
        try holder.write { _ in
            let r = try h.exec([Self.officer, "dossier", "create", "--award", "lao_dong_tien_tien", "--year", "2025",
                                "--nominee-id", "nv1", "--nominee-name", "Phạm Thị Lan", "--addressee", "LDLD-HN"],
                               extraEnvironment: ["KHENTHUONG_BUSY_TIMEOUT_MS": "200"])
            #expect(r.code == 3)
            #expect(r.err.contains("đang được một tiến trình khác sử dụng"), "stderr: \(r.err)")
        }
        #expect(try holder.dossierCount() == 0)
    }

    @Test("Editing the SQLite file behind the library's back is caught by `khenthuong verify`, which names the event")
    func tamperCaughtByVerify() throws {
        let h = try CLIHarness()
        let setUp = try Self.setUp(h)
        #expect(try h.exec([Self.officer, "dossier", "import", try Self.batch(5, in: h, name: "t.csv", prefix: "T")]).code == 0)
        #expect(try h.exec(["verify"]).code == 0)
        try SQLiteTamper.execute(h.storePath, """
            DROP TRIGGER IF EXISTS events_no_update;
            UPDATE events SET reason = 'sửa lén' WHERE seq = \(setUp + 3);
            """)
        let r = try h.exec(["--lang", "en", "verify"])
        #expect(r.code == 3)
        #expect(r.out.hasPrefix("BROKEN: event #\(setUp + 3) (dossier T-2)"), "stdout: \(r.out)")
    }
}
