import CCrypto
import KhenThuongCore

/// SHA-256 through the system's libcrypto (OpenSSL 3), as lowercase hex: the package's one
/// SHA-256 wrapper and its only use of CCrypto (the hash chain, `verify`, the upward package and
/// the benchmark's W3/W2 digests, which take the first 16 hex digits, all go through it).
///
/// Hashing goes through `EVP_Digest` with the SHA-256 implementation fetched once per process
/// (`EVP_MD_fetch`). OpenSSL 3's one-shot `SHA256()` fetches the algorithm by name on every
/// call, which costs a third more on the short inputs `verify` hashes a million times; it is
/// used only if the fetch fails. Neither is deprecated.
package enum SHA256Digest {
    /// The lowercase hex SHA-256 of `bytes` (64 characters).
    package static func hex(_ bytes: some Collection<UInt8>) -> String {
        if let hex = bytes.withContiguousStorageIfAvailable({ hex(buffer: $0) }) { return hex }
        return Array(bytes).withUnsafeBufferPointer { hex(buffer: $0) }
    }

    /// The lowercase hex SHA-256 of a byte buffer.
    package static func hex(buffer: UnsafeBufferPointer<UInt8>) -> String {
        String(unsafeUninitializedCapacity: 64) { out in
            withDigest(buffer) { digest in writeHex(digest, into: UnsafeMutableRawBufferPointer(out)) }
            return 64
        }
    }

    /// Calls `body` with the 32-byte digest of `buffer` (no allocation).
    static func withDigest<R>(_ buffer: UnsafeBufferPointer<UInt8>, _ body: (UnsafeRawBufferPointer) -> R) -> R {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Int(SHA256_DIGEST_LENGTH)) { digest in
            // An empty buffer may have no address; OpenSSL reads nothing when the count is 0.
            var ok = false
            if let algorithm = FetchedSHA256.shared.algorithm {
                var length: UInt32 = 0
                ok = EVP_Digest(buffer.baseAddress, buffer.count, digest.baseAddress, &length, algorithm, nil) == 1
            }
            if !ok {
                _ = SHA256(buffer.baseAddress, buffer.count, digest.baseAddress)
            }
            return body(UnsafeRawBufferPointer(digest))
        }
    }

    /// SHA-256 of `prefix` followed by `count` bytes at `data`, into the 32 bytes at `out` (which
    /// may be the input's place): the Merkle tree's leaf (0x00) and node (0x01) hashes, with
    /// OpenSSL's SHA-256 on a stack context (no allocation; see `khenthuong_sha256_prefixed`).
    @inline(__always)
    static func prefixed(_ prefix: UInt8, _ data: UnsafeRawPointer, count: Int, into out: UnsafeMutableRawPointer) {
        let ok = khenthuong_sha256_prefixed(prefix, data, count, out.assumingMemoryBound(to: UInt8.self))
        precondition(ok == 1, "libcrypto's SHA-256 failed")
    }

    /// Writes `digest` as lowercase hex into `out` (which holds at least twice as many bytes).
    static func writeHex(_ digest: UnsafeRawBufferPointer, into out: UnsafeMutableRawBufferPointer) {
        for (i, byte) in digest.enumerated() {
            let high = byte >> 4, low = byte & 0x0f
            out[2 * i] = high < 10 ? 0x30 + high : 0x57 + high
            out[2 * i + 1] = low < 10 ? 0x30 + low : 0x57 + low
        }
    }
}

/// The SHA-256 implementation, fetched once. An `EVP_MD` is immutable once fetched and may be
/// shared between threads (OpenSSL 3 documents fetched algorithms as thread-safe to use).
struct FetchedSHA256: @unchecked Sendable {
    let algorithm: OpaquePointer?
    static let shared = FetchedSHA256(algorithm: EVP_MD_fetch(nil, "SHA256", nil))
}
