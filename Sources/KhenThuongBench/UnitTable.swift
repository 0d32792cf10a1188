import KhenThuongCore
import KhenThuongStore
import KhenThuongKit

/// The units one thread has met, numbered in order of first appearance, with their LDTT
/// counts. Ids shaped `U` + digits (one width) are found by their number in a flat array;
/// any other id goes through a dictionary.
struct UnitTable {
    private(set) var names: [[UInt8]] = []
    var ldtt: [Int] = []
    private var dense: [Int32] = []
    private var width = -1
    private var other: [[UInt8]: Int32] = [:]

    static let denseLimit = 1 << 22

    var count: Int { names.count }

    @inline(__always)
    mutating func index(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int32 {
        if n >= 2 && n <= 8 && p[0] == 0x55 /* U */ && (width < 0 || width == n) {
            var v = 0
            var k = 1
            while k < n {
                let d = p[k] &- 48
                if d > 9 { break }
                v = v * 10 + Int(d)
                k += 1
            }
            if k == n && v < UnitTable.denseLimit {
                width = n
                if v >= dense.count { dense.append(contentsOf: repeatElement(-1, count: max(v + 1 - dense.count, dense.count))) }
                let i = dense[v]
                if i >= 0 { return i }
                let new = add(p, n)
                dense[v] = new
                return new
            }
        }
        let bytes = Array(UnsafeBufferPointer(start: p, count: n))
        if let i = other[bytes] { return i }
        let new = add(p, n)
        other[bytes] = new
        return new
    }

    private mutating func add(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int32 {
        names.append(Array(UnsafeBufferPointer(start: p, count: n)))
        ldtt.append(0)
        return Int32(names.count - 1)
    }
}
