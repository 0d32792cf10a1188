import Foundation

/// Vietnamese working days: Monday to Friday, minus public holidays and days swapped off,
/// plus Saturdays worked to make up a swap (làm bù). Loaded from `workflows/calendar.json`.
///
/// Every deadline in the product counts working days through this one type.
///
/// A year listed in the data as confirmed uses exactly its listed days. Any other year
/// (1900–2100) uses the days off Bộ luật Lao động 2019 gives, computed by `PublicHolidays`
/// from the lunar calendar, plus whatever the data lists for it (a year marked
/// `"status": "computed"`). Whether a deadline may be counted in a computed year is the
/// caller's policy, `computedYears`: the machine refuses such a deadline unless it is `.accept`.
public struct WorkingCalendar: Sendable, Equatable {
    /// Weekday days that are not worked as listed in the data (holidays, compensatory and swapped days).
    public private(set) var daysOff: [Int: LocalizedText]
    /// Weekend days that are worked (làm bù).
    public private(set) var makeUpDays: Set<Int>
    /// Years whose days off are confirmed (the official schedule is in the data).
    public private(set) var confirmedYears: Set<Int>
    /// Whether deadlines may be counted in years that are not confirmed.
    public var computedYears: ComputedYearsPolicy
    /// Days off the data lists in years that are not confirmed (added to the computed ones,
    /// which `PublicHolidays.cachedDaysOff` computes for a year when it is first asked about).
    private var listedInComputedYears: [Int: LocalizedText]
    /// False only for `weekdaysOnly`: no holidays in any year, and nothing to confirm.
    private var followsLaw: Bool

    /// The confirmed years from the first to the last, if any.
    public var coveredYears: ClosedRange<Int>? {
        confirmedYears.min().flatMap { lo in confirmedYears.max().map { lo...$0 } }
    }

    /// A calendar following the law: `daysOff` and `makeUpDays` are the data; the years of
    /// `confirmedYears` (by default, every year a listed day off falls in) use only the data;
    /// the other years of `LunarCalendar.supportedYears` get the computed days off as well.
    public init(daysOff: [CivilDate: LocalizedText] = [:], makeUpDays: [CivilDate] = [], confirmedYears: Set<Int>? = nil,
                computedYears: ComputedYearsPolicy = .refuse) {
        self.daysOff = Dictionary(daysOff.map { ($0.key.dayNumber, $0.value) }, uniquingKeysWith: { a, _ in a })
        self.makeUpDays = Set(makeUpDays.map(\.dayNumber))
        let confirmed = confirmedYears ?? Set(daysOff.keys.map(\.year))
        self.confirmedYears = confirmed
        self.computedYears = computedYears
        followsLaw = true
        // The computed years' days off are not worked out here for all 201 years (a twentieth
        // of a CLI command's CPU): `holiday` asks for a year's when a date falls in it.
        var listed: [Int: LocalizedText] = [:]
        for (d, name) in daysOff where !confirmed.contains(d.year) { listed[d.dayNumber] = name }
        listedInComputedYears = listed
    }

    private init(weekdaysOnly: Void) {
        daysOff = [:]
        makeUpDays = []
        confirmedYears = []
        computedYears = .accept
        listedInComputedYears = [:]
        followsLaw = false
    }

    /// Monday–Friday with no holidays in any year: for tests and for places with no calendar data.
    public static let weekdaysOnly = WorkingCalendar(weekdaysOnly: ())

    /// Whether `year`'s days off are confirmed data (always true of `weekdaysOnly`).
    public func isConfirmed(_ year: Int) -> Bool { !followsLaw || confirmedYears.contains(year) }

    /// The first year from `from` through `to` whose days off are computed, not confirmed,
    /// when the policy refuses computed years; nil when a deadline over these days may be counted.
    public func refusedYear(from: CivilDate, through to: CivilDate) -> Int? {
        guard followsLaw, computedYears == .refuse else { return nil }
        return (min(from.year, to.year)...max(from.year, to.year)).first { !confirmedYears.contains($0) }
    }

    /// Whether `date` is a working day.
    public func isWorkingDay(_ date: CivilDate) -> Bool {
        let n = date.dayNumber
        if makeUpDays.contains(n) { return true }
        if date.isoWeekday >= 6 { return false }
        return holiday(date) == nil
    }

    /// Holidays on fixed solar dates (Bộ luật Lao động 2019 Điều 112), the only ones known
    /// for years outside `LunarCalendar.supportedYears`.
    static func fixedHoliday(_ date: CivilDate) -> LocalizedText? {
        switch (date.month, date.day) {
        case (1, 1): PublicHolidays.newYear
        case (4, 30): PublicHolidays.reunification
        case (5, 1): PublicHolidays.labour
        case (9, 2): PublicHolidays.national
        default: nil
        }
    }

    /// Why `date` is not worked, if it is a day off (holiday, compensatory or swapped day).
    public func holiday(_ date: CivilDate) -> LocalizedText? {
        guard followsLaw else { return nil }
        if confirmedYears.contains(date.year) { return daysOff[date.dayNumber] }
        if LunarCalendar.supportedYears.contains(date.year) {
            return listedInComputedYears[date.dayNumber] ?? PublicHolidays.cachedDaysOff(date.year)[date.dayNumber]
        }
        return daysOff[date.dayNumber] ?? WorkingCalendar.fixedHoliday(date)
    }

    /// The day on which `n` working days after `date` have elapsed (`date` itself not counted).
    public func adding(workingDays n: Int, to date: CivilDate) -> CivilDate {
        var d = date
        var left = n
        while left > 0 {
            d = d.adding(days: 1)
            if isWorkingDay(d) { left -= 1 }
        }
        return d
    }

    /// Working days in the half-open range (`from`, `to`]: 0 when `to` ≤ `from`.
    public func workingDays(after from: CivilDate, through to: CivilDate) -> Int {
        guard to > from else { return 0 }
        var count = 0
        var d = from.adding(days: 1)
        while d <= to {
            if isWorkingDay(d) { count += 1 }
            d = d.adding(days: 1)
        }
        return count
    }

    /// Reads `calendar.json`:
    /// `{"computedYears": "refuse", "years": [{"year": 2025, "status": "confirmed", "source": "…",
    /// "daysOff": [{"date": "2025-01-01", "name": {"vi","en"}}], "makeUpDays": ["2025-04-26"]}]}`.
    ///
    /// `status` is `"confirmed"` (the default: the year's days off are exactly those listed)
    /// or `"computed"` (the law's days off are computed, and the listed ones added, e.g. a
    /// swap announced before the rest). `computedYears` is `"refuse"` (the default) or `"accept"`.
    public static func parse(_ text: String, file: String) -> (WorkingCalendar?, [LintFinding]) {
        let root: JSONValue.Positioned
        do { root = try JSONParser.parse(text) } catch {
            return (nil, [LintFinding(kind: .malformedJSON, file: file, location: .init(path: "$", position: error.position),
                                      message: error.malformed)])
        }
        var reader = WorkflowLoader.Reader(file: file)
        var off: [CivilDate: LocalizedText] = [:]
        var makeUp: [CivilDate] = []
        var confirmed: Set<Int> = []
        var policy = ComputedYearsPolicy.refuse
        if let p = reader.string(root, "computedYears", "$", required: false) {
            if let known = ComputedYearsPolicy(rawValue: p) { policy = known } else {
                reader.invalid("$.computedYears", root["computedYears"], vi: "\"computedYears\" phải là \"refuse\" hoặc \"accept\"",
                               en: "\"computedYears\" must be \"refuse\" or \"accept\"")
            }
        }
        for (i, y) in (reader.array(root, "years", "$") ?? []).enumerated() {
            let yp = "$.years[\(i)]"
            guard let year = y["year"]?.int, LunarCalendar.supportedYears.contains(year) else {
                reader.invalid("\(yp).year", y["year"] ?? y, vi: "\"year\" phải là một năm từ 1900 đến 2100",
                               en: "\"year\" must be a year from 1900 to 2100")
                continue
            }
            switch reader.string(y, "status", yp, required: false) ?? "confirmed" {
            case "confirmed": confirmed.insert(year)
            case "computed": break
            default:
                reader.invalid("\(yp).status", y["status"], vi: "\"status\" phải là \"confirmed\" hoặc \"computed\"",
                               en: "\"status\" must be \"confirmed\" or \"computed\"")
            }
            for (j, d) in (reader.array(y, "daysOff", yp, required: confirmed.contains(year)) ?? []).enumerated() {
                let p = "\(yp).daysOff[\(j)]"
                guard let ds = reader.string(d, "date", p), let name = reader.text(d, "name", p) else { continue }
                do {
                    let date = try CivilDate(parsing: ds)
                    off[date] = name
                    if date.year != year {
                        reader.invalid("\(p).date", d["date"], vi: "ngày \(ds) không thuộc năm \(year)", en: "the day \(ds) is not in the year \(year)")
                    }
                } catch {
                    reader.invalid("\(p).date", d["date"], vi: error.message(.vi), en: error.message(.en))
                }
            }
            for (j, d) in (reader.array(y, "makeUpDays", yp, required: false) ?? []).enumerated() {
                let p = "\(yp).makeUpDays[\(j)]"
                guard let ds = d.string else {
                    reader.invalid(p, d, vi: "ngày làm bù phải là chuỗi YYYY-MM-DD", en: "a make-up day must be a YYYY-MM-DD string")
                    continue
                }
                do { makeUp.append(try CivilDate(parsing: ds)) } catch {
                    reader.invalid(p, d, vi: error.message(.vi), en: error.message(.en))
                }
            }
        }
        guard reader.findings.isEmpty else { return (nil, reader.findings) }
        return (WorkingCalendar(daysOff: off, makeUpDays: makeUp, confirmedYears: confirmed, computedYears: policy), [])
    }
}

/// Whether a deadline may be counted in a year whose days off are computed, not confirmed.
public enum ComputedYearsPolicy: String, Sendable, Equatable {
    /// Refuse: the year's official schedule must first be added to `calendar.json`.
    case refuse
    /// Accept the days off computed from Bộ luật Lao động 2019 and the lunar calendar.
    case accept
}
