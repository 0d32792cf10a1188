import Foundation

/// A calendar day (year, month, day) with no time and no zone.
///
/// Deadlines and working days are counted in Vietnamese civil days (UTC+7, no daylight
/// saving). Arithmetic goes through a day number (days since 1970-01-01), so it is exact.
public struct CivilDate: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Vietnam's offset from UTC in seconds (UTC+7 all year).
    public static let vietnamOffset = 7 * 3600

    /// A date that is known to exist; use `init(year:month:day:)` throwing variant for input.
    package init(unchecked year: Int, _ month: Int, _ day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// The years a date may have: the range the working-day calendar and the rules are written for.
    public static let supportedYears = 1900...2200

    /// Validates and builds a date.
    /// - Throws: `DateError.doesNotExist` for a day such as 2025-02-29.
    public init(year: Int, month: Int, day: Int) throws(DateError) {
        guard (1...12).contains(month), Self.supportedYears.contains(year),
              day >= 1, day <= CivilDate.daysInMonth(year: year, month: month) else {
            throw DateError.doesNotExist(String(format: "%04d-%02d-%02d", year, month, day))
        }
        self.init(unchecked: year, month, day)
    }

    /// Parses `YYYY-MM-DD` (ISO 8601) or `DD/MM/YYYY` (Vietnamese usage).
    /// - Throws: `DateError.malformed` or `DateError.doesNotExist`.
    public init(parsing text: String) throws(DateError) {
        let t = text.trimmingCharacters(in: .whitespaces)
        let parts: [Substring]
        let ymd: (Int, Int, Int)?
        if t.contains("-") {
            parts = t.split(separator: "-", omittingEmptySubsequences: false)
            if parts.count == 3, parts[0].count == 4, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) {
                ymd = (y, m, d)
            } else { ymd = nil }
        } else {
            parts = t.split(separator: "/", omittingEmptySubsequences: false)
            if parts.count == 3, parts[2].count == 4, let d = Int(parts[0]), let m = Int(parts[1]), let y = Int(parts[2]) {
                ymd = (y, m, d)
            } else { ymd = nil }
        }
        guard let (y, m, d) = ymd else { throw DateError.malformed(text) }
        try self.init(year: y, month: m, day: d)
    }

    /// The Vietnamese civil day of an instant.
    public init(_ instant: Date) {
        let seconds = Int(instant.timeIntervalSince1970.rounded(.down)) + CivilDate.vietnamOffset
        let days = seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400
        self = CivilDate(dayNumber: days)
    }

    /// Days since 1970-01-01 (negative before).
    public var dayNumber: Int {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    /// The date `dayNumber` days after 1970-01-01.
    ///
    /// A day number beyond ±10¹² (a date computed from a huge integer in a rule, found by the
    /// expression fuzz target) is clamped there instead of overflowing.
    public init(dayNumber z0: Int) {
        let z = min(max(z0, -1_000_000_000_000), 1_000_000_000_000) + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.init(unchecked: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    /// ISO weekday: 1 = Monday … 7 = Sunday.
    public var isoWeekday: Int {
        let w = (dayNumber + 3) % 7 // 1970-01-01 was a Thursday
        return (w < 0 ? w + 7 : w) + 1
    }

    /// The date `n` calendar days later (earlier when negative).
    public func adding(days n: Int) -> CivilDate { CivilDate(dayNumber: dayNumber + n) }

    /// `YYYY-MM-DD`.
    public var description: String { String(format: "%04d-%02d-%02d", year, month, day) }

    /// `DD/MM/YYYY`, as Vietnamese documents write dates.
    public var vietnamese: String { String(format: "%02d/%02d/%04d", day, month, year) }

    /// The date written for `language`: `DD/MM/YYYY` in Vietnamese, `YYYY-MM-DD` in English.
    public func formatted(_ language: Language) -> String { language == .vi ? vietnamese : description }

    public static func < (a: CivilDate, b: CivilDate) -> Bool { a.dayNumber < b.dayNumber }

    package static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do { try self.init(parsing: text) } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.message(.en)))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}

/// A date that cannot be read or does not exist.
public enum DateError: Error, Sendable, Equatable {
    /// The text is not `YYYY-MM-DD` or `DD/MM/YYYY`.
    case malformed(String)
    /// The text names a day that is not in the calendar, such as 2025-02-29.
    case doesNotExist(String)

    /// A sentence saying what is wrong and how to write it instead.
    public func message(_ language: Language) -> String {
        switch (self, language) {
        case (.malformed(let t), .vi): "“\(t)” không phải là ngày hợp lệ; hãy viết YYYY-MM-DD (ví dụ 2025-12-31) hoặc DD/MM/YYYY"
        case (.malformed(let t), .en): "“\(t)” is not a date; write YYYY-MM-DD (for example 2025-12-31) or DD/MM/YYYY"
        case (.doesNotExist(let t), .vi): "ngày \(t) không tồn tại trong lịch; hãy kiểm tra ngày và tháng"
        case (.doesNotExist(let t), .en): "the date \(t) does not exist in the calendar; check the day and the month"
        }
    }
}
