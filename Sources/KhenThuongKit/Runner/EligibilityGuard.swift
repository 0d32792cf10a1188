import Foundation
import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore

/// Eligibility as a guard on workflow events (submission by default): the award's rule set
/// for the dossier's year, run on the nominee facts last recorded on the dossier.
///
/// It runs in the runner, around the pure machine: the machine checks roles, documents and
/// deadlines first; only an event the machine allows reaches the guard.
public struct EligibilityGuard: Sendable {
    public let rules: EligibilityRules
    public let policy: EligibilityGuardPolicy

    public init(rules: EligibilityRules, policy: EligibilityGuardPolicy) {
        self.rules = rules
        self.policy = policy
    }

    /// Whether `event` is guarded.
    public func guards(_ event: String) -> Bool { policy.events.contains(event) }

    /// Decides whether a guarded event on `dossier` may go ahead.
    /// - Parameters:
    ///   - facts: the facts last recorded on the dossier and the number of their record, if any.
    ///   - asOf: the day pending proceedings are checked on (the day of the event).
    ///   - override: the override asked for, if any.
    /// - Returns: what was found; `overridden` is true when the override let a block pass.
    /// - Throws: ``EligibilityRefusal`` when the event must not go ahead (nothing is written).
    public func check(_ dossier: Dossier, facts: (NomineeFacts, Int64)?, asOf: CivilDate,
                      override: EligibilityOverride?, by actor: Actor) throws(EligibilityRefusal) -> EligibilityCheck {
        if let override {
            guard let reason = override.reason?.trimmingCharacters(in: .whitespacesAndNewlines), !reason.isEmpty else {
                throw .overrideWithoutReason(dossier: dossier.id)
            }
            guard policy.overrideRoles.contains(actor.role) else {
                throw .overrideRoleNotAllowed(dossier: dossier.id, role: actor.role, allowed: policy.overrideRoles)
            }
        }
        var check = EligibilityCheck(award: dossier.awardID, year: dossier.year, asOf: asOf, finding: .noRuleSet, factsSeq: facts?.1)
        guard let set = rules[dossier.awardID] else {
            if override != nil { throw .overrideNotNeeded(dossier: dossier.id, check: check) }
            return check
        }
        guard let (nominee, _) = facts else {
            check.finding = .noFacts(ruleSetVersion: set.version)
            guard policy.requireFacts else {
                if override != nil { throw .overrideNotNeeded(dossier: dossier.id, check: check) }
                return check
            }
            guard override != nil else { throw .noFacts(dossier: dossier.id, awardName: set.awardName, award: set.award, year: dossier.year, policy: policy) }
            check.overridden = true
            return check
        }
        // The rules run on the achievement period the dossier was opened for (issue 17, item 5).
        let verdict = set.evaluate(nominee, period: dossier.achievementPeriod, asOf: asOf)
        check.finding = .verdict(verdict)
        if verdict.outcome == .eligible {
            if override != nil { throw .overrideNotNeeded(dossier: dossier.id, check: check) }
            return check
        }
        guard override != nil else {
            throw verdict.outcome == .deferred ? .deferred(dossier: dossier.id, verdict: verdict, policy: policy)
                                               : .ineligible(dossier: dossier.id, verdict: verdict, policy: policy)
        }
        check.overridden = true
        return check
    }
}

/// `--override-eligibility --reason TEXT`: pass a dossier the guard would stop, in writing.
public struct EligibilityOverride: Sendable, Hashable {
    public var reason: String?
    public init(reason: String?) { self.reason = reason }
}

/// What the guard found for one event, as recorded in `eligibility_verdict` (and in
/// `eligibility_override` when it was overridden; see `EligibilityVerdictRecord`).
public struct EligibilityCheck: Sendable, Hashable {
    public enum Finding: Sendable, Hashable {
        /// The award has no rule set: nothing was checked.
        case noRuleSet
        /// No facts were recorded on the dossier.
        case noFacts(ruleSetVersion: String)
        case verdict(EligibilityVerdict)
    }

    public var award: String
    public var year: Int
    public var asOf: CivilDate
    public var finding: Finding
    /// The number of the `nominee_facts` record the verdict was taken on.
    public var factsSeq: Int64?
    public var overridden = false

    /// `eligible`, `not-eligible`, `deferred`, `no-facts` or `no-rule-set`.
    public var outcome: String {
        switch finding {
        case .noRuleSet: "no-rule-set"
        case .noFacts: "no-facts"
        case .verdict(let v): v.outcome.rawValue
        }
    }

    public var verdict: EligibilityVerdict? {
        if case .verdict(let v) = finding { return v }
        return nil
    }

    /// One line for the person who fired the event (nil when the verdict was simply eligible).
    /// With `awards`, an award without a rule set is named by its label and its `basis` is cited.
    public func note(_ language: Language, awards: AwardCatalog? = nil) -> String? {
        let vi = language == .vi
        switch (finding, overridden) {
        case (.noRuleSet, _):
            let definition = awards?.award(award)
            let name = definition?.name[language] ?? award
            let basis = definition?.basis.map { vi ? " (căn cứ: \($0))" : " (basis: \($0))" } ?? ""
            return vi ? "Điều kiện: danh hiệu \(name) chưa có bộ quy tắc\(basis); chưa xét tự động, Ban thi đua thẩm định thủ công."
                      : "Eligibility: the award \(name) has no rule set\(basis); not checked automatically, the secretariat appraises it by hand."
        case (.noFacts, false):
            return vi ? "Điều kiện: chưa ghi dữ kiện người được đề nghị; chưa xét (guard.json cho phép nộp khi thiếu dữ kiện)."
                      : "Eligibility: no nominee facts recorded; not checked (guard.json allows submission without facts)."
        case (.noFacts, true):
            return vi ? "Điều kiện: chưa có dữ kiện; đã nộp theo quyết định vượt kiểm tra điều kiện (eligibility_override)."
                      : "Eligibility: no facts recorded; submitted under an eligibility override (eligibility_override)."
        case (.verdict(let v), true):
            return vi ? "Điều kiện: \(v.outcome == .deferred ? "tạm dừng xét" : "không đủ điều kiện") (\(v.failing.joined(separator: ", "))); đã nộp theo quyết định vượt kiểm tra điều kiện (eligibility_override)."
                      : "Eligibility: \(v.outcome == .deferred ? "deferred" : "not eligible") (\(v.failing.joined(separator: ", "))); submitted under an eligibility override (eligibility_override)."
        case (.verdict(let v), false):
            return vi ? "Điều kiện: đủ điều kiện [chế độ \(v.regime ?? "—"), quy tắc \(v.ruleSetVersion)]."
                      : "Eligibility: eligible [regime \(v.regime ?? "—"), rules \(v.ruleSetVersion)]."
        }
    }
}
