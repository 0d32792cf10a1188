/// The Merkle roots (RFC 9162 §2.1) of a store's first `n` events for a few sizes `n`, computed
/// as the events' stored hashes stream in: `MerkleRootBuilder`'s right-edge stack, kept flat and
/// hashed in place (no array per hash), so that `verify --witnesses` computes the roots at every
/// cosigned size inside verify's one read of the chain (`VerifyWalk.visitHash`).
///
/// ```swift
/// var roots = MerkleRootsAtSizes(sizes: [37, 120])
/// roots.add(seq: 1, hex: …)   // each event's stored hash, in order
/// roots.roots[37]             // MTH of events 1…37, once 37 events were added
/// ```
package struct MerkleRootsAtSizes: Sendable {
    /// The sizes wanted, ascending, each > 0.
    private let sizes: [Int64]
    private var next = 0
    /// The right edge, at most 64 subtrees (a size below 2^64): `heights[i]` and the 32 bytes at
    /// `stack[32 i ..< 32 i + 32]`, for `i < depth`. Neighbouring entries are contiguous, so a
    /// node is hashed from the stack in place.
    private var stack = [UInt8](repeating: 0, count: 65 * MerkleHash.size)
    private var heights = [UInt8](repeating: 0, count: 65)
    private var depth = 0
    /// Leaves added.
    package private(set) var count: Int64 = 0
    /// The root at each wanted size reached.
    package private(set) var roots: [Int64: [UInt8]] = [:]
    /// The first event whose stored hash is not 64 hex digits or out of order (nothing is added after it).
    package private(set) var malformed: Int64?

    package init(sizes: some Sequence<Int64>) {
        self.sizes = Set(sizes.filter { $0 > 0 }).sorted()
    }

    /// The largest size wanted (0: none): events after it need not be added.
    package var through: Int64 { sizes.last ?? 0 }

    /// Adds event `seq`'s stored hash (64 hex digits, as UTF-8).
    package mutating func add(seq: Int64, hex: UnsafeBufferPointer<UInt8>) {
        guard malformed == nil, next < sizes.count else { return }
        let h = MerkleHash.size
        guard seq == count + 1, hex.count == 2 * h else {
            malformed = seq
            return
        }
        var depth = self.depth
        let decoded = stack.withUnsafeMutableBytes { st in
            heights.withUnsafeMutableBufferPointer { heights in
                // The leaf: SHA-256(0x00 ‖ the 32 bytes), decoded into the next slot and hashed there.
                let slot = st.baseAddress! + depth * h
                guard Self.decode(hex, into: slot) else { return false }
                SHA256Digest.prefixed(0x00, slot, count: h, into: slot)
                heights[depth] = 0
                depth += 1
                // Merged while the two on top are as high: SHA-256(0x01 ‖ left ‖ right), into left's slot.
                while depth >= 2, heights[depth - 1] == heights[depth - 2] {
                    let left = st.baseAddress! + (depth - 2) * h
                    SHA256Digest.prefixed(0x01, left, count: 2 * h, into: left)
                    heights[depth - 2] += 1
                    depth -= 1
                }
                return true
            }
        }
        guard decoded else {
            malformed = seq
            return
        }
        self.depth = depth
        count += 1
        if count == sizes[next] {
            roots[count] = root()
            next += 1
        }
    }

    /// The root of the leaves added so far: the right edge folded from the right.
    private func root() -> [UInt8] {
        let h = MerkleHash.size
        guard depth > 0 else { return MerkleHash.empty }
        var r = Array(stack[(depth - 1) * h ..< depth * h])
        for i in stride(from: depth - 2, through: 0, by: -1) {
            r = MerkleHash.node(stack[i * h ..< (i + 1) * h], r)
        }
        return r
    }

    /// Decodes 64 hex digits into the 32 bytes at `out`; false when one is not a lowercase or uppercase hex digit.
    @inline(__always)
    private static func decode(_ hex: UnsafeBufferPointer<UInt8>, into out: UnsafeMutableRawPointer) -> Bool {
        @inline(__always) func nibble(_ c: UInt8) -> UInt8? {
            switch c {
            case 48...57: c - 48
            case 97...102: c - 87
            case 65...70: c - 55
            default: nil
            }
        }
        for i in 0..<MerkleHash.size {
            guard let high = nibble(hex[2 * i]), let low = nibble(hex[2 * i + 1]) else { return false }
            out.storeBytes(of: high << 4 | low, toByteOffset: i, as: UInt8.self)
        }
        return true
    }
}
