import Foundation
import KhenThuongCore

extension EventStore {
    /// The projection rows that disagree with the events (see `EventLog.projectionFaults()`):
    /// one pass over the `dossiers` table with a look-up of each row's `last_seq` event and a
    /// seek in the `events_dossier` index for a later transition, then the count of creations.
    public func projectionFaults() throws(StoreError) -> [ProjectionDifference] {
        // Read through a memory map, as `verify` does: the count of creations reads every page
        // of the events, which copied into the page cache cost as much as the chain check.
        try? connection.exec("PRAGMA mmap_size=\(Self.verifyMapSize)")
        defer { try? connection.exec("PRAGMA mmap_size=0") }
        let query = """
            SELECT d.id, d.state, e.dossier_id, e.kind, e.to_state,
                   EXISTS (SELECT 1 FROM events x WHERE x.dossier_id = d.id AND x.seq > d.last_seq AND x.kind <> 'record')
            FROM dossiers d LEFT JOIN events e ON e.seq = d.last_seq
            """
        var faults: [ProjectionDifference] = []
        let rows = try sql { () throws(SQLiteFailure) -> Int in
            let s = try connection.prepare(query)
            var count = 0
            while try s.step() {
                count += 1
                let id = s.text(0), state = s.text(1)
                let owner = s.isNull(2) ? nil : s.text(2)
                let kind = s.isNull(3) ? nil : s.text(3)
                let toState = s.isNull(4) ? nil : s.text(4)
                var fields: [String] = []
                if owner.map({ !$0.utf8.elementsEqual(id.utf8) }) ?? true || kind == "record" || s.int(5) != 0 {
                    fields.append("last_seq")
                }
                if let toState, !toState.utf8.elementsEqual(state.utf8) { fields.append("state") }
                if !fields.isEmpty { faults.append(ProjectionDifference(dossierID: id, kind: .fieldsDiffer(fields))) }
            }
            return count
        }
        let created = try sql { () throws(SQLiteFailure) -> Int in
            let s = try connection.prepare("SELECT count(*) FROM events WHERE kind = 'created'")
            return try s.step() ? s.int(0) : 0
        }
        if created != rows {
            // Which ones: only now, on a store already found wrong, is the whole replay run.
            faults += try rebuild(dryRun: true).differences.filter { d in
                if case .fieldsDiffer = d.kind { return false }
                return true
            }
        }
        return faults
    }
}
