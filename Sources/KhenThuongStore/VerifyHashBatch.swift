import Foundation
import KhenThuongCore

/// A batch of events, in canonical form, that `verify()` hashes on a second thread while it
/// reads the next batch from SQLite (reading and hashing each take about half the time).
///
/// Thread safety: the reading thread fills a batch, hands it to the hashing queue, and reads it
/// again only after waiting on the queue's group; the two never touch a batch at the same time.
final class VerifyHashBatch: @unchecked Sendable {
    /// Rows per batch.
    static let capacity = 8192

    /// Every row's canonical bytes, one after the other.
    /// (No dynamic exclusivity check: only one thread touches a batch at a time, see above.)
    @exclusivity(unchecked) private(set) var canonical = CanonicalJSONWriter(capacity: 1 << 21)
    /// Where each row's canonical bytes end in `canonical`.
    private(set) var ends: [Int] = []
    /// Each row's stored hash, 64 bytes per row (shorter or longer hashes never match).
    private var storedHashes: [UInt8] = []
    private var storedHashLengthOK: [Bool] = []
    /// Each row's `seq`.
    private(set) var seqs: [Int64] = []
    /// Whether the reading thread already found the row broken (gap or link).
    private(set) var brokenByReader: [Bool] = []
    /// Filled by `hashAll()`: indices of the rows whose hash does not match their content.
    private(set) var mismatches: [Int] = []

    init() {
        ends.reserveCapacity(Self.capacity)
        storedHashes.reserveCapacity(Self.capacity * 64)
        storedHashLengthOK.reserveCapacity(Self.capacity)
        seqs.reserveCapacity(Self.capacity)
        brokenByReader.reserveCapacity(Self.capacity)
    }

    var count: Int { seqs.count }
    var isFull: Bool { seqs.count >= Self.capacity }

    func removeAll() {
        canonical.removeAll()
        ends.removeAll(keepingCapacity: true)
        storedHashes.removeAll(keepingCapacity: true)
        storedHashLengthOK.removeAll(keepingCapacity: true)
        seqs.removeAll(keepingCapacity: true)
        brokenByReader.removeAll(keepingCapacity: true)
        mismatches.removeAll(keepingCapacity: true)
    }

    /// Adds one row: `fields` gives the 12 text columns after `seq` (nil for NULL).
    @inline(__always)
    func append(seq: Int64, fields: (Int) -> UnsafeBufferPointer<UInt8>?, storedHash: UnsafeBufferPointer<UInt8>,
                brokenByReader broken: Bool) {
        EventHash.write(seq: seq, fields: fields, into: &canonical)
        ends.append(canonical.count)
        if storedHash.count == 64 {
            storedHashes.append(contentsOf: storedHash)
            storedHashLengthOK.append(true)
        } else {
            storedHashes.append(contentsOf: repeatElement(0, count: 64))
            storedHashLengthOK.append(false)
        }
        seqs.append(seq)
        brokenByReader.append(broken)
    }

    /// Hashes every row and notes those whose stored hash differs.
    func hashAll() {
        mismatches.removeAll(keepingCapacity: true)
        var computed = [UInt8](repeating: 0, count: 64)
        canonical.withBytes { all in
            storedHashes.withUnsafeBufferPointer { stored in
                computed.withUnsafeMutableBytes { hex in
                    var start = 0
                    for row in 0..<ends.count {
                        let slice = UnsafeBufferPointer(rebasing: all[start..<ends[row]])
                        start = ends[row]
                        SHA256Digest.withDigest(slice) { SHA256Digest.writeHex($0, into: hex) }
                        if !storedHashLengthOK[row] || memcmp(hex.baseAddress!, stored.baseAddress! + row * 64, 64) != 0 {
                            mismatches.append(row)
                        }
                    }
                }
            }
        }
    }
}
