import KhenThuongCore
import KhenThuongStore
import KhenThuongKit

/// The W2 benchmark of the rule engine: decide three titles (LĐTT, CSTĐCS, CSTĐ tỉnh) for
/// many generated people through the same path the engine uses (``CompiledRuleSet``).
///
/// The bench target calls ``run(people:iterations:)``; tests use the schema, rules and
/// generator to compare the engine with a hand-written reference.
package enum ExpressionBenchmark {
    /// The facts of one person, in slot order.
    package static let w2Variables: [(String, ExpressionType)] = [
        ("months_worked", .int), ("leave_reason", .string), ("duty_rating", .string), ("discipline", .string),
        ("initiatives", .int), ("initiative_benefit_vnd", .int), ("consec_cstdcs", .int),
    ]

    /// The three W2 criteria, in order.
    package static let w2Rules: [(name: String, expression: String)] = [
        ("LDTT", #"(months_worked >= 10 || leave_reason == "THAI_SAN") && duty_rating in ["HTXSNV", "HTTNV"] && discipline == """#),
        ("CSTDCS_e", #"LDTT && duty_rating == "HTXSNV" && initiatives >= 1"#),
        ("CSTD_TINH_e", #"CSTDCS_e && consec_cstdcs >= 2 && initiative_benefit_vnd >= 100_000_000"#),
    ]

    /// A schema with the W2 facts.
    package static func w2Schema() -> ExpressionSchema { ExpressionSchema(variables: w2Variables) }

    /// The W2 rule set compiled against `schema`.
    package static func w2RuleSet(schema: ExpressionSchema) -> CompiledRuleSet {
        let criteria = w2Rules.enumerated().map { i, rule in
            RuleSetCriterion(name: rule.name, source: ExpressionSource(rule.expression, file: "w2", at: SourcePosition(line: i + 1, column: 1)))
        }
        do { return try CompiledRuleSet(criteria, schema: schema) } catch { preconditionFailure("\(error)") }
    }

    /// The values the generator draws string facts from.
    package static let w2LeaveReasons = ["", "", "", "", "THAI_SAN", "OM_DAU"]
    package static let w2DutyRatings = ["HTXSNV", "HTXSNV", "HTTNV", "HTTNV", "HTTNV", "HTNV", "KHTNV"]
    package static let w2Disciplines = ["", "", "", "", "", "", "", "", "", "KHIEN_TRACH"]

    /// `count` people's facts, deterministic for `seed`, as one flat array of rows
    /// (`count × 7` values; strings interned in `schema`).
    package static func w2Rows(count: Int, seed: UInt64, schema: ExpressionSchema) -> [Int64] {
        var random = SplitMix64(seed: seed)
        let leave = w2LeaveReasons.map(schema.strings.intern)
        let duty = w2DutyRatings.map(schema.strings.intern)
        let discipline = w2Disciplines.map(schema.strings.intern)
        var rows: [Int64] = []
        rows.reserveCapacity(count * w2Variables.count)
        for _ in 0..<count {
            rows.append(Int64(random.next(13)))                      // months_worked 0...12
            rows.append(leave[random.next(leave.count)])
            rows.append(duty[random.next(duty.count)])
            rows.append(discipline[random.next(discipline.count)])
            rows.append(Int64(random.next(4)))                       // initiatives 0...3
            rows.append(Int64(random.next(31)) * 10_000_000)         // 0 … 300 million VND
            rows.append(Int64(random.next(5)))                       // consec_cstdcs 0...4
        }
        return rows
    }

    /// The result of a benchmark run.
    package struct Measurement: Sendable {
        /// Nanoseconds to decide the three criteria for one person, one row per call.
        package var nanosecondsPerPerson: Double
        /// Nanoseconds per person when all rows go in one batch call.
        package var batchNanosecondsPerPerson: Double
        /// Decisions (one criterion for one person) per second, one row per call.
        package var decisionsPerSecond: Double
        /// Decisions per second in batch calls.
        package var batchDecisionsPerSecond: Double
        /// How many people got `yes` for each criterion in one pass.
        package var yesCounts: [Int]
    }

    /// Decides the W2 rule set for `people` generated people, `iterations` times over, first
    /// one row per call, then all rows in one batch call.
    package static func measure(people: Int = 100_000, iterations: Int = 10) -> Measurement {
        let schema = w2Schema()
        let rules = w2RuleSet(schema: schema)
        let width = schema.slotCount
        let rows = w2Rows(count: people, seed: 2024, schema: schema)
        var yes = [Int](repeating: 0, count: rules.count)
        var verdicts = [Verdict](repeating: .no, count: rules.count)
        var all = [Verdict](repeating: .no, count: rules.count * people)
        let context = NoExpressionContext.shared
        let clock = ContinuousClock()
        let single = clock.measure {
            rows.withUnsafeBufferPointer { rows in
                verdicts.withUnsafeMutableBufferPointer { out in
                    for iteration in 0..<iterations {
                        for p in 0..<people {
                            rules.evaluate(UnsafeBufferPointer(rebasing: rows[(p * width)..<(p * width + width)]), into: out, context: context)
                            if iteration == 0 {
                                for k in 0..<out.count where out[k] == .yes { yes[k] += 1 }
                            }
                        }
                    }
                }
            }
        }
        let batch = clock.measure {
            rows.withUnsafeBufferPointer { rows in
                all.withUnsafeMutableBufferPointer { out in
                    for _ in 0..<iterations { rules.evaluate(rows: rows, stride: width, into: out, context: context) }
                }
            }
        }
        let batchYes = (0..<rules.count).map { k in stride(from: k, to: all.count, by: rules.count).filter { all[$0] == .yes }.count }
        precondition(batchYes == yes, "batch and single-row evaluation disagree")
        func ns(_ d: Duration) -> Double {
            (Double(d.components.seconds) * 1e9 + Double(d.components.attoseconds) / 1e9) / Double(people * max(1, iterations))
        }
        let n = Double(rules.count)
        return Measurement(nanosecondsPerPerson: ns(single), batchNanosecondsPerPerson: ns(batch),
                           decisionsPerSecond: n * 1e9 / ns(single), batchDecisionsPerSecond: n * 1e9 / ns(batch), yesCounts: yes)
    }

    /// Nanoseconds per person (three decisions) for the W2 rule set.
    package static func run(people: Int = 100_000, iterations: Int = 10) -> Double {
        measure(people: people, iterations: iterations).nanosecondsPerPerson
    }
}
