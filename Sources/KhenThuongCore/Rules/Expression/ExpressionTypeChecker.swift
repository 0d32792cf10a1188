/// Resolves names and checks types, turning syntax into a ``TypedExpression``.
struct ExpressionTypeChecker {
    /// The criteria of a rule set, as seen from the one being checked.
    struct CriterionScope: Sendable {
        /// The criterion being checked.
        var current: String
        /// Criteria defined before it: name → index.
        var earlier: [String: Int]
        /// Criteria defined after it.
        var later: Set<String>
    }

    let schema: ExpressionSchema
    let source: SourceMap
    var criteria: CriterionScope?

    private func fail(_ kind: ExpressionError.Kind, _ offset: Int, _ message: LocalizedText) -> ExpressionError {
        ExpressionError(kind: kind, file: source.file, position: source.position(offset), message: message)
    }

    /// Checks `syntax`, and that its type is `expecting` when given.
    func check(_ syntax: ExpressionSyntax, expecting: ExpressionType?) throws(ExpressionError) -> TypedExpression {
        let typed = try check(syntax)
        if let expecting, typed.type != expecting {
            throw fail(.resultType, syntax.start, ExpressionMessages.resultType(expected: expecting, actual: typed.type))
        }
        return typed
    }

    private func check(_ syntax: ExpressionSyntax) throws(ExpressionError) -> TypedExpression {
        switch syntax.kind {
        case .integer(let value):
            return TypedExpression(.constant(value), .int, syntax)
        case .boolean(let value):
            return TypedExpression(.constant(value ? 1 : 0), .bool, syntax)
        case .string(let text):
            return TypedExpression(.constant(schema.strings.intern(text)), .string, syntax)
        case .identifier(let name):
            return try identifier(name, syntax)
        case .call(let name, let arguments):
            return try call(name, arguments, syntax)
        case .list(let elements):
            let (elementType, typed) = try list(elements, syntax)
            guard let values = Self.constants(typed) else { throw fail(.listType, syntax.start, ExpressionMessages.nonConstantList) }
            return TypedExpression(.constant(schema.lists.intern(values)), .list(elementType), syntax)
        case .unary(.not, let operand):
            let o = try check(operand)
            guard o.type == .bool else {
                throw fail(.operandType, syntax.start, ExpressionMessages.unaryOperand("!", expected: .bool, actual: o.type))
            }
            if let v = o.constant { return TypedExpression(.constant(v ^ 1), .bool, syntax) }
            return TypedExpression(.not(o), .bool, syntax)
        case .unary(.negate, let operand):
            let o = try check(operand)
            guard o.type == .int else {
                throw fail(.operandType, syntax.start, ExpressionMessages.unaryOperand("-", expected: .int, actual: o.type))
            }
            if let v = o.constant, v != .min { return TypedExpression(.constant(-v), .int, syntax) }
            return TypedExpression(.negate(o), .int, syntax)
        case .binary(let op, let left, let right):
            return try binary(op, left, right, syntax)
        case .conditional(let condition, let yes, let no):
            let c = try check(condition)
            guard c.type == .bool else { throw fail(.operandType, condition.start, ExpressionMessages.condition(c.type)) }
            let a = try check(yes)
            let b = try check(no)
            guard a.type == b.type else { throw fail(.operandType, syntax.operatorStart, ExpressionMessages.branches(a.type, b.type)) }
            return TypedExpression(.conditional(c, a, b), a.type, syntax)
        }
    }

    private static func constants(_ nodes: [TypedExpression]) -> [Int64]? {
        var values: [Int64] = []
        for node in nodes {
            guard let v = node.constant else { return nil }
            values.append(v)
        }
        return values
    }

    private func identifier(_ name: String, _ syntax: ExpressionSyntax) throws(ExpressionError) -> TypedExpression {
        if let variable = schema.variable(named: name) {
            return TypedExpression(.variable(slot: variable.slot), variable.type, syntax)
        }
        if let criteria {
            if let index = criteria.earlier[name] { return TypedExpression(.criterion(index), .bool, syntax) }
            if name == criteria.current { throw fail(.selfReference, syntax.start, ExpressionMessages.selfReference(name)) }
            if criteria.later.contains(name) {
                throw fail(.forwardReference, syntax.start, ExpressionMessages.forwardReference(name, from: criteria.current))
            }
        }
        if schema.function(named: name) != nil { throw fail(.notAVariable, syntax.start, ExpressionMessages.notAVariable(name)) }
        let candidates = schema.variables.map(\.name) + (criteria.map { Array($0.earlier.keys).sorted() } ?? [])
        throw fail(.unknownVariable, syntax.start,
                   ExpressionMessages.unknownVariable(name, suggestion: NameSuggestion.nearest(to: name, among: candidates)))
    }

    private func call(_ name: String, _ arguments: [ExpressionSyntax], _ syntax: ExpressionSyntax) throws(ExpressionError) -> TypedExpression {
        if name == "date" { return try dateLiteral(arguments, syntax) }
        guard let (index, function) = schema.function(named: name) else {
            if schema.variable(named: name) != nil || criteria?.earlier[name] != nil {
                throw fail(.notAFunction, syntax.start, ExpressionMessages.notAFunction(name))
            }
            let suggestion = NameSuggestion.nearest(to: name, among: schema.functions.map(\.name))
            throw fail(.unknownFunction, syntax.start, ExpressionMessages.unknownFunction(name, suggestion: suggestion))
        }
        guard arguments.count == function.parameters.count else {
            throw fail(.argumentCount, syntax.start,
                       ExpressionMessages.argumentCount(name, expected: function.parameters.count, given: arguments.count))
        }
        var typed: [TypedExpression] = []
        for (i, (argument, parameter)) in zip(arguments, function.parameters).enumerated() {
            let t = try check(argument)
            guard t.type == parameter else {
                throw fail(.argumentType, argument.start,
                           ExpressionMessages.argumentType(name, index: i + 1, expected: parameter, actual: t.type))
            }
            typed.append(t)
        }
        return TypedExpression(.call(function: index, typed), function.result, syntax)
    }

    private func dateLiteral(_ arguments: [ExpressionSyntax], _ syntax: ExpressionSyntax) throws(ExpressionError) -> TypedExpression {
        guard arguments.count == 1, case .string(let text) = arguments[0].kind else {
            throw fail(.invalidDate, arguments.first?.start ?? syntax.start, ExpressionMessages.dateArgument)
        }
        do {
            let date = try CivilDate(parsing: text)
            return TypedExpression(.constant(Int64(date.dayNumber)), .date, syntax)
        } catch {
            throw fail(.invalidDate, arguments[0].start, LocalizedText(vi: error.message(.vi), en: error.message(.en)))
        }
    }

    /// Checks list elements: at least one, all of one type that may be listed.
    private func list(_ elements: [ExpressionSyntax], _ syntax: ExpressionSyntax) throws(ExpressionError) -> (ExpressionType, [TypedExpression]) {
        guard !elements.isEmpty else { throw fail(.listType, syntax.start, ExpressionMessages.emptyList) }
        var typed: [TypedExpression] = []
        for element in elements {
            let t = try check(element)
            guard t.type.isListElement else { throw fail(.listType, element.start, ExpressionMessages.listElement(t.type)) }
            if let type = typed.first?.type, t.type != type {
                throw fail(.listType, element.start, ExpressionMessages.mixedList(first: type, this: t.type))
            }
            typed.append(t)
        }
        return (typed[0].type, typed)
    }

    private func binary(_ op: BinaryOperator, _ left: ExpressionSyntax, _ right: ExpressionSyntax,
                        _ syntax: ExpressionSyntax) throws(ExpressionError) -> TypedExpression {
        if op == .in { return try membership(left, right, syntax) }
        let l = try check(left)
        let r = try check(right)
        let at = syntax.operatorStart
        switch op {
        case .and, .or:
            for (side, node) in [(left, l), (right, r)] where node.type != .bool {
                throw fail(.operandType, side.start, ExpressionMessages.logicalOperand(op.rawValue, node.type))
            }
            if let a = l.constant, let b = r.constant {
                return TypedExpression(.constant(op == .and ? (a & b) : (a | b)), .bool, syntax)
            }
            return TypedExpression(op == .and ? .and(l, r) : .or(l, r), .bool, syntax)
        case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual:
            let comparison = ComparisonOperator(rawValue: op.rawValue)!
            let ordered = op != .equal && op != .notEqual
            let allowed: Set<ExpressionType> = ordered ? [.int, .date] : [.bool, .int, .string, .date]
            guard l.type == r.type, allowed.contains(l.type) else {
                throw fail(.operandType, at, ExpressionMessages.comparison(op.rawValue, l.type, r.type))
            }
            if let a = l.constant, let b = r.constant {
                return TypedExpression(.constant(comparison.holds(a, b) ? 1 : 0), .bool, syntax)
            }
            return TypedExpression(.compare(comparison, l, r), .bool, syntax)
        default:
            let arithmetic = ArithmeticOperator(rawValue: op.rawValue)!
            let type: ExpressionType
            switch (arithmetic, l.type, r.type) {
            case (_, .int, .int): type = .int
            case (.add, .date, .int), (.add, .int, .date), (.subtract, .date, .int): type = .date
            case (.subtract, .date, .date): type = .int
            case (.add, .string, .string):
                if let a = l.constant, let b = r.constant,
                   let sa = schema.strings.text(for: a), let sb = schema.strings.text(for: b) {
                    return TypedExpression(.constant(schema.strings.intern(sa + sb)), .string, syntax)
                }
                return TypedExpression(.concat(l, r), .string, syntax)
            default:
                throw fail(.operandType, at, ExpressionMessages.binaryOperands(op.rawValue, l.type, r.type))
            }
            if let a = l.constant, let b = r.constant {
                let result = arithmetic.apply(a, b)
                if result.error == nil { return TypedExpression(.constant(result.value), type, syntax) }
            }
            return TypedExpression(.arithmetic(arithmetic, l, r), type, syntax)
        }
    }

    private func membership(_ left: ExpressionSyntax, _ right: ExpressionSyntax, _ syntax: ExpressionSyntax) throws(ExpressionError) -> TypedExpression {
        let l = try check(left)
        if case .list(let elements) = right.kind {
            let (elementType, typed) = try list(elements, right)
            guard l.type == elementType else {
                throw fail(.operandType, syntax.operatorStart, ExpressionMessages.membership(l.type, .list(elementType)))
            }
            if let v = l.constant, let values = Self.constants(typed) {
                return TypedExpression(.constant(values.contains(v) ? 1 : 0), .bool, syntax)
            }
            return TypedExpression(.member(l, typed), .bool, syntax)
        }
        let r = try check(right)
        guard let elementType = r.type.element else { throw fail(.operandType, right.start, ExpressionMessages.notAList(r.type)) }
        guard l.type == elementType else {
            throw fail(.operandType, syntax.operatorStart, ExpressionMessages.membership(l.type, r.type))
        }
        return TypedExpression(.memberOfList(l, r), .bool, syntax)
    }
}
