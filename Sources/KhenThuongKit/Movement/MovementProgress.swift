import Foundation
import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore

/// Where a target stands on a day, with the numbers behind it.
public struct TargetProgress: Sendable, Equatable, Codable {
    /// The four verdicts, plus the two cases with nothing to judge.
    public enum Status: String, Sendable, Codable, CaseIterable {
        /// The comparison with the goal holds.
        case met
        /// The deadline has passed and the comparison does not hold.
        case notMet
        /// Not yet met, but at or above the linear pace to the deadline.
        case onTrack
        /// Not yet met and behind the linear pace, or the deadline is today.
        case atRisk
        /// Not yet met, and neither the target nor the movement has an end date to pace against.
        case open
        /// A share whose population is still zero: nothing observed.
        case noData
        /// A qualitative target: shown, not measured.
        case notMeasured

        public var text: LocalizedText {
            switch self {
            case .met: .init(vi: "đạt", en: "met")
            case .notMet: .init(vi: "không đạt", en: "not met")
            case .onTrack: .init(vi: "đúng tiến độ", en: "on track")
            case .atRisk: .init(vi: "có nguy cơ không đạt", en: "at risk")
            case .open: .init(vi: "chưa đạt (không có hạn)", en: "not yet met (no deadline)")
            case .noData: .init(vi: "chưa có số liệu", en: "no data")
            case .notMeasured: .init(vi: "không đo được", en: "not measured")
            }
        }
    }

    /// One unit's numbers, for per-unit, unit-share and share targets.
    public struct UnitLine: Sendable, Equatable, Codable {
        public var unit: String
        public var value: Int
        public var of: Int?
        public var met: Bool
    }

    public var target: String
    public var kind: String
    public var comparison: String
    public var goal: Double?
    /// The measured value: a count, or a percentage for share, unit-share and per-unit (units meeting).
    public var value: Double?
    /// Numerator and denominator behind a percentage (achievers / population, units meeting / units).
    public var numerator: Int
    public var denominator: Int?
    /// The counting window.
    public var start: CivilDate
    public var deadline: CivilDate
    /// What the linear pace asks for on `asOf` (the goal × elapsed days / all days).
    public var expected: Double?
    public var status: Status
    public var units: [UnitLine]
    /// Where the value came from, for a target that says what the store counts (`counts`):
    /// counted from the store, typed (`movement record`, nothing recorded), or neither. `nil`
    /// for every other target (its figures are typed).
    public var source: Source?

    public enum Source: String, Sendable, Codable {
        case counted, typed, nothing

        public var text: LocalizedText {
            switch self {
            case .counted: .init(vi: "đếm từ kho", en: "counted from the store")
            case .typed: .init(vi: "nhập tay (kho chưa ghi gì)", en: "typed (nothing recorded)")
            case .nothing: .init(vi: "kho chưa ghi gì, chưa nhập số liệu", en: "nothing recorded or typed")
            }
        }
    }
}

/// Judges a target on a day.
///
/// The window runs from the target's `from` (else the movement's start) to its deadline
/// (else the movement's end); a yearly target uses the part of that window in `asOf`'s year.
/// Observations dated outside the window or after `asOf` are ignored. Then:
/// 1. the comparison holds (≥ for “ít nhất”, > for “trên”) → **met**;
/// 2. no deadline and no movement end (“đến khi kiểm soát được dịch”) → **open**;
/// 3. `asOf` is after the deadline → **not met**;
/// 4. `asOf` is the deadline → **at risk** (one day left and not met);
/// 5. before: **on track** if value ≥ goal × elapsed ÷ total days (both counted inclusively
///    from the start), else **at risk**. For per-unit targets the value is the percentage of
///    units meeting their minimum and the pace asks for 100% × elapsed ÷ total.
public enum MovementProgress {
    public static func evaluate(_ t: MovementTarget, movement m: Movement, observations: [MovementObservation],
                                units registered: [String], asOf: CivilDate) -> TargetProgress {
        var start = t.from ?? m.period.from
        let openEnded = t.deadline == nil && m.period.to == nil && !t.yearly
        var deadline = t.deadline ?? m.period.to ?? asOf
        if t.yearly {
            let jan1 = (try? CivilDate(year: asOf.year, month: 1, day: 1)) ?? start
            let dec31 = (try? CivilDate(year: asOf.year, month: 12, day: 31)) ?? deadline
            start = max(start, jan1)
            deadline = t.deadline.map { min($0, dec31) } ?? min(m.period.to ?? dec31, dec31)
        }
        let end = min(asOf, deadline)
        let window = observations.filter { $0.date >= start && $0.date <= end }
        var p = TargetProgress(target: t.id, kind: t.kind.rawValue, comparison: t.comparison.rawValue, goal: t.goal,
                               value: nil, numerator: 0, denominator: nil, start: start, deadline: deadline,
                               expected: nil, status: .notMeasured, units: [])
        guard let goal = t.goal, t.kind != .qualitative else { return p }
        let unitNames = Array(Set(registered).union(window.map(\.unit))).sorted()
        var paceGoal = goal
        switch t.kind {
        case .count:
            p.numerator = Self.sum(window.map(\.value))
            p.value = Double(p.numerator)
        case .share:
            var latest: [String: MovementObservation] = [:]
            for o in window.sorted(by: { $0.date < $1.date }) { latest[o.unit] = o }   // stable: chain order within a day
            let lines = latest.keys.sorted().map { u in
                TargetProgress.UnitLine(unit: u, value: latest[u]!.value, of: latest[u]!.of ?? 0,
                                        met: t.comparison.holds(latest[u]!.value, of: latest[u]!.of ?? 0, goal))
            }
            p.units = lines
            p.numerator = Self.sum(lines.map(\.value))
            p.denominator = Self.sum(lines.map { $0.of ?? 0 })
            p.value = percent(p.numerator, p.denominator!)
        case .perUnit, .unitShare:
            let threshold = t.kind == .perUnit ? goal : 1
            p.units = unitNames.map { u in
                let sum = Self.sum(window.filter { $0.unit == u }.map(\.value))
                let met = t.kind == .perUnit ? t.comparison.holds(Double(sum), threshold) : sum >= 1
                return TargetProgress.UnitLine(unit: u, value: sum, of: nil, met: met)
            }
            p.numerator = p.units.filter(\.met).count
            p.denominator = p.units.count
            p.value = percent(p.numerator, p.units.count)
            if t.kind == .perUnit { paceGoal = 100 }
        case .qualitative:
            return p
        }
        guard let value = p.value else {
            p.status = asOf > deadline ? .notMet : .noData
            return p
        }
        let total = deadline.dayNumber - start.dayNumber + 1
        let elapsed = min(max(asOf.dayNumber - start.dayNumber + 1, 0), max(total, 0))
        p.expected = total > 0 ? paceGoal * Double(elapsed) / Double(total) : paceGoal
        let holds: Bool
        switch t.kind {
        case .perUnit: holds = !p.units.isEmpty && p.numerator == p.units.count
        // shares exactly, from the counts (never the rounded or floating percentage)
        case .share, .unitShare: holds = t.comparison.holds(p.numerator, of: p.denominator ?? 0, goal)
        default: holds = t.comparison.holds(value, goal)
        }
        if holds {
            p.status = .met
        } else if openEnded {
            p.status = .open
            p.expected = nil
        } else if asOf > deadline {
            p.status = .notMet
        } else if asOf == deadline {
            p.status = .atRisk
        } else {
            p.status = value >= (p.expected ?? 0) - 1e-9 ? .onTrack : .atRisk
        }
        return p
    }

    /// A total of stored figures that saturates at `Int.max` (and `Int.min`) instead of trapping:
    /// figures are bounded when recorded, but a store written before that may hold any `Int`.
    static func sum(_ values: [Int]) -> Int {
        values.reduce(0) { total, v in
            let (r, overflow) = total.addingReportingOverflow(v)
            return overflow ? (v > 0 ? Int.max : Int.min) : r
        }
    }

    static func percent(_ n: Int, _ d: Int) -> Double? {
        d > 0 ? Double(n) * 100 / Double(d) : nil
    }
}
