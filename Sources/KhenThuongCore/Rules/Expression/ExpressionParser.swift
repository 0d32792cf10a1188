/// Parses tokens into an ``ExpressionSyntax`` tree (recursive descent).
///
/// Precedence, lowest first: `?:` (right-associative), `||`, `&&`, comparisons
/// (`== != < <= > >= in`, not chainable), `+ -`, `* / %` (all left-associative),
/// prefix `! -`, then literals, names, calls, lists and parentheses:
///
/// ```
/// expression  = or [ "?" expression ":" expression ] ;
/// or          = and { "||" and } ;
/// and         = comparison { "&&" comparison } ;
/// comparison  = additive [ ( "==" | "!=" | "<" | "<=" | ">" | ">=" | "in" ) additive ] ;
/// additive    = term { ( "+" | "-" ) term } ;
/// term        = unary { ( "*" | "/" | "%" ) unary } ;
/// unary       = ( "!" | "-" ) unary | primary ;
/// primary     = integer | string | "true" | "false" | name [ "(" [ list-items ] ")" ]
///             | "[" [ list-items ] "]" | "(" expression ")" ;
/// list-items  = expression { "," expression } ;
/// name        = ( letter | "_" ) { letter | digit | "_" } ;      (ASCII letters)
/// integer     = digit { [ "_" ] digit } ;
/// string      = '"' { char | escape } '"' | "'" { char | escape } "'" ;
/// escape      = "\" ( '"' | "'" | "\" | "n" | "t" | "u" hex hex hex hex ) ;
/// ```
/// `date("YYYY-MM-DD")` (or `date("DD/MM/YYYY")`) is a date literal checked when compiling.
///
/// Nesting is limited to 100 levels, counting parentheses, calls, lists, prefix operators and
/// every operator of a chain (`1 + 1 + … + 1` with 101 terms is too deep): the later passes
/// are recursive and a bounded tree keeps them inside the stack.
struct ExpressionParser {
    private let source: SourceMap
    private let tokens: [ExpressionToken]
    private var index = 0
    private var depth = 0
    private static let maxDepth = 100

    /// Parses a whole expression.
    package static func parse(_ source: SourceMap) throws(ExpressionError) -> ExpressionSyntax {
        var parser = ExpressionParser(source: source, tokens: try ExpressionLexer.tokenize(source))
        let expression = try parser.conditional()
        let last = parser.current
        guard last.kind == .end else {
            throw parser.fail(last.start, ExpressionMessages.extraAfterEnd(found: last.described(source)))
        }
        return expression
    }

    private init(source: SourceMap, tokens: [ExpressionToken]) {
        self.source = source
        self.tokens = tokens
    }

    private var current: ExpressionToken { tokens[index] }

    private func fail(_ offset: Int, _ message: LocalizedText, kind: ExpressionError.Kind = .syntax) -> ExpressionError {
        ExpressionError(kind: kind, file: source.file, position: source.position(offset), message: message)
    }

    private func isSymbol(_ s: String) -> Bool { current.kind == .symbol(s) }

    private mutating func expect(_ s: String) throws(ExpressionError) {
        guard isSymbol(s) else {
            let t = current
            throw fail(t.start, ExpressionMessages.expected(LocalizedText(vi: "\"\(s)\"", en: "\"\(s)\""), found: t.described(source)))
        }
        index += 1
    }

    private mutating func enter(_ offset: Int) throws(ExpressionError) {
        depth += 1
        if depth > Self.maxDepth { throw fail(offset, ExpressionMessages.tooDeep, kind: .tooDeep) }
    }

    private mutating func conditional() throws(ExpressionError) -> ExpressionSyntax {
        try enter(current.start)
        defer { depth -= 1 }
        let condition = try binary(level: 0)
        guard isSymbol("?") else { return condition }
        let question = current.start
        index += 1
        let yes = try conditional()
        try expect(":")
        let no = try conditional()
        return ExpressionSyntax(.conditional(condition, yes, no), start: condition.start, end: no.end, operatorStart: question)
    }

    /// Binary levels, lowest precedence first.
    private static let levels: [[BinaryOperator]] = [
        [.or], [.and],
        [.equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual, .in],
        [.add, .subtract], [.multiply, .divide, .remainder],
    ]

    private func binaryOperator(at level: Int) -> BinaryOperator? {
        let text: String
        switch current.kind {
        case .symbol(let s): text = s
        case .keyword("in"): text = "in"
        default: return nil
        }
        guard let op = BinaryOperator(rawValue: text), Self.levels[level].contains(op) else { return nil }
        return op
    }

    private mutating func binary(level: Int) throws(ExpressionError) -> ExpressionSyntax {
        if level == Self.levels.count { return try unary() }
        var left = try binary(level: level + 1)
        while let op = binaryOperator(at: level) {
            let opStart = current.start
            index += 1
            let right = try binary(level: level + 1)
            if op.isComparison, let second = binaryOperator(at: level) {
                throw fail(current.start, ExpressionMessages.chainedComparison(op.rawValue, second.rawValue))
            }
            left = ExpressionSyntax(.binary(op, left, right), start: left.start, end: right.end, operatorStart: opStart)
            // A chain of operators nests as deeply as parentheses do; refused at the operator
            // that goes past the limit, before anything walks the tree recursively.
            if left.height > Self.maxDepth { throw fail(opStart, ExpressionMessages.tooDeep, kind: .tooDeep) }
        }
        return left
    }

    private mutating func unary() throws(ExpressionError) -> ExpressionSyntax {
        let start = current.start
        let op: UnaryOperator? = isSymbol("!") ? .not : isSymbol("-") ? .negate : nil
        guard let op else { return try primary() }
        index += 1
        try enter(start)
        defer { depth -= 1 }
        let operand = try unary()
        return ExpressionSyntax(.unary(op, operand), start: start, end: operand.end)
    }

    private mutating func primary() throws(ExpressionError) -> ExpressionSyntax {
        let token = current
        switch token.kind {
        case .integer(let value):
            index += 1
            return ExpressionSyntax(.integer(value), start: token.start, end: token.end)
        case .string(let text):
            index += 1
            return ExpressionSyntax(.string(text), start: token.start, end: token.end)
        case .keyword("true"), .keyword("false"):
            index += 1
            return ExpressionSyntax(.boolean(token.kind == .keyword("true")), start: token.start, end: token.end)
        case .identifier(let name):
            index += 1
            guard isSymbol("(") else { return ExpressionSyntax(.identifier(name), start: token.start, end: token.end) }
            index += 1
            let arguments = try sequence(closing: ")")
            return ExpressionSyntax(.call(name, arguments), start: token.start, end: tokens[index - 1].end)
        case .symbol("["):
            index += 1
            let elements = try sequence(closing: "]")
            return ExpressionSyntax(.list(elements), start: token.start, end: tokens[index - 1].end)
        case .symbol("("):
            index += 1
            var inner = try conditional()
            try expect(")")
            // The parentheses belong to the node's text (for explanations), not its operator.
            inner.start = token.start
            inner.end = tokens[index - 1].end
            return inner
        default:
            throw fail(token.start, ExpressionMessages.expectedValue(found: token.described(source)))
        }
    }

    /// Comma-separated expressions up to `closing` (consumed); the opener is already consumed.
    private mutating func sequence(closing: String) throws(ExpressionError) -> [ExpressionSyntax] {
        var items: [ExpressionSyntax] = []
        if isSymbol(closing) { index += 1; return items }
        while true {
            items.append(try conditional())
            if isSymbol(",") { index += 1; continue }
            guard isSymbol(closing) else {
                let t = current
                let what = LocalizedText(vi: "\",\" hoặc \"\(closing)\"", en: "\",\" or \"\(closing)\"")
                throw fail(t.start, ExpressionMessages.expected(what, found: t.described(source)))
            }
            index += 1
            return items
        }
    }
}
