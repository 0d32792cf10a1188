import Foundation
import KhenThuongCore

/// An `events` row as text, before it is checked and turned into a `StoredEvent`.
struct StoredEventRow {
    var seq: Int64
    var dossierID: String
    var kind: String
    var event: String
    var fromState: String?
    var toState: String
    var role: String
    var unit: String
    var user: String
    var at: String
    var reason: String?
    var payload: String
    var prevHash: String
    var hash: String

    /// Reads the current row of a statement that selected `StoreSchema.eventColumns`.
    init(_ s: SQLiteStatement) {
        seq = s.int64(0); dossierID = s.text(1); kind = s.text(2); event = s.text(3); fromState = s.optionalText(4)
        toState = s.text(5); role = s.text(6); unit = s.text(7); user = s.text(8); at = s.text(9)
        reason = s.optionalText(10); payload = s.text(11); prevHash = s.text(12); hash = s.text(13)
    }

    /// The event, or `StoreError.corruptEvent` when the kind or the time cannot be read.
    func event(path: String?) throws(StoreError) -> StoredEvent {
        guard let k = StoredEvent.Kind(rawValue: kind) else {
            throw StoreError.corruptEvent(path: path, seq: seq, detail: "kind “\(kind)” is neither created nor transition")
        }
        guard let ms = StoreTime.parse(at) else {
            throw StoreError.corruptEvent(path: path, seq: seq, detail: "at “\(at)” is not a time written YYYY-MM-DDTHH:MM:SS.mmmZ")
        }
        return StoredEvent(seq: seq, dossierID: dossierID, kind: k, event: event, fromState: fromState, toState: toState,
                           actor: Actor(role: role, unit: unit, user: user), at: StoreTime.date(milliseconds: ms),
                           reason: reason, payload: payload, prevHash: prevHash, hash: hash)
    }
}
