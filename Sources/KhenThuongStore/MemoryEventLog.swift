import Foundation
import KhenThuongCore

/// An `EventLog` kept in memory, gone when the value goes away: for tests and trials beside the
/// SQLite store. The same calls give the same events, hashes and reports as `EventStore`:
/// the chain and the checks are the shared code (`StoreTransaction`, `EventChain`,
/// `ChainVerifier`, `EventReplay`); the projection is kept as the rows SQLite would hold, so a
/// dossier reads back exactly as from the file.
///
/// A `write` works on the log itself and puts the previous contents back when its block
/// throws. Not thread-safe: use it from one thread.
public final class MemoryEventLog: EventLog {
    /// What the log holds; a value, so a failed `write` restores it whole.
    struct Contents {
        /// The chain, in order: `events[i].seq == i + 1` unless edited behind the log's back.
        var events: [StoredEvent] = []
        /// The projection, by dossier id.
        var projection: [String: ProjectionRow] = [:]
        /// Each dossier's newest creation or transition (its projection's `last_seq`).
        var lastSeq: [String: Int64] = [:]
        /// Every subject with at least one event.
        var subjects: Set<String> = []
        /// The signed commits, in order.
        var commits: [StoredCommit] = []
    }

    /// A name for errors (`StoreError`'s path).
    public let location: String
    var contents = Contents()
    /// The last intact point (`EventLog.verifiedMark()`).
    var mark: VerifiedMark?
    /// This log's store id (random).
    let id = (0..<16).map { _ in String(format: "%02x", UInt8.random(in: 0...255)) }.joined()
    /// The key that signs every `write(_:)` (see `EventLog.signer`).
    public var signer: (any CommitSigner)?
    /// Whether reads are checked against the chain (see `EventLog.verifiesReads`).
    public var verifiesReads = false
    /// The token of the write transaction in progress, if any.
    private var activeWrite: Int?
    private var writeCounter = 0

    /// An empty log; `name` is what errors call it.
    public init(name: String = "memory") {
        location = name
    }

    // MARK: Writing

    public func write<T>(_ body: (inout StoreTransaction) throws -> T) throws -> T {
        try write(signedBy: signer, body)
    }

    public func write<T>(signedBy signer: (any CommitSigner)?, _ body: (inout StoreTransaction) throws -> T) throws -> T {
        guard activeWrite == nil else { throw StoreError.nestedWrite(location) }
        let saved = contents
        writeCounter += 1
        activeWrite = writeCounter
        defer { activeWrite = nil }
        var transaction = StoreTransaction(store: self, session: MemorySession(log: self, token: writeCounter), signed: signer != nil)
        do {
            let result = try body(&transaction)
            try transaction.seal(signer: signer)
            return result
        } catch {
            contents = saved
            throw error
        }
    }

    // MARK: Reading

    public func dossier(_ id: String) throws(StoreError) -> Dossier? {
        try contents.projection[id].map { row throws(StoreError) in try dossier(from: row) }
    }

    public func dossiers(matching filter: DossierFilter) throws(StoreError) -> [Dossier] {
        let rows = contents.projection.values.filter { filter.matches($0) }
            .sorted { $0.id.utf8.lexicographicallyPrecedes($1.id.utf8) }
        var out: [Dossier] = []
        out.reserveCapacity(rows.count)
        for row in rows { out.append(try dossier(from: row)) }
        return out
    }

    private func dossier(from row: ProjectionRow) throws(StoreError) -> Dossier {
        try checkedDossier(row, location: location)
    }

    public func dossierCount() throws(StoreError) -> Int { contents.projection.count }

    public func events(dossierID: String) throws(StoreError) -> [StoredEvent] {
        try checked(contents.events.filter { $0.dossierID.utf8.elementsEqual(dossierID.utf8) })
    }

    public func records(named event: String, subject: String?) throws(StoreError) -> [StoredEvent] {
        try checked(contents.events.filter { e in
            e.kind == .record && e.event.utf8.elementsEqual(event.utf8)
                && (subject.map { e.dossierID.utf8.elementsEqual($0.utf8) } ?? true)
        })
    }

    /// `events`, checked against the chain when `verifiesReads` is set.
    private func checked(_ events: [StoredEvent]) throws(StoreError) -> [StoredEvent] {
        guard verifiesReads else { return events }
        for e in events {
            try EventChain.checkRead(e, location: location)
            try EventChain.checkLink(from: e, nextPrevHash: contents.events.first { $0.seq == e.seq + 1 }?.prevHash, location: location)
        }
        return events
    }

    public func scan(from seq: Int64, _ body: (StoredEvent) throws(StoreError) -> Void) throws(StoreError) {
        // Sorted by number, as SQL's ORDER BY seq reads an edited chain.
        let events = contents.events.filter { $0.seq >= seq }
        let ordered = events.indices.dropFirst().allSatisfy { events[$0 - 1].seq < events[$0].seq }
            ? events : events.sorted { $0.seq < $1.seq }
        var previous: StoredEvent?
        for event in ordered {
            if verifiesReads {
                if let previous { try EventChain.checkLink(from: previous, nextPrevHash: event.prevHash, location: location) }
                try EventChain.checkRead(event, location: location)
                previous = event
            }
            try body(event)
        }
    }

    public func eventCount() throws(StoreError) -> Int64 { Int64(contents.events.count) }

    public func storeID() throws(StoreError) -> String { id }

    public func verifiedMark() throws(StoreError) -> VerifiedMark? { mark }

    public func saveVerifiedMark(_ mark: VerifiedMark) { self.mark = mark }

    public func hash(at seq: Int64) throws(StoreError) -> String? {
        contents.events.first { $0.seq == seq }?.hash
    }

    public func commits(from seq: Int64) throws(StoreError) -> [StoredCommit] {
        contents.commits.filter { $0.lastSeq >= seq }
    }

    public func head() throws(StoreError) -> (seq: Int64, hash: String)? {
        guard let last = contents.events.max(by: { $0.seq < $1.seq }) else { return nil }
        return (last.seq, last.hash)
    }

    // MARK: Checking

    public func verify(progress: ((Int64, Int64) -> Void)?) throws(StoreError) -> VerifyReport {
        try verify(progress: progress) { _ throws(StoreError) in }
    }

    public func verify(progress: ((Int64, Int64) -> Void)?,
                       alongside: (_ linksIntact: Bool) throws(StoreError) -> Void) throws(StoreError) -> VerifyReport {
        var verifier = ChainVerifier()
        try scan(from: 1) { event in verifier.check(event) }
        let total = try head()?.seq ?? 0
        progress?(verifier.eventCount, total)
        var report = verifier.report
        try alongside(report.firstBroken == nil)
        let hashes = Dictionary(contents.events.map { ($0.seq, $0.hash) }, uniquingKeysWith: { a, _ in a })
        report.commits = CommitCheck.run(contents.commits.map { ($0, hashes[$0.lastSeq]) }, headSeq: report.headSeq ?? 0,
                                         storeID: id)
        return report
    }

    public func rebuild(dryRun: Bool) throws(StoreError) -> RebuildReport {
        guard activeWrite == nil else { throw StoreError.nestedWrite(location) }
        var replay = EventReplay(location: location)
        try scan(from: 1) { event throws(StoreError) in try replay.apply(event) }
        let replayed = replay.projection()
        let differences = EventReplay.differences(replayed, from: contents.projection)
        if !dryRun { contents.projection = replayed }
        return RebuildReport(eventCount: replay.eventCount, dossierCount: replay.dossiers.count, differences: differences,
                             rewritten: !dryRun)
    }

    public func projectionFaults() throws(StoreError) -> [ProjectionDifference] {
        var replay = EventReplay(location: location)
        for event in contents.events { try replay.apply(event) }
        return EventReplay.differences(replay.projection(), from: contents.projection)
    }

    // MARK: Editing behind the log's back (tests)

    /// Changes the event numbered `seq` in place, as someone editing the file would: no hash
    /// is recomputed, so `verify()` should find it. For tests of the checks.
    func tamper(seq: Int64, _ change: (inout StoredEvent) -> Void) {
        guard let i = contents.events.firstIndex(where: { $0.seq == seq }) else { return }
        change(&contents.events[i])
    }

    /// Removes the event numbered `seq`, as someone editing the file would. For tests.
    func remove(seq: Int64) {
        contents.events.removeAll { $0.seq == seq }
    }

    /// Changes `id`'s projection row behind the log's back. For tests of `rebuild`.
    func tamperProjection(_ id: String, _ change: (inout ProjectionRow?) -> Void) {
        change(&contents.projection[id])
    }

    fileprivate func checkActive(_ token: Int) throws(StoreError) {
        guard activeWrite == token else { throw StoreError.transactionEnded(location) }
    }
}

/// The storage `StoreTransaction` writes through inside `MemoryEventLog.write`.
private struct MemorySession: EventLogSession {
    let log: MemoryEventLog
    let token: Int

    func checkActive() throws(StoreError) { try log.checkActive(token) }

    func dossier(_ id: String) throws(StoreError) -> Dossier? { try log.dossier(id) }

    func dossierCount() throws(StoreError) -> Int { log.contents.projection.count }

    func hasEvents(_ dossierID: String) throws(StoreError) -> Bool { log.contents.subjects.contains(dossierID) }

    func head() throws(StoreError) -> (seq: Int64, hash: String)? { try log.head() }

    func headTime() throws(StoreError) -> Date? { log.contents.events.last?.at }

    func hasCommits() throws(StoreError) -> Bool { !log.contents.commits.isEmpty }

    func storeID() throws(StoreError) -> String { log.id }

    func insertCommit(_ commit: StoredCommit) throws(StoreError) { log.contents.commits.append(commit) }

    func insert(_ event: StoredEvent) throws(StoreError) {
        // The chain's numbers are the primary key in SQL: refuse one taken, as SQLite would.
        if let last = log.contents.events.last, last.seq >= event.seq {
            throw StoreError.sqlite(path: log.location, code: 1555, detail: "UNIQUE constraint failed: events.seq")
        }
        log.contents.events.append(event)
        log.contents.subjects.insert(event.dossierID)
        if event.kind != .record { log.contents.lastSeq[event.dossierID] = event.seq }
    }

    func saveProjection(_ dossier: Dossier) throws(StoreError) {
        log.contents.projection[dossier.id] = ProjectionRow(dossier, lastSeq: log.contents.lastSeq[dossier.id] ?? 0)
    }
}
