import Foundation

/// The variables and history functions rule expressions may use, and how a nominee's facts
/// fill a row.
///
/// Per-year facts of the evaluation year are variables:
///
/// | variable | type | meaning |
/// |---|---|---|
/// | `year` | int | the achievement year (the last year of the achievement period) |
/// | `period_start` | int | the first year of the achievement period (`year` for one year) |
/// | `year_start`, `year_end` | date | 1 January and 31 December of `year` |
/// | `is_collective` | bool | the nominee is a collective |
/// | `duty_rating` | string | HTXSNV / HTTNV / HTNV / KHTNV, `""` when unknown |
/// | `months_worked` | int | months worked in `year` (0 when the year has no record) |
/// | `leave_reason` | string | THAI_SAN / OM_DAU / DAO_TAO / TAI_NAN / KHAC or `""` |
/// | `discipline` | string | the heaviest measure of `year` (KHIEN_TRACH …) or `""` |
/// | `discipline_rank` | int | 0 none, 1 khiển trách, 2 cảnh cáo, … 6 buộc thôi việc |
/// | `initiatives` | int | initiatives recognised in `year` not used for another award |
/// | `benefit_vnd` | int | their total benefit |
/// | `is_leader`, `union_member`, `continuous_service` | bool | person flags |
/// | `education` | string | PHO_THONG … TIEN_SI or `""`; `education_rank` 0 (unknown) … 6 |
/// | `hire_date` | date | the recruitment date (1970-01-01 when unknown) |
/// | `pending_proceedings` | int | discipline reviews, inspections, complaints open on the evaluation day (default 31 December of `year`) |
/// | `members`, `members_ldtt`, `members_cstdcs`, `members_completed_duty`, `members_disciplined` | int | a collective's counts for `year` (0 for a person) |
///
/// History functions (ad-hoc and thematic awards never count in a streak or as a previous award):
///
/// - `param(id: string) -> int`: a parameter of `params.json`.
/// - `consecutive_years(awards: list<string>, until: int) -> int`: years `until`, `until-1`, …
///   in a row in which one of `awards` was received; a year without one ends the streak.
/// - `consecutive_ratings(ratings: list<string>, until: int) -> int`: the same over duty ratings.
/// - `held(award: string, year: int) -> bool`.
/// - `rating_in(year: int) -> string`: the duty rating of that year (`""` when none).
/// - `initiatives_in(from: int, to: int) -> int`: initiatives (kind `sang_kien`) recognised in
///   those years, not used for another award.
/// - `initiatives_at_level(levels: list<string>, from: int, to: int) -> int`: the same, only
///   initiatives recognised at one of `levels` (`co_so`, `tinh`, `bo`, `toan_quoc`).
/// - `achievements_in(kinds: list<string>, scopes: list<string>, from: int, to: int) -> int`:
///   initiatives and the achievements the law accepts in their place — `kinds` among
///   `sang_kien`, `de_tai` (an accepted research topic), `muu_tri` (ingenuity in combat) —
///   recognised in `from…to`, whose scope of effect (phạm vi ảnh hưởng, recorded apart from the
///   recognising level; the level when not recorded) is one of `scopes`; not used for another
///   award. `achievements_in(["sang_kien", "de_tai"], ["co_so", "tinh"], year - run + 1, year)`
///   counts over a whole qualifying run of `run` years (Luật 2022 Điều 74 k1 d).
/// - `successive_cycles(awards: list<string>, cycle: int, until: int) -> int`: how many of
///   `awards` form a chain of successive cycles, the last one's achievement period ending in
///   `until` and each earlier one's ending the year before the next one's begins; an award
///   stating no period covers the `cycle` years ending with its year. "02 lần liên tục" of a
///   title awarded for a three-year cycle (Chiến sĩ thi đua cấp tỉnh) is
///   `successive_cycles(["chien_si_thi_dua_cap_tinh"], 3, year) >= 2` (Luật 2022 Điều 21).
///   With `cycle` 1 and one-year periods it equals `consecutive_years`.
/// - `achievements_at_scope(kinds: list<string>, least: int, from: int, to: int) -> int`: the same
///   as `achievements_in` with a scope of at least rank `least` (1 `co_so`, 2 `tinh`/`bo`,
///   3 `toan_quoc`), so a parameter can hold the scope a rule asks for.
/// - `date_in(year: int, month_day: int) -> date`: the day MMDD of `year` (`date_in(year, 1231)`
///   is 31 December), so a reference date can be a parameter; a day past the month's end is
///   its last day.
/// - `min(a: int, b: int) -> int`, `max(a: int, b: int) -> int`.
/// - `max_initiative_benefit(from: int, to: int) -> int`, `initiative_benefit_in(from: int, to: int) -> int`
///   (initiatives, kind `sang_kien`).
/// - `months_of_service(at: date) -> int`: whole months from the start of service to the end
///   of `at` (hired 1 July, at 31 December = 6); the start is the hire date, or the appointment
///   as a civil servant (`appointedDate`) when service was not continuous since the hire date
///   (Bộ Nội vụ answer on Luật 2022 Điều 24 k1); 9999 when neither is known.
/// - `years_since(award: string, year: int) -> int`: `year` minus the year the previous
///   `award` (before `year`) ended its achievement period (its decision date when it states no
///   period); 9999 when there is none.
/// - `years_since_any(awards: list<string>, year: int) -> int`: the same over several awards
///   (the most recent one counts).
/// - `times_held(awards: list<string>, from: int, to: int) -> int`: how many of `awards` were
///   received for achievement years `from`…`to`.
/// - `share_reaching(status: string, year: int) -> int`: for a collective, the share of
///   members with `status` (`lao_dong_tien_tien`, `chien_si_thi_dua_co_so`, `completed_duty`,
///   `disciplined`) in percent × 100, rounded down: exactly 70 % is 7000. For display only:
///   a threshold is compared with `share_above` / `share_at_least`, never with this rounded value.
/// - `share_above(status: string, year: int, threshold: int) -> bool`: "trên X %": the share of
///   members with `status` is strictly above `threshold` (percent × 100), compared exactly
///   (`reached × 10 000 > threshold × total`): 2 501 of 5 001 is above 50 %, 2 500 of 5 000 is not.
///   False for a person or a year without members.
/// - `share_at_least(status: string, year: int, threshold: int) -> bool`: "từ X % trở lên": the
///   same with `≥`: 2 500 of 5 000 reaches 50 %.
public struct EligibilitySchema: Sendable {
    public let schema: ExpressionSchema
    public let parameters: Parameters
    /// The string codes of the coded fact values (interned once).
    let codes: FactCodes

    /// The sentinel for "no such previous award / unknown hire date".
    public static let unknown: Int64 = 9999

    static let variables: [(String, ExpressionType)] = [
        ("year", .int), ("year_start", .date), ("year_end", .date), ("is_collective", .bool),
        ("duty_rating", .string), ("months_worked", .int), ("leave_reason", .string),
        ("discipline", .string), ("discipline_rank", .int), ("initiatives", .int), ("benefit_vnd", .int),
        ("is_leader", .bool), ("union_member", .bool), ("continuous_service", .bool),
        ("education", .string), ("education_rank", .int), ("hire_date", .date), ("pending_proceedings", .int),
        ("members", .int), ("members_ldtt", .int), ("members_cstdcs", .int), ("members_completed_duty", .int),
        ("members_disciplined", .int), ("period_start", .int),
    ]

    public init(parameters: Parameters) {
        self.parameters = parameters
        let strings = StringTable(), lists = ListTable()
        @Sendable func ctx(_ c: AnyObject) -> EligibilityContext { unsafeDowncast(c, to: EligibilityContext.self) }
        @Sendable func text(_ code: Int64) -> String { strings.text(for: code) ?? "" }
        let textSets = TextSetCache()
        @Sendable func texts(_ handle: Int64) -> Set<String> {
            textSets.set(handle) { Set(lists.elements(of: handle).map(text)) }
        }
        // Parameter values by the code of their id (interned now: a call is one integer look-up).
        let byCode = Dictionary(parameters.all.map { (strings.intern($0.id), $0.value) }, uniquingKeysWith: { a, _ in a })
        // By code (codes count from 0): an array index, no hashing.
        var table = [Int64?](repeating: nil, count: Int(byCode.keys.max() ?? 0) + 1)
        for (code, value) in byCode { table[Int(code)] = value }
        let values = table
        let functions: [HostFunction] = [
            HostFunction("param", parameters: [.string], result: .int) { _, a in
                a[0] >= 0 && a[0] < Int64(values.count) ? values[Int(a[0])] ?? 0 : 0
            },
            HostFunction("consecutive_years", parameters: [.list(.string), .int], result: .int) { c, a in
                let c = ctx(c), wanted = texts(a[0])
                var year = Int(a[1]), n: Int64 = 0
                while c.held(wanted, in: year) { n += 1; year -= 1 }
                return n
            },
            HostFunction("consecutive_ratings", parameters: [.list(.string), .int], result: .int) { c, a in
                let c = ctx(c), wanted = texts(a[0])
                var year = Int(a[1]), n: Int64 = 0
                while let d = c.duty(in: year), wanted.contains(d.rawValue) { n += 1; year -= 1 }
                return n
            },
            HostFunction("held", parameters: [.string, .int], result: .bool) { c, a in
                ctx(c).held([text(a[0])], in: Int(a[1])) ? 1 : 0
            },
            HostFunction("rating_in", parameters: [.int], result: .string) { c, a in
                strings.intern(ctx(c).duty(in: Int(a[0]))?.rawValue ?? "")
            },
            HostFunction("initiatives_in", parameters: [.int, .int], result: .int) { c, a in
                guard ctx(c).hasInitiatives else { return 0 } // none to count
                return Int64(ctx(c).usableInitiatives(from: Int(a[0]), to: Int(a[1])).count)
            },
            HostFunction("initiatives_at_level", parameters: [.list(.string), .int, .int], result: .int) { c, a in
                guard ctx(c).hasInitiatives else { return 0 } // none to count
                let levels = texts(a[0])
                return Int64(ctx(c).usableInitiatives(from: Int(a[1]), to: Int(a[2]), where: { levels.contains($0.level) }).count)
            },
            HostFunction("achievements_in", parameters: [.list(.string), .list(.string), .int, .int], result: .int) { c, a in
                guard ctx(c).hasInitiatives else { return 0 } // none to count
                let kinds = texts(a[0]), scopes = texts(a[1])
                return Int64(ctx(c).usableInitiatives(from: Int(a[2]), to: Int(a[3]), kinds: kinds, where: { scopes.contains($0.effectiveScope) }).count)
            },
            HostFunction("successive_cycles", parameters: [.list(.string), .int, .int], result: .int) { c, a in
                Int64(ctx(c).successiveCycles(texts(a[0]), cycle: Int(a[1]), until: Int(a[2])))
            },
            HostFunction("achievements_at_scope", parameters: [.list(.string), .int, .int, .int], result: .int) { c, a in
                guard ctx(c).hasInitiatives else { return 0 } // none to count
                let kinds = texts(a[0]), least = a[1]
                return Int64(ctx(c).usableInitiatives(from: Int(a[2]), to: Int(a[3]), kinds: kinds,
                                                      where: { EligibilitySchema.scopeRank($0.effectiveScope) >= least }).count)
            },
            HostFunction("date_in", parameters: [.int, .int], result: .date) { _, a in
                Int64(EligibilitySchema.date(in: Int(a[0]), monthDay: Int(a[1])).dayNumber)
            },
            HostFunction("min", parameters: [.int, .int], result: .int) { _, a in Swift.min(a[0], a[1]) },
            HostFunction("max", parameters: [.int, .int], result: .int) { _, a in Swift.max(a[0], a[1]) },
            HostFunction("max_initiative_benefit", parameters: [.int, .int], result: .int) { c, a in
                guard ctx(c).hasInitiatives else { return 0 } // none to count
                return ctx(c).usableInitiatives(from: Int(a[0]), to: Int(a[1])).map(\.benefitVND).max() ?? 0
            },
            HostFunction("initiative_benefit_in", parameters: [.int, .int], result: .int) { c, a in
                guard ctx(c).hasInitiatives else { return 0 } // none to count
                return ctx(c).usableInitiatives(from: Int(a[0]), to: Int(a[1])).reduce(0) { $0 &+ $1.benefitVND }
            },
            HostFunction("months_of_service", parameters: [.date], result: .int) { c, a in
                guard let hired = ctx(c).serviceStart else { return EligibilitySchema.unknown }
                return Int64(EligibilitySchema.wholeMonths(from: hired, through: CivilDate(dayNumber: Int(a[0]))))
            },
            HostFunction("years_since", parameters: [.string, .int], result: .int) { c, a in
                let id = text(a[0]), year = Int(a[1])
                let previous = ctx(c).receivedAwards.filter { $0.award == id && $0.isSteppingStone && $0.year < year }
                guard let base = previous.map(\.intervalBaseYear).max() else { return EligibilitySchema.unknown }
                return Int64(year - base)
            },
            HostFunction("years_since_any", parameters: [.list(.string), .int], result: .int) { c, a in
                let ids = texts(a[0]), year = Int(a[1])
                let previous = ctx(c).receivedAwards.filter { ids.contains($0.award) && $0.isSteppingStone && $0.year < year }
                guard let base = previous.map(\.intervalBaseYear).max() else { return EligibilitySchema.unknown }
                return Int64(year - base)
            },
            HostFunction("times_held", parameters: [.list(.string), .int, .int], result: .int) { c, a in
                let ids = texts(a[0]), range = Int(a[1])...max(Int(a[1]), Int(a[2]))
                return Int64(ctx(c).receivedAwards.filter { ids.contains($0.award) && $0.isSteppingStone && range.contains($0.year) }.count)
            },
            HostFunction("share_reaching", parameters: [.string, .int], result: .int) { c, a in
                guard !ctx(c).isTypedPerson, let (n, total) = EligibilitySchema.members(ctx(c).nominee, text(a[0]), Int(a[1])), total > 0 else { return 0 }
                return Int64(n) * 10_000 / Int64(total)
            },
            HostFunction("share_above", parameters: [.string, .int, .int], result: .bool) { c, a in
                guard !ctx(c).isTypedPerson, let (n, total) = EligibilitySchema.members(ctx(c).nominee, text(a[0]), Int(a[1])), total > 0 else { return 0 }
                return EligibilitySchema.compareShare(n, of: total, with: a[2]) > 0 ? 1 : 0
            },
            HostFunction("share_at_least", parameters: [.string, .int, .int], result: .bool) { c, a in
                guard !ctx(c).isTypedPerson, let (n, total) = EligibilitySchema.members(ctx(c).nominee, text(a[0]), Int(a[1])), total > 0 else { return 0 }
                return EligibilitySchema.compareShare(n, of: total, with: a[2]) >= 0 ? 1 : 0
            },
        ]
        // A history function reads the nominee: in a batch (a context with a memo) it runs
        // once per nominee and arguments, its result shared by every criterion, template and
        // award that calls it. The functions of their arguments alone are cheaper than a look-up.
        let own: Set<String> = ["param", "date_in", "min", "max"]
        let shared = functions.enumerated().map { k, f -> HostFunction in
            guard !own.contains(f.name) else { return f }
            let body = f.implementation
            return HostFunction(f.name, parameters: f.parameters, result: f.result) { c, a in
                guard let memo = ctx(c).memo else { return body(c, a) }
                return memo.value(k, a) { body(c, a) }
            }
        }
        schema = ExpressionSchema(variables: Self.variables, functions: shared, strings: strings, lists: lists)
        codes = FactCodes(strings)
        for (k, (name, _)) in Self.variables.enumerated() { precondition(schema.variable(named: name)?.slot == k) }
    }

    /// How many members of a collective `nominee` had `status` in `year`, and of how many;
    /// `nil` for a person, a year without counts or an unknown status.
    static func members(_ nominee: NomineeFacts, _ status: String, _ year: Int) -> (Int, Int)? {
        guard case .collective(let t) = nominee, let m = t.years[year]?.members else { return nil }
        switch status {
        case "lao_dong_tien_tien": return (m.ldtt, m.total)
        case "chien_si_thi_dua_co_so": return (m.cstdcs, m.total)
        case "completed_duty": return (m.completedDuty, m.total)
        case "disciplined": return (m.disciplinedWarningOrAbove, m.total)
        default: return nil
        }
    }

    /// The exact sign of `reached / total − threshold / 10 000` (`threshold` in percent × 100),
    /// compared in integers (`reached × 10 000` against `threshold × total`), never after
    /// rounding a percentage: 2 501 of 5 001 is above 50 % although it rounds to 50.00 %.
    static func compareShare(_ reached: Int, of total: Int, with threshold: Int64) -> Int {
        // Both products in 128 bits (high word signed, low word unsigned): exact for any counts.
        let left = Int64(reached).multipliedFullWidth(by: 10_000)
        let right = threshold.multipliedFullWidth(by: Int64(total))
        if left.high != right.high { return left.high < right.high ? -1 : 1 }
        if left.low != right.low { return left.low < right.low ? -1 : 1 }
        return 0
    }

    /// The rank of a scope of effect: 1 `co_so`, 2 `tinh` or `bo` (Bộ, ban, ngành, tỉnh),
    /// 3 `toan_quoc`; 0 for anything else.
    static func scopeRank(_ scope: String) -> Int64 {
        switch scope {
        case "co_so": 1
        case "tinh", "bo": 2
        case "toan_quoc": 3
        default: 0
        }
    }

    /// The day `monthDay` (MMDD: 1231 = 31 December) of `year`; a month outside 1…12 is
    /// clamped into it and a day past the month's end is its last day.
    static func date(in year: Int, monthDay: Int) -> CivilDate {
        let month = min(12, max(1, monthDay / 100))
        // Built unchecked: the year comes from a rule's arithmetic and may be any integer.
        return CivilDate(unchecked: year, month, min(CivilDate.daysInMonth(year: year, month: month), max(1, monthDay % 100)))
    }

    /// Whole months from `start` to the end of `end` (1 July → 31 December is 6).
    static func wholeMonths(from start: CivilDate, through end: CivilDate) -> Int {
        let next = end.adding(days: 1)
        var months = (next.year - start.year) * 12 + (next.month - start.month)
        if next.day < start.day { months -= 1 }
        return max(0, months)
    }

    /// The fact row of `nominee` for `year`; `award` (the award being decided) lets an
    /// initiative already used for that very award and year still count in `initiatives`.
    /// `asOf` is the day proceedings are checked on (default: 31 December of `year`).
    /// `periodStart` is the first year of the achievement period (default `year`).
    ///
    /// Filled slot by slot (slot = position in ``variables``), with the codes of the fact
    /// values interned once when the schema was made: no dictionary, no string built.
    public func row(for nominee: NomineeFacts, year: Int, award: String? = nil, asOf: CivilDate? = nil, periodStart: Int? = nil) -> [Int64] {
        var row = [Int64](repeating: 0, count: Self.variables.count)
        fill(&row, for: nominee, year: year, award: award, asOf: asOf, periodStart: periodStart)
        return row
    }

    /// Fills `row` (``variables`` slots, zeroed) for `nominee` and `year`, as ``row(for:year:award:asOf:periodStart:)``.
    func fill(_ row: inout [Int64], for nominee: NomineeFacts, year: Int, award: String?, asOf: CivilDate?, periodStart: Int? = nil) {
        typealias S = Slot
        let c = codes
        row[S.year] = Int64(year)
        row[S.periodStart] = Int64(periodStart ?? year)
        row[S.yearStart] = Int64(CivilDate(unchecked: year, 1, 1).dayNumber)
        row[S.yearEnd] = Int64(CivilDate(unchecked: year, 12, 31).dayNumber)
        row[S.isCollective] = nominee.isCollective ? 1 : 0
        if !nominee.proceedings.isEmpty {
            let asOf = asOf ?? CivilDate(unchecked: year, 12, 31)
            var pending: Int64 = 0
            for p in nominee.proceedings where p.isPending(at: asOf) { pending += 1 }
            row[S.pendingProceedings] = pending
        }
        switch nominee {
        case .individual(let p):
            if let r = p.years[year] {
                row[S.dutyRating] = r.duty.map { c.duty[$0.ordinal] } ?? 0
                row[S.monthsWorked] = Int64(r.monthsWorked)
                row[S.leaveReason] = r.leave.map { c.leave[$0.ordinal] } ?? 0
                if let d = r.heaviestDiscipline {
                    row[S.discipline] = c.discipline[d.rank - 1]
                    row[S.disciplineRank] = Int64(d.rank)
                }
            }
            var count: Int64 = 0, benefit: Int64 = 0
            for i in p.initiatives where i.kind == "sang_kien" && i.recognised.year == year && (i.usedFor == nil || (i.usedFor?.award == award && i.usedFor?.year == year)) {
                count += 1
                benefit = benefit &+ i.benefitVND
            }
            row[S.initiatives] = count
            row[S.benefitVND] = benefit
            row[S.isLeader] = p.isLeader ? 1 : 0
            row[S.unionMember] = p.unionMember ? 1 : 0
            row[S.continuousService] = p.continuousService ? 1 : 0
            if let e = p.education {
                row[S.education] = c.education[e.rank - 1]
                row[S.educationRank] = Int64(e.rank)
            }
            if let h = p.hireDate { row[S.hireDate] = Int64(h.dayNumber) }
        case .collective(let t):
            let r = t.years[year]
            row[S.dutyRating] = r?.duty.map { c.duty[$0.ordinal] } ?? 0
            if let m = r?.members {
                row[S.members] = Int64(m.total)
                row[S.membersLDTT] = Int64(m.ldtt)
                row[S.membersCSTDCS] = Int64(m.cstdcs)
                row[S.membersCompletedDuty] = Int64(m.completedDuty)
                row[S.membersDisciplined] = Int64(m.disciplinedWarningOrAbove)
            }
        }
    }

    /// ``fill(_:for:year:award:asOf:periodStart:)`` for person `k` of typed rows (a person none
    /// of whose initiatives served an award, with no hire date, education or proceedings, a
    /// union member with continuous service): the same slots, without making the person.
    /// `row` must be all zeros.
    func fill(_ row: inout [Int64], rows: PersonRows, _ k: Int, year: Int, periodStart: Int) {
        typealias S = Slot
        let c = codes
        row[S.year] = Int64(year)
        row[S.periodStart] = Int64(periodStart)
        row[S.yearStart] = Int64(CivilDate(unchecked: year, 1, 1).dayNumber)
        row[S.yearEnd] = Int64(CivilDate(unchecked: year, 12, 31).dayNumber)
        if let r = rows.row(k, year: year) {
            row[S.dutyRating] = r.duty >= 0 ? c.duty[Int(r.duty)] : 0
            row[S.monthsWorked] = Int64(r.months)
            row[S.leaveReason] = r.leave >= 0 ? c.leave[Int(r.leave)] : 0
            if r.discipline > 0 {
                row[S.discipline] = c.discipline[Int(r.discipline) - 1]
                row[S.disciplineRank] = Int64(r.discipline)
            }
            // Every initiative is a `sang_kien`, the first carrying the year's whole benefit.
            if r.initiatives > 0 {
                row[S.initiatives] = Int64(r.initiatives)
                row[S.benefitVND] = r.benefit
            }
        }
        row[S.isLeader] = rows.leaders[k] ? 1 : 0
        row[S.unionMember] = 1
        row[S.continuousService] = 1
    }

    /// The slots of ``variables``, by name.
    enum Slot {
        static let year = 0, yearStart = 1, yearEnd = 2, isCollective = 3, dutyRating = 4, monthsWorked = 5, leaveReason = 6,
                   discipline = 7, disciplineRank = 8, initiatives = 9, benefitVND = 10, isLeader = 11, unionMember = 12,
                   continuousService = 13, education = 14, educationRank = 15, hireDate = 16, pendingProceedings = 17,
                   members = 18, membersLDTT = 19, membersCSTDCS = 20, membersCompletedDuty = 21, membersDisciplined = 22,
                   periodStart = 23
    }

    /// The string codes of the coded fact values, by case order.
    struct FactCodes: Sendable {
        var duty: [Int64], leave: [Int64], discipline: [Int64], education: [Int64]

        init(_ strings: StringTable) {
            duty = DutyRating.allCases.map { strings.intern($0.rawValue) }
            leave = LeaveReason.allCases.map { strings.intern($0.rawValue) }
            discipline = DisciplineLevel.allCases.map { strings.intern($0.rawValue) }
            education = EducationLevel.allCases.map { strings.intern($0.rawValue) }
        }
    }
}

extension DutyRating {
    /// The position of the case in `allCases`.
    var ordinal: Int {
        switch self {
        case .excellent: 0
        case .good: 1
        case .completed: 2
        case .notCompleted: 3
        }
    }
}

extension LeaveReason {
    /// The position of the case in `allCases`.
    var ordinal: Int {
        switch self {
        case .maternity: 0
        case .illness: 1
        case .training: 2
        case .injury: 3
        case .other: 4
        }
    }
}

/// The texts of interned string lists as sets, made once per list handle (the lists a rule
/// passes to history functions are constants: a handful per rule set).
final class TextSetCache: @unchecked Sendable {  // `sets` is guarded by `lock`
    private let lock = NSLock()
    private var sets: [Int64: Set<String>] = [:]

    func set(_ handle: Int64, _ make: () -> Set<String>) -> Set<String> {
        lock.lock()
        if let s = sets[handle] {
            lock.unlock()
            return s
        }
        lock.unlock()
        let s = make()
        lock.lock()
        sets[handle] = s
        lock.unlock()
        return s
    }
}
