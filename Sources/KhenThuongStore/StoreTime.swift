import Foundation
import KhenThuongCore

/// How the store writes instants: whole milliseconds since 1970, as ISO 8601 UTC text
/// `2025-12-01T08:30:00.000Z`.
///
/// Every `Date` is truncated to the millisecond on the way in, so what is read back (and
/// what a replay computes) equals what was written.
package enum StoreTime {
    /// Milliseconds since 1970-01-01T00:00:00Z, rounded down.
    ///
    /// A date within a microsecond below a millisecond boundary counts as that boundary, so a
    /// date built from whole milliseconds (whose `Double` may be a hair below) maps back to it.
    package static func milliseconds(_ date: Date) -> Int64 {
        let value = date.timeIntervalSince1970 * 1000
        guard value.isFinite, abs(value) < 9e15 else { return 0 }
        return Int64((value + 0.001).rounded(.down))
    }

    /// The date `milliseconds` after 1970-01-01T00:00:00Z.
    static func date(milliseconds: Int64) -> Date {
        Date(timeIntervalSince1970: Double(milliseconds) / 1000)
    }

    /// `date` truncated to the millisecond.
    package static func truncated(_ date: Date) -> Date {
        self.date(milliseconds: milliseconds(date))
    }

    /// `YYYY-MM-DDTHH:MM:SS.mmmZ` for `date` (truncated to the millisecond).
    package static func iso(_ date: Date) -> String { iso(milliseconds: milliseconds(date)) }

    /// `YYYY-MM-DDTHH:MM:SS.mmmZ` for an instant in milliseconds.
    ///
    /// The one ISO timestamp writer: the store's records and the command line's `--json` both
    /// use it. A year outside 0...9999 is written with all its digits, at least four, after a
    /// minus sign below zero (only 0...9999 is read back by `parse`).
    package static func iso(milliseconds ms: Int64) -> String {
        let perDay: Int64 = 86_400_000
        let days = ms >= 0 ? ms / perDay : (ms - perDay + 1) / perDay
        let inDay = Int(ms - days * perDay)
        let civil = CivilDate(dayNumber: Int(days))
        var out: [UInt8] = []
        out.reserveCapacity(24)
        func digits(_ value: Int, _ count: Int) {
            var divisor = 1
            for _ in 1..<count { divisor *= 10 }
            var v = value
            for _ in 0..<count {
                out.append(UInt8(ascii: "0") + UInt8(v / divisor % 10))
                v %= divisor
                divisor /= 10
            }
        }
        if civil.year < 0 { out.append(UInt8(ascii: "-")) }
        let year = abs(civil.year)
        var yearWidth = 4
        while year >= pow10(yearWidth) { yearWidth += 1 }
        digits(year, yearWidth); out.append(UInt8(ascii: "-"))
        digits(civil.month, 2); out.append(UInt8(ascii: "-"))
        digits(civil.day, 2); out.append(UInt8(ascii: "T"))
        digits(inDay / 3_600_000, 2); out.append(UInt8(ascii: ":"))
        digits(inDay / 60_000 % 60, 2); out.append(UInt8(ascii: ":"))
        digits(inDay / 1000 % 60, 2); out.append(UInt8(ascii: "."))
        digits(inDay % 1000, 3); out.append(UInt8(ascii: "Z"))
        return String(decoding: out, as: UTF8.self)
    }

    private static func pow10(_ n: Int) -> Int {
        var v = 1
        for _ in 0..<n { v *= 10 }
        return v
    }

    /// Reads `YYYY-MM-DDTHH:MM:SS.mmmZ` exactly as `iso(milliseconds:)` writes it.
    /// - Returns: milliseconds since 1970, or `nil` for any other text or a day that does not exist.
    package static func parse(_ text: String) -> Int64? {
        let b = Array(text.utf8)
        guard b.count == 24, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"), b[10] == UInt8(ascii: "T"),
              b[13] == UInt8(ascii: ":"), b[16] == UInt8(ascii: ":"), b[19] == UInt8(ascii: "."),
              b[23] == UInt8(ascii: "Z") else { return nil }
        func number(_ from: Int, _ count: Int) -> Int? {
            var v = 0
            for i in from..<(from + count) {
                guard b[i] >= UInt8(ascii: "0"), b[i] <= UInt8(ascii: "9") else { return nil }
                v = v * 10 + Int(b[i] - UInt8(ascii: "0"))
            }
            return v
        }
        guard let y = number(0, 4), let mo = number(5, 2), let d = number(8, 2), let h = number(11, 2),
              let mi = number(14, 2), let s = number(17, 2), let ms = number(20, 3),
              h < 24, mi < 60, s < 60, (1...12).contains(mo),
              (1...CivilDate.daysInMonth(year: y, month: mo)).contains(d) else { return nil }
        let civil = CivilDate(unchecked: y, mo, d)
        return Int64(civil.dayNumber) * 86_400_000 + Int64(((h * 60 + mi) * 60 + s) * 1000 + ms)
    }

    /// The date `text` names, or `nil` when it is not `YYYY-MM-DDTHH:MM:SS.mmmZ`.
    package static func parseDate(_ text: String) -> Date? {
        parse(text).map { date(milliseconds: $0) }
    }
}
