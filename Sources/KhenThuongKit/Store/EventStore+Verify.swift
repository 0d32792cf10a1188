import Foundation

extension EventStore {
    /// Reads every event in order and checks the chain: numbers 1, 2, 3… without gaps, each
    /// `prev_hash` equal to the previous event's hash (64 zeros for the first), and each hash
    /// equal to the SHA-256 of the event's canonical form (see `StoredEvent.computedHash()`).
    ///
    /// Reading is done in one snapshot; the store can be written meanwhile by other processes.
    /// Hashes are computed from the bytes SQLite returns, with one reused buffer.
    ///
    /// - Parameter progress: called now and then (and at the end) with (events checked, newest
    ///   event number).
    /// - Returns: the count, the head, and the first broken event if any.
    /// - Throws: `StoreError` only when the file cannot be read.
    public func verify(progress: ((Int64, Int64) -> Void)? = nil) throws(StoreError) -> VerifyReport {
        let ownsTransaction = !connection.inTransaction
        if ownsTransaction { try sql { () throws(SQLiteFailure) in try connection.exec("BEGIN") } }
        defer { if ownsTransaction { rollback() } }
        let total = try sql { () throws(SQLiteFailure) in try connection.scalarInt("SELECT max(seq) FROM events") } ?? 0
        let s = try sql { () throws(SQLiteFailure) in
            try connection.prepare("SELECT \(StoreSchema.eventColumns) FROM events ORDER BY seq")
        }
        var writer = CanonicalJSONWriter(capacity: 8192)
        var previousHash = Array(StoredEvent.genesisHash.utf8)
        var computed = [UInt8](repeating: 0, count: 64)
        var expectedSeq: Int64 = 1
        var count: Int64 = 0
        var lastSeq: Int64?
        var firstBroken: BrokenEvent?
        var brokenCount: Int64 = 0
        while try sql({ () throws(SQLiteFailure) in try s.step() }) {
            let seq = s.int64(0)
            var problems: [BrokenEvent.Problem] = []
            if seq != expectedSeq { problems.append(.sequenceGap(expected: expectedSeq)) }
            if !Self.equal(s.bytes(12), previousHash) { problems.append(.prevHashMismatch) }
            writer.removeAll()
            EventHash.write(seq: seq, fields: { i in
                let column = Int32(i + 1)
                return s.isNull(column) ? nil : s.bytes(column)
            }, into: &writer)
            writer.bytes.withUnsafeBufferPointer { canonical in
                SHA256Digest.withDigest(canonical) { digest in
                    computed.withUnsafeMutableBytes { SHA256Digest.writeHex(digest, into: $0) }
                }
            }
            let storedHash = s.bytes(13)
            if !Self.equal(storedHash, computed) { problems.append(.hashMismatch) }
            if !problems.isEmpty {
                brokenCount += 1
                if firstBroken == nil { firstBroken = BrokenEvent(seq: seq, dossierID: s.text(1), problems: problems) }
            }
            previousHash.removeAll(keepingCapacity: true)
            previousHash.append(contentsOf: storedHash)
            expectedSeq = seq + 1
            lastSeq = seq
            count += 1
            if count & 0xffff == 0 { progress?(count, total) }
        }
        progress?(count, total)
        return VerifyReport(eventCount: count, headSeq: lastSeq,
                            headHash: lastSeq == nil ? nil : String(decoding: previousHash, as: UTF8.self),
                            firstBroken: firstBroken, brokenCount: brokenCount)
    }

    private static func equal(_ a: UnsafeBufferPointer<UInt8>, _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        return b.withUnsafeBufferPointer { b in
            guard let pa = a.baseAddress, let pb = b.baseAddress else { return a.count == 0 }
            return memcmp(pa, pb, a.count) == 0
        }
    }
}
