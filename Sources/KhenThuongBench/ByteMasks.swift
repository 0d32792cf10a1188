import KhenThuongCore
import KhenThuongStore
import KhenThuongKit

/// Byte classes of 8 bytes at once (SWAR): each function sets 0x80 in the bytes of the word
/// that belong to the class, exactly (no carries between bytes).
enum ByteMasks {
    static let high: UInt64 = 0x8080_8080_8080_8080, low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F

    /// 0x80 in each byte of `x` that is `,`.
    @inline(__always)
    static func comma(_ x: UInt64) -> UInt64 {
        let y = x ^ 0x2C2C_2C2C_2C2C_2C2C
        return ~(((y & low7) &+ low7) | y | low7)
    }

    /// 0x80 in each byte of `x` below 0x0E: LF and CR (and rarer control bytes such as TAB,
    /// which the caller looks at).
    @inline(__always)
    static func control(_ x: UInt64) -> UInt64 {
        ~((x | high) &- 0x0E0E_0E0E_0E0E_0E0E) & ~x & high
    }

    /// 0x80 in each byte of `x` that is `"`.
    @inline(__always)
    static func quote(_ x: UInt64) -> UInt64 {
        let y = x ^ 0x2222_2222_2222_2222
        return ~(((y & low7) &+ low7) | y | low7)
    }

    /// Bytes `p[0 ..< n]` (n ≤ 8) as a little-endian word, reading only those bytes: a
    /// 4-, 2- and 1-byte load as the bits of `n` say (branches that a steady `n` predicts).
    @inline(__always)
    static func small(_ p: UnsafePointer<UInt8>, _ n: Int) -> UInt64 {
        let raw = UnsafeRawPointer(p)
        if n >= 8 { return raw.loadUnaligned(as: UInt64.self).littleEndian }
        var v: UInt64 = 0
        var o = 0
        if n & 4 != 0 { v = UInt64(raw.loadUnaligned(as: UInt32.self).littleEndian); o = 4 }
        if n & 2 != 0 { v |= UInt64(raw.loadUnaligned(fromByteOffset: o, as: UInt16.self).littleEndian) << UInt64(8 * o); o += 2 }
        if n & 1 != 0 { v |= UInt64(p[o]) << UInt64(8 * o) }
        return v
    }

    /// The word at `p` when fewer than 8 bytes are readable: the rest reads as `A`.
    static func tailWord(_ p: UnsafePointer<UInt8>, _ count: Int) -> UInt64 {
        var x: UInt64 = 0x4141_4141_4141_4141
        for k in 0..<count { x = x & ~(0xFF << (8 * UInt64(k))) | UInt64(p[k]) << (8 * UInt64(k)) }
        return x
    }
}
