import Foundation

/// The days off Bộ luật Lao động 2019 gives in a Gregorian year, computed: for years whose
/// official schedule is not (yet) in `calendar.json`.
///
/// Điều 112 khoản 1 fixes the holidays: Tết Dương lịch (1/1), Tết Âm lịch (5 days), Ngày
/// Chiến thắng (30/4), Quốc tế Lao động (1/5), Quốc khánh (2/9 and one adjacent day, before
/// or after), Giỗ Tổ Hùng Vương (10/3 âm lịch). Điều 112 khoản 3 leaves the exact Tết days and
/// the day next to 2/9 to the Prime Minister each year; this type computes the customary
/// choice (see `tetDays(_:)` and `nationalDayCompanion(_:)`), which the announcement can
/// change: the announced schedule is data. Điều 111 khoản 3: a holiday that falls on the
/// weekly rest day (Saturday or Sunday here) gives a compensatory day off (nghỉ bù) on the
/// next working day. Swapped days (hoán đổi, làm bù) are only ever data.
public enum PublicHolidays {
    static let newYear = LocalizedText(vi: "Tết Dương lịch", en: "New Year's Day")
    static let tet = LocalizedText(vi: "Tết Nguyên đán", en: "Lunar New Year (Tết)")
    static let hungKings = LocalizedText(vi: "Giỗ Tổ Hùng Vương", en: "Hung Kings' Commemoration")
    static let reunification = LocalizedText(vi: "Ngày Chiến thắng 30/4", en: "Reunification Day")
    static let labour = LocalizedText(vi: "Quốc tế Lao động 1/5", en: "International Labour Day")
    static let national = LocalizedText(vi: "Quốc khánh 2/9", en: "National Day")
    static let compensatory = LocalizedText(vi: "Nghỉ bù (ngày lễ trùng cuối tuần)", en: "Compensatory day off (holiday on a weekend)")

    /// The five days of Tết Âm lịch as customarily set: the last day of the old lunar year
    /// and mùng 1 to mùng 4 of the new one. Empty outside `LunarCalendar.supportedYears`.
    public static func tetDays(_ year: Int) -> [CivilDate] {
        guard let first = LunarCalendar.tet(year) else { return [] }
        return (-1...3).map { first.adding(days: $0) }
    }

    /// The day off next to Quốc khánh 2/9 (“01 ngày liền kề trước hoặc sau”), as customarily
    /// chosen since 2021: the one that joins the holiday to a weekend (3/9 when 2/9 is a
    /// Monday, Thursday or Sunday), otherwise 1/9 (2021 2–3/9, 2022 1–2/9, 2023 1–2/9,
    /// 2024 2–3/9, 2025 1–2/9).
    public static func nationalDayCompanion(_ year: Int) -> CivilDate {
        let second = CivilDate(unchecked: year, 9, 2)
        return [1, 4, 7].contains(second.isoWeekday) ? CivilDate(unchecked: year, 9, 3) : CivilDate(unchecked: year, 9, 1)
    }

    /// The holidays of `year` under Điều 112 khoản 1, weekend days included, in date order.
    /// Without the lunar dates (outside 1900–2100) only the solar holidays are given.
    public static func holidays(_ year: Int) -> [(date: CivilDate, name: LocalizedText)] {
        var days: [(date: CivilDate, name: LocalizedText)] = [
            (CivilDate(unchecked: year, 1, 1), newYear),
            (CivilDate(unchecked: year, 4, 30), reunification),
            (CivilDate(unchecked: year, 5, 1), labour),
            (CivilDate(unchecked: year, 9, 2), national),
            (nationalDayCompanion(year), national),
        ]
        days += tetDays(year).map { ($0, tet) }
        if let hung = LunarCalendar.hungKings(year) { days.append((hung, hungKings)) }
        return days.sorted { $0.date < $1.date }
    }

    /// `daysOff(year)` by day number, worked out once per year for the whole process (the
    /// lunar holidays take an astronomical computation) and shared by every calendar.
    static func cachedDaysOff(_ year: Int) -> [Int: LocalizedText] {
        if let known = computedYears.withLock({ $0[year] }) { return known }
        var days: [Int: LocalizedText] = [:]
        for (d, name) in daysOff(year) { days[d.dayNumber] = name }
        computedYears.withLock { $0[year] = days }
        return days
    }

    private static let computedYears = YearCache()

    /// The years worked out so far, behind a lock.
    private final class YearCache: @unchecked Sendable {
        private let lock = NSLock()
        private var years: [Int: [Int: LocalizedText]] = [:]

        func withLock<T>(_ body: (inout [Int: [Int: LocalizedText]]) -> T) -> T {
            lock.lock()
            defer { lock.unlock() }
            return body(&years)
        }
    }

    /// The weekdays off in `year`: the holidays that fall on Monday–Friday and, for each one
    /// on a Saturday or Sunday, a compensatory day on the next weekday that is not already
    /// off (Điều 111 khoản 3).
    public static func daysOff(_ year: Int) -> [CivilDate: LocalizedText] {
        let all = holidays(year)
        var off: [CivilDate: LocalizedText] = [:]
        for h in all where h.date.isoWeekday <= 5 { off[h.date] = h.name }
        let holidayDays = Set(all.map(\.date))
        for h in all where h.date.isoWeekday >= 6 {
            var d = h.date.adding(days: 1)
            while d.isoWeekday >= 6 || off[d] != nil || holidayDays.contains(d) { d = d.adding(days: 1) }
            off[d] = compensatory
        }
        return off
    }
}
