import Foundation
import Testing
@testable import KhenThuongStore

/// The RFC 9162 §2.1 Merkle tree against the RFC 6962 test vectors that Certificate
/// Transparency's implementations share: the eight leaves, the roots of sizes 1 to 8, the
/// audit paths and the consistency proofs of transparency-dev/merkle `proof/verify_test.go`
/// (also google/certificate-transparency's `merkle_tree_test.cc`).
@Suite struct MerkleTreeTests {
    static func h(_ hex: String) -> [UInt8] { MerkleHash.bytes(hex: hex)! }

    /// The RFC 6962 test leaves (data, before hashing).
    static let leaves: [[UInt8]] = ["", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f"].map(h)

    /// The roots of the trees of the first 1…8 leaves.
    static let roots: [String] = [
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    ]

    struct Inclusion: Sendable, CustomStringConvertible {
        var leaf: Int, size: Int, path: [String]
        var description: String { "leaf \(leaf) of \(size)" }
    }

    /// Leaf numbers from 1, as the vectors give them.
    static let inclusions: [Inclusion] = [
        .init(leaf: 1, size: 1, path: []),
        .init(leaf: 1, size: 8, path: ["96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                                      "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                                      "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"]),
        .init(leaf: 6, size: 8, path: ["bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
                                      "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                                      "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"]),
        .init(leaf: 3, size: 3, path: ["fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"]),
        .init(leaf: 2, size: 5, path: ["6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
                                      "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                                      "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"]),
    ]

    struct Consistency: Sendable, CustomStringConvertible {
        var size1: Int, size2: Int, proof: [String]
        var description: String { "\(size1) → \(size2)" }
    }

    static let consistencies: [Consistency] = [
        .init(size1: 1, size2: 1, proof: []),
        .init(size1: 1, size2: 8, proof: ["96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                                          "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                                          "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"]),
        .init(size1: 6, size2: 8, proof: ["0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                                          "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                                          "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"]),
        .init(size1: 2, size2: 5, proof: ["5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                                          "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"]),
        .init(size1: 6, size2: 7, proof: ["0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                                          "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
                                          "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"]),
    ]

    static var tree: MerkleTree { MerkleTree(leafHashes: leaves.map { MerkleHash.leaf($0) }) }

    @Test("The empty tree's root is the SHA-256 of nothing (RFC 9162 §2.1.1)")
    func emptyRoot() {
        #expect(MerkleHash.hex(MerkleTree(flatLeafHashes: []).root) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(MerkleRootBuilder().root == MerkleHash.empty)
    }

    @Test("The roots of the first 1…8 test leaves are the RFC 6962 vectors, whole and streamed", arguments: 1...8)
    func roots(size: Int) {
        let tree = Self.tree
        #expect(MerkleHash.hex(tree.root(size: size)) == Self.roots[size - 1])
        #expect(MerkleHash.hex(MerkleTree(leafHashes: Self.leaves.prefix(size).map { MerkleHash.leaf($0) }).root) == Self.roots[size - 1])
        var builder = MerkleRootBuilder()
        for leaf in Self.leaves.prefix(size) { builder.append(leafHash: MerkleHash.leaf(leaf)) }
        #expect(MerkleHash.hex(builder.root) == Self.roots[size - 1])
    }

    @Test("Audit paths are the vectors' and lead back to the root", arguments: inclusions)
    func inclusion(_ v: Inclusion) throws {
        let path = Self.tree.inclusionProof(index: v.leaf - 1, size: v.size)
        #expect(path.map { MerkleHash.hex($0) } == v.path)
        let leafHash = MerkleHash.leaf(Self.leaves[v.leaf - 1])
        let root = try MerkleProof.rootFromInclusion(index: v.leaf - 1, size: v.size, leafHash: leafHash, path: path)
        #expect(MerkleHash.hex(root) == Self.roots[v.size - 1])
    }

    @Test("A corrupted audit path, index, size, leaf or root is refused", arguments: inclusions.filter { !$0.path.isEmpty })
    func inclusionCorrupted(_ v: Inclusion) {
        let path = v.path.map(Self.h), root = Self.h(Self.roots[v.size - 1]), leaf = MerkleHash.leaf(Self.leaves[v.leaf - 1])
        let i = v.leaf - 1
        #expect(MerkleProof.verifyInclusion(index: i, size: v.size, leafHash: leaf, path: path, root: root))
        var probes: [(String, Int, Int, [UInt8], [[UInt8]], [UInt8])] = [
            ("index - 1", i - 1, v.size, leaf, path, root), ("index + 1", i + 1, v.size, leaf, path, root),
            ("index ^ 2", i ^ 2, v.size, leaf, path, root), ("size * 2", i, v.size * 2, leaf, path, root),
            ("size / 2", i, v.size / 2, leaf, path, root), ("wrong leaf", i, v.size, MerkleHash.leaf([1]), path, root),
            ("empty root", i, v.size, leaf, path, MerkleHash.empty), ("trailing root", i, v.size, leaf, path + [root], root),
            ("preceding root", i, v.size, leaf, [root] + path, root), ("removed component", i, v.size, leaf, Array(path.dropLast()), root),
        ]
        for n in path.indices {
            var wrong = path
            wrong[n][0] ^= 8
            probes.append(("modified path[\(n)] bit 3", i, v.size, leaf, wrong, root))
        }
        let accepted = probes.filter { MerkleProof.verifyInclusion(index: $0.1, size: $0.2, leafHash: $0.3, path: $0.4, root: $0.5) }.map(\.0)
        #expect(accepted == [])
    }

    @Test("Consistency proofs are the vectors' and verify against both roots", arguments: consistencies)
    func consistency(_ v: Consistency) {
        let proof = Self.tree.consistencyProof(from: v.size1, to: v.size2)
        #expect(proof.map { MerkleHash.hex($0) } == v.proof)
        let root1 = Self.h(Self.roots[v.size1 - 1]), root2 = Self.h(Self.roots[v.size2 - 1])
        #expect(MerkleProof.verifyConsistency(size1: v.size1, size2: v.size2, root1: root1, root2: root2, proof: proof))
        guard !proof.isEmpty else { return }
        var probes: [(String, Int, Int, [UInt8], [UInt8], [[UInt8]])] = [
            ("size1 - 1", v.size1 - 1, v.size2, root1, root2, proof), ("size1 + 1", v.size1 + 1, v.size2, root1, root2, proof),
            ("size2 * 2", v.size1, v.size2 * 2, root1, root2, proof), ("size2 / 2", v.size1, v.size2 / 2, root1, root2, proof),
            ("swapped roots", v.size1, v.size2, root2, root1, proof), ("empty proof", v.size1, v.size2, root1, root2, []),
            ("trailing root2", v.size1, v.size2, root1, root2, proof + [root2]), ("preceding root1", v.size1, v.size2, root1, root2, [root1] + proof),
            ("truncated", v.size1, v.size2, root1, root2, Array(proof.dropLast())),
        ]
        for n in proof.indices {
            var wrong = proof
            wrong[n][0] ^= 16
            probes.append(("modified proof[\(n)] bit 4", v.size1, v.size2, root1, root2, wrong))
        }
        let accepted = probes.filter { MerkleProof.verifyConsistency(size1: $0.1, size2: $0.2, root1: $0.3, root2: $0.4, proof: $0.5) }.map(\.0)
        #expect(accepted == [])
    }

    @Test("Every audit path and consistency proof of trees up to 40 leaves verifies (the recursion against the verifier)")
    func allSmallTrees() throws {
        let leaves = (0..<40).map { MerkleHash.leaf([UInt8($0)]) }
        let tree = MerkleTree(leafHashes: leaves)
        var failures: [String] = []
        for size in 1...40 {
            let root = tree.root(size: size)
            for i in 0..<size where !MerkleProof.verifyInclusion(index: i, size: size, leafHash: leaves[i], path: tree.inclusionProof(index: i, size: size), root: root) {
                failures.append("leaf \(i) of \(size)")
            }
            for old in 0...size where !MerkleProof.verifyConsistency(size1: old, size2: size, root1: tree.root(size: old), root2: root,
                                                                     proof: tree.consistencyProof(from: old, to: size)) {
                failures.append("\(old) → \(size)")
            }
        }
        #expect(failures == [])
    }

    @Test("A store's Merkle root is over its event hashes as leaves, at any size")
    func storeRoot() throws {
        let folder = try StoreTemporaryDirectory()
        let store = try EventStore(path: folder.path())
        var driver = try StoreDriver(store: store, definitions: try StoreFixture.definitions(),
                                     dossier: try StoreFixture.newDossier("HS-1", definitions: try StoreFixture.definitions(),
                                                                          createdAt: try StoreFixture.instant("2025-12-01T02:00:00.000Z")))
        try driver.runToPublished()
        let count = try store.eventCount()
        var leaves: [[UInt8]] = []
        for seq in 1...count { leaves.append(MerkleHash.leaf(MerkleHash.bytes(hex: try #require(try store.hash(at: seq)))!)) }
        #expect(count == 9)
        #expect(try store.merkleRoot(size: count) == MerkleTree(leafHashes: leaves).root)
        #expect(try store.merkleRoot(size: 3) == MerkleTree(leafHashes: Array(leaves.prefix(3))).root)
        #expect(try store.merkleTree(size: 6).root == MerkleTree(leafHashes: Array(leaves.prefix(6))).root)
    }

    @Test("The roots at a few sizes streamed from 64-hex event hashes (verify --witnesses) are the tree's roots at those sizes; a malformed hash stops the stream")
    func rootsAtSizes() {
        // 40 event hashes: the SHA-256 of 0, 1, … as 64 lowercase hex digits (one upper-case, which the store never writes but decodes).
        let hashes = (0..<40).map { i in MerkleHash.hex(MerkleHash.leaf([UInt8(i), 7])) }.enumerated().map { $0 == 5 ? $1.uppercased() : $1 }
        let tree = MerkleTree(leafHashes: hashes.map { MerkleHash.leaf(MerkleHash.bytes(hex: $0.lowercased())!) })
        var roots = MerkleRootsAtSizes(sizes: [13, 1, 0, 40, 8, 13, 27])
        #expect(roots.through == 40)
        for (i, h) in hashes.enumerated() {
            Array(h.utf8).withUnsafeBufferPointer { roots.add(seq: Int64(i + 1), hex: $0) }
        }
        #expect(roots.malformed == nil && roots.count == 40)
        #expect(roots.roots.keys.sorted() == [1, 8, 13, 27, 40])
        for (size, root) in roots.roots { #expect(root == tree.root(size: Int(size)), "size \(size)") }
        // A hash that is not hex, or a gap in the numbers, stops the stream there.
        var bad = MerkleRootsAtSizes(sizes: [3])
        for (i, h) in ["ab", hashes[1], hashes[2]].enumerated() { Array(h.utf8).withUnsafeBufferPointer { bad.add(seq: Int64(i + 1), hex: $0) } }
        #expect(bad.malformed == 1 && bad.roots.isEmpty)
        var gap = MerkleRootsAtSizes(sizes: [3])
        for seq in [1, 3, 4] { Array(hashes[seq - 1].utf8).withUnsafeBufferPointer { gap.add(seq: Int64(seq), hex: $0) } }
        #expect(gap.malformed == 3 && gap.roots.isEmpty)
    }
}
