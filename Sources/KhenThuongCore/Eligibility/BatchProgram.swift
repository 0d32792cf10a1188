/// The rule sets of a batch compiled once, for one achievement year, into one program: the
/// regime of each award for that year, every `appliesIf`, criterion and `deferIf` of every
/// award one named criterion of a ``CompiledRuleSet``. One run of the program per nominee,
/// over one fact row, decides every criterion of every award; the history functions it calls
/// run once per nominee and arguments (the context's ``CallMemo``), shared by every criterion,
/// award and explanation that asks.
///
/// Decides exactly as ``RuleSet/evaluate(_:period:asOf:scope:)`` with a plain year and
/// ``ExplanationScope/failing(_:)``: the same outcome, failing criteria, explanations and
/// notes. It serves only nominees none of whose initiatives already served an award
/// (``NomineeFacts/hasUsedInitiatives``): those go through ``RuleSet/evaluate(_:year:asOf:scope:)``.
package struct BatchProgram: Sendable {
    /// One award of the batch.
    package struct Award: Sendable {
        package let set: RuleSet
        /// The regime for the year; `nil` when none covers it.
        package let regime: RuleRegime?
        /// Per criterion of the regime: the program's criterion deciding its `appliesIf`
        /// (-1 without one) and its expression.
        let applies: [Int], holds: [Int]
        /// The program's criterion deciding `deferIf` (-1 without one).
        let deferIf: Int

        /// How many criteria the regime has (none without a regime).
        package var criterionCount: Int { holds.count }
    }

    package let awards: [Award]
    package let year: Int
    package let asOf: CivilDate
    let schema: EligibilitySchema
    /// Every expression of every award; `nil` when there is none.
    let program: CompiledRuleSet?

    /// Compiles the regimes of `sets` for `year`; `nil` when an expression does not compile
    /// again (not expected: each compiled when the rule set was loaded).
    package init?(_ sets: [RuleSet], year: Int, asOf: CivilDate?, schema: EligibilitySchema) {
        var criteria: [RuleSetCriterion] = []
        func add(_ e: CompiledExpression) -> Int {
            criteria.append(RuleSetCriterion(name: "c\(criteria.count)", source: e.source))
            return criteria.count - 1
        }
        var awards: [Award] = []
        for set in sets {
            let regime = set.regime(for: year)
            var applies: [Int] = [], holds: [Int] = []
            for c in regime?.criteria ?? [] {
                applies.append(c.appliesIf.map(add) ?? -1)
                holds.append(add(c.expression))
            }
            let deferIf = regime?.deferIf.map(add) ?? -1
            awards.append(Award(set: set, regime: regime, applies: applies, holds: holds, deferIf: deferIf))
        }
        if criteria.isEmpty {
            program = nil
        } else {
            guard let compiled = try? CompiledRuleSet(criteria, schema: schema.schema) else { return nil }
            program = compiled
        }
        self.awards = awards
        self.year = year
        self.asOf = asOf ?? CivilDate(unchecked: year, 12, 31)
        self.schema = schema
    }

    /// What one thread reuses from nominee to nominee: the fact row, the verdicts of the
    /// program's criteria, the context (with its memo).
    package final class Scratch {
        var row: [Int64]
        var verdicts: [Verdict]
        let context: EligibilityContext

        package init(_ program: BatchProgram) {
            row = [Int64](repeating: 0, count: EligibilitySchema.variables.count)
            verdicts = [Verdict](repeating: .no, count: program.program?.count ?? 0)
            context = EligibilityContext(batchYear: program.year, award: program.awards.first?.set.award ?? "")
        }
    }

    /// Decides every criterion of every award for `nominee` (read the results with
    /// ``outcome(_:_:)`` and ``failing(_:_:_:)``).
    package func run(_ nominee: NomineeFacts, _ s: Scratch) {
        s.context.reset(nominee)
        for k in s.row.indices { s.row[k] = 0 }
        schema.fill(&s.row, for: nominee, year: year, award: nil, asOf: asOf, periodStart: year)
        guard let program else { return }
        s.row.withUnsafeBufferPointer { row in
            s.verdicts.withUnsafeMutableBufferPointer { v in _ = program.evaluate(row, into: v, context: s.context) }
        }
    }

    /// Whether criterion `k` of award `a`'s regime fails (applicable, and its expression does
    /// not hold or cannot be evaluated), after ``run(_:_:)``.
    @inline(__always)
    package func fails(_ a: Int, _ k: Int, _ s: Scratch) -> Bool {
        let award = awards[a]
        let applies = award.applies[k]
        if applies >= 0 && s.verdicts[applies] == .no { return false }
        return s.verdicts[award.holds[k]] != .yes
    }

    /// The outcome of award `a` after ``run(_:_:)`` (before any quota or cap).
    package func outcome(_ a: Int, _ s: Scratch) -> EligibilityOutcome {
        let award = awards[a]
        guard award.regime != nil else { return .notEligible }
        if award.deferIf >= 0 && s.verdicts[award.deferIf] == .yes { return .deferred }
        for k in award.holds.indices where fails(a, k, s) { return .notEligible }
        return .eligible
    }

    /// Criterion `k` of award `a`'s regime, failing, explained as a CSV row shows it
    /// (``ExplanationScope/failing(_:)``) and rendered (`✗ … — citation`), from the row and
    /// the calls already made.
    package func reason(_ a: Int, _ k: Int, _ s: Scratch, _ language: Language) -> String {
        let award = awards[a]
        let criterion = award.regime!.criteria[k]
        return award.set.failure(criterion, row: s.row, context: s.context, language: language).rendered(language)
    }

    /// The notes of award `a`'s verdict after ``run(_:_:)``: no regime, or the pending
    /// proceedings of a deferred nominee.
    package func notes(_ a: Int, _ nominee: NomineeFacts, _ s: Scratch) -> [LocalizedText] {
        let award = awards[a]
        guard award.regime != nil else {
            return [.init(vi: "không có chế độ nào của \(award.set.award) áp dụng cho năm \(year)",
                          en: "no regime of \(award.set.award) covers \(year)")]
        }
        guard award.deferIf >= 0 && s.verdicts[award.deferIf] == .yes else { return [] }
        return nominee.proceedings.filter { $0.isPending(at: asOf) }.map(RuleSet.pendingNote)
    }
}
