import Foundation

/// A JSON value that remembers where in its source text it came from.
///
/// Definitions in `workflows/` are parsed into `JSONValue` first so every finding the
/// loader or the linter reports can name the file, the line and column, and the JSON path.
/// Stored payloads are read into it too (`JSONParser.parseVerbatim`, positions `.none`), and
/// payloads are built as `JSONValue` trees before they are written canonically.
public enum JSONValue: Sendable, Equatable {
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

        public init(value: JSONValue, position: SourcePosition) {
            self.value = value
            self.position = position
        }
    }

    /// One `"key": value` member of an object.
    public struct Member: Sendable, Equatable {
        public var key: String
        public var value: Positioned

        public init(key: String, value: Positioned) {
            self.key = key
            self.value = value
        }
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
    /// The position of a value that was not read from a file (built in code, or read verbatim).
    public static let none = SourcePosition(line: 0, column: 0)
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

extension JSONValue {
    /// The member named `key` when this is an object. Setting it replaces the member in place,
    /// or appends it (position `.none`); setting `nil` removes it; a value that is no object is
    /// left as it is.
    public subscript(key: String) -> JSONValue? {
        get {
            guard case .object(let members) = self else { return nil }
            for m in members where m.key == key { return m.value.value }
            return nil
        }
        set {
            guard case .object(var members) = self else { return }
            if let i = members.firstIndex(where: { $0.key == key }) {
                if let newValue { members[i].value.value = newValue } else { members.remove(at: i) }
            } else if let newValue {
                members.append(Member(key: key, value: Positioned(value: newValue, position: .none)))
            }
            self = .object(members)
        }
    }

    /// The string value, or `nil` when this is not a string.
    public var string: String? { if case .string(let s) = self { s } else { nil } }

    /// The integer value, or `nil` when this is not an integral number below 9×10¹⁵.
    public var int: Int? {
        if case .number(let d) = self, d.rounded() == d, abs(d) < 9e15 { Int(d) } else { nil }
    }

    /// The number value, or `nil` when this is not a number.
    public var double: Double? { if case .number(let d) = self { d } else { nil } }

    /// The boolean value, or `nil` when this is not a boolean.
    public var bool: Bool? { if case .bool(let b) = self { b } else { nil } }

    /// The elements' values, or `nil` when this is not an array.
    public var elements: [JSONValue]? { if case .array(let a) = self { a.map(\.value) } else { nil } }

    /// The strings of an array of strings, or `nil` when this is not one.
    public var strings: [String]? {
        guard case .array(let items) = self else { return nil }
        var out: [String] = []
        out.reserveCapacity(items.count)
        for item in items {
            guard case .string(let s) = item.value else { return nil }
            out.append(s)
        }
        return out
    }

    // MARK: Building values in code (positions `.none`)

    /// An object with `members` in the order given (a canonical writer sorts them).
    public static func fields(_ members: KeyValuePairs<String, JSONValue>) -> JSONValue {
        .object(members.map { Member(key: $0.key, value: Positioned(value: $0.value, position: .none)) })
    }

    /// An object with `members` in the order given, for members known only at run time.
    public static func fields(_ members: [(String, JSONValue)]) -> JSONValue {
        .object(members.map { Member(key: $0.0, value: Positioned(value: $0.1, position: .none)) })
    }

    /// An array of `items`.
    public static func list(_ items: [JSONValue]) -> JSONValue {
        .array(items.map { Positioned(value: $0, position: .none) })
    }

    /// An array of strings.
    public static func strings(_ items: [String]) -> JSONValue { list(items.map(JSONValue.string)) }

    /// An integer.
    public static func int(_ n: Int) -> JSONValue { .number(Double(n)) }

    /// An integer.
    public static func int(_ n: Int64) -> JSONValue { .number(Double(n)) }

    /// The string, or `null`.
    public static func optional(_ s: String?) -> JSONValue { s.map(JSONValue.string) ?? .null }

    /// The integer, or `null`.
    public static func optional(_ n: Int?) -> JSONValue { n.map(JSONValue.int) ?? .null }
}
