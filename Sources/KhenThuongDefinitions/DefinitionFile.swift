import Foundation
import KhenThuongCore

/// Reads one definition file's text: the single place where the definitions touch the disk.
///
/// Every loader of the `workflows/` tree goes through here, so an unreadable file or one that
/// is not UTF-8 is reported the same way wherever it is met: a `malformedJSON` finding that
/// names the file and how to fix it.
package enum DefinitionFile {
    /// How an unreadable file is reported.
    package enum Wording: Sendable {
        /// "the file cannot be read as UTF-8; check the path" (rule sets, parameters, guard, cases).
        case utf8
        /// Separate findings for a file that cannot be read and one that is not UTF-8 (workflows).
        case detailed
    }

    /// The file's text, or the finding that says why it could not be read.
    package static func text(_ path: String, wording: Wording = .utf8) -> Result<String, Unreadable> {
        guard let data = FileManager.default.contents(atPath: path) else {
            return .failure(finding(path, wording == .utf8 ? utf8Message : unreadableMessage))
        }
        guard let text = String(data: data, encoding: .utf8) else {
            // Name the first bad byte: its offset, line and column.
            if let place = UTF8Validation.firstInvalid(in: data) {
                return .failure(Unreadable(finding: LintFinding(kind: .malformedJSON, file: path,
                                                                location: .init(path: "byte \(place.offset)", position: .init(line: place.line, column: place.column)),
                                                                message: UTF8Validation.message(place))))
            }
            return .failure(finding(path, wording == .utf8 ? utf8Message : notUTF8Message))
        }
        return .success(text)
    }

    /// Whether `path` names an existing file.
    package static func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }

    /// Whether `path` names an existing folder.
    package static func isFolder(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    /// The file's bytes, or `nil` when it cannot be read.
    package static func contents(_ path: String) -> Data? { FileManager.default.contents(atPath: path) }

    /// The `*.json` files of `directory` (names only, sorted), or none when it cannot be listed.
    package static func jsonFiles(in directory: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter { $0.hasSuffix(".json") }.sorted()
    }

    /// A file that could not be read, as the finding that reports it.
    package struct Unreadable: Error, Sendable {
        package var finding: LintFinding
    }

    private static func finding(_ path: String, _ message: LocalizedText) -> Unreadable {
        Unreadable(finding: LintFinding(kind: .malformedJSON, file: path, location: nil, message: message))
    }

    private static let utf8Message = LocalizedText(vi: "không đọc được tệp UTF-8; hãy kiểm tra đường dẫn",
                                                   en: "the file cannot be read as UTF-8; check the path")
    private static let unreadableMessage = LocalizedText(vi: "không đọc được tệp; hãy kiểm tra đường dẫn và quyền đọc",
                                                         en: "the file cannot be read; check the path and its permissions")
    private static let notUTF8Message = LocalizedText(vi: "tệp không phải UTF-8; hãy lưu lại dưới dạng UTF-8",
                                                      en: "the file is not UTF-8; save it as UTF-8")
}

extension WorkflowLoader {
    /// The largest workflow file read (1 MiB; the shipped ones are about 20 KB). A larger one is
    /// refused before it is parsed, so a runaway definition costs nothing to every command.
    package static let maxFileBytes = 1 << 20

    /// Reads and parses a workflow definition file.
    package static func load(path: String) -> (WorkflowDefinition?, [LintFinding]) {
        if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int, size > maxFileBytes {
            return (nil, [LintFinding(kind: .invalidDefinition, file: path, location: .init(path: "$", position: .init(line: 1, column: 1)),
                                      message: .init(vi: "tệp quy trình dài \(size) byte, quá giới hạn 1 MiB (tối đa \(WorkflowLinter.maxStates) trạng thái, \(WorkflowLinter.maxTransitions) chuyển tiếp); tách thành nhiều quy trình",
                                                     en: "the workflow file is \(size) bytes, over the 1 MiB limit (at most \(WorkflowLinter.maxStates) states and \(WorkflowLinter.maxTransitions) transitions); split it into several workflows"))])
        }
        switch DefinitionFile.text(path, wording: .detailed) {
        case .failure(let e): return (nil, [e.finding])
        case .success(let text): return parse(text, file: path)
        }
    }
}

extension Parameters {
    /// Reads the defaults and, when given, an override file.
    /// - Returns: the parameters when neither file has a finding, and every finding.
    package static func load(defaults: String, overrides: String? = nil) -> (Parameters?, [LintFinding]) {
        let base: String
        switch DefinitionFile.text(defaults) {
        case .failure(let e): return (nil, [e.finding])
        case .success(let text): base = text
        }
        let (parsed, findings) = parse(base, file: defaults)
        guard var params = parsed, findings.isEmpty else { return (nil, findings) }
        guard let overrides else { return (params, []) }
        switch DefinitionFile.text(overrides) {
        case .failure(let e): return (nil, [e.finding])
        case .success(let text):
            let problems = params.override(with: text, file: overrides)
            return (problems.isEmpty ? params : nil, problems)
        }
    }
}

extension RuleSetLoader {
    /// Reads and parses one rule set file.
    package static func load(path: String, schema: EligibilitySchema, awards: AwardCatalog? = nil) -> (RuleSet?, [LintFinding]) {
        switch DefinitionFile.text(path) {
        case .failure(let e): return (nil, [e.finding])
        case .success(let text): return parse(text, file: path, schema: schema, awards: awards)
        }
    }

    /// Every `*.json` rule file of `directory` except `params.json` and `guard.json` (the
    /// submission guard's policy, ``EligibilityGuardPolicy``), in name order.
    package static func ruleFiles(in directory: String) -> [String] {
        DefinitionFile.jsonFiles(in: directory).filter { $0 != DefinitionsLayout.parametersFile && $0 != DefinitionsLayout.guardFile }
            .map { "\(directory)/\($0)" }
    }

    /// Loads `params.json` (with `overrides` when given) and every rule file of `directory`.
    /// - Returns: the rule sets by award id, and every finding of every file.
    package static func loadDirectory(_ directory: String, overrides: String? = nil,
                                     awards: AwardCatalog? = nil) -> (EligibilityRules?, [LintFinding]) {
        let (params, paramFindings) = Parameters.load(defaults: "\(directory)/\(DefinitionsLayout.parametersFile)", overrides: overrides)
        guard let params else { return (nil, paramFindings) }
        return load(files: ruleFiles(in: directory), parameters: params, awards: awards)
    }

    /// Compiles the rule files `files` against `parameters` (already read).
    /// - Returns: the rule sets by award id, and every finding of every file.
    package static func load(files: [String], parameters params: Parameters,
                            awards: AwardCatalog? = nil) -> (EligibilityRules?, [LintFinding]) {
        let schema = EligibilitySchema(parameters: params)
        var sets: [String: RuleSet] = [:]
        var findings: [LintFinding] = []
        for path in files {
            let (set, more) = load(path: path, schema: schema, awards: awards)
            findings += more
            if let set {
                if sets[set.award] != nil {
                    findings.append(LintFinding(kind: .duplicateID, file: path, location: .init(path: "$.award", position: .init(line: 1, column: 1)),
                                                message: .init(vi: "danh hiệu \"\(set.award)\" đã có tệp quy tắc \(sets[set.award]!.file)",
                                                               en: "award \"\(set.award)\" already has the rule file \(sets[set.award]!.file)")))
                }
                sets[set.award] = set
            }
        }
        return (findings.isEmpty ? EligibilityRules(schema: schema, ruleSets: sets) : nil, findings)
    }
}

extension RuleAudit {
    /// Reads a case file from disk.
    package static func loadCases(path: String, schema: EligibilitySchema) -> ([RuleCase]?, [LintFinding]) {
        switch DefinitionFile.text(path) {
        case .failure(let e): return (nil, [e.finding])
        case .success(let text): return parseCases(text, file: path, schema: schema)
        }
    }
}

extension EligibilityGuardPolicy {
    /// Reads `path`; a missing file gives the defaults (guard `submit`, facts required, no override role).
    package static func load(path: String, roles: Set<String>, events: Set<String>? = nil) -> (EligibilityGuardPolicy?, [LintFinding]) {
        guard DefinitionFile.exists(path) else { return (EligibilityGuardPolicy(), []) }
        switch DefinitionFile.text(path) {
        case .failure(let e): return (nil, [e.finding])
        case .success(let text): return parse(text, file: path, roles: roles, events: events)
        }
    }
}
