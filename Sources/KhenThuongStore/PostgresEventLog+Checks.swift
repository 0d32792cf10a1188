import Foundation

extension PostgresEventLog {
    /// Every event hash up to `seq`, in chain order (the Merkle tree's leaves).
    public func scanHashes(through seq: Int64, _ body: (Int64, UnsafeBufferPointer<UInt8>) throws(StoreError) -> Void) throws(StoreError) {
        try cursor("SELECT seq, hash FROM events WHERE seq <= \(seq) ORDER BY seq") { s throws(StoreError) in
            for row in 0..<s.rowCount {
                let hash = s.bytes(row, 1) ?? UnsafeBufferPointer(start: nil, count: 0)
                try body(s.int64(row, 0), hash)
            }
        }
    }

    /// The dossier table against the events, as `EventStore.projectionFaults()` checks it: one
    /// pass over `dossiers` with a look-up of each row's `last_seq` event and a seek in the
    /// `events_dossier` index for a later transition, then the count of creations; the whole
    /// replay (`rebuild(dryRun:)`, which decodes every event) runs only when the counts differ,
    /// to name the missing or extra rows.
    public func projectionFaults() throws(StoreError) -> [ProjectionDifference] {
        let checked = try snapshot { () throws(StoreError) -> (faults: [ProjectionDifference], countsDiffer: Bool) in
            var faults: [ProjectionDifference] = []
            var rows = 0
            // One look-up per dossier row is the plan that fits: the planner, counting on the
            // whole events table, would hash all of it, and compile the plan (JIT) first — twice
            // and nearly three times the time on a store of 1,000,000 events (docs/benchmarks.md).
            try pg { () throws(PGFailure) in try connection.exec("SET LOCAL jit = off; SET LOCAL enable_hashjoin = off; SET LOCAL enable_mergejoin = off") }
            try cursor("""
                SELECT d.id, d.state, e.dossier_id, e.kind, e.to_state,
                       EXISTS (SELECT 1 FROM events x WHERE x.dossier_id = d.id AND x.seq > d.last_seq AND x.kind <> 'record')
                FROM dossiers d LEFT JOIN events e ON e.seq = d.last_seq
                """) { page throws(StoreError) in
                rows += page.rowCount
                for row in 0..<page.rowCount {
                    let id = page.text(row, 0), state = page.text(row, 1)
                    let owner = page.optionalText(row, 2), kind = page.optionalText(row, 3), toState = page.optionalText(row, 4)
                    var fields: [String] = []
                    if owner.map({ !$0.utf8.elementsEqual(id.utf8) }) ?? true || kind == "record" || page.text(row, 5) == "t" {
                        fields.append("last_seq")
                    }
                    if let toState, !toState.utf8.elementsEqual(state.utf8) { fields.append("state") }
                    if !fields.isEmpty { faults.append(ProjectionDifference(dossierID: id, kind: .fieldsDiffer(fields))) }
                }
            }
            let created = try pg { () throws(PGFailure) in
                try connection.exec("SELECT count(*) FROM events WHERE kind = 'created'")
            }.int(0, 0)
            return (faults, created != rows)
        }
        var faults = checked.faults
        if checked.countsDiffer {
            // Which ones: only now, on a store already found wrong, is the whole replay run.
            faults += try rebuild(dryRun: true).differences.filter { d in
                if case .fieldsDiffer = d.kind { return false }
                return true
            }
        }
        return faults
    }
}
