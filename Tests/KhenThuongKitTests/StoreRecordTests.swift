import Foundation
import Testing
@testable import KhenThuongCore
@testable import KhenThuongDefinitions
@testable import KhenThuongStore
@testable import KhenThuongKit
@testable import KhenThuongBench

@Suite struct StoreRecordTests {
    let directory: StoreTemporaryDirectory
    let definitions: Definitions

    init() throws {
        directory = try StoreTemporaryDirectory()
        definitions = try StoreFixture.definitions()
    }

    private func storeWithDossier() throws -> (EventStore, StoreDriver) {
        let store = try EventStore(path: directory.path())
        let dossier = try StoreFixture.newDossier("HS-2025-001", definitions: definitions,
                                                  createdAt: StoreFixture.instant("2025-12-01T01:30:00.000Z"))
        return (store, try StoreDriver(store: store, definitions: definitions, dossier: dossier))
    }

    @Test("A record joins the hash chain, keeps the dossier's state and is found by name")
    func recordInChain() throws {
        var (store, driver) = try storeWithDossier()
        try driver.fire(EventRequest(event: "submit", attach: ["cover_letter", "achievement_report", "review_minutes"]),
                        by: StoreFixture.proposer, at: StoreFixture.instant("2025-12-02T02:00:00.000Z"))
        let at = try StoreFixture.instant("2025-12-02T03:00:00.000Z")
        let record = try store.write { tx in
            try tx.appendRecord(subject: "HS-2025-001", event: "comment", actor: StoreFixture.secretariat, at: at,
                                reason: "Ý kiến công chúng", payload: #"{"text":"Đồng ý"}"#)
        }
        let council = try store.write { tx in
            try tx.appendRecord(subject: "council:HĐTĐKT-HN", event: "council_member", actor: StoreFixture.chair, at: at,
                                payload: #"{"member":"le.c"}"#)
        }
        #expect(record.kind == .record && record.fromState == nil && record.toState == "submitted")
        #expect(council.toState == "" && council.isAboutOtherSubject)
        #expect(record.prevHash == driver.events.last?.hash && council.prevHash == record.hash)
        #expect(try store.verify().isIntact)
        #expect(try store.records(named: "comment") == [record])
        #expect(try store.dossier("HS-2025-001") == driver.dossier)
        #expect(try Dossier(replaying: store.events(dossierID: "HS-2025-001")) == driver.dossier)
        let report = try store.rebuild(dryRun: true)
        #expect(report.isConsistent && report.dossierCount == 1 && report.eventCount == 4)
        // A later transition still replays on top of the record.
        try driver.fire(EventRequest(event: "receive"), by: StoreFixture.secretariat, at: StoreFixture.instant("2025-12-03T03:15:00.000Z"))
        #expect(try store.rebuild(dryRun: true).isConsistent)
    }

    @Test("rebuild keeps last_seq at each dossier's last transition, as live writes do, so a check right after it finds nothing: records after transitions (facts, a comment, a ballot count) do not move it")
    func rebuildThenCheckAgree() throws {
        var (store, driver) = try storeWithDossier()
        try driver.fire(EventRequest(event: "submit", attach: ["cover_letter", "achievement_report", "review_minutes"]),
                        by: StoreFixture.proposer, at: StoreFixture.instant("2025-12-02T02:00:00.000Z"))
        try driver.fire(EventRequest(event: "receive"), by: StoreFixture.secretariat, at: StoreFixture.instant("2025-12-03T03:15:00.000Z"))
        let lastTransition = try #require(driver.events.last).seq
        let at = try StoreFixture.instant("2025-12-04T02:00:00.000Z")
        let records = try store.write { tx in
            [try tx.appendRecord(subject: "HS-2025-001", event: NomineeFacts.recordName, actor: StoreFixture.proposer, at: at,
                                 payload: #"{"facts":{}}"#),
             try tx.appendRecord(subject: "HS-2025-001", event: Complaint.commentEvent, actor: StoreFixture.secretariat, at: at,
                                 payload: #"{"text":"Nhất trí"}"#),
             try tx.appendRecord(subject: "HS-2025-001", event: "ballot_count", actor: StoreFixture.chair, at: at,
                                 payload: #"{"yes":9}"#)]
        }
        #expect(records.map(\.seq) == [lastTransition + 1, lastTransition + 2, lastTransition + 3])
        #expect(RawSQLite.integer(store.path, "SELECT last_seq FROM dossiers WHERE id = 'HS-2025-001'") == lastTransition)
        let rebuilt = try store.rebuild()
        #expect(rebuilt.differences == [] && rebuilt.rewritten)
        #expect(RawSQLite.integer(store.path, "SELECT last_seq FROM dossiers WHERE id = 'HS-2025-001'") == lastTransition)
        #expect(try store.rebuild(dryRun: true).differences == [])
        #expect(try store.dossier("HS-2025-001") == driver.dossier)
    }

    @Test("A record written between a transition and the saved projection of its dossier does not become the row's last_seq")
    func recordBeforeSavedProjection() throws {
        let (store, driver) = try storeWithDossier()
        let at = try StoreFixture.instant("2025-12-02T02:00:00.000Z")
        let transition = try DossierMachine.decide(driver.dossier, EventRequest(event: "submit", attach: ["cover_letter", "achievement_report", "review_minutes"]),
                                                   by: StoreFixture.proposer, at: at, in: driver.workflow, context: definitions.context).get()
        let after = driver.dossier.applying(transition, at: at)
        let event = try store.write { tx in
            let event = try tx.appendEvent(transition: transition, dossierID: after.id, actor: StoreFixture.proposer, at: at)
            try tx.appendRecord(subject: after.id, event: Complaint.commentEvent, actor: StoreFixture.secretariat, at: at, payload: "{}")
            try tx.saveProjection(after)
            return event
        }
        #expect(try store.eventCount() == event.seq + 1)
        #expect(RawSQLite.integer(store.path, "SELECT last_seq FROM dossiers WHERE id = 'HS-2025-001'") == event.seq)
        #expect(try store.rebuild(dryRun: true).differences == [])
    }

    @Test("A record about a dossier that does not exist, or with a payload that is not an object, writes nothing")
    func refusedRecords() throws {
        let (store, _) = try storeWithDossier()
        let at = try StoreFixture.instant("2025-12-02T03:00:00.000Z")
        #expect(throws: StoreError.unknownDossier(path: store.path, id: "HS-404")) {
            try store.write { tx in try tx.appendRecord(subject: "HS-404", event: "comment", actor: StoreFixture.secretariat, at: at, payload: "{}") }
        }
        #expect(throws: StoreError.self) {
            try store.write { tx in try tx.appendRecord(subject: "HS-2025-001", event: "comment", actor: StoreFixture.secretariat, at: at, payload: "[1]") }
        }
        #expect(try store.eventCount() == 1)
    }

    @Test("A version 1 store is migrated to the current version with every event and hash unchanged")
    func migratesVersion1() throws {
        let path = directory.path()
        var (store, driver) = try storeWithDossier()
        try driver.runToPublished()
        let before = try store.events(dossierID: "HS-2025-001")
        // Make the file what version 1 wrote: the old CHECK on kind and schema_version 1.
        let oldTable = StoreSchema.migrateFrom1
            .components(separatedBy: "INSERT INTO")[0]
            .replacingOccurrences(of: "events_v2", with: "events_v1")
            .replacingOccurrences(of: "'created', 'transition', 'record'", with: "'created', 'transition'")
        #expect(RawSQLite.exec(path, oldTable + """
            INSERT INTO events_v1 SELECT * FROM events; DROP TABLE events; ALTER TABLE events_v1 RENAME TO events;
            UPDATE meta SET value = '1' WHERE key = 'schema_version';
            """) == nil)
        #expect(RawSQLite.exec(path, "INSERT INTO events SELECT seq + 100, dossier_id, 'record', event, from_state, to_state, actor_role, actor_unit, actor_user, at, reason, payload, prev_hash, hash FROM events WHERE seq = 1") != nil)
        store = try EventStore(path: path)
        #expect(try store.events(dossierID: "HS-2025-001") == before)
        #expect(try store.verify().isIntact)
        let record = try store.write { tx in
            try tx.appendRecord(subject: "HS-2025-001", event: "comment", actor: StoreFixture.secretariat,
                                at: StoreFixture.instant("2025-12-12T02:00:00.000Z"), payload: "{}")
        }
        #expect(record.seq == 10 && record.toState == "published")
        #expect(RawSQLite.exec(path, "DELETE FROM events WHERE seq = 10") != nil)
    }

    @Test("A dossier id with “:” is refused: that form names councils and movements")
    func colonIDRefused() throws {
        let store = try EventStore(path: directory.path())
        let runner = DossierRunner(definitions: definitions, store: store)
        let new = NewDossier(id: "council:X", awardID: "lao_dong_tien_tien", year: 2025,
                             nominee: Nominee(id: "NV-1", name: "Nguyễn Văn A"), proposerUnit: StoreFixture.proposer.unit,
                             addresseeUnit: StoreFixture.secretariat.unit)
        let error = #expect(throws: RunnerError.self) { try runner.create(new, by: StoreFixture.proposer, at: Date()) }
        #expect(error?.message(.en).contains("may not contain “:”") == true)
        #expect(try store.eventCount() == 0)
    }
}
