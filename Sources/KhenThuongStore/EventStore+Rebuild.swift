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
    public func rebuild(dryRun: Bool = false) throws(StoreError) -> RebuildReport {
        guard activeWrite == nil, !connection.inTransaction else { throw StoreError.nestedWrite(path) }
        try sql { () throws(SQLiteFailure) in try connection.exec(dryRun ? "BEGIN" : "BEGIN IMMEDIATE") }
        do throws(StoreError) {
            let (replayed, eventCount) = try replayAll()
            let stored = try projectionRows()
            var differences: [ProjectionDifference] = []
            for id in Set(replayed.keys).union(stored.keys).sorted() {
                switch (replayed[id], stored[id]) {
                case (let r?, let s?):
                    let fields = ProjectionRow(r.dossier, lastSeq: r.lastSeq).differingColumns(from: s)
                    if !fields.isEmpty { differences.append(.init(dossierID: id, kind: .fieldsDiffer(fields))) }
                case (_?, nil): differences.append(.init(dossierID: id, kind: .missingFromProjection))
                case (nil, _?): differences.append(.init(dossierID: id, kind: .notInEvents))
                case (nil, nil): break
                }
            }
            if !dryRun {
                try sql { () throws(SQLiteFailure) in
                    try connection.exec("DELETE FROM dossiers")
                    // Each row gets the last_seq the replay compared with (the dossier's newest
                    // creation or transition, as live writes store it), so a check right after
                    // a rebuild finds nothing.
                    for id in replayed.keys.sorted() {
                        let (dossier, lastSeq) = replayed[id]!
                        try connection.withCached(ProjectionRow.upsertKnownSeq) { upsert throws(SQLiteFailure) in
                            ProjectionRow(dossier).bind(to: upsert)
                            upsert.bind(19, lastSeq)
                            try upsert.run()
                        }
                    }
                }
            }
            try sql { () throws(SQLiteFailure) in try connection.exec("COMMIT") }
            return RebuildReport(eventCount: eventCount, dossierCount: replayed.count, differences: differences,
                                 rewritten: !dryRun)
        } catch {
            rollback()
            throw error
        }
    }

    /// Every dossier the events build, with the number of its newest creation or transition
    /// (records change no state and do not count: this is the projection's `last_seq`), and
    /// the number of events.
    func replayAll() throws(StoreError) -> (dossiers: [String: (dossier: Dossier, lastSeq: Int64)], events: Int64) {
        let s = try sql { () throws(SQLiteFailure) in
            try connection.prepare("SELECT \(StoreSchema.eventColumns) FROM events ORDER BY seq")
        }
        var dossiers: [String: (dossier: Dossier, lastSeq: Int64)] = [:]
        var count: Int64 = 0
        while try sql({ () throws(SQLiteFailure) in try s.step() }) {
            let event = try StoredEventRow(s).event(path: path)
            count += 1
            if event.kind == .record {
                // A record changes no state; one about a dossier must follow its creation.
                if !event.isAboutOtherSubject, dossiers[event.dossierID] == nil {
                    throw StoreError.corruptEvent(path: path, seq: event.seq,
                                                  detail: "a record about dossier \(event.dossierID) comes before its creation")
                }
                continue
            }
            do {
                let next = try event.applied(to: dossiers[event.dossierID]?.dossier)
                dossiers[event.dossierID] = (next, event.seq)
            } catch {
                if case .corruptEvent(_, let seq, let detail) = error {
                    throw StoreError.corruptEvent(path: path, seq: seq, detail: detail)
                }
                throw error
            }
        }
        return (dossiers, count)
    }

    /// Every row of the projection, by dossier id.
    private func projectionRows() throws(StoreError) -> [String: ProjectionRow] {
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
