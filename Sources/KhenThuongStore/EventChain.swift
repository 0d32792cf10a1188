import Foundation
import KhenThuongCore

/// What every backend shares about the chain: how the next event is built (number, link,
/// hash), how a sequence of events is checked, how it is replayed. A backend stores and reads
/// events; it never computes a hash itself.
package enum EventChain {
    /// The event that follows `head` (`nil` for an empty log): number `head.seq + 1`,
    /// `prevHash` the head's hash (`StoredEvent.genesisHash` first), its time truncated to the
    /// millisecond, and its hash computed from its canonical form (`EventHash`).
    package static func event(after head: (seq: Int64, hash: String)?, dossierID: String, kind: StoredEvent.Kind,
                              event: String, from: String?, to: String, actor: Actor, at time: Date,
                              reason: String?, payload: String) -> StoredEvent {
        let seq = (head?.seq ?? 0) + 1
        let prevHash = head?.hash ?? StoredEvent.genesisHash
        let ms = StoreTime.milliseconds(time)
        let hash = EventHash.compute(seq: seq, dossierID: dossierID, kind: kind.rawValue, event: event,
                                     fromState: from, toState: to, actor: actor, at: StoreTime.iso(milliseconds: ms),
                                     reason: reason, payload: payload, prevHash: prevHash)
        return StoredEvent(seq: seq, dossierID: dossierID, kind: kind, event: event, fromState: from, toState: to,
                           actor: actor, at: StoreTime.date(milliseconds: ms), reason: reason, payload: payload,
                           prevHash: prevHash, hash: hash)
    }
}

extension EventChain {
    /// Throws when `event`'s stored hash is not the hash of its content (edited behind the tool).
    package static func checkRead(_ event: StoredEvent, location: String?) throws(StoreError) {
        guard event.computedHash().utf8.elementsEqual(event.hash.utf8) else {
            throw StoreError.corruptEvent(path: location, seq: event.seq,
                                          detail: "its content no longer matches its hash: the event was edited behind the program; run verify")
        }
    }

    /// Throws when the event after `event` (whose `prev_hash` is `nextPrevHash`, `nil` for the
    /// head) does not link to it: the event was rehashed after an edit.
    package static func checkLink(from event: StoredEvent, nextPrevHash: String?, location: String?) throws(StoreError) {
        guard let nextPrevHash else { return }
        guard nextPrevHash.utf8.elementsEqual(event.hash.utf8) else {
            throw StoreError.corruptEvent(path: location, seq: event.seq,
                                          detail: "the next event does not link to it: the event was edited and rehashed behind the program; run verify")
        }
    }
}

/// The verify walk over events given in chain order, for a backend that reads whole events:
/// numbers 1, 2, 3… without gaps, each `prevHash` equal to the previous event's hash (64 zeros
/// for the first), and each hash equal to `computedHash()`. It gives the report
/// `EventStore.verify` gives from the raw columns (same problems, same order, same counts).
package struct ChainVerifier {
    private var expectedSeq: Int64 = 1
    private var previousHash = StoredEvent.genesisHash
    private var count: Int64 = 0
    private var lastSeq: Int64?
    private var brokenCount: Int64 = 0
    private var firstBroken: BrokenEvent?

    package init() {}

    /// A verifier for the chain after event `seq` whose hash is `hash` (checked already).
    package init(after seq: Int64, hash: String) {
        expectedSeq = seq + 1
        previousHash = hash
    }

    /// Checks the next event of the chain.
    package mutating func check(_ event: StoredEvent) {
        var problems: [BrokenEvent.Problem] = []
        if event.seq != expectedSeq { problems.append(.sequenceGap(expected: expectedSeq)) }
        // Byte comparison: Swift's `==` on strings ignores Unicode normalisation differences.
        if !event.prevHash.utf8.elementsEqual(previousHash.utf8) { problems.append(.prevHashMismatch) }
        if !event.computedHash().utf8.elementsEqual(event.hash.utf8) { problems.append(.hashMismatch) }
        if !problems.isEmpty {
            brokenCount += 1
            if firstBroken == nil { firstBroken = BrokenEvent(seq: event.seq, dossierID: event.dossierID, problems: problems) }
        }
        previousHash = event.hash
        expectedSeq = event.seq + 1
        count += 1
        lastSeq = event.seq
    }

    /// How many events were checked.
    package var eventCount: Int64 { count }

    /// The report on every event checked so far.
    package var report: VerifyReport {
        VerifyReport(eventCount: count, headSeq: lastSeq, headHash: lastSeq == nil ? nil : previousHash,
                     firstBroken: firstBroken, brokenCount: brokenCount)
    }
}

/// The replay behind `rebuild`: every event in chain order builds the dossiers it is about,
/// each with the number of its newest creation or transition (the projection's `last_seq`;
/// records change no state and do not count).
package struct EventReplay {
    /// The log, named in errors.
    private let location: String?
    /// Events replayed.
    package private(set) var eventCount: Int64 = 0
    /// Every dossier built so far, with its `last_seq`.
    package private(set) var dossiers: [String: (dossier: Dossier, lastSeq: Int64)] = [:]

    package init(location: String?) {
        self.location = location
    }

    /// Replays the next event.
    /// - Throws: `StoreError.corruptEvent` when the event does not fit (see `StoredEvent.applied(to:)`).
    package mutating func apply(_ event: StoredEvent) throws(StoreError) {
        eventCount += 1
        if event.kind == .record {
            // A record changes no state; one about a dossier must follow its creation.
            if !event.isAboutOtherSubject, dossiers[event.dossierID] == nil {
                throw StoreError.corruptEvent(path: location, seq: event.seq,
                                              detail: "a record about dossier \(event.dossierID) comes before its creation")
            }
            return
        }
        do {
            let next = try event.applied(to: dossiers[event.dossierID]?.dossier)
            dossiers[event.dossierID] = (next, event.seq)
        } catch {
            if case .corruptEvent(_, let seq, let detail) = error {
                throw StoreError.corruptEvent(path: location, seq: seq, detail: detail)
            }
            throw error
        }
    }

    /// Throws `StoreError.corruptProjection` when `row` is not what `events` (the dossier's
    /// events, oldest first) build: a projection edited behind the program.
    /// (`includingLastSeq: false` compares a row rebuilt from a `Dossier`, which does not carry it.)
    package static func checkProjection(_ row: ProjectionRow, events: [StoredEvent], location: String,
                                        includingLastSeq: Bool = true) throws(StoreError) {
        var replay = EventReplay(location: location)
        for event in events { try replay.apply(event) }
        guard let built = replay.projection()[row.id] else {
            throw StoreError.corruptProjection(path: location, id: row.id, detail: "no event creates this dossier; run `khenthuong rebuild`")
        }
        let differing = built.differingColumns(from: row, includingLastSeq: includingLastSeq)
        guard differing.isEmpty else {
            throw StoreError.corruptProjection(path: location, id: row.id,
                                               detail: "it differs from its events in \(differing.joined(separator: ", ")); run `khenthuong verify`, then `khenthuong rebuild`")
        }
    }

    /// The projection rows the replay builds, by dossier id.
    package func projection() -> [String: ProjectionRow] {
        dossiers.mapValues { ProjectionRow($0.dossier, lastSeq: $0.lastSeq) }
    }

    /// Every dossier whose stored projection row (`stored`, by id) is not the one the replay
    /// built (`replayed`, from `projection()`), sorted by id.
    package static func differences(_ replayed: [String: ProjectionRow], from stored: [String: ProjectionRow]) -> [ProjectionDifference] {
        var differences: [ProjectionDifference] = []
        for id in Set(replayed.keys).union(stored.keys).sorted() {
            switch (replayed[id], stored[id]) {
            case (let r?, let s?):
                let fields = r.differingColumns(from: s)
                if !fields.isEmpty { differences.append(.init(dossierID: id, kind: .fieldsDiffer(fields))) }
            case (_?, nil): differences.append(.init(dossierID: id, kind: .missingFromProjection))
            case (nil, _?): differences.append(.init(dossierID: id, kind: .notInEvents))
            case (nil, nil): break
            }
        }
        return differences
    }
}
