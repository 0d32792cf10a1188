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
    /// Who opened it and when (from the event).
    public var openedBy: Actor?
    public var openedAt: Date?

    var payload: PayloadJSON {
        .object(["session": .string(id), "council": .string(councilID), "date": .string(date.description),
                 "present": .strings(present), "absent": .strings(absent), "agenda": .strings(agenda)])
    }

    init(id: String, councilID: String, date: CivilDate, present: [String], absent: [String], agenda: [String]) {
        self.id = id
        self.councilID = councilID
        self.date = date
        self.present = present
        self.absent = absent
        self.agenda = agenda
    }

    init?(_ event: StoredEvent) {
        guard let p = try? PayloadJSON.parse(event.payload), let id = p["session"]?.string, let council = p["council"]?.string,
              let dateText = p["date"]?.string, let date = try? CivilDate(parsing: dateText),
              let present = p["present"]?.strings, let absent = p["absent"]?.strings, let agenda = p["agenda"]?.strings else { return nil }
        self.init(id: id, councilID: council, date: date, present: present, absent: absent, agenda: agenda)
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

    var payload: PayloadJSON {
        .object([
            "session": .string(session), "council": .string(council), "outcome": .string(outcome),
            "recused": .strings(count.recused), "voters": .strings(count.voters), "writtenAbsent": .int(count.writtenAbsent),
            "members": .int(count.tally.members), "present": .int(count.tally.present), "yes": .int(count.tally.yes),
            "no": .int(count.tally.no), "invalid": .int(count.tally.invalid), "percent": .number(count.percent),
            "base": .string(count.base), "source": .string(count.source), "passed": .bool(count.passed),
        ])
    }

    init(session: String, council: String, dossier: String, count: BallotCount, outcome: String) {
        self.session = session
        self.council = council
        self.dossier = dossier
        self.count = count
        self.outcome = outcome
    }

    init?(_ event: StoredEvent) {
        guard let p = try? PayloadJSON.parse(event.payload), let s = p["session"]?.string, let c = p["council"]?.string,
              let outcome = p["outcome"]?.string, let recused = p["recused"]?.strings, let voters = p["voters"]?.strings,
              let written = p["writtenAbsent"]?.int, let m = p["members"]?.int, let pr = p["present"]?.int,
              let y = p["yes"]?.int, let n = p["no"]?.int, let i = p["invalid"]?.int, let pct = p["percent"]?.double,
              let base = p["base"]?.string else { return nil }
        self.init(session: s, council: c, dossier: event.dossierID,
                  count: BallotCount(recused: recused, voters: voters, writtenAbsent: written,
                                     tally: Tally(members: m, present: pr, yes: y, no: n, invalid: i),
                                     percent: pct, base: base, source: p["source"]?.string ?? ""),
                  outcome: outcome)
    }
}
