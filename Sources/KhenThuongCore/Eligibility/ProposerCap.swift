/// A cap on how many nominees one proposer (an LĐLĐ tỉnh or CĐ ngành TW) may put forward for
/// an award in a round, applied after eligibility in a documented, reproducible order.
///
/// The one cap in force: thematic Bằng khen Tổng Liên đoàn, at most
/// `bktld.thematic.cap_per_proposer` (default 4) proposals per LĐLĐ tỉnh / CĐ ngành TW
/// (QĐ 1689/QĐ-TLĐ Điều 15). The proposer is the nominee's `proposer` (the unit when it is not
/// given). Per proposer, the eligible candidates are ranked by:
///
/// 1. benefit of the achievement year's initiatives (``Quota/benefit(of:for:year:)``), higher first;
/// 2. number of those initiatives, more first;
/// 3. hire date, earlier first (no hire date ranks last);
/// 4. id, ascending.
///
/// The first `limit` keep the award; the others become not eligible with a note saying why,
/// with the citation and the parameter, and what remains open to them.
public struct ProposerCap: Sendable {
    /// The award the cap limits.
    public var award: String
    /// The parameter holding the limit.
    public var parameter: String
    public var citation: LocalizedText
    /// What the award is called in the notes.
    public var name: LocalizedText
    /// What a cut nominee may still receive.
    public var lower: LocalizedText

    /// Thematic Bằng khen Tổng Liên đoàn (QĐ 1689/QĐ-TLĐ Điều 15).
    public static let thematicBKTLD = ProposerCap(
        award: "bang_khen_tong_lien_doan", parameter: "bktld.thematic.cap_per_proposer",
        citation: .init(vi: "QĐ 1689/QĐ-TLĐ, Điều 15", en: "QĐ 1689/QĐ-TLĐ, Article 15"),
        name: .init(vi: "Bằng khen Tổng Liên đoàn chuyên đề", en: "thematic VGCL certificates of merit"),
        lower: .init(vi: "vẫn có thể được xét Bằng khen của LĐLĐ tỉnh (thẩm quyền của đơn vị đề nghị)",
                     en: "may still be considered for the provincial federation's certificate of merit (within the proposer's own power)"))

    /// The caps that apply to a round deciding `awards`; only thematic rounds have caps.
    public static func applicable(to awards: [String], thematic: Bool) -> [ProposerCap] {
        thematic ? [thematicBKTLD].filter { awards.contains($0.award) } : []
    }

    /// The candidate an eligible nominee makes, grouped by proposer.
    public static func candidate(_ nominee: NomineeFacts, award: String, year: Int) -> QuotaCandidate {
        var count = 0
        var hired: CivilDate?
        if case .individual(let p) = nominee {
            count = p.initiatives.filter { $0.recognised.year == year && ($0.usedFor == nil || $0.usedFor == AwardUse(award: award, year: year)) }.count
            hired = p.hireDate
        }
        return QuotaCandidate(id: nominee.id, group: nominee.proposer, benefitVND: Quota.benefit(of: nominee, for: award, year: year),
                              initiatives: count, hireDate: hired)
    }

    /// The documented order: benefit, initiatives (both descending), hire date (earlier
    /// first, none last), id.
    public static func ranked(_ candidates: [QuotaCandidate]) -> [QuotaCandidate] {
        candidates.sorted { a, b in
            if a.benefitVND != b.benefitVND { return a.benefitVND > b.benefitVND }
            if a.initiatives != b.initiatives { return a.initiatives > b.initiatives }
            switch (a.hireDate, b.hireDate) {
            case let (x?, y?) where x != y: return x < y
            case (.some, nil): return true
            case (nil, .some): return false
            default: return a.id < b.id
            }
        }
    }

    /// Applies the cap: one decision per candidate, proposers in id order, ranked within each.
    public func decide(_ candidates: [QuotaCandidate], parameters: Parameters) -> [QuotaDecision] {
        let limit = Int(parameters.value(parameter) ?? 4)
        let byProposer = Dictionary(grouping: candidates, by: \.group)
        var out: [QuotaDecision] = []
        for proposer in byProposer.keys.sorted() {
            let all = byProposer[proposer]!
            for (i, c) in Self.ranked(all).enumerated() {
                let kept = i < limit
                out.append(QuotaDecision(id: c.id, group: proposer, kept: kept, rank: i + 1, limit: limit, note: kept ? nil : .init(
                    vi: "vượt số lượng \(name.vi) của \(proposer): tối đa \(limit) đề nghị mỗi LĐLĐ tỉnh / CĐ ngành TW (tham số \(parameter)), có \(all.count) người đủ điều kiện; xếp thứ \(i + 1) theo giá trị làm lợi, số sáng kiến, ngày tuyển dụng sớm hơn rồi mã; \(lower.vi) — \(citation.vi)",
                    en: "over the cap on \(name.en) of \(proposer): at most \(limit) proposals per provincial federation / central sector union (parameter \(parameter)), \(all.count) eligible; ranked \(i + 1) by benefit, number of initiatives, earlier hire date then id; \(lower.en) — \(citation.en)")))
            }
        }
        return out
    }
}
