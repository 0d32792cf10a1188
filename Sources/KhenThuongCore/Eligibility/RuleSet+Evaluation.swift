extension RuleSet {
    /// Decides whether `nominee` may receive this award for achievement `year`.
    ///
    /// The regime covering `year` is applied. A `deferIf` that holds makes the verdict
    /// `deferred` (tạm dừng xét) whatever the criteria say; otherwise it is `eligible` when
    /// every applicable criterion passes. A criterion that cannot be evaluated (overflow)
    /// fails. Initiatives skipped because they already served another award are named in
    /// the notes with that first use.
    ///
    /// - Parameters:
    ///   - asOf: the day pending proceedings are checked on (the council's or the check's
    ///     date); default 31 December of `year`. Pass it in: the engine never reads the clock.
    ///   - explained: `false` skips the explanations and actual values (each criterion's
    ///     `explanation` is then its text): several times faster, for large batches.
    public func evaluate(_ nominee: NomineeFacts, year: Int, asOf: CivilDate? = nil, explained: Bool = true) -> EligibilityVerdict {
        evaluate(nominee, period: AchievementPeriod(year: year), asOf: asOf, scope: explained ? .all : .none)
    }

    /// ``evaluate(_:year:asOf:explained:)`` with the explanations limited to `scope`.
    package func evaluate(_ nominee: NomineeFacts, year: Int, asOf: CivilDate? = nil, scope: ExplanationScope) -> EligibilityVerdict {
        evaluate(nominee, period: AchievementPeriod(year: year), asOf: asOf, scope: scope)
    }

    /// Decides `nominee` for an achievement period proposed in a possibly later year: the
    /// regime and every rule window run on the period (achievement year `period.to`, variable
    /// `period_start` = `period.from`), never on the proposal year; the verdict names both
    /// when they differ (“thành tích 2020–2024, đề nghị năm 2025”). A period in one year,
    /// proposed that year, is ``evaluate(_:year:asOf:explained:)``.
    public func evaluate(_ nominee: NomineeFacts, period: AchievementPeriod, asOf: CivilDate? = nil, explained: Bool = true) -> EligibilityVerdict {
        evaluate(nominee, period: period, asOf: asOf, scope: explained ? .all : .none)
    }

    /// ``evaluate(_:period:asOf:explained:)`` with the explanations limited to `scope`.
    package func evaluate(_ nominee: NomineeFacts, period: AchievementPeriod, asOf: CivilDate? = nil, scope: ExplanationScope) -> EligibilityVerdict {
        let year = period.to
        let asOf = asOf ?? CivilDate(unchecked: year, 12, 31)
        var verdict = EligibilityVerdict(award: award, awardName: awardName, nominee: nominee.id, nomineeName: nominee.name, year: year, regime: nil,
                                         ruleSetVersion: version, outcome: .notEligible, criteria: [], notes: [])
        if period.from != period.to { verdict.periodFrom = period.from }
        if period.proposalYear != period.to { verdict.proposalYear = period.proposalYear }
        guard let regime = regime(for: year) else {
            verdict.notes.append(.init(vi: "không có chế độ nào của \(award) áp dụng cho năm \(year)",
                                       en: "no regime of \(award) covers \(year)"))
            return verdict
        }
        verdict.regime = regime.id
        let context = EligibilityContext(nominee: nominee, award: award, year: year)
        let row = schema.row(for: nominee, year: year, award: award, asOf: asOf, periodStart: period.from)
        if case .failing(let language) = scope {
            // Only the failing criteria are kept, each explained once: the others are decided by
            // the compiled program and never made into a result.
            for criterion in regime.criteria {
                if let applies = criterion.appliesIf, (try? applies.isTrue(row, context: context)) == false { continue }
                if (try? criterion.expression.isTrue(row, context: context)) == true { continue }
                verdict.criteria.append(failure(criterion, row: row, context: context, language: language))
            }
        } else {
            verdict.criteria.reserveCapacity(regime.criteria.count)
            for criterion in regime.criteria {
                verdict.criteria.append(evaluate(criterion, row: row, context: context, scope: scope))
            }
        }
        let deferred = regime.deferIf.map { (try? $0.isTrue(row, context: context)) ?? false } ?? false
        if deferred {
            verdict.outcome = .deferred
            for p in nominee.proceedings where p.isPending(at: asOf) {
                verdict.notes.append(Self.pendingNote(p))
            }
        } else {
            verdict.outcome = verdict.criteria.contains { $0.status == .fail } ? .notEligible : .eligible
        }
        verdict.initiativesCounted = context.countedInitiatives.sorted()
        for (id, use) in context.skippedInitiatives.sorted(by: { $0.key < $1.key }) {
            verdict.notes.append(.init(vi: "sáng kiến \"\(id)\" đã được dùng cho \(use.award) năm \(use.year), không tính lại (Luật 06/2022/QH15, Điều 5 khoản 2)",
                                       en: "initiative \"\(id)\" was already used for \(use.award) \(use.year) and is not counted again (Luật 06/2022/QH15, Article 5(2))"))
        }
        return verdict
    }

    func evaluate(_ criterion: RuleCriterion, row: [Int64], context: EligibilityContext, scope: ExplanationScope) -> CriterionResult {
        var result = CriterionResult(id: criterion.id, text: criterion.text, status: .fail, explanation: criterion.text, values: [],
                                     citation: criterion.citation, confidence: criterion.confidence)
        if let applies = criterion.appliesIf, (try? applies.isTrue(row, context: context)) == false {
            result.status = .notApplicable
            return result
        }
        switch scope {
        case .all: break
        case .none:
            result.status = (try? criterion.expression.isTrue(row, context: context)) == true ? .pass : .fail
            return result
        case .failing(let language):
            // The status from the compiled program; only a failure is explained, in `language`.
            guard (try? criterion.expression.isTrue(row, context: context)) != true else {
                result.status = .pass
                return result
            }
            return failure(criterion, row: row, context: context, language: language)
        }
        let trace = criterion.expression.explain(row, context: context)
        result.values = trace.comparisons.map(Self.describe)
        switch trace.result {
        case .success(let value): result.status = value == .bool(true) ? .pass : .fail
        case .failure(let error):
            result.status = .fail
            result.values.append(error.message.en)
        }
        if let template = criterion.explain {
            result.explanation = LocalizedText(vi: fill(template.vi, row: row, context: context, language: .vi),
                                               en: fill(template.en, row: row, context: context, language: .en))
        } else if !result.values.isEmpty {
            result.explanation = LocalizedText(vi: "\(criterion.text.vi) (\(result.values.joined(separator: "; ")))",
                                               en: "\(criterion.text.en) (\(result.values.joined(separator: "; ")))")
        }
        return result
    }

    /// The result of an applicable `criterion` whose expression does not hold, explained as
    /// ``ExplanationScope/failing(_:)`` says: its template filled in `language` (both languages
    /// of the explanation hold that text), or, without a template, the full explanation.
    func failure(_ criterion: RuleCriterion, row: [Int64], context: EligibilityContext, language: Language) -> CriterionResult {
        guard let template = criterion.explain else { return evaluate(criterion, row: row, context: context, scope: .all) }
        let text = fill(language == .vi ? template.vi : template.en, row: row, context: context, language: language)
        return CriterionResult(id: criterion.id, text: criterion.text, status: .fail, explanation: LocalizedText(vi: text, en: text), values: [],
                               citation: criterion.citation, confidence: criterion.confidence)
    }

    static func describe(_ t: EvaluationTrace) -> String {
        switch t.detail {
        case .comparison(let op, let l, let r): "\(t.text): \(l.rendered(.en)) \(op) \(r.rendered(.en))"
        case .membership(let v, let list): "\(t.text): \(v.rendered(.en)) in \(ExpressionValue.list(list).rendered(.en))"
        default: t.text
        }
    }

    func fill(_ pieces: [ExplainTemplate.Piece], row: [Int64], context: EligibilityContext, language: Language) -> String {
        var out = ""
        var unknownUnit = false
        for piece in pieces {
            switch piece {
            case .literal(var s):
                // After an unknown count, its unit word goes too ("chưa rõ (…) ≥ 6 tháng", not "9999 tháng").
                if unknownUnit, let unit = [" tháng", " năm", " months", " years", " month", " year"].first(where: { s.hasPrefix($0) }) {
                    s.removeFirst(unit.count)
                }
                unknownUnit = false
                out += s
            case .value(let e):
                unknownUnit = false
                switch try? e.value(row, context: context) {
                case .string(let s)?: out += s
                case .int(let i)? where i == EligibilitySchema.unknown && Self.sentinel(e.source.text) != nil:
                    // The sentinel of an unknown hire date or of no earlier award is not a count to print.
                    out += Self.sentinel(e.source.text)![language]
                    unknownUnit = true
                case .int(let i)?: out += Self.grouped(i, language)
                case let v?: out += v.rendered(language)
                case nil: out += "?"
                }
            }
        }
        return out
    }

    /// What the `EligibilitySchema.unknown` sentinel means for the function `source` calls, or nil
    /// when it calls none that returns it.
    static func sentinel(_ source: String) -> LocalizedText? {
        let call = source.drop { $0 == " " || $0 == "(" }
        if call.hasPrefix("months_of_service") {
            return .init(vi: "chưa rõ (thiếu ngày tuyển dụng)", en: "unknown (no hire date)")
        }
        if call.hasPrefix("years_since") {
            return .init(vi: "chưa có lần nào trước", en: "none before")
        }
        return nil
    }

    /// `80000000` as `80.000.000` (vi) or `80,000,000` (en); numbers below 10 000 as is.
    static func grouped(_ i: Int64, _ language: Language) -> String {
        i.magnitude < 10_000 ? String(i) : NumberText.integer(Int(i), language)
    }

    static func pendingNote(_ p: PendingProceeding) -> LocalizedText {
        let (vi, en): (String, String) = switch p.kind {
        case .disciplineReview: ("đang xem xét kỷ luật", "a discipline review is pending")
        case .inspection: ("đang thanh tra, kiểm tra", "an inspection is pending")
        case .complaint: ("đang xác minh khiếu nại, tố cáo", "a complaint is being verified")
        }
        return .init(vi: "\(vi) (từ \(p.opened.formatted(.vi))): tạm dừng xét, chưa khen thưởng — NĐ 98/2023/NĐ-CP, Điều 4",
                     en: "\(en) (since \(p.opened.formatted(.en))): deferred, not rejected — NĐ 98/2023/NĐ-CP, Article 4")
    }
}

/// Which criteria a verdict explains (fills the template or lists the comparisons with the
/// actual values).
package enum ExplanationScope: Sendable, Hashable {
    /// Every criterion, in both languages, with the comparisons (what JSON output shows).
    case all
    /// None: each explanation is the criterion's text (for counting, first passes).
    case none
    /// Only the failing criteria, in one language, without the comparisons when a template
    /// exists (what a CSV row shows); both languages of the explanation then hold that text.
    /// A verdict's `criteria` then holds the failing criteria only (the outcome is the same).
    /// The initiatives a passing criterion's template would have counted are not noted: use
    /// it only when ``EligibilityContext`` effects cannot show (see ``NomineeFacts/hasUsedInitiatives``).
    case failing(Language)
}
