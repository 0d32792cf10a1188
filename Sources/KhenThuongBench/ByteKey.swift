import KhenThuongCore
import KhenThuongStore
import KhenThuongKit

/// A string of at most 16 bytes packed into two words, so that comparing two is three
/// integer compares (for interning short categorical fields without building a `String`).
struct ByteKey: Hashable {
    var lo: UInt64 = 0
    var hi: UInt64 = 0
    var count: Int = 0

    static let maxCount = 16

    init() {}

    /// `nil` when the bytes are longer than ``maxCount``.
    @inline(__always)
    init?(_ p: UnsafePointer<UInt8>, _ n: Int) {
        guard n <= ByteKey.maxCount else { return nil }
        count = n
        lo = ByteMasks.small(p, min(n, 8))
        if n > 8 { hi = ByteMasks.small(p + 8, n - 8) }
    }

    init?(_ text: String) {
        var key = ByteKey()
        for (k, b) in text.utf8.enumerated() {
            guard k < ByteKey.maxCount else { return nil }
            if k < 8 { key.lo |= UInt64(b) << (8 * UInt64(k)) } else { key.hi |= UInt64(b) << (8 * UInt64(k - 8)) }
            key.count = k + 1
        }
        self = key
    }
}

/// Codes of one categorical column's values, cached per thread: asks the decider once per
/// distinct value.
struct CodeCache {
    private var keys: [ByteKey] = []
    private var codes: [Int64] = []
    private var long: [[UInt8]: Int64] = [:]

    @inline(__always)
    mutating func code<D: TitleDecider>(_ p: UnsafePointer<UInt8>, _ n: Int, _ decider: D) -> Int64 {
        guard let key = ByteKey(p, n) else {
            let bytes = Array(UnsafeBufferPointer(start: p, count: n))
            if let c = long[bytes] { return c }
            let c = decider.intern(String(decoding: bytes, as: UTF8.self))
            long[bytes] = c
            return c
        }
        for k in 0..<keys.count where keys[k] == key { return codes[k] }
        let c = decider.intern(String(decoding: UnsafeBufferPointer(start: p, count: n), as: UTF8.self))
        keys.append(key)
        codes.append(c)
        return c
    }
}
