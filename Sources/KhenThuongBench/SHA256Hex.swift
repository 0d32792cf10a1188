import CCrypto
import KhenThuongCore
import KhenThuongStore
import KhenThuongKit

/// SHA-256 (OpenSSL's one-shot function) as lowercase hex.
public enum SHA256Hex {
    /// The first `length` hex digits of the SHA-256 of `bytes` (the benchmarks compare 16).
    public static func of(_ bytes: [UInt8], length: Int = 64) -> String {
        var md = [UInt8](repeating: 0, count: 32)
        bytes.withUnsafeBufferPointer { b in
            md.withUnsafeMutableBufferPointer { m in
                _ = SHA256(b.baseAddress, b.count, m.baseAddress)
            }
        }
        let digits = Array("0123456789abcdef".utf8)
        var hex: [UInt8] = []
        for byte in md { hex.append(digits[Int(byte >> 4)]); hex.append(digits[Int(byte & 15)]) }
        return String(decoding: hex.prefix(length), as: UTF8.self)
    }
}
