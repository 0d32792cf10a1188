import KhenThuongCore
import KhenThuongStore
import KhenThuongKit
/// How many persons got each title (after the quota).
public struct TitleCounts: Equatable, Sendable, CustomStringConvertible {
    public var none = 0
    public var ldtt = 0
    public var cstdcs = 0
    public var cstdTinh = 0

    public init(none: Int = 0, ldtt: Int = 0, cstdcs: Int = 0, cstdTinh: Int = 0) {
        self.none = none
        self.ldtt = ldtt
        self.cstdcs = cstdcs
        self.cstdTinh = cstdTinh
    }

    /// As the Python peer prints them: `{'': 8087, 'LDTT': 84555, 'CSTDCS': 7046, 'CSTD_TINH': 312}`.
    public var description: String {
        "{'': \(none), 'LDTT': \(ldtt), 'CSTDCS': \(cstdcs), 'CSTD_TINH': \(cstdTinh)}"
    }
}

/// The outcome of one W3 run: `decisions.csv` and what went into it.
public struct W3Result: Sendable {
    /// The bytes of `decisions.csv` (UTF-8, CRLF, header first).
    public var csv: [UInt8]
    /// Persons with an evaluation-year row (= data rows of ``csv``).
    public var persons: Int
    /// Units with at least one LDTT person.
    public var unitsWithLDTT: Int
    /// Units with more CSTDCS-eligible persons than their quota.
    public var boundUnits: Int
    /// Persons cut by the quota.
    public var cut: Int
    public var titles: TitleCounts
    /// Parts read in parallel (1 when the input holds quotes: those are read in one pass).
    public var parts: Int
    /// Seconds spent in each phase: `read+decide`, `units+quota`, `format`.
    public var phaseSeconds: [String: Double]
}

extension W3Result {
    /// Writes ``csv`` as the whole of `path`, with the tool's one file writer (`AtomicFile`);
    /// unsynced, since the write is inside the timed figure and the reference programs it is
    /// compared with do not sync either.
    public func writeCSV(to path: String) throws {
        try AtomicFile.write(csv, to: path, sync: false)
    }
}
