import Foundation
import KhenThuongCore

/// Reads movement definitions (`workflows/movements/*.json`) with findings that say
/// file:line:column, the JSON path and how to fix it, then lints them (`MovementLinter`).
public enum MovementLoader {
    /// Parses and lints one definition; the movement is `nil` when any error was found.
    public static func parse(_ text: String, file: String) -> (Movement?, [LintFinding]) {
        let root: JSONValue.Positioned
        do { root = try JSONParser.parse(text.nfc) } catch { return (nil, [LintFinding.malformed(file, error)]) }
        return parse(root, file: file)
    }

    /// Reads and lints a definition already parsed (a recorded one, read back from the store).
    public static func parse(_ root: JSONValue.Positioned, file: String) -> (Movement?, [LintFinding]) {
        var reader = MovementReader(base: WorkflowLoader.Reader(file: file))
        let movement = reader.movement(root)
        var findings = reader.base.findings
        if let movement { findings += MovementLinter.lint(movement, root: root, file: file) }
        let failed = findings.contains { $0.severity == .error }
        return (failed ? nil : movement, findings)
    }

    /// Reads a file; an unreadable file is one finding.
    public static func load(path: String) -> (Movement?, [LintFinding]) {
        guard let data = DefinitionFile.contents(path) else {
            return (nil, [LintFinding(kind: .invalidDefinition, file: path, location: nil,
                                      message: .init(vi: "không đọc được tệp", en: "the file cannot be read"))])
        }
        return parse(String(decoding: data, as: UTF8.self), file: path)
    }

    /// Every `*.json` in `directory`, sorted by file name; a missing folder is no movements.
    public static func loadDirectory(_ directory: String) -> ([Movement], [LintFinding]) {
        let names = DefinitionFile.jsonFiles(in: directory)
        var movements: [Movement] = []
        var findings: [LintFinding] = []
        var seen: [String: String] = [:]
        for name in names {
            let path = (directory as NSString).appendingPathComponent(name)
            let (m, f) = load(path: path)
            findings += f
            guard let m else { continue }
            if let first = seen[m.id] {
                findings.append(LintFinding(kind: .duplicateID, file: path, location: nil,
                                            message: .init(vi: "phong trào \"\(m.id)\" đã có trong \(first)", en: "movement \"\(m.id)\" is already defined in \(first)")))
                continue
            }
            seen[m.id] = path
            movements.append(m)
        }
        return (movements, findings)
    }
}

/// A movement definition that did not load: its findings.
public struct MovementDefinitionError: Error, Sendable {
    public var file: String
    public var findings: [LintFinding]

    public init(file: String, findings: [LintFinding]) {
        self.file = file
        self.findings = findings
    }
}
