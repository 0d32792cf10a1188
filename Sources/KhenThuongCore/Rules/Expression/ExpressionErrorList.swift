/// Every problem found in a rule set (at most one per criterion), in criterion order.
public struct ExpressionErrorList: Error, Sendable, Hashable, CustomStringConvertible {
    public var errors: [ExpressionError]

    public init(_ errors: [ExpressionError]) { self.errors = errors }

    /// One rendered error per line.
    public func rendered(_ language: Language) -> String {
        errors.map { $0.rendered(language) }.joined(separator: "\n")
    }

    public var description: String { rendered(.en) }
}
