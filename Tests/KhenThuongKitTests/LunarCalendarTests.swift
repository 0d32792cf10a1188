import Foundation
import Testing
@testable import KhenThuongCore

/// The Vietnamese lunar calendar (UTC+7) against published dates.
@Suite struct LunarCalendarTests {
    typealias T = TestSupport

    /// Tết Nguyên đán (lunar 1/1) from 1990 to 2050, as month and day.
    ///
    /// Source: the published Chinese New Year tables (Wikipedia “Chinese New Year”; the
    /// 1996–2019 part as reproduced at 101kidz.com/holidays/chinese/calendar.html and
    /// xian-tours.cn/china-information/ChineseCalendar.html), which are computed for UTC+8,
    /// corrected where Vietnam's UTC+7 new moon falls on the day before: 2007 (China 18/2,
    /// Vietnam 17/2) and 2030 (China 3/2, Vietnam 2/2), the two differences Hồ Ngọc Đức's
    /// “Âm lịch Việt Nam” lists in this span. 2017–2027 also match LEGAL.md's list.
    static let tet: [Int: (Int, Int)] = [
        1990: (1, 27), 1991: (2, 15), 1992: (2, 4), 1993: (1, 23), 1994: (2, 10), 1995: (1, 31), 1996: (2, 19),
        1997: (2, 7), 1998: (1, 28), 1999: (2, 16), 2000: (2, 5), 2001: (1, 24), 2002: (2, 12), 2003: (2, 1),
        2004: (1, 22), 2005: (2, 9), 2006: (1, 29), 2007: (2, 17), 2008: (2, 7), 2009: (1, 26), 2010: (2, 14),
        2011: (2, 3), 2012: (1, 23), 2013: (2, 10), 2014: (1, 31), 2015: (2, 19), 2016: (2, 8), 2017: (1, 28),
        2018: (2, 16), 2019: (2, 5), 2020: (1, 25), 2021: (2, 12), 2022: (2, 1), 2023: (1, 22), 2024: (2, 10),
        2025: (1, 29), 2026: (2, 17), 2027: (2, 6), 2028: (1, 26), 2029: (2, 13), 2030: (2, 2), 2031: (1, 23),
        2032: (2, 11), 2033: (1, 31), 2034: (2, 19), 2035: (2, 8), 2036: (1, 28), 2037: (2, 15), 2038: (2, 4),
        2039: (1, 24), 2040: (2, 12), 2041: (2, 1), 2042: (1, 22), 2043: (2, 10), 2044: (1, 30), 2045: (2, 17),
        2046: (2, 6), 2047: (1, 26), 2048: (2, 14), 2049: (2, 2), 2050: (1, 23),
    ]

    @Test("Tết (lunar 1/1) from 1990 to 2050 matches the published table")
    func tetTable() {
        #expect(Self.tet.count == 61)
        var wrong: [String] = []
        for (year, (month, day)) in Self.tet.sorted(by: { $0.key < $1.key }) {
            let computed = LunarCalendar.tet(year)
            if computed != T.day(year, month, day) { wrong.append("\(year): \(computed.map(\.description) ?? "nil")") }
        }
        #expect(wrong == [])
    }

    @Test("Famous Tết dates, and the years Vietnam (UTC+7) differs from China (UTC+8)", arguments: [
        (2024, T.day(2024, 2, 10)), (2025, T.day(2025, 1, 29)), (2026, T.day(2026, 2, 17)), (2027, T.day(2027, 2, 6)),
        (1985, T.day(1985, 1, 21)),  // China: 20/2; Vietnam's month 11 came a month earlier
        (2007, T.day(2007, 2, 17)),  // China: 18/2
        (2030, T.day(2030, 2, 2)),   // China: 3/2
    ])
    func famousTet(_ year: Int, _ expected: CivilDate) {
        #expect(LunarCalendar.tet(year) == expected)
    }

    @Test("The 2033 problem: for UTC+7 the leap month is 11 (tháng 11 nhuận, from 22/12/2033), and Tết 2034 is 19/02")
    func leapMonth2033() {
        #expect(LunarCalendar.leapMonth(ofLunarYear: 2033) == 11)
        #expect(LunarCalendar.lunar(T.day(2033, 11, 22)) == LunarDate(day: 1, month: 11, year: 2033))
        #expect(LunarCalendar.lunar(T.day(2033, 12, 22)) == LunarDate(day: 1, month: 11, year: 2033, isLeapMonth: true))
        #expect(LunarCalendar.lunar(T.day(2034, 1, 20)) == LunarDate(day: 1, month: 12, year: 2033))
        #expect(LunarCalendar.solar(LunarDate(day: 1, month: 11, year: 2033, isLeapMonth: true)) == T.day(2033, 12, 22))
        #expect(LunarCalendar.tet(2034) == T.day(2034, 2, 19))
    }

    @Test("Leap months of recent years (năm nhuận), and none in ordinary years", arguments: [
        (2004, 2), (2006, 7), (2009, 5), (2012, 4), (2014, 9), (2017, 6), (2020, 4), (2023, 2), (2025, 6), (2028, 5),
        (2024, nil), (2026, nil), (2027, nil),
    ] as [(Int, Int?)])
    func leapMonths(_ year: Int, _ month: Int?) {
        #expect(LunarCalendar.leapMonth(ofLunarYear: year) == month)
    }

    @Test("Giỗ Tổ Hùng Vương (lunar 10/3)", arguments: [
        (2020, T.day(2020, 4, 2)), (2021, T.day(2021, 4, 21)), (2022, T.day(2022, 4, 10)), (2023, T.day(2023, 4, 29)),
        (2024, T.day(2024, 4, 18)), (2025, T.day(2025, 4, 7)), (2026, T.day(2026, 4, 26)), (2027, T.day(2027, 4, 16)),
    ])
    func hungKings(_ year: Int, _ expected: CivilDate) {
        #expect(LunarCalendar.hungKings(year) == expected)
    }

    @Test("Solar → lunar → solar gives the same day across 1900–2100, and impossible lunar dates are nil")
    func roundTrip() {
        var wrong: [String] = []
        var d = T.day(1900, 3, 1)
        while d <= T.day(2100, 11, 30) {
            if let l = LunarCalendar.lunar(d) {
                if LunarCalendar.solar(l) != d || !(1...30).contains(l.day) { wrong.append("\(d) → \(l)") }
            } else { wrong.append("\(d) → nil") }
            d = d.adding(days: 11)
        }
        #expect(wrong == [])
        #expect(LunarCalendar.solar(LunarDate(day: 1, month: 5, year: 2024, isLeapMonth: true)) == nil)  // 2024 has no leap month
        #expect(LunarCalendar.tet(1899) == nil && LunarCalendar.tet(2101) == nil)
    }
}
