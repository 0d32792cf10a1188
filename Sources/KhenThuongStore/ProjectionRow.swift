import Foundation
import KhenThuongCore

/// One row of the `dossiers` projection table, column by column as stored.
///
/// The store writes a dossier through this type and reads it back through it; `rebuild()`
/// compares rows column by column, so a difference is named by its column.
package struct ProjectionRow: Equatable {
    package var id: String
    package var workflow: String
    package var workflowVersion: String
    package var award: String
    package var year: Int
    package var nomineeID: String
    package var nomineeName: String
    package var nomineeKind: String
    package var proposerUnit: String
    package var addresseeUnit: String
    package var state: String
    package var previousState: String?
    package var enteredStateAt: String
    package var documents: String
    package var dueDate: String?
    package var createdAt: String
    package var eventCount: Int
    package var previousEnteredAt: String?
    /// The achievement period's first year and the proposal year, when they differ from `year`
    /// (schema version 4 on; `NULL` in every row of older stores, which had no such dossiers).
    package var periodFrom: Int?
    package var proposalYear: Int?
    package var lastSeq: Int64

    /// Column names in table order (the order of `values`).
    package static let columns = ["id", "workflow", "workflow_version", "award", "year", "nominee_id", "nominee_name",
                          "nominee_kind", "proposer_unit", "addressee_unit", "state", "previous_state",
                          "entered_state_at", "documents", "due_date", "created_at", "event_count", "previous_entered_at",
                          "period_from", "proposal_year", "last_seq"]

    static let select = "SELECT \(columns.joined(separator: ", ")) FROM dossiers"

    /// Insert or replace one dossier; `last_seq` is the dossier's newest creation or transition
    /// event. Records change no state and do not count, as in `EventReplay`: a record
    /// written before the projection is saved must not move it.
    static let upsert = """
        INSERT INTO dossiers (\(columns.joined(separator: ", ")))
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20,
                coalesce((SELECT seq FROM events WHERE dossier_id = ?1 AND kind <> 'record' ORDER BY seq DESC LIMIT 1), 0))
        ON CONFLICT (id) DO UPDATE SET
        \(columns.dropFirst().map { "\($0) = excluded.\($0)" }.joined(separator: ", "))
        """

    /// Insert or replace one dossier whose newest creation or transition event number is known
    /// (`?21`), as the batch writer and `rebuild()` know it: no look-up in `events`.
    static let upsertKnownSeq = """
        INSERT INTO dossiers (\(columns.joined(separator: ", ")))
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21)
        ON CONFLICT (id) DO UPDATE SET
        \(columns.dropFirst().map { "\($0) = excluded.\($0)" }.joined(separator: ", "))
        """

    /// The row for `dossier` (dates at millisecond precision); `lastSeq` is 0 when unknown
    /// (the upsert computes it from the events).
    package init(_ d: Dossier, lastSeq: Int64 = 0) {
        id = d.id
        workflow = d.workflowID
        workflowVersion = d.workflowVersion
        award = d.awardID
        year = d.year
        nomineeID = d.nominee.id
        nomineeName = d.nominee.name
        nomineeKind = d.nominee.kind.rawValue
        proposerUnit = d.proposerUnit
        addresseeUnit = d.addresseeUnit
        state = d.state
        previousState = d.previousState
        enteredStateAt = StoreTime.iso(d.enteredStateAt)
        var w = CanonicalJSONWriter(capacity: 64)
        w.strings(d.documents)
        documents = w.text
        dueDate = d.dueDate?.description
        createdAt = StoreTime.iso(d.createdAt)
        eventCount = d.eventCount
        previousEnteredAt = d.previousEnteredAt.map(StoreTime.iso)
        periodFrom = d.periodFrom
        proposalYear = d.proposalYear
        self.lastSeq = lastSeq
    }

    /// Reads the current row of a statement that selected `columns` in order.
    init(_ s: SQLiteStatement) {
        id = s.text(0); workflow = s.text(1); workflowVersion = s.text(2); award = s.text(3); year = s.int(4)
        nomineeID = s.text(5); nomineeName = s.text(6); nomineeKind = s.text(7)
        proposerUnit = s.text(8); addresseeUnit = s.text(9); state = s.text(10); previousState = s.optionalText(11)
        enteredStateAt = s.text(12); documents = s.text(13); dueDate = s.optionalText(14); createdAt = s.text(15)
        eventCount = s.int(16); previousEnteredAt = s.optionalText(17)
        periodFrom = s.isNull(18) ? nil : s.int(18); proposalYear = s.isNull(19) ? nil : s.int(19); lastSeq = s.int64(20)
    }

    /// Binds the first 20 columns (all but `last_seq`) to `upsert`.
    package func bind(to s: SQLiteStatement) {
        s.bind(1, id); s.bind(2, workflow); s.bind(3, workflowVersion); s.bind(4, award); s.bind(5, year)
        s.bind(6, nomineeID); s.bind(7, nomineeName); s.bind(8, nomineeKind); s.bind(9, proposerUnit)
        s.bind(10, addresseeUnit); s.bind(11, state); s.bind(12, previousState); s.bind(13, enteredStateAt)
        s.bind(14, documents); s.bind(15, dueDate); s.bind(16, createdAt); s.bind(17, eventCount)
        s.bind(18, previousEnteredAt); s.bind(19, periodFrom); s.bind(20, proposalYear)
    }

    /// The names of the columns whose values differ from `other`'s (`last_seq` only when
    /// `includingLastSeq`).
    package func differingColumns(from other: ProjectionRow, includingLastSeq: Bool = true) -> [String] {
        var out: [String] = []
        func check<T: Equatable>(_ name: String, _ a: T, _ b: T) { if a != b { out.append(name) } }
        func checkText(_ name: String, _ a: String?, _ b: String?) {
            // Byte comparison: Swift's `==` on strings ignores Unicode normalisation differences.
            switch (a, b) {
            case (nil, nil): break
            case let (a?, b?): if !a.utf8.elementsEqual(b.utf8) { out.append(name) }
            default: out.append(name)
            }
        }
        checkText("id", id, other.id); checkText("workflow", workflow, other.workflow)
        checkText("workflow_version", workflowVersion, other.workflowVersion); checkText("award", award, other.award)
        check("year", year, other.year); checkText("nominee_id", nomineeID, other.nomineeID)
        checkText("nominee_name", nomineeName, other.nomineeName); checkText("nominee_kind", nomineeKind, other.nomineeKind)
        checkText("proposer_unit", proposerUnit, other.proposerUnit)
        checkText("addressee_unit", addresseeUnit, other.addresseeUnit); checkText("state", state, other.state)
        checkText("previous_state", previousState, other.previousState)
        checkText("entered_state_at", enteredStateAt, other.enteredStateAt)
        checkText("documents", documents, other.documents); checkText("due_date", dueDate, other.dueDate)
        checkText("created_at", createdAt, other.createdAt); check("event_count", eventCount, other.eventCount)
        checkText("previous_entered_at", previousEnteredAt, other.previousEnteredAt)
        check("period_from", periodFrom, other.periodFrom); check("proposal_year", proposalYear, other.proposalYear)
        if includingLastSeq { check("last_seq", lastSeq, other.lastSeq) }
        return out
    }

    /// The dossier this row holds.
    /// - Throws: `EventPayload.Failure` naming the column that cannot be read.
    package func dossier() throws(EventPayload.Failure) -> Dossier {
        guard let kind = Nominee.Kind(rawValue: nomineeKind) else {
            throw .init(detail: "nominee_kind “\(nomineeKind)” is neither individual nor collective")
        }
        guard let created = StoreTime.parseDate(createdAt) else { throw .init(detail: "created_at “\(createdAt)” is not a date") }
        guard let entered = StoreTime.parseDate(enteredStateAt) else {
            throw .init(detail: "entered_state_at “\(enteredStateAt)” is not a date")
        }
        var previousEntered: Date?
        if let previousEnteredAt {
            guard let date = StoreTime.parseDate(previousEnteredAt) else {
                throw .init(detail: "previous_entered_at “\(previousEnteredAt)” is not a date")
            }
            previousEntered = date
        }
        var due: CivilDate?
        if let dueDate {
            guard let date = try? CivilDate(parsing: dueDate) else { throw .init(detail: "due_date “\(dueDate)” is not a date") }
            due = date
        }
        guard let docs = (try? JSONParser.parseVerbatim(documents))?.strings else {
            throw .init(detail: "documents is not a JSON array of strings")
        }
        var d = Dossier(id: id, workflowID: workflow, workflowVersion: workflowVersion, awardID: award, year: year,
                        nominee: Nominee(id: nomineeID, name: "", kind: kind), proposerUnit: proposerUnit,
                        addresseeUnit: addresseeUnit, initialState: state, dueDate: due, createdAt: created)
        d.nominee.name = nomineeName
        d.documents = docs
        d.previousState = previousState
        d.enteredStateAt = entered
        d.previousEnteredAt = previousEntered
        d.eventCount = eventCount
        d.periodFrom = periodFrom
        d.proposalYear = proposalYear
        return d
    }
}
