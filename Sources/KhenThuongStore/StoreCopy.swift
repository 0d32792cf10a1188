import Foundation
import KhenThuongCore

/// Copies a whole store into an empty one of any backend — SQLite to PostgreSQL and back —
/// keeping every row as stored: the events with their hashes, the signed commits, the
/// projection and the store id (which every commit signature names). The destination is
/// written in one transaction: all of it or nothing.
public enum StoreCopy {
    /// What a copy wrote.
    public struct Summary: Sendable, Equatable {
        public var events: Int64
        public var commits: Int
        public var dossiers: Int
        /// The head both stores now share, or `nil` for an empty source.
        public var headSeq: Int64?
        public var headHash: String?
    }

    /// Copies `source` into `destination`, which must hold no event, commit or dossier.
    ///
    /// - Parameter progress: called now and then with (events copied, events in the source).
    /// - Throws: `StoreError.destinationNotEmpty`; `.corruptEvent` when the copied head is not
    ///   the source's (nothing is kept then); any backend error (nothing is kept).
    public static func copy(from source: any EventLog, to destination: any EventLog,
                            progress: ((Int64, Int64) -> Void)? = nil) throws(StoreError) -> Summary {
        guard let sink = destination as? any StoreImportSink, let rows = source as? any ProjectionSource else {
            throw StoreError.cannotOpen(path: destination.location, detail: "this kind of store cannot be copied")
        }
        let total = try source.head()?.seq ?? 0
        let commits = try source.commits(from: 1)
        let projection = try rows.projectionRows()
        let storeID = try source.storeID()
        let mark = try source.verifiedMark()
        try sink.beginImport(storeID: storeID)
        do throws(StoreError) {
            var count: Int64 = 0
            var last: StoredEvent?
            try source.scan(from: 1) { event throws(StoreError) in
                try sink.importEvent(event)
                count += 1
                last = event
                if count % 8192 == 0 { progress?(count, total) }
            }
            let sortedRows = projection.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }.map { projection[$0]! }
            try sink.finishImport(commits: commits, projection: sortedRows, mark: mark, expectedHead: last.map { ($0.seq, $0.hash) })
            progress?(count, total)
            return Summary(events: count, commits: commits.count, dossiers: sortedRows.count, headSeq: last?.seq, headHash: last?.hash)
        } catch {
            sink.abortImport()
            throw error
        }
    }
}

/// A store that gives its projection rows as stored (for `StoreCopy`).
package protocol ProjectionSource {
    func projectionRows() throws(StoreError) -> [String: ProjectionRow]
}

/// A store that takes a whole copy in one transaction (for `StoreCopy`).
package protocol StoreImportSink: AnyObject {
    /// Opens the transaction, checks the store is empty and takes `storeID` as its id.
    func beginImport(storeID: String) throws(StoreError)
    /// Stores `event` exactly as given (its hash is not recomputed).
    func importEvent(_ event: StoredEvent) throws(StoreError)
    /// Stores the commits, the projection and the mark, checks the head, and commits.
    func finishImport(commits: [StoredCommit], projection: [ProjectionRow], mark: VerifiedMark?,
                      expectedHead: (seq: Int64, hash: String)?) throws(StoreError)
    /// Rolls the transaction back.
    func abortImport()
}

extension StoreImportSink where Self: EventLog {
    /// Throws unless the store's head (read in the import's transaction) is `expected`.
    func checkImportedHead(_ expected: (seq: Int64, hash: String)?) throws(StoreError) {
        let head = try self.head()
        guard head?.seq == expected?.seq, head.map({ $0.hash.utf8.elementsEqual(expected!.hash.utf8) }) ?? true else {
            throw StoreError.corruptEvent(path: location, seq: expected?.seq ?? 0, detail: "the copy's head is not the source's; nothing was kept")
        }
    }
}

extension EventStore: ProjectionSource, StoreImportSink {
    package func beginImport(storeID: String) throws(StoreError) {
        guard activeWrite == nil else { throw StoreError.nestedWrite(path) }
        try sql { () throws(SQLiteFailure) in try connection.exec("BEGIN IMMEDIATE") }
        do throws(StoreError) {
            let used = try sql { () throws(SQLiteFailure) in
                try connection.scalarInt("SELECT (SELECT count(*) FROM events) + (SELECT count(*) FROM commits) + (SELECT count(*) FROM dossiers)")
            } ?? 0
            if used > 0 { throw StoreError.destinationNotEmpty(path) }
            try sql { () throws(SQLiteFailure) in
                try connection.withCached("UPDATE meta SET value = ?1 WHERE key = 'store_id'") { s throws(SQLiteFailure) in
                    s.bind(1, storeID)
                    try s.run()
                }
            }
        } catch {
            rollback()
            throw error
        }
    }

    package func importEvent(_ e: StoredEvent) throws(StoreError) {
        try SQLiteSession(store: self, token: 0).insertImported(e)
    }

    package func finishImport(commits: [StoredCommit], projection: [ProjectionRow], mark: VerifiedMark?,
                              expectedHead: (seq: Int64, hash: String)?) throws(StoreError) {
        let session = SQLiteSession(store: self, token: 0)
        for c in commits { try session.insertCommit(c) }
        try sql { () throws(SQLiteFailure) in
            for row in projection {
                try connection.withCached(ProjectionRow.upsertKnownSeq) { s throws(SQLiteFailure) in
                    row.bind(to: s)
                    s.bind(21, row.lastSeq)
                    try s.run()
                }
            }
            if let mark {
                try connection.withCached("INSERT OR REPLACE INTO meta (key, value) VALUES ('verified_mark', ?1)") { s throws(SQLiteFailure) in
                    s.bind(1, mark.text)
                    try s.run()
                }
            }
        }
        try checkImportedHead(expectedHead)
        try sql { () throws(SQLiteFailure) in try connection.exec("COMMIT") }
    }

    package func abortImport() { rollback() }
}

extension SQLiteSession {
    /// `insert` without the write token check (a copy runs outside `write`).
    func insertImported(_ e: StoredEvent) throws(StoreError) { try insert(e) }
}

extension MemoryEventLog: ProjectionSource {
    package func projectionRows() throws(StoreError) -> [String: ProjectionRow] { contents.projection }
}

extension PostgresEventLog: ProjectionSource, StoreImportSink {
    package func beginImport(storeID: String) throws(StoreError) {
        guard activeWrite == nil else { throw StoreError.nestedWrite(location) }
        try beginWrite()
        do throws(StoreError) {
            let used = try pg { () throws(PGFailure) in
                try connection.exec("SELECT (SELECT count(*) FROM events) + (SELECT count(*) FROM commits) + (SELECT count(*) FROM dossiers)")
            }.int64(0, 0)
            if used > 0 { throw StoreError.destinationNotEmpty(location) }
            try pg { () throws(PGFailure) in
                try connection.query("UPDATE meta SET value = $1 WHERE key = 'store_id'", [storeID])
                try connection.beginCopy("COPY events (\(StoreSchema.eventColumns)) FROM STDIN")
            }
            cachedStoreID = nil
            importBuffer = PGCopyBuffer()
        } catch {
            rollback()
            throw error
        }
    }

    package func importEvent(_ e: StoredEvent) throws(StoreError) {
        let texts = e.columnTexts
        for (i, t) in texts.enumerated() { importBuffer.field(t, last: i == texts.count - 1) }
        if importBuffer.bytes.count >= 1 << 20 { try flushImport() }
    }

    private func flushImport() throws(StoreError) {
        try pg { () throws(PGFailure) in try connection.sendCopy(importBuffer.bytes) }
        importBuffer.bytes.removeAll(keepingCapacity: true)
    }

    package func finishImport(commits: [StoredCommit], projection: [ProjectionRow], mark: VerifiedMark?,
                              expectedHead: (seq: Int64, hash: String)?) throws(StoreError) {
        try flushImport()
        try pg { () throws(PGFailure) in try connection.endCopy() }
        var buffer = PGCopyBuffer()
        for c in commits {
            buffer.field(c.lastSeq); buffer.field(c.firstSeq); buffer.field(c.headHash); buffer.field(StoreTime.iso(c.at))
            buffer.field(c.publicKey.text); buffer.field(c.signatureText, last: true)
        }
        try pg { () throws(PGFailure) in
            try connection.beginCopy("COPY commits (\(StoreSchema.commitColumns)) FROM STDIN")
            try connection.sendCopy(buffer.bytes)
            try connection.endCopy()
        }
        buffer.bytes.removeAll(keepingCapacity: true)
        for row in projection {
            let values = row.parameters(withLastSeq: true)
            for (i, v) in values.enumerated() { buffer.field(v, last: i == values.count - 1) }
        }
        try pg { () throws(PGFailure) in
            try connection.beginCopy("COPY dossiers (\(ProjectionRow.columns.joined(separator: ", "))) FROM STDIN")
            try connection.sendCopy(buffer.bytes)
            try connection.endCopy()
            if let mark {
                try connection.query("INSERT INTO meta (key, value) VALUES ('verified_mark', $1) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                                     [mark.text])
            }
        }
        try checkImportedHead(expectedHead)
        // Its events were appended without the nominee locks (PostgresSchema.unlockedMark).
        try pg { () throws(PGFailure) in try connection.exec("SELECT khenthuong_mark_unlocked(); COMMIT") }
        // The planner's statistics for the tables just filled (autovacuum would get there
        // later): the first commands on the copy then pick the indexes. Best effort — a role
        // that does not own the tables is skipped by the server.
        _ = try? connection.exec("ANALYZE events, commits, dossiers")
    }

    package func abortImport() {
        if connection.inTransaction { _ = try? connection.endCopy(abandon: true) }
        rollback()
    }
}
