import Foundation
import Testing
@testable import KhenThuongCore
@testable import KhenThuongDefinitions
@testable import KhenThuongStore
@testable import KhenThuongKit
@testable import KhenThuongBench

@Suite struct EligibilityVerdictTests {
    static func person(hire: String, months: Int, duty: DutyRating = .good) throws -> NomineeFacts {
        .individual(Individual(id: "P1", name: "Nguyễn Thị Hoa", unit: "U1", hireDate: try CivilDate(parsing: hire),
                               years: [2025: YearRecord(duty: duty, monthsWorked: months)]))
    }

    @Test("a newly recruited person under 6 months fails TT 01/2024 Điều 1 khoản 5 điểm d, explained in Vietnamese")
    func newRecruitVietnamese() throws {
        let set = try #require(try ShippedRules.rules()["lao_dong_tien_tien"])
        let verdict = set.evaluate(try Self.person(hire: "2025-08-01", months: 5), year: 2025)
        #expect(verdict.outcome == .notEligible)
        #expect(verdict.regime == "luat2022-2024")
        let line = try #require(verdict.criteria.first { $0.id == "ldtt.new_recruit" })
        #expect(line.rendered(.vi) == "✗ Thời gian công tác 5 tháng < 6 tháng — TT 01/2024/TT-BNV, Điều 1 khoản 5 điểm d")
        #expect(line.rendered(.en) == "✗ Service 5 months < 6 months — TT 01/2024/TT-BNV, Article 1(5)(d)")
    }

    @Test("the whole verdict renders a title line and one line per criterion in both languages")
    func wholeVerdict() throws {
        let set = try #require(try ShippedRules.rules()["lao_dong_tien_tien"])
        let verdict = set.evaluate(try Self.person(hire: "2020-01-01", months: 12), year: 2025)
        #expect(verdict.rendered(.vi) == """
        Nguyễn Thị Hoa (P1) — Lao động tiên tiến năm 2025: ĐỦ ĐIỀU KIỆN [chế độ luat2022-2024, quy tắc 1.1.0]
          ✓ Xếp loại HTTNV — Luật 06/2022/QH15, Điều 24 khoản 1 điểm a
          ✓ Thời gian công tác 72 tháng ≥ 6 tháng — TT 01/2024/TT-BNV, Điều 1 khoản 5 điểm d
          ✓ Kỷ luật trong năm: không — TT 01/2024/TT-BNV, Điều 1 khoản 5
        """)
        #expect(verdict.rendered(.en) == """
        Nguyễn Thị Hoa (P1) — Advanced Worker 2025: ELIGIBLE [regime luat2022-2024, rules 1.1.0]
          ✓ Duty rating HTTNV — Luật 06/2022/QH15, Article 24(1)(a)
          ✓ Service 72 months ≥ 6 months — TT 01/2024/TT-BNV, Article 1(5)(d)
          ✓ Discipline in the year: none — TT 01/2024/TT-BNV, Article 1(5)
        """)
    }

    @Test("a pending complaint defers under NĐ 98/2023 Điều 4 even when a criterion fails, and the note says so")
    func deferredNotRejected() throws {
        let set = try #require(try ShippedRules.rules()["lao_dong_tien_tien"])
        guard case .individual(var p) = try Self.person(hire: "2010-01-01", months: 12, duty: .completed) else { return }
        p.proceedings = [PendingProceeding(kind: .complaint, opened: try CivilDate(parsing: "2025-11-03"))]
        let verdict = set.evaluate(.individual(p), year: 2025)
        #expect(verdict.outcome == .deferred)
        #expect(verdict.failing == ["ldtt.duty"])
        #expect(verdict.notes.map(\.vi) == ["đang xác minh khiếu nại, tố cáo (từ 03/11/2025): tạm dừng xét, chưa khen thưởng — NĐ 98/2023/NĐ-CP, Điều 4"])
        #expect(verdict.notes.map(\.en) == ["a complaint is being verified (since 2025-11-03): deferred, not rejected — NĐ 98/2023/NĐ-CP, Article 4"])
    }

    @Test("an initiative already used for another award is not counted and the note names its first use (Luật 2022 Điều 5 k2)")
    func initiativeUsedTwice() throws {
        let set = try #require(try ShippedRules.rules()["chien_si_thi_dua_co_so"])
        let used = Initiative(id: "SK-7", title: "Cải tiến khuôn", level: "co_so", recognised: try CivilDate(parsing: "2023-04-01"),
                              benefitVND: 90_000_000, usedFor: AwardUse(award: "bang_lao_dong_sang_tao", year: 2023))
        let person = NomineeFacts.individual(Individual(id: "P2", name: "Trần Văn Nam", unit: "U1",
                                                        years: [2023: YearRecord(duty: .good)], initiatives: [used]))
        let verdict = set.evaluate(person, year: 2023)
        #expect(verdict.failing == ["cstdcs.initiative"])
        #expect(verdict.notes.map(\.en) == ["initiative \"SK-7\" was already used for bang_lao_dong_sang_tao 2023 and is not counted again (Luật 06/2022/QH15, Article 5(2))"])
    }

    @Test("a benefit threshold is written with thousands separators in each language")
    func groupedNumbers() throws {
        let set = try #require(try ShippedRules.rules()["bang_lao_dong_sang_tao"])
        let person = NomineeFacts.individual(Individual(id: "P3", name: "Phạm Thu", unit: "U1", years: [2025: YearRecord(duty: .good)],
            initiatives: [Initiative(id: "SK-1", title: "", level: "co_so", recognised: try CivilDate(parsing: "2025-02-01"), benefitVND: 80_000_000)]))
        let verdict = set.evaluate(person, year: 2025)
        #expect(verdict.outcome == .eligible)
        let line = try #require(verdict.criteria.first { $0.id == "ldst.benefit.worker" })
        #expect(line.explanation.vi.hasPrefix("Giá trị làm lợi năm 2025: 80.000.000 đồng (cần ≥ 80.000.000)"))
        #expect(line.explanation.en.hasPrefix("Benefit in 2025: 80,000,000 VND (needs ≥ 80,000,000)"))
        #expect(verdict.criteria.first { $0.id == "ldst.benefit.leader" }?.status == .notApplicable)
    }

    @Test("a verdict encodes to JSON and decodes to the same value")
    func codable() throws {
        let set = try #require(try ShippedRules.rules()["lao_dong_tien_tien"])
        let verdict = set.evaluate(try Self.person(hire: "2025-08-01", months: 5), year: 2025)
        let data = try JSONEncoder().encode(verdict)
        #expect(try JSONDecoder().decode(EligibilityVerdict.self, from: data) == verdict)
    }

    @Test("NĐ 98/2023 Điều 4: proceedings are checked on the day given, so a complaint opened after the year end defers a later check")
    func pendingOnTheDayOfTheCheck() throws {
        let set = try #require(try ShippedRules.rules()["lao_dong_tien_tien"])
        guard case .individual(var p) = try Self.person(hire: "2010-01-01", months: 12) else { return }
        p.proceedings = [PendingProceeding(kind: .inspection, opened: try CivilDate(parsing: "2026-01-20"))]
        #expect(set.evaluate(.individual(p), year: 2025).outcome == .eligible)
        #expect(set.evaluate(.individual(p), year: 2025, asOf: try CivilDate(parsing: "2026-02-15")).outcome == .deferred)
    }

    @Test("Luật 2022 Điều 5 k2: the initiative a granted CSTĐCS counted is used up, and a second use is refused naming the first")
    func grantedInitiativeIsUsedUp() throws {
        let rules = try ShippedRules.rules()
        let person = Individual(id: "P4", name: "Đỗ Minh", unit: "U1", years: [2023: YearRecord(duty: .good)],
                                initiatives: [Initiative(id: "SK-9", title: "", level: "co_so", recognised: try CivilDate(parsing: "2023-02-01"), benefitVND: 85_000_000)])
        let cstdcs = try #require(rules.evaluate(.individual(person), award: "chien_si_thi_dua_co_so", year: 2023))
        #expect(cstdcs.outcome == .eligible)
        #expect(cstdcs.initiativesCounted == ["SK-9"])
        let granted = try person.recordingUse(of: cstdcs.initiativesCounted, for: AwardUse(award: "chien_si_thi_dua_co_so", year: 2023))
        // the same initiative no longer reaches the Bằng LĐST threshold
        let ldst = try #require(rules.evaluate(.individual(granted), award: "bang_lao_dong_sang_tao", year: 2023))
        #expect(ldst.failing == ["ldst.benefit.worker"])
        let reuse = #expect(throws: InitiativeReuse.self) {
            try granted.recordingUse(of: ["SK-9"], for: AwardUse(award: "bang_lao_dong_sang_tao", year: 2023))
        }
        #expect(reuse?.message.en == "initiative \"SK-9\" was already used for chien_si_thi_dua_co_so 2023; it cannot serve bang_lao_dong_sang_tao 2023 too (Luật 06/2022/QH15, Article 5(2))")
    }
}
