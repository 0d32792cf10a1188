import CCrypto
import Foundation

/// Appends a large batch of events in one transaction on two cores.
///
/// The caller's thread prepares each event: its payload, its canonical text up to the last
/// field, and the SHA-256 state after that text. A writer thread then, in order, finishes
/// each hash with the previous event's hash (`,"<prev_hash>"]`, one or two SHA-256 blocks)
/// and inserts the row. The hashes are exactly those of `StoredEvent.computedHash()`; the
/// split only moves most of the hashing off the thread that owns SQLite.
///
/// Use it through `EventStore.writeBatch(_:)`.
public final class BatchAppender {
    /// One prepared event, or a projection to save.
    enum Item {
        case event(PreparedEvent)
        /// A dossier's final value and the number of its newest event.
        case projection(Dossier, lastSeq: Int64)
    }

    struct PreparedEvent {
        var seq: Int64
        var dossierID: String
        var kind: StoredEvent.Kind
        var event: String
        var from: String?
        var to: String
        var actor: Actor
        var atText: String
        var reason: String?
        var payload: String
        /// `EVP_MD_CTX*` holding the SHA-256 state after the canonical prefix.
        var digest: OpaquePointer
        /// The UTF-8 bytes of the eleven text columns, one after the other, and where each is
        /// (`nil` for NULL): bound straight from here, without copies.
        var fieldBytes: [UInt8]
        var fieldRanges: [Range<Int>?]
    }

    private let path: String
    private let channel: BatchChannel
    private var nextSeq: Int64
    private var chunk: [Item] = []
    private var writer = CanonicalJSONWriter(capacity: 1024)
    private var lastMilliseconds: Int64 = .min
    private var lastAtText = ""
    /// The newest event number of each dossier appended in this batch.
    private var lastSeqOf: [String: Int64] = [:]
    static let chunkSize = 2048

    init(path: String, channel: BatchChannel, headSeq: Int64) {
        self.path = path
        self.channel = channel
        self.nextSeq = headSeq + 1
        chunk.reserveCapacity(Self.chunkSize)
    }

    /// Records the creation of `dossier` (save its final projection with `saveProjection`).
    public func append(created dossier: Dossier, actor: Actor, at time: Date, reason: String? = nil) throws(StoreError) {
        try prepare(dossierID: dossier.id, kind: .created, event: StoredEvent.createEvent, from: nil, to: dossier.state,
                    actor: actor, at: time, reason: reason, payload: EventPayload.encode(dossier))
    }

    /// Records `transition` of dossier `dossierID`.
    public func append(transition: Transition, dossierID: String, actor: Actor, at time: Date, reason: String? = nil) throws(StoreError) {
        let payload: String
        do {
            payload = try EventPayload.encode(effects: transition.effects)
        } catch {
            throw StoreError.unsupportedTransition(path: path, id: dossierID, detail: error.detail)
        }
        try prepare(dossierID: dossierID, kind: .transition, event: transition.event, from: transition.from,
                    to: transition.to, actor: actor, at: time, reason: reason, payload: payload)
    }

    /// Saves `dossier` as its projection (after its events).
    public func saveProjection(_ dossier: Dossier) throws(StoreError) {
        try push(.projection(dossier, lastSeq: lastSeqOf[dossier.id] ?? 0))
    }

    private func prepare(dossierID: String, kind: StoredEvent.Kind, event: String, from: String?, to: String,
                         actor: Actor, at time: Date, reason: String?, payload: String) throws(StoreError) {
        let ms = StoreTime.milliseconds(time)
        if ms != lastMilliseconds {
            lastMilliseconds = ms
            lastAtText = StoreTime.iso(milliseconds: ms)
        }
        let seq = nextSeq
        nextSeq += 1
        lastSeqOf[dossierID] = seq
        let texts: [String?] = [dossierID, kind.rawValue, event, from, to, actor.role, actor.unit, actor.user,
                                lastAtText, reason, payload]
        writer.removeAll()
        var joined: [UInt8] = []
        var ranges: [Range<Int>?] = []
        ranges.reserveCapacity(texts.count)
        for text in texts {
            guard let text else { ranges.append(nil); continue }
            let start = joined.count
            joined.append(contentsOf: text.utf8)
            ranges.append(start..<joined.count)
        }
        joined.withUnsafeBufferPointer { all in
            EventHash.writePrefix(seq: seq, fields: { i in ranges[i].map { UnsafeBufferPointer(rebasing: all[$0]) } }, into: &writer)
        }
        guard let ctx = EVP_MD_CTX_new() else { throw StoreError.corruptEvent(path: path, seq: seq, detail: "out of memory for SHA-256") }
        let ok = writer.withBytes { bytes in
            EVP_DigestInit_ex(ctx, FetchedSHA256.shared.algorithm, nil) == 1
                && EVP_DigestUpdate(ctx, bytes.baseAddress, bytes.count) == 1
        }
        guard ok else {
            EVP_MD_CTX_free(ctx)
            throw StoreError.corruptEvent(path: path, seq: seq, detail: "SHA-256 is not available from OpenSSL")
        }
        try push(.event(PreparedEvent(seq: seq, dossierID: dossierID, kind: kind, event: event, from: from, to: to,
                                      actor: actor, atText: lastAtText, reason: reason, payload: payload, digest: ctx,
                                      fieldBytes: joined, fieldRanges: ranges)))
    }

    private func push(_ item: Item) throws(StoreError) {
        chunk.append(item)
        if chunk.count >= Self.chunkSize { try flush() }
    }

    /// Hands the prepared items to the writer thread; rethrows the writer's first error.
    func flush() throws(StoreError) {
        if !chunk.isEmpty {
            let full = chunk
            chunk = []
            chunk.reserveCapacity(Self.chunkSize)
            channel.send(full)
        }
        if let error = channel.failure { throw error }
    }

    /// Frees the SHA-256 states of items that will never be written.
    static func discard(_ items: [Item]) {
        for case .event(let e) in items { EVP_MD_CTX_free(e.digest) }
    }
}

/// The queue between the preparing thread and the writer thread.
final class BatchChannel: @unchecked Sendable {
    private let condition = NSCondition()
    private var queue: [[BatchAppender.Item]] = []
    private var closed = false
    private var error: StoreError?

    /// At most this many chunks wait, so memory stays bounded when the writer is slower.
    private let limit = 8

    func send(_ items: [BatchAppender.Item]) {
        condition.lock()
        while queue.count >= limit && error == nil { condition.wait() }
        if error != nil {
            condition.unlock()
            BatchAppender.discard(items)
            return
        }
        queue.append(items)
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
    func receive() -> [BatchAppender.Item]? {
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
    /// - Throws: the first error of `body` or of the writer; nothing is written then.
    public func writeBatch(_ body: (BatchAppender) throws -> Void) throws {
        guard activeWrite == nil else { throw StoreError.nestedWrite(path) }
        try sql { () throws(SQLiteFailure) in try connection.exec("BEGIN IMMEDIATE") }
        writeCounter += 1
        activeWrite = writeCounter
        defer { activeWrite = nil }
        let head: (seq: Int64, hash: String)
        do { head = try self.head() ?? (0, StoredEvent.genesisHash) } catch {
            rollback()
            throw error
        }
        let channel = BatchChannel()
        let appender = BatchAppender(path: path, channel: channel, headSeq: head.seq)
        let done = DispatchSemaphore(value: 0)
        let box = StoreBox(store: self)
        Thread.detachNewThread {
            box.store.drainBatch(channel, prevHash: head.hash)
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
        if let failure {
            rollback()
            throw failure
        }
        try sql { () throws(SQLiteFailure) in try connection.exec("COMMIT") }
    }

    /// The writer thread: chains hashes and inserts rows in order until the channel closes.
    fileprivate func drainBatch(_ channel: BatchChannel, prevHash start: String) {
        // Every dossier the store holds, read once: creations and transitions are then checked
        // against this set (kept up to date with the batch's own creations) instead of a query each.
        var known = Set<String>()
        do {
            try sql { () throws(SQLiteFailure) in
                try connection.withCached("SELECT id FROM dossiers") { s throws(SQLiteFailure) in
                    while try s.step() { known.insert(s.text(0)) }
                }
            }
        } catch {
            channel.fail(error)
        }
        // tail = `,"<prev_hash>"]`; the previous hash's hex lives in tail[2..<66] and is bound
        // from there, the new one is written into `hex` and then copied over: no String per hash.
        var tail = [UInt8](repeating: 0, count: 68)
        tail[0] = UInt8(ascii: ","); tail[1] = UInt8(ascii: "\""); tail[66] = UInt8(ascii: "\""); tail[67] = UInt8(ascii: "]")
        for (k, b) in start.utf8.prefix(64).enumerated() { tail[2 + k] = b }
        var hex = [UInt8](repeating: 0, count: 64)
        var digest = [UInt8](repeating: 0, count: 32)
        while let items = channel.receive() {
            if channel.failure != nil {
                BatchAppender.discard(items)
                continue
            }
            for (index, item) in items.enumerated() {
                do {
                    switch item {
                    case .projection(let d, let lastSeq):
                        try sql { () throws(SQLiteFailure) in
                            // 0: no event in this batch; let SQL find the newest one.
                            let statement = lastSeq > 0 ? ProjectionRow.upsertKnownSeq : ProjectionRow.upsert
                            try connection.withCached(statement) { s throws(SQLiteFailure) in
                                ProjectionRow(d).bind(to: s)
                                if lastSeq > 0 { s.bind(19, lastSeq) }
                                try s.run()
                            }
                        }
                    case .event(let e):
                        var length: UInt32 = 0
                        let ok = EVP_DigestUpdate(e.digest, tail, 68) == 1 && EVP_DigestFinal_ex(e.digest, &digest, &length) == 1
                        EVP_MD_CTX_free(e.digest)
                        guard ok else { throw StoreError.corruptEvent(path: path, seq: e.seq, detail: "SHA-256 failed") }
                        digest.withUnsafeBytes { raw in
                            hex.withUnsafeMutableBytes { out in SHA256Digest.writeHex(raw, into: out) }
                        }
                        if e.kind == .created {
                            if !known.insert(e.dossierID).inserted { throw StoreError.dossierExists(path: path, id: e.dossierID) }
                        } else if !known.contains(e.dossierID) {
                            throw StoreError.unknownDossier(path: path, id: e.dossierID)
                        }
                        try sql { () throws(SQLiteFailure) in
                            try connection.withCached(StoreSchema.insertEvent) { s throws(SQLiteFailure) in
                                // Columns 2–12 are the eleven prepared text fields, in order.
                                try e.fieldBytes.withUnsafeBufferPointer { (all) throws(SQLiteFailure) in
                                    s.bind(1, e.seq)
                                    for (k, range) in e.fieldRanges.enumerated() {
                                        s.bind(Int32(k + 2), staticUTF8: range.map { UnsafeBufferPointer(rebasing: all[$0]) })
                                    }
                                    tail.withUnsafeBufferPointer { s.bind(13, utf8: UnsafeBufferPointer(rebasing: $0[2..<66])) }
                                    hex.withUnsafeBufferPointer { s.bind(14, utf8: $0) }
                                    try s.run()
                                }
                            }
                        }
                        for k in 0..<64 { tail[2 + k] = hex[k] }
                    }
                } catch {
                    channel.fail(error as? StoreError ?? .transactionEnded(path))
                    BatchAppender.discard(Array(items[(index + 1)...]))
                    break
                }
            }
        }
    }

}
