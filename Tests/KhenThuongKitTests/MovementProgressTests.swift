import Foundation
import Testing
@testable import KhenThuongCore
@testable import KhenThuongDefinitions
@testable import KhenThuongStore
@testable import KhenThuongKit
@testable import KhenThuongBench

/// Each target kind at its boundary: exactly the goal, one short, the deadline today,
/// “trên 70%” at exactly 70%, and the linear pace before the deadline.
@Suite struct MovementProgressTests {
    static let start = CivilDate(unchecked: 2022, 1, 1)
    static let deadline = CivilDate(unchecked: 2022, 1, 10)   // ten days, counted inclusively

    static func movement(_ t: MovementTarget) -> Movement {
        Movement(id: "M", name: .init(vi: "M", en: "M"), launchedBy: .init(vi: "B", en: "B"),
                 document: .init(number: "1/KH", date: start, place: nil), basis: [],
                 period: .init(from: start, to: deadline, note: nil), phases: [], themes: [], levels: [], targets: [t],
                 source: .init(file: "f", section: "s"))
    }

    static func evaluate(_ t: MovementTarget, _ obs: [MovementObservation], units: [String] = [], asOf: CivilDate) -> TargetProgress {
        MovementProgress.evaluate(t, movement: movement(t), observations: obs, units: units, asOf: asOf)
    }

    static let count = MovementTarget(id: "c", kind: .count, text: .init(vi: "ít nhất 50", en: "at least 50"), goal: 50)

    struct CountCase: Sendable, CustomTestStringConvertible {
        var total: Int; var asOf: CivilDate; var status: TargetProgress.Status
        var testDescription: String { "\(total) by \(asOf) → \(status)" }
    }

    @Test("A count target is judged by its goal, its deadline and the linear pace", arguments: [
        CountCase(total: 50, asOf: deadline.adding(days: 5), status: .met),        // exactly the goal, even late
        CountCase(total: 49, asOf: deadline.adding(days: 1), status: .notMet),     // one short after the deadline
        CountCase(total: 49, asOf: deadline, status: .atRisk),                     // one short, deadline today
        CountCase(total: 50, asOf: deadline, status: .met),                        // exactly on the deadline
        CountCase(total: 25, asOf: start.adding(days: 4), status: .onTrack),       // 5 of 10 days, pace asks 25
        CountCase(total: 24, asOf: start.adding(days: 4), status: .atRisk),        // one short of the pace
    ])
    func countBoundaries(_ c: CountCase) {
        let obs = [MovementObservation(target: "c", unit: "A", value: c.total - 10, date: Self.start),
                   MovementObservation(target: "c", unit: "B", value: 10, date: Self.start.adding(days: 1))]
        let p = Self.evaluate(Self.count, obs, asOf: c.asOf)
        #expect(p.status == c.status)
        #expect(p.value == Double(c.total))
    }

    @Test("Observations after the deadline or outside the window do not count")
    func windowed() {
        let obs = [MovementObservation(target: "c", unit: "A", value: 49, date: Self.start),
                   MovementObservation(target: "c", unit: "A", value: 5, date: Self.deadline.adding(days: 1)),
                   MovementObservation(target: "c", unit: "A", value: 5, date: Self.start.adding(days: -1))]
        let p = Self.evaluate(Self.count, obs, asOf: Self.deadline.adding(days: 3))
        #expect(p.numerator == 49)
        #expect(p.status == .notMet)
    }

    @Test("“trên 70%” is not met by exactly 70%, “ít nhất 70%” is", arguments: [
        (MovementTarget.Comparison.greaterThan, 70, TargetProgress.Status.notMet),
        (.greaterThan, 71, .met),
        (.atLeast, 70, .met),
        (.atLeast, 69, .notMet),
    ])
    func shareComparison(_ comparison: MovementTarget.Comparison, _ achievers: Int, _ status: TargetProgress.Status) {
        let t = MovementTarget(id: "s", kind: .share, text: .init(vi: "trên 70%", en: "> 70%"), comparison: comparison, goal: 70)
        let obs = [MovementObservation(target: "s", unit: "A", value: achievers - 20, of: 60, date: Self.start),
                   MovementObservation(target: "s", unit: "B", value: 20, of: 40, date: Self.start)]
        let p = Self.evaluate(t, obs, asOf: Self.deadline.adding(days: 1))
        #expect(p.value == Double(achievers))
        #expect((p.numerator, p.denominator) == (achievers, 100))
        #expect(p.status == status)
    }

    @Test("A share is compared exactly: 2 501 of 5 001 is “trên 50%”, 2 500 of 5 000 is not, but is “từ 50% trở lên”", arguments: [
        (MovementTarget.Comparison.greaterThan, 2501, 5001, TargetProgress.Status.met),
        (.greaterThan, 2500, 5000, .notMet),
        (.atLeast, 2500, 5000, .met),
        (.atLeast, 2499, 5000, .notMet),
        // 3 499 of 4 999 is 69.99…%: short of “ít nhất 70%”
        (.atLeast, 3499, 4999, .notMet),
    ])
    func exactShare(_ comparison: MovementTarget.Comparison, _ achievers: Int, _ population: Int, _ status: TargetProgress.Status) {
        let goal: Double = population == 4999 ? 70 : 50
        let t = MovementTarget(id: "s", kind: .share, text: .init(vi: "trên 50%", en: "> 50%"), comparison: comparison, goal: goal)
        let p = Self.evaluate(t, [MovementObservation(target: "s", unit: "A", value: achievers, of: population, date: Self.start)],
                              asOf: Self.deadline.adding(days: 1))
        #expect(p.status == status)
        #expect(p.units.map(\.met) == [status == .met])
    }

    @Test("Comparison.holds(_:of:_:) keeps the written decimals of the goal")
    func exactDecimalGoal() {
        #expect(MovementTarget.Comparison.atLeast.holds(6667, of: 10000, 66.67))
        #expect(!MovementTarget.Comparison.greaterThan.holds(6667, of: 10000, 66.67))
        #expect(!MovementTarget.Comparison.atLeast.holds(6666, of: 10000, 66.67))
        #expect(MovementTarget.Comparison.atLeast.holds(0, of: 0, 0))
    }

    @Test("“trên 70%” at exactly 70% on the deadline day is at risk, not met")
    func shareDeadlineToday() {
        let t = MovementTarget(id: "s", kind: .share, text: .init(vi: "trên 70%", en: "> 70%"), comparison: .greaterThan, goal: 70)
        let p = Self.evaluate(t, [MovementObservation(target: "s", unit: "A", value: 7, of: 10, date: Self.start)], asOf: Self.deadline)
        #expect(p.status == .atRisk)
    }

    @Test("A share uses each unit's latest figure")
    func shareLatest() {
        let t = MovementTarget(id: "s", kind: .share, text: .init(vi: "5%", en: "5%"), goal: 5)
        let obs = [MovementObservation(target: "s", unit: "A", value: 1, of: 40, date: Self.start),
                   MovementObservation(target: "s", unit: "A", value: 2, of: 40, date: Self.start.adding(days: 2))]
        let p = Self.evaluate(t, obs, asOf: Self.deadline)
        #expect(p.value == 5)
        #expect(p.status == .met)
        #expect(p.units.map(\.value) == [2])
    }

    @Test("Every registered unit must reach a per-unit minimum; one unit short fails the target")
    func perUnit() throws {
        let t = MovementTarget(id: "u", kind: .perUnit, text: .init(vi: "mỗi CĐCS 02", en: "2 per unit"), goal: 2)
        let obs = [MovementObservation(target: "u", unit: "A", value: 2, date: Self.start),
                   MovementObservation(target: "u", unit: "B", value: 1, date: Self.start)]
        let short = Self.evaluate(t, obs, units: ["A", "B", "C"], asOf: Self.deadline.adding(days: 1))
        #expect(short.status == .notMet)
        #expect(short.units.map(\.met) == [true, false, false])
        #expect((short.numerator, short.denominator) == (1, 3))
        let all = Self.evaluate(t, obs + [MovementObservation(target: "u", unit: "B", value: 1, date: Self.start),
                                          MovementObservation(target: "u", unit: "C", value: 2, date: Self.start)],
                                units: ["A", "B", "C"], asOf: Self.deadline)
        #expect(all.status == .met)
    }

    @Test("100% of units is met only when every registered unit did it")
    func unitShare() {
        let t = MovementTarget(id: "p", kind: .unitShare, text: .init(vi: "100% xây dựng kế hoạch", en: "100% plans"), goal: 100)
        let obs = [MovementObservation(target: "p", unit: "A", value: 1, date: Self.start)]
        #expect(Self.evaluate(t, obs, units: ["A", "B"], asOf: Self.deadline).status == .atRisk)
        #expect(Self.evaluate(t, obs, units: ["A", "B"], asOf: Self.deadline).value == 50)
        #expect(Self.evaluate(t, obs, units: ["A"], asOf: Self.deadline).status == .met)
    }

    @Test("A yearly target is measured on the year of the evaluation day only")
    func yearly() {
        var t = Self.count
        t.yearly = true
        t.goal = 2
        var m = Self.movement(t)
        m.period = .init(from: CivilDate(unchecked: 2020, 6, 26), to: CivilDate(unchecked: 2025, 12, 31), note: nil)
        let obs = [MovementObservation(target: "c", unit: "A", value: 2, date: CivilDate(unchecked: 2021, 5, 1)),
                   MovementObservation(target: "c", unit: "A", value: 1, date: CivilDate(unchecked: 2022, 5, 1))]
        let p2021 = MovementProgress.evaluate(t, movement: m, observations: obs, units: [], asOf: CivilDate(unchecked: 2021, 12, 31))
        let p2022 = MovementProgress.evaluate(t, movement: m, observations: obs, units: [], asOf: CivilDate(unchecked: 2023, 1, 1))
        #expect(p2021.status == .met)
        #expect(p2022.start == CivilDate(unchecked: 2023, 1, 1))
        #expect(p2022.value == 0)
        let end2022 = MovementProgress.evaluate(t, movement: m, observations: obs, units: [], asOf: CivilDate(unchecked: 2022, 12, 31))
        #expect(end2022.start == CivilDate(unchecked: 2022, 1, 1))
        #expect(end2022.status == .atRisk)
        #expect(end2022.value == 1)
    }
}
