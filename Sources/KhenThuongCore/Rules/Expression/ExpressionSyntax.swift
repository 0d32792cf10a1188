/// An operator with two operands, as written.
enum BinaryOperator: String, Sendable, CaseIterable {
    case or = "||", and = "&&"
    case equal = "==", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
    case `in` = "in"
    case add = "+", subtract = "-", multiply = "*", divide = "/", remainder = "%"

    var isComparison: Bool {
        switch self {
        case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual, .in: true
        default: false
        }
    }
}

/// An operator with one operand: `!` or `-`.
enum UnaryOperator: String, Sendable {
    case not = "!", negate = "-"
}

/// The parsed, untyped form of an expression. Offsets count Unicode scalars in the text.
struct ExpressionSyntax: Sendable, CustomStringConvertible {
    indirect enum Kind: Sendable {
        case integer(Int64)
        case string(String)
        case boolean(Bool)
        case identifier(String)
        case call(String, [ExpressionSyntax])
        case list([ExpressionSyntax])
        case unary(UnaryOperator, ExpressionSyntax)
        case binary(BinaryOperator, ExpressionSyntax, ExpressionSyntax)
        case conditional(ExpressionSyntax, ExpressionSyntax, ExpressionSyntax)
    }

    var kind: Kind
    /// Where the node's text starts.
    var start: Int
    /// Where the node's text ends (exclusive).
    var end: Int
    /// Where the operator is, for binary, unary and conditional nodes (else `start`).
    var operatorStart: Int

    /// Levels of nodes from this one down to its deepest leaf (a leaf is 1). Every operator in a
    /// chain (`a + b + c` is `(a + b) + c`) adds a level, like a parenthesis: the type checker,
    /// the code generator and the evaluator walk the tree recursively, so the parser bounds it.
    var height: Int

    init(_ kind: Kind, start: Int, end: Int, operatorStart: Int? = nil) {
        self.kind = kind
        self.start = start
        self.end = end
        self.operatorStart = operatorStart ?? start
        switch kind {
        case .integer, .string, .boolean, .identifier: height = 1
        case .call(_, let items), .list(let items): height = 1 + items.reduce(0) { max($0, $1.height) }
        case .unary(_, let operand): height = 1 + operand.height
        case .binary(_, let l, let r): height = 1 + max(l.height, r.height)
        case .conditional(let c, let a, let b): height = 1 + max(c.height, a.height, b.height)
        }
    }

    /// The expression fully parenthesised: `((a + b) * c)`.
    var description: String {
        switch kind {
        case .integer(let i): String(i)
        case .string(let s): Self.quoted(s)
        case .boolean(let b): b ? "true" : "false"
        case .identifier(let name): name
        case .call(let name, let args): "\(name)(\(args.map(\.description).joined(separator: ", ")))"
        case .list(let items): "[\(items.map(\.description).joined(separator: ", "))]"
        case .unary(let op, let operand): "(\(op.rawValue)\(operand))"
        case .binary(let op, let l, let r): "(\(l) \(op.rawValue) \(r))"
        case .conditional(let c, let a, let b): "(\(c) ? \(a) : \(b))"
        }
    }

    /// `text` as a double-quoted string literal.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for c in text.unicodeScalars {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default: out.unicodeScalars.append(c)
            }
        }
        return out + "\""
    }
}
