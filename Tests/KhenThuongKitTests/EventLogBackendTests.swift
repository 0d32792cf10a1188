import Foundation
import Testing
@testable import KhenThuongCore
@testable import KhenThuongDefinitions
@testable import KhenThuongStore
@testable import KhenThuongKit

/// The store protocol: SQLite and memory, driven by the same calls, hold the same chain and
/// give the same reports, because the chain, the checks, verify and replay are shared code.
@Suite struct EventLogBackendTests {
    /// The head hash the sample season leaves on a store without a directory (`khenthuong demo`
    /// records its directory first, so the head it prints is another).
    static let demoHead = "788afad03951c9af54ccebe5b60e53c5a34113c427cce88b9dbf6dab0b2f6f65"

    /// Every event of `log`, in chain order.
    static func allEvents(_ log: any EventLog) throws -> [StoredEvent] {
        var out: [StoredEvent] = []
        try log.scan { out.append($0) }
        return out
    }

    /// Runs the demo season on `log`, writing its files under `directory`; returns each step's outcome.
    static func runDemo(on log: any EventLog, files directory: URL) throws -> [String] {
        let definitions = try StoreFixture.definitions()
        let samples = StoreFixture.workflowsDirectory + "/samples"
        let scenario = try Scenario.parse(try String(contentsOfFile: samples + "/demo-season.json", encoding: .utf8), file: "demo-season.json")
        let runner = try DossierRunner(definitions: definitions, store: log, guarding: "submit")
        let files = ScenarioFiles(inputDirectory: samples, outputDirectory: directory.path,
                                  site: directory.appendingPathComponent("site").path, language: .vi)
        var outcomes: [String] = []
        try runner.run(scenario, files: files) { _, outcome in outcomes.append(describe(outcome)) }
        return outcomes
    }

    /// An outcome in a line (no file paths, which differ between the runs).
    static func describe(_ outcome: StepOutcome) -> String {
        switch outcome {
        case .created(let d): "created \(d.id) in \(d.state)"
        case .transitioned(let d, let t, let check): "\(d.id) \(t.event) → \(d.state) \(check?.outcome ?? "")"
        case .refused(let refusal, let workflow): "refused: " + refusal.message(.en, workflow: workflow)
        case .stopped(let subject, let message): "stopped \(subject): \(message.en)"
        case .season: "season step"
        }
    }

    /// Two temporary folders, one per backend, and the two logs; the log in memory is named as
    /// the SQLite file, so errors read the same.
    static func pair() throws -> (dirs: (StoreTemporaryDirectory, StoreTemporaryDirectory), sqlite: EventStore, memory: MemoryEventLog) {
        let a = try StoreTemporaryDirectory(), b = try StoreTemporaryDirectory()
        let path = a.path("demo.sqlite")
        return ((a, b), try EventStore(path: path), MemoryEventLog(name: path))
    }

    @Test("The demo season on SQLite and in memory: the same outcomes, events, head, dossiers, verify and rebuild")
    func demoOnBothBackends() throws {
        let (dirs, sqlite, memory) = try Self.pair()
        let outcomesSQLite = try Self.runDemo(on: sqlite, files: dirs.0.url)
        let outcomesMemory = try Self.runDemo(on: memory, files: dirs.1.url)
        #expect(outcomesSQLite == outcomesMemory)

        let events = try Self.allEvents(sqlite)
        #expect(events.count == 74)
        #expect(try Self.allEvents(memory) == events)
        let head = try sqlite.head()?.hash
        #expect(head == Self.demoHead, "head: \(head ?? "")")
        #expect(try memory.head()?.seq == sqlite.head()?.seq && memory.head()?.hash == sqlite.head()?.hash)
        #expect(try memory.eventCount() == sqlite.eventCount())
        #expect(try memory.dossierCount() == sqlite.dossierCount())
        #expect(try memory.dossiers() == sqlite.dossiers())
        for filter in [DossierFilter(state: "published"), DossierFilter(unit: "LDLD-HN"), DossierFilter(year: 2026),
                       DossierFilter(award: "lao_dong_tien_tien", year: 2025)] {
            #expect(try memory.dossiers(matching: filter) == sqlite.dossiers(matching: filter), "\(filter)")
        }
        for id in try sqlite.dossiers().map(\.id) + ["council:HĐTĐKT-LĐLĐ-HN", "HS-404"] {
            #expect(try memory.events(dossierID: id) == sqlite.events(dossierID: id), "\(id)")
        }
        for kind in ["ballot_count", "decision_issued", "eligibility_override", "comment"] {
            #expect(try memory.records(named: kind) == sqlite.records(named: kind), "\(kind)")
        }
        #expect(try memory.records(named: "nominee_facts", subject: "HS-2025-000001")
                == sqlite.records(named: "nominee_facts", subject: "HS-2025-000001"))

        let verified = try sqlite.verify()
        #expect(verified.isIntact && verified.headHash == Self.demoHead)
        #expect(try memory.verify() == verified)
        let rebuilt = try sqlite.rebuild(dryRun: true)
        #expect(rebuilt.isConsistent)
        #expect(try memory.rebuild(dryRun: true) == rebuilt)
        withExtendedLifetime(dirs) {}
    }

    /// Both logs after the same few writes: a dossier driven a few steps, with a record.
    static func smallPair() throws -> (dirs: (StoreTemporaryDirectory, StoreTemporaryDirectory), sqlite: EventStore, memory: MemoryEventLog) {
        let p = try pair()
        let definitions = try StoreFixture.definitions()
        for log in [p.sqlite as any EventLog, p.memory] {
            let runner = DossierRunner(definitions: definitions, store: log)
            let officer = StoreFixture.proposer
            for id in ["HS-1", "HS-2"] {
                try runner.create(NewDossier(id: id, awardID: "lao_dong_tien_tien", year: 2025, nominee: Nominee(id: id == "HS-2" ? "P1" : "P0", name: "Nguyễn Thị Hoa"),
                                             proposerUnit: officer.unit, addresseeUnit: "LDLD-HN",
                                             documents: ["cover_letter", "achievement_report", "review_minutes"]),
                                  by: officer, at: try StoreFixture.instant("2025-12-01T02:00:00.000Z"))
            }
            try runner.act(on: "HS-1", EventRequest(event: "submit"), by: officer, at: try StoreFixture.instant("2025-12-02T02:00:00.000Z"))
            try runner.recordFacts(try EligibilityGuardTests.person(hire: "2025-08-01", months: 5), on: "HS-2", source: "nominees.json",
                                   by: officer, at: try StoreFixture.instant("2025-12-02T03:00:00.000Z"))
            try runner.act(on: "HS-1", EventRequest(event: "receive"), by: StoreFixture.secretariat,
                           at: try StoreFixture.instant("2025-12-03T02:00:00.000Z"))
        }
        return p
    }

    @Test("An event changed behind the log's back is caught by verify, in memory as in SQLite, with the same report")
    func tamperedEventCaught() throws {
        let (dirs, sqlite, memory) = try Self.smallPair()
        #expect(try memory.verify() == sqlite.verify())
        #expect(try memory.verify().isIntact)
        memory.tamper(seq: 3) { $0.reason = "sửa lén" }
        #expect(RawSQLite.exec(sqlite.path, "DROP TRIGGER IF EXISTS events_no_update; UPDATE events SET reason = 'sửa lén' WHERE seq = 3") == nil)
        let report = try memory.verify()
        #expect(report.firstBroken == BrokenEvent(seq: 3, dossierID: "HS-1", problems: [.hashMismatch]))
        #expect(report.brokenCount == 1)
        #expect(try sqlite.verify() == report)
        withExtendedLifetime(dirs) {}
    }

    @Test("An event removed from the middle shows as a gap and a broken link, in memory as in SQLite")
    func removedEventCaught() throws {
        let (dirs, sqlite, memory) = try Self.smallPair()
        memory.remove(seq: 2)
        #expect(RawSQLite.exec(sqlite.path, "DROP TRIGGER IF EXISTS events_no_delete; DELETE FROM events WHERE seq = 2") == nil)
        let report = try memory.verify()
        #expect(report.firstBroken == BrokenEvent(seq: 3, dossierID: "HS-1", problems: [.sequenceGap(expected: 2), .prevHashMismatch]))
        #expect(report.eventCount == 4)
        #expect(try sqlite.verify() == report)
        withExtendedLifetime(dirs) {}
    }

    @Test("Rebuild in memory agrees with its projection, names a row changed behind its back as SQLite does, and rewrites it")
    func rebuildInMemory() throws {
        let (dirs, sqlite, memory) = try Self.smallPair()
        let consistent = try memory.rebuild(dryRun: true)
        #expect(consistent.isConsistent && consistent.eventCount == 5 && consistent.dossierCount == 2 && !consistent.rewritten)
        #expect(try sqlite.rebuild(dryRun: true) == consistent)

        memory.tamperProjection("HS-1") { $0?.state = "approved" }
        let second = try #require(try memory.dossier("HS-2"))
        memory.tamperProjection("HS-9") { $0 = ProjectionRow(second.renamed("HS-9")) }
        #expect(RawSQLite.exec(sqlite.path, """
            UPDATE dossiers SET state = 'approved' WHERE id = 'HS-1';
            INSERT INTO dossiers (\(ProjectionRow.columns.joined(separator: ", "))) SELECT 'HS-9', workflow, workflow_version, award, year, nominee_id, nominee_name, nominee_kind,
              proposer_unit, addressee_unit, state, previous_state, entered_state_at, documents, due_date, created_at, event_count,
              previous_entered_at, period_from, proposal_year, 0 FROM dossiers WHERE id = 'HS-2'
            """) == nil)
        let check = try memory.rebuild(dryRun: true)
        #expect(check.differences == [ProjectionDifference(dossierID: "HS-1", kind: .fieldsDiffer(["state"])),
                                      ProjectionDifference(dossierID: "HS-9", kind: .notInEvents)])
        #expect(try sqlite.rebuild(dryRun: true) == check)
        #expect(try memory.dossier("HS-1")?.state == "approved")

        let rewrite = try memory.rebuild()
        #expect(rewrite.rewritten && rewrite.differences == check.differences)
        #expect(try sqlite.rebuild() == rewrite)
        #expect(try memory.rebuild(dryRun: true).isConsistent)
        #expect(try memory.dossier("HS-1")?.state != "approved" && memory.dossier("HS-9") == nil)
        #expect(try memory.dossiers() == sqlite.dossiers())
        withExtendedLifetime(dirs) {}
    }

    @Test("A write in memory that throws leaves nothing behind; nested writes and escaped transactions are refused as in SQLite", arguments: Backend.allCases)
    func transactions(backend: Backend) throws {
        let dir = try StoreTemporaryDirectory()
        let log = try backend.open(dir)
        let definitions = try StoreFixture.definitions()
        let dossier = try StoreFixture.newDossier("HS-1", definitions: definitions, createdAt: try StoreFixture.instant("2025-12-01T02:00:00.000Z"))
        struct Stop: Error {}
        #expect(throws: Stop.self) {
            try log.write { tx in
                try tx.append(created: dossier, actor: StoreFixture.proposer, at: dossier.createdAt)
                #expect(try tx.dossier("HS-1") != nil)
                throw Stop()
            }
        }
        #expect(try log.eventCount() == 0 && log.dossier("HS-1") == nil && log.head()?.seq == nil)
        #expect(throws: StoreError.nestedWrite(log.location)) {
            try log.write { _ in try log.write { _ in } }
        }
        #expect(throws: StoreError.nestedWrite(log.location)) {
            try log.write { _ in _ = try log.rebuild(dryRun: true) }
        }
        var escaped: StoreTransaction?
        try log.write { tx in
            try tx.append(created: dossier, actor: StoreFixture.proposer, at: dossier.createdAt)
            escaped = tx
        }
        #expect(throws: StoreError.transactionEnded(log.location)) { _ = try escaped?.dossier("HS-1") }
        #expect(throws: StoreError.dossierExists(path: log.location, id: "HS-1")) {
            try log.write { tx in _ = try tx.append(created: dossier, actor: StoreFixture.proposer, at: dossier.createdAt) }
        }
        #expect(try log.eventCount() == 1 && log.verify().isIntact && log.head()?.seq == 1)
        withExtendedLifetime(dir) {}
    }
}

extension Dossier {
    /// The same dossier under another id (for a projection row no event creates).
    fileprivate func renamed(_ id: String) -> Dossier {
        var d = self
        d.id = id
        return d
    }
}
