import Foundation
import Testing
@testable import KhenThuongStore

/// `PGCopyRow`, the reader of PostgreSQL's binary `COPY` rows that `verify` reads the chain with.
struct PGCopyRowTests {
    /// A binary copy message: the fields (nil for NULL), with the file header in front if asked.
    static func message(_ fields: [[UInt8]?], header: Bool = false) -> [UInt8] {
        var out: [UInt8] = []
        func be(_ v: Int, _ size: Int) { for i in (0..<size).reversed() { out.append(UInt8(truncatingIfNeeded: v >> (8 * i))) } }
        if header {
            out += PGCopyRow.signature
            be(0, 4)       // flags
            be(3, 4); out += [9, 9, 9]   // a header extension of 3 bytes, skipped
        }
        be(fields.count, 2)
        for f in fields {
            if let f { be(f.count, 4); out += f } else { be(-1, 4) }
        }
        return out
    }

    /// Whether the message is a row (false: the trailer).
    func parse(_ bytes: [UInt8], expected: Int) throws -> Bool {
        var row = PGCopyRow()
        return try bytes.withUnsafeBytes { b in try row.parse(b, expected: expected) }
    }

    @Test("A row is read in place: the header skipped on the first message, a bigint big-endian, texts as their bytes, NULL apart from empty; the trailer ends the copy")
    func readsRows() throws {
        let seq: [UInt8] = [0, 0, 0, 1, 0, 0, 0, 2]   // 4,294,967,298
        let bytes = Self.message([seq, Array("Nguyễn".utf8), nil, []], header: true)
        var row = PGCopyRow()
        try bytes.withUnsafeBytes { (b) throws in
            #expect(try row.parse(b, expected: 4))
            #expect(row.int64(0) == 4_294_967_298)
            #expect(row.text(1) == "Nguyễn")
            #expect(row.optionalText(2) == nil && row.bytes(2) == nil)
            #expect(row.optionalText(3) == "" && row.bytes(3)?.count == 0)
        }
        #expect(try parse([0xFF, 0xFF], expected: 4) == false)
    }

    @Test("A malformed message is refused with what is wrong, never read past its end: another field count, a field running past the row, a message cut inside a length")
    func refusesMalformed() {
        #expect(throws: PGCopyFormatError.self) { try parse(Self.message([[1], [2]]), expected: 3) }
        var long = Self.message([[1, 2, 3]])
        long.removeLast()
        #expect(throws: PGCopyFormatError.self) { try parse(long, expected: 1) }
        #expect(throws: PGCopyFormatError.self) { try parse([0, 1, 0, 0], expected: 1) }
        do {
            _ = try parse(Self.message([[1], [2]]), expected: 3)
            Issue.record("a row of 2 fields was read as 3")
        } catch {
            #expect((error as? PGCopyFormatError)?.detail.contains("2 fields, not 3") == true)
        }
    }
}
