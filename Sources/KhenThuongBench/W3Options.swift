import Foundation
import KhenThuongCore
import KhenThuongStore
import KhenThuongKit

/// How ``W3Pipeline`` runs.
public struct W3Options: Sendable {
    /// The evaluation year (its rows give the facts; earlier rows the title history).
    public var year: Int
    /// The unit quota on CSTDCS (the benchmark's: 15 % of the unit's LDTT, floor).
    public var quota: QuotaRule
    /// Titles that continue a CSTDCS streak.
    public var streakTitles: [String]
    /// Parts read in parallel (split at person boundaries); 1 reads in one thread.
    public var threads: Int
    /// Release the file's pages behind the scan, so the resident set stays small.
    public var releaseBehind: Bool

    public init(year: Int = 2025, quota: QuotaRule = QuotaRule(), streakTitles: [String] = ["CSTDCS", "CSTD_TINH"],
                threads: Int = min(8, ProcessInfo.processInfo.activeProcessorCount), releaseBehind: Bool = true) {
        self.year = year
        self.quota = quota
        self.streakTitles = streakTitles
        self.threads = max(1, threads)
        self.releaseBehind = releaseBehind
    }
}
