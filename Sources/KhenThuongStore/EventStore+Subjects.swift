import Foundation
import KhenThuongCore

extension EventStore {
    /// The subjects (`dossier_id` column) of the records named `event`, read through the
    /// `(event, seq)` index of records without reading their payloads.
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
}

extension EventStore {
    /// Runs `body` with SQLite's page cache limited to `mebibytes` (the store's default is
    /// 512 MiB), then restores the default: a bulk import that writes once and reads little
    /// keeps its memory bounded (pages it no longer needs spill to the WAL).
    package func withPageCache<T>(mebibytes: Int, _ body: () throws -> T) throws -> T {
        try sql { () throws(SQLiteFailure) in try connection.exec("PRAGMA cache_size=-\(mebibytes * 1024)") }
        defer { try? connection.exec("PRAGMA cache_size=-524288") }
        return try body()
    }
}
