import Foundation
import KhenThuongCore
import KhenThuongStore
import KhenThuongKit

/// What one thread found in its part of `records.csv`: per person who has an
/// evaluation-year row (in input order) the id, unit, decision flags, and the candidates
/// for the unit quota.
struct PartResult: Sendable {
    /// Person ids, back to back; person `i` is `idBytes[idEnds[i-1] ..< idEnds[i]]`.
    var idBytes: [UInt8] = []
    var idEnds: [Int] = []
    /// Local unit index (into ``unitNames``) per person.
    var units: [Int32] = []
    /// Per person: 1 LDTT, 2 CSTDCS eligible, 4 CSTD_TINH eligible, 8 quota cut.
    var flags: [UInt8] = []
    /// Person indexes of the CSTDCS-eligible, with their benefit.
    var candidates: [Int32] = []
    var benefits: [Int64] = []
    var unitNames: [[UInt8]] = []
    var unitLDTT: [Int] = []
    /// Fact rows (``W3Slot/count`` per person), only when asked for.
    var facts: [Int64] = []
    /// Lines consumed (line breaks, including blank lines).
    var lines = 0
    var sawQuote = false
    /// The first problem, its line relative to the part's start.
    var error: W3InputError?

    var persons: Int { flags.count }

    static let ldtt: UInt8 = 1, cstdcs: UInt8 = 2, tinh: UInt8 = 4, cut: UInt8 = 8

    func idStart(_ i: Int) -> Int { i == 0 ? 0 : idEnds[i - 1] }
}

/// What the scanner needs besides the bytes.
struct ScanSettings: Sendable {
    var columns: RecordColumns
    var year: Int64
    /// Titles that continue a CSTDCS streak (at most ``ByteKey/maxCount`` bytes each).
    var highTitles: [ByteKey]
    var keepFacts: Bool
    /// Drop pages of a read-only file mapping behind the scan (keeps the RSS small).
    var releaseBehind: Bool
}

/// Reads one part of `records.csv` (whole lines, in person order) and decides every person
/// as soon as their last row is read.
///
/// The fast path finds a line's field bounds 8 bytes at a time and parses only what it
/// needs: the person id, year and title of every row; the other facts and the unit of the
/// evaluation-year row. A line holding a quote is read again by ``CSVRecordParser``.
///
/// This is the benchmark's byte-level scanner, kept apart on purpose: it serves only W3's
/// `records.csv` over a mapped file. General CSV files (nominees, dossier imports, the
/// person-year profile of `eligibility batch`) are read by KhenThuongKit's ``CSVReader``.
struct RecordScanner<D: TitleDecider>: ~Copyable {
    private let decider: D
    private let settings: ScanSettings
    private let columns: RecordColumns
    private let year: Int64
    private var out = PartResult()
    private var units = UnitTable()
    private var leave = CodeCache(), duty = CodeCache(), discipline = CodeCache()
    /// Field bounds of the current record: field `c` is `edges[c] + 1 ..< edges[c + 1]`
    /// (`edges[0]` is one before the line). Room for 9 more than the columns: the count is
    /// checked once per 8-byte word.
    private let edges: UnsafeMutablePointer<Int>
    private let row: UnsafeMutablePointer<Int64>
    // The current person.
    private var current: UnsafeMutablePointer<UInt8>
    private var currentCapacity = 64
    private var currentCount = 0
    private var hasCurrent = false
    private var hasYear = false
    private var yearUnit: Int32 = 0
    /// Bit k: the title of year Y-1-k is CSTDCS or higher.
    private var high: UInt64 = 0
    private var scratch: [UInt8] = []
    /// The streak titles (bit k of the lengths: some title has k bytes).
    private let highKeys: [ByteKey]
    private let highLengths: UInt64
    private var bounds: [Range<Int>] = []

    init(decider: D, settings: ScanSettings, expectedPersons: Int) {
        self.decider = decider
        self.settings = settings
        columns = settings.columns
        year = settings.year
        edges = .allocate(capacity: settings.columns.count + 9)
        row = .allocate(capacity: W3Slot.count)
        row.initialize(repeating: 0, count: W3Slot.count)
        current = .allocate(capacity: 64)
        highKeys = settings.highTitles
        highLengths = highKeys.reduce(0) { $0 | (1 << UInt64($1.count)) }
        let n = max(16, expectedPersons)
        out.idBytes.reserveCapacity(n * 8)
        out.idEnds.reserveCapacity(n)
        out.units.reserveCapacity(n)
        out.flags.reserveCapacity(n)
        out.candidates.reserveCapacity(n / 8)
        out.benefits.reserveCapacity(n / 8)
        if settings.keepFacts { out.facts.reserveCapacity(n * W3Slot.count) }
    }

    deinit {
        edges.deallocate()
        row.deallocate()
        current.deallocate()
    }

    /// The part's result (call once, after ``scan(_:from:to:limit:)``).
    consuming func result() -> PartResult {
        out.unitNames = units.names
        out.unitLDTT = units.ldtt
        return out
    }

    private static var quote: UInt8 { 0x22 }
    private static var cr: UInt8 { 0x0D }
    private static var lf: UInt8 { 0x0A }

    /// Scans `base[from ..< end]`: whole records, the last one ending with a line break.
    /// `limit` is where the readable bytes end (at or after `end`).
    ///
    /// A line is read 8 bytes at a time (SWAR): a mask of its commas and one of the bytes
    /// that may end it; the commas before the line's end are the field bounds. Quotes are
    /// looked for (memchr) a window ahead: where there are none, the word loop skips that
    /// test; a line holding one takes the careful path.
    mutating func scan(_ base: UnsafePointer<UInt8>, from: Int, to end: Int, limit: Int) {
        let n = columns.count
        let edges = self.edges
        // Quotes are looked for a window ahead (cache-warm when the lines are read).
        let window = 256 << 10
        var checkedUntil = from
        var quotes = false
        let release = 8 << 20
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        var released = from
        var i = from
        while i < end {
            if settings.releaseBehind && i - released >= release {
                let lo = (released + page - 1) / page * page, hi = i / page * page
                if hi > lo { madvise(UnsafeMutableRawPointer(mutating: base + lo), hi - lo, MADV_DONTNEED) }
                released = hi
            }
            let first = base[i]
            if first == Self.lf || first == Self.cr {  // a blank line
                i += 1
                if first == Self.cr && i < end && base[i] == Self.lf { i += 1 }
                out.lines += 1
                continue
            }
            if i >= checkedUntil {
                checkedUntil = min(end, i + window)
                quotes = memchr(base + i, 0x22, checkedUntil - i) != nil
            }
            let lineStart = i
            var col = 1
            var c: UInt8 = 0
            var w = i
            edges[0] = i &- 1
            while true {
                let x = w &+ 8 <= limit ? UnsafeRawPointer(base + w).loadUnaligned(as: UInt64.self).littleEndian
                                        : ByteMasks.tailWord(base + w, limit - w)
                var stops = ByteMasks.control(x)
                if quotes { stops |= ByteMasks.quote(x) }
                let stop = stops & (0 &- stops)  // the first, or 0
                var commas = ByteMasks.comma(x) & (stop &- 1)  // those before it (all when none)
                while commas != 0 {
                    edges[col] = w &+ (commas.trailingZeroBitCount &>> 3)
                    col &+= 1
                    commas &= commas &- 1
                }
                if col > n { break }
                if stop != 0 {
                    i = w &+ (stop.trailingZeroBitCount &>> 3)
                    c = base[i]
                    edges[col] = i
                    break
                }
                w &+= 8
            }
            col &-= 1  // commas seen
            let line = out.lines + 1
            if !quotes && i >= checkedUntil && memchr(base + checkedUntil, 0x22, i + 1 - checkedUntil) != nil {
                c = Self.quote  // the line runs past the checked window, into a quote
            }
            if c != Self.lf && c != Self.cr {
                // A quote, a rare control byte, or more commas than columns (perhaps inside
                // quotes): the careful path decides.
                guard let next = slowRecord(base, from: lineStart, end: end) else { return }
                i = next
                continue
            }
            guard col == n - 1 else {
                out.lines += 1
                fail(line, nil, "the line has \(col + 1) fields; the header has \(n)")
                return
            }
            i &+= 1
            if c == Self.cr && i < end && base[i] == Self.lf { i &+= 1 }
            out.lines += 1
            guard take(base, line: line) else { return }
        }
        finishPerson()
    }

    /// A record with quotes: parsed into `scratch`, then taken like any other.
    private mutating func slowRecord(_ base: UnsafePointer<UInt8>, from: Int, end: Int) -> Int? {
        let line = out.lines + 1
        var bytes = scratch, b = bounds
        scratch = []
        bounds = []
        bytes.removeAll(keepingCapacity: true)
        b.removeAll(keepingCapacity: true)
        let r = CSVRecordParser.parse(base, from: from, end: end, bytes: &bytes, bounds: &b)
        if r.quoted { out.sawQuote = true }
        bytes.append(0)
        defer { scratch = bytes; bounds = b }
        out.lines += r.lines
        guard r.closed else {
            fail(line, b.count - 1, "a quoted field is not closed before the end of the file")
            return nil
        }
        guard b.count == columns.count else {
            fail(line, nil, b.count > columns.count ? "the line has more fields than the header (\(columns.count))"
                                                    : "the line has \(b.count) fields; the header has \(columns.count)")
            return nil
        }
        // Fields are back to back in `bytes` with a gap of one: edges[k] + 1 ..< edges[k + 1].
        var spaced: [UInt8] = []
        spaced.reserveCapacity(bytes.count + b.count + 1)
        edges[0] = -1
        for (k, r) in b.enumerated() {
            spaced.append(contentsOf: bytes[r])
            edges[k + 1] = spaced.count
            spaced.append(0x2C)
        }
        bytes = spaced
        let ok = bytes.withUnsafeBufferPointer { take($0.baseAddress!, line: line) }
        return ok ? r.next : nil
    }

    private mutating func fail(_ line: Int, _ column: Int?, _ message: String) {
        out.error = W3InputError(line: line, column: column.map { $0 + 1 }, columnName: column.map { columns.names[$0] },
                                 message: message)
    }

    @inline(__always)
    private func field(_ base: UnsafePointer<UInt8>, _ c: Int) -> (UnsafePointer<UInt8>, Int) {
        let start = edges[c] &+ 1
        return (base + start, edges[c &+ 1] &- start)
    }

    @inline(__always)
    private mutating func integer(_ base: UnsafePointer<UInt8>, _ c: Int, _ line: Int) -> Int64? {
        let (p, n) = field(base, c)
        if let v = Self.parseInteger(p, n) { return v }
        let text = String(decoding: UnsafeBufferPointer(start: p, count: min(n, 40)), as: UTF8.self)
        fail(line, c, n == 0 ? "an integer is expected, the field is empty" : "“\(text)” is not an integer")
        return nil
    }

    /// A decimal integer as Python's `int()` reads it: optional spaces around, optional sign.
    @inline(__always)
    static func parseInteger(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int64? {
        if n > 0 && n <= 18 {  // the common case: digits only, too few to overflow
            var v: Int64 = 0
            var i = 0
            while i < n {
                let d = p[i] &- 48
                if d > 9 { break }
                v = v &* 10 &+ Int64(d)
                i &+= 1
            }
            if i == n { return v }
        }
        var i = 0, e = n
        while i < e && (p[i] == 0x20 || p[i] == 0x09) { i += 1 }
        while e > i && (p[e - 1] == 0x20 || p[e - 1] == 0x09) { e -= 1 }
        var negative = false
        if i < e && (p[i] == 0x2D || p[i] == 0x2B) { negative = p[i] == 0x2D; i += 1 }
        guard i < e else { return nil }
        var v: Int64 = 0
        while i < e {
            let d = p[i] &- 48
            guard d <= 9 else { return nil }
            let (m, o1) = v.multipliedReportingOverflow(by: 10)
            let (s, o2) = negative ? m.subtractingReportingOverflow(Int64(d)) : m.addingReportingOverflow(Int64(d))
            guard !o1 && !o2 else { return nil }
            v = s
            i += 1
        }
        return v
    }

    /// Whether `a[0 ..< n]` equals `b[0 ..< n]`, a word at a time.
    @inline(__always)
    static func same(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        var k = 0
        while k &+ 8 <= n {
            if UnsafeRawPointer(a + k).loadUnaligned(as: UInt64.self) != UnsafeRawPointer(b + k).loadUnaligned(as: UInt64.self) { return false }
            k &+= 8
        }
        return ByteMasks.small(a + k, n &- k) == ByteMasks.small(b + k, n &- k)
    }

    /// One row: a new person finishes the previous one; the evaluation-year row gives the
    /// facts, a history row one bit of the CSTDCS streak.
    @inline(__always)
    private mutating func take(_ base: UnsafePointer<UInt8>, line: Int) -> Bool {
        let (pid, pidCount) = field(base, columns.person)
        if !hasCurrent || pidCount != currentCount || !Self.same(current, pid, pidCount) {
            finishPerson()
            if pidCount > currentCapacity {
                current.deallocate()
                currentCapacity = pidCount * 2
                current = .allocate(capacity: currentCapacity)
            }
            current.update(from: pid, count: pidCount)
            currentCount = pidCount
            hasCurrent = true
        }
        guard let y = integer(base, columns.year, line) else { return false }
        if y == year {
            guard let months = integer(base, columns.months, line),
                  let initiatives = integer(base, columns.initiatives, line),
                  let benefit = integer(base, columns.benefit, line) else { return false }
            row[W3Slot.monthsWorked.rawValue] = months
            row[W3Slot.initiatives.rawValue] = initiatives
            row[W3Slot.benefitVND.rawValue] = benefit
            var (p, k) = field(base, columns.leave)
            row[W3Slot.leaveReason.rawValue] = leave.code(p, k, decider)
            (p, k) = field(base, columns.duty)
            row[W3Slot.dutyRating.rawValue] = duty.code(p, k, decider)
            (p, k) = field(base, columns.discipline)
            row[W3Slot.discipline.rawValue] = discipline.code(p, k, decider)
            (p, k) = field(base, columns.unit)
            yearUnit = units.index(p, k)
            hasYear = true
        } else {
            let back = year &- 1 &- y
            if back >= 0 && back < 64 {
                let (p, k) = field(base, columns.title)
                var isHigh = false
                if k < 64 && highLengths & (1 << UInt64(k)) != 0, let key = ByteKey(p, k) {
                    for t in 0..<highKeys.count where highKeys[t] == key { isHigh = true; break }
                }
                if isHigh { high |= 1 << UInt64(back) } else { high &= ~(1 << UInt64(back)) }
            }
        }
        return true
    }

    private mutating func finishPerson() {
        guard hasCurrent else { return }
        if hasYear {
            row[W3Slot.consecCSTDCS.rawValue] = Int64((~high).trailingZeroBitCount)
            let facts = UnsafeBufferPointer(start: UnsafePointer(row), count: W3Slot.count)
            let d = decider.decide(W3Facts(row: facts))
            let index = out.flags.count
            out.idBytes.append(contentsOf: UnsafeBufferPointer(start: current, count: currentCount))
            out.idEnds.append(out.idBytes.count)
            out.units.append(yearUnit)
            out.flags.append(d.bits)
            if d.ldtt { units.ldtt[Int(yearUnit)] += 1 }
            if d.cstdcs {
                out.candidates.append(Int32(index))
                out.benefits.append(row[W3Slot.benefitVND.rawValue])
            }
            if settings.keepFacts { out.facts.append(contentsOf: facts) }
        }
        hasCurrent = false
        hasYear = false
        high = 0
    }
}
