import Foundation
import KhenThuongCore

/// Appends a large batch of events in one transaction on two cores.
///
/// The caller's thread does everything but SQLite: it checks each event's dossier (created
/// once, known before a transition), writes the event's canonical text, chains its SHA-256
/// to the previous event's hash and lays the thirteen text columns out in one byte buffer per
/// chunk. A writer thread only binds those bytes (no copies) and inserts, `rowsPerInsert`
/// rows per statement. The hashes are exactly those of `StoredEvent.computedHash()`.
///
/// Use it through `EventStore.writeBatch(_:)`.
package final class BatchAppender {
    // Only the caller's thread touches these, one call at a time: `@exclusivity(unchecked)`
    // spares the run-time exclusivity check each access to a class's property would make.
    private let path: String
    private let channel: BatchChannel
    @exclusivity(unchecked) private var nextSeq: Int64
    @exclusivity(unchecked) private var chunk = BatchChunk()
    @exclusivity(unchecked) private var writer = CanonicalJSONWriter(capacity: 1024)
    @exclusivity(unchecked) private var lastMilliseconds: Int64 = .min
    @exclusivity(unchecked) private var lastAtText = ""
    /// The hex hash of the newest event prepared (the next one's `prev_hash`).
    @exclusivity(unchecked) private var prevHash: [UInt8]
    /// Every dossier the store holds or the batch created.
    @exclusivity(unchecked) private var known: Set<String>
    /// The dossier of the newest event and that event's number; earlier dossiers' newest
    /// event numbers are in `lastSeqOf`. (Events come dossier by dossier, so this spares a
    /// hash look-up per event.)
    @exclusivity(unchecked) private var currentID: String?
    @exclusivity(unchecked) private var currentSeq: Int64 = 0
    @exclusivity(unchecked) private var lastSeqOf: [String: Int64] = [:]
    /// The first event no commit signed in this batch covers yet, and whether one was sealed.
    @exclusivity(unchecked) private var unsealedFrom: Int64
    @exclusivity(unchecked) private(set) var sealedAny = false
    /// The store's id, named in every commit statement (read before the writer thread starts).
    private let storeID: String
    static let chunkSize = 2048

    /// The number the next event would take, the newest event's hash and time (for the commit).
    var nextSeqValue: Int64 { nextSeq }
    var prevHashText: String { String(decoding: prevHash, as: UTF8.self) }
    var lastMillisecondsValue: Int64 { lastMilliseconds }
    /// The first event the batch's closing commit covers.
    var unsealedFromValue: Int64 { unsealedFrom }

    init(path: String, channel: BatchChannel, headSeq: Int64, headHash: String, known: Set<String>, storeID: String) {
        self.path = path
        self.channel = channel
        self.nextSeq = headSeq + 1
        self.unsealedFrom = headSeq + 1
        self.prevHash = Array(headHash.utf8)
        self.known = known
        self.storeID = storeID
    }

    /// Closes a signed commit in the middle of the batch: `signer` signs the commit statement
    /// over the events appended since the batch began or since the previous `seal` (their last
    /// event's hash is the head it names), and the commit row is written in the batch's
    /// transaction, after those events. Nothing happens when no event is unsealed. The events
    /// appended after the last `seal` are signed by `writeBatch(signedBy:)`'s signer when the
    /// batch ends (a batch that sealed a commit and ends with unsealed events needs one).
    /// - Throws: `StoreError.signingFailed` when the key cannot sign; the writer's first error.
    package func seal(signedBy signer: any CommitSigner) throws(StoreError) {
        guard let commit = try commit(signedBy: signer) else { return }
        chunk.commits.append(commit)
        sealedAny = true
        if chunk.count >= Self.chunkSize { try flush() }
    }

    /// The signed commit over the unsealed events (`nil` when there is none); marks them sealed.
    func commit(signedBy signer: any CommitSigner) throws(StoreError) -> StoredCommit? {
        let lastSeq = nextSeq - 1
        guard lastSeq >= unsealedFrom else { return nil }
        let at = StoreTime.date(milliseconds: lastMilliseconds)
        let statement = CommitStatement(storeID: storeID, firstSeq: unsealedFrom, lastSeq: lastSeq,
                                        headHash: prevHashText, at: at, publicKey: signer.publicKey)
        let signature: [UInt8]
        do { signature = try signer.sign(statement.bytes) } catch { throw StoreError.signingFailed(path: path, detail: "\(error)") }
        let commit = StoredCommit(firstSeq: unsealedFrom, lastSeq: lastSeq, headHash: statement.headHash, at: at,
                                  publicKey: signer.publicKey, signature: signature)
        unsealedFrom = nextSeq
        return commit
    }

    /// Records the creation of `dossier` (save its final projection with `saveProjection`).
    package func append(created dossier: Dossier, actor: Actor, at time: Date, reason: String? = nil) throws(StoreError) {
        try prepare(dossierID: dossier.id, kind: .created, event: StoredEvent.createEvent, from: nil, to: dossier.state,
                    actor: actor, at: time, reason: reason, payload: EventPayload.encode(dossier))
    }

    /// Records `transition` of dossier `dossierID`.
    package func append(transition: Transition, dossierID: String, actor: Actor, at time: Date, reason: String? = nil) throws(StoreError) {
        let payload: String
        do {
            payload = try EventPayload.encode(effects: transition.effects)
        } catch {
            throw StoreError.unsupportedTransition(path: path, id: dossierID, detail: error.detail)
        }
        try prepare(dossierID: dossierID, kind: .transition, event: transition.event, from: transition.from,
                    to: transition.to, actor: actor, at: time, reason: reason, payload: payload)
    }

    /// Records `record`, whose subject is not a dossier (a person, a collective… of the registry).
    /// - Throws: `StoreError.unsupportedTransition` for a record about a dossier.
    package func append(_ record: some StoreRecord, actor: Actor, at time: Date, reason: String? = nil) throws(StoreError) {
        let subject = record.subject.stored
        guard StoredEvent.isOtherSubject(subject) else {
            throw StoreError.unsupportedTransition(path: path, id: subject, detail: "a batch appends records about registry subjects only")
        }
        try prepare(dossierID: subject, kind: .record, event: type(of: record).kind, from: nil, to: "", actor: actor, at: time,
                    reason: reason, payload: CanonicalJSONWriter.text(record.payload))
    }

    /// Saves `dossier` as its projection (after its events).
    package func saveProjection(_ dossier: Dossier) throws(StoreError) {
        let lastSeq = dossier.id == currentID ? currentSeq : lastSeqOf[dossier.id] ?? 0
        chunk.projections.append((dossier, lastSeq))
        if chunk.count >= Self.chunkSize { try flush() }
    }

    private func prepare(dossierID: String, kind: StoredEvent.Kind, event: String, from: String?, to: String,
                         actor: Actor, at time: Date, reason: String?, payload: String) throws(StoreError) {
        let seq = nextSeq
        if kind == .record {
            // About a registry subject: no dossier to check, no projection to keep.
        } else if dossierID == currentID {
            // Checked with the dossier's previous event: it exists.
            if kind == .created { throw StoreError.dossierExists(path: path, id: dossierID) }
        } else {
            if kind == .created {
                if !known.insert(dossierID).inserted { throw StoreError.dossierExists(path: path, id: dossierID) }
            } else if !known.contains(dossierID) {
                throw StoreError.unknownDossier(path: path, id: dossierID)
            }
            if let currentID { lastSeqOf[currentID] = currentSeq }
            currentID = dossierID
        }
        if kind != .record { currentSeq = seq }
        nextSeq += 1
        let ms = StoreTime.milliseconds(time)
        if ms != lastMilliseconds {
            lastMilliseconds = ms
            lastAtText = StoreTime.iso(milliseconds: ms)
        }
        // The eleven fields, then prev_hash and hash: columns 2–14 of the row.
        chunk.seqs.append(seq)
        chunk.lay(dossierID)
        chunk.lay(kind.rawValue)
        chunk.lay(event)
        chunk.lay(from)
        chunk.lay(to)
        chunk.lay(actor.role)
        chunk.lay(actor.unit)
        chunk.lay(actor.user)
        chunk.lay(lastAtText)
        chunk.lay(reason)
        chunk.lay(payload)
        chunk.spans.append(Int32(chunk.bytes.count))
        chunk.spans.append(64)
        chunk.bytes.append(contentsOf: prevHash)
        writer.removeAll()
        // The twelve canonical fields (the eleven, then prev_hash) are the last ones laid out.
        let spans = chunk.spans.count - 2 * EventHash.textFieldCount
        chunk.bytes.withUnsafeBufferPointer { all in
            EventHash.write(seq: seq, fields: { i in
                let length = Int(chunk.spans[spans + 2 * i + 1])
                return length < 0 ? nil : UnsafeBufferPointer(rebasing: all[Int(chunk.spans[spans + 2 * i])...].prefix(length))
            }, into: &writer)
        }
        writer.withBytes { canonical in
            SHA256Digest.withDigest(canonical) { digest in
                prevHash.withUnsafeMutableBytes { SHA256Digest.writeHex(digest, into: $0) }
            }
        }
        chunk.spans.append(Int32(chunk.bytes.count))
        chunk.spans.append(64)
        chunk.bytes.append(contentsOf: prevHash)
        if chunk.count >= Self.chunkSize { try flush() }
    }

    /// Hands the prepared chunk to the writer thread; rethrows the writer's first error.
    func flush() throws(StoreError) {
        if chunk.count > 0 {
            channel.send(chunk)
            chunk = BatchChunk()
        }
        if let error = channel.failure { throw error }
    }
}

/// Events and projections prepared by the caller's thread, written by the writer thread.
struct BatchChunk {
    /// Text columns per event: the eleven canonical fields, `prev_hash` and `hash`.
    static let textColumns = 13
    /// The text columns of every event, one after the other.
    var bytes: [UInt8] = []
    /// Each event's number.
    var seqs: [Int64] = []
    /// Per event, for each text column: its start in `bytes` and its length (-1: NULL).
    var spans: [Int32] = []
    /// Dossiers to save, with the number of their newest event.
    var projections: [(Dossier, Int64)] = []
    /// Signed commits closed by `BatchAppender.seal` (their events are in this chunk or an earlier one).
    var commits: [StoredCommit] = []

    init() {
        bytes.reserveCapacity(BatchAppender.chunkSize * 512)
        seqs.reserveCapacity(BatchAppender.chunkSize)
        spans.reserveCapacity(BatchAppender.chunkSize * 2 * Self.textColumns)
    }

    var count: Int { seqs.count + projections.count + commits.count }

    /// Appends one text column (`nil`: NULL) of the event being laid out.
    @inline(__always)
    mutating func lay(_ text: String?) {
        guard let text else {
            spans.append(0)
            spans.append(-1)
            return
        }
        let start = bytes.count
        bytes.append(contentsOf: text.utf8)
        spans.append(Int32(start))
        spans.append(Int32(bytes.count - start))
    }
}

/// The queue between the preparing thread and the writer thread.
final class BatchChannel: @unchecked Sendable {
    private let condition = NSCondition()
    private var queue: [BatchChunk] = []
    private var closed = false
    private var error: StoreError?

    /// At most this many chunks wait, so memory stays bounded when the writer is slower.
    private let limit = 8

    func send(_ chunk: BatchChunk) {
        condition.lock()
        while queue.count >= limit && error == nil { condition.wait() }
        if error != nil {
            condition.unlock()
            return
        }
        queue.append(chunk)
        condition.signal()
        condition.unlock()
    }

    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }

    /// The next chunk, or `nil` once closed and drained.
    func receive() -> BatchChunk? {
        condition.lock()
        defer { condition.unlock() }
        while queue.isEmpty && !closed { condition.wait() }
        if queue.isEmpty { return nil }
        let items = queue.removeFirst()
        condition.broadcast()
        return items
    }

    var failure: StoreError? {
        condition.lock()
        defer { condition.unlock() }
        return error
    }

    func fail(_ e: StoreError) {
        condition.lock()
        if error == nil { error = e }
        condition.broadcast()
        condition.unlock()
    }
}

/// Lets the writer thread use the store while the caller only prepares.
private struct StoreBox: @unchecked Sendable { let store: EventStore }

extension EventStore {
    /// Appends a large batch in one transaction (all or nothing), preparing events on the
    /// calling thread and writing them on a second one.
    ///
    /// Inside `body`, call `append(created:…)`, `append(transition:dossierID:…)` and, for every
    /// dossier touched, `saveProjection(_:)` with its final value. Creation of an existing
    /// dossier, or a transition of an unknown one, fails the whole batch.
    ///
    /// Durability: the store runs in WAL mode with `synchronous=FULL`, so when this returns the
    /// transaction's WAL frames have been written and fsynced; killed at any moment before,
    /// the store is as it was (the WAL is not committed without its commit frame).
    /// - Throws: the first error of `body` or of the writer; nothing is written then.
    package func writeBatch(signedBy signer: (any CommitSigner)? = nil, _ body: (BatchAppender) throws -> Void) throws {
        guard activeWrite == nil else { throw StoreError.nestedWrite(path) }
        try sql { () throws(SQLiteFailure) in try connection.exec("BEGIN IMMEDIATE") }
        writeCounter += 1
        activeWrite = writeCounter
        defer { activeWrite = nil }
        let head: (seq: Int64, hash: String)
        // Every dossier the store holds, read once: creations and transitions are checked
        // against this set (kept up to date with the batch's own creations).
        var known = Set<String>()
        let storeID: String
        do {
            head = try self.head() ?? (0, StoredEvent.genesisHash)
            storeID = try self.storeID()
            try sql { () throws(SQLiteFailure) in
                try connection.withCached("SELECT id FROM dossiers") { s throws(SQLiteFailure) in
                    while try s.step() { known.insert(s.text(0)) }
                }
            }
        } catch {
            rollback()
            throw error
        }
        let channel = BatchChannel()
        let appender = BatchAppender(path: path, channel: channel, headSeq: head.seq, headHash: head.hash, known: known, storeID: storeID)
        let done = DispatchSemaphore(value: 0)
        let box = StoreBox(store: self)
        Thread.detachNewThread {
            box.store.drainBatch(channel)
            done.signal()
        }
        var failure: (any Error)?
        do {
            try body(appender)
            try appender.flush()
        } catch {
            failure = error
            channel.fail(error as? StoreError ?? .transactionEnded(path))
        }
        channel.close()
        done.wait()
        if failure == nil, let e = channel.failure { failure = e }
        if failure == nil {
            do { try sealBatch(appender, signer: signer ?? self.signer) } catch { failure = error }
        }
        if let failure {
            rollback()
            throw failure
        }
        try sql { () throws(SQLiteFailure) in try connection.exec("COMMIT") }
    }

    /// Signs the batch's closing commit (one signature over the events no `seal` covered), as
    /// `StoreTransaction.seal` does. (The writer thread has finished: this runs on the connection.)
    private func sealBatch(_ appender: BatchAppender, signer: (any CommitSigner)?) throws(StoreError) {
        guard appender.nextSeqValue - 1 >= appender.unsealedFromValue else { return }
        let session = SQLiteSession(store: self, token: writeCounter)
        guard let signer else {
            if appender.sealedAny { throw StoreError.signatureRequired(path) }
            if try session.hasCommits() { throw StoreError.signatureRequired(path) }
            return
        }
        if let commit = try appender.commit(signedBy: signer) { try session.insertCommit(commit) }
    }

    /// The writer thread: inserts the prepared rows in order until the channel closes.
    fileprivate func drainBatch(_ channel: BatchChannel) {
        let many = BatchChunk.rowsPerInsert
        while let chunk = channel.receive() {
            if channel.failure != nil { continue }
            do {
                try sql { () throws(SQLiteFailure) in
                    try chunk.bytes.withUnsafeBufferPointer { (all) throws(SQLiteFailure) in
                        let rows = chunk.seqs.count
                        var row = 0
                        while row < rows {
                            let n = rows - row >= many ? many : 1
                            try connection.withCached(n == many ? StoreSchema.insertEvents : StoreSchema.insertEvent) { s throws(SQLiteFailure) in
                                for k in 0..<n {
                                    chunk.bind(row: row + k, from: all, to: s, firstParameter: Int32(k * 14 + 1))
                                }
                                try s.run()
                            }
                            row += n
                        }
                    }
                    for c in chunk.commits {
                        try connection.withCached(StoreSchema.insertCommit) { s throws(SQLiteFailure) in
                            s.bind(1, c.lastSeq); s.bind(2, c.firstSeq); s.bind(3, c.headHash); s.bind(4, StoreTime.iso(c.at))
                            s.bind(5, c.publicKey.text); s.bind(6, c.signatureText)
                            try s.run()
                        }
                    }
                    for (d, lastSeq) in chunk.projections {
                        // 0: no event in this batch; let SQL find the newest one.
                        let statement = lastSeq > 0 ? ProjectionRow.upsertKnownSeq : ProjectionRow.upsert
                        try connection.withCached(statement) { s throws(SQLiteFailure) in
                            ProjectionRow(d).bind(to: s)
                            if lastSeq > 0 { s.bind(21, lastSeq) }
                            try s.run()
                        }
                    }
                }
            } catch {
                channel.fail(error)
            }
        }
    }
}

extension BatchChunk {
    /// Events inserted by one statement (`StoreSchema.insertEvents`); the rest of a chunk
    /// goes one row at a time.
    static let rowsPerInsert = 32

    /// Binds event `row`'s fourteen columns to parameters `firstParameter`…`firstParameter + 13`.
    @inline(__always)
    package func bind(row: Int, from all: UnsafeBufferPointer<UInt8>, to s: SQLiteStatement, firstParameter p: Int32) {
        s.bind(p, seqs[row])
        let at = row * 2 * Self.textColumns
        for k in 0..<Self.textColumns {
            let length = Int(spans[at + 2 * k + 1])
            s.bind(p + 1 + Int32(k), staticUTF8: length < 0 ? nil : UnsafeBufferPointer(rebasing: all[Int(spans[at + 2 * k])...].prefix(length)))
        }
    }
}
