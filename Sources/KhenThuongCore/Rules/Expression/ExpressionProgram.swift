/// Where an instruction that may fail is written, for ``EvaluationError``.
struct EvaluationSite: Sendable {
    var file: String
    var position: SourcePosition
}

/// Compiled code for the register machine, immutable once built and shareable across threads.
///
/// For a rule set, registers `0 ..< criterionNames.count` hold the verdicts (0, 1, or -1
/// for not applicable) and criterion `i`'s code starts at `criterionStarts[i]`.
final class ExpressionProgram: @unchecked Sendable {
    let code: UnsafeMutablePointer<Instruction>
    let count: Int
    let registerCount: Int
    let functions: UnsafeMutablePointer<HostFunctionBody>
    let functionCount: Int
    let sites: [Int: EvaluationSite]
    let criterionStarts: [Int]
    let criterionNames: [String]
    package let strings: StringTable
    let lists: ListTable

    init(code: [Instruction], registerCount: Int, schema: ExpressionSchema, sites: [Int: EvaluationSite],
         criterionStarts: [Int] = [], criterionNames: [String] = []) {
        self.code = .allocate(capacity: max(1, code.count))
        self.code.initialize(from: code, count: code.count)
        count = code.count
        self.registerCount = max(1, registerCount)
        let bodies = schema.functions.map(\.implementation)
        functions = .allocate(capacity: max(1, bodies.count))
        functions.initialize(from: bodies, count: bodies.count)
        functionCount = bodies.count
        self.sites = sites
        self.criterionStarts = criterionStarts
        self.criterionNames = criterionNames
        strings = schema.strings
        lists = schema.lists
    }

    deinit {
        code.deinitialize(count: count)
        code.deallocate()
        functions.deinitialize(count: functionCount)
        functions.deallocate()
    }

    /// The error for a failure at `pc`.
    func error(at pc: Int, _ failure: ExpressionMachine.FailureKind) -> EvaluationError {
        let site = sites[pc] ?? EvaluationSite(file: "<expression>", position: SourcePosition(line: 1, column: 1))
        let kind: EvaluationError.Kind = switch failure {
        case .divisionByZero: .divisionByZero
        case .criterionNotApplicable: .criterionNotApplicable(criterionNames[Int(code[pc].a)])
        case .overflow, .none: .overflow
        }
        return EvaluationError(kind: kind, file: site.file, position: site.position)
    }

    /// The criterion whose code holds `pc`.
    func criterion(at pc: Int) -> Int {
        var index = 0
        while index + 1 < criterionStarts.count, criterionStarts[index + 1] <= pc { index += 1 }
        return index
    }

    /// A listing of the code, one instruction per line, for debugging and tests.
    var listing: String {
        (0..<count).map { pc in
            let i = code[pc]
            return "\(pc): \(i.op) d=\(i.d) a=\(i.a) b=\(i.b) imm=\(i.imm)"
        }.joined(separator: "\n")
    }
}
