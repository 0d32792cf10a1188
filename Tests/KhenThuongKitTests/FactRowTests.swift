import Testing
@testable import KhenThuongCore
@testable import KhenThuongKit

/// The fact row filled slot by slot (issue 15) holds, for every variable the rules may read,
/// exactly what the row built from a dictionary of named values held before it (the
/// implementation at main 3b776ab, copied below as the oracle): `period_start`, only initiatives
/// of kind `sang_kien` in `initiatives` and `benefit_vnd` (Luật 06/2022/QH15 Điều 5 khoản 2: an
/// initiative used for another award is not counted again), the proceedings open on `asOf`.
@Suite struct FactRowTests {
    static func day(_ y: Int, _ m: Int, _ d: Int) -> CivilDate { CivilDate(unchecked: y, m, d) }

    /// The dictionary-built row of main 3b776ab, kept as the reference.
    static func dictionaryRow(_ schema: EligibilitySchema, _ nominee: NomineeFacts, year: Int, award: String?, asOf: CivilDate?, periodStart: Int?) -> [Int64] {
        let asOf = asOf ?? CivilDate(unchecked: year, 12, 31)
        var v: [String: ExpressionValue] = [
            "year": .int(Int64(year)),
            "period_start": .int(Int64(periodStart ?? year)),
            "year_start": .date(CivilDate(unchecked: year, 1, 1)),
            "year_end": .date(CivilDate(unchecked: year, 12, 31)),
            "is_collective": .bool(nominee.isCollective),
            "pending_proceedings": .int(Int64(nominee.proceedings.filter { $0.isPending(at: asOf) }.count)),
        ]
        switch nominee {
        case .individual(let p):
            let r = p.years[year]
            v["duty_rating"] = .string(r?.duty?.rawValue ?? "")
            v["months_worked"] = .int(Int64(r?.monthsWorked ?? 0))
            v["leave_reason"] = .string(r?.leave?.rawValue ?? "")
            v["discipline"] = .string(r?.heaviestDiscipline?.rawValue ?? "")
            v["discipline_rank"] = .int(Int64(r?.heaviestDiscipline?.rank ?? 0))
            let usable = p.initiatives.filter {
                $0.kind == "sang_kien" && $0.recognised.year == year && ($0.usedFor == nil || ($0.usedFor?.award == award && $0.usedFor?.year == year))
            }
            v["initiatives"] = .int(Int64(usable.count))
            v["benefit_vnd"] = .int(usable.reduce(0) { $0 &+ $1.benefitVND })
            v["is_leader"] = .bool(p.isLeader)
            v["union_member"] = .bool(p.unionMember)
            v["continuous_service"] = .bool(p.continuousService)
            v["education"] = .string(p.education?.rawValue ?? "")
            v["education_rank"] = .int(Int64(p.education?.rank ?? 0))
            if let h = p.hireDate { v["hire_date"] = .date(h) }
        case .collective(let c):
            let r = c.years[year]
            v["duty_rating"] = .string(r?.duty?.rawValue ?? "")
            if let m = r?.members {
                v["members"] = .int(Int64(m.total))
                v["members_ldtt"] = .int(Int64(m.ldtt))
                v["members_cstdcs"] = .int(Int64(m.cstdcs))
                v["members_completed_duty"] = .int(Int64(m.completedDuty))
                v["members_disciplined"] = .int(Int64(m.disciplinedWarningOrAbove))
            }
        }
        return schema.schema.row(v)
    }

    static let person = NomineeFacts.individual(Individual(
        id: "P1", name: "Lê Thị Mai", unit: "U1", hireDate: day(2019, 7, 1), continuousService: false, isLeader: true,
        education: .master, unionMember: false,
        years: [2024: YearRecord(duty: .good, monthsWorked: 9, leave: .maternity,
                                 disciplines: [Discipline(level: .reprimand, date: day(2024, 3, 1)), Discipline(level: .demotion, date: day(2024, 5, 1))]),
                2025: YearRecord(duty: .excellent)],
        proceedings: [PendingProceeding(kind: .inspection, opened: day(2025, 2, 1)),
                      PendingProceeding(kind: .complaint, opened: day(2025, 3, 1), closed: day(2025, 6, 1))],
        initiatives: [
            Initiative(id: "A", title: "", level: "co_so", recognised: day(2025, 3, 1), benefitVND: 30_000_000),
            Initiative(id: "B", title: "", level: "tinh", recognised: day(2025, 4, 1), benefitVND: 90_000_000, kind: "de_tai", scope: "tinh"),
            Initiative(id: "C", title: "", level: "co_so", recognised: day(2025, 5, 1), benefitVND: 50_000_000,
                       usedFor: AwardUse(award: "chien_si_thi_dua_co_so", year: 2025)),
            Initiative(id: "D", title: "", level: "co_so", recognised: day(2025, 6, 1), benefitVND: 7_000_000,
                       usedFor: AwardUse(award: "bang_lao_dong_sang_tao", year: 2025)),
            Initiative(id: "E", title: "", level: "co_so", recognised: day(2024, 6, 1), benefitVND: 1_000, kind: "muu_tri"),
        ]))

    static let unknownPerson = NomineeFacts.individual(Individual(id: "P2", name: "Trần Văn B", unit: "U1"))

    static let collective = NomineeFacts.collective(Collective(
        id: "T1", name: "Tổ Một", unit: "U1",
        years: [2025: CollectiveYear(duty: .completed, members: MemberCounts(total: 20, ldtt: 15, cstdcs: 3, completedDuty: 19, disciplinedWarningOrAbove: 1))],
        proceedings: [PendingProceeding(kind: .disciplineReview, opened: day(2025, 11, 1))]))

    @Test("The slot-filled row equals the dictionary-built row for every variable (period_start, sang_kien only, proceedings on the day)",
          arguments: [person, unknownPerson, collective])
    func sameRow(_ nominee: NomineeFacts) throws {
        let schema = try ShippedRules.rules().schema
        let awards: [String?] = [nil, "chien_si_thi_dua_co_so"], days: [CivilDate?] = [nil, Self.day(2025, 4, 1)], starts: [Int?] = [nil, 2021]
        for year in [2024, 2025] { for award in awards { for asOf in days { for periodStart in starts {
            let filled = schema.row(for: nominee, year: year, award: award, asOf: asOf, periodStart: periodStart)
            let reference = Self.dictionaryRow(schema, nominee, year: year, award: award, asOf: asOf, periodStart: periodStart)
            #expect(filled == reference, "\(nominee.id) \(year) \(award ?? "-") \(String(describing: asOf)) \(String(describing: periodStart))")
        } } } }
        // The rows are not all zero: the comparison sees the facts.
        #expect(schema.row(for: nominee, year: 2025, periodStart: 2021)[EligibilitySchema.Slot.periodStart] == 2021)
    }
}
