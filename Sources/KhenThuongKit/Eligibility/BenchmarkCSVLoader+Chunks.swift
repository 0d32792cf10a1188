import Foundation
import KhenThuongCore

extension BenchmarkCSVLoader {
    /// The benchmark CSV cut into chunks of whole people, each read and parsed on its own
    /// (``EligibilityRules/streamBatch(_:awards:year:asOf:thematic:format:chunk:threads:write:progress:)``
    /// parses them on every thread). Only a plain file takes this path: UTF-8 with `,`, a header
    /// with every column, and no `"` anywhere (so every line break ends a record and a chunk
    /// can start at any line). Anything else, and any bad row, is left to
    /// ``stream(path:chunk:maxFindings:progress:_:)``, which reports every finding with its line.
    final class Chunks: @unchecked Sendable {  // immutable after init; `next` is guarded by `lock`
        let path: String
        let size: Int64
        /// The offset of the first data row (after the header line).
        let dataStart: Int64
        /// The row reader with the header's columns set (copied by each chunk).
        let template: RowReader
        private let fd: Int32
        private let lock = NSLock()
        private var cursor: Int64
        /// The bytes a chunk is cut after (then extended to the end of its last person).
        let chunkBytes: Int
        /// Whether ``people(_:ids:)`` reads the names (a quota's first pass needs none). Set only
        /// while no chunk is being read.
        var readsNames = true

        /// `nil` when the file is not plain (see the type); the caller then streams it.
        init?(path: String, chunkBytes: Int = 1 << 20) {
            let input: CSVInput
            do throws(CSVInputError) { input = try CSVInput.open(path, wholeFile: false) } catch { return nil }
            // A converted copy (another encoding, `;`) is left to the streaming reader.
            guard input.path == path else { input.close(); return nil }
            let fd = open(path, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { return nil }
            var st = stat()
            guard fstat(fd, &st) == 0, st.st_size > 0 else { close(fd); return nil }
            self.fd = fd
            self.path = path
            self.size = Int64(st.st_size)
            self.chunkBytes = chunkBytes
            // No quote anywhere: read the file once, a block at a time.
            var block = [UInt8](repeating: 0, count: 1 << 22)
            var offset: Int64 = 0
            var quoted = false
            block.withUnsafeMutableBytes { b in
                while offset < Int64(st.st_size) {
                    let n = pread(fd, b.baseAddress!, b.count, off_t(offset))
                    if n <= 0 { quoted = true; break }
                    if memchr(b.baseAddress!, 0x22, n) != nil { quoted = true; break }
                    offset += Int64(n)
                }
            }
            // The header: the first line (after a byte-order mark).
            var head = [UInt8](repeating: 0, count: 64 * 1024)
            let n = head.withUnsafeMutableBytes { pread(fd, $0.baseAddress!, $0.count, 0) }
            guard !quoted, n > 0, let end = head[0..<n].firstIndex(where: { $0 == 0x0A || $0 == 0x0D }) else { close(fd); return nil }
            var start = 0
            if n >= 3 && head[0] == 0xEF && head[1] == 0xBB && head[2] == 0xBF { start = 3 }
            var reader = RowReader(path: path, maxFindings: 1)
            for (i, name) in head[start..<end].split(separator: 0x2C, omittingEmptySubsequences: false).enumerated() {
                reader.field[String(decoding: name, as: UTF8.self)] = i
            }
            guard BenchmarkCSVLoader.columns.allSatisfy({ reader.field[$0] != nil }) else { close(fd); return nil }
            reader.at = BenchmarkCSVLoader.columns.map { reader.field[$0]! }
            template = reader
            var after = end + 1
            if head[end] == 0x0D && after < n && head[after] == 0x0A { after += 1 }
            dataStart = Int64(after)
            cursor = dataStart
        }

        deinit { close(fd) }

        /// Starts again at the first data row (the second pass of a quota or cap).
        func rewind() {
            lock.lock()
            cursor = dataStart
            lock.unlock()
        }

        /// The next chunk's bytes, cut after the last line of a person, and its offset after
        /// it; `nil` at the end of the file.
        func next() -> (bytes: [UInt8], end: Int64)? {
            lock.lock()
            defer { lock.unlock() }
            guard cursor < size else { return nil }
            var bytes = [UInt8](repeating: 0, count: chunkBytes)
            var n = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress!, $0.count, off_t(cursor)) }
            if n <= 0 { cursor = size; return nil }
            bytes.removeSubrange(n...)
            if cursor + Int64(n) < size {
                // Extend to the end of the line, then over the lines of the same person.
                bytes.reserveCapacity(chunkBytes + 8192)
                var more = [UInt8](repeating: 0, count: 8192)
                func fill() -> Bool {
                    let m = more.withUnsafeMutableBytes { pread(fd, $0.baseAddress!, $0.count, off_t(cursor + Int64(bytes.count))) }
                    if m <= 0 { return false }
                    bytes.append(contentsOf: more[0..<m])
                    return true
                }
                // The start of the line `bytes` ends within.
                guard let lastBreak = bytes.lastIndex(of: 0x0A) else {
                    // A line longer than the chunk: take the whole file's rest in steps.
                    while fill() {}
                    cursor = size
                    return (bytes, cursor)
                }
                var lineStart = lastBreak + 1
                // Completes the line at `lineStart` and returns its end (index after its break).
                func lineEnd(from s: Int) -> Int? {
                    var i = s
                    while true {
                        while i < bytes.count && bytes[i] != 0x0A { i += 1 }
                        if i < bytes.count { return i + 1 }
                        if !fill() { return nil }
                    }
                }
                func firstField(_ s: Int, _ e: Int) -> ArraySlice<UInt8> {
                    var i = s
                    while i < e && bytes[i] != 0x2C && bytes[i] != 0x0A && bytes[i] != 0x0D { i += 1 }
                    return bytes[s..<i]
                }
                // The person of the line before `lineStart`.
                var prevStart = lineStart - 1
                while prevStart > 0 && bytes[prevStart - 1] != 0x0A { prevStart -= 1 }
                let person = Array(firstField(prevStart, lineStart))
                n = lineStart
                while true {
                    guard let e = lineEnd(from: lineStart) else { n = bytes.count; break }
                    let line = firstField(lineStart, e)
                    if !line.elementsEqual(person) || e == lineStart { n = lineStart; break }
                    lineStart = e
                    n = e
                }
                bytes.removeSubrange(n...)
            }
            cursor += Int64(bytes.count)
            return (bytes, cursor)
        }

        /// The people of one chunk as typed rows, or `nil` when a row is bad, a record too
        /// large or a person has two rows for a year (the streaming reader then says what and
        /// where). `ids` receives each person's id, in order, for the check that a person's rows
        /// are consecutive (within and across chunks).
        func people(_ bytes: [UInt8], ids: inout [String]) -> PersonRows? {
            var reader = template
            reader.readsNames = readsNames
            var people = PersonRows.Builder(capacity: bytes.count / 300)
            var current = ""
            var starts: [Int] = [], ends: [Int] = []
            starts.reserveCapacity(32); ends.reserveCapacity(32)
            let ok: Bool = bytes.withUnsafeBufferPointer { buf in
                var p = 0
                let n = buf.count
                while p < n {
                    starts.removeAll(keepingCapacity: true)
                    ends.removeAll(keepingCapacity: true)
                    let lineStart = p
                    var s = p
                    while true {
                        let b = p < n ? buf[p] : 0x0A
                        // `,`, LF and CR are all at most 0x2C: most bytes are decided by one test.
                        if b <= 0x2C && (b == 0x2C || b == 0x0A || b == 0x0D) {
                            starts.append(s); ends.append(p)
                            if b != 0x2C { break }
                            s = p + 1
                        }
                        p += 1
                    }
                    if p < n && buf[p] == 0x0D { p += 1 }
                    if p < n && buf[p] == 0x0A { p += 1 }
                    if starts.count > CSVReader.maxFields || p - lineStart > CSVReader.maxRecordBytes { return false }
                    if starts.count == 1 && ends[0] == starts[0] { continue } // an empty line
                    let r = CSVReader.Record(line: 0, buffer: buf, starts: starts, ends: ends, quoted: [])
                    guard let row = reader.parse(r) else { return false }
                    if people.count == 0 || current != row.id {
                        ids.append(row.id)
                        current = row.id
                        people.start(id: row.id, name: row.name, unit: row.unit, leader: row.leader)
                    }
                    guard people.add(year: row.year, record: row.record, initiatives: row.initiatives, benefit: row.benefit, award: row.award) else { return false }
                }
                return true
            }
            return ok ? PersonRows(people) : nil
        }
    }
}
