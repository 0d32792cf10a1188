import Foundation
import KhenThuongCore

extension StoredEvent {
    /// Whether `id` names a subject other than a dossier: it has the form `kind:id`
    /// (`council:HĐTĐKT-TLĐ`, `movement:PT-2022-01`). Dossier ids never contain `:`.
    public static func isOtherSubject(_ id: String) -> Bool { id.contains(":") }

    /// Whether this record is about something other than a dossier (see `isOtherSubject(_:)`).
    public var isAboutOtherSubject: Bool { StoredEvent.isOtherSubject(dossierID) }

    /// The dossier a `created` event recorded (its payload).
    /// - Throws: `StoreError.corruptEvent` when this is not a creation or the payload cannot be read.
    public func createdDossier() throws(StoreError) -> Dossier {
        guard kind == .created else {
            throw StoreError.corruptEvent(path: nil, seq: seq, detail: "event \(seq) is a \(kind.rawValue), not a creation")
        }
        do {
            return try EventPayload.decodeDossier(payload)
        } catch {
            throw StoreError.corruptEvent(path: nil, seq: seq, detail: error.detail)
        }
    }

    /// The transition a `transition` event recorded, so that replaying it is
    /// `dossier.applying(try event.transition(), at: event.at)`.
    /// - Throws: `StoreError.corruptEvent` when this is a creation or the payload cannot be read.
    public func transition() throws(StoreError) -> Transition {
        guard kind == .transition, let fromState else {
            throw StoreError.corruptEvent(path: nil, seq: seq, detail: "event \(seq) is a \(kind.rawValue), not a transition")
        }
        do {
            return Transition(event: event, from: fromState, to: toState, effects: try EventPayload.decodeEffects(payload))
        } catch {
            throw StoreError.corruptEvent(path: nil, seq: seq, detail: error.detail)
        }
    }

    /// `dossier` after this event: the created dossier for a creation, the dossier unchanged for
    /// a record, else the dossier with the transition applied at `at`.
    /// - Throws: `StoreError.corruptEvent` when the event does not fit: a creation of a dossier
    ///   that exists, a transition of none, another dossier's event, or a `fromState` that is
    ///   not the dossier's state.
    public func applied(to dossier: Dossier?) throws(StoreError) -> Dossier {
        switch (kind, dossier) {
        case (.record, let current?):
            return current
        case (.record, nil):
            throw StoreError.corruptEvent(path: nil, seq: seq, detail: "a record about dossier \(dossierID) comes before its creation")
        case (.created, nil):
            let created = try createdDossier()
            guard created.id == dossierID else {
                throw StoreError.corruptEvent(path: nil, seq: seq, detail: "the payload creates dossier \(created.id), the event names \(dossierID)")
            }
            return created
        case (.created, let existing?):
            throw StoreError.corruptEvent(path: nil, seq: seq, detail: "dossier \(existing.id) is created a second time")
        case (.transition, nil):
            throw StoreError.corruptEvent(path: nil, seq: seq, detail: "dossier \(dossierID) changes state before it is created")
        case (.transition, let current?):
            guard current.id == dossierID else {
                throw StoreError.corruptEvent(path: nil, seq: seq, detail: "the event belongs to dossier \(dossierID), not \(current.id)")
            }
            let t = try transition()
            guard t.from == current.state else {
                throw StoreError.corruptEvent(path: nil, seq: seq,
                    detail: "the event starts from state \(t.from) but dossier \(dossierID) is in state \(current.state)")
            }
            return current.applying(t, at: at)
        }
    }
}

extension Dossier {
    /// The dossier its events build, replayed from its creation; `nil` when `events` is empty.
    ///
    /// ```swift
    /// let dossier = try Dossier(replaying: store.events(dossierID: "HS-2025-001"))
    /// ```
    /// - Throws: `StoreError.corruptEvent` when the events do not start with a creation or do not
    ///   follow each other.
    public init?(replaying events: [StoredEvent]) throws(StoreError) {
        let changes = events.filter { $0.kind != .record }
        guard let first = changes.first else { return nil }
        var dossier = try first.applied(to: nil)
        for event in changes.dropFirst() { dossier = try event.applied(to: dossier) }
        self = dossier
    }
}
