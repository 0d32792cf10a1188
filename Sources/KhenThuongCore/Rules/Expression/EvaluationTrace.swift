/// How an expression reached its value for one row, for explanations such as
/// "Thời gian công tác 5 tháng < 6 tháng".
///
/// The trace follows the bool structure: `&&`/`||` chains list the operands that were
/// evaluated (the last one decided), comparisons carry the actual values of both sides,
/// references to other criteria carry that criterion's own trace. Everything else is a leaf.
public struct EvaluationTrace: Sendable, CustomStringConvertible {
    public indirect enum Detail: Sendable {
        /// A value with no further breakdown (a variable, a call, arithmetic, …).
        case value
        /// A comparison with the actual values of both sides.
        case comparison(operator: String, left: ExpressionValue, right: ExpressionValue)
        /// `x in list` with the actual value and list.
        case membership(value: ExpressionValue, list: [ExpressionValue])
        /// A chain of `&&` or `||`: the operands evaluated, in order; the last one decided.
        case logical(operator: String, operands: [EvaluationTrace])
        /// `!x`.
        case negation(EvaluationTrace)
        /// A reference to an earlier criterion of the rule set, with its trace.
        case criterion(name: String, EvaluationTrace)
        /// `c ? a : b`: the condition and the branch taken.
        case conditional(condition: EvaluationTrace, chosen: EvaluationTrace)
    }

    /// The source text of this part of the expression.
    public var text: String
    /// Where that text starts in the file.
    public var position: SourcePosition
    /// The value, or why there is none.
    public var result: Result<ExpressionValue, EvaluationError>
    public var detail: Detail

    /// For a `&&`/`||` chain, the operand that decided the result.
    public var decidedBy: EvaluationTrace? {
        if case .logical(_, let operands) = detail { return operands.last }
        return nil
    }

    /// Every comparison and membership test that was evaluated, depth first (criterion
    /// references included), for messages listing the actual values.
    public var comparisons: [EvaluationTrace] {
        switch detail {
        case .comparison, .membership: [self]
        case .value: []
        case .logical(_, let operands): operands.flatMap(\.comparisons)
        case .negation(let inner), .criterion(_, let inner): inner.comparisons
        case .conditional(let c, let chosen): c.comparisons + chosen.comparisons
        }
    }

    /// One line per node, indented by depth: `months_worked >= 10: 5 >= 10 → false`.
    public func rendered(_ language: Language) -> String {
        var lines: [String] = []
        render(language, depth: 0, into: &lines)
        return lines.joined(separator: "\n")
    }

    public var description: String { rendered(.en) }

    private func render(_ language: Language, depth: Int, into lines: inout [String]) {
        let indent = String(repeating: "  ", count: depth)
        let outcome: String = switch result {
        case .success(let v): v.rendered(language)
        case .failure(let e): e.message[language]
        }
        switch detail {
        case .comparison(let op, let l, let r):
            lines.append("\(indent)\(text): \(l.rendered(language)) \(op) \(r.rendered(language)) → \(outcome)")
        case .membership(let v, let list):
            lines.append("\(indent)\(text): \(v.rendered(language)) in \(ExpressionValue.list(list).rendered(language)) → \(outcome)")
        case .value:
            lines.append("\(indent)\(text) → \(outcome)")
        case .logical(_, let operands):
            lines.append("\(indent)\(text) → \(outcome)")
            for operand in operands { operand.render(language, depth: depth + 1, into: &lines) }
        case .negation(let inner), .criterion(_, let inner):
            lines.append("\(indent)\(text) → \(outcome)")
            inner.render(language, depth: depth + 1, into: &lines)
        case .conditional(let c, let chosen):
            lines.append("\(indent)\(text) → \(outcome)")
            c.render(language, depth: depth + 1, into: &lines)
            chosen.render(language, depth: depth + 1, into: &lines)
        }
    }
}
