import Foundation
import KhenThuongCore
import KhenThuongStore
import KhenThuongKit

/// W3 end to end: `records.csv` → facts per person → decisions (through a ``TitleDecider``)
/// → unit quota → `decisions.csv` (the benchmark's W3; the rules are ``SpecDecider``'s).
///
/// The file is mapped and cut into parts at person boundaries, one thread per part; each
/// part decides its persons as it reads them and keeps, per person, only the id, unit and
/// decision flags (plus the benefit of the CSTDCS-eligible). The parts' units are then
/// merged, the quota applied per unit, and the output formatted in parallel into one buffer.
public enum W3Pipeline {
    /// Runs W3 on a file.
    public static func run<D: TitleDecider>(input path: String, decider: D, options: W3Options = W3Options()) throws -> W3Result {
        try run(try MappedInput(path: path), decider: decider, options: options)
    }

    /// Runs W3 on the bytes of a `records.csv`.
    public static func run<D: TitleDecider>(csv bytes: [UInt8], decider: D, options: W3Options = W3Options()) throws -> W3Result {
        try run(MappedInput(bytes: bytes), decider: decider, options: options)
    }

    static func run<D: TitleDecider>(_ input: MappedInput, decider: D, options: W3Options) throws -> W3Result {
        let t0 = Self.now()
        var parts = try scan(input, decider: decider, options: options, keepFacts: false)
        let t1 = Self.now()
        let units = UnitMerge(parts)
        let quota = units.applyQuota(options.quota, to: &parts)
        let t2 = Self.now()
        let (csv, titles) = DecisionsWriter.write(parts, units: units)
        let t3 = Self.now()
        return W3Result(csv: csv, persons: parts.reduce(0) { $0 + $1.persons },
                        unitsWithLDTT: units.ldtt.reduce(0) { $0 + ($1 > 0 ? 1 : 0) },
                        boundUnits: quota.boundUnits, cut: quota.cut, titles: titles, parts: parts.count,
                        phaseSeconds: ["read+decide": t1 - t0, "units+quota": t2 - t1, "format": t3 - t2])
    }

    static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    /// Reads and decides every part; the parts in file order. Throws the first input error.
    static func scan<D: TitleDecider>(_ input: MappedInput, decider: D, options: W3Options, keepFacts: Bool) throws -> [PartResult] {
        let base = input.base, end = input.count
        var start = 0
        if end >= 3 && base[0] == 0xEF && base[1] == 0xBB && base[2] == 0xBF { start = 3 }
        var bytes: [UInt8] = [], bounds: [Range<Int>] = []
        let header = CSVRecordParser.parse(base, from: start, end: end, bytes: &bytes, bounds: &bounds)
        guard header.closed else { throw W3InputError(line: 1, message: "a quoted field of the header is not closed") }
        let names = bounds.map { String(decoding: bytes[$0], as: UTF8.self) }
        if names == [""] { throw W3InputError(line: 1, message: "the first line is empty; a header row is expected") }
        let columns = try RecordColumns(header: names)
        var streak: [ByteKey] = []
        for t in options.streakTitles {
            guard let key = ByteKey(t) else { throw W3InputError(line: 1, message: "the streak title \(t) is longer than \(ByteKey.maxCount) bytes") }
            streak.append(key)
        }
        let settings = ScanSettings(columns: columns, year: Int64(options.year), highTitles: streak, keepFacts: keepFacts,
                                    releaseBehind: options.releaseBehind && input.isMapped)
        let dataStart = header.next
        var cuts = options.threads > 1
            ? splitPoints(base, from: dataStart, to: end, parts: options.threads, personColumn: columns.person)
            : [dataStart, end]
        var parts = scanParts(base, cuts, decider: decider, settings: settings)
        if parts.count > 1 && parts.contains(where: \.sawQuote) {
            // A quoted field may hold a line break, so a cut may have fallen inside a record.
            cuts = [dataStart, end]
            parts = scanParts(base, cuts, decider: decider, settings: settings)
        }
        var lineBase = header.lines
        for p in parts {
            if var e = p.error {
                e.line += lineBase
                throw e
            }
            lineBase += p.lines
        }
        return parts
    }

    static func scanParts<D: TitleDecider>(_ base: UnsafePointer<UInt8>, _ cuts: [Int], decider: D,
                                           settings: ScanSettings) -> [PartResult] {
        let n = cuts.count - 1
        if n <= 0 { return [] }
        var results = [PartResult](repeating: PartResult(), count: n)
        results.withUnsafeMutableBufferPointer { out in
            let body = { (k: Int) in
                let bytes = cuts[k + 1] - cuts[k]
                var scanner = RecordScanner(decider: decider, settings: settings, expectedPersons: bytes / 320)
                scanner.scan(base, from: cuts[k], to: cuts[k + 1], limit: cuts[n])
                out[k] = scanner.result()
            }
            Parallel.forEach(n, body)
        }
        return results
    }

    /// Cuts `from ..< end` into up to `parts` ranges of about equal size, each starting at
    /// a line where the person id changes. Gives up (one range) on meeting a quote.
    static func splitPoints(_ base: UnsafePointer<UInt8>, from: Int, to end: Int, parts: Int, personColumn: Int) -> [Int] {
        var cuts = [from]
        for k in 1..<parts {
            var at = max(cuts.last!, from + (end - from) / parts * k)
            // The first line start after `at`.
            while at < end && base[at] != 0x0A { at += 1 }
            at += 1
            guard at < end else { break }
            guard let first = rawField(base, at, end, personColumn) else { return [from, end] }
            var next = nextLine(base, at, end)
            while next < end {
                guard let f = rawField(base, next, end, personColumn) else { return [from, end] }
                if f.count != first.count || memcmp(base + f.lowerBound, base + first.lowerBound, f.count) != 0 { break }
                next = nextLine(base, next, end)
            }
            guard next < end else { break }
            cuts.append(next)
        }
        cuts.append(end)
        return cuts
    }

    private static func nextLine(_ base: UnsafePointer<UInt8>, _ at: Int, _ end: Int) -> Int {
        var i = at
        while i < end && base[i] != 0x0A { i += 1 }
        return i + 1
    }

    /// Field `column` of the line at `at`, read without quoting rules; `nil` on a quote.
    private static func rawField(_ base: UnsafePointer<UInt8>, _ at: Int, _ end: Int, _ column: Int) -> Range<Int>? {
        var i = at, col = 0, start = at
        while i < end {
            let c = base[i]
            if c == 0x22 { return nil }
            if c == 0x2C {
                if col == column { return start..<i }
                col += 1
                start = i + 1
            } else if c == 0x0A || c == 0x0D {
                break
            }
            i += 1
        }
        return col == column ? start..<i : i..<i
    }
}
