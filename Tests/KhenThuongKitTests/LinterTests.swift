import Foundation
import Testing
@testable import KhenThuongCore
@testable import KhenThuongDefinitions
@testable import KhenThuongStore
@testable import KhenThuongKit
@testable import KhenThuongBench

/// The loader and the linter on one small broken workflow per kind of finding, compared
/// line for line with the expected output stored next to each fixture:
///
/// - `Fixtures/lint/<kind>.json`: a workflow with exactly that defect;
/// - `Fixtures/lint/<kind>.en.txt` and `<kind>.vi.txt`: `finding.rendered(_:)` of every
///   finding, one per line, with the file named `lint/<kind>.json`.
@Suite struct LinterTests {
    /// What `Definitions.load` reports for one file: the loader's findings, or, when it read
    /// the file cleanly, the linter's.
    static func findings(text: String, file: String) -> [LintFinding] {
        let (definition, loadFindings) = WorkflowLoader.parse(text, file: file)
        guard let definition, loadFindings.isEmpty else { return loadFindings }
        return WorkflowLinter.lint(definition)
    }

    static func fixtureFindings(_ kind: LintFinding.Kind) throws -> [LintFinding] {
        let name = "lint/\(kind.rawValue).json"
        return findings(text: try TestSupport.fixture(name), file: name)
    }

    /// The kinds a workflow file shows on its own; `missing-tag` is found in a folder, with
    /// awards.json (StateTagTests); `incomplete-citation` in rule files (EligibilityAuditTests).
    static let fileKinds = LintFinding.Kind.allCases.filter { $0 != .missingTag && $0 != .incompleteCitation }

    @Test("Each kind of defect is reported where it is, in both languages, exactly as expected",
          arguments: fileKinds)
    func fixtureFindingsMatchExpectedText(_ kind: LintFinding.Kind) throws {
        let findings = try Self.fixtureFindings(kind)
        #expect(!findings.isEmpty && findings.allSatisfy { $0.kind == kind && $0.severity == .error },
                "every finding should be \(kind.rawValue): \(findings.map(\.kind.rawValue))")
        for language in Language.allCases {
            let expected = try TestSupport.fixture("lint/\(kind.rawValue).\(language.rawValue).txt")
            let rendered = findings.map { $0.rendered(language) + "\n" }.joined()
            #expect(rendered == expected, "lint/\(kind.rawValue).\(language.rawValue).txt")
        }
    }

    @Test("A definition with a finding is refused by Workflow, with the same findings",
          arguments: fileKinds.filter { $0 != .malformedJSON && $0 != .invalidDefinition })
    func workflowRefusesLintErrors(_ kind: LintFinding.Kind) throws {
        let name = "lint/\(kind.rawValue).json"
        let definition = try #require(WorkflowLoader.parse(try TestSupport.fixture(name), file: name).0)
        let error = #expect(throws: WorkflowError.self) { try Workflow(definition) }
        guard case .invalid(let findings)? = error else { return }
        #expect(findings == (try Self.fixtureFindings(kind)))
    }

    @Test("The shipped workflows load and lint with no findings at all", arguments: ["yearly.json", "adhoc.json"])
    func shippedDefinitionsAreClean(_ file: String) throws {
        let path = (TestSupport.workflowsDirectory as NSString).appendingPathComponent(file)
        let (definition, loadFindings) = WorkflowLoader.load(path: path)
        #expect(loadFindings.map { $0.rendered(.en) } == [])
        let lint = WorkflowLinter.lint(try #require(definition))
        #expect(lint.map { $0.rendered(.en) } == [])
    }

    @Test("The shipped folder loads: both workflows, every award, the calendar")
    func shippedFolderLoads() throws {
        let defs = try TestSupport.definitions()
        #expect(defs.workflows.keys.sorted() == ["adhoc", "yearly"])
        #expect(defs.awards.awards.count == 25)
        #expect(defs.calendar.coveredYears == 2024...2026)
        #expect(defs.workflow(forAward: "chien_si_thi_dua_cap_tinh")?.id == "yearly")
        #expect(defs.workflow(forAward: "giay_khen_dot_xuat")?.id == "adhoc")
    }

    @Test("Loading a folder that holds one bad workflow throws with that file's findings",
          arguments: [LintFinding.Kind.unknownState, .malformedJSON, .unreachableState])
    func folderWithABadFile(_ kind: LintFinding.Kind) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("khenthuong-lint-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let shipped = URL(fileURLWithPath: TestSupport.workflowsDirectory)
        for name in ["yearly.json", "adhoc.json", "awards.json", "calendar.json"] {
            try FileManager.default.copyItem(at: shipped.appendingPathComponent(name), to: folder.appendingPathComponent(name))
        }
        let bad = folder.appendingPathComponent("zz-bad.json")
        try TestSupport.fixture("lint/\(kind.rawValue).json").write(to: bad, atomically: true, encoding: .utf8)

        let error = #expect(throws: DefinitionsError.self) { try Definitions.load(directory: folder.path) }
        let expected = try TestSupport.fixture("lint/\(kind.rawValue).en.txt")
            .replacingOccurrences(of: "lint/\(kind.rawValue).json", with: bad.path)
        #expect(error?.findings.map { $0.rendered(.en) + "\n" }.joined() == expected)
        #expect(error?.directory == folder.path)
    }

    @Test("Two files defining the same workflow id are refused, naming the first file")
    func duplicateWorkflowID() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("khenthuong-dup-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let shipped = URL(fileURLWithPath: TestSupport.workflowsDirectory)
        for name in ["yearly.json", "adhoc.json", "awards.json", "calendar.json"] {
            try FileManager.default.copyItem(at: shipped.appendingPathComponent(name), to: folder.appendingPathComponent(name))
        }
        try FileManager.default.copyItem(at: shipped.appendingPathComponent("yearly.json"), to: folder.appendingPathComponent("yearly-copy.json"))

        let error = #expect(throws: DefinitionsError.self) { try Definitions.load(directory: folder.path) }
        let first = folder.appendingPathComponent("yearly-copy.json").path
        #expect(error?.findings.map { $0.rendered(.en) } == [
            "\(folder.appendingPathComponent("yearly.json").path):1:1: error: $.id: workflow \"yearly\" is already defined in \(first)",
        ])
    }

    @Test("A folder with no workflow definitions is refused with a hint")
    func emptyFolder() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("khenthuong-empty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let error = #expect(throws: DefinitionsError.self) { try Definitions.load(directory: folder.path) }
        #expect(error?.findings.map { $0.rendered(.vi) } == [
            "\(folder.path): lỗi: thư mục không có định nghĩa quy trình (*.json); hãy chỉ đúng thư mục workflows/ bằng --workflows",
        ])
    }

    @Test("An award whose workflow does not exist is reported at its \"workflow\" value, listing the workflows")
    func awardWithUnknownWorkflow() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("khenthuong-award-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let shipped = URL(fileURLWithPath: TestSupport.workflowsDirectory)
        for name in ["yearly.json", "adhoc.json", "calendar.json"] {
            try FileManager.default.copyItem(at: shipped.appendingPathComponent(name), to: folder.appendingPathComponent(name))
        }
        let awards = """
            {"awards": [
              {"id": "x", "name": {"vi": "X", "en": "X"}, "subject": "individual",
               "workflow": "yearlyy"}
            ]}
            """
        try Data(awards.utf8).write(to: folder.appendingPathComponent("awards.json"))
        let (definitions, findings) = Definitions.lint(directory: folder.path)
        #expect(definitions == nil)
        let file = folder.appendingPathComponent("awards.json").path
        #expect(findings.map { $0.rendered(.en) } == [
            "\(file):3:16: error: $.awards[0].workflow: award \"x\" uses workflow \"yearlyy\", which is not defined; workflows: adhoc, yearly",
        ])
    }
}
