/// How a quota's fractional limit is rounded (parameter `cstdcs.quota.rounding`).
public enum QuotaRounding: Int64, Sendable, Hashable, Codable {
    /// Down: 15 % of 47 = 7.05 → 7 (the default: no legal text says how to round, so it is a
    /// policy parameter).
    case floor = 0
    /// To the nearest, halves up: 15 % of 30 = 4.5 → 5.
    case nearest = 1
    /// Up: 15 % of 47 → 8.
    case ceiling = 2
}

/// One person competing for a limited number of places.
public struct QuotaCandidate: Sendable, Hashable {
    public var id: String
    /// The unit (CĐCS) whose quota applies, or the proposer whose cap applies.
    public var group: String
    /// The benefit of the year's initiatives (ranks candidates, higher first).
    public var benefitVND: Int64
    /// How many initiatives of the year count (ranks cap candidates after the benefit).
    public var initiatives: Int
    /// The date of recruitment (ranks cap candidates after the initiatives: earlier first).
    public var hireDate: CivilDate?

    public init(id: String, group: String, benefitVND: Int64 = 0, initiatives: Int = 0, hireDate: CivilDate? = nil) {
        self.id = id
        self.group = group
        self.benefitVND = benefitVND
        self.initiatives = initiatives
        self.hireDate = hireDate
    }
}

/// Whether a candidate keeps a place, where they ranked, and why when they do not.
public struct QuotaDecision: Sendable, Hashable, Codable {
    public var id: String
    public var group: String
    public var kept: Bool
    /// 1-based rank within the group.
    public var rank: Int
    /// The number of places of the group.
    public var limit: Int
    /// For a candidate who was cut: why, and what they keep.
    public var note: LocalizedText?
}

/// Quotas and caps, applied in a documented, reproducible order.
///
/// The CSTĐCS quota (NĐ 91/2017 k3 Điều 9, achievement years `cstdcs.quota.from`…`to`):
/// per unit, at most `cstdcs.quota.percent` % of the people who reached LĐTT in the unit,
/// rounded by `cstdcs.quota.rounding`. The unit's eligible candidates are ranked by benefit
/// descending, then person id ascending (the order the benchmark's W3 decision uses);
/// the first `limit` keep CSTĐCS, the others are cut, keep LĐTT and are told why.
public enum Quota {
    /// `percent` % of `base`, rounded.
    public static func limit(percent: Int64, of base: Int, rounding: QuotaRounding) -> Int {
        let scaled = percent * Int64(base)
        switch rounding {
        case .floor: return Int(scaled / 100)
        case .nearest: return Int((scaled + 50) / 100)
        case .ceiling: return Int((scaled + 99) / 100)
        }
    }

    /// The order candidates are ranked in: benefit descending, then id ascending.
    public static func ranked(_ candidates: [QuotaCandidate]) -> [QuotaCandidate] {
        candidates.sorted { $0.benefitVND != $1.benefitVND ? $0.benefitVND > $1.benefitVND : $0.id < $1.id }
    }

    /// Applies the CSTĐCS quota.
    /// - Parameters:
    ///   - candidates: the people eligible for CSTĐCS, `group` = their unit.
    ///   - ldttCount: how many people reached LĐTT, per unit.
    /// - Returns: one decision per candidate, units in id order, ranked within each.
    public static func cstdcs(_ candidates: [QuotaCandidate], ldttCount: [String: Int], parameters: Parameters) -> [QuotaDecision] {
        let percent = parameters.value("cstdcs.quota.percent") ?? 15
        let rounding = QuotaRounding(rawValue: parameters.value("cstdcs.quota.rounding") ?? 0) ?? .floor
        let byUnit = Dictionary(grouping: candidates, by: \.group)
        var out: [QuotaDecision] = []
        for unit in byUnit.keys.sorted() {
            let base = ldttCount[unit] ?? 0
            let places = limit(percent: percent, of: base, rounding: rounding)
            for (i, c) in ranked(byUnit[unit]!).enumerated() {
                let kept = i < places
                out.append(QuotaDecision(id: c.id, group: unit, kept: kept, rank: i + 1, limit: places, note: kept ? nil : .init(
                    vi: "vượt hạn mức CSTĐCS của đơn vị \(unit): \(places) suất (\(percent)% của \(base) người đạt LĐTT, tham số cstdcs.quota.percent); xếp thứ \(i + 1) theo giá trị làm lợi rồi mã người; vẫn giữ danh hiệu Lao động tiên tiến — NĐ 91/2017/NĐ-CP, Điều 9 khoản 3",
                    en: "over the CSTĐCS quota of unit \(unit): \(places) places (\(percent)% of \(base) LĐTT recipients, parameter cstdcs.quota.percent); ranked \(i + 1) by benefit then person id; keeps Lao động tiên tiến — NĐ 91/2017/NĐ-CP, Article 9(3)")))
            }
        }
        return out
    }

    /// Whether the CSTĐCS quota applies to achievement `year`.
    public static func cstdcsApplies(in year: Int, parameters: Parameters) -> Bool {
        let from = parameters.value("cstdcs.quota.from") ?? 2017, to = parameters.value("cstdcs.quota.to") ?? 2023
        return Int64(year) >= from && Int64(year) <= to
    }

    /// Applies the CSTĐCS quota to a year's verdicts: a CSTĐCS verdict that is cut becomes
    /// not eligible with the reason as a note. LĐTT verdicts are left as they are (the
    /// person keeps LĐTT). Does nothing outside the quota's years.
    /// - Returns: the decisions taken.
    @discardableResult
    public static func applyCSTDCS(to cstdcs: inout [EligibilityVerdict], ldtt: [EligibilityVerdict],
                                   nominees: [String: NomineeFacts], parameters: Parameters) -> [QuotaDecision] {
        guard let year = cstdcs.first?.year, cstdcsApplies(in: year, parameters: parameters) else { return [] }
        var ldttCount: [String: Int] = [:]
        for v in ldtt where v.outcome == .eligible { ldttCount[nominees[v.nominee]?.unit ?? "", default: 0] += 1 }
        let candidates = cstdcs.filter { $0.outcome == .eligible }.map { v -> QuotaCandidate in
            let facts = nominees[v.nominee]
            return QuotaCandidate(id: v.nominee, group: facts?.unit ?? "", benefitVND: facts.map { benefit(of: $0, for: v.award, year: year) } ?? 0)
        }
        let decisions = Quota.cstdcs(candidates, ldttCount: ldttCount, parameters: parameters)
        cut(&cstdcs, by: decisions)
        return decisions
    }

    /// The decisions that cut someone, by nominee id.
    public static func cuts(_ decisions: [QuotaDecision]) -> [String: QuotaDecision] {
        Dictionary(decisions.filter { !$0.kept }.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// Turns every verdict whose nominee was cut into not eligible, with the decision's note.
    public static func cut(_ verdicts: inout [EligibilityVerdict], by decisions: [QuotaDecision]) {
        let cut = cuts(decisions)
        for i in verdicts.indices {
            if let d = cut[verdicts[i].nominee], let note = d.note {
                verdicts[i].outcome = .notEligible
                verdicts[i].notes.append(note)
            }
        }
    }

    /// The benefit a CSTĐCS candidate is ranked by: the initiatives recognised in `year` that
    /// may count for `award` (unused, or used for this very award and year).
    public static func benefit(of nominee: NomineeFacts, for award: String, year: Int) -> Int64 {
        guard case .individual(let p) = nominee else { return 0 }
        return p.initiatives.filter { $0.recognised.year == year && ($0.usedFor == nil || $0.usedFor == AwardUse(award: award, year: year)) }
            .reduce(0) { $0 &+ $1.benefitVND }
    }
}
