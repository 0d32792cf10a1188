import Testing
@testable import KhenThuongCore
@testable import KhenThuongDefinitions
@testable import KhenThuongStore
@testable import KhenThuongKit
@testable import KhenThuongBench

/// The history functions of ``EligibilitySchema``, evaluated through the expression language.
@Suite struct HistoryFunctionTests {
    static func value(_ expression: String, _ nominee: NomineeFacts, year: Int = 2025, award: String = "chien_si_thi_dua_co_so") throws -> ExpressionValue {
        let schema = try ShippedRules.rules().schema
        let compiled = try ExpressionCompiler.compile(ExpressionSource(expression), schema: schema.schema)
        let context = EligibilityContext(nominee: nominee, award: award, year: year)
        return try compiled.value(schema.row(for: nominee, year: year), context: context)
    }

    static func date(_ s: String) -> CivilDate { try! CivilDate(parsing: s) }

    static let person = NomineeFacts.individual(Individual(
        id: "P1", name: "Lê Thị Mai", unit: "U1", hireDate: date("2025-07-01"),
        years: [2022: YearRecord(duty: .excellent), 2023: YearRecord(duty: .excellent), 2024: YearRecord(duty: .good), 2025: YearRecord(duty: .excellent)],
        initiatives: [
            Initiative(id: "A", title: "", level: "co_so", recognised: date("2023-03-01"), benefitVND: 30_000_000),
            Initiative(id: "B", title: "", level: "tinh", recognised: date("2024-03-01"), benefitVND: 90_000_000,
                       usedFor: AwardUse(award: "bang_lao_dong_sang_tao", year: 2024)),
            Initiative(id: "C", title: "", level: "co_so", recognised: date("2025-03-01"), benefitVND: 50_000_000,
                       usedFor: AwardUse(award: "chien_si_thi_dua_co_so", year: 2025)),
        ],
        awards: [
            ReceivedAward(award: "chien_si_thi_dua_co_so", year: 2021),
            ReceivedAward(award: "chien_si_thi_dua_co_so", year: 2022, decisionDate: date("2023-01-15")),
            ReceivedAward(award: "chien_si_thi_dua_co_so", year: 2023, thematic: true),
            ReceivedAward(award: "chien_si_thi_dua_co_so", year: 2024),
            ReceivedAward(award: "bang_khen_tong_lien_doan", year: 2023, decisionDate: date("2024-02-01"),
                          periodFrom: date("2021-01-01"), periodTo: date("2022-12-31")),
            ReceivedAward(award: "bang_khen_ldld_tinh", year: 2024, adHoc: true),
        ]))

    @Test("history functions read the nominee passed as the context", arguments: [
        // a thematic award in 2023 breaks the streak: only 2024 counts
        (#"consecutive_years(["chien_si_thi_dua_co_so"], 2024)"#, ExpressionValue.int(1)),
        (#"consecutive_years(["chien_si_thi_dua_co_so"], 2022)"#, .int(2)),
        (#"consecutive_years(["chien_si_thi_dua_co_so"], 2025)"#, .int(0)),
        (#"consecutive_ratings(["HTXSNV"], 2023)"#, .int(2)),
        (#"consecutive_ratings(["HTXSNV", "HTTNV"], 2025)"#, .int(4)),
        (#"held("chien_si_thi_dua_co_so", 2024)"#, .bool(true)),
        (#"held("bang_khen_ldld_tinh", 2024)"#, .bool(false)),
        (#"rating_in(2024)"#, .string("HTTNV")),
        // B was used for Bằng LĐST 2024; C was used for this award and year, so it counts
        (#"initiatives_in(2023, 2025)"#, .int(2)),
        (#"max_initiative_benefit(2023, 2025)"#, .int(50_000_000)),
        (#"initiative_benefit_in(2023, 2025)"#, .int(80_000_000)),
        (#"initiatives_at_level(["tinh"], 2023, 2025)"#, .int(0)),
        // hired 1 July 2025: exactly 6 months at 31 December, 5 at 30 December
        (#"months_of_service(year_end)"#, .int(6)),
        (#"months_of_service(date("2025-12-30"))"#, .int(5)),
        // counted from the end of the achievement period (2022), not the decision (2024)
        (#"years_since("bang_khen_tong_lien_doan", 2025)"#, .int(3)),
        // the 2023 CSTĐCS is thematic; the 2022 one states no period, so it counts from its decision (2023)
        (#"years_since("chien_si_thi_dua_co_so", 2024)"#, .int(1)),
        (#"years_since("chien_si_thi_dua_toan_quoc", 2025)"#, .int(9999)),
        // the most recent of several awards counts
        (#"years_since_any(["bang_khen_tong_lien_doan", "chien_si_thi_dua_co_so"], 2025)"#, .int(1)),
        // the thematic 2023 title is not counted
        (#"times_held(["chien_si_thi_dua_co_so"], 2021, 2024)"#, .int(3)),
    ])
    func individual(expression: String, expected: ExpressionValue) throws {
        #expect(try Self.value(expression, Self.person) == expected)
    }

    @Test("share_reaching is a percentage × 100 rounded down: 7 of 10 is exactly 7000", arguments: [
        (7, 10, Int64(7000)), (2, 3, 6666), (0, 0, 0), (10, 10, 10000),
    ])
    func share(ldtt: Int, total: Int, expected: Int64) throws {
        let team = NomineeFacts.collective(Collective(id: "T1", name: "Tổ 1", unit: "U1",
                                                      years: [2025: CollectiveYear(duty: .excellent, members: MemberCounts(total: total, ldtt: ldtt))]))
        #expect(try Self.value(#"share_reaching("lao_dong_tien_tien", 2025)"#, team) == .int(expected))
    }

    @Test("share_above (\"trên X %\") and share_at_least (\"từ X % trở lên\") compare exactly, never a rounded percentage", arguments: [
        // 2,501 of 5,001 is 50.0099…%: it rounds (down) to 50.00 % yet is above 50 %
        (2501, 5001, Int64(5000), true, true),
        // exactly 50 %: not above 50 %, but "from 50 % up"
        (2500, 5000, 5000, false, true),
        (2499, 5000, 5000, false, false),
        // 3,499 of 4,999 is 69.99…%: under 70 %
        (3499, 4999, 7000, false, false),
        (7000, 10000, 7000, false, true),
        (0, 0, 0, false, false),
    ])
    func exactShare(ldtt: Int, total: Int, threshold: Int64, above: Bool, atLeast: Bool) throws {
        let team = NomineeFacts.collective(Collective(id: "T1", name: "Tổ 1", unit: "U1",
                                                      years: [2025: CollectiveYear(duty: .excellent, members: MemberCounts(total: total, ldtt: ldtt))]))
        #expect(try Self.value(#"share_above("lao_dong_tien_tien", 2025, \#(threshold))"#, team) == .bool(above))
        #expect(try Self.value(#"share_at_least("lao_dong_tien_tien", 2025, \#(threshold))"#, team) == .bool(atLeast))
    }

    @Test("2,501 of 5,001 members still displays as 50.00 % (rounded down, for display only)")
    func roundedDisplay() throws {
        let team = NomineeFacts.collective(Collective(id: "T1", name: "Tổ 1", unit: "U1",
                                                      years: [2025: CollectiveYear(duty: .excellent, members: MemberCounts(total: 5001, ldtt: 2501))]))
        #expect(try Self.value(#"share_reaching("lao_dong_tien_tien", 2025)"#, team) == .int(5000))
    }

    @Test("an initiative skipped because it served another award is remembered with that first use")
    func skippedInitiativesAreNoted() throws {
        let schema = try ShippedRules.rules().schema
        let compiled = try ExpressionCompiler.compile(ExpressionSource("initiatives_in(2024, 2024)"), schema: schema.schema)
        let context = EligibilityContext(nominee: Self.person, award: "chien_si_thi_dua_co_so", year: 2025)
        #expect(try compiled.value(schema.row(for: Self.person, year: 2025), context: context) == .int(0))
        #expect(context.skippedInitiatives == ["B": AwardUse(award: "bang_lao_dong_sang_tao", year: 2024)])
    }
}
