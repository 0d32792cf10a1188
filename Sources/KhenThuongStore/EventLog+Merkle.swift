import KhenThuongCore

/// The store's Merkle tree (RFC 9162 §2.1): its leaves are the events' own hashes in chain
/// order, leaf `i` (from 0) the 32 bytes of event `i + 1`'s hash. A checkpoint carries the
/// root at its size; an award's verification file carries audit paths to it.
extension EventLog {
    /// The Merkle root of events 1 through `size`, streamed (memory does not grow with the store).
    /// - Throws: `StoreError.corruptEvent` when a stored hash is not 64 hex digits, or the
    ///   numbers have a gap.
    public func merkleRoot(size: Int64) throws(StoreError) -> [UInt8] {
        var builder = MerkleRootBuilder()
        try scanHashes(through: size) { (seq, hex) throws(StoreError) in
            builder.append(leafHash: MerkleHash.leaf(try Self.leafData(seq: seq, hex: hex, expected: Int64(builder.size) + 1, location: location)))
        }
        guard builder.size == size else {
            throw StoreError.corruptEvent(path: location, seq: Int64(builder.size) + 1, detail: "the event is missing from the chain; run verify")
        }
        return builder.root
    }

    /// The whole Merkle tree of events 1 through `size`, for proofs.
    /// - Throws: as `merkleRoot(size:)`.
    package func merkleTree(size: Int64) throws(StoreError) -> MerkleTree {
        var flat: [UInt8] = []
        flat.reserveCapacity(Int(size) * MerkleHash.size)
        var count: Int64 = 0
        try scanHashes(through: size) { (seq, hex) throws(StoreError) in
            flat.append(contentsOf: MerkleHash.leaf(try Self.leafData(seq: seq, hex: hex, expected: count + 1, location: location)))
            count += 1
        }
        guard count == size else {
            throw StoreError.corruptEvent(path: location, seq: count + 1, detail: "the event is missing from the chain; run verify")
        }
        return MerkleTree(flatLeafHashes: flat)
    }

    /// The leaf of event `seq`: the 32 bytes its stored hex hash spells.
    static func leafData(seq: Int64, hex: UnsafeBufferPointer<UInt8>, expected: Int64, location: String?) throws(StoreError) -> [UInt8] {
        guard seq == expected else {
            throw StoreError.corruptEvent(path: location, seq: expected, detail: "the event is missing from the chain; run verify")
        }
        guard hex.count == 64, let bytes = MerkleHash.bytes(hexUTF8: hex) else {
            throw StoreError.corruptEvent(path: location, seq: seq, detail: "its stored hash is not a SHA-256 in hex; run verify")
        }
        return bytes
    }
}
