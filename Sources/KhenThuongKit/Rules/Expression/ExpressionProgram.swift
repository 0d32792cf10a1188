/// One instruction of the register machine (24 bytes).
///
/// `d` is the destination register or the jump target, `a` and `b` are registers, slots or
/// function indices, `imm` an immediate operand.
struct Instruction: Sendable {
    var op: Opcode
    var d: Int32 = 0
    var a: Int32 = 0
    var b: Int32 = 0
    var imm: Int64 = 0
}

/// The operations of the register machine. Comparisons come in three operand forms —
/// slot/immediate (`SI`), register/immediate (`RI`), register/register (`RR`) — each fused
/// with a conditional jump, since conditions are compiled to jumping code.
enum Opcode: UInt8, Sendable {
    case loadImm        // r[d] = imm
    case loadSlot       // r[d] = row[a]
    case loadCriterion  // r[d] = r[a], failing when r[a] < 0 (not applicable)
    case add, subtract, multiply, divide, remainder  // r[d] = r[a] op r[b], failing on overflow / division by zero
    case negate         // r[d] = -r[a]
    case concat         // r[d] = intern(text(r[a]) + text(r[b]))
    case inList         // r[d] = list r[b] contains r[a]
    case call           // r[d] = functions[a](context, r[b ..< b + imm])
    case jump           // pc = d
    case jumpEqualSI, jumpNotEqualSI, jumpLessSI, jumpLessOrEqualSI, jumpGreaterSI, jumpGreaterOrEqualSI  // if row[a] op imm { pc = d }
    case jumpEqualRI, jumpNotEqualRI, jumpLessRI, jumpLessOrEqualRI, jumpGreaterRI, jumpGreaterOrEqualRI  // if r[a] op imm { pc = d }
    case jumpEqualRR, jumpNotEqualRR, jumpLessRR, jumpLessOrEqualRR, jumpGreaterRR, jumpGreaterOrEqualRR  // if r[a] op r[b] { pc = d }
    case jumpCriterion  // fail when r[a] < 0; if r[a] == imm { pc = d }
    case ret            // return r[a]
    case halt           // return 0

    /// The fused compare-and-jump opcode for `comparison` in the form starting at `base`.
    static func jump(_ comparison: ComparisonOperator, base: Opcode) -> Opcode {
        let offset: UInt8 = switch comparison {
        case .equal: 0
        case .notEqual: 1
        case .less: 2
        case .lessOrEqual: 3
        case .greater: 4
        case .greaterOrEqual: 5
        }
        return Opcode(rawValue: base.rawValue + offset)!
    }
}

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
    let strings: StringTable
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
