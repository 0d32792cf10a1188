/// The verdict of one criterion for one row.
public enum Verdict: Sendable, Hashable {
    /// The criterion holds.
    case yes
    /// The criterion does not hold.
    case no
    /// The criterion cannot be decided (division by zero, overflow, or it uses a criterion
    /// that is itself not applicable).
    case notApplicable
}

/// One named criterion of a rule set, as written in a rule file.
public struct RuleSetCriterion: Sendable, Hashable {
    /// The name later criteria use to refer to this one (an identifier).
    public var name: String
    /// The bool expression.
    public var source: ExpressionSource
    /// Where the name is written, for errors about the name (defaults to the expression).
    public var namePosition: SourcePosition?

    public init(name: String, source: ExpressionSource, namePosition: SourcePosition? = nil) {
        self.name = name
        self.source = source
        self.namePosition = namePosition
    }
}

/// A criterion that was not applicable, and why.
public struct CriterionFailure: Sendable, Hashable {
    /// The row, counted from 0, in a batch (0 when one row is evaluated).
    public var row: Int
    public var criterion: Int
    public var name: String
    public var error: EvaluationError
}

/// An ordered list of named bool criteria compiled into one program: a later criterion may
/// use an earlier one's verdict as a bool variable. Evaluating the set decides every
/// criterion for a row in one pass with no allocation. Immutable and shareable across threads.
public struct CompiledRuleSet: Sendable {
    /// The criteria names, in order.
    public let names: [String]
    let criteria: [RuleSetCriterion]
    let maps: [SourceMap]
    let typed: [TypedExpression]
    let program: ExpressionProgram
    let schema: ExpressionSchema

    /// Compiles `criteria` in order against `schema`.
    ///
    /// - Throws: every problem found (at most one per criterion): expression errors, a name
    ///   that is not an identifier or clashes with a variable, function or earlier criterion,
    ///   a reference to the criterion itself or to a later one.
    public init(_ criteria: [RuleSetCriterion], schema: ExpressionSchema) throws(ExpressionErrorList) {
        var errors: [ExpressionError] = []
        var earlier: [String: Int] = [:]
        var maps: [SourceMap] = []
        var typed: [TypedExpression] = []
        let allNames = criteria.map(\.name)
        for (i, criterion) in criteria.enumerated() {
            let map = SourceMap(criterion.source)
            maps.append(map)
            let name = criterion.name
            func nameError(_ kind: ExpressionError.Kind, _ message: LocalizedText) -> ExpressionError {
                ExpressionError(kind: kind, file: criterion.source.file,
                                position: criterion.namePosition ?? map.position(0), message: message)
            }
            if !ExpressionLexer.isIdentifier(name) || ExpressionLexer.reservedWords.contains(name) {
                errors.append(nameError(.invalidName, ExpressionMessages.invalidCriterionName(name)))
                continue
            }
            if schema.variable(named: name) != nil || schema.function(named: name) != nil {
                errors.append(nameError(.duplicateName, ExpressionMessages.criterionShadows(name)))
                continue
            }
            if earlier[name] != nil {
                errors.append(nameError(.duplicateName, ExpressionMessages.duplicateCriterion(name)))
                continue
            }
            let scope = ExpressionTypeChecker.CriterionScope(current: name, earlier: earlier,
                                                             later: Set(allNames[(i + 1)...]).subtracting(earlier.keys))
            earlier[name] = i
            do {
                let syntax = try ExpressionParser.parse(map)
                let checker = ExpressionTypeChecker(schema: schema, source: map, criteria: scope)
                typed.append(try checker.check(syntax, expecting: .bool))
            } catch {
                errors.append(error)
            }
        }
        guard errors.isEmpty else { throw ExpressionErrorList(errors) }

        var generator = ExpressionCodeGenerator(reservedRegisters: criteria.count)
        var starts: [Int] = []
        for (i, expression) in typed.enumerated() {
            generator.source = maps[i]
            starts.append(generator.pc)
            generator.emit(Instruction(op: .loadImm, d: Int32(i), imm: 0))
            let done = generator.newLabel()
            generator.branch(expression, when: false, to: done)
            generator.emit(Instruction(op: .loadImm, d: Int32(i), imm: 1))
            generator.place(done)
        }
        generator.emit(Instruction(op: .halt))
        names = allNames
        self.criteria = criteria
        self.maps = maps
        self.typed = typed
        self.schema = schema
        program = ExpressionProgram(code: generator.resolved(), registerCount: generator.registerCount, schema: schema,
                                    sites: generator.sites, criterionStarts: starts, criterionNames: allNames)
    }

    /// A listing of the compiled code (for debugging).
    public var listing: String { program.listing }

    /// How many criteria the set has.
    public var count: Int { names.count }

    /// The position of the criterion called `name`.
    public func index(of name: String) -> Int? { names.firstIndex(of: name) }

    /// Decides every criterion for `row`, writing `verdicts[i]` for criterion `i`.
    ///
    /// No allocation unless a criterion is not applicable.
    /// - Returns: the criteria that were not applicable, with the reason (usually empty).
    @discardableResult
    public func evaluate(_ row: UnsafeBufferPointer<Int64>, into verdicts: UnsafeMutableBufferPointer<Verdict>,
                         context: AnyObject = NoExpressionContext.shared) -> [CriterionFailure] {
        precondition(row.count >= schema.slotCount, "the row has \(row.count) slots; the schema needs \(schema.slotCount)")
        precondition(verdicts.count >= names.count, "room for \(verdicts.count) verdicts; the rule set has \(names.count)")
        guard !names.isEmpty else { return [] }
        let failures = ExpressionMachine.evaluateRuleSet(program, rows: 1, stride: 0, row: row.baseAddress ?? UnsafePointer(bitPattern: 8)!,
                                                         verdicts: verdicts.baseAddress!, context: context)
        return failures.isEmpty ? [] : describe(failures)
    }

    /// Decides every criterion for each of the rows stored one after the other in `rows`
    /// (`stride` values apart, `stride >= schema.slotCount`), writing the verdicts of row `r`
    /// at `verdicts[r * count ..< (r + 1) * count]`. The fastest way to decide many people.
    ///
    /// The same `context` serves every row.
    /// - Returns: the criteria that were not applicable, with their rows (usually empty).
    @discardableResult
    public func evaluate(rows: UnsafeBufferPointer<Int64>, stride: Int, into verdicts: UnsafeMutableBufferPointer<Verdict>,
                         context: AnyObject = NoExpressionContext.shared) -> [CriterionFailure] {
        precondition(stride >= schema.slotCount && stride > 0, "the stride \(stride) is smaller than a row (\(schema.slotCount) slots)")
        precondition(rows.count % stride == 0, "\(rows.count) values are not a whole number of rows of \(stride)")
        let count = rows.count / stride
        precondition(verdicts.count >= count * names.count, "room for \(verdicts.count) verdicts; \(count) rows need \(count * names.count)")
        guard count > 0, !names.isEmpty else { return [] }
        let failures = ExpressionMachine.evaluateRuleSet(program, rows: count, stride: stride, row: rows.baseAddress!,
                                                         verdicts: verdicts.baseAddress!, context: context)
        return failures.isEmpty ? [] : describe(failures)
    }

    private func describe(_ failures: [ExpressionMachine.RuleSetFailure]) -> [CriterionFailure] {
        failures.map {
            let criterion = program.criterion(at: $0.pc)
            return CriterionFailure(row: $0.row, criterion: criterion, name: names[criterion], error: program.error(at: $0.pc, $0.kind))
        }
    }

    /// The verdicts for `row`, in criterion order.
    public func evaluate(_ row: [Int64], context: AnyObject = NoExpressionContext.shared) -> [Verdict] {
        var verdicts = [Verdict](repeating: .no, count: names.count)
        row.withUnsafeBufferPointer { r in
            verdicts.withUnsafeMutableBufferPointer { v in _ = evaluate(r, into: v, context: context) }
        }
        return verdicts
    }

    /// How criterion `index` reaches its verdict for `row`; references to earlier criteria
    /// carry their own traces (slower; for explanations).
    public func explain(_ index: Int, row: [Int64], context: AnyObject = NoExpressionContext.shared) -> EvaluationTrace {
        precondition(row.count >= schema.slotCount, "the row has \(row.count) slots; the schema needs \(schema.slotCount)")
        return row.withUnsafeBufferPointer { buffer in
            var memo: [Int: EvaluationTrace] = [:]
            func trace(_ i: Int) -> EvaluationTrace {
                if let done = memo[i] { return done }
                var interpreter = ExpressionInterpreter(schema: schema, source: maps[i], row: buffer, context: context)
                interpreter.criterion = { (names[$0], trace($0)) }
                let t = interpreter.trace(typed[i])
                memo[i] = t
                return t
            }
            return trace(index)
        }
    }

    /// How the criterion called `name` reaches its verdict for `row`, or `nil` for an unknown name.
    public func explain(_ name: String, row: [Int64], context: AnyObject = NoExpressionContext.shared) -> EvaluationTrace? {
        index(of: name).map { explain($0, row: row, context: context) }
    }
}
