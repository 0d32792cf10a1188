import Foundation
import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore

/// One award in a nominee's history, as the store holds it.
public struct HistoryEntry: Sendable {
    public enum Source: Sendable {
        /// A dossier of this store in a state tagged `awarded` (its decision published).
        case decided(dossier: String, state: LocalizedText)
        /// A dossier whose award was revoked (a state tagged `revocation`): kept, not counted.
        case revoked(dossier: String, state: LocalizedText)
        /// A `past_award` record (`history import`), event number `seq`.
        case imported(seq: Int64, source: String)
    }

    public var award: ReceivedAward
    public var source: Source

    /// Whether eligibility counts it.
    public var counts: Bool {
        if case .revoked = source { return false }
        return true
    }
}

/// What `history import` did: rows recorded, rows the store already held (same values), and
/// rows whose values differ from what the store holds (reported, never overwritten).
public struct PastAwardImportOutcome: Sendable {
    public var recorded: [PastAwardImport.Row] = []
    public var alreadyRecorded: [(line: Int, why: LocalizedText)] = []
    public var conflicts: [(line: Int, why: LocalizedText)] = []
}

/// History from decisions (issue 14 item 2): the awards of a person or collective are the
/// dossiers of this store whose decision was published (a state tagged `awarded`) and the past
/// awards imported (`past_award` records, subject `history:<id>`). A revoked dossier (a state
/// tagged `revocation`) stays in the history and in the chain, but eligibility no longer counts
/// it. Both are read by the nominee's id: the `(nominee_id, award, year)` index of the
/// projection, and the events' `(dossier_id, seq)` index for the records.
extension DossierRunner {
    /// The awards eligibility counts for `nomineeID`: decided in this store, then imported ones
    /// for an award and year no decided dossier covers.
    public func recordedAwards(of nomineeID: String, in log: (any EventLog)? = nil) throws -> [ReceivedAward] {
        try history(of: nomineeID, in: log).filter(\.counts).map(\.award)
    }

    /// Every award in `nomineeID`'s history, revoked ones included: the decided dossiers (by
    /// id), then the imported awards (in the order recorded) for an award and year that no
    /// decided dossier covers.
    public func history(of nomineeID: String, in log: (any EventLog)? = nil) throws -> [HistoryEntry] {
        let log = log ?? store
        var out: [HistoryEntry] = []
        for d in try log.dossiers(matching: DossierFilter(nominee: nomineeID)) {
            let level = definitions.awards.award(d.awardID)?.level
            let award = ReceivedAward(award: d.awardID, year: d.year, level: level)
            if definitions.state(of: d, isTagged: .awarded) {
                out.append(HistoryEntry(award: award, source: .decided(dossier: d.id, state: stateLabel(of: d))))
            } else if definitions.state(of: d, isTagged: .revocation) {
                out.append(HistoryEntry(award: award, source: .revoked(dossier: d.id, state: stateLabel(of: d))))
            }
        }
        let decided = Set(out.filter(\.counts).map { "\($0.award.award)\u{1F}\($0.award.year)" })
        for (event, past) in try log.recordEvents(PastAward.self, subject: .history(nomineeID))
        where !decided.contains("\(past.award)\u{1F}\(past.year)") {
            out.append(HistoryEntry(award: past.received, source: .imported(seq: event.seq, source: past.source)))
        }
        return out
    }

    /// `facts` with the awards the store records for the nominee added (those the facts file
    /// already lists, same award and year, are kept as written): eligibility reads the store's
    /// history, and a facts file is one way to fill it, not the only one.
    func withRecordedAwards(_ facts: NomineeFacts, in log: any EventLog) throws -> NomineeFacts {
        let recorded = try recordedAwards(of: facts.id, in: log)
            .filter { r in !facts.awards.contains { $0.award == r.award && $0.year == r.year } }
        guard !recorded.isEmpty else { return facts }
        switch facts {
        case .individual(var p):
            p.awards += recorded
            return .individual(p)
        case .collective(var c):
            c.awards += recorded
            return .collective(c)
        }
    }

    /// Records `rows` as `past_award` records in one write. A row for an award and year the
    /// store already holds for the nominee — imported with the same values, or decided in this
    /// store — is skipped and said so; one whose values differ from an imported record is a
    /// conflict, reported and not written. The rest are recorded.
    /// - Throws: `RunnerError.creationRefused` (nothing written) when the actor records an
    ///   award for themselves; `StoreError`.
    public func importPastAwards(_ rows: [PastAwardImport.Row], by actor: Actor, at time: Date) throws -> PastAwardImportOutcome {
        // Past awards feed eligibility: only a receiving body's role (the secretariat that
        // appraises dossiers under some workflow) may record them, not a proposing union's officer.
        let receiving = Set(definitions.workflows.values.flatMap { $0.definition.roles.filter { $0.side == .addressee }.map(\.id) })
        guard receiving.contains(actor.role) else {
            let roles = receiving.sorted().joined(separator: ", ")
            throw RunnerError.creationRefused(.init(
                vi: "vai trò “\(actor.role)” không được nhập khen thưởng đã có; chỉ vai trò phía cơ quan nhận hồ sơ: \(roles)",
                en: "role “\(actor.role)” may not import past awards; only a receiving body's roles may: \(roles)"))
        }
        if let own = rows.first(where: { $0.award.nominee.id == actor.user }) {
            throw RunnerError.creationRefused(.init(
                vi: "dòng \(own.line): \(actor.user) không được tự ghi khen thưởng cho chính mình; để người khác nhập dòng này",
                en: "line \(own.line): \(actor.user) may not record an award for themselves; let someone else import this row"))
        }
        return try store.write { tx in
            var outcome = PastAwardImportOutcome()
            var held: [String: [(line: Int?, award: PastAward)]] = [:]
            for row in rows {
                let new = row.award, id = new.nominee.id
                if held[id] == nil { held[id] = try tx.store.records(PastAward.self, subject: .history(id)).map { (nil, $0) } }
                let what = "\(new.nominee.name) (\(id)) — \(new.award) \(new.year)"
                if let earlier = held[id]?.first(where: { $0.award.award == new.award && $0.award.year == new.year }) {
                    let differences = new.differences(from: earlier.award)
                    let whereVI = earlier.line.map { "dòng \($0) của tệp này" } ?? "kho"
                    let whereEN = earlier.line.map { "line \($0) of this file" } ?? "the store"
                    if differences.isEmpty {
                        outcome.alreadyRecorded.append((row.line, .init(vi: "\(what): đã có trong \(whereVI), không ghi lại",
                                                                       en: "\(what): already in \(whereEN), not recorded again")))
                    } else {
                        let vi = differences.map { "\($0.column) “\($0.recorded)” ≠ “\($0.given)”" }.joined(separator: ", ")
                        outcome.conflicts.append((row.line, .init(
                            vi: "\(what): khác với \(whereVI) (\(vi)); không ghi đè — sửa tệp, hoặc giữ bản đã có",
                            en: "\(what): differs from \(whereEN) (\(vi)); not overwritten — fix the file, or keep what is recorded")))
                    }
                    continue
                }
                if let decided = try tx.store.dossiers(matching: DossierFilter(award: new.award, year: new.year, nominee: id))
                    .first(where: { definitions.state(of: $0, isTagged: .awarded) }) {
                    outcome.alreadyRecorded.append((row.line, .init(
                        vi: "\(what): đã có trong kho theo hồ sơ \(decided.id) (\(stateLabel(of: decided).vi)), không ghi lại",
                        en: "\(what): already in the store through dossier \(decided.id) (\(stateLabel(of: decided).en)), not recorded again")))
                    continue
                }
                try tx.append(new, actor: actor, at: time)
                held[id, default: []].append((row.line, new))
                outcome.recorded.append(row)
            }
            return outcome
        }
    }
}
