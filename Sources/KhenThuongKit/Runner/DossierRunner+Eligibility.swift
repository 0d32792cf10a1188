import Foundation
import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore

/// What a fired event did: the dossier after it, the transition, and what the eligibility
/// guard found when it guards the event.
public struct ActOutcome: Sendable {
    public var dossier: Dossier
    public var transition: Transition
    public var eligibility: EligibilityCheck?
}

extension DossierRunner {
    /// The record the guard writes for a submission under a written override.
    public static let overrideRecord = EligibilityOverrideRecord.kind

    /// Records `facts` on dossier `id` as a `nominee_facts` record (a correction is a newer record).
    /// - Parameter source: where the facts came from (a file name), kept in the payload.
    /// - Throws: `RunnerError.facts` when the facts are about another nominee than the
    ///   dossier's, or their kind differs from the dossier's nominee,
    ///   `.creationRefused` when the actor's unit is neither the proposer nor the addressee or
    ///   the actor is the nominee; `RunnerError.unknownDossier`; `StoreError`.
    @discardableResult
    public func recordFacts(_ facts: NomineeFacts, on id: String, source: String, by actor: Actor, at time: Date) throws -> StoredEvent {
        try store.write { tx in try recordFacts(facts, on: id, source: source, by: actor, at: time, in: &tx) }
    }

    /// `recordFacts` inside a transaction that may hold other writes (`recordFacts(onEach:)`).
    func recordFacts(_ facts: NomineeFacts, on id: String, source: String, by actor: Actor, at time: Date,
                     in tx: inout StoreTransaction) throws -> StoredEvent {
        guard let dossier = try tx.dossier(id) else { throw RunnerError.unknownDossier(id) }
        guard actor.unit == dossier.proposerUnit || actor.unit == dossier.addresseeUnit else {
            throw RunnerError.creationRefused(.init(
                vi: "đơn vị \(actor.unit) không phải đơn vị đề nghị (\(dossier.proposerUnit)) hay cơ quan nhận (\(dossier.addresseeUnit)) của hồ sơ \(id); không được ghi dữ kiện",
                en: "unit \(actor.unit) is neither the proposer (\(dossier.proposerUnit)) nor the addressee (\(dossier.addresseeUnit)) of dossier \(id); it may not record facts"))
        }
        guard actor.user != dossier.nominee.id else {
            throw RunnerError.creationRefused(.init(vi: "người được đề nghị (\(actor.user)) không được tự ghi dữ kiện cho hồ sơ của mình",
                                                    en: "the nominee (\(actor.user)) may not record facts on their own dossier"))
        }
        guard facts.id == dossier.nominee.id else {
            throw RunnerError.facts(.init(vi: "hồ sơ \(id) đề nghị cho \(dossier.nominee.name) (\(dossier.nominee.id)), không ghi dữ kiện của người khác (\(facts.id)); bỏ --id hoặc chỉ đúng mã \(dossier.nominee.id)",
                                          en: "dossier \(id) nominates \(dossier.nominee.name) (\(dossier.nominee.id)); the facts of someone else (\(facts.id)) are not recorded on it; drop --id or give \(dossier.nominee.id)"))
        }
        guard facts.isCollective == (dossier.nominee.kind == .collective) else {
            let kind = dossier.nominee.kind == .collective ? ("tập thể", "a collective") : ("cá nhân", "an individual")
            throw RunnerError.facts(.init(vi: "hồ sơ \(id) đề nghị cho \(kind.0), nhưng dữ kiện \(facts.id) không phải \(kind.0); chọn đúng --id",
                                          en: "dossier \(id) is for \(kind.1), but the facts of \(facts.id) are not; pick the right --id"))
        }
        return try tx.append(NomineeFactsRecord(dossier: id, facts: facts, source: source), actor: actor, at: time)
    }

    /// The facts last recorded on dossier `id` and the number of their record, if any.
    public func latestFacts(_ id: String) throws -> (NomineeFacts, Int64)? {
        try Self.latestFacts(in: store.events(dossierID: id), dossier: id)
    }

    static func latestFacts(in events: [StoredEvent], dossier id: String) throws -> (NomineeFacts, Int64)? {
        guard let last = events.last(where: { $0.kind == .record && $0.event == NomineeFacts.recordName }) else { return nil }
        do throws(StoreError) {
            return (try last.record(NomineeFactsRecord.self).facts, last.seq)
        } catch {
            guard case .corruptRecord(_, _, _, let field, let detail) = error else { throw error }
            throw RunnerError.facts(.init(vi: "dữ kiện ghi ở sự kiện #\(last.seq) của hồ sơ \(id) không đọc được (\(field): \(detail)); ghi lại bằng `khenthuong dossier facts`",
                                          en: "the facts recorded in event #\(last.seq) of dossier \(id) cannot be read (\(field): \(detail)); record them again with `khenthuong dossier facts`"))
        }
    }

    /// Runs the guard for a guarded event and records its verdict (and override) in `tx`.
    func guardEligibility(_ dossier: Dossier, _ request: EventRequest, override: EligibilityOverride?, by actor: Actor,
                          at time: Date, _ tx: inout StoreTransaction) throws -> EligibilityCheck? {
        guard let g = eligibility, g.guards(request.event) else {
            if override != nil {
                throw RunnerError.creationRefused(.init(vi: "sự kiện \(request.event) không kiểm tra điều kiện; bỏ --override-eligibility",
                                                        en: "the event \(request.event) does not check eligibility; drop --override-eligibility"))
            }
            return nil
        }
        var facts = try guardFacts(dossier, in: tx.store)
        if let (f, seq) = facts { facts = (try withRecordedAwards(f, in: tx.store), seq) }
        let check: EligibilityCheck
        do throws(EligibilityRefusal) {
            check = try g.check(dossier, facts: facts, asOf: CivilDate(time), override: override, by: actor)
        } catch {
            throw RunnerError.ineligible(error)
        }
        let verdict = EligibilityVerdictRecord(dossier: dossier.id, check: check)
        try tx.append(verdict, actor: actor, at: time)
        if check.overridden {
            try tx.append(EligibilityOverrideRecord(verdict: verdict), actor: actor, at: time, reason: override?.reason?.nfc)
        }
        return check
    }
}
