/// Turns typed expressions into register-machine code.
///
/// Bool expressions are compiled to jumping code: `&&`, `||`, `!`, `in [..]` and `?:`
/// become fused compare-and-jump instructions, so `months_worked >= 10` against a row slot
/// is a single instruction and short-circuiting costs nothing extra.
struct ExpressionCodeGenerator {
    /// Where an operand lives.
    enum Operand {
        case slot(Int32)
        case register(Int32)
        case immediate(Int64)
    }

    private(set) var code: [Instruction] = []
    private(set) var sites: [Int: EvaluationSite] = [:]
    private(set) var registerCount: Int
    private var labels: [Int] = []
    private var fixups: [(pc: Int, label: Int)] = []
    /// The source of the expression being generated, for error sites.
    var source: SourceMap?

    /// A generator whose first `reservedRegisters` registers are taken (rule-set verdicts).
    init(reservedRegisters: Int = 0) {
        registerCount = reservedRegisters
    }

    /// The code with every jump pointing at its label's instruction.
    func resolved() -> [Instruction] {
        var out = code
        for fixup in fixups { out[fixup.pc].d = Int32(labels[fixup.label]) }
        return out
    }

    var pc: Int { code.count }

    mutating func newRegister() -> Int32 {
        registerCount += 1
        return Int32(registerCount - 1)
    }

    mutating func newLabel() -> Int {
        labels.append(-1)
        return labels.count - 1
    }

    mutating func place(_ label: Int) { labels[label] = code.count }

    mutating func emit(_ instruction: Instruction, site offset: Int? = nil) {
        if let offset, let source {
            sites[code.count] = EvaluationSite(file: source.file, position: source.position(offset))
        }
        code.append(instruction)
    }

    private mutating func emitJump(_ instruction: Instruction, to label: Int, site offset: Int? = nil) {
        fixups.append((code.count, label))
        emit(instruction, site: offset)
    }

    mutating func jump(to label: Int) { emitJump(Instruction(op: .jump), to: label) }

    // MARK: Values

    /// Where the value of `e` is, emitting code to compute it when it is not a leaf.
    mutating func operand(_ e: TypedExpression) -> Operand {
        switch e.kind {
        case .constant(let v): return .immediate(v)
        case .variable(let slot): return .slot(Int32(slot))
        default:
            let r = newRegister()
            value(e, into: r)
            return .register(r)
        }
    }

    /// A register holding `operand`.
    mutating func register(_ operand: Operand) -> Int32 {
        switch operand {
        case .register(let r): return r
        case .slot(let s):
            let r = newRegister()
            emit(Instruction(op: .loadSlot, d: r, a: s))
            return r
        case .immediate(let v):
            let r = newRegister()
            emit(Instruction(op: .loadImm, d: r, imm: v))
            return r
        }
    }

    /// Emits code leaving the value of `e` in register `d`.
    mutating func value(_ e: TypedExpression, into d: Int32) {
        switch e.kind {
        case .constant(let v):
            emit(Instruction(op: .loadImm, d: d, imm: v))
        case .variable(let slot):
            emit(Instruction(op: .loadSlot, d: d, a: Int32(slot)))
        case .criterion(let index):
            emit(Instruction(op: .loadCriterion, d: d, a: Int32(index)), site: e.start)
        case .call(let function, let arguments):
            let base = Int32(registerCount)
            registerCount += arguments.count
            for (i, argument) in arguments.enumerated() { value(argument, into: base + Int32(i)) }
            emit(Instruction(op: .call, d: d, a: Int32(function), b: base, imm: Int64(arguments.count)))
        case .negate(let operand):
            let a = register(self.operand(operand))
            emit(Instruction(op: .negate, d: d, a: a), site: e.start)
        case .arithmetic(let op, let left, let right):
            let a = register(operand(left))
            let b = register(operand(right))
            let opcode: Opcode = switch op {
            case .add: .add
            case .subtract: .subtract
            case .multiply: .multiply
            case .divide: .divide
            case .remainder: .remainder
            }
            emit(Instruction(op: opcode, d: d, a: a, b: b), site: e.operatorStart)
        case .concat(let left, let right):
            let a = register(operand(left))
            let b = register(operand(right))
            emit(Instruction(op: .concat, d: d, a: a, b: b))
        case .memberOfList(let element, let list):
            let a = register(operand(element))
            let b = register(operand(list))
            emit(Instruction(op: .inList, d: d, a: a, b: b))
        case .conditional(let condition, let yes, let no):
            let otherwise = newLabel(), end = newLabel()
            branch(condition, when: false, to: otherwise)
            value(yes, into: d)
            jump(to: end)
            place(otherwise)
            value(no, into: d)
            place(end)
        case .not, .compare, .and, .or, .member:
            emit(Instruction(op: .loadImm, d: d, imm: 0))
            let done = newLabel()
            branch(e, when: false, to: done)
            emit(Instruction(op: .loadImm, d: d, imm: 1))
            place(done)
        }
    }

    // MARK: Conditions

    /// Emits code that jumps to `label` when the bool `e` equals `sense`, else falls through.
    mutating func branch(_ e: TypedExpression, when sense: Bool, to label: Int) {
        switch e.kind {
        case .constant(let v):
            if (v != 0) == sense { jump(to: label) }
        case .criterion(let index):
            emitJump(Instruction(op: .jumpCriterion, a: Int32(index), imm: sense ? 1 : 0), to: label, site: e.start)
        case .not(let operand):
            branch(operand, when: !sense, to: label)
        case .and(let left, let right):
            if sense {
                let skip = newLabel()
                branch(left, when: false, to: skip)
                branch(right, when: true, to: label)
                place(skip)
            } else {
                branch(left, when: false, to: label)
                branch(right, when: false, to: label)
            }
        case .or(let left, let right):
            if sense {
                branch(left, when: true, to: label)
                branch(right, when: true, to: label)
            } else {
                let skip = newLabel()
                branch(left, when: true, to: skip)
                branch(right, when: false, to: label)
                place(skip)
            }
        case .compare(let op, let left, let right):
            let l = operand(left)
            let r = operand(right)
            compareJump(sense ? op : op.negated, l, r, to: label)
        case .member(let element, let candidates):
            let x = operand(element)
            if sense {
                for candidate in candidates { compareJump(.equal, x, operand(candidate), to: label) }
            } else {
                let found = newLabel()
                for candidate in candidates.dropLast() { compareJump(.equal, x, operand(candidate), to: found) }
                compareJump(.notEqual, x, operand(candidates[candidates.count - 1]), to: label)
                place(found)
            }
        case .conditional(let condition, let yes, let no):
            let otherwise = newLabel(), end = newLabel()
            branch(condition, when: false, to: otherwise)
            branch(yes, when: sense, to: label)
            jump(to: end)
            place(otherwise)
            branch(no, when: sense, to: label)
            place(end)
        case .variable, .call, .memberOfList, .negate, .arithmetic, .concat:
            compareJump(sense ? .notEqual : .equal, operand(e), .immediate(0), to: label)
        }
    }

    /// Emits the fused instruction for "jump to `label` if `l op r`".
    private mutating func compareJump(_ op: ComparisonOperator, _ l: Operand, _ r: Operand, to label: Int) {
        switch (l, r) {
        case (.immediate(let a), .immediate(let b)):
            if op.holds(a, b) { jump(to: label) }
        case (.immediate, _):
            compareJump(op.mirrored, r, l, to: label)
        case (.slot(let s), .immediate(let v)):
            emitJump(Instruction(op: .jump(op, base: .jumpEqualSI), a: s, imm: v), to: label)
        case (.register(let a), .immediate(let v)):
            emitJump(Instruction(op: .jump(op, base: .jumpEqualRI), a: a, imm: v), to: label)
        default:
            let a = register(l)
            let b = register(r)
            emitJump(Instruction(op: .jump(op, base: .jumpEqualRR), a: a, b: b), to: label)
        }
    }
}
