import KhenThuongCore

extension EventStore {
    /// One statement over the `hash` column only (see `EventLog.scanHashes`).
    public func scanHashes(through seq: Int64, _ body: (Int64, UnsafeBufferPointer<UInt8>) throws(StoreError) -> Void) throws(StoreError) {
        let s = try sql { () throws(SQLiteFailure) in
            try connection.prepare("SELECT seq, hash FROM events WHERE seq <= ?1 ORDER BY seq")
        }
        s.bind(1, seq)
        while try sql({ () throws(SQLiteFailure) in try s.step() }) {
            try body(s.int64(0), s.bytes(1))
        }
    }
}

extension MemoryEventLog {
    public func scanHashes(through seq: Int64, _ body: (Int64, UnsafeBufferPointer<UInt8>) throws(StoreError) -> Void) throws(StoreError) {
        for event in contents.events.sorted(by: { $0.seq < $1.seq }) where event.seq <= seq {
            let bytes = Array(event.hash.utf8)
            try bytes.withUnsafeBufferPointer { (buffer) throws(StoreError) in try body(event.seq, buffer) }
        }
    }
}
