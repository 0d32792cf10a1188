/// Writes JSON as bytes, deterministically, the way Python's
/// `json.dumps(value, ensure_ascii=False, separators=(",", ":"))` writes it.
///
/// Strings are UTF-8 as given; only `"` and `\` and the control characters U+0000–U+001F are
/// escaped (`\"`, `\\`, `\b`, `\f`, `\n`, `\r`, `\t`, otherwise `\u00xx` in lowercase hex).
/// No spaces. The caller writes object keys in sorted order. Used for event payloads and for
/// the text every event hash is taken over, so an auditor can rebuild both in a few lines.
struct CanonicalJSONWriter {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 256) {
        bytes.reserveCapacity(capacity)
    }

    /// Empties the buffer, keeping its capacity.
    mutating func removeAll() { bytes.removeAll(keepingCapacity: true) }

    /// The bytes written so far, as text.
    var text: String { String(decoding: bytes, as: UTF8.self) }

    /// Appends one ASCII punctuation byte (`[`, `]`, `{`, `}`, `,`, `:`).
    mutating func punctuation(_ ascii: Unicode.Scalar) { bytes.append(UInt8(ascii: ascii)) }

    /// Appends `null`.
    mutating func null() {
        bytes.append(UInt8(ascii: "n")); bytes.append(UInt8(ascii: "u"))
        bytes.append(UInt8(ascii: "l")); bytes.append(UInt8(ascii: "l"))
    }

    /// Appends an integer in decimal.
    mutating func int(_ value: Int64) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { d in
            repeat {
                d[count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            } while magnitude > 0
            for i in stride(from: count - 1, through: 0, by: -1) { bytes.append(d[i]) }
        }
    }

    /// Appends a number: integral values as integers (`50`), others in Swift's shortest
    /// round-trip form (`66.67`); `null` when not finite (JSON has no NaN or infinity).
    mutating func double(_ value: Double) {
        if !value.isFinite {
            null()
        } else if value.rounded() == value, abs(value) < 9e15 {
            int(Int64(value))
        } else {
            bytes.append(contentsOf: value.description.utf8)
        }
    }

    /// Appends a string literal, escaped.
    mutating func string(_ value: String) {
        var value = value
        value.withUTF8 { string(bytes: $0) }
    }

    /// Appends `value` as a string literal, or `null`.
    mutating func optionalString(_ value: String?) {
        if let value { string(value) } else { null() }
    }

    /// Appends UTF-8 bytes as a string literal, escaped.
    mutating func string(bytes input: UnsafeBufferPointer<UInt8>) {
        bytes.append(UInt8(ascii: "\""))
        var runStart = 0
        for i in 0..<input.count {
            let byte = input[i]
            guard byte < 0x20 || byte == 0x22 || byte == 0x5c else { continue }
            if runStart < i { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: input[runStart..<i])) }
            runStart = i + 1
            bytes.append(UInt8(ascii: "\\"))
            switch byte {
            case 0x22: bytes.append(UInt8(ascii: "\""))
            case 0x5c: bytes.append(UInt8(ascii: "\\"))
            case 0x08: bytes.append(UInt8(ascii: "b"))
            case 0x0c: bytes.append(UInt8(ascii: "f"))
            case 0x0a: bytes.append(UInt8(ascii: "n"))
            case 0x0d: bytes.append(UInt8(ascii: "r"))
            case 0x09: bytes.append(UInt8(ascii: "t"))
            default:
                let hex: [UInt8] = Array("0123456789abcdef".utf8)
                bytes.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(byte >> 4)], hex[Int(byte & 0xf)]])
            }
        }
        if runStart < input.count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: input[runStart...])) }
        bytes.append(UInt8(ascii: "\""))
    }

    /// Appends `"key":`.
    mutating func key(_ key: String) {
        string(key)
        bytes.append(UInt8(ascii: ":"))
    }

    /// Appends an array of strings.
    mutating func strings(_ values: [String]) {
        punctuation("[")
        for (i, v) in values.enumerated() {
            if i > 0 { punctuation(",") }
            string(v)
        }
        punctuation("]")
    }
}
