/// A compiled expression, ready to evaluate many rows. Immutable and shareable across threads.
public struct CompiledExpression: Sendable {
    /// The parts, behind one reference: a copy of the expression (in a criterion, a
    /// template piece) costs one retain, not one per part.
    final class Parts: Sendable {
        let source: ExpressionSource
        let map: SourceMap
        let typed: TypedExpression
        let program: ExpressionProgram
        let schema: ExpressionSchema

        init(source: ExpressionSource, map: SourceMap, typed: TypedExpression, program: ExpressionProgram, schema: ExpressionSchema) {
            self.source = source
            self.map = map
            self.typed = typed
            self.program = program
            self.schema = schema
        }
    }

    let parts: Parts

    init(source: ExpressionSource, map: SourceMap, typed: TypedExpression, program: ExpressionProgram, schema: ExpressionSchema) {
        parts = Parts(source: source, map: map, typed: typed, program: program, schema: schema)
    }

    /// The type of the expression's value.
    public var type: ExpressionType { typed.type }
    /// Where the expression came from.
    public var source: ExpressionSource { parts.source }
    var map: SourceMap { parts.map }
    var typed: TypedExpression { parts.typed }
    var program: ExpressionProgram { parts.program }
    var schema: ExpressionSchema { parts.schema }

    /// The encoded value for `row` (bool 0/1, int, string code, day number, list handle).
    ///
    /// `row` holds one encoded fact per schema slot. No allocation; `context` is handed to
    /// host functions.
    /// - Throws: ``EvaluationError`` for division by zero or overflow.
    @inline(__always)
    public func evaluate(_ row: UnsafeBufferPointer<Int64>, context: AnyObject = NoExpressionContext.shared) throws(EvaluationError) -> Int64 {
        let parts = self.parts
        precondition(row.count >= parts.schema.slotCount, "the row has \(row.count) slots; the schema needs \(parts.schema.slotCount)")
        let outcome = ExpressionMachine.evaluate(parts.program, row: row.baseAddress ?? UnsafePointer(bitPattern: 8)!, context: context)
        if outcome.failure != .none { throw parts.program.error(at: outcome.failedAt, outcome.failure) }
        return outcome.value
    }

    /// The encoded value for `row`.
    public func evaluate(_ row: [Int64], context: AnyObject = NoExpressionContext.shared) throws(EvaluationError) -> Int64 {
        let result = row.withUnsafeBufferPointer { buffer in
            Result { () throws(EvaluationError) -> Int64 in try evaluate(buffer, context: context) }
        }
        return try result.get()
    }

    /// Whether a bool expression holds for `row`.
    public func isTrue(_ row: UnsafeBufferPointer<Int64>, context: AnyObject = NoExpressionContext.shared) throws(EvaluationError) -> Bool {
        try evaluate(row, context: context) != 0
    }

    /// Whether a bool expression holds for `row`.
    public func isTrue(_ row: [Int64], context: AnyObject = NoExpressionContext.shared) throws(EvaluationError) -> Bool {
        try evaluate(row, context: context) != 0
    }

    /// The readable value for `row`.
    public func value(_ row: [Int64], context: AnyObject = NoExpressionContext.shared) throws(EvaluationError) -> ExpressionValue {
        schema.decode(try evaluate(row, context: context), as: type)
    }

    /// How the expression reaches its value for `row` (slower; for explanations).
    public func explain(_ row: [Int64], context: AnyObject = NoExpressionContext.shared) -> EvaluationTrace {
        precondition(row.count >= schema.slotCount, "the row has \(row.count) slots; the schema needs \(schema.slotCount)")
        return row.withUnsafeBufferPointer { buffer in
            ExpressionInterpreter(schema: schema, source: map, row: buffer, context: context).trace(typed)
        }
    }

    /// A listing of the compiled code (for debugging).
    public var listing: String { program.listing }
}
