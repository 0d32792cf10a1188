import CLibPQ
import Foundation

/// What libpq or the PostgreSQL server said when a call failed.
///
/// Internal: `PostgresEventLog` turns it into a `StoreError` that names the store.
package struct PGFailure: Error, Sendable, Equatable {
    /// The SQLSTATE code (`42501`, `40001`…); empty when the failure is the connection's
    /// (no server answer).
    var sqlstate: String
    /// The server's or libpq's message, on one line.
    var message: String
    /// Whether the connection is gone (the server stopped, the network failed).
    var connectionLost: Bool
}

/// One result of a query, read as text (libpq's text format). Freed when it goes away.
package final class PGResult {
    let handle: OpaquePointer

    init(_ handle: OpaquePointer) { self.handle = handle }

    deinit { PQclear(handle) }

    var rowCount: Int { Int(PQntuples(handle)) }
    var columnCount: Int { Int(PQnfields(handle)) }

    func isNull(_ row: Int, _ column: Int) -> Bool { PQgetisnull(handle, Int32(row), Int32(column)) != 0 }

    func text(_ row: Int, _ column: Int) -> String {
        String(cString: PQgetvalue(handle, Int32(row), Int32(column)))
    }

    func optionalText(_ row: Int, _ column: Int) -> String? {
        isNull(row, column) ? nil : text(row, column)
    }

    func int64(_ row: Int, _ column: Int) -> Int64 { Int64(text(row, column)) ?? 0 }

    func int(_ row: Int, _ column: Int) -> Int { Int(text(row, column)) ?? 0 }

    /// The value's bytes (valid while this result lives), or `nil` for NULL.
    func bytes(_ row: Int, _ column: Int) -> UnsafeBufferPointer<UInt8>? {
        if isNull(row, column) { return nil }
        let length = Int(PQgetlength(handle, Int32(row), Int32(column)))
        return PQgetvalue(handle, Int32(row), Int32(column)).withMemoryRebound(to: UInt8.self, capacity: max(length, 1)) {
            UnsafeBufferPointer(start: $0, count: length)
        }
    }
}

/// One row of a binary `COPY … TO STDOUT` (PostgreSQL's binary copy format: a 16-bit field
/// count, then each field as a 32-bit length, −1 for NULL, and its bytes; text fields are their
/// bytes, `bigint` 8 bytes big-endian), its fields found in place (no copy). `parse` skips the
/// file header on the first message and returns false for the trailer.
package struct PGCopyRow {
    private(set) var data = UnsafeRawBufferPointer(start: nil, count: 0)
    private var starts: [Int] = []
    private var lengths: [Int] = []

    /// The header's fixed start: `PGCOPY\n\377\r\n\0`.
    static let signature: [UInt8] = [0x50, 0x47, 0x43, 0x4F, 0x50, 0x59, 0x0A, 0xFF, 0x0D, 0x0A, 0x00]

    /// Reads one message; `expected` fields. Throws a description of what is malformed.
    mutating func parse(_ message: UnsafeRawBufferPointer, expected: Int) throws(PGCopyFormatError) -> Bool {
        data = message
        var o = 0
        func int(_ size: Int) throws(PGCopyFormatError) -> Int {
            guard o + size <= message.count else { throw PGCopyFormatError(detail: "a copy message ends inside a field") }
            var v = 0
            for i in 0..<size { v = v << 8 | Int(message[o + i]) }
            o += size
            // Sign-extend: lengths are signed (−1 for NULL), as is the trailer's field count.
            let bits = size * 8
            return v >= 1 << (bits - 1) ? v - (1 << bits) : v
        }
        if message.count >= 19, message.prefix(11).elementsEqual(Self.signature) {
            o = 15
            let extensionLength = try int(4)
            o += extensionLength
        }
        let fields = try int(2)
        if fields == -1 { return false }
        guard fields == expected else { throw PGCopyFormatError(detail: "a copied row has \(fields) fields, not \(expected)") }
        starts.removeAll(keepingCapacity: true)
        lengths.removeAll(keepingCapacity: true)
        for _ in 0..<fields {
            let length = try int(4)
            guard length <= message.count - o else { throw PGCopyFormatError(detail: "a copied field runs past its row") }
            starts.append(o)
            lengths.append(length)
            if length > 0 { o += length }
        }
        return true
    }

    /// The field's bytes (valid while the message lives), or `nil` for NULL.
    func bytes(_ field: Int) -> UnsafeBufferPointer<UInt8>? {
        guard lengths[field] >= 0, let base = data.baseAddress else { return nil }
        return UnsafeBufferPointer(start: (base + starts[field]).assumingMemoryBound(to: UInt8.self), count: lengths[field])
    }

    func text(_ field: Int) -> String { bytes(field).map { String(decoding: $0, as: UTF8.self) } ?? "" }

    func optionalText(_ field: Int) -> String? { bytes(field).map { String(decoding: $0, as: UTF8.self) } }

    /// A `bigint` field (8 bytes, big-endian); 0 for NULL.
    func int64(_ field: Int) -> Int64 {
        guard let b = bytes(field), b.count == 8 else { return 0 }
        return b.reduce(0) { $0 << 8 | Int64($1) }
    }
}

/// A binary copy message that does not follow the format.
package struct PGCopyFormatError: Error, Sendable {
    var detail: String
}

/// A small wrapper over one libpq connection: statements with parameters (prepared once and
/// reused), plain SQL, and `COPY … FROM STDIN`. Not thread-safe: one per `PostgresEventLog`.
///
/// Credentials come from the connection string and libpq's own sources (`PG*` environment
/// variables, `~/.pgpass`, a service file); the program never asks for a password.
package final class PGConnection {
    let handle: OpaquePointer
    private var prepared: [String: String] = [:]
    /// Statements run once, unnamed: prepared when they come again.
    private var usedOnce: Set<String> = []
    /// Statements queued by `enqueue`, sent in front of the next `exec` or `query` (in the same
    /// round trip for `exec`).
    private var pending = ""

    /// Connects with `conninfo` (a `postgresql://` URI or `key=value` pairs).
    init(conninfo: String) throws(PGFailure) {
        // The encoding goes in the start-up packet (PQsetClientEncoding would cost a round trip).
        let keywords: [String] = ["dbname", "client_encoding"]
        let values: [String] = [conninfo, "UTF8"]
        let connected: OpaquePointer? = keywords.withCStrings { k in values.withCStrings { v in PQconnectdbParams(k, v, 1) } }
        guard let conn = connected else {
            throw PGFailure(sqlstate: "", message: "libpq could not allocate a connection", connectionLost: true)
        }
        guard PQstatus(conn) == CONNECTION_OK else {
            let message = Self.oneLine(String(cString: PQerrorMessage(conn)))
            PQfinish(conn)
            throw PGFailure(sqlstate: "", message: message, connectionLost: true)
        }
        handle = conn
        // Notices (“relation already exists, skipping”) are not for the person at the terminal.
        PQsetNoticeProcessor(conn, { _, _ in }, nil)
    }

    deinit { PQfinish(handle) }

    /// Whether a transaction is open (or failed and not yet rolled back).
    var inTransaction: Bool { PQtransactionStatus(handle) != PQTRANS_IDLE }

    /// Whether the connection is still up.
    var isAlive: Bool { PQstatus(handle) == CONNECTION_OK }

    /// The server's version number (150004 for 15.4).
    var serverVersion: Int { Int(PQserverVersion(handle)) }

    /// Runs one or more SQL statements without parameters (after the queued ones, in the same
    /// round trip); returns the last result.
    @discardableResult
    func exec(_ sql: String) throws(PGFailure) -> PGResult {
        let text = pending.isEmpty ? sql : pending + sql
        pending = ""
        return try check(PQexec(handle, text))
    }

    /// Queues statements (no parameters) to be sent in front of the next `exec` or `query`:
    /// a write's inserts travel with its `COMMIT`, in one round trip.
    func enqueue(_ sql: String) {
        pending += sql
        pending += ";\n"
    }

    /// Whether statements are queued.
    var hasPending: Bool { !pending.isEmpty }

    /// Forgets the queued statements (the transaction is being rolled back).
    func discardPending() { pending = "" }

    /// Runs several SQL statements (after the queued ones) in one round trip and returns every
    /// statement's result in order; the first failure is thrown once the server has answered.
    func execAll(_ sql: String) throws(PGFailure) -> [PGResult] {
        let text = pending.isEmpty ? sql : pending + sql
        pending = ""
        guard PQsendQuery(handle, text) == 1 else { throw failure(nil) }
        var results: [PGResult] = []
        var first: PGFailure?
        while let r = PQgetResult(handle) {
            let status = PQresultStatus(r)
            if status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK {
                results.append(PGResult(r))
            } else {
                if first == nil { first = failure(r) }
                PQclear(r)
            }
        }
        if let first { throw first }
        return results
    }

    /// Sends one statement (no parameters, nothing queued) without waiting for its answer:
    /// `receive` takes it.
    func send(_ sql: String) throws(PGFailure) {
        guard PQsendQuery(handle, sql) == 1 else { throw failure(nil) }
    }

    /// The answer to the statement `send` sent (its last result).
    func receive() throws(PGFailure) -> PGResult {
        var last: OpaquePointer?
        var first: PGFailure?
        while let r = PQgetResult(handle) {
            let status = PQresultStatus(r)
            if status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK {
                if first == nil { first = failure(r) }
                PQclear(r)
                continue
            }
            if let last { PQclear(last) }
            last = r
        }
        if let first {
            if let last { PQclear(last) }
            throw first
        }
        guard let last else { throw failure(nil) }
        return PGResult(last)
    }

    /// Reads and drops whatever answers are still coming (after an error between `send` and
    /// `receive`), so the connection can take the next statement.
    func drain() {
        while let r = PQgetResult(handle) { PQclear(r) }
    }

    /// `text` as a literal for this connection (`PQescapeLiteral`: quotes doubled, backslashes
    /// handled whatever `standard_conforming_strings` says); `NULL` for `nil`.
    func literal(_ text: String?) -> String {
        guard let text else { return "NULL" }
        guard let escaped = PQescapeLiteral(handle, text, text.utf8.count) else { return Self.literal(text) }
        defer { PQfreemem(escaped) }
        return String(cString: escaped)
    }

    /// `sql` with its parameters `$1`, `$2`… replaced by `parameters` as literals, to be queued.
    func inline(_ sql: String, _ parameters: [String?]) -> String {
        var out = ""
        out.reserveCapacity(sql.utf8.count + parameters.count * 16)
        var chars = sql.unicodeScalars.makeIterator()
        var lookahead: Unicode.Scalar? = chars.next()
        while let c = lookahead {
            lookahead = chars.next()
            guard c == "$", let d = lookahead, ("0"..."9").contains(d) else {
                out.unicodeScalars.append(c)
                continue
            }
            var number = 0
            while let d = lookahead, ("0"..."9").contains(d) {
                number = number * 10 + Int(d.value - 48)
                lookahead = chars.next()
            }
            out += literal(number >= 1 && number <= parameters.count ? parameters[number - 1] : nil)
        }
        return out
    }

    /// Runs one statement with text parameters (`$1`…): unnamed the first time (parse, bind and
    /// execute in one round trip, what a one-shot command wants), prepared on its second use and
    /// reused from then on (what a long-running writer wants).
    @discardableResult
    func query(_ sql: String, _ parameters: [String?] = []) throws(PGFailure) -> PGResult {
        if !pending.isEmpty {
            let queued = pending
            pending = ""
            _ = try check(PQexec(handle, queued))
        }
        var name: String?
        if let known = prepared[sql] {
            name = known
        } else if usedOnce.contains(sql) {
            let n = "s\(prepared.count)"
            _ = try check(PQprepare(handle, n, sql, Int32(parameters.count), nil))
            prepared[sql] = n
            name = n
        } else {
            usedOnce.insert(sql)
        }
        let values: [UnsafeMutablePointer<CChar>?] = parameters.map { $0.map { strdup($0) } ?? nil }
        defer { for v in values { free(v) } }
        let result = values.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: UnsafePointer<CChar>?.self, capacity: max(buffer.count, 1)) { p in
                let args = parameters.isEmpty ? nil : p
                if let name { return PQexecPrepared(handle, name, Int32(parameters.count), args, nil, nil, 0) }
                return PQexecParams(handle, sql, Int32(parameters.count), nil, args, nil, nil, 0)
            }
        }
        return try check(result)
    }

    /// Starts `COPY … FROM STDIN` (text format); send rows with `sendCopy`, end with `endCopy`.
    func beginCopy(_ sql: String) throws(PGFailure) {
        _ = try check(PQexec(handle, sql), accepting: PGRES_COPY_IN)
    }

    /// Sends copy data (whole rows or parts of them).
    func sendCopy(_ bytes: [UInt8]) throws(PGFailure) {
        guard !bytes.isEmpty else { return }
        let rc = bytes.withUnsafeBufferPointer { b in
            b.baseAddress!.withMemoryRebound(to: CChar.self, capacity: b.count) { PQputCopyData(handle, $0, Int32(b.count)) }
        }
        if rc != 1 { throw failure(nil) }
    }

    /// Ends the copy (`abandon`: makes it fail, so the transaction rolls back).
    func endCopy(abandon: Bool = false) throws(PGFailure) {
        PQputCopyEnd(handle, abandon ? "abandoned by khenthuong" : nil)
        var first: PGFailure?
        while let r = PQgetResult(handle) {
            if PQresultStatus(r) != PGRES_COMMAND_OK, first == nil { first = failure(r) }
            PQclear(r)
        }
        if let first, !abandon { throw first }
    }

    /// Starts `COPY … TO STDOUT`; read its rows with `receiveCopy`.
    func beginCopyOut(_ sql: String) throws(PGFailure) {
        _ = try check(PQexec(handle, sql), accepting: PGRES_COPY_OUT)
    }

    /// Hands the next data message of a copy out to `body` (one row: in binary format the first
    /// also carries the header, and the last is the trailer; valid during the call only) and
    /// returns true, or returns false once the copy has ended, its result checked.
    func receiveCopy(_ body: (UnsafeRawBufferPointer) -> Void) throws(PGFailure) -> Bool {
        var buffer: UnsafeMutablePointer<CChar>?
        let n = PQgetCopyData(handle, &buffer, 0)
        if n > 0, let buffer {
            defer { PQfreemem(buffer) }
            body(UnsafeRawBufferPointer(start: buffer, count: Int(n)))
            return true
        }
        guard n == -1 else { throw failure(nil) }
        var first: PGFailure?
        while let r = PQgetResult(handle) {
            if PQresultStatus(r) != PGRES_COMMAND_OK, first == nil { first = failure(r) }
            PQclear(r)
        }
        if let first { throw first }
        return false
    }

    private func check(_ result: OpaquePointer?, accepting extra: ExecStatusType = PGRES_COMMAND_OK) throws(PGFailure) -> PGResult {
        guard let result else { throw failure(nil) }
        let status = PQresultStatus(result)
        guard status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == extra else {
            let f = failure(result)
            PQclear(result)
            // A failed PQprepare leaves nothing behind; forget nothing else.
            throw f
        }
        return PGResult(result)
    }

    private func failure(_ result: OpaquePointer?) -> PGFailure {
        let lost = PQstatus(handle) != CONNECTION_OK
        var sqlstate = ""
        var message = ""
        if let result {
            if let code = PQresultErrorField(result, Int32(UInt8(ascii: "C"))) { sqlstate = String(cString: code) }
            if let primary = PQresultErrorField(result, Int32(UInt8(ascii: "M"))) { message = String(cString: primary) }
        }
        if message.isEmpty { message = Self.oneLine(String(cString: PQerrorMessage(handle))) }
        if lost && sqlstate.isEmpty { sqlstate = "08006" }
        return PGFailure(sqlstate: sqlstate, message: message, connectionLost: lost)
    }

    /// libpq's messages end with a newline and may span lines.
    static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
    }

    /// `text` as a literal in SQL (`'…'`, quotes doubled).
    static func literal(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "''") + "'" }
}

/// Builds `COPY … FROM STDIN` text-format rows: tab between columns, `\N` for NULL, and
/// backslash, tab, newline and carriage return escaped.
struct PGCopyBuffer {
    var bytes: [UInt8] = []

    init() { bytes.reserveCapacity(1 << 20) }

    mutating func field(_ text: String?, last: Bool = false) {
        if let text {
            for b in text.utf8 {
                switch b {
                case UInt8(ascii: "\\"): bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "\\"))
                case UInt8(ascii: "\t"): bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "t"))
                case UInt8(ascii: "\n"): bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "n"))
                case UInt8(ascii: "\r"): bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "r"))
                default: bytes.append(b)
                }
            }
        } else {
            bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "N"))
        }
        bytes.append(last ? UInt8(ascii: "\n") : UInt8(ascii: "\t"))
    }

    mutating func field(_ value: Int64) { field(String(value)) }
}

extension Array where Element == String {
    /// Calls `body` with a NULL-terminated array of C strings (libpq's keyword/value lists).
    func withCStrings<R>(_ body: (UnsafePointer<UnsafePointer<CChar>?>) -> R) -> R {
        let copies = map { strdup($0) }
        defer { for c in copies { free(c) } }
        let pointers: [UnsafePointer<CChar>?] = copies.map { UnsafePointer($0) } + [nil]
        return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
    }
}
