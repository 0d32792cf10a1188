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
