/// Checks the proofs of `MerkleTree` as a verifier holding only a root does (RFC 9162
/// §2.1.3.2 and §2.1.4.2).
package enum MerkleProof {
    /// The root that the audit path `path` leads to from leaf `index` (whose hash is
    /// `leafHash`) in a tree of `size` leaves.
    /// - Throws: `MerkleProofError` when the path has the wrong length for the index and size.
    package static func rootFromInclusion(index: Int, size: Int, leafHash: [UInt8], path: [[UInt8]]) throws(MerkleProofError) -> [UInt8] {
        guard index >= 0, index < size else { throw .indexOutOfRange(index: index, size: size) }
        guard path.allSatisfy({ $0.count == MerkleHash.size }) else { throw .badHashLength }
        var fn = index, sn = size - 1, r = leafHash
        for p in path {
            guard sn != 0 else { throw .wrongLength(expected: "shorter", got: path.count) }
            if fn & 1 == 1 || fn == sn {
                r = MerkleHash.node(p, r)
                if fn & 1 == 0 {
                    while fn & 1 == 0, fn != 0 { fn >>= 1; sn >>= 1 }
                }
            } else {
                r = MerkleHash.node(r, p)
            }
            fn >>= 1
            sn >>= 1
        }
        guard sn == 0 else { throw .wrongLength(expected: "longer", got: path.count) }
        return r
    }

    /// Whether the audit path proves leaf `index` (hash `leafHash`) in the tree of `size`
    /// leaves whose root is `root`.
    package static func verifyInclusion(index: Int, size: Int, leafHash: [UInt8], path: [[UInt8]], root: [UInt8]) -> Bool {
        guard let r = try? rootFromInclusion(index: index, size: size, leafHash: leafHash, path: path) else { return false }
        return r == root
    }

    /// Whether `proof` shows that the tree of `size2` leaves with root `root2` extends the tree
    /// of `size1` leaves with root `root1` (RFC 9162 §2.1.4.2).
    package static func verifyConsistency(size1: Int, size2: Int, root1: [UInt8], root2: [UInt8], proof: [[UInt8]]) -> Bool {
        guard size1 >= 0, size1 <= size2 else { return false }
        if size1 == size2 { return proof.isEmpty && root1 == root2 }
        if size1 == 0 { return proof.isEmpty }
        guard !proof.isEmpty, proof.allSatisfy({ $0.count == MerkleHash.size }) else { return false }
        var path = proof
        if size1 & (size1 - 1) == 0 { path.insert(root1, at: 0) }
        var fn = size1 - 1, sn = size2 - 1
        while fn & 1 == 1 { fn >>= 1; sn >>= 1 }
        var fr = path[0], sr = path[0]
        for c in path.dropFirst() {
            guard sn != 0 else { return false }
            if fn & 1 == 1 || fn == sn {
                fr = MerkleHash.node(c, fr)
                sr = MerkleHash.node(c, sr)
                if fn & 1 == 0 {
                    while fn & 1 == 0, fn != 0 { fn >>= 1; sn >>= 1 }
                }
            } else {
                sr = MerkleHash.node(sr, c)
            }
            fn >>= 1
            sn >>= 1
        }
        return sn == 0 && fr == root1 && sr == root2
    }
}

/// Why an audit path leads nowhere.
package enum MerkleProofError: Error, Equatable, Sendable {
    /// The leaf's index is not below the tree's size.
    case indexOutOfRange(index: Int, size: Int)
    /// A hash in the path is not 32 bytes.
    case badHashLength
    /// The path has too many or too few hashes for the index and the size.
    case wrongLength(expected: String, got: Int)
}
