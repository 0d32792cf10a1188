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

    /// The dossier table against the events: here by replaying every event (`rebuild(dryRun:)`),
    /// which names each dossier and column that differs.
    public func projectionFaults() throws(StoreError) -> [ProjectionDifference] {
        try rebuild(dryRun: true).differences
    }
}
