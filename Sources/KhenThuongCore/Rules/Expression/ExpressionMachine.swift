/// The register machine: a tight `switch` loop over a program, the row and a register file.
///
/// It allocates nothing: registers live in a buffer the caller provides (on the stack),
/// host functions read their arguments in place.
enum ExpressionMachine {
    /// Why a run stopped early.
    enum FailureKind: UInt8 {
        case none, divisionByZero, overflow, criterionNotApplicable
    }

    /// How a run ended: the value of `ret`, or the instruction that failed and why.
    struct Outcome {
        var value: Int64
        var failedAt: Int = -1
        var failure: FailureKind = .none
    }

    /// Runs `program` from `start` until `ret` or `halt`.
    ///
    /// - Returns: the value of `ret` (0 for `halt`), or where and why a runtime error stopped it.
    static func run(_ program: ExpressionProgram, from start: Int, row: UnsafePointer<Int64>,
                    registers r: UnsafeMutablePointer<Int64>, context: AnyObject) -> Outcome {
        let code = UnsafePointer(program.code)
        var pc = start
        while true {
            let i = code[pc]
            pc &+= 1
            switch i.op {
            case .jumpEqualSI: if row[Int(i.a)] == i.imm { pc = Int(i.d) }
            case .jumpNotEqualSI: if row[Int(i.a)] != i.imm { pc = Int(i.d) }
            case .jumpLessSI: if row[Int(i.a)] < i.imm { pc = Int(i.d) }
            case .jumpLessOrEqualSI: if row[Int(i.a)] <= i.imm { pc = Int(i.d) }
            case .jumpGreaterSI: if row[Int(i.a)] > i.imm { pc = Int(i.d) }
            case .jumpGreaterOrEqualSI: if row[Int(i.a)] >= i.imm { pc = Int(i.d) }
            case .jumpEqualRI: if r[Int(i.a)] == i.imm { pc = Int(i.d) }
            case .jumpNotEqualRI: if r[Int(i.a)] != i.imm { pc = Int(i.d) }
            case .jumpLessRI: if r[Int(i.a)] < i.imm { pc = Int(i.d) }
            case .jumpLessOrEqualRI: if r[Int(i.a)] <= i.imm { pc = Int(i.d) }
            case .jumpGreaterRI: if r[Int(i.a)] > i.imm { pc = Int(i.d) }
            case .jumpGreaterOrEqualRI: if r[Int(i.a)] >= i.imm { pc = Int(i.d) }
            case .jumpEqualRR: if r[Int(i.a)] == r[Int(i.b)] { pc = Int(i.d) }
            case .jumpNotEqualRR: if r[Int(i.a)] != r[Int(i.b)] { pc = Int(i.d) }
            case .jumpLessRR: if r[Int(i.a)] < r[Int(i.b)] { pc = Int(i.d) }
            case .jumpLessOrEqualRR: if r[Int(i.a)] <= r[Int(i.b)] { pc = Int(i.d) }
            case .jumpGreaterRR: if r[Int(i.a)] > r[Int(i.b)] { pc = Int(i.d) }
            case .jumpGreaterOrEqualRR: if r[Int(i.a)] >= r[Int(i.b)] { pc = Int(i.d) }
            case .jump: pc = Int(i.d)
            case .jumpCriterion:
                let v = r[Int(i.a)]
                if v < 0 {
                    return Outcome(value: 0, failedAt: pc - 1, failure: .criterionNotApplicable)
                }
                if v == i.imm { pc = Int(i.d) }
            case .loadImm: r[Int(i.d)] = i.imm
            case .loadSlot: r[Int(i.d)] = row[Int(i.a)]
            case .loadCriterion:
                let v = r[Int(i.a)]
                if v < 0 {
                    return Outcome(value: 0, failedAt: pc - 1, failure: .criterionNotApplicable)
                }
                r[Int(i.d)] = v
            case .add, .subtract, .multiply, .divide, .remainder:
                let op: ArithmeticOperator = switch i.op {
                case .add: .add
                case .subtract: .subtract
                case .multiply: .multiply
                case .divide: .divide
                default: .remainder
                }
                let result = op.apply(r[Int(i.a)], r[Int(i.b)])
                if let error = result.error {
                    return Outcome(value: 0, failedAt: pc - 1, failure: error == .divisionByZero ? .divisionByZero : .overflow)
                }
                r[Int(i.d)] = result.value
            case .negate:
                let (v, overflow) = Int64(0).subtractingReportingOverflow(r[Int(i.a)])
                if overflow { return Outcome(value: 0, failedAt: pc - 1, failure: .overflow) }
                r[Int(i.d)] = v
            case .call:
                let arguments = UnsafeBufferPointer(start: r + Int(i.b), count: Int(i.imm))
                r[Int(i.d)] = program.functions[Int(i.a)](context, arguments)
            case .concat:
                r[Int(i.d)] = concatenate(program.strings, r[Int(i.a)], r[Int(i.b)])
            case .inList:
                r[Int(i.d)] = listContains(program.lists, r[Int(i.a)], r[Int(i.b)])
            case .ret:
                return Outcome(value: r[Int(i.a)])
            case .halt:
                return Outcome(value: 0)
            }
        }
    }

    // Kept out of line so that the tables' locks and accesses stay off the hot loop.
    @inline(never)
    static func listContains(_ lists: ListTable, _ value: Int64, _ handle: Int64) -> Int64 {
        lists.contains(value, inList: handle) ? 1 : 0
    }

    @inline(never)
    static func concatenate(_ strings: StringTable, _ a: Int64, _ b: Int64) -> Int64 {
        strings.intern((strings.text(for: a) ?? "") + (strings.text(for: b) ?? ""))
    }

    /// Runs a single expression with registers on the stack.
    static func evaluate(_ program: ExpressionProgram, row: UnsafePointer<Int64>, context: AnyObject) -> Outcome {
        withUnsafeTemporaryAllocation(of: Int64.self, capacity: program.registerCount) { registers in
            run(program, from: 0, row: row, registers: registers.baseAddress!, context: context)
        }
    }

    /// A criterion that failed: the row (in a batch), the failing instruction and why.
    typealias RuleSetFailure = (row: Int, pc: Int, kind: FailureKind)

    /// Runs a rule-set program over `rows` rows laid `stride` values apart, writing each row's
    /// verdicts (row-major) into `verdicts`; a criterion that fails is marked not applicable
    /// and the run goes on with the next one.
    ///
    /// - Returns: the failures, empty (no allocation) when none.
    static func evaluateRuleSet(_ program: ExpressionProgram, rows: Int, stride: Int, row first: UnsafePointer<Int64>,
                                verdicts: UnsafeMutablePointer<Verdict>, context: AnyObject) -> [RuleSetFailure] {
        let n = program.criterionNames.count
        return withUnsafeTemporaryAllocation(of: Int64.self, capacity: program.registerCount) { buffer in
            let registers = buffer.baseAddress!
            var failures: [RuleSetFailure] = []
            var row = first
            var out = verdicts
            for index in 0..<rows {
                var outcome = run(program, from: 0, row: row, registers: registers, context: context)
                while outcome.failure != .none {
                    failures.append((index, outcome.failedAt, outcome.failure))
                    let criterion = program.criterion(at: outcome.failedAt)
                    registers[criterion] = -1
                    let next = criterion + 1 < n ? program.criterionStarts[criterion + 1] : program.count - 1
                    outcome = run(program, from: next, row: row, registers: registers, context: context)
                }
                for k in 0..<n {
                    let v = registers[k]
                    out[k] = v == 1 ? .yes : v == 0 ? .no : .notApplicable
                }
                row += stride
                out += n
            }
            return failures
        }
    }
}
