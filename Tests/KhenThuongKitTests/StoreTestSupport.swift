import CSQLite
import Foundation
import Testing
@testable import KhenThuongCore
@testable import KhenThuongDefinitions
@testable import KhenThuongStore
@testable import KhenThuongKit
@testable import KhenThuongBench

/// A fresh folder for one test's store files, removed when the test's suite value goes away.
final class StoreTemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("khenthuong-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// A path inside the folder.
    func path(_ name: String = "store.db") -> String { url.appendingPathComponent(name).path }
}

/// The repository's shipped definitions, and people and times to drive dossiers with.
enum StoreFixture {
    static let workflowsDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("workflows").path

    static func definitions() throws -> Definitions {
        try Definitions.load(directory: workflowsDirectory)
    }

    static let proposer = Actor(role: "union_officer", unit: "CDCS-DHBK", user: "nguyen.a")
    static let secretariat = Actor(role: "secretariat", unit: "LDLD-HN", user: "tran.b")
    static let chair = Actor(role: "council_chair", unit: "LDLD-HN", user: "le.c")
    static let signer = Actor(role: "signer", unit: "LDLD-HN", user: "pham.d")

    /// An instant written `YYYY-MM-DDTHH:MM:SS.mmmZ`.
    static func instant(_ text: String) throws -> Date {
        try #require(StoreTime.parseDate(text), "bad test instant \(text)")
    }

    /// A new yearly dossier for “Lao động tiên tiến”, in its initial state.
    static func newDossier(_ id: String, definitions: Definitions, award: String = "lao_dong_tien_tien",
                           nominee: String = "hoang.e", proposerUnit: String = "CDCS-DHBK", year: Int = 2025,
                           createdAt: Date) throws -> Dossier {
        let workflow = try #require(definitions.workflow(forAward: award))
        return Dossier(id: id, workflowID: workflow.id, workflowVersion: workflow.version, awardID: award, year: year,
                       nominee: Nominee(id: nominee, name: "Hoàng Thị Ngọc Ánh"), proposerUnit: proposerUnit,
                       addresseeUnit: "LDLD-HN", initialState: workflow.initialState,
                       dueDate: CivilDate(unchecked: 2025, 12, 15), createdAt: createdAt)
    }
}

/// Drives one dossier through the pure machine and records every step in a store, keeping
/// what the machine produced to compare with what the store reads back.
struct StoreDriver {
    let store: EventStore
    let definitions: Definitions
    let workflow: Workflow
    var dossier: Dossier
    var transitions: [Transition] = []
    var events: [StoredEvent] = []

    /// Creates `dossier` in `store` (one write transaction).
    init(store: EventStore, definitions: Definitions, dossier: Dossier, by actor: Actor = StoreFixture.proposer) throws {
        self.store = store
        self.definitions = definitions
        self.workflow = try #require(definitions.workflows[dossier.workflowID])
        self.dossier = dossier
        let event = try store.write { tx in try tx.append(created: dossier, actor: actor, at: dossier.createdAt) }
        events.append(event)
    }

    /// Asks the machine for `request` and records the transition (one write transaction).
    @discardableResult
    mutating func fire(_ request: EventRequest, by actor: Actor, at time: Date) throws -> StoredEvent {
        let transition = try DossierMachine.decide(dossier, request, by: actor, at: time, in: workflow,
                                                   context: definitions.context).get()
        let after = dossier.applying(transition, at: time)
        let event = try store.write { tx in
            try tx.append(transition: transition, to: after, actor: actor, at: time, reason: request.reason)
        }
        dossier = after
        transitions.append(transition)
        events.append(event)
        return event
    }

    /// The yearly workflow from draft to published, touching every kind of effect.
    mutating func runToPublished() throws {
        try fire(EventRequest(event: "submit", attach: ["cover_letter", "achievement_report", "review_minutes"]),
                 by: StoreFixture.proposer, at: StoreFixture.instant("2025-12-02T02:00:00.123Z"))
        try fire(EventRequest(event: "receive"), by: StoreFixture.secretariat, at: StoreFixture.instant("2025-12-03T03:15:00.000Z"))
        try fire(EventRequest(event: "start_appraisal"), by: StoreFixture.secretariat, at: StoreFixture.instant("2025-12-04T01:00:00.000Z"))
        try fire(EventRequest(event: "request_supplement", reason: "Thiếu \"xác nhận\"\nsáng kiến"),
                 by: StoreFixture.secretariat, at: StoreFixture.instant("2025-12-05T07:45:30.999Z"))
        try fire(EventRequest(event: "resubmit", attach: ["supplement"]), by: StoreFixture.proposer,
                 at: StoreFixture.instant("2025-12-08T02:00:00.000Z"))
        try fire(EventRequest(event: "send_to_council"), by: StoreFixture.secretariat, at: StoreFixture.instant("2025-12-09T02:00:00.000Z"))
        try fire(EventRequest(event: "approve", via: .council, tally: Tally(members: 9, present: 8, yes: 7, no: 1)),
                 by: StoreFixture.chair, at: StoreFixture.instant("2025-12-10T02:00:00.000Z"))
        try fire(EventRequest(event: "publish", via: .decision), by: StoreFixture.signer, at: StoreFixture.instant("2025-12-11T02:00:00.000Z"))
    }
}

/// Raw SQLite access to a store file, behind the library's back (as an attacker would).
enum RawSQLite {
    /// Runs `sql` on its own connection; returns SQLite's error message, or `nil` on success.
    @discardableResult
    static func exec(_ path: String, _ sql: String) -> String? {
        var db: OpaquePointer?
        guard sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, nil) == SQLITE_OK, let db else { return "cannot open \(path)" }
        defer { sqlite3_close(db) }
        var error: UnsafeMutablePointer<CChar>?
        guard sqlite3_exec(db, sql, nil, nil, &error) == SQLITE_OK else {
            defer { sqlite3_free(error) }
            return error.map { String(cString: $0) } ?? "error"
        }
        return nil
    }

    /// The first column of the first row `sql` returns, as an integer; `nil` when it returns
    /// no row or the file cannot be read.
    static func integer(_ path: String, _ sql: String) -> Int64? {
        var db: OpaquePointer?
        guard sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, nil) == SQLITE_OK, let db else { return nil }
        defer { sqlite3_close(db) }
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(db, sql, -1, &statement, nil) == SQLITE_OK, let statement else { return nil }
        defer { sqlite3_finalize(statement) }
        return sqlite3_step(statement) == SQLITE_ROW ? sqlite3_column_int64(statement, 0) : nil
    }
}

/// The `EventLog` backends, for tests that run on each.
enum Backend: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite, memory, postgres

    /// Every backend this machine can run: PostgreSQL when a test server could be started
    /// (`PostgresTestServer`; otherwise its half is skipped, with a notice on standard error).
    static var allCases: [Backend] {
        PostgresTestServer.shared == nil ? [.sqlite, .memory] : [.sqlite, .memory, .postgres]
    }

    var testDescription: String { rawValue }

    /// A new, empty log; the one in memory is named as the SQLite file would be, so errors
    /// read the same.
    func open(_ directory: StoreTemporaryDirectory, name: String = "store.db") throws -> any EventLog {
        switch self {
        case .sqlite: try EventStore(path: directory.path(name))
        case .memory: MemoryEventLog(name: directory.path(name))
        case .postgres:
            try PostgresEventLog(location: try #require(PostgresTestServer.shared, "no PostgreSQL test server").newDatabase(), create: true)
        }
    }
}
