import Foundation
import KhenThuongCore
import KhenThuongDefinitions

extension NomineeLoader {
    /// Reads and parses a nominee file (`{"nominees": […]}`).
    public static func load(path: String) -> ([NomineeFacts]?, [LintFinding]) {
        switch DefinitionFile.text(path) {
        case .failure(let e): return (nil, [e.finding])
        case .success(let text): return parse(text, file: path)
        }
    }
}

extension NomineeLoader {
    /// Reads the nominee file at `path` as ``load(path:)`` does, handing `body` the nominees
    /// `chunk` at a time, so memory stays bounded by a chunk (and the ids read, for duplicates)
    /// rather than the file.
    ///
    /// A byte scanner finds the elements of the `nominees` array (outside strings, escapes
    /// respected) in a file laid out as `{"nominees": [{…}, {…}]}` (whitespace and a byte-order
    /// mark allowed) and parses each element with the JSON parser on its own. The first element
    /// that is bad (not UTF-8, malformed, a bad fact, an id met before) stops the handing on, and
    /// the findings are then those of the whole read (``load(path:)``), so they are exactly
    /// today's, with line and column in the whole file; the whole file is read only on that path.
    /// Other members of the top-level object are checked by the parser and skipped. A file laid
    /// out otherwise (a key written with an escape, say) but good as a whole ends with
    /// ``NomineeStreamEnd/whole``.
    /// - Parameter progress: the bytes read so far.
    package static func stream(path: String, chunk: Int, progress: @escaping (Int64) -> Void = { _ in },
                               _ body: ([NomineeFacts]) -> Void) -> NomineeStreamEnd {
        guard let handle = FileHandle(forReadingAtPath: path) else { return .read(load(path: path).1) }
        defer { try? handle.close() }
        var scanner = NomineeArrayScanner(read: { handle.readData(ofLength: 4 << 20) }, progress: progress)
        var seen = Set<String>()
        var batch: [NomineeFacts] = []
        var i = 0
        /// Not read as streamed: the whole read says why, or that the file is good as a whole.
        func whole() -> NomineeStreamEnd {
            let findings = load(path: path).1
            return findings.isEmpty ? .whole : .read(findings)
        }
        guard scanner.start() else { return whole() }
        while true {
            let next = scanner.next()
            guard case .element(let bytes) = next else {
                if case .end = next { break }
                return whole()
            }
            guard let text = String(validating: bytes, as: UTF8.self),
                  let value = try? JSONParser.parse(text) else { return whole() }
            var reader = FactReader(file: path)
            guard let nominee = Self.nominee(value, "$.nominees[\(i)]", &reader), reader.findings.isEmpty,
                  seen.insert(nominee.id).inserted else { return whole() }
            i += 1
            batch.append(nominee)
            if batch.count >= max(1, chunk) {
                body(batch)
                batch.removeAll(keepingCapacity: true)
            }
        }
        if !batch.isEmpty { body(batch) }
        return .read([])
    }
}

/// Finds the elements of the top-level `nominees` array of `{…, "nominees": [ … ], …}` in bytes
/// read a block at a time, without parsing them.
struct NomineeArrayScanner {
    enum Step { case element([UInt8]), end, unexpected }

    private let read: () -> Data
    private let progress: (Int64) -> Void
    private var buffer: [UInt8] = []
    private var at = 0
    private var eof = false
    private var total: Int64 = 0
    private var elements = 0
    /// The deepest nesting an element may have on its own: the whole document nests it two
    /// levels down, under the parser's limit of 200.
    static let maxDepth = 197

    init(read: @escaping () -> Data, progress: @escaping (Int64) -> Void) {
        self.read = read
        self.progress = progress
    }

    /// Reads another block; `false` at the end of the file.
    private mutating func more() -> Bool {
        if eof { return false }
        if at > 0 && at >= buffer.count / 2 {
            buffer.removeSubrange(0..<at)
            at = 0
        }
        let data = read()
        if data.isEmpty { eof = true; return false }
        buffer.append(contentsOf: data)
        total += Int64(data.count)
        progress(total)
        return true
    }

    /// The byte at `at + k`, reading on as needed; `nil` at the end of the file.
    private mutating func peek(_ k: Int = 0) -> UInt8? {
        while at + k >= buffer.count { if !more() { return nil } }
        return buffer[at + k]
    }

    private mutating func skipSpace() {
        while let b = peek(), b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 { at += 1 }
    }

    private mutating func expect(_ bytes: [UInt8]) -> Bool {
        for (k, b) in bytes.enumerated() where peek(k) != b { return false }
        at += bytes.count
        return true
    }

    /// The keys of the top-level object met so far.
    private var keys = Set<[UInt8]>()

    /// Past `{ …, "nominees": [`, every other member before it checked by the parser;
    /// `false` when the file does not start so.
    mutating func start() -> Bool {
        if peek() == 0xEF { guard expect([0xEF, 0xBB, 0xBF]) else { return false } }
        skipSpace()
        guard expect(Array("{".utf8)) else { return false }
        return members(first: true) == .nominees
    }

    private enum Members { case nominees, end, unexpected }

    /// Reads members up to `"nominees": [` or the object's `}`; every other value is checked
    /// by the JSON parser (as the whole read would), a key met twice or written with an escape
    /// is unexpected (the whole read says why, or reads it).
    private mutating func members(first: Bool) -> Members {
        var first = first
        while true {
            skipSpace()
            if peek() == UInt8(ascii: "}") && first { at += 1; return .end }
            if !first {
                if peek() == UInt8(ascii: "}") { at += 1; return .end }
                guard peek() == UInt8(ascii: ",") else { return .unexpected }
                at += 1
                skipSpace()
            }
            first = false
            guard peek() == UInt8(ascii: "\"") else { return .unexpected }
            var k = 1
            var key: [UInt8] = []
            while let b = peek(k), b != UInt8(ascii: "\"") {
                if b == UInt8(ascii: "\\") || b < 0x20 { return .unexpected }
                key.append(b)
                k += 1
            }
            guard peek(k) != nil, keys.insert(key).inserted else { return .unexpected }
            at += k + 1
            skipSpace()
            guard expect(Array(":".utf8)) else { return .unexpected }
            skipSpace()
            if key == Array("nominees".utf8) {
                return expect(Array("[".utf8)) ? .nominees : .unexpected
            }
            guard let value = scanValue(), (try? JSONParser.parse(bytes: value)) != nil else { return .unexpected }
        }
    }

    /// The bytes of the value at `at` (an object or array to its matching bracket, a string to
    /// its closing quote, anything else to the next delimiter), `at` moved past it; `nil` at
    /// the end of the file or too deep.
    private mutating func scanValue() -> [UInt8]? {
        guard let first = peek() else { return nil }
        var k = 0
        if first == UInt8(ascii: "{") || first == UInt8(ascii: "[") || first == UInt8(ascii: "\"") {
            var depth = 0, inString = false
            while true {
                guard let b = peek(k) else { return nil }
                if inString {
                    if b == UInt8(ascii: "\\") { k += 2; continue }
                    if b == UInt8(ascii: "\"") {
                        inString = false
                        if depth == 0 { k += 1; break }
                    }
                } else if b == UInt8(ascii: "\"") {
                    inString = true
                } else if b == UInt8(ascii: "{") || b == UInt8(ascii: "[") {
                    depth += 1
                    if depth > Self.maxDepth { return nil }
                } else if b == UInt8(ascii: "}") || b == UInt8(ascii: "]") {
                    depth -= 1
                    if depth == 0 { k += 1; break }
                }
                k += 1
            }
        } else {
            while let b = peek(k), !(b == UInt8(ascii: ",") || b == UInt8(ascii: "}") || b == UInt8(ascii: "]") || b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09) { k += 1 }
        }
        let bytes = Array(buffer[at..<(at + k)])
        at += k
        return bytes
    }

    /// The next element's bytes, or the end (`]`, `}` and nothing but whitespace after them).
    mutating func next() -> Step {
        skipSpace()
        if elements > 0 {
            if peek() == UInt8(ascii: "]") { return finish() }
            guard peek() == UInt8(ascii: ",") else { return .unexpected }
            at += 1
            skipSpace()
        } else if peek() == UInt8(ascii: "]") {
            return finish()
        }
        guard peek() == UInt8(ascii: "{"), let bytes = scanValue() else { return .unexpected }
        elements += 1
        return .element(bytes)
    }

    private mutating func finish() -> Step {
        at += 1
        guard members(first: false) == .end else { return .unexpected }
        skipSpace()
        return peek() == nil ? .end : .unexpected
    }
}
