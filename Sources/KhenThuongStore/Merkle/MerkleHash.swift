import KhenThuongCore

/// The two hashes of an RFC 6962 / RFC 9162 §2.1.1 Merkle tree, SHA-256 through libcrypto
/// (`SHA256Digest`): a leaf is `SHA-256(0x00 ‖ data)`, an interior node
/// `SHA-256(0x01 ‖ left ‖ right)`. The prefixes keep a leaf from passing for a node.
package enum MerkleHash {
    /// Bytes in one hash.
    package static let size = 32

    /// The hash of an empty tree: `SHA-256()` of nothing.
    package static var empty: [UInt8] { digest([]) }

    /// `SHA-256(0x00 ‖ data)`.
    package static func leaf(_ data: some Collection<UInt8>) -> [UInt8] {
        prefixed(0x00, data, EmptyCollection())
    }

    /// `SHA-256(0x01 ‖ left ‖ right)`.
    package static func node(_ left: some Collection<UInt8>, _ right: some Collection<UInt8>) -> [UInt8] {
        prefixed(0x01, left, right)
    }

    /// `SHA-256(prefix ‖ a ‖ b)`, the input laid out in a temporary buffer.
    private static func prefixed(_ prefix: UInt8, _ a: some Collection<UInt8>, _ b: some Collection<UInt8>) -> [UInt8] {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 1 + a.count + b.count) { input in
            input[0] = prefix
            var i = 1
            for x in a { input[i] = x; i += 1 }
            for x in b { input[i] = x; i += 1 }
            return SHA256Digest.withDigest(UnsafeBufferPointer(input)) { Array($0) }
        }
    }

    /// The raw 32-byte SHA-256 of `bytes`.
    package static func digest(_ bytes: [UInt8]) -> [UInt8] {
        bytes.withUnsafeBufferPointer { buffer in
            SHA256Digest.withDigest(buffer) { Array($0) }
        }
    }

    /// Lowercase hex of `bytes`.
    package static func hex(_ bytes: some Collection<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for b in bytes {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The bytes of a lowercase or uppercase hex string; `nil` when it is not hex of even length.
    package static func bytes(hex: some StringProtocol) -> [UInt8]? {
        Array(hex.utf8).withUnsafeBufferPointer { bytes(hexUTF8: $0) }
    }

    /// The bytes of hex digits given as UTF-8 (see `bytes(hex:)`), without making a string.
    package static func bytes(hexUTF8 utf8: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        guard utf8.count % 2 == 0 else { return nil }
        func nibble(_ c: UInt8) -> UInt8? {
            switch c {
            case 48...57: c - 48
            case 97...102: c - 87
            case 65...70: c - 55
            default: nil
            }
        }
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count / 2)
        var i = 0
        while i < utf8.count {
            guard let high = nibble(utf8[i]), let low = nibble(utf8[i + 1]) else { return nil }
            out.append(high << 4 | low)
            i += 2
        }
        return out
    }
}
