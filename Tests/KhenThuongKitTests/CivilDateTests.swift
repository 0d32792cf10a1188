import Foundation
import Testing
@testable import KhenThuongCore
@testable import KhenThuongDefinitions
@testable import KhenThuongStore
@testable import KhenThuongKit
@testable import KhenThuongBench

@Suite struct CivilDateTests {
    typealias T = TestSupport

    @Test("Dates are read in ISO and in Vietnamese day/month/year order", arguments: [
        ("2025-01-27", T.day(2025, 1, 27)),
        ("27/01/2025", T.day(2025, 1, 27)),
        ("1/5/2025", T.day(2025, 5, 1)),
        ("2025-4-7", T.day(2025, 4, 7)),
        ("  30/04/2025 ", T.day(2025, 4, 30)),
        ("2024-02-29", T.day(2024, 2, 29)),
        ("29/02/2000", T.day(2000, 2, 29)),
        ("1900-01-01", T.day(1900, 1, 1)),
        ("31/12/2200", T.day(2200, 12, 31)),
    ])
    func parsing(_ text: String, _ expected: CivilDate) throws {
        #expect(try CivilDate(parsing: text) == expected)
    }

    @Test("Text that is not a date in either form is refused as malformed",
          arguments: ["", "hôm nay", "2025/01/27", "27-01-2025", "20250127", "25-01-27", "27/01/25", "2025-01", "2025-01-27T09:00"])
    func malformed(_ text: String) {
        #expect(throws: DateError.malformed(text)) { try CivilDate(parsing: text) }
    }

    @Test("A day that is not in the calendar is refused, named in ISO form", arguments: [
        ("2025-02-29", "2025-02-29"), ("29/02/2025", "2025-02-29"), ("1900-02-29", "1900-02-29"),
        ("2025-04-31", "2025-04-31"), ("2025-13-01", "2025-13-01"), ("00/01/2025", "2025-01-00"),
        ("1899-12-31", "1899-12-31"), ("2201-01-01", "2201-01-01"),
    ])
    func doesNotExist(_ text: String, _ named: String) {
        #expect(throws: DateError.doesNotExist(named)) { try CivilDate(parsing: text) }
    }

    @Test("Date errors read as whole sentences in both languages")
    func errorMessages() {
        #expect([DateError.doesNotExist("2025-02-29").message(.vi), DateError.doesNotExist("2025-02-29").message(.en),
                 DateError.malformed("hôm nay").message(.vi), DateError.malformed("hôm nay").message(.en)] == [
            "ngày 2025-02-29 không tồn tại trong lịch; hãy kiểm tra ngày và tháng",
            "the date 2025-02-29 does not exist in the calendar; check the day and the month",
            "“hôm nay” không phải là ngày hợp lệ; hãy viết YYYY-MM-DD (ví dụ 2025-12-31) hoặc DD/MM/YYYY",
            "“hôm nay” is not a date; write YYYY-MM-DD (for example 2025-12-31) or DD/MM/YYYY",
        ])
    }

    @Test("ISO weekdays", arguments: [
        (T.day(1970, 1, 1), 4), (T.day(1900, 1, 1), 1), (T.day(2000, 2, 29), 2), (T.day(2025, 1, 1), 3),
        (T.day(2025, 1, 27), 1), (T.day(2025, 4, 26), 6), (T.day(2025, 4, 27), 7), (T.day(2025, 9, 2), 2),
        (T.day(1969, 12, 31), 3), (T.day(2200, 12, 31), 3),
    ])
    func weekdays(_ date: CivilDate, _ isoWeekday: Int) {
        #expect(date.isoWeekday == isoWeekday)
    }

    @Test("Day numbers count from 1970-01-01", arguments: [
        (T.day(1970, 1, 1), 0), (T.day(1969, 12, 31), -1), (T.day(2025, 1, 1), 20_089), (T.day(2000, 3, 1), 11_017),
        (T.day(1900, 1, 1), -25_567), (T.day(2200, 12, 31), 84_370),
    ])
    func dayNumbers(_ date: CivilDate, _ number: Int) {
        #expect(date.dayNumber == number && CivilDate(dayNumber: number) == date)
    }

    @Test("Every day from 1900 to 2200 survives the day-number round trip and follows the one before")
    func dayNumberRoundTrip() throws {
        var wrong: [String] = []
        var previous = T.day(1899, 12, 31).dayNumber
        for year in 1900...2200 {
            for month in 1...12 {
                for day in 1...CivilDate.daysInMonth(year: year, month: month) {
                    let date = try CivilDate(year: year, month: month, day: day)
                    let n = date.dayNumber
                    if CivilDate(dayNumber: n) != date || n != previous + 1 { wrong.append(date.description) }
                    previous = n
                }
            }
        }
        #expect(wrong == [])
    }

    @Test("Adding days crosses months, leap days and years", arguments: [
        (T.day(2024, 12, 31), 1, T.day(2025, 1, 1)), (T.day(2024, 2, 28), 1, T.day(2024, 2, 29)),
        (T.day(2025, 2, 28), 1, T.day(2025, 3, 1)), (T.day(2025, 3, 1), -1, T.day(2025, 2, 28)),
        (T.day(2025, 1, 27), 365, T.day(2026, 1, 27)), (T.day(2025, 5, 8), 0, T.day(2025, 5, 8)),
    ])
    func addingDays(_ date: CivilDate, _ n: Int, _ expected: CivilDate) {
        #expect(date.adding(days: n) == expected)
    }

    @Test("Dates are written ISO in English and DD/MM/YYYY in Vietnamese")
    func formatting() {
        let d = T.day(2025, 5, 2)
        #expect([d.description, d.vietnamese, d.formatted(.en), d.formatted(.vi)] == ["2025-05-02", "02/05/2025", "2025-05-02", "02/05/2025"])
    }

    @Test("An instant falls on its Vietnamese civil day (UTC+7), also before 1970", arguments: [
        ("2025-01-26T16:59:59Z", T.day(2025, 1, 26)),
        ("2025-01-26T17:00:00Z", T.day(2025, 1, 27)),
        ("2025-04-30T23:30:00Z", T.day(2025, 5, 1)),
        ("1969-12-31T16:59:59Z", T.day(1969, 12, 31)),
        ("1969-12-31T17:00:00Z", T.day(1970, 1, 1)),
    ])
    func civilDayOfAnInstant(_ iso: String, _ expected: CivilDate) throws {
        let instant = try #require(ISO8601DateFormatter().date(from: iso))
        #expect(CivilDate(instant) == expected)
    }

    @Test("Dates order by day")
    func ordering() {
        #expect([T.day(2025, 5, 1), T.day(2024, 12, 31), T.day(2025, 1, 27)].sorted() == [T.day(2024, 12, 31), T.day(2025, 1, 27), T.day(2025, 5, 1)])
    }

    struct Holder: Codable, Equatable {
        var due: CivilDate
    }

    @Test("Dates encode as ISO strings and decode from either form")
    func codable() throws {
        let encoded = try JSONEncoder().encode(Holder(due: T.day(2025, 3, 31)))
        #expect(String(decoding: encoded, as: UTF8.self) == #"{"due":"2025-03-31"}"#)
        let decoded = try JSONDecoder().decode(Holder.self, from: Data(#"{"due":"31/03/2025"}"#.utf8))
        #expect(decoded == Holder(due: T.day(2025, 3, 31)))
    }

    @Test("Decoding a day that does not exist fails with the English message")
    func decodingADayThatDoesNotExist() {
        let error = #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(Holder.self, from: Data(#"{"due":"29/02/2025"}"#.utf8))
        }
        guard case .dataCorrupted(let context)? = error else { return }
        #expect(context.debugDescription == "the date 2025-02-29 does not exist in the calendar; check the day and the month")
    }
}
