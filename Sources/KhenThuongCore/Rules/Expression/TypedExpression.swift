/// An arithmetic operator on encoded values (ints, and dates as day numbers).
enum ArithmeticOperator: String, Sendable {
    case add = "+", subtract = "-", multiply = "*", divide = "/", remainder = "%"

    /// The result, or the runtime error (division by zero, overflow).
    @inline(__always)
    func apply(_ a: Int64, _ b: Int64) -> (value: Int64, error: EvaluationError.Kind?) {
        let r: (partialValue: Int64, overflow: Bool)
        switch self {
        case .add: r = a.addingReportingOverflow(b)
        case .subtract: r = a.subtractingReportingOverflow(b)
        case .multiply: r = a.multipliedReportingOverflow(by: b)
        case .divide:
            if b == 0 { return (0, .divisionByZero) }
            r = a.dividedReportingOverflow(by: b)
        case .remainder:
            if b == 0 { return (0, .divisionByZero) }
            r = a.remainderReportingOverflow(dividingBy: b)
        }
        return r.overflow ? (0, .overflow) : (r.partialValue, nil)
    }
}

/// A comparison of two encoded values.
enum ComparisonOperator: String, Sendable {
    case equal = "==", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="

    /// The comparison that holds exactly when this one does not.
    var negated: ComparisonOperator {
        switch self {
        case .equal: .notEqual
        case .notEqual: .equal
        case .less: .greaterOrEqual
        case .lessOrEqual: .greater
        case .greater: .lessOrEqual
        case .greaterOrEqual: .less
        }
    }

    /// The comparison with its operands swapped (`a < b` ⇔ `b > a`).
    var mirrored: ComparisonOperator {
        switch self {
        case .equal, .notEqual: self
        case .less: .greater
        case .lessOrEqual: .greaterOrEqual
        case .greater: .less
        case .greaterOrEqual: .lessOrEqual
        }
    }

    @inline(__always)
    func holds(_ a: Int64, _ b: Int64) -> Bool {
        switch self {
        case .equal: a == b
        case .notEqual: a != b
        case .less: a < b
        case .lessOrEqual: a <= b
        case .greater: a > b
        case .greaterOrEqual: a >= b
        }
    }
}

/// A type-checked expression: names resolved to slots, functions and criteria, string and
/// list constants interned. The code generator and the explaining interpreter both read it.
struct TypedExpression: Sendable {
    indirect enum Kind: Sendable {
        /// An encoded constant (bool, int, string code, day number, list handle).
        case constant(Int64)
        /// A fact from the row.
        case variable(slot: Int)
        /// The verdict of an earlier criterion of the same rule set.
        case criterion(Int)
        /// A host function call.
        case call(function: Int, [TypedExpression])
        case not(TypedExpression)
        case negate(TypedExpression)
        case arithmetic(ArithmeticOperator, TypedExpression, TypedExpression)
        /// String concatenation (interns the result at run time).
        case concat(TypedExpression, TypedExpression)
        case compare(ComparisonOperator, TypedExpression, TypedExpression)
        case and(TypedExpression, TypedExpression)
        case or(TypedExpression, TypedExpression)
        /// `x in [a, b, …]` with a list literal.
        case member(TypedExpression, [TypedExpression])
        /// `x in list` with a list value (handle).
        case memberOfList(TypedExpression, TypedExpression)
        case conditional(TypedExpression, TypedExpression, TypedExpression)
    }

    var kind: Kind
    var type: ExpressionType
    var start: Int
    var end: Int
    var operatorStart: Int

    init(_ kind: Kind, _ type: ExpressionType, _ syntax: ExpressionSyntax) {
        self.kind = kind
        self.type = type
        start = syntax.start
        end = syntax.end
        operatorStart = syntax.operatorStart
    }

    /// The encoded value when the node is a constant.
    var constant: Int64? {
        if case .constant(let v) = kind { return v }
        return nil
    }
}
