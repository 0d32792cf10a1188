import Foundation
import KhenThuongCore

/// One target (chỉ tiêu) of a movement, as the plan words it and as the engine measures it.
///
/// The four measurable kinds are the ones the shipped plans use:
/// - `count`: “ít nhất 50 sáng kiến đăng ký … đến 31/5/2022” — the sum of the observed
///   numbers between `from` and the deadline;
/// - `share`: “trên 70% cá nhân đạt LĐTT” — achievers over population, in percent;
/// - `perUnit`: “mỗi CĐCS có ít nhất 02 sáng kiến được công nhận” — every registered unit;
/// - `unitShare`: “100% công đoàn các cấp xây dựng kế hoạch” — the percent of registered
///   units that did it.
/// `qualitative` keeps a target that has no number (it is shown, never measured).
public struct MovementTarget: Sendable, Equatable {
    /// How a target is measured.
    public enum Kind: String, Sendable, CaseIterable {
        /// A number of things by a date.
        case count
        /// A percentage of a population (members, collectives, families).
        case share
        /// A minimum for every registered unit.
        case perUnit
        /// A percentage of registered units that did something (100% for “all units”).
        case unitShare
        /// Words without a number: shown, not measured.
        case qualitative
    }

    /// How the value is compared with the goal: “ít nhất”, “đạt”, “trở lên” are `atLeast`
    /// (≥); “trên” is `greaterThan` (>), so “trên 70%” is not met by exactly 70%.
    public enum Comparison: String, Sendable, CaseIterable {
        /// ≥ (ít nhất, đạt, từ … trở lên).
        case atLeast
        /// > (trên).
        case greaterThan

        public func holds(_ value: Double, _ goal: Double) -> Bool {
            switch self {
            case .atLeast: value >= goal - 1e-9
            case .greaterThan: value > goal + 1e-9
            }
        }

        /// Whether `reached` of `total` (a share, in percent) meets `goal` percent, compared
        /// exactly: `reached × 100` against `goal × total` in integers, never a rounded or
        /// floating percentage (2 501 of 5 001 is “trên 50%”; 2 500 of 5 000 is not). The goal
        /// is taken to its written decimals (up to six). A `total` of 0 compares a 0 % share.
        public func holds(_ reached: Int, of total: Int, _ goal: Double) -> Bool {
            guard total > 0 else { return holds(0, goal) }
            let scale: Int64 = 1_000_000
            // A goal too large for the scale (an old record written before goals were bounded)
            // is out of reach, not a trap.
            guard let scaledGoal = Int64(exactly: (goal * Double(scale)).rounded()) else { return goal.isNaN ? false : goal < 0 }
            let left = Int64(reached).multipliedFullWidth(by: 100 * scale)
            let right = scaledGoal.multipliedFullWidth(by: Int64(total))
            let order = left.high != right.high ? (left.high < right.high ? -1 : 1)
                : (left.low != right.low ? (left.low < right.low ? -1 : 1) : 0)
            switch self {
            case .atLeast: return order >= 0
            case .greaterThan: return order > 0
            }
        }

        /// `≥` or `>`.
        public var symbol: String { self == .atLeast ? "≥" : ">" }

        /// The Vietnamese / English word the plans use.
        public var words: LocalizedText {
            self == .atLeast ? .init(vi: "ít nhất", en: "at least") : .init(vi: "trên", en: "more than")
        }
    }

    /// What the store counts for a `count` target, instead of typed figures (docs/movements-reports.md,
    /// “Counted from the store”): awards of these ids given (decided or imported), or initiatives
    /// recognised (from the facts recorded on dossiers).
    public enum Counts: Sendable, Equatable {
        case awards([String])
        case initiatives
    }

    public var id: String
    public var kind: Kind
    /// Counted from the store (`count` targets; `share` targets with awards: the achievers);
    /// `nil`: typed figures (`movement record`).
    public var counts: Counts?
    /// The plan's words.
    public var text: LocalizedText
    public var comparison: Comparison
    /// A number (count, perUnit) or a percentage (share, unitShare); `nil` only for qualitative.
    public var goal: Double?
    /// Start of the counting window; the movement's start when absent.
    public var from: CivilDate?
    /// The date by which the goal is due; the movement's end when absent.
    public var deadline: CivilDate?
    /// “Hàng năm”: measured each calendar year on that year's observations.
    public var yearly: Bool
    /// How the plan's words were read, when they allow more than one reading.
    public var note: LocalizedText?
    /// The section of the source document that states it (“II.2”).
    public var section: String?

    public init(id: String, kind: Kind, text: LocalizedText, comparison: Comparison = .atLeast, goal: Double?,
                from: CivilDate? = nil, deadline: CivilDate? = nil, yearly: Bool = false, note: LocalizedText? = nil,
                section: String? = nil, counts: Counts? = nil) {
        self.section = section
        self.counts = counts
        self.id = id
        self.kind = kind
        self.text = text
        self.comparison = comparison
        self.goal = goal
        self.from = from
        self.deadline = deadline
        self.yearly = yearly
        self.note = note
    }

    /// The largest goal a target may have (a count of a billion initiatives is already beyond any
    /// real plan); larger goals are refused when the target is written (docs/movements.md).
    public static let maxGoal = 1_000_000_000.0

    /// Whether the goal is a percentage.
    public var isPercent: Bool { kind == .share || kind == .unitShare }

    /// `> 70%`, `≥ 50`, `≥ 2 / đơn vị`.
    public func goalText(_ language: Language) -> String {
        guard let goal else { return "—" }
        let n = NumberText.decimal(goal, language)
        switch kind {
        case .share, .unitShare: return "\(comparison.symbol) \(n)%"
        case .perUnit: return "\(comparison.symbol) \(n) / \(language == .vi ? "đơn vị" : "unit")"
        case .count, .qualitative: return "\(comparison.symbol) \(n)"
        }
    }
}
