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
    /// The awards' criteria flattened (read per nominee without copying an ``Award``): award
    /// `a`'s criteria are `first[a] ..< first[a + 1]` in `applies` and `holds`.
    let first: [Int], applies: [Int], holds: [Int], deferIf: [Int]
    /// Whether award `a` has a regime for the year.
    let covered: [Bool]
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
        first = awards.reduce(into: [0]) { $0.append($0.last! + $1.holds.count) }
        applies = awards.flatMap(\.applies)
        holds = awards.flatMap(\.holds)
        deferIf = awards.map(\.deferIf)
        covered = awards.map { $0.regime != nil }
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
        /// Explanations already made, by everything they are made from (see ``BatchProgram/reason(_:_:_:_:)``).
        var reasons: [[Int64]: String] = [:]
        var key: [Int64] = []

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

    /// ``run(_:_:)`` for person `k` of typed rows: the fact row filled from the rows, the
    /// history functions reading them; the same verdicts as for ``PersonRows/individual(_:)``.
    package func run(_ rows: PersonRows, _ k: Int, _ s: Scratch) {
        s.context.reset(rows, k)
        s.row.withUnsafeMutableBufferPointer { $0.update(repeating: 0) } // one access, not one per slot
        schema.fill(&s.row, rows: rows, k, year: year, periodStart: year)
        guard let program else { return }
        s.row.withUnsafeBufferPointer { row in
            s.verdicts.withUnsafeMutableBufferPointer { v in _ = program.evaluate(row, into: v, context: s.context) }
        }
    }

    /// Whether criterion `k` of award `a`'s regime fails (applicable, and its expression does
    /// not hold or cannot be evaluated), after ``run(_:_:)``.
    @inline(__always)
    package func fails(_ a: Int, _ k: Int, _ s: Scratch) -> Bool {
        let i = first[a] + k
        let applies = self.applies[i]
        if applies >= 0 && s.verdicts[applies] == .no { return false }
        return s.verdicts[holds[i]] != .yes
    }

    /// How many criteria award `a`'s regime has (none without a regime).
    @inline(__always)
    package func criterionCount(_ a: Int) -> Int { first[a + 1] - first[a] }

    /// Whether a regime of award `a` covers the year.
    @inline(__always)
    package func hasRegime(_ a: Int) -> Bool { covered[a] }

    /// The outcome of award `a` after ``run(_:_:)`` (before any quota or cap).
    package func outcome(_ a: Int, _ s: Scratch) -> EligibilityOutcome {
        guard covered[a] else { return .notEligible }
        if deferIf[a] >= 0 && s.verdicts[deferIf[a]] == .yes { return .deferred }
        for k in 0..<criterionCount(a) where fails(a, k, s) { return .notEligible }
        return .eligible
    }

    /// Criterion `k` of award `a`'s regime, failing, explained as a CSV row shows it
    /// (``ExplanationScope/failing(_:)``) and rendered (`✗ … — citation`), from the row and
    /// the calls already made.
    ///
    /// The text depends only on the fact row and the results of the history functions the
    /// template calls (the other functions depend on their arguments alone), so it is kept by
    /// award, criterion, language, row and the calls made so far: a later nominee with the
    /// same row and the same calls gets the same text without filling the template again.
    /// It is kept only when filling it made no call the memo did not already hold.
    package func reason(_ a: Int, _ k: Int, _ s: Scratch, _ language: Language) -> String {
        guard let memo = s.context.memo, memo.complete else { return explain(a, k, s, language) }
        s.key.removeAll(keepingCapacity: true)
        s.key.append(Int64(a))
        s.key.append(Int64(k))
        s.key.append(language == .vi ? 0 : 1)
        s.key.append(contentsOf: s.row)
        let calls = memo.count
        memo.append(to: &s.key)
        if let known = s.reasons[s.key] { return known }
        let text = explain(a, k, s, language)
        if memo.count == calls && s.reasons.count < 1 << 14 { s.reasons[s.key] = text }
        return text
    }

    func explain(_ a: Int, _ k: Int, _ s: Scratch, _ language: Language) -> String {
        let award = awards[a]
        return award.set.failure(award.regime!.criteria[k], row: s.row, context: s.context, language: language).rendered(language)
    }

    /// The notes of award `a`'s verdict after ``run(_:_:)``: no regime, or the pending
    /// proceedings of a deferred nominee.
    package func notes(_ a: Int, _ nominee: NomineeFacts, _ s: Scratch) -> [LocalizedText] {
        notes(a, s) { nominee }
    }

    /// ``notes(_:_:_:)`` of the nominee of the last run, read (for typed rows, made) only for
    /// the proceedings of a deferral.
    package func notes(_ a: Int, _ s: Scratch) -> [LocalizedText] {
        notes(a, s) { s.context.nominee }
    }

    private func notes(_ a: Int, _ s: Scratch, _ nominee: () -> NomineeFacts) -> [LocalizedText] {
        guard covered[a] else {
            let award = awards[a].set.award
            return [.init(vi: "không có chế độ nào của \(award) áp dụng cho năm \(year)",
                          en: "no regime of \(award) covers \(year)")]
        }
        guard deferIf[a] >= 0 && s.verdicts[deferIf[a]] == .yes else { return [] }
        return nominee().proceedings.filter { $0.isPending(at: asOf) }.map(RuleSet.pendingNote)
    }
}
