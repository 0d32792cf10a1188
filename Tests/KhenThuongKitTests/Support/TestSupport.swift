import Foundation
import Testing
@testable import KhenThuongCore
@testable import KhenThuongDefinitions
@testable import KhenThuongStore
@testable import KhenThuongKit
@testable import KhenThuongBench

/// Shared helpers: where the shipped definitions and the fixtures are, fixed dates and
/// times in Vietnam, a dossier maker and the actors the tests use.
enum TestSupport {
    /// `Tests/KhenThuongKitTests` (this file is in its `Support/` folder).
    static let testsDirectory: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()   // Support
        .deletingLastPathComponent()   // KhenThuongKitTests

    /// The repository's `workflows/` folder: three levels up from a test file in
    /// `Tests/KhenThuongKitTests/`, one more from here.
    static let workflowsDirectory: String = testsDirectory
        .deletingLastPathComponent()   // Tests
        .deletingLastPathComponent()   // repository root
        .appendingPathComponent("workflows").path

    /// A new empty folder for a test's files, inside one folder of this test process that is
    /// removed when the process exits (tests that cannot hold a `StoreTemporaryDirectory`).
    static func scratchFolder(_ prefix: String) throws -> URL {
        let dir = scratchRoot.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    private static let scratchRoot: URL = {
        atexit { try? FileManager.default.removeItem(at: TestSupport.scratchRootURL(pid: getpid())) }
        return scratchRootURL(pid: getpid())
    }()

    private static func scratchRootURL(pid: Int32) -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("khenthuong-tests-\(pid)")
    }

    /// `Tests/KhenThuongKitTests/Fixtures`.
    static let fixturesDirectory: URL = testsDirectory.appendingPathComponent("Fixtures")

    /// The shipped definitions, loaded once.
    static let shipped: Result<Definitions, DefinitionsError> = Result { () throws(DefinitionsError) in
        try Definitions.load(directory: workflowsDirectory)
    }

    static func definitions() throws -> Definitions { try shipped.get() }

    static func workflow(_ id: String) throws -> Workflow {
        try #require(try definitions().workflows[id], "workflow \(id) is not in \(workflowsDirectory)")
    }

    static func context() throws -> MachineContext { try definitions().context }

    /// Reads a text file under `Fixtures/`.
    static func fixture(_ relativePath: String) throws -> String {
        try String(contentsOf: fixturesDirectory.appendingPathComponent(relativePath), encoding: .utf8)
    }

    // MARK: Units and people

    /// The proposing grassroots union (công đoàn cơ sở).
    static let proposerUnit = "CDCS-DHBK"
    /// The unit the dossier is addressed to (Liên đoàn Lao động thành phố).
    static let addresseeUnit = "LDLD-HN"
    /// Another grassroots union.
    static let otherProposerUnit = "CDCS-DHQG"
    /// The level above the addressee (Tổng Liên đoàn).
    static let otherLevelUnit = "TLD"

    static let nominee = Nominee(id: "nguyen.van.an", name: "Nguyễn Văn An")

    static func officer(unit: String = proposerUnit, user: String = "tran.thi.binh") -> Actor {
        Actor(role: "union_officer", unit: unit, user: user)
    }
    static func secretariat(unit: String = addresseeUnit, user: String = "le.van.cuong") -> Actor {
        Actor(role: "secretariat", unit: unit, user: user)
    }
    static func chair(unit: String = addresseeUnit) -> Actor {
        Actor(role: "council_chair", unit: unit, user: "pham.thi.dung")
    }
    static func signer(unit: String = addresseeUnit) -> Actor {
        Actor(role: "signer", unit: unit, user: "hoang.van.em")
    }
    static func auditor(unit: String = addresseeUnit) -> Actor {
        Actor(role: "auditor", unit: unit, user: "vu.thi.giang")
    }

    // MARK: Dates and times

    /// A date known to exist, e.g. `day(2025, 1, 27)`.
    static func day(_ year: Int, _ month: Int, _ day: Int) -> CivilDate {
        CivilDate(unchecked: year, month, day)
    }

    /// The instant `hour:minute` Vietnam time (UTC+7) on `date`.
    static func time(_ date: CivilDate, hour: Int = 9, minute: Int = 0) -> Date {
        let seconds = date.dayNumber * 86_400 + hour * 3_600 + minute * 60 - CivilDate.vietnamOffset
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    /// 09:00 Vietnam time on the given day.
    static func time(_ year: Int, _ month: Int, _ day: Int, hour: Int = 9, minute: Int = 0) -> Date {
        time(self.day(year, month, day), hour: hour, minute: minute)
    }

    // MARK: Dossiers

    /// A dossier built directly in `state`, as if it had got there on `enteredStateAt`.
    static func dossier(id: String = "HS-2025-001", workflow: String = "yearly", award: String = "lao_dong_tien_tien",
                        state: String, previousState: String? = nil, documents: [String] = [],
                        dueDate: CivilDate? = day(2025, 12, 31), enteredStateAt: Date = time(2025, 3, 3),
                        createdAt: Date = time(2025, 3, 3), eventCount: Int = 1) -> Dossier {
        var d = Dossier(id: id, workflowID: workflow, workflowVersion: "1.0.0", awardID: award, year: 2025,
                        nominee: nominee, proposerUnit: proposerUnit, addresseeUnit: addresseeUnit,
                        initialState: "draft", documents: documents, dueDate: dueDate, createdAt: createdAt)
        d.state = state
        d.previousState = previousState
        d.enteredStateAt = enteredStateAt
        d.eventCount = eventCount
        return d
    }

    /// Runs the machine with the shipped awards and calendar.
    static func decide(_ dossier: Dossier, _ request: EventRequest, by actor: Actor, at time: Date,
                       in workflow: Workflow) throws -> Result<Transition, Refusal> {
        DossierMachine.decide(dossier, request, by: actor, at: time, in: workflow, context: try context())
    }
}

extension Result where Success == Transition, Failure == Refusal {
    /// The refusal, or `nil` when the event went through.
    var refusal: Refusal? {
        if case .failure(let r) = self { return r }
        return nil
    }

    /// The transition, or `nil` when the event was refused.
    var transition: Transition? {
        if case .success(let t) = self { return t }
        return nil
    }
}
