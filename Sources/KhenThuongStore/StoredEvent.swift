import Foundation
import KhenThuongCore

/// One event of the store's hash chain: a dossier's creation, one of its transitions, or a record.
///
/// Events are numbered 1, 2, 3… with no gap, one chain per store. Each carries the hash of the
/// event before it (`prevHash`; 64 zeros for the first) and its own `hash`, computed from its
/// content and `prevHash` (see `computedHash()`), so changing, removing or reordering any
/// event breaks the chain from that event on.
public struct StoredEvent: Sendable, Equatable, Codable {
    /// What an event records.
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// A dossier was created; the payload is the whole dossier.
        case created
        /// A dossier changed state (or stayed, for a self-transition); the payload is the effects.
        case transition
        /// A fact that changes no dossier's state: an eligibility verdict or override, a
        /// council's attendance or ballot, a comment, a decision, a movement's registration.
        /// `dossierID` names its subject: a dossier's id, or `kind:id` for anything else
        /// (`council:HĐTĐKT-TLĐ`); `fromState` is `nil`; `toState` is the dossier's state at
        /// the time, or empty for other subjects; the payload is the fact as canonical JSON.
        case record
    }

    /// Position in the chain: 1, 2, 3…, contiguous.
    public var seq: Int64
    public var dossierID: String
    public var kind: Kind
    /// `create` for a creation, else the workflow event name (e.g. `submit`).
    public var event: String
    /// The state before the event; `nil` for a creation.
    public var fromState: String?
    public var toState: String
    public var actor: Actor
    /// When it happened, to the millisecond.
    public var at: Date
    /// The written reason, if one was given.
    public var reason: String?
    /// Canonical JSON: the dossier for `created`; for `transition` the effects, e.g.
    /// `{"attach":["cover_letter"],"deadline":"2025-12-15","tally":{"invalid":0,"members":9,"no":2,"present":9,"yes":7},"vote":{"base":"total","percent":50}}`
    /// (only the keys that apply; `{}` for none).
    public var payload: String
    /// The previous event's hash; 64 zeros (`StoredEvent.genesisHash`) for the first event.
    public var prevHash: String
    /// Lowercase hex SHA-256 of the event's canonical form (see `computedHash()`).
    public var hash: String

    /// The `prevHash` of the first event: 64 zeros.
    public static let genesisHash = String(repeating: "0", count: 64)

    /// The event name stored for a creation.
    public static let createEvent = "create"

    public init(seq: Int64, dossierID: String, kind: Kind, event: String, fromState: String?, toState: String,
                actor: Actor, at: Date, reason: String?, payload: String, prevHash: String, hash: String) {
        self.seq = seq
        self.dossierID = dossierID
        self.kind = kind
        self.event = event
        self.fromState = fromState
        self.toState = toState
        self.actor = actor
        self.at = at
        self.reason = reason
        self.payload = payload
        self.prevHash = prevHash
        self.hash = hash
    }

    /// `at` as the store writes it: `2025-12-01T08:30:00.000Z`.
    public var atText: String { StoreTime.iso(at) }

    /// The hash this event's content gives (compare with `hash` to check it).
    ///
    /// The formula, for auditors: take the JSON array
    ///
    ///     [seq, dossier_id, kind, event, from_state, to_state, actor_role, actor_unit,
    ///      actor_user, at, reason, payload, prev_hash]
    ///
    /// with `seq` a JSON integer, `from_state` and `reason` JSON `null` when absent, every
    /// other item a JSON string holding exactly the text of the `events` column of that name
    /// (`at` as `YYYY-MM-DDTHH:MM:SS.mmmZ`, `payload` as its JSON text), written with no spaces,
    /// UTF-8, escaping only `"`, `\` and U+0000–U+001F (`\b \f \n \r \t`, else `\u00xx`).
    /// `hash` is the lowercase hex SHA-256 of those bytes. In Python:
    ///
    ///     import hashlib, json, sqlite3
    ///     prev = "0" * 64
    ///     for row in sqlite3.connect("store.db").execute(
    ///             "SELECT seq, dossier_id, kind, event, from_state, to_state, actor_role, actor_unit,"
    ///             " actor_user, at, reason, payload, prev_hash, hash FROM events ORDER BY seq"):
    ///         text = json.dumps(list(row[:13]), ensure_ascii=False, separators=(",", ":"))
    ///         assert row[12] == prev and hashlib.sha256(text.encode()).hexdigest() == row[13], row[0]
    ///         prev = row[13]
    public func computedHash() -> String {
        EventHash.compute(seq: seq, dossierID: dossierID, kind: kind.rawValue, event: event, fromState: fromState,
                          toState: toState, actor: actor, at: atText, reason: reason, payload: payload, prevHash: prevHash)
    }
}
