import Foundation
import Testing
@testable import KhenThuongCore
@testable import KhenThuongDefinitions
@testable import KhenThuongStore
@testable import KhenThuongKit
@testable import KhenThuongBench

/// Working days from the shipped `workflows/calendar.json`.
@Suite struct CalendarTests {
    typealias T = TestSupport

    static func calendar() throws -> WorkingCalendar { try T.definitions().calendar }

    @Test("Working days: weekdays, minus Tết and the 30/4–2/5 swap, plus the make-up Saturdays", arguments: [
        (T.day(2025, 1, 24), true),   // Friday before Tết
        (T.day(2025, 1, 25), false),  // Saturday
        (T.day(2025, 1, 26), false),  // Sunday
        (T.day(2025, 1, 27), false), (T.day(2025, 1, 28), false), (T.day(2025, 1, 29), false),
        (T.day(2025, 1, 30), false), (T.day(2025, 1, 31), false),  // Tết Ất Tỵ
        (T.day(2025, 2, 3), true),    // back to work
        (T.day(2025, 4, 7), false),   // Giỗ Tổ Hùng Vương
        (T.day(2025, 4, 25), true),
        (T.day(2025, 4, 26), true),   // Saturday worked to make up 2/5
        (T.day(2025, 4, 27), false),
        (T.day(2025, 4, 30), false), (T.day(2025, 5, 1), false), (T.day(2025, 5, 2), false),
        (T.day(2025, 5, 3), false),   // an ordinary Saturday
        (T.day(2025, 5, 5), true),
        (T.day(2025, 9, 1), false), (T.day(2025, 9, 2), false),
        (T.day(2024, 5, 4), true),    // 2024's make-up Saturday
        (T.day(2024, 4, 29), false),  // 2024's swapped Monday
    ])
    func isWorkingDay(_ date: CivilDate, _ worked: Bool) throws {
        #expect(try Self.calendar().isWorkingDay(date) == worked)
    }

    @Test("Holidays carry their names; ordinary days and weekends have none")
    func holidayNames() throws {
        let calendar = try Self.calendar()
        #expect([T.day(2025, 1, 29), T.day(2025, 5, 2), T.day(2025, 1, 24), T.day(2025, 1, 25)].map { calendar.holiday($0) } == [
            LocalizedText(vi: "Tết Nguyên đán", en: "Lunar New Year (Tết)"),
            LocalizedText(vi: "Nghỉ hoán đổi (đã làm bù)", en: "Swapped day off (worked on a make-up day)"),
            nil, nil,
        ])
    }

    @Test("Adding working days skips weekends and holidays and counts make-up Saturdays", arguments: [
        (T.day(2025, 1, 24), 1, T.day(2025, 2, 3)),    // Friday before Tết → first day after
        (T.day(2025, 1, 23), 10, T.day(2025, 2, 13)),  // a 10-day public notice opened before Tết
        (T.day(2025, 1, 26), 1, T.day(2025, 2, 3)),    // from a Sunday
        (T.day(2025, 1, 28), 0, T.day(2025, 1, 28)),   // zero days: the day itself, holiday or not
        (T.day(2025, 1, 24), 3, T.day(2025, 2, 5)),    // the ad-hoc 3-day deadline
        (T.day(2025, 4, 25), 1, T.day(2025, 4, 26)),   // Friday → the make-up Saturday
        (T.day(2025, 4, 26), 1, T.day(2025, 4, 28)),
        (T.day(2025, 4, 29), 1, T.day(2025, 5, 5)),    // over 30/4, 1/5, 2/5 and the weekend
        (T.day(2025, 4, 22), 10, T.day(2025, 5, 8)),   // the yearly 10-day supplement deadline
        (T.day(2025, 8, 29), 1, T.day(2025, 9, 3)),    // over Quốc khánh
        (T.day(2025, 12, 31), 1, T.day(2026, 1, 2)),   // over New Year into 2026
    ])
    func addingWorkingDays(_ from: CivilDate, _ n: Int, _ expected: CivilDate) throws {
        #expect(try Self.calendar().adding(workingDays: n, to: from) == expected)
    }

    @Test("Working days after one day through another, the first not counted", arguments: [
        (T.day(2025, 1, 24), T.day(2025, 2, 3), 1),
        (T.day(2025, 1, 23), T.day(2025, 2, 12), 9),
        (T.day(2025, 1, 23), T.day(2025, 2, 13), 10),
        (T.day(2025, 1, 26), T.day(2025, 1, 31), 0),   // all Tết
        (T.day(2025, 4, 25), T.day(2025, 5, 5), 4),    // 26/4, 28/4, 29/4, 5/5
        (T.day(2025, 4, 22), T.day(2025, 5, 8), 10),
        (T.day(2025, 5, 8), T.day(2025, 5, 8), 0),     // same day
        (T.day(2025, 5, 8), T.day(2025, 4, 22), 0),    // backwards
        (T.day(2025, 1, 1), T.day(2025, 12, 31), 250), // 261 weekdays − 1/1 − 11 weekday holidays + 26/4
    ])
    func workingDaysBetween(_ from: CivilDate, _ to: CivilDate, _ expected: Int) throws {
        #expect(try Self.calendar().workingDays(after: from, through: to) == expected)
    }

    @Test("Counting back what was added gives the same number, from any day of early 2025", arguments: 0...30)
    func addingAndCountingAgree(_ n: Int) throws {
        let calendar = try Self.calendar()
        var disagree: [String] = []
        var start = T.day(2025, 1, 1)
        while start <= T.day(2025, 5, 31) {
            let due = calendar.adding(workingDays: n, to: start)
            let counted = calendar.workingDays(after: start, through: due)
            // The due day itself is a working day unless nothing was added.
            if counted != n || (n > 0 && !calendar.isWorkingDay(due)) { disagree.append("\(start) + \(n) = \(due): \(counted)") }
            start = start.adding(days: 1)
        }
        #expect(disagree == [])
    }

    @Test("The weekdays-only calendar knows no holidays")
    func weekdaysOnly() {
        let c = WorkingCalendar.weekdaysOnly
        #expect([c.isWorkingDay(T.day(2025, 1, 27)), c.isWorkingDay(T.day(2025, 4, 26))] == [true, false])
        #expect(c.adding(workingDays: 5, to: T.day(2025, 1, 24)) == T.day(2025, 1, 31))
    }

    @Test("A calendar file with a day that does not exist is refused where the date is")
    func calendarWithABadDate() {
        let text = """
            {"years": [{"year": 2025, "daysOff": [
              {"date": "2025-02-29", "name": {"vi": "Ngày lạ", "en": "Odd day"}}
            ], "makeUpDays": ["26/04/2025", 7]}]}
            """
        let (calendar, findings) = WorkingCalendar.parse(text, file: "calendar.json")
        #expect(calendar == nil)
        #expect(findings.map { $0.rendered(.en) } == [
            "calendar.json:2:12: error: $.years[0].daysOff[0].date: the date 2025-02-29 does not exist in the calendar; check the day and the month",
            "calendar.json:3:33: error: $.years[0].makeUpDays[1]: a make-up day must be a YYYY-MM-DD string",
        ])
    }
}

@Suite struct CalendarOutsideDataTests {
    @Test("Outside the years calendar.json covers, fixed-date holidays (Bộ luật Lao động 2019 Điều 112) still apply")
    func fixedHolidaysOutsideData() throws {
        let calendar = try TestSupport.definitions().calendar
        let newYear2027 = try CivilDate(year: 2027, month: 1, day: 1)      // a Friday, not in the data
        let labourDay2027 = try CivilDate(year: 2027, month: 4, day: 30)   // a Friday
        let ordinary = try CivilDate(year: 2027, month: 1, day: 4)         // a Monday
        #expect(!calendar.isWorkingDay(newYear2027))
        #expect(!calendar.isWorkingDay(labourDay2027))
        #expect(calendar.isWorkingDay(ordinary))
        #expect(calendar.holiday(newYear2027)?.vi == "Tết Dương lịch")
        #expect(calendar.adding(workingDays: 1, to: try CivilDate(year: 2026, month: 12, day: 31)) == ordinary)
    }
}
