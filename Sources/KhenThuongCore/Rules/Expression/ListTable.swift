import Foundation

/// Interns lists of encoded values (`Int64`) as handles, so a list fits in one row slot.
///
/// Handle 0 is the empty list. The compiler interns constant list literals used as values
/// (for example a function argument `["CSTDCS", "CSTD_TINH"]`); the host interns list facts
/// when it fills a row. Safe to use from several threads.
package final class ListTable: @unchecked Sendable {
    private let lock = NSLock()
    private var handles: [[Int64]: Int64] = [[]: 0]
    private var lists: [[Int64]] = [[]]

    /// An empty table (holding only `[]` as handle 0).
    package init() {}

    /// The handle of `elements`, adding the list when it is new.
    package func intern(_ elements: [Int64]) -> Int64 {
        lock.lock()
        defer { lock.unlock() }
        if let handle = handles[elements] { return handle }
        let handle = Int64(lists.count)
        lists.append(elements)
        handles[elements] = handle
        return handle
    }

    /// The elements of the list with `handle` (empty for an unknown handle).
    package func elements(of handle: Int64) -> [Int64] {
        lock.lock()
        defer { lock.unlock() }
        guard handle >= 0, handle < Int64(lists.count) else { return [] }
        return lists[Int(handle)]
    }

    /// Whether the list with `handle` holds `value`.
    package func contains(_ value: Int64, inList handle: Int64) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        guard handle >= 0, handle < Int64(lists.count) else { return false }
        return lists[Int(handle)].contains(value)
    }
}
