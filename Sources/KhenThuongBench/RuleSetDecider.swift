import Foundation
import KhenThuongCore
import KhenThuongStore
import KhenThuongKit

/// A ``TitleDecider`` whose rules are data: a rule set in the expression language, compiled
/// once and evaluated per person over the W3 fact slots — the same engine path as the legal
/// rule sets (``CompiledRuleSet``).
///
/// File format (JSON):
/// `{"criteria": [{"name": "LDTT", "expression": "…"}, …], "outputs": {"ldtt": "LDTT",
/// "cstdcs": "CSTDCS_e", "cstd_tinh": "CSTD_TINH_e"}}`. Variables are the W3 slot names
/// (`months_worked`, `leave_reason`, `duty_rating`, `discipline`, `initiatives`,
/// `initiative_benefit_vnd`, `consec_cstdcs`); a criterion may use earlier ones by name.
package struct RuleSetDecider: TitleDecider, @unchecked Sendable {
    package let schema: ExpressionSchema
    package let rules: CompiledRuleSet
    let ldtt: Int, cstdcs: Int, cstdTinh: Int

    /// A malformed rule file: where and what.
    package struct LoadError: Error, CustomStringConvertible {
        package var description: String
    }

    /// Compiles the rule set in `text` (the contents of `file`).
    /// - Throws: `LoadError` naming the file, line and column of the first problem.
    package init(_ text: String, file: String) throws {
        let root: JSONValue.Positioned
        do { root = try JSONParser.parse(text) } catch {
            throw LoadError(description: "\(file):\(error.position): \(error.message)")
        }
        var schema = ExpressionSchema(variables: [])
        for slot in W3Slot.allCases {
            _ = schema.declare(slot.name, slot.kind == .integer ? .int : .string)
        }
        guard let items = root["criteria"]?.array else { throw LoadError(description: "\(file): \"criteria\" (an array) is missing") }
        var criteria: [RuleSetCriterion] = []
        for item in items {
            guard let name = item["name"]?.string, let expr = item["expression"], let source = ExpressionSource(json: expr, file: file) else {
                throw LoadError(description: "\(file):\(item.position): each criterion needs \"name\" and \"expression\" (a string)")
            }
            criteria.append(RuleSetCriterion(name: name, source: source, namePosition: item["name"]?.position))
        }
        let compiled: CompiledRuleSet
        do { compiled = try CompiledRuleSet(criteria, schema: schema) } catch { throw LoadError(description: error.rendered(.en)) }
        func output(_ key: String) throws -> Int {
            guard let name = root["outputs"]?[key]?.string, let i = compiled.index(of: name) else {
                throw LoadError(description: "\(file): \"outputs\".\"\(key)\" must name one of the criteria: \(compiled.names.joined(separator: ", "))")
            }
            return i
        }
        let l = try output("ldtt"), c = try output("cstdcs"), t = try output("cstd_tinh")
        self.schema = schema
        self.rules = compiled
        ldtt = l
        cstdcs = c
        cstdTinh = t
    }

    /// Positions of the LĐTT, CSTĐCS and CSTĐ cấp tỉnh criteria among the rule set's verdicts.
    package var outputIndices: (ldtt: Int, cstdcs: Int, cstdTinh: Int) { (ldtt, cstdcs, cstdTinh) }

    package func intern(_ text: String) -> Int64 { schema.strings.intern(text) }

    package func decide(_ facts: W3Facts) -> TitleDecision {
        withUnsafeTemporaryAllocation(of: Verdict.self, capacity: rules.count) { verdicts in
            rules.evaluate(facts.row, into: verdicts)
            return TitleDecision(ldtt: verdicts[ldtt] == .yes, cstdcs: verdicts[cstdcs] == .yes, cstdTinh: verdicts[cstdTinh] == .yes)
        }
    }
}
