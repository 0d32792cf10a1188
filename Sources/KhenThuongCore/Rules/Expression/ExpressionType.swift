/// The type of a value in the rule expression language.
///
/// Every value is stored as one `Int64` at evaluation time: `bool` as 0 or 1, `int` as
/// itself, `string` as its code in the schema's ``StringTable``, `date` as
/// ``CivilDate/dayNumber`` and a list as its handle in the schema's ``ListTable``.
public indirect enum ExpressionType: Sendable, Hashable, CustomStringConvertible {
    /// `true` or `false`.
    case bool
    /// A 64-bit signed integer: counts, months, VND amounts, years.
    case int
    /// A text (NFC), compared by its interned code.
    case string
    /// A calendar day.
    case date
    /// A list of `int`, `string` or `date` values.
    case list(ExpressionType)

    /// The name written in messages: `bool`, `int`, `string`, `date`, `list<string>`.
    public var description: String {
        switch self {
        case .bool: "bool"
        case .int: "int"
        case .string: "string"
        case .date: "date"
        case .list(let element): "list<\(element)>"
        }
    }

    /// The element type of a list type, `nil` for other types.
    public var element: ExpressionType? {
        if case .list(let element) = self { return element }
        return nil
    }

    /// Whether values of this type may be elements of a list.
    var isListElement: Bool { self == .int || self == .string || self == .date }
}
