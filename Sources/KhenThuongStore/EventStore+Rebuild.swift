import Foundation
import KhenThuongCore

extension EventStore {
    /// Replays every event from scratch, compares what they build with the `dossiers`
    /// projection, and (unless `dryRun`) rewrites the projection from the replay.
    ///
    /// Everything happens in one transaction (a write transaction unless `dryRun`), so the
    /// projection is replaced as a whole or not at all.
    ///
    /// - Parameter dryRun: only compare; leave the projection as it is.
    /// - Returns: the events and dossiers replayed and every dossier that differed.
    /// - Throws: `StoreError.corruptEvent` when an event cannot be replayed (nothing is
    ///   rewritten), `.busy`, `.nestedWrite`, or an SQLite error.
    public func rebuild(dryRun: Bool) throws(StoreError) -> RebuildReport {
        guard activeWrite == nil, !connection.inTransaction else { throw StoreError.nestedWrite(path) }
        try sql { () throws(SQLiteFailure) in try connection.exec(dryRun ? "BEGIN" : "BEGIN IMMEDIATE") }
        do throws(StoreError) {
            let replay = try replayAll()
            let replayed = replay.projection()
            let differences = EventReplay.differences(replayed, from: try projectionRows())
            if !dryRun {
                try sql { () throws(SQLiteFailure) in
                    try connection.exec("DELETE FROM dossiers")
                    // Each row gets the last_seq the replay compared with (the dossier's newest
                    // creation or transition, as live writes store it), so a check right after
                    // a rebuild finds nothing.
                    for id in replayed.keys.sorted() {
                        let row = replayed[id]!
                        try connection.withCached(ProjectionRow.upsertKnownSeq) { upsert throws(SQLiteFailure) in
                            row.bind(to: upsert)
                            upsert.bind(21, row.lastSeq)
                            try upsert.run()
                        }
                    }
                }
            }
            try sql { () throws(SQLiteFailure) in try connection.exec("COMMIT") }
            return RebuildReport(eventCount: replay.eventCount, dossierCount: replay.dossiers.count, differences: differences,
                                 rewritten: !dryRun)
        } catch {
            rollback()
            throw error
        }
    }

    /// Every event replayed (`EventReplay`): the dossiers they build, each with the number of
    /// its newest creation or transition (the projection's `last_seq`).
    func replayAll() throws(StoreError) -> EventReplay {
        var replay = EventReplay(location: path)
        try scan(from: 1) { event throws(StoreError) in try replay.apply(event) }
        return replay
    }

    /// Every row of the projection, by dossier id.
    package func projectionRows() throws(StoreError) -> [String: ProjectionRow] {
        try sql { () throws(SQLiteFailure) -> [String: ProjectionRow] in
            let s = try connection.prepare(ProjectionRow.select)
            var rows: [String: ProjectionRow] = [:]
            while try s.step() {
                let row = ProjectionRow(s)
                rows[row.id] = row
            }
            return rows
        }
    }
}
