/// A small open-addressing table from names to their positions, for the machine's hot path.
///
/// Workflows have a dozen states and events; `Dictionary<String, Int>` hashes with SipHash
/// and a linear scan compares strings the slow way. This hashes the UTF-8 bytes with
/// FNV-1a and confirms with one comparison, which is several times cheaper.
struct NameTable: Sendable {
    private let slots: [Int32]
    private let names: [String]
    private let mask: Int

    init(_ names: [String]) {
        self.names = names
        var size = 8
        while size < names.count * 4 { size <<= 1 }
        var slots = [Int32](repeating: -1, count: size)
        for (i, name) in names.enumerated() {
            var h = NameTable.hash(name) & (size - 1)
            while slots[h] >= 0 {
                if names[Int(slots[h])] == name { break }
                h = (h + 1) & (size - 1)
            }
            if slots[h] < 0 { slots[h] = Int32(i) }
        }
        self.slots = slots
        self.mask = size - 1
    }

    /// The position of `name`, or `nil`.
    @inline(__always)
    func index(of name: String) -> Int? {
        var h = NameTable.hash(name) & mask
        while true {
            let s = slots[h]
            if s < 0 { return nil }
            let candidate = names[Int(s)]
            if candidate.utf8.count == name.utf8.count && candidate == name { return Int(s) }
            h = (h + 1) & mask
        }
    }

    @inline(__always)
    static func hash(_ s: String) -> Int {
        if let h = s.utf8.withContiguousStorageIfAvailable({ buf -> Int in
            var h: UInt64 = 0xcbf2_9ce4_8422_2325
            for b in buf { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
            return Int(truncatingIfNeeded: h ^ (h >> 29))
        }) { return h }
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in s.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return Int(truncatingIfNeeded: h ^ (h >> 29))
    }
}
