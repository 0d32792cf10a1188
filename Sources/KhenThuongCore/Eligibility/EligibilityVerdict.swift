/// How one criterion came out for one nominee.
public enum CriterionStatus: String, Sendable, Hashable, Codable {
    case pass
    case fail
    /// Its `appliesIf` does not hold for this nominee.
    case notApplicable = "not-applicable"
}

/// One criterion's result, with the actual values and the clause it audits.
public struct CriterionResult: Sendable, Hashable, Codable {
    public var id: String
    public var text: LocalizedText
    public var status: CriterionStatus
    /// The explanation with the actual values filled in (from the rule's template, or from
    /// the comparisons that decided).
    public var explanation: LocalizedText
    /// The comparisons that were evaluated, with actual values (`months_worked >= 10: 5 >= 10`).
    public var values: [String]
    public var citation: Citation
    public var confidence: Confidence

    /// `✗ Thời gian công tác 5 tháng < 6 tháng — TT 01/2024/TT-BNV, Điều 1 khoản 5 điểm d`.
    public func rendered(_ language: Language) -> String {
        let mark = switch status {
        case .pass: "✓"
        case .fail: "✗"
        case .notApplicable: "–"
        }
        return "\(mark) \(explanation[language]) — \(citation.rendered(language))"
    }
}

/// The years a proposal is about: the achievement period (năm tính thành tích, `from…to`) and
/// the year it is proposed in, which may differ (a Bằng khen proposed in 2025 for 2020–2024).
///
/// Rule windows run on the achievement period: a verdict is decided for achievement year `to`
/// under the regime covering it. A dossier or record without a period is one year (`from` =
/// `to` = its year, proposed that year).
public struct AchievementPeriod: Sendable, Hashable, Codable {
    public var from: Int
    public var to: Int
    /// The year of the proposal (năm đề nghị).
    public var proposalYear: Int

    public init(from: Int, to: Int, proposalYear: Int? = nil) {
        self.from = min(from, to)
        self.to = max(from, to)
        self.proposalYear = proposalYear ?? max(from, to)
    }

    /// One achievement year, proposed that year.
    public init(year: Int) { self.init(from: year, to: year) }

    /// `2020–2024` or `2024`.
    public var rendered: String { from == to ? "\(to)" : "\(from)–\(to)" }

    /// Whether the period is one year, proposed that year (what a plain `--year` means).
    public var isPlainYear: Bool { from == to && proposalYear == to }

    /// A table cell: `2024`, `2020–2024`, or `2020–2024 (đề nghị 2025)` when proposed later.
    public func cell(_ language: Language) -> String {
        proposalYear == to ? rendered : rendered + (language == .vi ? " (đề nghị \(proposalYear))" : " (proposed \(proposalYear))")
    }

    /// Both years in words when they differ (“đề nghị năm 2025 cho thành tích giai đoạn
    /// 2020–2024”), else “năm 2024”.
    public func described(_ language: Language) -> String {
        switch (isPlainYear, language) {
        case (true, .vi): return "năm \(to)"
        case (true, .en): return "\(to)"
        case (false, .vi): return "đề nghị năm \(proposalYear) cho thành tích " + (from == to ? "năm \(to)" : "giai đoạn \(rendered)")
        case (false, .en): return "proposed in \(proposalYear) for achievements of " + rendered
        }
    }
}

/// Whether a nominee may receive an award for an achievement year, and why.
public struct EligibilityVerdict: Sendable, Hashable, Codable {
    public var award: String
    /// The award's name from `awards.json`, when the rules were loaded with the catalog.
    public var awardName: LocalizedText?
    public var nominee: String
    public var nomineeName: String
    public var year: Int
    /// The regime applied; `nil` when no regime covers the year.
    public var regime: String?
    public var ruleSetVersion: String
    public var outcome: EligibilityOutcome
    public var criteria: [CriterionResult]
    /// Why the verdict is deferred or what else the reader must know (initiatives already
    /// used, a quota cut, no regime), in both languages.
    public var notes: [LocalizedText]
    /// The initiatives the criteria counted (ids, sorted): when the award is granted, record
    /// their use with ``Individual/recordingUse(of:for:)`` so no other award counts them.
    public var initiativesCounted: [String] = []
    /// The first year of the achievement period when it is longer than `year` alone.
    public var periodFrom: Int?
    /// The proposal year when it differs from the achievement year `year`.
    public var proposalYear: Int?

    /// The achievement period and proposal year this verdict was decided for.
    public var period: AchievementPeriod { AchievementPeriod(from: periodFrom ?? year, to: year, proposalYear: proposalYear) }

    /// The ids of the criteria that failed.
    public var failing: [String] { criteria.filter { $0.status == .fail }.map(\.id) }

    /// A title line, one line per criterion and one per note.
    public func rendered(_ language: Language) -> String {
        let outcomeText: String = switch (outcome, language) {
        case (.eligible, .vi): "ĐỦ ĐIỀU KIỆN"
        case (.eligible, .en): "ELIGIBLE"
        case (.notEligible, .vi): "KHÔNG ĐỦ ĐIỀU KIỆN"
        case (.notEligible, .en): "NOT ELIGIBLE"
        case (.deferred, .vi): "TẠM DỪNG XÉT"
        case (.deferred, .en): "DEFERRED"
        }
        let award = awardName?[language] ?? self.award
        // Both years are named when the proposal year or the period differs from the achievement year.
        let when: String = switch (periodFrom == nil && proposalYear == nil, language) {
        case (true, .vi): "năm \(year)"
        case (true, .en): "\(year)"
        case (false, .vi): "— thành tích \(period.rendered), đề nghị năm \(period.proposalYear)"
        case (false, .en): "— achievements \(period.rendered), proposed in \(period.proposalYear)"
        }
        let head = language == .vi
            ? "\(nomineeName) (\(nominee)) — \(award) \(when): \(outcomeText) [chế độ \(regime ?? "—"), quy tắc \(ruleSetVersion)]"
            : "\(nomineeName) (\(nominee)) — \(award) \(when): \(outcomeText) [regime \(regime ?? "—"), rules \(ruleSetVersion)]"
        return ([head] + criteria.map { "  " + $0.rendered(language) } + notes.map { "  * " + $0[language] }).joined(separator: "\n")
    }
}
