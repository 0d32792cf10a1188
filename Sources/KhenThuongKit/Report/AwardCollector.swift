import Foundation
import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore

/// Gathers the awards given in a period from the store.
///
/// Sources, in this order:
/// 1. `decision_issued` records (subject `decision:<number>`): one entry per recipient, dated
///    by the decision's `date`; the level is the decision's `level` (else the award's).
/// 2. Dossiers in a state tagged `awarded` or `decision` (awarded, or approved and waiting for
///    the decision) that no decision names, dated by the day they entered that state, with the
///    award's form and level from `awards.json`.
/// 3. Past awards (`past_award` records, `history import`): decisions of earlier years and of
///    the levels above (UBND tỉnh, Thủ tướng, Chủ tịch nước), dated by their decision, at the
///    level the row names (``AwardVocabulary/levelKey(_:)``, else the award's), unless a decision
///    or dossier above already gives the same nominee that award for that year.
/// A dossier with a `revocation` record, or in a state tagged `revocation`, is marked revoked:
/// it is listed apart and never counted.
public enum AwardCollector {
    public static func collect(_ store: any EventLog, definitions: Definitions, from: CivilDate, to: CivilDate) throws(StoreError) -> [AwardEntry] {
        let awards = definitions.awards
        var revoked = Set(try store.records(Revocation.self).map(\.dossier))
        for d in try store.dossiers(tagged: .revocation, in: definitions) { revoked.insert(d.id) }
        var entries: [AwardEntry] = []
        var named: Set<String> = []
        for decision in try store.records(Decision.self) {
            for entry in decisionEntries(decision, awards: awards) {
                if let d = entry.dossier { named.insert(d) }
                guard entry.date >= from && entry.date <= to else { continue }
                var entry = entry
                entry.revoked = entry.dossier.map(revoked.contains) ?? false
                entries.append(entry)
            }
        }
        for tag in [StateTag.awarded, .decision] {
            for d in try store.dossiers(tagged: tag, in: definitions) where !named.contains(d.id) {
                let date = CivilDate(d.enteredStateAt)
                guard date >= from && date <= to else { continue }
                let a = awards.award(d.awardID)
                entries.append(AwardEntry(source: "dossier", dossier: d.id, nomineeID: d.nominee.id, nomineeName: d.nominee.name,
                                          subject: d.nominee.kind.rawValue, unit: d.proposerUnit, award: d.awardID,
                                          awardName: a?.name.vi ?? d.awardID, form: a?.form ?? AwardVocabulary.guessForm(d.awardID),
                                          level: a?.level ?? "khac", year: d.year, date: date, revoked: revoked.contains(d.id)))
            }
        }
        let given = Set(entries.map { "\($0.nomineeID)\u{1F}\($0.award)\u{1F}\($0.year)" })
        for past in try store.records(PastAward.self) where !given.contains("\(past.nominee.id)\u{1F}\(past.award)\u{1F}\(past.year)") {
            guard past.decisionDate >= from && past.decisionDate <= to else { continue }
            entries.append(pastEntry(past, awards: awards))
        }
        return entries.sorted { ($0.date, $0.source, $0.nomineeID) < ($1.date, $1.source, $1.nomineeID) }
    }

    /// The recipients of one decision (see docs/councils-decisions.md, “Decisions”).
    static func decisionEntries(_ d: Decision, awards: AwardCatalog) -> [AwardEntry] {
        d.recipients.map { r in
            let a = awards.award(r.award)
            return AwardEntry(source: d.subject.stored, dossier: r.dossier, nomineeID: r.nomineeID, nomineeName: r.nomineeName,
                              subject: r.nomineeKind.rawValue, unit: r.unit, award: r.award, awardName: a?.name.vi ?? r.award,
                              form: a?.form ?? AwardVocabulary.guessForm(r.award),
                              level: Self.level(d.level, award: a), year: r.year, date: d.date)
        }
    }

    /// An imported past award as the report counts it: at the level its row names when that is
    /// one the report knows (“UBND tỉnh”, “Thủ tướng”, `ubnd_tinh` …), else the award's own.
    static func pastEntry(_ p: PastAward, awards: AwardCatalog) -> AwardEntry {
        let a = awards.award(p.award)
        var e = AwardEntry(source: "past_award:\(p.decisionNumber)", dossier: nil, nomineeID: p.nominee.id, nomineeName: p.nominee.name,
                           subject: p.nominee.kind.rawValue, unit: "", award: p.award, awardName: a?.name.vi ?? p.award,
                           form: a?.form ?? AwardVocabulary.guessForm(p.award),
                           level: AwardVocabulary.levelKey(p.level) ?? a?.level ?? "khac", year: p.year, date: p.decisionDate)
        if let from = p.periodFrom?.year, from < p.year { e.firstYear = from }
        return e
    }

    /// A decision's `level` when it is one of the report's level keys; else (a unit code such as
    /// `LDLD-HN`) the award's own level from awards.json.
    static func level(_ decided: String?, award: AwardDefinition?) -> String {
        if let decided, AwardVocabulary.levelOrder.contains(decided) { return decided }
        return award?.level ?? "khac"
    }
}
