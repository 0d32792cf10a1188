import CSQLite
import Foundation

/// Raw SQL on a store file, behind the library's back (as an attacker with the file would).
enum SQLiteTamper {
    struct Failure: Error, CustomStringConvertible { var description: String }

    /// Drops every trigger on the file, then runs `sql`.
    static func execute(_ path: String, _ sql: String) throws {
        var db: OpaquePointer?
        guard sqlite3_open(path, &db) == SQLITE_OK, let db else { throw Failure(description: "cannot open \(path)") }
        defer { sqlite3_close(db) }
        var stmt: OpaquePointer?
        sqlite3_prepare_v2(db, "SELECT name FROM sqlite_master WHERE type = 'trigger'", -1, &stmt, nil)
        var triggers: [String] = []
        while sqlite3_step(stmt) == SQLITE_ROW { triggers.append(String(cString: sqlite3_column_text(stmt, 0))) }
        sqlite3_finalize(stmt)
        for t in triggers { sqlite3_exec(db, "DROP TRIGGER \"\(t)\"", nil, nil, nil) }
        var error: UnsafeMutablePointer<CChar>?
        if sqlite3_exec(db, sql, nil, nil, &error) != SQLITE_OK {
            let message = error.map { String(cString: $0) } ?? "unknown"
            sqlite3_free(error)
            throw Failure(description: message)
        }
    }
}
