import Foundation
import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore

/// A council session as recorded (`council_session_opened`, subject `council:<council id>`):
/// its number (số biên bản), date, who attended and the dossiers on its agenda.
public struct CouncilSession: Sendable, Equatable {
    /// The session's id, also the minutes' number, e.g. `01/BB-HĐTĐKT`.
    public var id: String
    public var councilID: String
    public var date: CivilDate
    public var present: [String]
    public var absent: [String]
    public var agenda: [String]
    /// Who keeps the minutes (thư ký), as printed: name and post; empty when none was named.
    public var secretary: String = ""
    /// The ban kiểm phiếu elected for this session, member ids, its head first.
    public var tellers: [String] = []
    /// Who opened it and when (from the event).
    public var openedBy: Actor?
    public var openedAt: Date?

    init(id: String, councilID: String, date: CivilDate, present: [String], absent: [String], agenda: [String]) {
        self.id = id
        self.councilID = councilID
        self.date = date
        self.present = present
        self.absent = absent
        self.agenda = agenda
    }

}

extension CouncilSession: StoreRecord {
    package static let kind = "council_session_opened"
    package var subject: RecordSubject { .council(councilID) }

    package var payload: JSONValue {
        var fields: [(String, JSONValue)] = [("session", .string(id)), ("council", .string(councilID)), ("date", .string(date.description)),
                                             ("present", .strings(present)), ("absent", .strings(absent)), ("agenda", .strings(agenda))]
        // Written only when set, so sessions recorded before they existed read back the same.
        if !secretary.isEmpty { fields.append(("secretary", .string(secretary))) }
        if !tellers.isEmpty { fields.append(("tellers", .strings(tellers))) }
        return .fields(fields)
    }

    /// Reads a `council_session_opened` payload; who opened the session and when come from the event.
    package init(payload p: RecordReader, event: StoredEvent) throws(RecordDecodingError) {
        self.init(id: try p.string("session"), councilID: try p.string("council"), date: try p.date("date"),
                  present: try p.strings("present"), absent: try p.strings("absent"), agenda: try p.strings("agenda"))
        secretary = try p.optionalString("secretary") ?? ""
        tellers = try p.optionalStrings("tellers") ?? []
        openedBy = event.actor
        openedAt = event.at
    }
}

/// One dossier's vote in a session as recorded (`ballot_count`, subject the dossier).
/// It holds who was recused and who voted, and the counts — never a member's choice.
public struct BallotRecord: Sendable, Equatable {
    public var session: String
    public var council: String
    public var dossier: String
    public var count: BallotCount
    /// The workflow event the vote fired: `approve`, `propose_upward` or `reject`.
    public var outcome: String

    init(session: String, council: String, dossier: String, count: BallotCount, outcome: String) {
        self.session = session
        self.council = council
        self.dossier = dossier
        self.count = count
        self.outcome = outcome
    }

}

extension BallotRecord: StoreRecord {
    package static let kind = "ballot_count"
    package var subject: RecordSubject { .dossier(dossier) }

    /// The counts, never a member's choice; `passed` is written for the auditor and recomputed
    /// from the counts when read.
    package var payload: JSONValue {
        .fields([
            "session": .string(session), "council": .string(council), "outcome": .string(outcome),
            "recused": .strings(count.recused), "voters": .strings(count.voters), "writtenAbsent": .int(count.writtenAbsent),
            "members": .int(count.tally.members), "present": .int(count.tally.present), "yes": .int(count.tally.yes),
            "no": .int(count.tally.no), "invalid": .int(count.tally.invalid), "percent": .number(count.percent),
            "base": .string(count.base), "source": .string(count.source), "passed": .bool(count.passed),
        ])
    }

    /// Reads a `ballot_count` payload; the dossier is the event's subject.
    package init(payload p: RecordReader, event: StoredEvent) throws(RecordDecodingError) {
        self.init(session: try p.string("session"), council: try p.string("council"), dossier: try p.subject.dossierID(),
                  count: BallotCount(recused: try p.strings("recused"), voters: try p.strings("voters"),
                                     writtenAbsent: try p.int("writtenAbsent"),
                                     tally: Tally(members: try p.int("members"), present: try p.int("present"), yes: try p.int("yes"),
                                                  no: try p.int("no"), invalid: try p.int("invalid")),
                                     percent: try p.number("percent"), base: try p.string("base"),
                                     source: try p.optionalString("source") ?? ""),
                  outcome: try p.string("outcome"))
    }
}
