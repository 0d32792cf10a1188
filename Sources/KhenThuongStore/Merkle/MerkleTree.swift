/// A Merkle tree as RFC 9162 §2.1 (RFC 6962 §2.1) defines it, over leaf hashes given in order:
/// its root (`MTH`), the audit path of a leaf (`PATH`, §2.1.3.1) and the consistency proof
/// between two sizes (`PROOF`, §2.1.4.1). For a size that is not a power of two the tree is
/// the RFC's: the left subtree holds the largest power of two smaller than the size.
///
/// The tree keeps every complete, aligned subtree's hash (about twice the leaves' 32 bytes),
/// so a proof costs a few dozen hashes once the tree is built.
///
/// ```swift
/// let tree = MerkleTree(leafHashes: hashes)       // MerkleHash.leaf(data) of each leaf
/// let path = tree.inclusionProof(index: 5)
/// let root = try MerkleProof.rootFromInclusion(index: 5, size: tree.size, leafHash: hashes[5], path: path)
/// ```
package struct MerkleTree: Sendable {
    /// `levels[k]` holds, flat, the hashes of the complete subtrees of `2^k` leaves that start
    /// at a multiple of `2^k`; `levels[0]` the leaf hashes.
    private var levels: [[UInt8]]

    /// How many leaves.
    package var size: Int { levels[0].count / MerkleHash.size }

    /// A tree over `leafHashes` (each `MerkleHash.size` bytes, already `MerkleHash.leaf`).
    package init(leafHashes: [[UInt8]]) {
        self.init(flatLeafHashes: leafHashes.flatMap { $0 })
    }

    /// A tree over leaf hashes laid end to end (`MerkleHash.size` bytes each).
    package init(flatLeafHashes: [UInt8]) {
        precondition(flatLeafHashes.count % MerkleHash.size == 0, "leaf hashes are 32 bytes each")
        var levels = [flatLeafHashes]
        let h = MerkleHash.size
        while levels[levels.count - 1].count / h >= 2 {
            let below = levels[levels.count - 1]
            let count = below.count / h / 2
            var level: [UInt8] = []
            level.reserveCapacity(count * h)
            var input = [UInt8](repeating: 0x01, count: 1 + 2 * h)
            below.withUnsafeBufferPointer { b in
                for i in 0..<count {
                    for j in 0..<(2 * h) { input[1 + j] = b[2 * i * h + j] }
                    level.append(contentsOf: MerkleHash.digest(input))
                }
            }
            levels.append(level)
        }
        self.levels = levels
    }

    /// The tree head `MTH(D[n])` of all leaves (the hash of nothing for an empty tree).
    package var root: [UInt8] { size == 0 ? MerkleHash.empty : hash(0, size) }

    /// The root of the first `count` leaves (`count` ≤ `size`).
    package func root(size count: Int) -> [UInt8] {
        precondition(count <= size)
        return count == 0 ? MerkleHash.empty : hash(0, count)
    }

    /// The audit path of leaf `index` in the tree of the first `count` leaves (all by
    /// default), deepest sibling first (RFC 9162 §2.1.3.1).
    package func inclusionProof(index: Int, size count: Int? = nil) -> [[UInt8]] {
        let n = count ?? size
        precondition(index >= 0 && index < n && n <= size)
        var out: [[UInt8]] = []
        path(index, 0, n, &out)
        return out
    }

    /// The consistency proof from the tree of the first `old` leaves to that of the first
    /// `new` (RFC 9162 §2.1.4.1); empty when `old` is 0 or equal to `new`.
    package func consistencyProof(from old: Int, to new: Int? = nil) -> [[UInt8]] {
        let n = new ?? size
        precondition(old >= 0 && old <= n && n <= size)
        guard old > 0, old < n else { return [] }
        var out: [[UInt8]] = []
        subproof(old, 0, n, true, &out)
        return out
    }

    // MARK: The RFC's recursions

    /// `MTH(D[lo:hi])`, reading a complete aligned subtree from `levels`.
    private func hash(_ lo: Int, _ hi: Int) -> [UInt8] {
        let n = hi - lo
        if n & (n - 1) == 0, lo % n == 0 {
            let level = n.trailingZeroBitCount, h = MerkleHash.size
            let start = lo / n * h
            return Array(levels[level][start..<(start + h)])
        }
        let k = Self.split(n)
        return MerkleHash.node(hash(lo, lo + k), hash(lo + k, hi))
    }

    private func path(_ m: Int, _ lo: Int, _ hi: Int, _ out: inout [[UInt8]]) {
        let n = hi - lo
        guard n > 1 else { return }
        let k = Self.split(n)
        if m < k {
            path(m, lo, lo + k, &out)
            out.append(hash(lo + k, hi))
        } else {
            path(m - k, lo + k, hi, &out)
            out.append(hash(lo, lo + k))
        }
    }

    private func subproof(_ m: Int, _ lo: Int, _ hi: Int, _ complete: Bool, _ out: inout [[UInt8]]) {
        let n = hi - lo
        if m == n {
            if !complete { out.append(hash(lo, hi)) }
            return
        }
        let k = Self.split(n)
        if m <= k {
            subproof(m, lo, lo + k, complete, &out)
            out.append(hash(lo + k, hi))
        } else {
            subproof(m - k, lo + k, hi, false, &out)
            out.append(hash(lo, lo + k))
        }
    }

    /// The largest power of two smaller than `n` (`n` ≥ 2).
    static func split(_ n: Int) -> Int {
        1 << (Int.bitWidth - 1 - (n - 1).leadingZeroBitCount)
    }
}

/// The root of a Merkle tree computed as leaf hashes stream in, keeping only the hashes of
/// the complete subtrees on the right edge (at most one per bit of the size): memory does not
/// grow with the tree. Gives the same root as `MerkleTree.root`.
package struct MerkleRootBuilder {
    private var stack: [(height: Int, hash: [UInt8])] = []
    package private(set) var size = 0

    package init() {}

    /// Adds the next leaf's hash (`MerkleHash.leaf` of its data).
    package mutating func append(leafHash: [UInt8]) {
        var node = (height: 0, hash: leafHash)
        while let top = stack.last, top.height == node.height {
            stack.removeLast()
            node = (top.height + 1, MerkleHash.node(top.hash, node.hash))
        }
        stack.append(node)
        size += 1
    }

    /// The root of the leaves added so far.
    package var root: [UInt8] {
        guard var r = stack.last?.hash else { return MerkleHash.empty }
        for node in stack.dropLast().reversed() { r = MerkleHash.node(node.hash, r) }
        return r
    }
}
