import Foundation
import Testing
@testable import KhenThuongCore
@testable import KhenThuongDefinitions
@testable import KhenThuongStore
@testable import KhenThuongKit
@testable import KhenThuongBench

@Suite struct StoreIntegrityTests {
    let directory: StoreTemporaryDirectory
    let definitions: Definitions

    init() throws {
        directory = try StoreTemporaryDirectory()
        definitions = try StoreFixture.definitions()
    }

    /// A store with two dossiers, 12 events: HS-1 published (seq 1…9 interleaved with HS-2).
    private func populatedStore() throws -> (EventStore, [StoredEvent]) {
        let store = try EventStore(path: directory.path())
        var one = try StoreDriver(store: store, definitions: definitions,
                                  dossier: StoreFixture.newDossier("HS-1", definitions: definitions,
                                                                   createdAt: StoreFixture.instant("2025-12-01T01:00:00.000Z")))
        var two = try StoreDriver(store: store, definitions: definitions,
                                  dossier: StoreFixture.newDossier("HS-2", definitions: definitions, nominee: "dang.g",
                                                                   createdAt: StoreFixture.instant("2025-12-01T02:00:00.000Z")))
        try two.fire(EventRequest(event: "submit", attach: ["cover_letter", "achievement_report", "review_minutes"]),
                     by: StoreFixture.proposer, at: StoreFixture.instant("2025-12-01T03:00:00.000Z"))
        try two.fire(EventRequest(event: "defer", reason: "Chờ kết quả xác minh"), by: StoreFixture.secretariat,
                     at: StoreFixture.instant("2025-12-01T04:00:00.000Z"))
        try one.runToPublished()
        try two.fire(EventRequest(event: "resume", reason: "Đã có kết quả xác minh"), by: StoreFixture.secretariat,
                     at: StoreFixture.instant("2025-12-12T04:00:00.000Z"))
        #expect(two.dossier.state == "submitted")
        let events = try store.events(dossierID: "HS-1") + store.events(dossierID: "HS-2")
        return (store, events.sorted { $0.seq < $1.seq })
    }

    @Test("verify passes on a store written through the library and reports the head")
    func verifyGood() throws {
        let (store, events) = try populatedStore()
        var calls: [(Int64, Int64)] = []
        let report = try store.verify { calls.append(($0, $1)) }
        #expect(report.isIntact)
        #expect(report.firstBroken == nil && report.brokenCount == 0)
        #expect(report.eventCount == 13)
        #expect(report.headSeq == 13 && report.headHash == events.last?.hash)
        #expect(calls.last.map { $0 == (13, 13) } == true)
        #expect(report.message(.en).contains("intact"))
    }

    @Test("verify passes on an empty store")
    func verifyEmpty() throws {
        let store = try EventStore(path: directory.path())
        #expect(try store.verify() == VerifyReport(eventCount: 0, headSeq: nil, headHash: nil, firstBroken: nil, brokenCount: 0))
    }

    @Test("UPDATE and DELETE on events are refused by the append-only triggers")
    func triggers() throws {
        let (store, _) = try populatedStore()
        let path = directory.path()
        let update = try #require(RawSQLite.exec(path, "UPDATE events SET reason = 'sửa' WHERE seq = 3"))
        #expect(update.contains("events are append-only: an event cannot be changed"))
        let delete = try #require(RawSQLite.exec(path, "DELETE FROM events WHERE seq = 3"))
        #expect(delete.contains("events are append-only: an event cannot be deleted"))
        #expect(try store.eventCount() == 13)
        #expect(try store.verify().isIntact)
    }

    @Test("Changing one event's reason behind the library's back is caught at exactly that event")
    func tamperedReason() throws {
        let (store, events) = try populatedStore()
        let target = try #require(events.first { $0.event == "request_supplement" })
        let path = directory.path()
        #expect(RawSQLite.exec(path, """
            DROP TRIGGER events_no_update;
            UPDATE events SET reason = 'Hồ sơ đầy đủ' WHERE seq = \(target.seq);
            """) == nil)
        let report = try store.verify()
        #expect(report.firstBroken == BrokenEvent(seq: target.seq, dossierID: "HS-1", problems: [.hashMismatch]))
        #expect(report.brokenCount == 1)
        #expect(report.eventCount == 13)
        #expect(report.message(.en).contains("event \(target.seq) (dossier HS-1): hash does not match its content"))
    }

    @Test("Recomputing the tampered event's hash moves the break to the next event's link")
    func tamperedAndRehashed() throws {
        let (store, events) = try populatedStore()
        let target = events[5]
        var forged = target
        forged.reason = "Hồ sơ đầy đủ"
        let path = directory.path()
        #expect(RawSQLite.exec(path, """
            DROP TRIGGER events_no_update;
            UPDATE events SET reason = 'Hồ sơ đầy đủ', hash = '\(forged.computedHash())' WHERE seq = \(target.seq);
            """) == nil)
        let report = try store.verify()
        #expect(report.firstBroken == BrokenEvent(seq: target.seq + 1, dossierID: events[6].dossierID, problems: [.prevHashMismatch]))
    }

    @Test("Deleting a middle event is caught as a sequence gap and a broken link")
    func deletedEvent() throws {
        let (store, events) = try populatedStore()
        let path = directory.path()
        #expect(RawSQLite.exec(path, "DROP TRIGGER events_no_delete; DELETE FROM events WHERE seq = 6;") == nil)
        let report = try store.verify()
        #expect(report.firstBroken == BrokenEvent(seq: 7, dossierID: events[6].dossierID,
                                                  problems: [.sequenceGap(expected: 6), .prevHashMismatch]))
        #expect(report.eventCount == 12)
        #expect(report.brokenCount == 1)
        #expect(report.message(.vi).contains("đứt quãng số thứ tự"))
    }

    @Test("verify merges what the reader and the hashing thread find, past the first batch")
    func verifyAcrossBatches() throws {
        let store = try EventStore(path: directory.path())
        let at = try StoreFixture.instant("2025-12-01T01:00:00.000Z")
        let total = VerifyHashBatch.capacity + 200
        try store.write { tx in
            for i in 1...total {
                let d = try StoreFixture.newDossier("HS-\(i)", definitions: definitions, nominee: "p\(i)", createdAt: at)
                try tx.appendEvent(created: d, actor: StoreFixture.proposer, at: at)
                try tx.saveProjection(d)
            }
        }
        let intact = try store.verify()
        #expect(intact.isIntact && intact.eventCount == Int64(total))
        let changed = Int64(VerifyHashBatch.capacity + 50), deleted = Int64(VerifyHashBatch.capacity + 150)
        #expect(RawSQLite.exec(directory.path(), """
            DROP TRIGGER events_no_update; DROP TRIGGER events_no_delete;
            UPDATE events SET actor_user = 'ke.gian.lan' WHERE seq = \(changed);
            DELETE FROM events WHERE seq = \(deleted);
            """) == nil)
        let report = try store.verify()
        #expect(report.firstBroken == BrokenEvent(seq: changed, dossierID: "HS-\(changed)", problems: [.hashMismatch]))
        #expect(report.brokenCount == 2)
        #expect(report.eventCount == Int64(total - 1))
    }

    @Test("rebuild finds the projection equal to the replay of a store written through the library")
    func rebuildEqual() throws {
        let (store, _) = try populatedStore()
        let before = try store.dossiers()
        let dry = try store.rebuild(dryRun: true)
        #expect(dry == RebuildReport(eventCount: 13, dossierCount: 2, differences: [], rewritten: false))
        let report = try store.rebuild()
        #expect(report.isConsistent && report.rewritten)
        #expect(try store.dossiers() == before)
    }

    @Test("rebuild names the dossier and the columns a tampered projection differs in, then repairs it")
    func rebuildRepairs() throws {
        let (store, _) = try populatedStore()
        let before = try store.dossiers()
        let path = directory.path()
        #expect(RawSQLite.exec(path, """
            UPDATE dossiers SET state = 'approved', documents = '[]' WHERE id = 'HS-1';
            DELETE FROM dossiers WHERE id = 'HS-2';
            INSERT INTO dossiers (\(ProjectionRow.columns.joined(separator: ", "))) SELECT 'HS-X', workflow, workflow_version, award, year, nominee_id, nominee_name,
                nominee_kind, proposer_unit, addressee_unit, state, previous_state, entered_state_at, documents,
                due_date, created_at, event_count, previous_entered_at, period_from, proposal_year, last_seq FROM dossiers WHERE id = 'HS-1';
            """) == nil)
        let dry = try store.rebuild(dryRun: true)
        #expect(dry.differences == [
            ProjectionDifference(dossierID: "HS-1", kind: .fieldsDiffer(["state", "documents"])),
            ProjectionDifference(dossierID: "HS-2", kind: .missingFromProjection),
            ProjectionDifference(dossierID: "HS-X", kind: .notInEvents),
        ])
        #expect(try store.dossier("HS-1")?.state == "approved") // a dry run changes nothing
        let report = try store.rebuild()
        #expect(report.differences == dry.differences && report.rewritten)
        #expect(try store.dossiers() == before)
        #expect(try store.rebuild(dryRun: true).isConsistent)
    }

    @Test("rebuild refuses an event whose payload cannot be read, and leaves the projection alone")
    func rebuildCorruptPayload() throws {
        let (store, _) = try populatedStore()
        let path = directory.path()
        #expect(RawSQLite.exec(path, "DROP TRIGGER events_no_update; UPDATE events SET payload = '{\"tally\":' WHERE seq = 9;") == nil)
        let error = try #require(throws: StoreError.self) { _ = try store.rebuild() }
        guard case .corruptEvent(let p, let seq, _) = error else {
            Issue.record("expected corruptEvent, got \(error)")
            return
        }
        #expect(p == path && seq == 9)
        #expect(try store.dossierCount() == 2)
        #expect(try store.verify().firstBroken?.seq == 9)
    }
}
