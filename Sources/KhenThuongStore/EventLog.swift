import Foundation
import KhenThuongCore

/// A store of dossiers: an append-only hash chain of events, with a projection of every
/// dossier's current value for queries. What the runner, the books and the command line use;
/// `EventStore` keeps it in one SQLite file, `MemoryEventLog` in memory.
///
/// ```swift
/// let log: any EventLog = try EventStore(path: "khenthuong.db")
/// try log.write { tx in
///     guard let dossier = try tx.dossier("HS-2025-001") else { return }
///     let t = try DossierMachine.decide(dossier, request, by: actor, at: now, in: workflow, context: context).get()
///     try tx.append(transition: t, to: dossier.applying(t, at: now), actor: actor, at: now, reason: request.reason)
/// }
/// let report = try log.verify()
/// ```
///
/// Every backend gives the same events, the same hashes and the same reports for the same
/// calls: the hash chain, the canonical text of an event, the checks on an append, the verify
/// walk and the replay are shared code (`StoreTransaction`, `EventChain`, `ChainVerifier`,
/// `EventReplay`); a backend supplies storage (see docs/store.md, “Backends”).
///
/// A log is not thread-safe: use one per thread.
public protocol EventLog: AnyObject {
    /// Where the events are kept, as errors name it: a file path, or a name for a log in memory.
    var location: String { get }

    // MARK: Writing

    /// The key that signs every `write(_:)` (the acting person's, set once the command knows
    /// who acts); `nil` writes unsigned commits, which a store holding signed ones refuses.
    var signer: (any CommitSigner)? { get set }

    /// Runs `body` in one write transaction: all its appends are committed together, or none
    /// is when `body` throws (the error is rethrown).
    ///
    /// - Throws: `StoreError.busy` when another writer holds the log longer than allowed;
    ///   `StoreError.nestedWrite` inside another `write`; whatever `body` throws.
    func write<T>(_ body: (inout StoreTransaction) throws -> T) throws -> T

    /// Runs `body` in one write transaction signed by `signer`: when the block appended
    /// events, the store asks `signer` to sign the commit statement over the new head
    /// (`CommitStatement`) and keeps the signature beside the events, in the same transaction.
    /// `nil` writes an unsigned commit, which a store that already holds signed commits refuses
    /// (`StoreError.signatureRequired`).
    func write<T>(signedBy signer: (any CommitSigner)?, _ body: (inout StoreTransaction) throws -> T) throws -> T

    // MARK: Reading

    /// When set, every event read (`events(dossierID:)`, `records(named:subject:)`, `scan`) is
    /// checked against the chain as it is read: its hash must be the hash of its content, and the
    /// next event must link to it. Official outputs set it after the incremental check
    /// (`StoreAudit.checkSinceMark`), so an event edited before the verified mark — which that
    /// check does not re-hash — is caught when it is used. A failure is `StoreError.corruptEvent`.
    var verifiesReads: Bool { get set }

    /// The dossier with `id` as the projection holds it, or `nil` when there is none.
    func dossier(_ id: String) throws(StoreError) -> Dossier?

    /// The dossiers matching every condition of `filter`, sorted by id (byte order).
    func dossiers(matching filter: DossierFilter) throws(StoreError) -> [Dossier]

    /// A dossier's workflow, proposing unit and addressed unit as the projection holds them
    /// (they never change after creation), without decoding the rest; `nil` when there is none.
    func dossierUnits(_ id: String) throws(StoreError) -> (workflow: String, proposer: String, addressee: String)?

    /// How many dossiers the projection holds.
    func dossierCount() throws(StoreError) -> Int

    /// Every event about `dossierID`, oldest first: a dossier's creation, transitions and
    /// records, or the records about another subject (`council:HĐTĐKT-TLĐ`, `RecordSubject.stored`).
    /// Empty when there is none.
    func events(dossierID: String) throws(StoreError) -> [StoredEvent]

    /// Every `record` event named `event` (e.g. `eligibility_override`), about `subject` when
    /// given, oldest first, undecoded. Code reads records typed, with `records(_:subject:)`.
    func records(named event: String, subject: String?) throws(StoreError) -> [StoredEvent]

    /// Every `record` event whose name is one of `events`, oldest first, undecoded (the
    /// directory's records, read at every signed command: one query where a server is asked).
    func records(namedAnyOf events: [String]) throws(StoreError) -> [StoredEvent]

    /// Calls `body` with every event from number `seq` on, in chain order.
    func scan(from seq: Int64, _ body: (StoredEvent) throws(StoreError) -> Void) throws(StoreError)

    /// Where the last full or incremental check found the chain intact (kept in the store so
    /// that official outputs check only what came after), or `nil`.
    func verifiedMark() throws(StoreError) -> VerifiedMark?

    /// Keeps `mark` as the last intact point (best effort: a busy store keeps the old one).
    func saveVerifiedMark(_ mark: VerifiedMark)

    /// The stored hash of event number `seq`, or `nil` when there is none.
    func hash(at seq: Int64) throws(StoreError) -> String?

    /// Calls `body` with the number and the stored hash (64 hex digits, as UTF-8) of every
    /// event from 1 through `seq`, in chain order: the leaves of the store's Merkle tree
    /// (`EventLog+Merkle.swift`). The bytes are valid only during the call.
    func scanHashes(through seq: Int64, _ body: (Int64, UnsafeBufferPointer<UInt8>) throws(StoreError) -> Void) throws(StoreError)

    /// Calls `body` with every event from number `seq` on, in chain order, read lightly for an
    /// audit walk: number, subject, kind, name, states and actor only; the payload only for
    /// creations and for records named in `payloadKinds` (empty otherwise); no time, reason or
    /// hashes. Never use these events for anything but reading those fields.
    func scanSkeletons(from seq: Int64, payloadKinds: Set<String>, _ body: (StoredEvent) throws(StoreError) -> Void) throws(StoreError)

    /// How many events the log holds.
    func eventCount() throws(StoreError) -> Int64

    /// This store's id: random, fixed when the store was created (or first opened by a version
    /// with signatures); every commit signature names it.
    func storeID() throws(StoreError) -> String

    /// Every signed commit whose last event is `seq` or later, in chain order.
    func commits(from seq: Int64) throws(StoreError) -> [StoredCommit]

    /// The newest event's number and hash, or `nil` for an empty log. Keep the hash: a later
    /// `verify()` whose chain no longer passes through it shows that events were removed.
    func head() throws(StoreError) -> (seq: Int64, hash: String)?

    // MARK: Checking

    /// Reads every event in order and checks the chain (see `ChainVerifier` for what is checked).
    /// - Parameter progress: called now and then (and at the end) with (events read, newest
    ///   event number).
    /// - Throws: `StoreError` only when the events cannot be read.
    func verify(progress: ((Int64, Int64) -> Void)?) throws(StoreError) -> VerifyReport

    /// `verify(progress:)`, calling `alongside` on the calling thread once the chain has been
    /// read and hashed, while the signatures may still be checked on other threads (so a walk
    /// of its own — `StoreAudit`'s grant walk — overlaps them). `alongside` is told whether the
    /// links and hashes were intact; it may read the log (a store file: in verify's snapshot).
    func verify(progress: ((Int64, Int64) -> Void)?,
                alongside: (_ linksIntact: Bool) throws(StoreError) -> Void) throws(StoreError) -> VerifyReport

    /// `verify(progress:)` with an audit walk beside the check: `walk` is told the signed
    /// commits, then every event in chain order, read lightly as
    /// `scanSkeletons(from:payloadKinds:)` gives them. A backend that can does it during its one
    /// read of the chain (events may then be visited before their hashes are checked);
    /// otherwise after the chain was found intact. Either way the walk's findings mean
    /// something only when the report is intact.
    func verify<Walk: VerifyWalk>(progress: ((Int64, Int64) -> Void)?, skeletons payloadKinds: Set<String>,
                                  walk: inout Walk) throws(StoreError) -> VerifyReport

    /// Replays every event, compares what they build with the projection, and (unless
    /// `dryRun`) rewrites the projection from the replay, as a whole or not at all.
    /// - Throws: `StoreError.corruptEvent` when an event cannot be replayed (nothing is
    ///   rewritten), `.nestedWrite` inside a `write`, or a backend error.
    func rebuild(dryRun: Bool) throws(StoreError) -> RebuildReport

    /// The projection rows that do not agree with the events, found cheaply enough for every
    /// `verify`: a row whose state is not the `to_state` of the event its `last_seq` names,
    /// whose `last_seq` names another dossier's event or a record, or is not the dossier's newest
    /// creation or transition; and a count of rows that differs from the count of creations.
    /// (`rebuild --check` compares every column.)
    func projectionFaults() throws(StoreError) -> [ProjectionDifference]
}

/// An audit walk run beside `EventLog.verify(progress:skeletons:walk:)`.
public protocol VerifyWalk {
    /// The store's signed commits, in chain order, before any event.
    mutating func start(commits: [StoredCommit])
    /// Every event, in chain order.
    mutating func visit(_ event: StoredEvent)
    /// The newest event whose stored hash the walk wants told (`visitHash`); 0 for none (the default).
    var hashesThrough: Int64 { get }
    /// Events 1 through `hashesThrough`, in chain order: the number and the stored hash (64 hex
    /// digits as UTF-8, valid only during the call), read in the same pass as `visit` where the
    /// backend can (`verify --witnesses` computes Merkle roots from them).
    mutating func visitHash(seq: Int64, hex: UnsafeBufferPointer<UInt8>)
}

extension VerifyWalk {
    public var hashesThrough: Int64 { 0 }
    public mutating func visitHash(seq: Int64, hex: UnsafeBufferPointer<UInt8>) {}
}

extension EventLog {
    /// The dossiers matching every filter given (`nil` matches anything), sorted by id.
    ///
    /// - Parameters:
    ///   - state: current state id.
    ///   - award: award id.
    ///   - unit: the proposing or the addressed unit.
    ///   - year: achievement year.
    public func dossiers(state: String? = nil, award: String? = nil, unit: String? = nil,
                         year: Int? = nil) throws(StoreError) -> [Dossier] {
        try dossiers(matching: DossierFilter(state: state, award: award, unit: unit, year: year))
    }

    /// Every `record` event named `event`, oldest first, undecoded.
    public func records(named event: String) throws(StoreError) -> [StoredEvent] {
        try records(named: event, subject: nil)
    }

    /// One `records(named:)` per name, merged in chain order.
    public func records(namedAnyOf events: [String]) throws(StoreError) -> [StoredEvent] {
        var out: [StoredEvent] = []
        for event in events { out += try records(named: event, subject: nil) }
        return out.sorted { $0.seq < $1.seq }
    }

    /// `dossier(_:)`'s fields: a backend without a lighter read decodes the whole row.
    public func dossierUnits(_ id: String) throws(StoreError) -> (workflow: String, proposer: String, addressee: String)? {
        try dossier(id).map { ($0.workflowID, $0.proposerUnit, $0.addresseeUnit) }
    }

    /// `scan(from:)`: a backend without a lighter read gives whole events.
    public func scanSkeletons(from seq: Int64, payloadKinds: Set<String>, _ body: (StoredEvent) throws(StoreError) -> Void) throws(StoreError) {
        try scan(from: seq, body)
    }

    /// Every event in chain order.
    public func scan(_ body: (StoredEvent) throws(StoreError) -> Void) throws(StoreError) {
        try scan(from: 1, body)
    }

    /// The dossier a projection row holds, checked against the dossier's events first when
    /// `verifiesReads` (every backend's read of a row goes through here).
    package func checkedDossier(_ row: ProjectionRow, location: String) throws(StoreError) -> Dossier {
        if verifiesReads { try EventReplay.checkProjection(row, events: try events(dossierID: row.id), location: location) }
        do {
            return try row.dossier()
        } catch {
            throw StoreError.corruptProjection(path: location, id: row.id, detail: error.detail)
        }
    }

    /// `verify(progress:skeletons:walk:)` for a backend that reads the chain twice: the walk
    /// runs once the chain has been read and found intact, while the signatures may still be
    /// checked on other threads.
    public func verify<Walk: VerifyWalk>(progress: ((Int64, Int64) -> Void)?, skeletons payloadKinds: Set<String>,
                                         walk: inout Walk) throws(StoreError) -> VerifyReport {
        walk.start(commits: try commits(from: 1))
        return try verify(progress: progress) { linksIntact throws(StoreError) in
            guard linksIntact else { return }
            try scanSkeletons(from: 1, payloadKinds: payloadKinds) { event throws(StoreError) in walk.visit(event) }
            if walk.hashesThrough > 0 {
                try scanHashes(through: walk.hashesThrough) { (seq, hex) throws(StoreError) in walk.visitHash(seq: seq, hex: hex) }
            }
        }
    }

    /// Checks the whole chain (see `verify(progress:)`).
    public func verify() throws(StoreError) -> VerifyReport {
        try verify(progress: nil)
    }

    /// Replays every event and rewrites the projection from them (see `rebuild(dryRun:)`).
    public func rebuild() throws(StoreError) -> RebuildReport {
        try rebuild(dryRun: false)
    }
}

/// The point up to which a check found the chain, the signatures and the grants intact.
public struct VerifiedMark: Sendable, Equatable {
    /// The newest event checked, and its hash.
    public var seq: Int64
    public var hash: String
    /// The first event that had to be signed (the first signed commit's), `nil` when the
    /// store had no signed commit.
    public var signedFrom: Int64?

    public init(seq: Int64, hash: String, signedFrom: Int64?) {
        self.seq = seq
        self.hash = hash
        self.signedFrom = signedFrom
    }

    /// As kept in a store: `seq hash signedFrom|-`.
    package var text: String { "\(seq) \(hash) \(signedFrom.map(String.init) ?? "-")" }

    package init?(text: String) {
        let parts = text.split(separator: " ")
        guard parts.count == 3, let seq = Int64(parts[0]) else { return nil }
        self.init(seq: seq, hash: String(parts[1]), signedFrom: parts[2] == "-" ? nil : Int64(parts[2]))
    }
}

/// Which dossiers `EventLog.dossiers(matching:)` returns: those matching every condition given
/// (`nil` matches anything).
public struct DossierFilter: Sendable, Equatable {
    /// Current state id.
    public var state: String?
    /// Award id.
    public var award: String?
    /// The proposing or the addressed unit.
    public var unit: String?
    /// Achievement year.
    public var year: Int?
    /// The nominee's id (a person's or a collective's): the store's index on
    /// `(nominee_id, award, year)` answers the one-achievement-one-award checks.
    public var nominee: String?

    public init(state: String? = nil, award: String? = nil, unit: String? = nil, year: Int? = nil, nominee: String? = nil) {
        self.state = state
        self.award = award
        self.unit = unit
        self.year = year
        self.nominee = nominee
    }

    /// Whether a projection row matches (texts compared byte for byte, as SQL does).
    package func matches(_ row: ProjectionRow) -> Bool {
        func same(_ a: String, _ b: String) -> Bool { a.utf8.elementsEqual(b.utf8) }
        if let state, !same(row.state, state) { return false }
        if let award, !same(row.award, award) { return false }
        if let unit, !same(row.proposerUnit, unit), !same(row.addresseeUnit, unit) { return false }
        if let year, row.year != year { return false }
        if let nominee, !same(row.nomineeID, nominee) { return false }
        return true
    }
}

/// The storage a backend supplies to `StoreTransaction` inside one `write`, in the backend's
/// open transaction. Everything else — the checks on a dossier, the head kept in memory, the
/// hash chain — is `StoreTransaction`'s, the same for every backend.
package protocol EventLogSession {
    /// Throws `StoreError.transactionEnded` once this session's `write` block has ended.
    func checkActive() throws(StoreError)
    /// The dossier as the projection holds it now, with this transaction's changes.
    func dossier(_ id: String) throws(StoreError) -> Dossier?
    /// How many dossiers the projection holds now.
    func dossierCount() throws(StoreError) -> Int
    /// Whether any event is about `dossierID` (its `dossier_id` column).
    func hasEvents(_ dossierID: String) throws(StoreError) -> Bool
    /// The chain's head as stored when the transaction began (read once per transaction).
    func head() throws(StoreError) -> (seq: Int64, hash: String)?
    /// The time of the newest event as stored when the transaction began, or `nil` when empty.
    func headTime() throws(StoreError) -> Date?
    /// Whether the store holds any signed commit (then every later write must be signed).
    func hasCommits() throws(StoreError) -> Bool
    /// The store's id (`EventLog.storeID()`).
    func storeID() throws(StoreError) -> String
    /// Stores a signed commit (its events are already inserted in this transaction).
    func insertCommit(_ commit: StoredCommit) throws(StoreError)
    /// Stores `event` exactly as given: it is already chained (`seq` is the head's plus one,
    /// `prevHash` the head's hash, `hash` computed by `EventChain`).
    func insert(_ event: StoredEvent) throws(StoreError)
    /// Inserts or replaces `dossier`'s projection row; its `last_seq` is the number of the
    /// dossier's newest creation or transition (records do not count).
    func saveProjection(_ dossier: Dossier) throws(StoreError)
    /// Called before anything that decides or makes an append (about `dossierID` when one is
    /// known): a backend whose writers serialise late (PostgreSQL's chain lock) serialises
    /// here. Returns whether it serialised now (false when it already had, or never waits).
    @discardableResult
    func willAppend(_ dossierID: String?) throws(StoreError) -> Bool
    /// The dossier's projection row and its events read together (one round trip where the
    /// backend is a server), or `nil` when the backend reads them separately.
    func dossierWithEvents(_ id: String) throws(StoreError) -> (dossier: Dossier?, events: [StoredEvent])?
}

extension EventLogSession {
    package func dossierWithEvents(_ id: String) throws(StoreError) -> (dossier: Dossier?, events: [StoredEvent])? { nil }

    @discardableResult
    package func willAppend(_ dossierID: String?) throws(StoreError) -> Bool { false }
}
