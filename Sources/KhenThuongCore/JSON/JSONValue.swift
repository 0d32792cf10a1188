import Foundation

/// A JSON value that remembers where in its source text it came from.
///
/// Definitions in `workflows/` are parsed into `JSONValue` first so every finding the
/// loader or the linter reports can name the file, the line and column, and the JSON path.
public indirect enum JSONValue: Sendable, Equatable {
    /// `null`.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// A number (kept as `Double`; integers up to 2^53 are exact).
    case number(Double)
    /// A string, normalised to NFC.
    case string(String)
    /// An array of positioned values.
    case array([Positioned])
    /// An object; members keep their source order.
    case object([Member])

    /// A value with the place it starts in the source.
    public struct Positioned: Sendable, Equatable {
        public var value: JSONValue
        public var position: SourcePosition
    }

    /// One `"key": value` member of an object.
    public struct Member: Sendable, Equatable {
        public var key: String
        public var value: Positioned
    }

    /// A short English name of the value's type, for messages.
    public var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }
}

/// A line and column (both 1-based) in a source file.
public struct SourcePosition: Sendable, Equatable, Hashable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }
    public var description: String { "\(line):\(column)" }
}

extension JSONValue.Positioned {
    /// The member named `key` when this is an object.
    public subscript(key: String) -> JSONValue.Positioned? {
        guard case .object(let members) = value else { return nil }
        return members.first { $0.key == key }?.value
    }

    /// The string value, or `nil` when this is not a string.
    public var string: String? {
        if case .string(let s) = value { return s }
        return nil
    }

    /// The integer value, or `nil` when this is not an integral number.
    public var int: Int? {
        if case .number(let d) = value, d.rounded() == d, abs(d) < 9e15 { return Int(d) }
        return nil
    }

    /// The number value, or `nil` when this is not a number.
    public var double: Double? {
        if case .number(let d) = value { return d }
        return nil
    }

    /// The boolean value, or `nil` when this is not a boolean.
    public var bool: Bool? {
        if case .bool(let b) = value { return b }
        return nil
    }

    /// The elements, or `nil` when this is not an array.
    public var array: [JSONValue.Positioned]? {
        if case .array(let a) = value { return a }
        return nil
    }

    /// The members, or `nil` when this is not an object.
    public var members: [JSONValue.Member]? {
        if case .object(let m) = value { return m }
        return nil
    }
}
