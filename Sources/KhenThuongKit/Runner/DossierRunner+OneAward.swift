import Foundation
import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore

/// One achievement, one award (Luật Thi đua, khen thưởng 06/2022/QH15, Điều 5 khoản 2: one
/// achievement is rewarded once; an initiative that served one award serves no other), enforced
/// across the store.
///
/// Every check reads the projection through the `(nominee_id, award, year)` index
/// (`DossierFilter.nominee`), so it costs a few rows however many dossiers the store holds.
/// Which dossiers are over is read from the workflow's state tags, never from a state id: a
/// dossier in a `closed` state (withdrawn, not approved) or a `revocation` state counts for
/// nothing; one in an `awarded` state holds the award; any other one past its workflow's
/// initial state is pending.
extension DossierRunner {
    /// The earlier dossier `new` would duplicate: same nominee, award, year and proposing unit,
    /// not closed (withdrawn or not approved). `nil` when there is none.
    public func duplicate(of new: NewDossier, in log: (any EventLog)? = nil) throws -> Dossier? {
        try (log ?? store).dossiers(matching: DossierFilter(award: new.awardID, year: new.year, nominee: new.nominee.id))
            .first { $0.proposerUnit == new.proposerUnit && !definitions.state(of: $0, isTagged: .closed) }
    }

    /// Refuses a second dossier for the same nominee, award, year and proposer.
    func refuseDuplicate(of new: NewDossier, in log: any EventLog) throws {
        guard let earlier = try duplicate(of: new, in: log) else { return }
        throw RunnerError.oneAward(Self.duplicateText(new, earlier: earlier, label: stateLabel(of: earlier), award: awardName(new.awardID),
                                                      unit: unitName(new.proposerUnit, in: log)))
    }

    /// - Parameter unit: the proposing unit as a person reads it (`unitName`).
    static func duplicateText(_ new: NewDossier, earlier: Dossier, label: LocalizedText, award: LocalizedText, unit: String) -> LocalizedText {
        .init(vi: "đã có hồ sơ \(earlier.id) (\(label.vi)) của \(unit) đề nghị \(award.vi) năm \(new.year) cho \(earlier.nominee.name) (\(new.nominee.id)); không lập trùng — chỉ lập lại khi hồ sơ trước đã rút hoặc không được phê duyệt",
              en: "dossier \(earlier.id) (\(label.en)) of \(unit) already proposes \(award.en) \(new.year) for \(earlier.nominee.name) (\(new.nominee.id)); no duplicate is opened — open another only once the earlier one is withdrawn or not approved")
    }

    /// A unit as a person reads it (`Directory.label`), with the name in the store's directory;
    /// the code alone when the directory cannot be read (the name only adorns a message).
    func unitName(_ code: String, in log: any EventLog) -> String {
        (try? Directory.load(from: log))?.label(code) ?? code
    }

    /// The catalogue's name of an award, what a person reads; the id when the catalogue lacks it.
    func awardName(_ id: String) -> LocalizedText {
        definitions.awards.award(id)?.name ?? .init(vi: id, en: id)
    }

    func stateLabel(of dossier: Dossier) -> LocalizedText {
        definitions.workflows[dossier.workflowID]?.definition.state(dossier.state)?.label ?? .init(vi: dossier.state, en: dossier.state)
    }

    /// Whether `transition` submits `dossier`: it leaves the workflow's initial state for a state
    /// that is not final (withdrawing a draft is not a submission).
    func isSubmission(_ transition: Transition, of dossier: Dossier) throws -> Bool {
        let workflow = try self.workflow(of: dossier)
        guard transition.from == workflow.initialState else { return false }
        return workflow.definition.state(transition.to)?.kind != .final
    }

    /// On submission: refuses when the nominee already holds the award for the year (a dossier
    /// in an `awarded` state) or has it pending in another dossier, and when an initiative the
    /// rules count for this dossier is counted by another of the nominee's dossiers that holds
    /// or awaits an award. Names the other dossier.
    func checkOneAward(_ dossier: Dossier, facts: NomineeFacts?, asOf: CivilDate, in log: any EventLog) throws {
        let others = try log.dossiers(matching: DossierFilter(nominee: dossier.nominee.id))
            .filter { $0.id != dossier.id && counts($0) }
        let name = "\(dossier.nominee.name) (\(dossier.nominee.id))"
        let award = awardName(dossier.awardID)
        if let past = try log.records(PastAward.self, subject: .history(dossier.nominee.id))
            .first(where: { $0.award == dossier.awardID && $0.year == dossier.year }) {
            throw RunnerError.oneAward(.init(
                vi: "\(name) đã được khen \(award.vi) năm \(dossier.year) theo quyết định \(past.decisionNumber) ngày \(past.decisionDate.vietnamese) (\(past.level), đã nhập vào lịch sử); không nộp hồ sơ \(dossier.id) (Luật 06/2022/QH15, Điều 5 khoản 2)",
                en: "\(name) already holds \(award.en) \(dossier.year) by decision \(past.decisionNumber) of \(past.decisionDate) (\(past.level), imported into the history); dossier \(dossier.id) is not submitted (Luật 06/2022/QH15, Article 5(2))"))
        }
        for other in others where other.awardID == dossier.awardID && other.year == dossier.year {
            let label = stateLabel(of: other)
            if definitions.state(of: other, isTagged: .awarded) {
                throw RunnerError.oneAward(.init(
                    vi: "\(name) đã được khen \(award.vi) năm \(dossier.year) theo hồ sơ \(other.id) (\(label.vi)); không nộp hồ sơ \(dossier.id) (Luật 06/2022/QH15, Điều 5 khoản 2)",
                    en: "\(name) already holds \(award.en) \(dossier.year) through dossier \(other.id) (\(label.en)); dossier \(dossier.id) is not submitted (Luật 06/2022/QH15, Article 5(2))"))
            }
            throw RunnerError.oneAward(.init(
                vi: "\(name) đang được đề nghị \(award.vi) năm \(dossier.year) ở hồ sơ \(other.id) (\(label.vi)); không nộp hồ sơ \(dossier.id) — rút một trong hai hồ sơ",
                en: "\(name) is already proposed for \(award.en) \(dossier.year) in dossier \(other.id) (\(label.en)); dossier \(dossier.id) is not submitted — withdraw one of the two"))
        }
        guard let facts, let rules = eligibility?.rules else { return }
        let mine = Set(rules.evaluate(facts, award: dossier.awardID, year: dossier.year, asOf: asOf)?.initiativesCounted ?? [])
        guard !mine.isEmpty else { return }
        // The registry's record of the award an initiative served (`initiative use`, issue 14).
        for id in mine.sorted() {
            guard let x = try InitiativeRegistry.initiative(id, in: log), let use = x.use, use.by != dossier.id else { continue }
            let used = InitiativeRegistry.usedText(x, use, awardName: awardName)
            throw RunnerError.oneAward(.init(vi: "\(used.vi); không dùng lại cho \(award.vi) năm \(dossier.year) ở hồ sơ \(dossier.id) của \(name)",
                                             en: "\(used.en); it cannot serve \(award.en) \(dossier.year) in dossier \(dossier.id) of \(name)"))
        }
        for other in others {
            guard let (otherFacts, _) = try Self.latestFacts(in: log.events(dossierID: other.id), dossier: other.id) else { continue }
            let theirs = rules.evaluate(otherFacts, award: other.awardID, year: other.year, asOf: asOf)?.initiativesCounted ?? []
            guard let shared = theirs.first(where: mine.contains) else { continue }
            let label = stateLabel(of: other)
            throw RunnerError.oneAward(.init(
                vi: "sáng kiến “\(shared)” của \(name) đã được tính cho \(awardName(other.awardID).vi) năm \(other.year) ở hồ sơ \(other.id) (\(label.vi)); không dùng lại cho \(award.vi) năm \(dossier.year) ở hồ sơ \(dossier.id) (Luật 06/2022/QH15, Điều 5 khoản 2)",
                en: "initiative “\(shared)” of \(name) already counts for \(awardName(other.awardID).en) \(other.year) in dossier \(other.id) (\(label.en)); it cannot serve \(award.en) \(dossier.year) in dossier \(dossier.id) too (Luật 06/2022/QH15, Article 5(2))"))
        }
    }

    /// Whether another dossier holds or awaits an award: past its initial state, and neither
    /// closed nor revoked.
    private func counts(_ other: Dossier) -> Bool {
        guard let wf = definitions.workflows[other.workflowID], other.state != wf.initialState else { return false }
        return !definitions.state(of: other, isTagged: .closed) && !definitions.state(of: other, isTagged: .revocation)
    }
}
