import Foundation

/// When the runner checks eligibility before a workflow event, and who may override it.
///
/// Data in `workflows/rules/guard.json` (stable):
///
/// ```json
/// {"guard": {"events": ["submit"], "requireFacts": true, "overrideRoles": ["union_officer"],
///            "source": "NĐ 98/2023/NĐ-CP, Điều 4"}}
/// ```
///
/// - `events`: the workflow events guarded (default `["submit"]`).
/// - `requireFacts`: whether an event on a dossier whose award has a rule set is refused when
///   no `nominee_facts` were recorded on it (default true).
/// - `overrideRoles`: the roles that may pass an ineligible, deferred or fact-less dossier
///   with `--override-eligibility --reason TEXT`; each must be a role of some workflow.
/// - `source`: why the guard exists, shown in refusals.
public struct EligibilityGuardPolicy: Sendable, Hashable {
    /// The policy file's name inside `workflows/rules/`.
    public static let fileName = "guard.json"

    public var events: [String]
    public var requireFacts: Bool
    public var overrideRoles: [String]
    public var source: String

    public init(events: [String] = ["submit"], requireFacts: Bool = true, overrideRoles: [String] = [], source: String = "NĐ 98/2023/NĐ-CP, Điều 4") {
        self.events = events
        self.requireFacts = requireFacts
        self.overrideRoles = overrideRoles
        self.source = source
    }

    /// Parses the policy found in `file`.
    /// - Parameters:
    ///   - roles: the roles the workflows define; an override role outside them is a finding.
    ///   - events: the events the workflows define, when known; a guarded event outside them is a
    ///     finding (a misspelt event would leave the real one unguarded).
    /// - Returns: the policy when there was no finding, and every finding (file, line:column, path).
    public static func parse(_ text: String, file: String, roles: Set<String>, events: Set<String>? = nil) -> (EligibilityGuardPolicy?, [LintFinding]) {
        let root: JSONValue.Positioned
        do { root = try JSONParser.parse(text) } catch { return (nil, [LintFinding.malformed(file, error)]) }
        var r = FactReader(file: file)
        guard let g = root["guard"] else {
            r.invalid("$.guard", root, vi: "thiếu đối tượng \"guard\"", en: "the object \"guard\" is missing")
            return (nil, r.findings)
        }
        var policy = EligibilityGuardPolicy()
        if g["events"] != nil {
            let guarded = r.base.strings(g, "events", "$.guard", required: true)
            for (i, (event, _)) in guarded.enumerated() where events.map({ !$0.contains(event) }) ?? false {
                let known = events?.sorted().joined(separator: ", ") ?? ""
                r.invalid("$.guard.events[\(i)]", g["events"]?.array?[i],
                          vi: "sự kiện \"\(event)\" không có trong quy trình nào; các sự kiện: \(known)",
                          en: "event \"\(event)\" is not defined by any workflow; events: \(known)")
            }
            policy.events = guarded.map(\.0)
        }
        policy.requireFacts = r.bool(g, "requireFacts", "$.guard", default: true)
        let listed = r.base.strings(g, "overrideRoles", "$.guard", required: false)
        for (i, (role, _)) in listed.enumerated() where !roles.contains(role) {
            r.invalid("$.guard.overrideRoles[\(i)]", g["overrideRoles"]?.array?[i],
                      vi: "vai trò \"\(role)\" không có trong quy trình nào; các vai trò: \(roles.sorted().joined(separator: ", "))",
                      en: "role \"\(role)\" is not defined by any workflow; roles: \(roles.sorted().joined(separator: ", "))")
        }
        policy.overrideRoles = listed.map(\.0)
        policy.source = r.string(g, "source", "$.guard", required: false) ?? policy.source
        return (r.findings.isEmpty ? policy : nil, r.findings)
    }

}
