import Foundation
import KhenThuongCore

/// Everything the engine reads from a `workflows/` folder (laid out as ``DefinitionsLayout``
/// says): the workflow definitions, `awards.json` and `calendar.json`, read and linted by
/// `load`; the parameters of `rules/params.json`, parsed once there and shared by the awards'
/// vote thresholds and the rule sets; and, on demand and cached, the rule sets (``rules()``),
/// the eligibility guard's policy (``guardPolicy()``) and the movements (``movements()``).
/// The decision tables are read through ``layout`` (KhenThuongKit's `rewardMoney()`,
/// `revocationGrounds()`), and KhenThuongKit builds the eligibility guard from ``rules()`` and
/// ``guardPolicy()`` (`eligibilityGuard(for:)`).
public struct Definitions: Sendable {
    /// Compiled workflows by id.
    public var workflows: [String: Workflow]
    public var awards: AwardCatalog
    public var calendar: WorkingCalendar
    /// The folder they came from.
    public var directory: String
    /// The parameters of `rules/params.json` with the override file applied (`nil` when the
    /// folder has none); the vote thresholds of ``awards`` already follow them.
    public var parameters: Parameters?
    /// The parameter override file they were loaded with (`--params`, `KHENTHUONG_PARAMS`).
    public var parameterOverrides: String?
    /// The parts read on demand, shared by copies (set once per process at most).
    let cache = DefinitionsCache()

    /// The machine context built from the catalog and the calendar.
    /// Every identity of the person acting in this run (see `MachineContext.actorIdentities`).
    public var actorIdentities: Set<String> = []

    public var context: MachineContext { MachineContext(awards: awards, calendar: calendar, actorIdentities: actorIdentities) }

    /// Where each part of the folder lives.
    package var layout: DefinitionsLayout { DefinitionsLayout(directory: directory) }

    public init(workflows: [String: Workflow], awards: AwardCatalog, calendar: WorkingCalendar, directory: String,
                parameters: Parameters? = nil, parameterOverrides: String? = nil) {
        self.workflows = workflows
        self.awards = awards
        self.calendar = calendar
        self.directory = directory
        self.parameters = parameters
        self.parameterOverrides = parameterOverrides
    }

    /// Loads and lints every definition in `directory`.
    /// - Throws: `DefinitionsError` with every finding when any file has an error, so a
    ///   broken definition never runs.
    /// - Parameter overrides: a parameter override file (`--params`, `KHENTHUONG_PARAMS`): vote
    ///   thresholds that name a parameter take its value (see `lint(directory:parameterOverrides:)`).
    public static func load(directory: String, parameterOverrides overrides: String? = nil) throws(DefinitionsError) -> Definitions {
        let (definitions, findings) = lint(directory: directory, parameterOverrides: overrides)
        guard let definitions else { throw DefinitionsError(directory: directory, findings: findings) }
        return definitions
    }

    /// Loads and lints every definition in `directory` — workflows, `awards.json` (each award's
    /// workflow must exist) and `calendar.json` — and returns every finding, warnings included.
    /// When the folder has `rules/params.json`, a vote regime that names a `parameter` takes
    /// that parameter's value, from `overrides` when that file sets it.
    /// - Returns: the definitions when no finding is an error, and the findings.
    public static func lint(directory: String, parameterOverrides overrides: String? = nil) -> (Definitions?, [LintFinding]) {
        var findings: [LintFinding] = []
        var workflows: [String: Workflow] = [:]
        var files: [String: String] = [:]
        let layout = DefinitionsLayout(directory: directory)
        let wfFiles = layout.workflowFiles
        if wfFiles.isEmpty {
            return (nil, [LintFinding(kind: .invalidDefinition, file: directory, location: nil,
                message: .init(vi: "thư mục không có định nghĩa quy trình (*.json); hãy chỉ đúng thư mục workflows/ bằng --workflows",
                               en: "the folder holds no workflow definitions (*.json); point --workflows at the workflows/ folder"))])
        }
        for file in wfFiles {
            let (definition, loadFindings) = WorkflowLoader.load(path: file)
            findings += loadFindings
            guard let definition, loadFindings.isEmpty else { continue }
            let lint = WorkflowLinter.lint(definition)
            findings += lint
            if let first = files[definition.id] {
                findings.append(LintFinding(kind: .duplicateID, file: file, location: .init(path: "$.id", position: .init(line: 1, column: 1)),
                    message: .init(vi: "quy trình \"\(definition.id)\" đã được định nghĩa trong \(first)", en: "workflow \"\(definition.id)\" is already defined in \(first)")))
                continue
            }
            files[definition.id] = file
            if let wf = try? Workflow(definition) { workflows[definition.id] = wf }
        }
        let awards = loadSide(layout, DefinitionsLayout.awardsFile, AwardCatalog.parse, &findings)
        let calendar = loadSide(layout, DefinitionsLayout.calendarFile, WorkingCalendar.parse, &findings)
        if let awards {
            let known = files.keys.sorted().joined(separator: ", ")
            for (i, a) in awards.awards.enumerated() where files[a.workflow] == nil {
                let position = i < awards.workflowPositions.count ? awards.workflowPositions[i] : SourcePosition(line: 1, column: 1)
                findings.append(LintFinding(kind: .invalidDefinition, file: layout.awards,
                    location: .init(path: "$.awards[\(i)].workflow", position: position),
                    message: .init(vi: "danh hiệu \"\(a.id)\" dùng quy trình \"\(a.workflow)\" chưa được định nghĩa; các quy trình: \(known)",
                                   en: "award \"\(a.id)\" uses workflow \"\(a.workflow)\", which is not defined; workflows: \(known)")))
            }
        }
        if let awards { findings += missingTags(awards, workflows: workflows, files: files) }
        var resolvedAwards = awards
        var parameters: Parameters?
        if let catalog = awards {
            (resolvedAwards, parameters) = resolveVoteParameters(catalog, layout: layout, overrides: overrides, &findings)
        }
        let errors = findings.filter { $0.severity == .error }
        guard errors.isEmpty, let awards = resolvedAwards, let calendar else { return (nil, findings) }
        return (Definitions(workflows: workflows, awards: awards, calendar: calendar, directory: directory,
                            parameters: parameters, parameterOverrides: overrides), findings)
    }

    /// `catalog` with its vote parameters taken from `rules/params.json` and `overrides`, and
    /// those parameters; the catalog unchanged (and no parameters) when the folder has no
    /// parameter file.
    private static func resolveVoteParameters(_ catalog: AwardCatalog, layout: DefinitionsLayout, overrides: String?,
                                              _ findings: inout [LintFinding]) -> (AwardCatalog?, Parameters?) {
        let defaults = layout.parameters
        guard DefinitionFile.exists(defaults) else { return (catalog, nil) }
        let (params, paramFindings) = Parameters.load(defaults: defaults, overrides: overrides)
        findings += paramFindings
        guard let params else { return (nil, nil) }
        let (resolved, voteFindings) = catalog.resolvingVoteParameters(params, file: defaults)
        findings += voteFindings
        return (resolved, params)
    }

    /// The state tags an award's life needs in its workflow: every award has a vote, so a
    /// council takes its dossiers (`council`), and a decision covers the approved ones
    /// (`decision`) and publishes them (`awarded`); an award with public notice also needs
    /// `notice`. The other tags (`upward`, `revocation`) are optional.
    public static func requiredTags(for award: AwardDefinition) -> [StateTag] {
        (award.publicNotice ? [.notice] : []) + [.council, .decision, .awarded]
    }

    /// One `missing-tag` finding per workflow and tag that an award using the workflow needs
    /// (see `requiredTags(for:)`) and no state of the workflow carries; at the workflow's states.
    static func missingTags(_ awards: AwardCatalog, workflows: [String: Workflow], files: [String: String]) -> [LintFinding] {
        var findings: [LintFinding] = []
        for (id, workflow) in workflows.sorted(by: { $0.key < $1.key }) {
            let users = awards.awards.filter { $0.workflow == id }
            for tag in StateTag.allCases where workflow.states(tagged: tag).isEmpty {
                let needing = users.filter { requiredTags(for: $0).contains(tag) }.map(\.id)
                guard let first = needing.first else { continue }
                let more = needing.count > 1 ? (vi: " (và \(needing.count - 1) danh hiệu khác)", en: " (and \(needing.count - 1) more)") : (vi: "", en: "")
                let why = reason(tag)
                let position = workflow.definition.states.first?.location.position ?? SourcePosition(line: 1, column: 1)
                findings.append(LintFinding(kind: .missingTag, file: files[id] ?? workflow.definition.file,
                    location: .init(path: "$.states", position: position),
                    message: .init(vi: "quy trình \"\(id)\" không có trạng thái nào mang nhãn \"\(tag)\" mà danh hiệu \"\(first)\"\(more.vi) cần: \(why.vi); thêm \"tags\": [\"\(tag)\"] vào trạng thái đó",
                                   en: "workflow \"\(id)\" has no state tagged \"\(tag)\", which award \"\(first)\"\(more.en) needs: \(why.en); add \"tags\": [\"\(tag)\"] to that state")))
            }
        }
        return findings
    }

    private static func reason(_ tag: StateTag) -> (vi: String, en: String) {
        switch tag {
        case .council: ("Hội đồng chỉ đưa vào chương trình họp và biểu quyết hồ sơ ở trạng thái mang nhãn council",
                        "a council puts on its agenda and votes on only dossiers in the state tagged council")
        case .decision: ("quyết định khen thưởng chỉ ban hành cho hồ sơ ở trạng thái mang nhãn decision",
                         "an award decision covers only dossiers in the state tagged decision")
        case .awarded: ("báo cáo khen thưởng tính các hồ sơ ở trạng thái mang nhãn awarded",
                        "the award reports count the dossiers in a state tagged awarded")
        case .notice: ("danh hiệu phải công khai lấy ý kiến (publicNotice); Hội đồng kiểm tra thời gian công khai và trang công khai liệt kê hồ sơ ở trạng thái mang nhãn notice",
                       "the award requires public notice (publicNotice); councils check how long, and the public site lists, dossiers in a state tagged notice")
        case .upward, .revocation, .incoming, .closed: ("", "")
        }
    }

    private static func loadSide<T>(_ layout: DefinitionsLayout, _ name: String, _ parse: (String, String) -> (T?, [LintFinding]),
                                    _ findings: inout [LintFinding]) -> T? {
        let path = layout.path(name)
        guard case .success(let text) = DefinitionFile.text(path) else {
            findings.append(LintFinding(kind: .invalidDefinition, file: path, location: nil,
                message: .init(vi: "thiếu tệp \(name) hoặc không đọc được (UTF-8)", en: "\(name) is missing or unreadable (UTF-8)")))
            return nil
        }
        let (value, f) = parse(text, path)
        findings += f
        return value
    }

    /// The workflow for `award`, or why there is none.
    public func workflow(forAward awardID: String) -> Workflow? {
        awards.award(awardID).flatMap { workflows[$0.workflow] }
    }

    /// Whether `dossier`'s current state carries `tag` in the dossier's own workflow (false
    /// when that workflow is not defined here).
    public func state(of dossier: Dossier, isTagged tag: StateTag) -> Bool {
        workflows[dossier.workflowID]?.state(dossier.state, isTagged: tag) ?? false
    }

    /// The ids of the states tagged `tag` in any workflow, each once, sorted.
    public func stateIDs(tagged tag: StateTag) -> [String] {
        Set(workflows.values.flatMap { $0.states(tagged: tag) }).sorted()
    }

    /// The rule sets of `rules/`, compiled against ``parameters`` (the ones the vote
    /// thresholds follow) and checked against ``awards``: read and compiled on the first call
    /// only, so commands that need no rule set never compile one.
    /// - Returns: the rule sets when no file has a finding, and every finding of every file.
    public func rules() -> (EligibilityRules?, [LintFinding]) {
        cache.rules {
            guard let parameters else {
                // No parameter file (or none read): the loader reports it as it always has.
                return RuleSetLoader.loadDirectory(layout.rules, overrides: parameterOverrides, awards: awards)
            }
            return RuleSetLoader.load(files: layout.ruleFiles, parameters: parameters, awards: awards)
        }
    }

    /// The eligibility guard's policy (`rules/guard.json`, the defaults when that file is
    /// missing), checked against the roles and events of the workflows; `nil` when the folder
    /// has no `rules/` folder (nothing is guarded then).
    public func guardPolicy() -> (policy: EligibilityGuardPolicy?, findings: [LintFinding], file: String)? {
        guard layout.hasRules else { return nil }
        let path = layout.guardPolicy
        let roles = Set(workflows.values.flatMap { $0.definition.roles.map(\.id) })
        let (policy, findings) = EligibilityGuardPolicy.load(path: path, roles: roles, events: Set(workflows.values.flatMap(\.events)))
        return (policy, findings, path)
    }

    /// The movement definitions of `movements/`.
    public func movements() -> ([Movement], [LintFinding]) { layout.movementDefinitions() }
}

/// A part of the definitions that failed to load: which file or folder, and its findings.
public enum DefinitionsPartError: Error, Sendable {
    /// A rule set, or the parameters, of the `rules/` folder named.
    case rules(directory: String, findings: [LintFinding])
    /// The eligibility guard's policy file named.
    case guardPolicy(file: String, findings: [LintFinding])

    public var findings: [LintFinding] {
        switch self {
        case .rules(_, let f), .guardPolicy(_, let f): f
        }
    }
}

/// The parts of ``Definitions`` read on demand, computed at most once and shared by copies.
final class DefinitionsCache: @unchecked Sendable {
    private let lock = NSLock()
    private var rules: (EligibilityRules?, [LintFinding])?

    /// Whether the rule sets were read (for tests: a command that needs none reads none).
    var hasRules: Bool {
        lock.lock()
        defer { lock.unlock() }
        return rules != nil
    }

    func rules(_ make: () -> (EligibilityRules?, [LintFinding])) -> (EligibilityRules?, [LintFinding]) {
        lock.lock()
        defer { lock.unlock() }
        if let rules { return rules }
        let made = make()
        rules = made
        return made
    }
}

/// Definitions that failed to load or lint.
public struct DefinitionsError: Error, Sendable {
    public var directory: String
    public var findings: [LintFinding]
}
