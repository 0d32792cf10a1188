import Foundation
import Testing
@testable import KhenThuongCore
@testable import KhenThuongDefinitions
@testable import KhenThuongKit

/// Days off computed from Bộ luật Lao động 2019 for years `calendar.json` does not confirm,
/// and the refusal to count a deadline in such a year unless the computed calendar is accepted.
@Suite struct ComputedCalendarTests {
    typealias T = TestSupport

    static func shipped(accepting: Bool = false) throws -> WorkingCalendar {
        var c = try T.definitions().calendar
        if accepting { c.computedYears = .accept }
        return c
    }

    @Test("The shipped calendar confirms 2024–2026, lists 2027 as computed and refuses computed years by default")
    func shippedYears() throws {
        let c = try Self.shipped()
        #expect(c.confirmedYears == [2024, 2025, 2026] && c.coveredYears == 2024...2026)
        #expect(c.computedYears == .refuse)
        #expect(!c.isConfirmed(2027) && c.isConfirmed(2025) && WorkingCalendar.weekdaysOnly.isConfirmed(2027))
    }

    @Test("Điều 112 k1 computed for 2026 gives exactly the days off confirmed in calendar.json")
    func computedMatchesConfirmed2026() throws {
        let c = try Self.shipped()
        let confirmed = Dictionary(uniqueKeysWithValues: c.daysOff.filter { CivilDate(dayNumber: $0.key).year == 2026 }
            .map { (CivilDate(dayNumber: $0.key), $0.value) })
        #expect(PublicHolidays.daysOff(2026) == confirmed)
    }

    @Test("Điều 112 k1 in 2027: Tết is the last day of Bính Ngọ and mùng 1–4 Đinh Mùi (5–9/02), Giỗ Tổ 16/4, Quốc khánh 2–3/9")
    func holidays2027() {
        let days = PublicHolidays.holidays(2027).map { "\($0.date) \($0.name.vi)" }
        #expect(days == [
            "2027-01-01 Tết Dương lịch",
            "2027-02-05 Tết Nguyên đán", "2027-02-06 Tết Nguyên đán", "2027-02-07 Tết Nguyên đán",
            "2027-02-08 Tết Nguyên đán", "2027-02-09 Tết Nguyên đán",
            "2027-04-16 Giỗ Tổ Hùng Vương", "2027-04-30 Ngày Chiến thắng 30/4", "2027-05-01 Quốc tế Lao động 1/5",
            "2027-09-02 Quốc khánh 2/9", "2027-09-03 Quốc khánh 2/9",
        ])
    }

    @Test("Điều 111 k3: a holiday on a weekend gives a compensatory day on the next working day", arguments: [
        // Tết 2027: mùng 1 and mùng 2 fall on Saturday 6/2 and Sunday 7/2 → off Wednesday 10/2 and Thursday 11/2.
        (T.day(2027, 2, 10), "Nghỉ bù (ngày lễ trùng cuối tuần)"), (T.day(2027, 2, 11), "Nghỉ bù (ngày lễ trùng cuối tuần)"),
        // 1/5/2027 is a Saturday; Friday 30/4 is itself a holiday → Monday 3/5.
        (T.day(2027, 5, 3), "Nghỉ bù (ngày lễ trùng cuối tuần)"),
        // 1/1/2028 is a Saturday → Monday 3/1.
        (T.day(2028, 1, 3), "Nghỉ bù (ngày lễ trùng cuối tuần)"),
        // Giỗ Tổ 2026 (26/4, a Sunday) → Monday 27/4, as calendar.json confirms.
        (T.day(2026, 4, 27), "Nghỉ bù (ngày lễ trùng cuối tuần)"),
    ])
    func compensatoryDay(_ date: CivilDate, _ name: String) throws {
        let c = try Self.shipped()
        #expect(c.holiday(date)?.vi == name)
        #expect(!c.isWorkingDay(date))
        #expect(c.isWorkingDay(T.day(2027, 2, 12)))  // Friday after Tết 2027: back to work
    }

    @Test("The day next to Quốc khánh follows the announced pattern of 2021–2026", arguments: [
        (2021, 3), (2022, 1), (2023, 1), (2024, 3), (2025, 1), (2026, 1), (2027, 3),
    ])
    func nationalDayCompanion(_ year: Int, _ day: Int) {
        #expect(PublicHolidays.nationalDayCompanion(year) == T.day(year, 9, day))
    }

    @Test("A 3-working-day supplement requested on 2027-02-04 is due 2027-02-16, no longer on mùng 4 Tết (2027-02-09)")
    func supplementOverTet2027() throws {
        let c = try Self.shipped(accepting: true)
        #expect(c.adding(workingDays: 3, to: T.day(2027, 2, 4)) == T.day(2027, 2, 16))
        #expect(WorkingCalendar.weekdaysOnly.adding(workingDays: 3, to: T.day(2027, 2, 4)) == T.day(2027, 2, 9))
    }

    /// An ad-hoc dossier whose supplement was requested on 2027-02-04 (3 working days to return it).
    static func needsSupplement2027() -> Dossier {
        T.dossier(workflow: "adhoc", award: "giay_khen_dot_xuat", state: "needs_supplement", previousState: "appraisal",
                  documents: ["cover_letter"], dueDate: nil, enteredStateAt: T.time(2027, 2, 4))
    }

    @Test("Through the machine, with the computed calendar accepted, the supplement returned 2027-02-15 is on time")
    func machineAcceptsComputed() throws {
        var context = try T.context()
        context.calendar.computedYears = .accept
        let result = DossierMachine.decide(Self.needsSupplement2027(), EventRequest(event: "resubmit", attach: ["supplement"]),
                                           by: T.officer(), at: T.time(2027, 2, 15), in: try T.workflow("adhoc"), context: context)
        let transition = try #require(result.transition)
        #expect(transition.effects.contains(.deadlineMet(T.day(2027, 2, 16))))
    }

    @Test("A deadline counted in 2027, whose days off are not confirmed, is refused naming the year and calendar.json")
    func refusedUnconfirmedYear() throws {
        let result = try T.decide(Self.needsSupplement2027(), EventRequest(event: "resubmit", attach: ["supplement"]),
                                  by: T.officer(), at: T.time(2027, 2, 15), in: try T.workflow("adhoc"))
        let refusal = try #require(result.refusal)
        #expect(refusal.reasons == [.calendarNotConfirmed(year: 2027)])
        let text = Refusal.describe(refusal.reasons[0], .en, workflow: try T.workflow("adhoc"))
        #expect(text.contains("2027") && text.contains("workflows/calendar.json") && text.contains("KHENTHUONG_COMPUTED_CALENDAR=accept"))
    }

    @Test("A deadline that starts in a confirmed year and ends in an unconfirmed one is refused too")
    func refusedAcrossTheYearEnd() throws {
        let c = try Self.shipped()
        #expect(c.refusedYear(from: T.day(2026, 12, 28), through: T.day(2027, 1, 8)) == 2027)
        #expect(c.refusedYear(from: T.day(2026, 12, 1), through: T.day(2026, 12, 31)) == nil)
        #expect(try Self.shipped(accepting: true).refusedYear(from: T.day(2026, 12, 28), through: T.day(2027, 1, 8)) == nil)
        #expect(WorkingCalendar.weekdaysOnly.refusedYear(from: T.day(2030, 1, 1), through: T.day(2030, 2, 1)) == nil)
    }

    @Test("calendar.json: the policy and the status are checked, and a day off outside its year is named")
    func parsingPolicyAndStatus() {
        let good = #"{"computedYears": "accept", "years": [{"year": 2027, "status": "computed", "makeUpDays": ["2027-02-20"]}]}"#
        let (c, none) = WorkingCalendar.parse(good, file: "calendar.json")
        #expect(none == [])
        #expect(c?.computedYears == .accept && c?.confirmedYears == [])
        #expect(c?.isWorkingDay(T.day(2027, 2, 20)) == true && c?.isWorkingDay(T.day(2027, 2, 10)) == false)
        let bad = #"{"computedYears": "maybe", "years": [{"year": 2027, "status": "guessed", "daysOff": [{"date": "2028-01-02", "name": {"vi": "x", "en": "x"}}]}]}"#
        let (none2, findings) = WorkingCalendar.parse(bad, file: "calendar.json")
        #expect(none2 == nil)
        #expect(findings.map { $0.location?.path } == ["$.computedYears", "$.years[0].status", "$.years[0].daysOff[0].date"])
    }
}
