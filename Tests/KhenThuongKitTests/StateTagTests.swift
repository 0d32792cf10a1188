import Foundation
import Testing
@testable import KhenThuongCore
@testable import KhenThuongDefinitions
@testable import KhenThuongStore
@testable import KhenThuongKit

/// State tags: how a workflow says which of its states councils, decisions, reports, the
/// public site and upward packages work on, and what loading checks about them.
@Suite struct StateTagTests {
    @Test("The shipped workflows tag the states the features work on")
    func shippedTags() throws {
        let yearly = try TestSupport.workflow("yearly"), adhoc = try TestSupport.workflow("adhoc")
        #expect(yearly.state(tagged: .notice) == "public_notice")
        #expect(yearly.state(tagged: .council) == "council_review")
        #expect(yearly.state(tagged: .decision) == "approved")
        #expect(yearly.state(tagged: .awarded) == "published")
        #expect(yearly.state(tagged: .upward) == "proposed_upward")
        #expect(yearly.state(tagged: .revocation) == "revoked")
        #expect(adhoc.states(tagged: .council) == ["council_review"] && adhoc.states(tagged: .awarded) == ["published"])
        #expect(adhoc.state(tagged: .notice) == nil && adhoc.state(tagged: .upward) == nil)
        #expect(yearly.state("council_review", isTagged: .council))
        #expect(!yearly.state("approved", isTagged: .council) && !yearly.state("no_such_state", isTagged: .council))
        let defs = try TestSupport.definitions()
        #expect(defs.stateIDs(tagged: .awarded) == ["published"] && defs.stateIDs(tagged: .upward) == ["proposed_upward"])
    }

    @Test("Tags are read as written — one string or a list — each with its position, and kept off other members")
    func loaderReadsTags() throws {
        let text = """
            {"id": "mini", "version": "1", "name": {"vi": "T", "en": "T"},
             "roles": [{"id": "officer", "side": "proposer", "name": {"vi": "C", "en": "O"}}],
             "states": [
               {"id": "a", "kind": "initial", "label": {"vi": "A", "en": "A"}},
               {"id": "b", "tags": "council", "label": {"vi": "B", "en": "B"}},
               {"id": "c", "kind": "final", "tags": ["awarded", "revocation"], "label": {"vi": "C", "en": "C"}}
             ],
             "transitions": [
               {"event": "go", "label": {"vi": "G", "en": "G"}, "from": "a", "to": "b", "roles": ["officer"]},
               {"event": "end", "label": {"vi": "E", "en": "E"}, "from": "b", "to": "c", "roles": ["officer"], "reservedTo": "decision"}
             ]}
            """
        let (loaded, findings) = WorkflowLoader.parse(text, file: "mini.json")
        #expect(findings.isEmpty)
        let definition = try #require(loaded)
        #expect(definition.states.map(\.tags) == [[], ["council"], ["awarded", "revocation"]])
        #expect(definition.states[2].tagLocations.map(\.path) == ["$.states[2].tags[0]", "$.states[2].tags[1]"])
        #expect(definition.states[1].tagLocations.map(\.position) == [SourcePosition(line: 5, column: 24)])
        let workflow = try Workflow(definition)
        #expect(workflow.state(tagged: .council) == "b" && workflow.states(tagged: .revocation) == ["c"])
        #expect(workflow.state(tagged: .decision) == nil)

        let (_, bad) = WorkflowLoader.parse(text.replacingOccurrences(of: #""tags": "council""#, with: #""tags": 3"#), file: "mini.json")
        #expect(bad.map { $0.rendered(.en) } == [#"mini.json:5:24: error: $.states[1].tags: "tags" must be a string or an array of strings"#])
    }

    @Test("Tags never enter what a dossier records: the workflow keeps its version, the machine its tables")
    func tagsChangeNoBehaviour() throws {
        let path = (TestSupport.workflowsDirectory as NSString).appendingPathComponent("yearly.json")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let untagged = text.replacingOccurrences(of: #"\n      "tags": \[\n        "[a-z]+"\n      \],"#, with: "", options: .regularExpression)
        #expect(untagged.count < text.count && !untagged.contains("\"tags\""))
        let tagged = try Workflow(try #require(WorkflowLoader.parse(text, file: path).0))
        let plain = try Workflow(try #require(WorkflowLoader.parse(untagged, file: path).0))
        #expect(tagged.version == plain.version && tagged.initialState == plain.initialState && tagged.events == plain.events)
        for s in tagged.definition.states {
            #expect(tagged.events(from: s.id) == plain.events(from: s.id))
        }
    }

    /// The shipped workflows, awards and calendar in a fresh folder, `edit` applied to each file's text.
    static func folder(_ edit: (String, String) -> String) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("khenthuong-tags-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let shipped = URL(fileURLWithPath: TestSupport.workflowsDirectory)
        for name in ["yearly.json", "adhoc.json", "awards.json", "calendar.json"] {
            let text = try String(contentsOf: shipped.appendingPathComponent(name), encoding: .utf8)
            try edit(name, text).write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        return folder
    }

    @Test("A workflow an award uses must tag what the award's life needs: missing-tag at its states, naming the award")
    func missingTags() throws {
        let council = "\n      \"tags\": [\n        \"council\"\n      ],"
        let folder = try Self.folder { name, text in
            switch name {
            case "yearly.json":
                // The council tag goes; the state keeps its id.
                return text.replacingOccurrences(of: council, with: "")
            case "awards.json":
                // An ad-hoc award now requires public notice, which the ad-hoc workflow does not tag.
                return text.replacingOccurrences(of: "\"workflow\": \"adhoc\",\n      \"publicNotice\": false",
                                                  with: "\"workflow\": \"adhoc\",\n      \"publicNotice\": true")
            default: return text
            }
        }
        defer { try? FileManager.default.removeItem(at: folder) }
        let (definitions, findings) = Definitions.lint(directory: folder.path)
        #expect(definitions == nil)
        func at(_ name: String) throws -> String {
            let file = folder.appendingPathComponent(name).path
            let first = try #require(WorkflowLoader.load(path: file).0?.states.first)
            return "\(file):\(first.location.position): error: $.states: "
        }
        #expect(findings.map { $0.rendered(.en) } == [
            try at("adhoc.json") + #"workflow "adhoc" has no state tagged "notice", which award "giay_khen_dot_xuat" (and 1 more) needs: the award requires public notice (publicNotice); councils check how long, and the public site lists, dossiers in a state tagged notice; add "tags": ["notice"] to that state"#,
            try at("yearly.json") + #"workflow "yearly" has no state tagged "council", which award "lao_dong_tien_tien" (and 22 more) needs: a council puts on its agenda and votes on only dossiers in the state tagged council; add "tags": ["council"] to that state"#,
        ])
        #expect(findings.allSatisfy { $0.kind == .missingTag })
        #expect(findings.last?.rendered(.vi).hasSuffix(#"quy trình "yearly" không có trạng thái nào mang nhãn "council" mà danh hiệu "lao_dong_tien_tien" (và 22 danh hiệu khác) cần: Hội đồng chỉ đưa vào chương trình họp và biểu quyết hồ sơ ở trạng thái mang nhãn council; thêm "tags": ["council"] vào trạng thái đó"#) == true)
    }

    @Test("A workflow no award uses needs no tags")
    func unusedWorkflowNeedsNoTags() throws {
        let folder = try Self.folder { _, text in text }
        defer { try? FileManager.default.removeItem(at: folder) }
        let untagged = """
            {"id": "mini", "version": "1", "name": {"vi": "T", "en": "T"},
             "roles": [{"id": "officer", "side": "proposer", "name": {"vi": "C", "en": "O"}}],
             "states": [{"id": "a", "kind": "initial", "label": {"vi": "A", "en": "A"}},
                        {"id": "b", "kind": "final", "label": {"vi": "B", "en": "B"}}],
             "transitions": [{"event": "go", "label": {"vi": "G", "en": "G"}, "from": "a", "to": "b", "roles": ["officer"]}]}
            """
        try untagged.write(to: folder.appendingPathComponent("mini.json"), atomically: true, encoding: .utf8)
        let (definitions, findings) = Definitions.lint(directory: folder.path)
        #expect(findings.map { $0.rendered(.en) } == [])
        #expect(definitions?.workflows.keys.sorted() == ["adhoc", "mini", "yearly"])
    }

    /// The shipped `workflows/` in a fresh folder with every state of yearly.json and
    /// adhoc.json renamed to its id spelt backwards (`council_review` → `weiver_licnuoc`).
    static func renamedDefinitions() throws -> (Definitions, folder: URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("khenthuong-renamed-\(UUID().uuidString)")
        try FileManager.default.copyItem(atPath: TestSupport.workflowsDirectory, toPath: folder.path)
        func renamed(_ id: JSONValue) -> JSONValue {
            guard let s = id.string, s != TransitionTarget.previousToken else { return id }
            return .string(String(s.reversed()))
        }
        for name in ["yearly.json", "adhoc.json"] {
            let file = folder.appendingPathComponent(name)
            var root = try JSONParser.parseVerbatim(String(contentsOf: file, encoding: .utf8))
            guard let states = root["states"]?.elements, let transitions = root["transitions"]?.elements else {
                throw CocoaError(.fileReadCorruptFile)
            }
            root["states"] = .list(states.map { s in
                var m = s
                if let id = m["id"] { m["id"] = renamed(id) }
                return m
            })
            root["transitions"] = .list(transitions.map { t in
                guard let from = t["from"]?.elements, let to = t["to"] else { return t }
                var m = t
                m["from"] = .list(from.map(renamed))
                m["to"] = renamed(to)
                return m
            })
            try CanonicalJSONWriter.text(root).write(to: file, atomically: true, encoding: .utf8)
        }
        return (try Definitions.load(directory: folder.path), folder)
    }

    @Test("Renamed states: the public site's notices, decisions and revocations and the award reports come out the same")
    func publicationAndReportsWithRenamedStates() throws {
        let (renamed, folder) = try Self.renamedDefinitions()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(renamed.workflows["yearly"]?.state(tagged: .notice) == "eciton_cilbup")
        #expect(renamed.workflows["yearly"]?.initialState == "tfard")

        let at = try NoticeFixture.at("2026-02-10T03:00:00.000Z")
        let shipped = try NoticeFixture.publicationScenario(), other = try NoticeFixture.publicationScenario(definitions: renamed)
        #expect(try other.store.dossier("HS-1")?.state == "eciton_cilbup" && other.store.dossier("HS-4")?.state == "dekover")
        let a = try PublicationModel.build(store: shipped.store, definitions: shipped.definitions, at: at)
        let b = try PublicationModel.build(store: other.store, definitions: renamed, at: at)
        #expect(a.notices.map(\.dossier) == ["HS-1"] && a.notices.first?.workingDays == 10)
        #expect(b.notices == a.notices)
        #expect(b.decisions == a.decisions && b.recipients == a.recipients)
        #expect(a.decisions.flatMap(\.recipients).filter { $0.revocation != nil }.map(\.dossier) == ["HS-3", "HS-4"])
        #expect(b.headHash != a.headHash) // the state ids are in the events

        let (from, to) = (CivilDate(unchecked: 2025, 1, 1), CivilDate(unchecked: 2026, 12, 31))
        let reportA = try AwardCollector.collect(shipped.store, definitions: shipped.definitions, from: from, to: to)
        let reportB = try AwardCollector.collect(other.store, definitions: renamed, from: from, to: to)
        #expect(reportA.filter(\.revoked).compactMap(\.dossier) == ["HS-3", "HS-4"])
        #expect(reportB == reportA)
    }
}
