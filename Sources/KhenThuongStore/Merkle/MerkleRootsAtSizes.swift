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
    /// The right edge: `heights[i]` and the 32 bytes at `stack[32 i ..< 32 i + 32]`.
    private var stack: [UInt8] = []
    private var heights: [Int] = []
    /// The hash input, reused: a prefix byte and up to two hashes.
    private var input = [UInt8](repeating: 0, count: 1 + 2 * MerkleHash.size)
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
        guard seq == count + 1, hex.count == 2 * h, Self.decode(hex, into: &input) else {
            malformed = seq
            return
        }
        // The leaf: SHA-256(0x00 ‖ the 32 bytes), pushed, then merged while the top is as high.
        input[0] = 0x00
        digest(count: 1 + h)
        heights.append(0)
        while heights.count >= 2, heights[heights.count - 1] == heights[heights.count - 2] {
            let n = heights.count, height = heights[n - 1] + 1
            input[0] = 0x01
            for j in 0..<(2 * h) { input[1 + j] = stack[(n - 2) * h + j] }
            stack.removeLast(2 * h)
            heights.removeLast(2)
            digest(count: 1 + 2 * h)
            heights.append(height)
        }
        count += 1
        if count == sizes[next] {
            roots[count] = root()
            next += 1
        }
    }

    /// Hashes `input[0..<count]`, appending the digest to the stack.
    private mutating func digest(count: Int) {
        input.withUnsafeBufferPointer { b in
            SHA256Digest.withDigest(UnsafeBufferPointer(rebasing: b[0..<count])) { stack.append(contentsOf: $0) }
        }
    }

    /// The root of the leaves added so far: the right edge folded from the right.
    private func root() -> [UInt8] {
        let h = MerkleHash.size
        guard !heights.isEmpty else { return MerkleHash.empty }
        var r = Array(stack[(heights.count - 1) * h ..< heights.count * h])
        for i in stride(from: heights.count - 2, through: 0, by: -1) {
            r = MerkleHash.node(stack[i * h ..< (i + 1) * h], r)
        }
        return r
    }

    /// Decodes 64 hex digits into `out[1...32]`; false when one is not a lowercase or uppercase hex digit.
    private static func decode(_ hex: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) -> Bool {
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
            out[1 + i] = high << 4 | low
        }
        return true
    }
}
