/// A tree-walking evaluator over typed expressions: slower than the register machine, it
/// builds ``EvaluationTrace``s for explanations and serves as a second implementation.
struct ExpressionInterpreter {
    let schema: ExpressionSchema
    let source: SourceMap
    let row: UnsafeBufferPointer<Int64>
    let context: AnyObject
    /// The trace of an earlier criterion (rule sets only).
    var criterion: (Int) -> (name: String, trace: EvaluationTrace) = { _ in preconditionFailure("no rule set") }

    private func error(_ kind: EvaluationError.Kind, _ offset: Int) -> EvaluationError {
        EvaluationError(kind: kind, file: source.file, position: source.position(offset))
    }

    func value(_ e: TypedExpression) throws(EvaluationError) -> Int64 {
        switch e.kind {
        case .constant(let v): return v
        case .variable(let slot): return row[slot]
        case .criterion(let index):
            let (name, trace) = criterion(index)
            guard case .success(let v) = trace.result, case .bool(let b) = v else {
                throw error(.criterionNotApplicable(name), e.start)
            }
            return b ? 1 : 0
        case .call(let function, let arguments):
            var values: [Int64] = []
            for argument in arguments { values.append(try value(argument)) }
            let body = schema.functions[function].implementation
            return values.withUnsafeBufferPointer { body(context, $0) }
        case .not(let operand): return try value(operand) ^ 1
        case .negate(let operand):
            let (v, overflow) = Int64(0).subtractingReportingOverflow(try value(operand))
            if overflow { throw error(.overflow, e.start) }
            return v
        case .arithmetic(let op, let left, let right):
            let result = op.apply(try value(left), try value(right))
            if let kind = result.error { throw error(kind, e.operatorStart) }
            return result.value
        case .concat(let left, let right):
            return ExpressionMachine.concatenate(schema.strings, try value(left), try value(right))
        case .compare(let op, let left, let right):
            return op.holds(try value(left), try value(right)) ? 1 : 0
        case .and(let left, let right):
            return try value(left) == 0 ? 0 : try value(right)
        case .or(let left, let right):
            return try value(left) != 0 ? 1 : try value(right)
        case .member(let element, let candidates):
            let x = try value(element)
            for candidate in candidates where try value(candidate) == x { return 1 }
            return 0
        case .memberOfList(let element, let list):
            return schema.lists.contains(try value(element), inList: try value(list)) ? 1 : 0
        case .conditional(let condition, let yes, let no):
            return try value(condition) != 0 ? try value(yes) : try value(no)
        }
    }

    private func decoded(_ e: TypedExpression) throws(EvaluationError) -> ExpressionValue {
        schema.decode(try value(e), as: e.type)
    }

    private func make(_ e: TypedExpression, _ result: Result<ExpressionValue, EvaluationError>,
                      _ detail: EvaluationTrace.Detail) -> EvaluationTrace {
        EvaluationTrace(text: source.text(e.start, e.end), position: source.position(e.start), result: result, detail: detail)
    }

    /// The trace of `e` (never throws: failures are recorded in the trace).
    func trace(_ e: TypedExpression) -> EvaluationTrace {
        switch e.kind {
        case .and, .or:
            let isAnd: Bool
            if case .and = e.kind { isAnd = true } else { isAnd = false }
            var operands: [EvaluationTrace] = []
            var result: Result<ExpressionValue, EvaluationError> = .success(.bool(isAnd))
            for operand in Self.chain(e, and: isAnd) {
                let t = trace(operand)
                operands.append(t)
                if case .failure = t.result { result = t.result; break }
                if case .success(.bool(let b)) = t.result, b != isAnd { result = .success(.bool(b)); break }
            }
            return make(e, result, .logical(operator: isAnd ? "&&" : "||", operands: operands))
        case .not(let operand):
            let inner = trace(operand)
            let result = inner.result.map { v -> ExpressionValue in
                if case .bool(let b) = v { return .bool(!b) }
                return v
            }
            return make(e, result, .negation(inner))
        case .criterion(let index):
            let (name, inner) = criterion(index)
            let result: Result<ExpressionValue, EvaluationError> = switch inner.result {
            case .success(let v): .success(v)
            case .failure: .failure(error(.criterionNotApplicable(name), e.start))
            }
            return make(e, result, .criterion(name: name, inner))
        case .compare(let op, let left, let right):
            do throws(EvaluationError) {
                let l = try value(left), r = try value(right)
                return make(e, .success(.bool(op.holds(l, r))),
                            .comparison(operator: op.rawValue, left: schema.decode(l, as: left.type), right: schema.decode(r, as: right.type)))
            } catch { return make(e, .failure(error), .value) }
        case .member(let element, let candidates):
            do throws(EvaluationError) {
                let x = try decoded(element)
                var list: [ExpressionValue] = []
                for candidate in candidates { list.append(try decoded(candidate)) }
                return make(e, .success(.bool(try value(e) != 0)), .membership(value: x, list: list))
            } catch { return make(e, .failure(error), .value) }
        case .memberOfList(let element, let listExpression):
            do throws(EvaluationError) {
                let x = try decoded(element)
                guard case .list(let list) = try decoded(listExpression) else { return make(e, .success(.bool(false)), .value) }
                return make(e, .success(.bool(list.contains(x))), .membership(value: x, list: list))
            } catch { return make(e, .failure(error), .value) }
        case .conditional(let condition, let yes, let no) where e.type == .bool:
            let c = trace(condition)
            guard case .success(.bool(let b)) = c.result else { return make(e, c.result, .conditional(condition: c, chosen: c)) }
            let chosen = trace(b ? yes : no)
            return make(e, chosen.result, .conditional(condition: c, chosen: chosen))
        default:
            do throws(EvaluationError) {
                return make(e, .success(try decoded(e)), .value)
            } catch { return make(e, .failure(error), .value) }
        }
    }

    /// The operands of a chain of `&&` (or `||`), flattened.
    private static func chain(_ e: TypedExpression, and: Bool) -> [TypedExpression] {
        switch e.kind {
        case .and(let l, let r) where and: chain(l, and: and) + chain(r, and: and)
        case .or(let l, let r) where !and: chain(l, and: and) + chain(r, and: and)
        default: [e]
        }
    }
}
