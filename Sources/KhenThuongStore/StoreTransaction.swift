import Foundation
import KhenThuongCore

/// The changes one `EventLog.write` block makes: appends to the chain and the dossier
/// projection, committed together when the block returns.
///
/// Three ways to append:
/// - `append(created:…)` and `append(transition:to:…)` check the dossier against the store and
///   keep the projection in step, event by event. Use them for commands.
/// - `appendEvent(created:…)`, `appendEvent(transition:dossierID:…)` and `saveProjection(_:)`
///   append events only and save a dossier's projection when asked, so a batch that fires many
///   events on one dossier writes its projection row once. The caller must save every touched
///   dossier's final value, or `rebuild()` will report the difference.
/// - `append(_:actor:at:reason:)` appends a record (`StoreRecord`): a fact that changes no state.
///
/// The same for every backend: the checks, the chain head (read once per transaction, then
/// kept in memory) and the hash of each event (`EventChain`) are computed here; the backend's
/// `EventLogSession` only reads and stores. All times are truncated to the millisecond.
public struct StoreTransaction {
    /// The log being written (its reads see this transaction's changes).
    package let store: any EventLog
    private let session: any EventLogSession
    private var head: (seq: Int64, hash: String)?
    /// The first event this transaction appended, and the time of the last one (the commit's).
    private var firstSeq: Int64?
    private var lastTime: Date?
    /// The newest event time seen (stored or appended): no event may be earlier by more than
    /// `clockTolerance`.
    private var newestTime: Date?
    private var checkedClock = false
    /// Dossiers known to have a creation event: those created or checked in this transaction.
    private var knownDossiers: Set<String> = []
    /// Whether an appended event was handed to the caller (who may use its number or hash):
    /// false when every append went through `appendTransition`, so a backend may number the
    /// events after a concurrent writer's instead of retrying (see `PostgresSchema.appendFunction`).
    package private(set) var numbersShown = false

    /// Whether events earlier than the newest stored one (beyond `clockTolerance`) are refused:
    /// in signed writes, whose signed times `verify` checks.
    private let checksClock: Bool

    /// A transaction over `session`, the storage of `store`'s open write transaction.
    /// - Parameter signed: whether the write will be signed (then back-dating is refused).
    package init(store: any EventLog, session: any EventLogSession, signed: Bool = false) {
        self.store = store
        self.session = session
        self.checksClock = signed
    }

    private var location: String { store.location }

    /// The dossier with `id` as the projection holds it now (including this transaction's
    /// changes), or `nil`.
    ///
    /// Every write acts on what this returns, so the projection row is never trusted alone: it
    /// is compared with what the dossier's own events build (a dossier has tens of events), and
    /// a row edited behind the program (a state changed in the file) stops the write.
    /// - Throws: `StoreError.corruptProjection` naming the columns that differ from the events.
    public func dossier(_ id: String) throws(StoreError) -> Dossier? {
        try session.checkActive()
        let read = try session.dossierWithEvents(id)
        let found: Dossier?
        if let read { found = read.dossier } else { found = try session.dossier(id) }
        guard let dossier = found else { return nil }
        let events: [StoredEvent]
        if let read { events = read.events } else { events = try store.events(dossierID: id) }
        do {
            try EventReplay.checkProjection(ProjectionRow(dossier), events: events, location: location, includingLastSeq: false)
        } catch {
            // A backend that serialises writers late read the row and the events in two
            // statements: another writer may have committed between them. Once serialised,
            // nothing moves, and a difference is a real one.
            guard case .corruptProjection = error, try session.willAppend(id) else { throw error }
            guard let again = try session.dossier(id) else { return nil }
            try EventReplay.checkProjection(ProjectionRow(again), events: try store.events(dossierID: id), location: location,
                                            includingLastSeq: false)
            return again
        }
        return dossier
    }

    /// How many dossiers the store holds now (including this transaction's).
    public func dossierCount() throws(StoreError) -> Int {
        try session.checkActive()
        return try session.dossierCount()
    }

    /// Records the creation of `dossier` and adds it to the projection.
    ///
    /// - Parameters:
    ///   - dossier: the new dossier (its dates are stored to the millisecond).
    ///   - actor: who created it.
    ///   - at: when.
    ///   - reason: an optional note.
    /// - Returns: the appended event.
    /// - Throws: `StoreError.dossierExists` when the id is taken (nothing is written).
    @discardableResult
    public mutating func append(created dossier: Dossier, actor: Actor, at time: Date,
                                reason: String? = nil) throws(StoreError) -> StoredEvent {
        let event = try appendEvent(created: dossier, actor: actor, at: time, reason: reason)
        try saveProjection(dossier)
        return event
    }

    /// Records `transition` of a stored dossier and updates its projection.
    ///
    /// - Parameters:
    ///   - transition: what `DossierMachine.decide` returned for the dossier as stored.
    ///   - dossierAfter: the dossier after it, `dossier.applying(transition, at: time)`; it must
    ///     equal the stored dossier with the transition applied (dates to the millisecond).
    ///   - actor: who fired the event.
    ///   - at: when.
    ///   - reason: the written reason, if any.
    /// - Returns: the appended event.
    /// - Throws: `StoreError.unknownDossier`, `.staleDossier` (the stored state is not
    ///   `transition.from`), `.inconsistentDossier` (naming the fields that differ),
    ///   `.unsupportedTransition`, or an SQLite error.
    @discardableResult
    public mutating func append(transition: Transition, to dossierAfter: Dossier, actor: Actor, at time: Date,
                                reason: String? = nil) throws(StoreError) -> StoredEvent {
        try session.checkActive()
        try session.willAppend(dossierAfter.id)
        guard let current = try session.dossier(dossierAfter.id) else {
            throw StoreError.unknownDossier(path: location, id: dossierAfter.id)
        }
        guard current.state == transition.from else {
            throw StoreError.staleDossier(path: location, id: current.id, expected: transition.from, actual: current.state)
        }
        let expected = current.applying(transition, at: StoreTime.truncated(time))
        let differing = ProjectionRow(dossierAfter).differingColumns(from: ProjectionRow(expected), includingLastSeq: false)
        guard differing.isEmpty else {
            throw StoreError.inconsistentDossier(path: location, id: current.id, fields: differing)
        }
        let event = try appendEvent(transition: transition, dossierID: current.id, actor: actor, at: time, reason: reason)
        try saveProjection(expected)
        return event
    }

    /// `append(transition:to:actor:at:reason:)` for a caller that uses nothing of the appended
    /// event (neither its number nor its hash): a server backend may then chain it after
    /// events another writer committed meanwhile, in the same round trip, instead of retrying.
    package mutating func appendTransition(_ transition: Transition, to dossierAfter: Dossier, actor: Actor, at time: Date,
                                           reason: String?) throws(StoreError) {
        let shown = numbersShown
        _ = try append(transition: transition, to: dossierAfter, actor: actor, at: time, reason: reason)
        numbersShown = shown
    }

    /// Batch: records the creation of `dossier` without touching the projection (call
    /// `saveProjection(_:)` with its final value before the block ends).
    /// - Throws: `StoreError.dossierExists` when the id already has events.
    @discardableResult
    public mutating func appendEvent(created dossier: Dossier, actor: Actor, at time: Date,
                                     reason: String? = nil) throws(StoreError) -> StoredEvent {
        try session.checkActive()
        try session.willAppend(dossier.id)
        if try hasEvents(dossier.id) { throw StoreError.dossierExists(path: location, id: dossier.id) }
        knownDossiers.insert(dossier.id)
        return try appendRow(dossierID: dossier.id, kind: .created, event: StoredEvent.createEvent, from: nil,
                             to: dossier.state, actor: actor, at: time, reason: reason,
                             payload: EventPayload.encode(dossier))
    }

    /// Batch: records `transition` of dossier `dossierID` without reading or touching the
    /// projection (call `saveProjection(_:)` with the dossier's final value before the block ends).
    /// - Throws: `StoreError.unknownDossier` when the dossier has no creation event.
    @discardableResult
    public mutating func appendEvent(transition: Transition, dossierID: String, actor: Actor, at time: Date,
                                     reason: String? = nil) throws(StoreError) -> StoredEvent {
        try session.checkActive()
        try session.willAppend(dossierID)
        let payload: String
        do {
            payload = try EventPayload.encode(effects: transition.effects)
        } catch {
            throw StoreError.unsupportedTransition(path: location, id: dossierID, detail: error.detail)
        }
        if !knownDossiers.contains(dossierID) {
            if !(try hasEvents(dossierID)) { throw StoreError.unknownDossier(path: location, id: dossierID) }
            knownDossiers.insert(dossierID)
        }
        return try appendRow(dossierID: dossierID, kind: .transition, event: transition.event, from: transition.from,
                             to: transition.to, actor: actor, at: time, reason: reason, payload: payload)
    }

    /// Records a fact that changes no state (see `StoredEvent.Kind.record`), untyped: code
    /// appends a `StoreRecord` with `append(_:actor:at:reason:)`, which calls this; tests call it
    /// to write what no record type would.
    ///
    /// - Parameters:
    ///   - subject: a stored dossier's id, or `kind:id` for anything else (`RecordSubject.stored`).
    ///   - event: what the record is, in snake_case (`StoreRecord.kind`).
    ///   - payload: the fact as canonical JSON (an object).
    /// - Returns: the appended event.
    /// - Throws: `StoreError.unknownDossier` when `subject` is a dossier id with no dossier;
    ///   `.unsupportedTransition` when the payload is not a JSON object.
    @discardableResult
    mutating func appendRecord(subject: String, event: String, actor: Actor, at time: Date,
                               reason: String? = nil, payload: String) throws(StoreError) -> StoredEvent {
        guard case .object = try? JSONParser.parseVerbatim(payload) else {
            try session.checkActive()
            throw StoreError.unsupportedTransition(path: location, id: subject, detail: "a record's payload must be a JSON object")
        }
        return try appendCheckedRecord(subject: subject, event: event, actor: actor, at: time, reason: reason, payload: payload)
    }

    /// `appendRecord` for a payload known to be a JSON object (a typed record's, built as one).
    mutating func appendCheckedRecord(subject: String, event: String, actor: Actor, at time: Date,
                                      reason: String?, payload: String) throws(StoreError) -> StoredEvent {
        try session.checkActive()
        try session.willAppend(StoredEvent.isOtherSubject(subject) ? nil : subject)
        var state = ""
        if !StoredEvent.isOtherSubject(subject) {
            guard let dossier = try session.dossier(subject) else { throw StoreError.unknownDossier(path: location, id: subject) }
            state = dossier.state
        }
        return try appendRow(dossierID: subject, kind: .record, event: event, from: nil, to: state,
                             actor: actor, at: time, reason: reason, payload: payload)
    }

    /// Batch: writes `dossier` into the projection (insert or replace), with the number of its
    /// newest creation or transition event taken from the chain (records do not count).
    public func saveProjection(_ dossier: Dossier) throws(StoreError) {
        try session.checkActive()
        try session.saveProjection(dossier)
    }

    /// How far an event's time may be earlier than the newest stored event's: clocks of the
    /// machines writing one store may differ a little; more than this is back-dating.
    public static let clockTolerance: TimeInterval = 300

    /// Ends the transaction's writing: when it appended events, `signer` signs the commit
    /// statement over the new head and the commit is stored (called by the backend before it
    /// commits; the caller's block has returned).
    /// - Throws: `StoreError.signatureRequired` when unsigned on a store that holds signed
    ///   commits; `.signingFailed` when the key cannot sign.
    package mutating func seal(signer: (any CommitSigner)?) throws(StoreError) {
        guard let firstSeq, let head, let lastTime else { return }
        try session.checkActive()
        guard let signer else {
            if try session.hasCommits() { throw StoreError.signatureRequired(location) }
            return
        }
        let statement = CommitStatement(storeID: try session.storeID(), firstSeq: firstSeq, lastSeq: head.seq,
                                        headHash: head.hash, at: lastTime, publicKey: signer.publicKey)
        let signature: [UInt8]
        do {
            signature = try signer.sign(statement.bytes)
        } catch {
            throw StoreError.signingFailed(path: location, detail: "\(error)")
        }
        try session.insertCommit(StoredCommit(firstSeq: firstSeq, lastSeq: head.seq, headHash: head.hash, at: lastTime,
                                              publicKey: signer.publicKey, signature: signature))
    }

    // MARK: Internals

    private func hasEvents(_ dossierID: String) throws(StoreError) -> Bool {
        try session.hasEvents(dossierID)
    }

    /// The chain head, read from the backend the first time and then kept up to date here.
    private mutating func currentHead() throws(StoreError) -> (seq: Int64, hash: String)? {
        if let head { return head }
        try session.willAppend(nil)
        head = try session.head()
        return head
    }

    /// Appends one event after the head: builds it (number, link, hash), stores it, moves the head.
    private mutating func appendRow(dossierID: String, kind: StoredEvent.Kind, event: String, from: String?, to: String,
                                    actor: Actor, at time: Date, reason: String?, payload: String) throws(StoreError) -> StoredEvent {
        if checksClock && !checkedClock {
            checkedClock = true
            newestTime = try session.headTime()
        }
        if checksClock, let newestTime, time < newestTime.addingTimeInterval(-Self.clockTolerance) {
            throw StoreError.clockBehind(path: location, newest: StoreTime.iso(newestTime), now: StoreTime.iso(time))
        }
        let stored = EventChain.event(after: try currentHead(), dossierID: dossierID, kind: kind, event: event, from: from,
                                      to: to, actor: actor, at: time, reason: reason, payload: payload)
        try session.insert(stored)
        numbersShown = true
        head = (stored.seq, stored.hash)
        if firstSeq == nil { firstSeq = stored.seq }
        lastTime = stored.at
        if newestTime.map({ stored.at > $0 }) ?? true { newestTime = stored.at }
        return stored
    }
}
