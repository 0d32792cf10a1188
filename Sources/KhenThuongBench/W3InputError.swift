import KhenThuongCore
import KhenThuongStore
import KhenThuongKit

/// Input that the W3 pipeline cannot read: where (line, and column when there is one) and what.
package struct W3InputError: Error, Equatable, Sendable, CustomStringConvertible {
    /// 1-based line where the record starts (the header is line 1).
    package var line: Int
    /// 1-based column, or `nil` for a problem with the whole line or file.
    package var column: Int?
    /// The column's header name, when known.
    package var columnName: String?
    package var message: String

    package init(line: Int, column: Int? = nil, columnName: String? = nil, message: String) {
        self.line = line
        self.column = column
        self.columnName = columnName
        self.message = message
    }

    package var description: String {
        var s = "line \(line)"
        if let column { s += ", column \(column)" }
        if let columnName { s += " (\(columnName))" }
        return s + ": " + message
    }
}
