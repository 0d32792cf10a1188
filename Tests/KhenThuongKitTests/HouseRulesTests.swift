import Foundation
import Testing
@testable import KhenThuongCore
@testable import KhenThuongDefinitions

/// The boundaries the module layout promises, checked on the sources themselves so that a
/// shortcut taken in a hurry fails here rather than in a review.
@Suite struct HouseRulesTests {
    static let sources = TestSupport.workflowsDirectory + "/../Sources"

    /// Every `.swift` file under `folder`, with its text.
    static func swiftFiles(_ folder: String) throws -> [(path: String, text: String)] {
        let root = sources + "/" + folder
        guard let walker = FileManager.default.enumerator(atPath: root) else { return [] }
        var out: [(String, String)] = []
        for case let name as String in walker where name.hasSuffix(".swift") {
            out.append((folder + "/" + name, try String(contentsOfFile: root + "/" + name, encoding: .utf8)))
        }
        return out.sorted { $0.0 < $1.0 }
    }

    /// The lines of `text` outside comments that contain `needle`, as `file:line`.
    static func uses(_ needle: String, in files: [(path: String, text: String)]) -> [String] {
        files.flatMap { file in
            file.text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().compactMap { i, line in
                let code = line.trimmingCharacters(in: .whitespaces)
                return !code.hasPrefix("//") && line.contains(needle) ? "\(file.path):\(i + 1)" : nil
            }
        }
    }

    @Test("The core module does no file, network or database I/O and reads no clock",
          arguments: ["FileManager", "FileHandle", "Data(contentsOf", "String(contentsOf", "contentsOfFile", "fopen(",
                      "Date()", "import CSQLite", "import CCrypto", "URLSession", "ProcessInfo", "getenv("])
    func coreIsPure(call: String) throws {
        let core = try Self.swiftFiles("KhenThuongCore")
        #expect(core.count > 50, "the core's sources were not found under \(Self.sources)")
        #expect(Self.uses(call, in: core) == [], "\(call) in the core")
    }

    @Test("The core and the definitions import nothing of the modules above them")
    func layering() throws {
        let core = try Self.swiftFiles("KhenThuongCore")
        let definitions = try Self.swiftFiles("KhenThuongDefinitions")
        let store = try Self.swiftFiles("KhenThuongStore")
        #expect(Self.uses("import KhenThuong", in: core) == [])
        for module in ["KhenThuongStore", "KhenThuongKit", "CSQLite"] {
            #expect(Self.uses("import \(module)", in: definitions) == [], "the definitions import \(module)")
        }
        for module in ["KhenThuongDefinitions", "KhenThuongKit"] {
            #expect(Self.uses("import \(module)", in: store) == [], "the store imports \(module)")
        }
    }

    @Test("The library and the command line hold a store as an EventLog: only the command line's openStore names the SQLite backend")
    func storeBehindItsProtocol() throws {
        let files = try Self.swiftFiles("KhenThuongKit") + Self.swiftFiles("KhenThuongCLI")
        let named = Self.uses("EventStore", in: files)
        #expect(named.count == 1 && named.first?.hasPrefix("KhenThuongCLI/Core/Context.swift:") == true, "\(named)")
    }

    @Test("Only DefinitionFile touches the disk in the definitions module")
    func oneReader() throws {
        let definitions = try Self.swiftFiles("KhenThuongDefinitions").filter { !$0.path.hasSuffix("/DefinitionFile.swift") }
        #expect(definitions.count > 5, "the definitions' sources were not found")
        for call in ["FileManager", "contentsOfFile", "Data(contentsOf", "FileHandle"] {
            #expect(Self.uses(call, in: definitions) == [], "\(call) outside DefinitionFile")
        }
    }

    /// Words that are spelled like a shipped state id but name something else, by file: the
    /// eligibility outcome and the complaint payload's flag `deferred`, the site's CSS class,
    /// CSV column and label key `revoked`. Each is printed or hashed, so renaming it would
    /// change what the tool writes.
    static let notStates: Set<String> = [
        "KhenThuongCLI/Render/DemoText.swift deferred",
        "KhenThuongKit/Runner/EligibilityGuard.swift deferred",
        "KhenThuongKit/Complaint/Complaint.swift deferred",
        "KhenThuongKit/Complaint/ComplaintDesk.swift deferred",
        "KhenThuongKit/Publication/SiteRenderer+Decisions.swift revoked",
        "KhenThuongKit/Publication/PublicationData.swift revoked",
        "KhenThuongKit/Publication/SiteRenderer.swift revoked",
    ]

    @Test("No state id of a shipped workflow is spelled in the sources: features find states by their tags")
    func noStateIDs() throws {
        let definitions = try TestSupport.definitions()
        let ids = Set(definitions.workflows.values.flatMap { $0.definition.states.map(\.id) })
        #expect(ids.contains("council_review") && ids.count > 10, "the shipped workflows' states were not read: \(ids.sorted())")
        var found: [String] = []
        for folder in try FileManager.default.contentsOfDirectory(atPath: Self.sources).sorted() {
            for file in try Self.swiftFiles(folder) {
                for id in ids.sorted() where !Self.notStates.contains("\(file.path) \(id)") {
                    found += Self.uses("\"\(id)\"", in: [file]).map { "\($0) \(id)" }
                }
            }
        }
        #expect(found == [], "state ids spelled in Swift")
    }
}
