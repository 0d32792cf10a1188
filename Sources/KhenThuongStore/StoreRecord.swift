import Foundation
import KhenThuongCore

/// One kind of `record` event (see `StoredEvent.Kind.record`): a fact that changes no dossier's
/// state — a council, a decision, a comment, a movement's registration…
///
/// A conforming type is the whole contract of its kind, in one place: the name written in the
/// event's `event` column, the subject the record is about, and one payload codec (a JSON tree
/// written canonically, read back through `RecordReader`). Write one with
/// `StoreTransaction.append(_:actor:at:reason:)`, read them back with
/// `EventLog.records(_:subject:)`; a stored payload that does not decode is an error naming
/// the event and the kind, never skipped.
///
/// ```swift
/// struct Revocation: StoreRecord {
///     static let kind = "revocation"
///     var dossier: String, ground: String
///     var subject: RecordSubject { .dossier(dossier) }
///     var payload: JSONValue { .fields(["ground": .string(ground)]) }
///     init(payload r: RecordReader, event: StoredEvent) throws(RecordDecodingError) {
///         dossier = try r.subject.dossierID()
///         ground = try r.string("ground")
///     }
/// }
/// ```
package protocol StoreRecord {
    /// The record's name in the event's `event` column (`decision_issued`); never changes once
    /// records of the kind are stored.
    static var kind: String { get }
    /// What the record is about: a dossier, a council, a decision…
    var subject: RecordSubject { get }
    /// The payload, a JSON object; the store writes it canonically (keys sorted, no spaces).
    var payload: JSONValue { get }
    /// Reads a payload that `payload` wrote. `event` is the stored event (subject, actor, time).
    /// - Throws: `RecordDecodingError` naming the field that is missing or malformed.
    init(payload: RecordReader, event: StoredEvent) throws(RecordDecodingError)
}

extension StoreRecord {
    /// The payload as the store writes it: canonical JSON.
    package var canonicalPayload: String { CanonicalJSONWriter.text(payload) }
}

/// What a record is about, as written in the event's `dossier_id` column: a dossier's id, or
/// `kind:id` for anything else (`council:HĐTĐKT-TLĐ`). Dossier ids never contain `:`.
public enum RecordSubject: Hashable, Sendable, CustomStringConvertible {
    case dossier(String)
    /// `council:<council id>`
    case council(String)
    /// `decision:<decision number>`
    case decision(String)
    /// `package:<SHA-256 of the package file>`
    case package(String)
    /// `movement:<movement id>`
    case movement(String)
    /// `unit:<unit code>`: a unit of the directory (`unit:CDCS-DHBK`).
    case unit(String)
    /// `grant:<grant id>`: an administrator or a grant of the directory (`grant:secretariat@LDLD-HN/<key id>`).
    case grant(String)
    /// `envelope:<envelope id>`: an exchange envelope imported (`exchange import`).
    case envelope(String)
    /// `bloc:<bloc id>`: an emulation bloc (khối, cụm thi đua), its scores and its leader.
    case bloc(String)
    /// `history:<nominee id>`: a person's or collective's award history (past awards imported).
    case history(String)
    /// `person:<person id>`: a person of the registry.
    case person(String)
    /// `collective:<collective id>`: a collective of the registry (tổ công đoàn, phòng, đơn vị).
    case collective(String)
    /// `initiative:<initiative id>`: an initiative of the registry (sáng kiến).
    case initiative(String)

    /// The text of the `dossier_id` column.
    public var stored: String {
        switch self {
        case .dossier(let id): id
        case .council(let id): "council:" + id
        case .decision(let number): "decision:" + number
        case .package(let sha256): "package:" + sha256
        case .movement(let id): "movement:" + id
        case .unit(let code): "unit:" + code
        case .grant(let id): "grant:" + id
        case .envelope(let id): "envelope:" + id
        case .bloc(let id): "bloc:" + id
        case .history(let id): "history:" + id
        case .person(let id): "person:" + id
        case .collective(let id): "collective:" + id
        case .initiative(let id): "initiative:" + id
        }
    }

    public var description: String { stored }

    /// Reads a `dossier_id` column: no `:` is a dossier; else the prefix before the first `:`
    /// names the kind. `nil` for an unknown prefix.
    public init?(stored: String) {
        guard let colon = stored.firstIndex(of: ":") else {
            self = .dossier(stored)
            return
        }
        let id = String(stored[stored.index(after: colon)...])
        switch stored[..<colon] {
        case "council": self = .council(id)
        case "decision": self = .decision(id)
        case "package": self = .package(id)
        case "movement": self = .movement(id)
        case "unit": self = .unit(id)
        case "grant": self = .grant(id)
        case "envelope": self = .envelope(id)
        case "bloc": self = .bloc(id)
        case "history": self = .history(id)
        case "person": self = .person(id)
        case "collective": self = .collective(id)
        case "initiative": self = .initiative(id)
        default: return nil
        }
    }

    /// The dossier's id.
    /// - Throws: `RecordDecodingError` on the field `subject` when the subject is not a dossier.
    package func dossierID() throws(RecordDecodingError) -> String {
        guard case .dossier(let id) = self else { throw mismatch("a dossier") }
        return id
    }

    /// The movement's id.
    /// - Throws: `RecordDecodingError` on the field `subject` when the subject is not a movement.
    package func movementID() throws(RecordDecodingError) -> String {
        guard case .movement(let id) = self else { throw mismatch("movement:<id>") }
        return id
    }

    /// The unit's code.
    /// - Throws: `RecordDecodingError` on the field `subject` when the subject is not a unit.
    package func unitCode() throws(RecordDecodingError) -> String {
        guard case .unit(let code) = self else { throw mismatch("unit:<code>") }
        return code
    }

    /// The grant's id.
    /// - Throws: `RecordDecodingError` on the field `subject` when the subject is not a grant.
    package func grantID() throws(RecordDecodingError) -> String {
        guard case .grant(let id) = self else { throw mismatch("grant:<id>") }
        return id
    }

    /// The bloc's id.
    /// - Throws: `RecordDecodingError` on the field `subject` when the subject is not a bloc.
    package func blocID() throws(RecordDecodingError) -> String {
        guard case .bloc(let id) = self else { throw mismatch("bloc:<id>") }
        return id
    }

    /// The nominee's id.
    /// - Throws: `RecordDecodingError` on the field `subject` when the subject is not a history.
    package func historyID() throws(RecordDecodingError) -> String {
        guard case .history(let id) = self else { throw mismatch("history:<id>") }
        return id
    }

    /// The person's id.
    /// - Throws: `RecordDecodingError` on the field `subject` when the subject is not a person.
    package func personID() throws(RecordDecodingError) -> String {
        guard case .person(let id) = self else { throw mismatch("person:<id>") }
        return id
    }

    /// The collective's id.
    /// - Throws: `RecordDecodingError` on the field `subject` when the subject is not a collective.
    package func collectiveID() throws(RecordDecodingError) -> String {
        guard case .collective(let id) = self else { throw mismatch("collective:<id>") }
        return id
    }

    /// The initiative's id.
    /// - Throws: `RecordDecodingError` on the field `subject` when the subject is not an initiative.
    package func initiativeID() throws(RecordDecodingError) -> String {
        guard case .initiative(let id) = self else { throw mismatch("initiative:<id>") }
        return id
    }

    private func mismatch(_ expected: String) -> RecordDecodingError {
        RecordDecodingError(field: "subject", detail: "“\(stored)” is not \(expected)")
    }
}

/// Why a stored record's payload could not be read: the field (a path from the payload's root,
/// `recipients[0].dossier`; `$` for the whole payload) and what is wrong with it.
package struct RecordDecodingError: Error, Equatable {
    package var field: String
    package var detail: String

    package init(field: String, detail: String) {
        self.field = field
        self.detail = detail
    }
}

extension StoredEvent {
    /// The record this event holds, read as `R`.
    /// - Parameter path: the store file, for the error; `nil` when read outside a store.
    /// - Throws: `StoreError.corruptRecord` naming the event, the kind and the field when the
    ///   event is not an `R` record or its payload does not decode.
    package func record<R: StoreRecord>(_ type: R.Type, path: String? = nil) throws(StoreError) -> R {
        do throws(RecordDecodingError) {
            guard kind == .record, event == R.kind else {
                throw RecordDecodingError(field: "$", detail: "a \(kind.rawValue) “\(event)”, not a \(R.kind) record")
            }
            guard let subject = RecordSubject(stored: dossierID) else {
                throw RecordDecodingError(field: "subject", detail: "“\(dossierID)” is neither a dossier id nor kind:id of a known kind")
            }
            return try R(payload: try RecordReader(payload: payload, subject: subject), event: self)
        } catch {
            throw StoreError.corruptRecord(path: path, seq: seq, kind: R.kind, field: error.field, detail: error.detail)
        }
    }
}

extension StoreTransaction {
    /// Appends `record` (a fact that changes no state) after the chain's head.
    ///
    /// ```swift
    /// try tx.append(revocation, actor: signer, at: now, reason: "Gian lận hồ sơ")
    /// ```
    /// - Returns: the appended event.
    /// - Throws: `StoreError.unknownDossier` when the subject is a dossier the store lacks.
    @discardableResult
    package mutating func append(_ record: some StoreRecord, actor: Actor, at time: Date,
                                 reason: String? = nil) throws(StoreError) -> StoredEvent {
        let payload = record.payload
        // Every record type builds its payload as an object; writing it needs no parse to check.
        guard case .object = payload else { preconditionFailure("\(type(of: record).kind): a record's payload must be a JSON object") }
        return try appendCheckedRecord(subject: record.subject.stored, event: type(of: record).kind, actor: actor, at: time,
                                       reason: reason, payload: CanonicalJSONWriter.text(payload))
    }
}

extension EventLog {
    /// Every record of kind `R` (about `subject` when given), oldest first.
    /// - Throws: `StoreError.corruptRecord` naming the first event whose payload does not decode.
    package func records<R: StoreRecord>(_ type: R.Type, subject: RecordSubject? = nil) throws(StoreError) -> [R] {
        // (A closure, not a key path: a key path into a generic type is built again at every call.)
        try recordEvents(type, subject: subject).map { $0.record }
    }

    /// Every record of kind `R` (about `subject` when given), oldest first, with its event
    /// (number, actor, time).
    /// - Throws: `StoreError.corruptRecord` naming the first event whose payload does not decode.
    package func recordEvents<R: StoreRecord>(_ type: R.Type, subject: RecordSubject? = nil) throws(StoreError)
        -> [(event: StoredEvent, record: R)] {
        let events = try records(named: R.kind, subject: subject?.stored)
        var out: [(event: StoredEvent, record: R)] = []
        out.reserveCapacity(events.count)
        for e in events { out.append((e, try e.record(R.self, path: location))) }
        return out
    }
}
