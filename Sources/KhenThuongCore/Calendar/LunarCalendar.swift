import Foundation

/// A day of the Vietnamese lunar calendar (âm lịch): day, month 1–12, the lunar year (the
/// Gregorian year in which its month 1 begins) and whether the month is a leap month (tháng nhuận).
public struct LunarDate: Sendable, Hashable, CustomStringConvertible {
    public let day: Int
    public let month: Int
    public let year: Int
    public let isLeapMonth: Bool

    public init(day: Int, month: Int, year: Int, isLeapMonth: Bool = false) {
        self.day = day
        self.month = month
        self.year = year
        self.isLeapMonth = isLeapMonth
    }

    /// `10/3/2027`, with `n` after the month of a leap month (`15/11n/2033`).
    public var description: String { "\(day)/\(month)\(isLeapMonth ? "n" : "")/\(year)" }
}

/// The Vietnamese lunar calendar, computed astronomically for the meridian of UTC+7.
///
/// A lunar month begins on the civil day (UTC+7) of a new moon. Month 11 is the month that
/// contains the winter solstice. When two consecutive months 11 are 13 months apart, the
/// first month after month 11 that contains no major solar term (trung khí: the sun's
/// longitude crossing a multiple of 30°) is the leap month and repeats the number of the
/// month before it.
///
/// New moons use the truncated series of Meeus, *Astronomical Algorithms* (ch. 49) and the
/// sun's longitude the low-precision formula of the same book (ch. 25), as published by
/// Hồ Ngọc Đức for the Vietnamese calendar; the code here is written from those formulas.
/// Results are checked against published Tết dates for 1990–2050; the astronomy is good to
/// minutes, so it is used for Gregorian years 1900–2100 only (`supportedYears`).
///
/// Every function is pure: no clock, no time zone database.
public enum LunarCalendar {
    /// Gregorian years for which lunar dates are computed.
    public static let supportedYears = 1900...2100

    /// Hours east of Greenwich of the meridian the Vietnamese calendar is computed for.
    static let timeZone = 7.0

    /// The Julian day number of the noon of 1970-01-01 (day number 0 of `CivilDate`).
    static let julianDayOfEpoch = 2_440_588

    /// The mean length of a lunation (synodic month) in days.
    static let synodicMonth = 29.530588853

    /// The Julian day of the new moon of 1900-01-01 that lunation 0 counts from.
    static let lunationZero = 2_415_021.076998695

    // MARK: Astronomy

    /// The instant (Julian day, Terrestrial → Universal Time corrected) of the `k`th new moon
    /// after the one of 1900-01-01.
    static func newMoon(_ k: Int) -> Double {
        let k = Double(k)
        let t = k / 1236.85
        let t2 = t * t, t3 = t2 * t
        let dr = Double.pi / 180
        var jd = 2_415_020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3
        jd += 0.00033 * sin((166.56 + 132.87 * t - 0.009173 * t2) * dr)
        let m = (359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3) * dr      // the sun's mean anomaly
        let mm = (306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3) * dr    // the moon's mean anomaly
        let f = (21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3) * dr      // the moon's argument of latitude
        var c = (0.1734 - 0.000393 * t) * sin(m) + 0.0021 * sin(2 * m)
        c += -0.4068 * sin(mm) + 0.0161 * sin(2 * mm) - 0.0004 * sin(3 * mm)
        c += 0.0104 * sin(2 * f) - 0.0051 * sin(m + mm) - 0.0074 * sin(m - mm)
        c += 0.0004 * sin(2 * f + m) - 0.0004 * sin(2 * f - m) - 0.0006 * sin(2 * f + mm)
        c += 0.0010 * sin(2 * f - mm) + 0.0005 * sin(2 * mm + m)
        // ΔT (Terrestrial minus Universal Time), in days.
        let deltaT = t < -11
            ? 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3
            : -0.000278 + 0.000265 * t + 0.000262 * t2
        return jd + c - deltaT
    }

    /// The sun's apparent longitude in radians, in [0, 2π), at Julian day `jd`.
    static func sunLongitude(_ jd: Double) -> Double {
        let t = (jd - 2_451_545.0) / 36525
        let t2 = t * t
        let dr = Double.pi / 180
        let m = 357.52910 + 35999.05030 * t - 0.0001559 * t2 - 0.00000048 * t * t2   // mean anomaly, degrees
        let l0 = 280.46645 + 36000.76983 * t + 0.0003032 * t2                       // mean longitude, degrees
        var dl = (1.914600 - 0.004817 * t - 0.000014 * t2) * sin(dr * m)
        dl += (0.019993 - 0.000101 * t) * sin(dr * 2 * m) + 0.000290 * sin(dr * 3 * m)
        let l = (l0 + dl) * dr
        let turn = 2 * Double.pi
        return l - turn * (l / turn).rounded(.down)
    }

    /// The Julian day number of the civil day (UTC+7) of the `k`th new moon.
    static func newMoonDay(_ k: Int) -> Int {
        Int((newMoon(k) + 0.5 + timeZone / 24).rounded(.down))
    }

    /// Which 30° sector (0…11, 0 = from the spring equinox) the sun is in at the start of
    /// civil day `jdn` (UTC+7). Sector 9 begins at the winter solstice.
    static func sunSector(_ jdn: Int) -> Int {
        Int((sunLongitude(Double(jdn) - 0.5 - timeZone / 24) / Double.pi * 6).rounded(.down))
    }

    /// The lunation number of the new moon nearest to or before Julian day `jdn`.
    static func lunation(_ jdn: Int, rounded: Bool) -> Int {
        let x = (Double(jdn) - lunationZero) / synodicMonth
        return Int((rounded ? x + 0.5 : x).rounded(.down))
    }

    // MARK: Months

    /// The Julian day number on which lunar month 11 of Gregorian year `year` begins: the
    /// month containing the winter solstice of that year.
    static func month11(_ year: Int) -> Int {
        let dec31 = CivilDate(unchecked: year, 12, 31).dayNumber + julianDayOfEpoch
        let k = Int((Double(dec31 - 2_415_021) / synodicMonth).rounded(.down))
        let start = newMoonDay(k)
        // A new moon after the solstice (sun in sector 9 or beyond) begins month 12: step back.
        return sunSector(start) >= 9 ? newMoonDay(k - 1) : start
    }

    /// In a 13-month year beginning at month 11 (`month11Start`), how many months after it
    /// the leap month comes: the first month whose sun sector does not change (no major term).
    static func leapMonthOffset(_ month11Start: Int) -> Int {
        let k = lunation(month11Start, rounded: true)
        var i = 1
        var sector = sunSector(newMoonDay(k + i))
        var last: Int
        repeat {
            last = sector
            i += 1
            sector = sunSector(newMoonDay(k + i))
        } while sector != last && i < 14
        return i - 1
    }

    /// The number of the month a leap month `offset` months after month 11 repeats.
    static func monthNumber(_ offset: Int) -> Int { (offset + 9) % 12 + 1 }

    // MARK: Conversions

    /// The lunar date of a Gregorian day; nil outside `supportedYears`.
    public static func lunar(_ date: CivilDate) -> LunarDate? {
        guard supportedYears.contains(date.year) else { return nil }
        let jdn = date.dayNumber + julianDayOfEpoch
        // The estimate from the mean lunation can be one month off either way near a new moon.
        var k = lunation(jdn, rounded: false) + 1
        while newMoonDay(k) > jdn { k -= 1 }
        let monthStart = newMoonDay(k)
        var a11 = month11(date.year)
        var b11 = a11
        var lunarYear: Int
        if a11 >= monthStart {
            lunarYear = date.year
            a11 = month11(date.year - 1)
        } else {
            lunarYear = date.year + 1
            b11 = month11(date.year + 1)
        }
        let day = jdn - monthStart + 1
        let diff = (monthStart - a11) / 29
        var month = diff + 11
        var leap = false
        if b11 - a11 > 365 {
            let leapOffset = leapMonthOffset(a11)
            if diff >= leapOffset {
                month = diff + 10
                leap = diff == leapOffset
            }
        }
        if month > 12 { month -= 12 }
        if month >= 11 && diff < 4 { lunarYear -= 1 }
        return LunarDate(day: day, month: month, year: lunarYear, isLeapMonth: leap)
    }

    /// The Gregorian day of a lunar date; nil when the lunar year is outside `supportedYears`,
    /// the month is not a leap month of that year although `isLeapMonth` says so, or the day
    /// is past the month's end.
    public static func solar(_ lunar: LunarDate) -> CivilDate? {
        guard supportedYears.contains(lunar.year), (1...12).contains(lunar.month), (1...30).contains(lunar.day) else { return nil }
        let (a11, b11) = lunar.month < 11
            ? (month11(lunar.year - 1), month11(lunar.year))
            : (month11(lunar.year), month11(lunar.year + 1))
        let k = lunation(a11, rounded: true)
        var offset = lunar.month - 11
        if offset < 0 { offset += 12 }
        if b11 - a11 > 365 {
            let leapOffset = leapMonthOffset(a11)
            if lunar.isLeapMonth && lunar.month != monthNumber(leapOffset) { return nil }
            if lunar.isLeapMonth || offset >= leapOffset { offset += 1 }
        } else if lunar.isLeapMonth {
            return nil
        }
        let start = newMoonDay(k + offset)
        guard start + lunar.day - 1 < newMoonDay(k + offset + 1) else { return nil }
        return CivilDate(dayNumber: start + lunar.day - 1 - julianDayOfEpoch)
    }

    /// The leap month of lunar year `year` (the year whose month 1 begins in Gregorian
    /// `year`), or nil when the year has twelve months. A leap month 11 or 12 after the
    /// year's own month 11 counts for this lunar year.
    public static func leapMonth(ofLunarYear year: Int) -> Int? {
        guard supportedYears.contains(year) else { return nil }
        let (a, b, c) = (month11(year - 1), month11(year), month11(year + 1))
        // Between a and b only a leap month 1–10 belongs to `year`; between b and c only 11–12.
        if b - a > 365, case let m = monthNumber(leapMonthOffset(a)), m <= 10 { return m }
        if c - b > 365, case let m = monthNumber(leapMonthOffset(b)), m >= 11 { return m }
        return nil
    }

    /// Tết Nguyên đán: lunar 1/1 of the lunar year beginning in Gregorian `year`.
    public static func tet(_ year: Int) -> CivilDate? { solar(LunarDate(day: 1, month: 1, year: year)) }

    /// Giỗ Tổ Hùng Vương: lunar 10/3 of the lunar year beginning in Gregorian `year`.
    public static func hungKings(_ year: Int) -> CivilDate? { solar(LunarDate(day: 10, month: 3, year: year)) }
}
