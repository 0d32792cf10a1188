import Foundation

/// Vietnamese working days: Monday to Friday, minus public holidays and days swapped off,
/// plus Saturdays worked to make up a swap (làm bù). Loaded from `workflows/calendar.json`.
///
/// Every deadline in the product counts working days through this one type.
public struct WorkingCalendar: Sendable, Equatable {
    /// Weekday days that are not worked (holidays, compensatory and swapped days).
    public private(set) var daysOff: [Int: LocalizedText]
    /// Weekend days that are worked (làm bù).
    public private(set) var makeUpDays: Set<Int>
    /// Years the data covers; outside them only weekends and fixed-date holidays apply.
    public private(set) var coveredYears: ClosedRange<Int>?

    public init(daysOff: [CivilDate: LocalizedText] = [:], makeUpDays: [CivilDate] = []) {
        self.daysOff = Dictionary(daysOff.map { ($0.key.dayNumber, $0.value) }, uniquingKeysWith: { a, _ in a })
        self.makeUpDays = Set(makeUpDays.map(\.dayNumber))
        let years = daysOff.keys.map(\.year)
        coveredYears = years.min().flatMap { lo in years.max().map { lo...$0 } }
    }

    /// Monday–Friday with no holidays: for tests and for places with no calendar data.
    public static let weekdaysOnly = WorkingCalendar()

    /// Whether `date` is a working day.
    public func isWorkingDay(_ date: CivilDate) -> Bool {
        let n = date.dayNumber
        if makeUpDays.contains(n) { return true }
        if date.isoWeekday >= 6 { return false }
        if let covered = coveredYears, !covered.contains(date.year) {
            return WorkingCalendar.fixedHoliday(date) == nil
        }
        return daysOff[n] == nil
    }

    /// Holidays on fixed solar dates (Bộ luật Lao động 2019 Điều 112), used for years the
    /// data does not cover; lunar holidays and swaps need the year's data.
    static func fixedHoliday(_ date: CivilDate) -> LocalizedText? {
        switch (date.month, date.day) {
        case (1, 1): .init(vi: "Tết Dương lịch", en: "New Year's Day")
        case (4, 30): .init(vi: "Ngày Chiến thắng 30/4", en: "Reunification Day")
        case (5, 1): .init(vi: "Quốc tế Lao động 1/5", en: "International Labour Day")
        case (9, 2): .init(vi: "Quốc khánh 2/9", en: "National Day")
        default: nil
        }
    }

    /// Why `date` is not worked, if it is a holiday.
    public func holiday(_ date: CivilDate) -> LocalizedText? {
        if let covered = coveredYears, !covered.contains(date.year) { return WorkingCalendar.fixedHoliday(date) }
        return daysOff[date.dayNumber]
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

    /// Reads `calendar.json`: `{"years": [{"year": 2025, "source": "…", "daysOff": [{"date": "2025-01-01", "name": {"vi","en"}}], "makeUpDays": ["2025-04-26"]}]}`.
    public static func parse(_ text: String, file: String) -> (WorkingCalendar?, [LintFinding]) {
        let root: JSONValue.Positioned
        do { root = try JSONParser.parse(text) } catch {
            return (nil, [LintFinding(kind: .malformedJSON, file: file, location: .init(path: "$", position: error.position),
                                      message: error.malformed)])
        }
        var reader = WorkflowLoader.Reader(file: file)
        var off: [CivilDate: LocalizedText] = [:]
        var makeUp: [CivilDate] = []
        for (i, y) in (reader.array(root, "years", "$") ?? []).enumerated() {
            for (j, d) in (reader.array(y, "daysOff", "$.years[\(i)]") ?? []).enumerated() {
                let p = "$.years[\(i)].daysOff[\(j)]"
                guard let ds = reader.string(d, "date", p), let name = reader.text(d, "name", p) else { continue }
                do { off[try CivilDate(parsing: ds)] = name } catch {
                    reader.invalid("\(p).date", d["date"], vi: error.message(.vi), en: error.message(.en))
                }
            }
            for (j, d) in (reader.array(y, "makeUpDays", "$.years[\(i)]", required: false) ?? []).enumerated() {
                let p = "$.years[\(i)].makeUpDays[\(j)]"
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
        return (WorkingCalendar(daysOff: off, makeUpDays: makeUp), [])
    }
}
