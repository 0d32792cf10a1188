import Foundation
import KhenThuongCore
import KhenThuongStore
import KhenThuongKit

/// How many persons got each title (after the quota).
package struct TitleCounts: Equatable, Sendable, CustomStringConvertible {
    package var none = 0
    package var ldtt = 0
    package var cstdcs = 0
    package var cstdTinh = 0

    package init(none: Int = 0, ldtt: Int = 0, cstdcs: Int = 0, cstdTinh: Int = 0) {
        self.none = none
        self.ldtt = ldtt
        self.cstdcs = cstdcs
        self.cstdTinh = cstdTinh
    }

    /// As the Python peer prints them: `{'': 8087, 'LDTT': 84555, 'CSTDCS': 7046, 'CSTD_TINH': 312}`.
    package var description: String {
        "{'': \(none), 'LDTT': \(ldtt), 'CSTDCS': \(cstdcs), 'CSTD_TINH': \(cstdTinh)}"
    }
}

/// The outcome of one W3 run: `decisions.csv` and what went into it.
package struct W3Result: Sendable {
    /// The bytes of `decisions.csv` (UTF-8, CRLF, header first).
    package var csv: [UInt8]
    /// Persons with an evaluation-year row (= data rows of ``csv``).
    package var persons: Int
    /// Units with at least one LDTT person.
    package var unitsWithLDTT: Int
    /// Units with more CSTDCS-eligible persons than their quota.
    package var boundUnits: Int
    /// Persons cut by the quota.
    package var cut: Int
    package var titles: TitleCounts
    /// Parts read in parallel (1 when the input holds quotes: those are read in one pass).
    package var parts: Int
    /// Seconds spent in each phase: `read+decide`, `units+quota`, `format`.
    package var phaseSeconds: [String: Double]
}

extension W3Result {
    /// Writes ``csv`` as the whole of `path`, truncated and rewritten in place, unsynced: the
    /// write is inside the timed figure, and the reference programs it is compared with write
    /// their output that way. (Replacing an existing output by rename, as `AtomicFile` does for
    /// every file the `khenthuong` commands write, costs this figure ~15 ms on a 28 MB file.)
    package func writeCSV(to path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw W3OutputError(path: path, detail: String(cString: strerror(errno))) }
        defer { close(fd) }
        let failed: Bool = csv.withUnsafeBytes { b in
            var done = 0
            while done < b.count {
                let n = write(fd, b.baseAddress! + done, b.count - done)
                if n < 0 {
                    if errno == EINTR { continue }
                    return true
                }
                done += n
            }
            return false
        }
        if failed { throw W3OutputError(path: path, detail: String(cString: strerror(errno))) }
    }
}

/// The benchmark's output could not be written.
package struct W3OutputError: Error, CustomStringConvertible {
    package var path: String
    package var detail: String
    package var description: String { "cannot write \(path): \(detail)" }
}
