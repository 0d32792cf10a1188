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
