import Foundation
import KhenThuongCore

/// A store that takes a large batch of records about registry subjects (persons,
/// collectives…) in one transaction: the SQLite backend, through its batch writer. The
/// library reaches it by this protocol, never by naming the backend.
package protocol BulkRecordLog: EventLog {
    /// The subjects (`dossier_id` column) of the records named `event`, without their payloads.
    func subjects(ofRecordsNamed event: String) throws(StoreError) -> Set<String>
    /// Appends what `body` gives the batch (`BatchAppender.append(_:actor:at:reason:)`) in one
    /// transaction, all or nothing, with the page cache limited to `pageCacheMebibytes`.
    func writeRecordBatch(pageCacheMebibytes: Int, _ body: (BatchAppender) throws -> Void) throws
    /// A second connection to the same store: during a batch it reads what was committed before.
    func secondConnection() throws -> any EventLog
}

extension EventStore: BulkRecordLog {
    package func subjects(ofRecordsNamed event: String) throws(StoreError) -> Set<String> {
        try sql { () throws(SQLiteFailure) -> Set<String> in
            try connection.withCached("SELECT DISTINCT dossier_id FROM events WHERE kind = 'record' AND event = ?1") { s throws(SQLiteFailure) in
                s.bind(1, event)
                var out = Set<String>()
                while try s.step() { out.insert(s.text(0)) }
                return out
            }
        }
    }

    /// SQLite's page cache is limited to `pageCacheMebibytes` for the batch (the store's
    /// default is 512 MiB), then restored: a bulk import that writes once and reads little keeps
    /// its memory bounded (pages it no longer needs spill to the WAL).
    package func writeRecordBatch(pageCacheMebibytes: Int, _ body: (BatchAppender) throws -> Void) throws {
        try sql { () throws(SQLiteFailure) in try connection.exec("PRAGMA cache_size=-\(pageCacheMebibytes * 1024)") }
        defer { try? connection.exec("PRAGMA cache_size=-524288") }
        try writeBatch(body)
    }

    package func secondConnection() throws -> any EventLog {
        try EventStore(path: path)
    }
}
