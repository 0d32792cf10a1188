/// The verdicts of a batch: every nominee against every requested award, quotas applied.
public struct EligibilityBatch: Sendable {
    /// Verdicts nominee by nominee (input order), award by award (request order).
    public var verdicts: [EligibilityVerdict]
    /// The quota decisions taken (empty when no quota applied).
    public var quota: [QuotaDecision]

    /// `N eligible, M not eligible, K deferred` per award, for summaries.
    public func counts(award: String) -> [EligibilityOutcome: Int] {
        var out: [EligibilityOutcome: Int] = [:]
        for v in verdicts where v.award == award { out[v.outcome, default: 0] += 1 }
        return out
    }
}

extension EligibilityRules {
    /// The verdict of `nominee` for `award` and achievement `year`, or `nil` when no rule set
    /// exists for `award`.
    public func evaluate(_ nominee: NomineeFacts, award: String, year: Int, asOf: CivilDate? = nil) -> EligibilityVerdict? {
        ruleSets[award]?.evaluate(nominee, year: year, asOf: asOf)
    }

    /// The verdict for an achievement period proposed in a possibly later year
    /// (``RuleSet/evaluate(_:period:asOf:explained:)``), or `nil` when no rule set exists.
    public func evaluate(_ nominee: NomineeFacts, award: String, period: AchievementPeriod, asOf: CivilDate? = nil) -> EligibilityVerdict? {
        ruleSets[award]?.evaluate(nominee, period: period, asOf: asOf)
    }

    /// Decides every nominee for every award of `awards` that has a rule set, then applies
    /// the CSTĐCS quota when both `lao_dong_tien_tien` and `chien_si_thi_dua_co_so` were
    /// decided and the year is a quota year (see ``Quota``), and, in a thematic round, the caps
    /// per proposer (see ``ProposerCap``).
    /// - Parameters:
    ///   - explained: `false` skips explanations (see ``RuleSet/evaluate(_:year:explained:)``).
    ///   - thematic: the round is thematic (chuyên đề): caps per proposer apply.
    public func batch(_ nominees: [NomineeFacts], awards: [String], year: Int, asOf: CivilDate? = nil,
                      explained: Bool = true, thematic: Bool = false) -> EligibilityBatch {
        let sets = awards.compactMap { ruleSets[$0] }
        var byAward: [String: [EligibilityVerdict]] = [:]
        for set in sets {
            byAward[set.award] = nominees.map { set.evaluate($0, year: year, asOf: asOf, explained: explained) }
        }
        var quota: [QuotaDecision] = []
        if var cstdcs = byAward["chien_si_thi_dua_co_so"], let ldtt = byAward["lao_dong_tien_tien"] {
            let facts = Dictionary(nominees.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            quota = Quota.applyCSTDCS(to: &cstdcs, ldtt: ldtt, nominees: facts, parameters: schema.parameters)
            byAward["chien_si_thi_dua_co_so"] = cstdcs
        }
        for cap in ProposerCap.applicable(to: sets.map(\.award), thematic: thematic) {
            guard var verdicts = byAward[cap.award] else { continue }
            let candidates = zip(nominees, verdicts).filter { $0.1.outcome == .eligible }.map { ProposerCap.candidate($0.0, award: cap.award, year: year) }
            let decisions = cap.decide(candidates, parameters: schema.parameters)
            Quota.cut(&verdicts, by: decisions)
            byAward[cap.award] = verdicts
            quota += decisions
        }
        var verdicts: [EligibilityVerdict] = []
        verdicts.reserveCapacity(nominees.count * sets.count)
        for i in nominees.indices {
            for set in sets { verdicts.append(byAward[set.award]![i]) }
        }
        return EligibilityBatch(verdicts: verdicts, quota: quota)
    }
}
