import Foundation
import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore

/// A streaming RFC 4180 CSV reader over UTF-8 bytes: reads the file in large chunks and
/// hands each record to a callback as fields, without building a row object per line.
///
/// Quoted fields (with `""` escapes and embedded separators or line breaks) are handled;
/// CRLF and LF line ends are both accepted. A UTF-8 byte-order mark is skipped.
///
/// The package's one reader for general CSV files: the full nominee profile
/// (``NomineeCSVLoader``, ``NomineeCSV/profile(path:)``), the benchmark's person-year profile as
/// `eligibility batch` reads it (``BenchmarkCSVLoader``) and dossier imports (``DossierImport``).
/// Only the benchmark's W3 pipeline keeps its own byte-level scanner (KhenThuongBench's
/// `RecordScanner`), for speed over a mapped `records.csv`.
package struct CSVReader {
    /// One record: its fields as byte slices of a shared buffer, valid during the callback.
    package struct Record {
        /// 1-based line number where the record starts.
        package let line: Int
        let buffer: UnsafeBufferPointer<UInt8>
        let starts: [Int]
        let ends: [Int]
        /// Fields that were quoted, decoded: (field index, text). Usually empty.
        let quoted: [(Int, String)]

        package var count: Int { starts.count }

        func quotedText(_ i: Int) -> String? {
            if quoted.isEmpty { return nil }
            for (k, s) in quoted where k == i { return s }
            return nil
        }

        /// Field `i` as a String (NFC as stored).
        package func string(_ i: Int) -> String {
            if let s = quotedText(i) { return s }
            return String(decoding: UnsafeBufferPointer(rebasing: buffer[starts[i]..<ends[i]]), as: UTF8.self)
        }

        /// Field `i` as raw bytes (not valid for quoted fields with escapes: use `string`).
        package func bytes(_ i: Int) -> UnsafeBufferPointer<UInt8> {
            UnsafeBufferPointer(rebasing: buffer[starts[i]..<ends[i]])
        }

        /// Whether field `i` equals `ascii` byte for byte.
        package func equals(_ i: Int, _ ascii: StaticString) -> Bool {
            if let s = quotedText(i) { return s == ascii.description }
            let n = ends[i] - starts[i]
            guard n == ascii.utf8CodeUnitCount else { return false }
            let p = ascii.utf8Start
            for k in 0..<n where buffer[starts[i] + k] != p[k] { return false }
            return true
        }

        /// Whether field `i` holds exactly the UTF-8 `bytes`.
        package func equals(_ i: Int, bytes: [UInt8]) -> Bool {
            if let s = quotedText(i) { return s.utf8.elementsEqual(bytes) }
            let n = ends[i] - starts[i]
            guard n == bytes.count else { return false }
            return bytes.withUnsafeBufferPointer { b in
                for k in 0..<n where buffer[starts[i] + k] != b[k] { return false }
                return true
            }
        }

        /// Whether field `i` is empty.
        package func isEmpty(_ i: Int) -> Bool {
            if let s = quotedText(i) { return s.isEmpty }
            return ends[i] == starts[i]
        }

        /// Field `i` as a non-negative decimal integer, or `nil`.
        package func int(_ i: Int) -> Int? {
            if let s = quotedText(i) { return Int(s) }
            guard ends[i] > starts[i] else { return nil }
            var v = 0
            for k in starts[i]..<ends[i] {
                let b = buffer[k]
                guard b >= 48 && b <= 57 else { return nil }
                v = v &* 10 &+ Int(b - 48)
            }
            return v
        }
    }

    /// A malformed CSV file: where and what.
    package struct SyntaxError: Error, Sendable {
        package var line: Int
        /// 1-based field number, when the error is in one field.
        package var column: Int
        package var message: String

        package init(line: Int, column: Int = 1, message: String) {
            self.line = line
            self.column = column
            self.message = message
        }
    }

    /// The most fields one record may have (docs/nominee-csv.md#limits). The widest file we read
    /// has about forty columns; a header of millions of empty columns is refused, not held.
    package static let maxFields = 1_000
    /// The most bytes one record may take, line breaks inside quotes included (1 MiB): memory
    /// stays bounded by the chunk and this, whatever the file holds.
    package static let maxRecordBytes = 1 << 20

    /// The finding for an error thrown while reading `file`: the line of a malformed CSV, or a
    /// file that cannot be read.
    package static func finding(for error: any Error, file: String) -> LintFinding {
        if let e = error as? SyntaxError {
            return LintFinding(kind: .malformedJSON, file: file, location: .init(path: "row", position: .init(line: e.line, column: e.column)),
                               message: .init(vi: "CSV không hợp lệ: \(e.message)", en: "malformed CSV: \(e.message)"))
        }
        return LintFinding(kind: .malformedJSON, file: file, location: nil,
                           message: .init(vi: "không đọc được tệp; hãy kiểm tra đường dẫn", en: "the file cannot be read; check the path"))
    }

    /// Throws when a record has more fields or bytes than the limits allow.
    static func checkLimits(fields: Int, bytes: Int, line: Int) throws(SyntaxError) {
        if fields > maxFields {
            throw SyntaxError(line: line, column: fields, message: "the record has more than \(maxFields) fields (the limit); check the separators or remove the empty columns")
        }
        if bytes > maxRecordBytes {
            throw SyntaxError(line: line, message: "the record is longer than \(maxRecordBytes / 1024) KiB (the limit); is a quote left open, or is this not a CSV file?")
        }
    }

    package let path: String
    package var chunkSize = 4 << 20
    /// Called after each chunk is read with the number of bytes read so far (for progress).
    package var onChunk: ((Int64) -> Void)?

    package init(path: String) {
        self.path = path
    }

    /// Calls `body` for every record, header included. Return `false` to stop early.
    package func forEach(_ body: (Record) throws -> Bool) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: path])
        }
        defer { try? handle.close() }
        var carry: [UInt8] = []
        var line = 1
        var first = true
        var eof = false
        var bytesRead: Int64 = 0
        while !eof {
            let data = handle.readData(ofLength: chunkSize)
            eof = data.isEmpty
            bytesRead += Int64(data.count)
            onChunk?(bytesRead)
            var chunk = carry
            chunk.append(contentsOf: data)
            if first && chunk.starts(with: [0xEF, 0xBB, 0xBF]) { chunk.removeFirst(3) }
            first = false
            if chunk.isEmpty { break }
            var consumed = 0
            var stop = false
            try chunk.withUnsafeBufferPointer { buf in
                var pos = 0
                let n = buf.count
                var starts: [Int] = []
                var ends: [Int] = []
                var unq: [(Int, String)] = []
                starts.reserveCapacity(32); ends.reserveCapacity(32)
                while pos < n && !stop {
                    // Find a complete record from pos; if incomplete and not eof, carry it over.
                    starts.removeAll(keepingCapacity: true)
                    ends.removeAll(keepingCapacity: true)
                    if !unq.isEmpty { unq.removeAll() }
                    var p = pos
                    var lines = 0
                    var complete = false
                    fieldLoop: while true {
                        if p < n && buf[p] == 0x22 {
                            var s: [UInt8] = []
                            p += 1
                            var closed = false
                            while p < n {
                                let b = buf[p]
                                if b == 0x22 {
                                    if p + 1 < n && buf[p + 1] == 0x22 { s.append(0x22); p += 2; continue }
                                    if p + 1 >= n && !eof { break }
                                    p += 1
                                    closed = true
                                    break
                                }
                                if b == 0x0A { lines += 1 }
                                s.append(b)
                                p += 1
                            }
                            if !closed {
                                if eof { throw SyntaxError(line: line, message: "a quoted field is not closed before the end of the file") }
                                break fieldLoop
                            }
                            unq.append((starts.count, String(decoding: s, as: UTF8.self))); starts.append(0); ends.append(0)
                            try Self.checkLimits(fields: starts.count, bytes: p - pos, line: line)
                            if p < n && buf[p] != 0x2C && buf[p] != 0x0A && buf[p] != 0x0D {
                                throw SyntaxError(line: line, message: "unexpected character after a closing quote; a quote inside a field must be doubled (\"\")")
                            }
                        } else {
                            let s = p
                            while p < n && buf[p] != 0x2C && buf[p] != 0x0A && buf[p] != 0x0D { p += 1 }
                            starts.append(s); ends.append(p)
                            try Self.checkLimits(fields: starts.count, bytes: p - pos, line: line)
                            if p >= n && !eof { break fieldLoop }
                        }
                        if p >= n {
                            complete = eof
                            break fieldLoop
                        }
                        if buf[p] == 0x2C { p += 1; continue }
                        if buf[p] == 0x0D {
                            if p + 1 >= n && !eof { break fieldLoop }
                            p += 1
                            if p < n && buf[p] == 0x0A { p += 1 }
                        } else {
                            p += 1
                        }
                        lines += 1
                        complete = true
                        break fieldLoop
                    }
                    guard complete else { break }
                    let record = Record(line: line, buffer: buf, starts: starts, ends: ends, quoted: unq)
                    if !(starts.count == 1 && ends[0] == starts[0] && unq.isEmpty) {
                        if try !body(record) { stop = true }
                    }
                    line += max(lines, 1)
                    pos = p
                    consumed = p
                }
                if pos >= n { consumed = n }
            }
            if stop { return }
            carry = Array(chunk[consumed...])
            // An unfinished record longer than the limit is refused here, before the next
            // chunk is appended to it (a 100 MB line must not be carried along).
            try Self.checkLimits(fields: 0, bytes: carry.count, line: line)
            if eof && !carry.isEmpty {
                throw SyntaxError(line: line, message: "the last record could not be read")
            }
        }
    }
}
