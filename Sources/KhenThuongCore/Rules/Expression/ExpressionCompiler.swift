/// Compiles expression texts: lexer → parser → type checker → register-machine code.
public enum ExpressionCompiler {
    /// Compiles one expression against `schema`.
    ///
    /// - Parameter expecting: the type the expression must have (`.bool` for a criterion),
    ///   or `nil` to accept any type.
    /// - Throws: the first ``ExpressionError`` found, pointing into `source.file`.
    public static func compile(_ source: ExpressionSource, schema: ExpressionSchema,
                               expecting: ExpressionType? = nil) throws(ExpressionError) -> CompiledExpression {
        let map = SourceMap(source)
        let syntax = try ExpressionParser.parse(map)
        let typed = try ExpressionTypeChecker(schema: schema, source: map).check(syntax, expecting: expecting)
        var generator = ExpressionCodeGenerator()
        generator.source = map
        let result = generator.newRegister()
        generator.value(typed, into: result)
        generator.emit(Instruction(op: .ret, a: result))
        let program = ExpressionProgram(code: generator.resolved(), registerCount: generator.registerCount,
                                        schema: schema, sites: generator.sites)
        return CompiledExpression(source: source, map: map, typed: typed, program: program, schema: schema)
    }

    /// Compiles `text` found in `file` at `position` (see ``ExpressionSource/Layout`` for
    /// what the position means).
    public static func compile(_ text: String, schema: ExpressionSchema, file: String, at position: SourcePosition,
                               layout: ExpressionSource.Layout = .plain,
                               expecting: ExpressionType? = nil) throws(ExpressionError) -> CompiledExpression {
        try compile(ExpressionSource(text, file: file, at: position, layout: layout), schema: schema, expecting: expecting)
    }

    /// The expression parsed and rendered fully parenthesised, as `((a + b) * c)`; for
    /// checking how an expression is read.
    public static func parenthesized(_ text: String) throws(ExpressionError) -> String {
        try ExpressionParser.parse(SourceMap(ExpressionSource(text))).description
    }
}
