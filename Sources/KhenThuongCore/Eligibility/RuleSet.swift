/// Where a criterion comes from: document, article (Điều), clause (khoản), point (điểm).
public struct Citation: Sendable, Hashable, Codable {
    public var document: String
    public var article: Int?
    public var clause: Int?
    public var point: String?

    public init(document: String, article: Int? = nil, clause: Int? = nil, point: String? = nil) {
        self.document = document
        self.article = article
        self.clause = clause
        self.point = point
    }

    /// `TT 01/2024/TT-BNV, Điều 1 khoản 5 điểm d` / `TT 01/2024/TT-BNV, Article 1(5)(d)`.
    public func rendered(_ language: Language) -> String {
        guard let article else { return document }
        switch language {
        case .vi:
            var s = "\(document), Điều \(article)"
            if let clause { s += " khoản \(clause)" }
            if let point { s += " điểm \(point)" }
            return s
        case .en:
            var s = "\(document), Article \(article)"
            if let clause { s += "(\(clause))" }
            if let point { s += "(\(point))" }
            return s
        }
    }
}

/// An explanation template: literal text with `{expression}` holes filled with the actual
/// values (`"Thời gian công tác {months_worked} tháng"`).
public struct ExplainTemplate: Sendable {
    enum Piece: Sendable {
        case literal(String)
        case value(CompiledExpression)
    }
    let vi: [Piece]
    let en: [Piece]
}

/// One criterion of a regime.
public struct RuleCriterion: Sendable {
    /// A dotted id such as `ldtt.duty`, unique in its rule set.
    public var id: String
    public var text: LocalizedText
    public var citation: Citation
    public var confidence: Confidence
    /// The bool expression that must hold.
    public var expression: CompiledExpression
    /// When present and false, the criterion is not applicable to this nominee.
    public var appliesIf: CompiledExpression?
    public var explain: ExplainTemplate?
    /// Where the criterion is written.
    public var location: SourceLocation
}

/// The rules in force for a range of achievement years.
public struct RuleRegime: Sendable {
    public var id: String
    /// First achievement year (inclusive).
    public var from: Int
    /// Last achievement year (inclusive); `nil` when still in force.
    public var to: Int?
    /// The legal sources (document, e.g. "Luật Thi đua, khen thưởng 06/2022/QH15").
    public var sources: [String]
    public var criteria: [RuleCriterion]
    /// When it holds the nominee is deferred (tạm dừng xét), never rejected.
    public var deferIf: CompiledExpression?

    /// Whether the regime governs achievement `year`.
    public func covers(_ year: Int) -> Bool { year >= from && to.map { year <= $0 } ?? true }
}

/// The outcome a verdict or a case expects.
public enum EligibilityOutcome: String, Sendable, Hashable, Codable, CaseIterable {
    /// Every applicable criterion holds and nothing is pending.
    case eligible
    /// A criterion fails (or no regime covers the year).
    case notEligible = "not-eligible"
    /// A discipline review, inspection or complaint is pending: tạm dừng xét.
    case deferred
}

/// An example a rule file carries: facts, year, the verdict expected and the criteria that fail.
public struct RuleCase: Sendable {
    public var award: String
    public var name: String
    public var nominee: NomineeFacts
    public var year: Int
    public var expect: EligibilityOutcome
    /// The ids of the criteria expected to fail; `nil` when the case does not say.
    public var failing: [String]?
    public var file: String
    public var location: SourceLocation

    public init(award: String, name: String, nominee: NomineeFacts, year: Int, expect: EligibilityOutcome,
                failing: [String]?, file: String, location: SourceLocation) {
        self.award = award
        self.name = name
        self.nominee = nominee
        self.year = year
        self.expect = expect
        self.failing = failing
        self.file = file
        self.location = location
    }
}

/// The eligibility rules of one award, loaded from `workflows/rules/<award-id>.json` and
/// compiled against an ``EligibilitySchema``.
public struct RuleSet: Sendable {
    public var award: String
    /// The award's name from `awards.json` (when loaded with the catalog).
    public var awardName: LocalizedText?
    public var version: String
    /// The regimes, by `from` ascending.
    public var regimes: [RuleRegime]
    public var cases: [RuleCase]
    public var file: String
    public let schema: EligibilitySchema

    /// The regime governing achievement `year`.
    public func regime(for year: Int) -> RuleRegime? { regimes.first { $0.covers(year) } }
}
