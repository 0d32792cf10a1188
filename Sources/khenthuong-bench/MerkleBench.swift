import Foundation
import KhenThuongStore

/// `khenthuong-bench merkle --store PATH`: the store's Merkle tree (docs/award-proof.md) over
/// all its events — the streamed root's time, the whole tree's, and the size of an audit path
/// and a consistency proof at that size. Reads only (give it a copy: opening sets WAL mode).
enum MerkleBench {
    static func run(store path: String) throws {
        let store = try EventStore(path: path)
        let count = try store.eventCount()
        print("FIG merkle_events \(count) events")
        var t = monotonic()
        let root = try store.merkleRoot(size: count)
        print("FIG merkle_root_seconds \(String(format: "%.3f", monotonic() - t)) s (streamed, \(MerkleHash.hex(root)))")
        t = monotonic()
        let tree = try store.merkleTree(size: count)
        print("FIG merkle_tree_seconds \(String(format: "%.3f", monotonic() - t)) s (all levels kept, for proofs)")
        precondition(tree.root == root, "the streamed root and the tree's differ")
        let n = Int(count)
        for (name, index) in [("first", 0), ("middle", n / 2), ("last", n - 1)] {
            t = monotonic()
            let path = tree.inclusionProof(index: index)
            let seconds = monotonic() - t
            precondition(MerkleProof.verifyInclusion(index: index, size: n, leafHash: leafHash(store, index), path: path, root: root))
            let hex = path.map { "\"\(MerkleHash.hex($0))\"" }.joined(separator: ",").utf8.count + 2
            print("FIG merkle_audit_path_\(name) \(path.count * MerkleHash.size) bytes (\(path.count) hashes; \(hex) bytes as a JSON array of hex; \(String(format: "%.1f", seconds * 1e6)) µs)")
        }
        let consistency = tree.consistencyProof(from: n / 2)
        precondition(MerkleProof.verifyConsistency(size1: n / 2, size2: n, root1: tree.root(size: n / 2), root2: root, proof: consistency))
        print("FIG merkle_consistency_half \(consistency.count * MerkleHash.size) bytes (\(consistency.count) hashes, from \(n / 2) to \(n) events)")
    }

    static func leafHash(_ store: EventStore, _ index: Int) -> [UInt8] {
        MerkleHash.leaf(MerkleHash.bytes(hex: (try? store.hash(at: Int64(index + 1))) ?? "") ?? [])
    }
}
