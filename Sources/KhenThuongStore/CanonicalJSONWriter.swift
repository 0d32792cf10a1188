import KhenThuongCore

/// Writes JSON as bytes, deterministically, the way Python's
/// `json.dumps(value, ensure_ascii=False, separators=(",", ":"))` writes it.
///
/// Strings are UTF-8 as given; only `"` and `\` and the control characters U+0000–U+001F are
/// escaped (`\"`, `\\`, `\b`, `\f`, `\n`, `\r`, `\t`, otherwise `\u00xx` in lowercase hex).
/// No spaces; object keys in sorted order (by their UTF-8 bytes, i.e. by code point). Used for
/// event payloads and for the text every event hash is taken over, so an auditor can rebuild
/// both in a few lines.
///
/// Two ways in, same bytes: `value(_:)` writes a `JSONValue` tree and sorts its keys (record
/// payloads, packages, definitions as recorded); the hot paths (a dossier, a transition's effects,
/// the hashed event) call `key`, `string`, `int`… directly, keys already in sorted order.
///
/// The buffer is managed by hand (no array uniqueness or capacity check per byte) because
/// `verify` writes one canonical event per row, a million times over.
package struct CanonicalJSONWriter: ~Copyable {
    private var base: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    /// Bytes written so far.
    private(set) var count = 0

    package init(capacity: Int = 256) {
        self.capacity = max(capacity, 64)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    /// Empties the buffer, keeping its capacity.
    package mutating func removeAll() { count = 0 }

    /// Calls `body` with the bytes written so far.
    package func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try body(UnsafeBufferPointer(start: base, count: count))
    }

    /// A copy of the bytes written so far.
    package var bytes: [UInt8] { withBytes { Array($0) } }

    /// The bytes written so far, as text.
    package var text: String { withBytes { String(decoding: $0, as: UTF8.self) } }

    /// Makes room for `extra` more bytes.
    @inline(__always)
    private mutating func reserve(_ extra: Int) {
        if count + extra > capacity { grow(to: count + extra) }
    }

    private mutating func grow(to needed: Int) {
        var newCapacity = capacity * 2
        while newCapacity < needed { newCapacity *= 2 }
        let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newBase.initialize(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }

    /// Appends one byte; room must have been reserved.
    @inline(__always)
    private mutating func put(_ byte: UInt8) {
        base[count] = byte
        count += 1
    }

    /// Appends one ASCII punctuation byte (`[`, `]`, `{`, `}`, `,`, `:`).
    @inline(__always)
    package mutating func punctuation(_ ascii: Unicode.Scalar) {
        reserve(1)
        put(UInt8(ascii: ascii))
    }

    /// Appends `null`.
    @inline(__always)
    package mutating func null() {
        reserve(4)
        put(UInt8(ascii: "n")); put(UInt8(ascii: "u")); put(UInt8(ascii: "l")); put(UInt8(ascii: "l"))
    }

    /// Appends `true` or `false`.
    package mutating func bool(_ value: Bool) {
        var text = value ? "true" : "false"
        text.withUTF8 { raw($0) }
    }

    /// Appends an integer in decimal.
    package mutating func int(_ value: Int64) {
        reserve(20)
        if value < 0 { put(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        let start = count
        repeat {
            put(UInt8(ascii: "0") + UInt8(magnitude % 10))
            magnitude /= 10
        } while magnitude > 0
        // Digits were written least significant first.
        var i = start, j = count - 1
        while i < j {
            (base[i], base[j]) = (base[j], base[i])
            i += 1
            j -= 1
        }
    }

    /// Appends a number: integral values as integers (`50`), others in Swift's shortest
    /// round-trip form (`66.67`); `null` when not finite (JSON has no NaN or infinity).
    package mutating func double(_ value: Double) {
        if !value.isFinite {
            null()
        } else if value.rounded() == value, abs(value) < 9e15 {
            int(Int64(value))
        } else {
            var text = value.description
            text.withUTF8 { raw($0) }
        }
    }

    /// Appends bytes as they are.
    private mutating func raw(_ input: UnsafeBufferPointer<UInt8>) {
        guard let source = input.baseAddress, !input.isEmpty else { return }
        reserve(input.count)
        (base + count).initialize(from: source, count: input.count)
        count += input.count
    }

    /// Appends a string literal, escaped.
    package mutating func string(_ value: String) {
        var value = value
        value.withUTF8 { string(bytes: $0) }
    }

    /// Appends `value` as a string literal, or `null`.
    package mutating func optionalString(_ value: String?) {
        if let value { string(value) } else { null() }
    }

    /// Appends UTF-8 bytes as a string literal, escaped.
    package mutating func string(bytes input: UnsafeBufferPointer<UInt8>) {
        // Room for the worst case (every byte escaped as \u00xx), so the loop never checks.
        reserve(input.count * 6 + 2)
        put(UInt8(ascii: "\""))
        var i = 0
        if let source = input.baseAddress {
            let raw = UnsafeRawPointer(source)
            // Eight bytes at a time: copied as one word when none needs escaping (the usual case).
            while i + 8 <= input.count {
                let word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                if Self.needsEscape(word) {
                    for j in i..<(i + 8) { putEscaping(source[j]) }
                } else {
                    UnsafeMutableRawPointer(base + count).storeBytes(of: word, as: UInt64.self)
                    count += 8
                }
                i += 8
            }
            while i < input.count {
                putEscaping(source[i])
                i += 1
            }
        }
        put(UInt8(ascii: "\""))
    }

    /// Appends one byte of a string, escaped if needed; room must have been reserved.
    @inline(__always)
    private mutating func putEscaping(_ byte: UInt8) {
        guard Self.needsEscape(byte) else { return put(byte) }
        put(UInt8(ascii: "\\"))
        switch byte {
        case 0x22: put(UInt8(ascii: "\""))
        case 0x5c: put(UInt8(ascii: "\\"))
        case 0x08: put(UInt8(ascii: "b"))
        case 0x0c: put(UInt8(ascii: "f"))
        case 0x0a: put(UInt8(ascii: "n"))
        case 0x0d: put(UInt8(ascii: "r"))
        case 0x09: put(UInt8(ascii: "t"))
        default:
            let high = byte >> 4, low = byte & 0xf
            put(UInt8(ascii: "u")); put(UInt8(ascii: "0")); put(UInt8(ascii: "0"))
            put(high < 10 ? UInt8(ascii: "0") + high : UInt8(ascii: "a") + high - 10)
            put(low < 10 ? UInt8(ascii: "0") + low : UInt8(ascii: "a") + low - 10)
        }
    }

    @inline(__always)
    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == 0x22 || byte == 0x5c
    }

    /// Whether any of the eight bytes of `word` is below 0x20, `"` or `\` (exact, as a whole).
    @inline(__always)
    private static func needsEscape(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        func hasZeroByte(_ v: UInt64) -> Bool { (v &- ones) & ~v & highs != 0 }
        let below0x20 = (word &- ones &* 0x20) & ~word & highs != 0
        return below0x20 || hasZeroByte(word ^ (ones &* 0x22)) || hasZeroByte(word ^ (ones &* 0x5c))
    }

    /// Appends `"key":`.
    package mutating func key(_ key: String) {
        string(key)
        punctuation(":")
    }

    /// Appends an array of strings.
    package mutating func strings(_ values: [String]) {
        punctuation("[")
        for (i, v) in values.enumerated() {
            if i > 0 { punctuation(",") }
            string(v)
        }
        punctuation("]")
    }

    /// Appends `value` canonically: object members sorted by key (UTF-8 byte order), numbers
    /// as `double(_:)` writes them (`50`, `66.67`).
    package mutating func value(_ value: JSONValue) {
        switch value {
        case .null: null()
        case .bool(let b): bool(b)
        case .number(let d): double(d)
        case .string(let s): string(s)
        case .array(let items):
            punctuation("[")
            for (i, item) in items.enumerated() {
                if i > 0 { punctuation(",") }
                self.value(item.value)
            }
            punctuation("]")
        case .object(let members):
            punctuation("{")
            let sorted = members.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
            for (i, m) in sorted.enumerated() {
                if i > 0 { punctuation(",") }
                key(m.key)
                self.value(m.value.value)
            }
            punctuation("}")
        }
    }

    /// `value` as canonical text.
    package static func text(_ value: JSONValue, capacity: Int = 256) -> String {
        var w = CanonicalJSONWriter(capacity: capacity)
        w.value(value)
        return w.text
    }
}
