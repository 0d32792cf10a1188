/// A value of the expression language in its readable form, for hosts filling rows by name,
/// for results of non-bool expressions and for explanations.
public indirect enum ExpressionValue: Sendable, Hashable, CustomStringConvertible {
    case bool(Bool)
    case int(Int64)
    case string(String)
    case date(CivilDate)
    case list([ExpressionValue])

    /// The value written for `language`: dates as `DD/MM/YYYY` in Vietnamese, strings in quotes.
    public func rendered(_ language: Language) -> String {
        switch self {
        case .bool(let b): language == .vi ? (b ? "đúng" : "sai") : (b ? "true" : "false")
        case .int(let i): String(i)
        case .string(let s): "\"\(s)\""
        case .date(let d): d.formatted(language)
        case .list(let items): "[" + items.map { $0.rendered(language) }.joined(separator: ", ") + "]"
        }
    }

    /// The value as the expression language would write it (`true`, `42`, `"HTXSNV"`, `date("2024-01-01")`).
    public var description: String {
        switch self {
        case .bool(let b): b ? "true" : "false"
        case .int(let i): String(i)
        case .string(let s): ExpressionSyntax.quoted(s)
        case .date(let d): "date(\"\(d)\")"
        case .list(let items): "[" + items.map(\.description).joined(separator: ", ") + "]"
        }
    }
}
