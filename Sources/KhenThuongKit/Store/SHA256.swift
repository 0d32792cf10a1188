import CCrypto

/// SHA-256 through the system's libcrypto (OpenSSL), as lowercase hex.
enum SHA256Digest {
    /// The lowercase hex SHA-256 of `bytes` (64 characters).
    static func hex(_ bytes: some Collection<UInt8>) -> String {
        if let hex = bytes.withContiguousStorageIfAvailable({ hex(buffer: $0) }) { return hex }
        return Array(bytes).withUnsafeBufferPointer { hex(buffer: $0) }
    }

    /// The lowercase hex SHA-256 of a byte buffer.
    static func hex(buffer: UnsafeBufferPointer<UInt8>) -> String {
        String(unsafeUninitializedCapacity: 64) { out in
            withDigest(buffer) { digest in writeHex(digest, into: UnsafeMutableRawBufferPointer(out)) }
            return 64
        }
    }

    /// Calls `body` with the 32-byte digest of `buffer` (no allocation).
    static func withDigest<R>(_ buffer: UnsafeBufferPointer<UInt8>, _ body: (UnsafeRawBufferPointer) -> R) -> R {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Int(SHA256_DIGEST_LENGTH)) { digest in
            // SHA256 ignores the input pointer when the length is 0, but it must not be nil.
            var empty: UInt8 = 0
            if let base = buffer.baseAddress {
                _ = SHA256(base, buffer.count, digest.baseAddress)
            } else {
                _ = SHA256(&empty, 0, digest.baseAddress)
            }
            return body(UnsafeRawBufferPointer(digest))
        }
    }

    /// Writes `digest` as lowercase hex into `out` (which holds at least twice as many bytes).
    static func writeHex(_ digest: UnsafeRawBufferPointer, into out: UnsafeMutableRawBufferPointer) {
        let alphabet: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                       UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0x30, 0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66)
        withUnsafeBytes(of: alphabet) { digits in
            for (i, byte) in digest.enumerated() {
                out[2 * i] = digits[Int(byte >> 4)]
                out[2 * i + 1] = digits[Int(byte & 0x0f)]
            }
        }
    }
}
