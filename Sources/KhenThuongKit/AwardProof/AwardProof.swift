import Foundation
import KhenThuongCore
import KhenThuongStore

/// The verification file of one published award (`verify/<decision>-<dossier>.json` on the
/// public site): what the award is (the decision, the vote counts, the facts it rested on),
/// the events of the store that say so, each with its RFC 9162 audit path, and the store's
/// signed checkpoint whose Merkle root the paths lead to. `khenthuong check-award` checks it
/// offline (`AwardProof+Check.swift`); `publish` writes it (`AwardProof+Build.swift`).
///
/// The file is JSON with sorted keys as `encoded()` writes it; a file in any other form
/// (a changed byte that still parses) is refused too.
public struct AwardProof: Codable, Sendable, Equatable {
    /// `khenthuong-award-proof/1`.
    public var format: String
    /// What the file claims.
    public var award: Claim
    /// The events the claim rests on: the decision, then the ballot count and the facts when recorded.
    public var events: [ProvenEvent]
    /// The store's signed checkpoint (`khenthuong-checkpoint/2`, with its Merkle root), as its text.
    public var checkpoint: String

    static let formatName = "khenthuong-award-proof/1"

    /// The award as the public reads it.
    public struct Claim: Codable, Sendable, Equatable {
        public var decision: String
        public var decisionDate: String
        public var authority: String
        public var level: String
        public var signer: String
        public var dossier: String
        public var recipient: String
        public var recipientKind: String
        public var unit: String
        public var award: String
        public var year: Int
        public var amountVND: Int
        /// The council's counts; `nil` when the dossier has no ballot count recorded.
        public var votes: Votes?
        /// The nominee's facts as recorded (`path = value`, sorted); `nil` when none were.
        public var facts: [String]?
    }

    /// A council's ballot count (never a member's choice).
    public struct Votes: Codable, Sendable, Equatable {
        public var members: Int
        public var present: Int
        public var yes: Int
        public var no: Int
        public var invalid: Int
        public var percent: Double
        public var base: String
        public var passed: Bool
        public var outcome: String
    }

    /// One stored event, every field its hash covers, and its audit path.
    public struct ProvenEvent: Codable, Sendable, Equatable {
        /// `decision`, `ballot` or `facts`.
        public var role: String
        public var seq: Int64
        public var subject: String
        public var kind: String
        public var event: String
        public var fromState: String?
        public var toState: String
        public var actorRole: String
        public var actorUnit: String
        public var actorUser: String
        public var at: String
        public var reason: String?
        public var payload: String
        public var prevHash: String
        public var hash: String
        /// The audit path from the event's leaf (number `seq − 1`) to the checkpoint's root,
        /// deepest first, in hex.
        public var auditPath: [String]
    }

    /// The file's bytes: pretty-printed JSON, keys sorted, slashes unescaped, a final newline.
    public func encoded() -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(self) else { return [] }
        return Array(data) + [0x0A]
    }

    /// The file name in the site's `verify/` folder, without extension.
    public static func fileStem(decision: String, dossier: String) -> String {
        Text.slug(decision) + "-" + Text.slug(dossier)
    }
}

extension AwardProof.ProvenEvent {
    init(role: String, event e: StoredEvent, path: [[UInt8]]) {
        self.init(role: role, seq: e.seq, subject: e.dossierID, kind: e.kind.rawValue, event: e.event, fromState: e.fromState,
                  toState: e.toState, actorRole: e.actor.role, actorUnit: e.actor.unit, actorUser: e.actor.user,
                  at: StoreTime.iso(e.at), reason: e.reason, payload: e.payload, prevHash: e.prevHash, hash: e.hash,
                  auditPath: path.map { MerkleHash.hex($0) })
    }

    /// The stored event these fields describe, `nil` when the kind or the time is not one a store writes.
    var storedEvent: StoredEvent? {
        guard let kind = StoredEvent.Kind(rawValue: kind), let time = StoreTime.parseDate(at) else { return nil }
        return StoredEvent(seq: seq, dossierID: subject, kind: kind, event: event, fromState: fromState, toState: toState,
                           actor: Actor(role: actorRole, unit: actorUnit, user: actorUser), at: time, reason: reason,
                           payload: payload, prevHash: prevHash, hash: hash)
    }
}
