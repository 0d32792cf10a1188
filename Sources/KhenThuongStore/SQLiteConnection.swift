import CSQLite
import KhenThuongCore

/// What SQLite said when a call failed: its result code and its message.
///
/// Internal: `EventStore` turns it into a `StoreError` that names the store file.
package struct SQLiteFailure: Error, Sendable, Equatable {
    /// The extended result code (`SQLITE_BUSY`, `SQLITE_CONSTRAINT_UNIQUE`, …).
    var extendedCode: Int32
    /// SQLite's own message (`sqlite3_errmsg`).
    var message: String

    /// The primary result code (the low byte of the extended code).
    var code: Int32 { extendedCode & 0xff }
}

/// `SQLITE_TRANSIENT`: SQLite copies the bound bytes before the bind call returns.
private var transient: sqlite3_destructor_type { unsafeBitCast(-1, to: sqlite3_destructor_type.self) }

/// A small wrapper over one `sqlite3` handle.
///
/// Not thread-safe on purpose (opened with `SQLITE_OPEN_NOMUTEX`): one connection belongs to
/// one `EventStore`, used from one thread at a time. Statements used through `withCached(_:_:)`
/// are prepared once and reused (hot paths); the connection finalizes them when it goes away.
package final class SQLiteConnection {
    let handle: OpaquePointer
    private var cache: [(String, SQLiteStatement)] = []

    /// Opens (and creates, when missing) the database file at `path`.
    init(path: String) throws(SQLiteFailure) {
        var db: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        let rc = sqlite3_open_v2(path, &db, flags, nil)
        guard rc == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? String(cString: sqlite3_errstr(rc))
            if let db { sqlite3_close_v2(db) }
            throw SQLiteFailure(extendedCode: rc, message: message)
        }
        sqlite3_extended_result_codes(db, 1)
        handle = db
    }

    deinit {
        cache.removeAll() // each statement finalizes itself
        sqlite3_close_v2(handle)
    }

    /// How long a statement waits for another connection's lock before failing with `SQLITE_BUSY`.
    func setBusyTimeout(milliseconds: Int32) {
        sqlite3_busy_timeout(handle, milliseconds)
    }

    /// Whether a transaction is open on this connection.
    var inTransaction: Bool { sqlite3_get_autocommit(handle) == 0 }

    /// Runs one or more SQL statements that return no rows needed by the caller.
    func exec(_ sql: String) throws(SQLiteFailure) {
        var error: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(handle, sql, nil, nil, &error)
        if rc != SQLITE_OK {
            let message = error.map { String(cString: $0) } ?? String(cString: sqlite3_errstr(rc))
            sqlite3_free(error)
            throw SQLiteFailure(extendedCode: sqlite3_extended_errcode(handle), message: message)
        }
    }

    /// A new statement, finalized when the returned object goes away.
    func prepare(_ sql: String) throws(SQLiteFailure) -> SQLiteStatement {
        try SQLiteStatement(db: handle, sql: sql, persistent: false)
    }

    /// Runs `body` with a statement prepared once per connection and reused, then resets it.
    ///
    /// The reset matters: a statement left mid-result keeps its read transaction (and so an
    /// old snapshot of the file) open. Do not call `withCached` for the same SQL inside `body`.
    package func withCached<T>(_ sql: String, _ body: (SQLiteStatement) throws(SQLiteFailure) -> T) throws(SQLiteFailure) -> T {
        // A linear scan: the SQL texts are a handful of static strings, and comparing a
        // string with itself is one word compare, while hashing it reads every byte.
        var found: SQLiteStatement?
        for (text, cached) in cache where text == sql {
            found = cached
            break
        }
        let statement: SQLiteStatement
        if let found {
            statement = found
        } else {
            statement = try SQLiteStatement(db: handle, sql: sql, persistent: true)
            cache.append((sql, statement))
        }
        defer { statement.reset() }
        return try body(statement)
    }

    /// The first column of the first row of `sql` as an integer, or `nil` when there is no row
    /// or the value is NULL.
    func scalarInt(_ sql: String) throws(SQLiteFailure) -> Int64? {
        try withCached(sql) { statement throws(SQLiteFailure) -> Int64? in
            guard try statement.step(), !statement.isNull(0) else { return nil }
            return statement.int64(0)
        }
    }
}

/// One prepared statement: bind, step, read columns.
package final class SQLiteStatement {
    let handle: OpaquePointer
    private let db: OpaquePointer
    /// The first failed bind, reported by the next `step()`.
    private var bindFailure: Int32 = SQLITE_OK

    fileprivate init(db: OpaquePointer, sql: String, persistent: Bool) throws(SQLiteFailure) {
        var statement: OpaquePointer?
        let flags = persistent ? UInt32(SQLITE_PREPARE_PERSISTENT) : 0
        let rc = sqlite3_prepare_v3(db, sql, -1, flags, &statement, nil)
        guard rc == SQLITE_OK, let statement else {
            throw SQLiteFailure(extendedCode: sqlite3_extended_errcode(db), message: String(cString: sqlite3_errmsg(db)))
        }
        self.db = db
        self.handle = statement
    }

    deinit { sqlite3_finalize(handle) }

    /// Makes the statement ready to run again, with no bindings.
    func reset() {
        // Every use binds every parameter (nil binds NULL), so the bindings need no clearing.
        sqlite3_reset(handle)
        bindFailure = SQLITE_OK
    }

    /// Binds text (NULL when `value` is nil) to the 1-based parameter `index`.
    package func bind(_ index: Int32, _ value: String?) {
        guard var value else { return note(sqlite3_bind_null(handle, index)) }
        let rc = value.withUTF8 { buffer -> Int32 in
            // An empty buffer may have no base address; SQLite would read that as NULL.
            guard let base = buffer.baseAddress else { return sqlite3_bind_text(handle, index, "", 0, transient) }
            return base.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                sqlite3_bind_text(handle, index, $0, Int32(buffer.count), transient)
            }
        }
        note(rc)
    }

    /// Binds UTF-8 bytes that stay valid until the statement has run (SQLite does not copy
    /// them: `SQLITE_STATIC`), or NULL for `nil`. The caller keeps the buffer alive.
    package func bind(_ index: Int32, staticUTF8 bytes: UnsafeBufferPointer<UInt8>?) {
        guard let bytes else { return note(sqlite3_bind_null(handle, index)) }
        let rc = bytes.baseAddress.map { base in
            base.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                sqlite3_bind_text(handle, index, $0, Int32(bytes.count), nil)
            }
        } ?? sqlite3_bind_text(handle, index, "", 0, transient)
        note(rc)
    }

    /// Binds UTF-8 text given as bytes (copied by SQLite) to the 1-based parameter `index`.
    package func bind(_ index: Int32, utf8 bytes: UnsafeBufferPointer<UInt8>) {
        let rc = bytes.baseAddress.map { base in
            base.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                sqlite3_bind_text(handle, index, $0, Int32(bytes.count), transient)
            }
        } ?? sqlite3_bind_text(handle, index, "", 0, transient)
        note(rc)
    }

    /// Binds an integer to the 1-based parameter `index`.
    package func bind(_ index: Int32, _ value: Int64) {
        note(sqlite3_bind_int64(handle, index, value))
    }

    /// Binds an integer (NULL when `value` is nil) to the 1-based parameter `index`.
    package func bind(_ index: Int32, _ value: Int?) {
        guard let value else { return note(sqlite3_bind_null(handle, index)) }
        note(sqlite3_bind_int64(handle, index, Int64(value)))
    }

    private func note(_ rc: Int32) {
        if rc != SQLITE_OK && bindFailure == SQLITE_OK { bindFailure = rc }
    }

    /// Advances to the next row.
    /// - Returns: `true` when a row is available, `false` when the statement is done.
    @discardableResult
    package func step() throws(SQLiteFailure) -> Bool {
        if bindFailure != SQLITE_OK {
            throw SQLiteFailure(extendedCode: bindFailure, message: String(cString: sqlite3_errstr(bindFailure)))
        }
        switch sqlite3_step(handle) {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        case let rc:
            // With extended result codes on, `rc` is already the extended code.
            let failure = SQLiteFailure(extendedCode: rc, message: String(cString: sqlite3_errmsg(db)))
            sqlite3_reset(handle)
            throw failure
        }
    }

    /// Steps until the statement is done (for statements that return no rows).
    func run() throws(SQLiteFailure) {
        while try step() {}
    }

    package func isNull(_ column: Int32) -> Bool { sqlite3_column_type(handle, column) == SQLITE_NULL }

    package func int64(_ column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }

    /// How many columns the statement returns.
    var columnCount: Int32 { sqlite3_column_count(handle) }

    package func int(_ column: Int32) -> Int { Int(sqlite3_column_int64(handle, column)) }

    /// The column's text; `""` for NULL.
    package func text(_ column: Int32) -> String {
        String(decoding: bytes(column), as: UTF8.self)
    }

    /// The column's text, or `nil` for NULL.
    func optionalText(_ column: Int32) -> String? {
        isNull(column) ? nil : text(column)
    }

    /// The column's UTF-8 bytes, or `nil` for NULL (one call, for hot loops); valid until the
    /// next `step()` or `reset()`.
    @inline(__always)
    func optionalBytes(_ column: Int32) -> UnsafeBufferPointer<UInt8>? {
        guard let pointer = sqlite3_column_text(handle, column) else { return nil }
        return UnsafeBufferPointer(start: pointer, count: Int(sqlite3_column_bytes(handle, column)))
    }

    /// The column's UTF-8 bytes, valid until the next `step()`, `reset()` or column call
    /// that converts the same column. Empty for NULL.
    func bytes(_ column: Int32) -> UnsafeBufferPointer<UInt8> {
        guard let pointer = sqlite3_column_text(handle, column) else { return UnsafeBufferPointer(start: nil, count: 0) }
        return UnsafeBufferPointer(start: pointer, count: Int(sqlite3_column_bytes(handle, column)))
    }
}
