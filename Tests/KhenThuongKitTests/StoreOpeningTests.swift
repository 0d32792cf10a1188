import Foundation
import Testing
@testable import KhenThuongCore
@testable import KhenThuongDefinitions
@testable import KhenThuongStore
@testable import KhenThuongKit
@testable import KhenThuongBench

@Suite struct StoreOpeningTests {
    let directory: StoreTemporaryDirectory

    init() throws {
        directory = try StoreTemporaryDirectory()
    }

    @Test("A new store file gets the schema (the current version, with the append-only commits table, a store id and the nominee index) and WAL mode")
    func createsSchema() throws {
        let path = directory.path()
        let store = try EventStore(path: path)
        #expect(FileManager.default.fileExists(atPath: path))
        #expect(try store.connection.scalarInt(StoreSchema.readVersion) == Int64(StoreSchema.version))
        #expect(try store.connection.scalarInt("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = 'dossiers_nominee'") == 1)
        let mode = try store.connection.prepare("PRAGMA journal_mode")
        #expect(try mode.step() && mode.text(0) == "wal")
        let triggers = try store.connection.scalarInt("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'events'")
        #expect(triggers == 2)
        let commitTriggers = try store.connection.scalarInt("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'commits'")
        #expect(commitTriggers == 2)
        #expect(try store.eventCount() == 0 && store.head() == nil && store.commits(from: 1).isEmpty)
        let id = try store.storeID()
        #expect(id.utf8.count == 32 && id.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) })
        #expect(try EventStore(path: directory.path("other.sqlite")).storeID() != id)
    }

    @Test("A second store on the same file is told the store is busy while the first one writes")
    func busy() throws {
        let path = directory.path()
        let first = try EventStore(path: path)
        let definitions = try StoreFixture.definitions()
        let dossier = try StoreFixture.newDossier("HS-BUSY", definitions: definitions, createdAt: StoreFixture.instant("2025-12-01T00:00:00.000Z"))
        try first.write { tx in
            try tx.append(created: dossier, actor: StoreFixture.proposer, at: dossier.createdAt)
            // Opening only reads, so it works while the other connection writes.
            let second = try EventStore(path: path, busyTimeoutMilliseconds: 10)
            #expect(throws: StoreError.busy(path)) {
                try second.write { _ in }
            }
            let message = StoreError.busy(path).message(.en)
            #expect(message.contains(path) && message.contains("in use by another process") && message.contains("retry"))
            #expect(StoreError.busy(path).message(.vi).contains("thử lại"))
            // Readers see the last committed state, not the open transaction.
            #expect(try second.eventCount() == 0)
        }
        let second = try EventStore(path: path, busyTimeoutMilliseconds: 10)
        #expect(try second.eventCount() == 1)
    }

    @Test("A version-3 store opens as version 4 with the dossiers_nominee index added")
    func version3GetsNomineeIndex() throws {
        let path = directory.path()
        _ = try EventStore(path: path)
        #expect(RawSQLite.exec(path, "DROP INDEX dossiers_nominee; UPDATE meta SET value = '3' WHERE key = 'schema_version'") == nil)
        let store = try EventStore(path: path)
        #expect(try store.connection.scalarInt(StoreSchema.readVersion) == 4)
        #expect(try store.connection.scalarInt("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = 'dossiers_nominee'") == 1)
    }

    @Test("A store with a newer schema version is refused")
    func newerSchema() throws {
        let path = directory.path()
        _ = try EventStore(path: path)
        #expect(RawSQLite.exec(path, "UPDATE meta SET value = '5' WHERE key = 'schema_version'") == nil)
        #expect(throws: StoreError.newerSchema(path: path, found: 5, supported: 4)) {
            _ = try EventStore(path: path)
        }
        #expect(StoreError.newerSchema(path: path, found: 2, supported: 1).message(.en).contains("update khenthuong"))
    }

    @Test("A file that is not SQLite is refused as not a store")
    func notAStore() throws {
        let path = directory.path("notes.txt")
        try Data(String(repeating: "đây không phải cơ sở dữ liệu\n", count: 200).utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: StoreError.notAStore(path)) {
            _ = try EventStore(path: path)
        }
    }

    @Test("Another program's SQLite database is refused and left as it was")
    func foreignDatabase() throws {
        let path = directory.path("other.sqlite")
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        #expect(RawSQLite.exec(path, "CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES ('giữ nguyên');") == nil)
        #expect(throws: StoreError.notAStore(path)) {
            _ = try EventStore(path: path)
        }
        #expect(RawSQLite.exec(path, "SELECT * FROM events") == "no such table: events")
    }

    @Test("A store in a folder that does not exist cannot be opened, and the message says so")
    func missingFolder() throws {
        let path = directory.path("missing/store.db")
        let error = try #require(throws: StoreError.self) { _ = try EventStore(path: path) }
        guard case .cannotOpen(let p, _) = error else {
            Issue.record("expected cannotOpen, got \(error)")
            return
        }
        #expect(p == path)
        #expect(error.message(.en).contains("check that the folder exists"))
    }

    @Test("Every store error names the store and says how to fix it, in Vietnamese and in English",
          arguments: [
            StoreError.cannotOpen(path: "/x/s.db", detail: "unable to open database file"),
            .notAStore("/x/s.db"),
            .newerSchema(path: "/x/s.db", found: 3, supported: 1),
            .busy("/x/s.db"),
            .sqlite(path: "/x/s.db", code: 13, detail: "database or disk is full"),
            .dossierExists(path: "/x/s.db", id: "HS-1"),
            .unknownDossier(path: "/x/s.db", id: "HS-1"),
            .staleDossier(path: "/x/s.db", id: "HS-1", expected: "draft", actual: "submitted"),
            .inconsistentDossier(path: "/x/s.db", id: "HS-1", fields: ["state"]),
            .unsupportedTransition(path: "/x/s.db", id: "HS-1", detail: "two tallies"),
            .corruptEvent(path: "/x/s.db", seq: 7, detail: "bad payload"),
            .corruptProjection(path: "/x/s.db", id: "HS-1", detail: "bad date"),
            .nestedWrite("/x/s.db"),
            .transactionEnded("/x/s.db"),
          ])
    func messages(error: StoreError) {
        let vi = error.message(.vi), en = error.message(.en)
        #expect(error.path == "/x/s.db")
        #expect(vi.contains("/x/s.db") && en.contains("/x/s.db"))
        #expect(vi != en)
        // Every message ends with what to do: after a semicolon comes the fix.
        #expect(vi.contains("; ") && en.contains("; "))
    }
}
