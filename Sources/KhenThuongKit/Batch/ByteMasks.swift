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

    /// 0x80 in each byte of `x` below 0x23: LF, CR and `"`, but also space and `!` (the
    /// caller looks at the byte).
    @inline(__always)
    static func below(_ x: UInt64) -> UInt64 {
        ~((x | high) &- 0x2323_2323_2323_2323) & ~x & high
    }

    /// The word at `p` when fewer than 8 bytes are readable: the rest reads as `A`.
    static func tailWord(_ p: UnsafePointer<UInt8>, _ count: Int) -> UInt64 {
        var x: UInt64 = 0x4141_4141_4141_4141
        for k in 0..<count { x = x & ~(0xFF << (8 * UInt64(k))) | UInt64(p[k]) << (8 * UInt64(k)) }
        return x
    }
}
