import Foundation
import KhenThuongCore

extension EventStore {
    /// How much of the file `verify` maps at most (1 GiB; the rest is read as usual).
    static let verifyMapSize = 1 << 30

    /// Reads every event in order and checks the chain: numbers 1, 2, 3… without gaps, each
    /// `prev_hash` equal to the previous event's hash (64 zeros for the first), and each hash
    /// equal to the SHA-256 of the event's canonical form (see `StoredEvent.computedHash()`).
    ///
    /// Reading is done in one snapshot; other processes may write meanwhile. Hashes are computed
    /// from the bytes SQLite returns, in batches hashed on a second thread while the next batch
    /// is read: the same canonical form (`EventHash.write`) and the same report as the shared
    /// walk over whole events (`ChainVerifier`), without building an event per row.
    ///
    /// - Parameter progress: called now and then (and at the end), on the calling thread, with
    ///   (events read, newest event number).
    /// - Returns: the count, the head, and the first broken event if any.
    /// - Throws: `StoreError` only when the file cannot be read.
    public func verify(progress: ((Int64, Int64) -> Void)?) throws(StoreError) -> VerifyReport {
        try verify(progress: progress) { _ throws(StoreError) in }
    }

    public func verify(progress: ((Int64, Int64) -> Void)?,
                       alongside: (_ linksIntact: Bool) throws(StoreError) -> Void) throws(StoreError) -> VerifyReport {
        var none = NoWalk()
        return try verify(progress: progress, skeletons: nil, walk: &none, alongside: alongside)
    }

    /// One read of the file for the chain and the walk: the walk is told the commits, then
    /// each row as the light event `scanSkeletons` makes, as it is read (before its hash has
    /// been checked), and the stored hashes through `walk.hashesThrough`.
    public func verify<Walk: VerifyWalk>(progress: ((Int64, Int64) -> Void)?, skeletons payloadKinds: Set<String>,
                                         walk: inout Walk) throws(StoreError) -> VerifyReport {
        try verify(progress: progress, skeletons: payloadKinds, walk: &walk) { _ throws(StoreError) in }
    }

    private func verify<Walk: VerifyWalk>(progress: ((Int64, Int64) -> Void)?, skeletons payloadKinds: Set<String>?,
                                          walk: inout Walk,
                                          alongside: (_ linksIntact: Bool) throws(StoreError) -> Void) throws(StoreError) -> VerifyReport {
        let ownsTransaction = !connection.inTransaction
        // Read the file through a memory map while verifying (SQLite maps it read-only): every
        // page is read once, and mapping saves copying it out of the page cache.
        try? connection.exec("PRAGMA mmap_size=\(Self.verifyMapSize)")
        defer { try? connection.exec("PRAGMA mmap_size=0") }
        if ownsTransaction { try sql { () throws(SQLiteFailure) in try connection.exec("BEGIN") } }
        defer { if ownsTransaction { rollback() } }
        let total = try sql { () throws(SQLiteFailure) in try connection.scalarInt("SELECT max(seq) FROM events") } ?? 0
        let s = try sql { () throws(SQLiteFailure) in
            try connection.prepare("SELECT \(StoreSchema.eventColumns) FROM events ORDER BY seq")
        }
        // The commits and the stored hash of each one's last event, read in the same snapshot;
        // their signatures are checked on other threads while the chain is walked.
        let commits = try commitsWithStoredHashes()
        if payloadKinds != nil { walk.start(commits: commits.map(\.commit)) }
        let storeID = try self.storeID()
        let signing = DispatchGroup()
        nonisolated(unsafe) var commitReport: CommitReport?
        signing.enter()
        DispatchQueue.global().async {
            commitReport = CommitCheck.run(commits, headSeq: total, storeID: storeID)
            signing.leave()
        }
        defer { signing.wait() }
        // Stored hashes for the walk's Merkle roots (`verify --witnesses`), in this same read.
        let hashesThrough = walk.hashesThrough
        var check = RowChainCheck(total: total, progress: progress)
        defer { check.finish() } // never leave a batch being hashed behind
        while try sql({ () throws(SQLiteFailure) in try s.step() }) {
            let seq = s.int64(0)
            // NULL (from_state, reason) gives a nil pointer; an empty text does not.
            check.add(seq: seq, dossierID: { s.text(1) }, fields: { s.optionalBytes(Int32($0 + 1)) }, storedHash: s.bytes(13))
            if let payloadKinds, let event = skeleton(s, seq: seq, payloadKinds: payloadKinds) { walk.visit(event) }
            if seq <= hashesThrough { walk.visitHash(seq: seq, hex: s.bytes(13)) }
        }
        check.finish()
        let firstBroken = try check.firstBroken { seq throws(StoreError) in
            try sql { () throws(SQLiteFailure) -> String in
                try connection.withCached("SELECT dossier_id FROM events WHERE seq = ?1") { q throws(SQLiteFailure) in
                    q.bind(1, seq)
                    return try q.step() ? q.text(0) : ""
                }
            }
        }
        // The signatures may still be being checked: the caller's walk runs meanwhile.
        try alongside(firstBroken == nil)
        signing.wait()
        return check.report(firstBroken: firstBroken, commits: commitReport)
    }

    /// The current row as `scanSkeletons` would give it; `nil` for a row whose kind is none of
    /// the three (its hash cannot match: the chain reports it).
    private func skeleton(_ s: SQLiteStatement, seq: Int64, payloadKinds: Set<String>) -> StoredEvent? {
        guard let kind = StoredEvent.Kind(rawValue: s.text(2)) else { return nil }
        let event = s.text(3)
        let payload = kind == .created || (kind == .record && payloadKinds.contains(event)) ? s.text(11) : ""
        return StoredEvent(seq: seq, dossierID: s.text(1), kind: kind, event: event, fromState: s.optionalText(4),
                           toState: s.text(5), actor: Actor(role: s.text(6), unit: s.text(7), user: s.text(8)),
                           at: Self.skeletonTime, reason: nil, payload: payload, prevHash: "", hash: "")
    }

    private static let skeletonTime = Date(timeIntervalSince1970: 0)

    /// Every commit with the stored hash of its last event (`nil` when that event is missing).
    private func commitsWithStoredHashes() throws(StoreError) -> [(commit: StoredCommit, storedHash: String?)] {
        try commitRows(StoreSchema.commitsWithHashes)
    }
}

/// The walk of a verify that has none.
private struct NoWalk: VerifyWalk {
    mutating func start(commits: [StoredCommit]) {}
    mutating func visit(_ event: StoredEvent) {}
}

/// What `verify()` has found so far, from the reading thread and from hashed batches.
struct VerifyTally {
    var count: Int64 = 0
    var lastSeq: Int64?
    var brokenCount: Int64 = 0
    /// The first row the reader found broken (gap or link).
    var firstByReader: BrokenEvent?
    /// The first row whose hash does not match.
    var firstHashMismatch: Int64?

    mutating func readerFound(seq: Int64, dossierID: String, problems: [BrokenEvent.Problem]) {
        brokenCount += 1
        if firstByReader == nil { firstByReader = BrokenEvent(seq: seq, dossierID: dossierID, problems: problems) }
    }

    /// Counts a hashed batch's mismatches (rows already broken for the reader count once).
    mutating func collect(_ batch: VerifyHashBatch) {
        for row in batch.mismatches {
            if !batch.brokenByReader[row] { brokenCount += 1 }
            if firstHashMismatch == nil { firstHashMismatch = batch.seqs[row] }
        }
    }

    /// The first broken event, merging both kinds; `dossierID(seq)` looks up a row the reader
    /// did not keep.
    func firstBroken(dossierID: (Int64) throws(StoreError) -> String) throws(StoreError) -> BrokenEvent? {
        switch (firstByReader, firstHashMismatch) {
        case (nil, nil):
            return nil
        case (let reader?, nil):
            return reader
        case (let reader?, let hash?) where reader.seq < hash:
            return reader
        case (var reader?, let hash?) where reader.seq == hash:
            reader.problems.append(.hashMismatch)
            return reader
        case (_, let hash?):
            return BrokenEvent(seq: hash, dossierID: try dossierID(hash), problems: [.hashMismatch])
        }
    }
}
