import Foundation
import Testing
@testable import KhenThuongCore
@testable import KhenThuongDefinitions
@testable import KhenThuongStore
@testable import KhenThuongKit

/// The store on PostgreSQL (`PostgresEventLog`) against a real server (`PostgresTestServer`):
/// the same chain as SQLite, many writers on one chain, append-only enforced by the database,
/// copies either way, and clear refusals. Skipped, with a notice, when no server can be started.
@Suite(.enabled(if: PostgresTestServer.shared != nil, "no PostgreSQL server could be started (see the notice on standard error)"))
struct PostgresStoreTests {
    var server: PostgresTestServer { PostgresTestServer.shared! }

    func newLog() throws -> PostgresEventLog {
        try PostgresEventLog(location: try server.newDatabase(), create: true)
    }

    /// Creates `count` dossiers named `prefix-i`, `perWrite` to a write transaction.
    static func createDossiers(_ log: any EventLog, prefix: String, count: Int, perWrite: Int = 1, definitions: Definitions) throws {
        var i = 0
        while i < count {
            try log.write { tx in
                for k in i..<min(count, i + perWrite) {
                    let d = try StoreFixture.newDossier("\(prefix)-\(k)", definitions: definitions, createdAt: try StoreFixture.instant("2025-12-01T02:00:00.000Z"))
                    try tx.append(created: d, actor: StoreFixture.proposer, at: d.createdAt)
                }
            }
            i += perWrite
        }
    }

    @Test("The demo season on PostgreSQL gives the events, head, dossiers, verify and rebuild reports the SQLite file gives")
    func demoSeasonMatchesSQLite() throws {
        let dirs = (try StoreTemporaryDirectory(), try StoreTemporaryDirectory())
        let sqlite = try EventStore(path: dirs.0.path("demo.sqlite"))
        let pg = try newLog()
        #expect(try EventLogBackendTests.runDemo(on: sqlite, files: dirs.0.url) == EventLogBackendTests.runDemo(on: pg, files: dirs.1.url))
        #expect(try EventLogBackendTests.allEvents(pg) == EventLogBackendTests.allEvents(sqlite))
        #expect(try pg.head()?.hash == EventLogBackendTests.demoHead)
        #expect(try pg.eventCount() == 74 && pg.dossierCount() == sqlite.dossierCount())
        #expect(try pg.dossiers() == sqlite.dossiers())
        for filter in [DossierFilter(state: "published"), DossierFilter(unit: "LDLD-HN"), DossierFilter(year: 2026),
                       DossierFilter(award: "lao_dong_tien_tien", year: 2025)] {
            #expect(try pg.dossiers(matching: filter) == sqlite.dossiers(matching: filter), "\(filter)")
        }
        for id in try sqlite.dossiers().map(\.id) + ["council:HĐTĐKT-LĐLĐ-HN", "HS-404"] {
            #expect(try pg.events(dossierID: id) == sqlite.events(dossierID: id), "\(id)")
            #expect(try pg.dossierUnits(id).map { [$0.workflow, $0.proposer, $0.addressee] } == sqlite.dossierUnits(id).map { [$0.workflow, $0.proposer, $0.addressee] })
        }
        for kind in ["ballot_count", "decision_issued", "eligibility_override", "comment"] {
            #expect(try pg.records(named: kind) == sqlite.records(named: kind), "\(kind)")
        }
        var skeletons: [[StoredEvent]] = [[], []]
        try sqlite.scanSkeletons(from: 5, payloadKinds: ["decision_issued"]) { skeletons[0].append($0) }
        try pg.scanSkeletons(from: 5, payloadKinds: ["decision_issued"]) { skeletons[1].append($0) }
        #expect(skeletons[0] == skeletons[1] && skeletons[0].count == 70)
        let verified = try sqlite.verify()
        #expect(verified.isIntact)
        #expect(try pg.verify() == verified)
        #expect(try pg.rebuild(dryRun: true) == sqlite.rebuild(dryRun: true))
        pg.verifiesReads = true
        #expect(try pg.events(dossierID: "HS-2025-000001") == sqlite.events(dossierID: "HS-2025-000001"))
        withExtendedLifetime(dirs) {}
    }

    @Test("An event edited or removed behind the program (triggers disabled by the owner) is caught by verify with SQLite's report")
    func tamperingCaught() throws {
        let (dirs, sqlite, _) = try EventLogBackendTests.smallPair()
        let pg = try newLog()
        _ = try StoreCopy.copy(from: sqlite, to: pg)
        let owner = try server.connect(pg.location)
        try owner.exec("ALTER TABLE events DISABLE TRIGGER events_append_only; UPDATE events SET reason = 'sửa lén' WHERE seq = 3")
        #expect(RawSQLite.exec(sqlite.path, "DROP TRIGGER IF EXISTS events_no_update; UPDATE events SET reason = 'sửa lén' WHERE seq = 3") == nil)
        let edited = try pg.verify()
        #expect(edited.firstBroken == BrokenEvent(seq: 3, dossierID: "HS-1", problems: [.hashMismatch]))
        #expect(try sqlite.verify() == edited)
        pg.verifiesReads = true
        #expect(throws: StoreError.self) { _ = try pg.events(dossierID: "HS-1") }
        try owner.exec("DELETE FROM events WHERE seq = 2")
        let removed = try pg.verify()
        #expect(removed.firstBroken == BrokenEvent(seq: 3, dossierID: "HS-1", problems: [.sequenceGap(expected: 2), .prevHashMismatch, .hashMismatch]))
        #expect(removed.eventCount == 4)
        withExtendedLifetime(dirs) {}
    }

    @Test("A dossier row changed, added or removed behind the program is named by the projection check as on SQLite, without replaying the chain when the counts agree")
    func projectionFaultsMatchSQLite() throws {
        let (dirs, sqlite, _) = try EventLogBackendTests.smallPair()
        let pg = try newLog()
        _ = try StoreCopy.copy(from: sqlite, to: pg)
        #expect(try pg.projectionFaults() == [] && sqlite.projectionFaults() == [])
        let owner = try server.connect(pg.location)
        let edit = "UPDATE dossiers SET state = 'approved' WHERE id = 'HS-1'"
        try owner.exec(edit)
        #expect(RawSQLite.exec(sqlite.path, edit) == nil)
        let changed = try pg.projectionFaults()
        #expect(changed == [ProjectionDifference(dossierID: "HS-1", kind: .fieldsDiffer(["state"]))])
        #expect(try sqlite.projectionFaults() == changed)
        let remove = "DELETE FROM dossiers WHERE id = 'HS-2'"
        try owner.exec(remove)
        #expect(RawSQLite.exec(sqlite.path, remove) == nil)
        let removed = try pg.projectionFaults()
        #expect(removed.contains(ProjectionDifference(dossierID: "HS-2", kind: .missingFromProjection)))
        #expect(try sqlite.projectionFaults() == removed)
        withExtendedLifetime(dirs) {}
    }

    @Test("Eight writers on their own connections, fifty commits each, make one chain: no fork, no gap, every commit kept")
    func concurrentWriters() throws {
        let location = try server.newDatabase()
        _ = try PostgresEventLog(location: location, create: true)
        let definitions = try StoreFixture.definitions()
        let failures = Locked<[String]>([])
        let group = DispatchGroup()
        for w in 0..<8 {
            group.enter()
            Thread.detachNewThread {
                defer { group.leave() }
                do {
                    let log = try PostgresEventLog(location: location)
                    try Self.createDossiers(log, prefix: "W\(w)", count: 50, definitions: definitions)
                } catch {
                    failures.withLock { $0.append("writer \(w): \(error)") }
                }
            }
        }
        group.wait()
        #expect(failures.withLock { $0 } == [])
        let log = try PostgresEventLog(location: location)
        #expect(try log.eventCount() == 400 && log.dossierCount() == 400)
        let report = try log.verify()
        #expect(report.isIntact && report.eventCount == 400 && report.headSeq == 400)
        #expect(try log.rebuild(dryRun: true).isConsistent)
    }

    /// A store with dossiers `R-0`…`R-(count-1)` of distinct nominees, ready to submit, and two
    /// writers on their own connections.
    func racingWriters(count: Int = 2) throws -> (first: PostgresEventLog, second: PostgresEventLog, definitions: Definitions, at: Date) {
        let location = try server.newDatabase()
        let definitions = try StoreFixture.definitions()
        let setup = DossierRunner(definitions: definitions, store: try PostgresEventLog(location: location, create: true))
        let at = try StoreFixture.instant("2025-12-02T02:00:00.000Z")
        for k in 0..<count {
            try setup.create(NewDossier(id: "R-\(k)", awardID: "lao_dong_tien_tien", year: 2025, nominee: Nominee(id: "N\(k)", name: "Nguyễn Thị Hoa"),
                                        proposerUnit: StoreFixture.proposer.unit, addresseeUnit: "LDLD-HN",
                                        documents: ["cover_letter", "achievement_report", "review_minutes"]),
                             by: StoreFixture.proposer, at: at)
        }
        return (try PostgresEventLog(location: location), try PostgresEventLog(location: location), definitions, at)
    }

    /// Advisory locks still held on the server (none once every write has ended).
    func advisoryLocks(_ log: PostgresEventLog) throws -> Int {
        try server.connect(log.location).exec("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database())").int(0, 0)
    }

    @Test("Two writers racing for the head: the one that read it first and commits second has its event chained after the other's by the server in the same round trip, without running again; one chain, no fork")
    func optimisticHeadRenumbered() throws {
        let (first, second, definitions, at) = try racingWriters()
        let runner = DossierRunner(definitions: definitions, store: first)
        let other = DossierRunner(definitions: definitions, store: second)
        var runs = 0
        try first.write { tx in
            runs += 1
            let dossier = try #require(try tx.dossier("R-0"))   // the head (event 2) is read here, before any lock
            if runs == 1 { try other.act(on: "R-1", EventRequest(event: "submit"), by: StoreFixture.proposer, at: at) }  // head → 3
            _ = try runner.act(in: &tx, on: dossier, EventRequest(event: "submit"), by: StoreFixture.proposer, at: at)
        }
        #expect(runs == 1 && first.renumberedWrites == 1 && first.conflictRetries == 0)
        let events = try first.events(dossierID: "R-0")
        let third = try first.hash(at: 3)
        #expect(events.map(\.seq) == [1, 4] && events[1].event == "submit" && events[1].prevHash == third)
        #expect(try second.events(dossierID: "R-1").map(\.seq) == [2, 3])
        let report = try first.verify()
        #expect(report.isIntact && report.eventCount == 4 && report.headSeq == 4)
        #expect(try first.rebuild(dryRun: true).isConsistent)
        let submitted = try second.dossier("R-1")?.state
        #expect(try first.dossier("R-0")?.state == submitted && submitted != nil)
        #expect(try advisoryLocks(first) == 0)
    }

    @Test("Two writers racing for the head when the first was handed its event (its number may be used): the server refuses the moved head, the write runs again alone with the right number, then releases the chain")
    func optimisticHeadRetried() throws {
        let (first, second, definitions, at) = try racingWriters()
        let other = DossierRunner(definitions: definitions, store: second)
        var runs = 0
        var handed: StoredEvent?
        try first.write { tx in
            runs += 1
            let dossier = try #require(try tx.dossier("R-0"))
            if runs == 1 { try other.act(on: "R-1", EventRequest(event: "submit"), by: StoreFixture.proposer, at: at) }
            let workflow = try #require(definitions.workflows[dossier.workflowID])
            let transition = try DossierMachine.transition(dossier, EventRequest(event: "submit"), by: StoreFixture.proposer, at: at,
                                                           in: workflow, context: definitions.context)
            handed = try tx.append(transition: transition, to: dossier.applying(transition, at: at), actor: StoreFixture.proposer, at: at)
        }
        #expect(runs == 2 && first.conflictRetries == 1 && first.renumberedWrites == 0)
        let stored = try first.events(dossierID: "R-0")
        #expect(stored.map(\.seq) == [1, 4] && handed?.seq == 4 && handed?.hash == stored.last?.hash)
        let report = try first.verify()
        #expect(report.isIntact && report.eventCount == 4 && report.headSeq == 4)
        // The chain lock the conflict left with the first writer's session is released with its commit.
        #expect(try advisoryLocks(first) == 0)
        // …so the other writer goes on at once (a lock left behind would make it wait, then “store busy”).
        try other.act(on: "R-0", EventRequest(event: "withdraw", reason: "rút để bổ sung"), by: StoreFixture.proposer, at: at)
        #expect(try second.events(dossierID: "R-0").map(\.seq) == [1, 4, 5])
    }

    @Test("Two writers acting on the same dossier at once: the one that read it before the other's commit is refused on its second, lone run; the dossier moved once")
    func optimisticDossierConflict() throws {
        let (first, second, definitions, at) = try racingWriters(count: 1)
        let runner = DossierRunner(definitions: definitions, store: first)
        let other = DossierRunner(definitions: definitions, store: second)
        var runs = 0
        #expect(throws: (any Error).self) {
            try first.write { tx in
                runs += 1
                let dossier = try #require(try tx.dossier("R-0"))
                if runs == 1 { try other.act(on: "R-0", EventRequest(event: "submit"), by: StoreFixture.proposer, at: at) }
                _ = try runner.act(in: &tx, on: dossier, EventRequest(event: "submit"), by: StoreFixture.proposer, at: at)
            }
        }
        #expect(runs == 2 && first.conflictRetries == 1)
        #expect(try first.events(dossierID: "R-0").map(\.event) == [StoredEvent.createEvent, "submit"])
        #expect(try first.verify().isIntact && first.rebuild(dryRun: true).isConsistent)
        #expect(try advisoryLocks(first) == 0)
    }

    @Test("Luật 06/2022/QH15, Điều 5 khoản 2 under concurrency: a past award imported into the nominee's history between a submission's read and its append is seen — the append is refused, the lone second run refuses the submission; the dossier stays a draft")
    func optimisticHistoryConflict() throws {
        let (first, second, definitions, at) = try racingWriters(count: 1)
        let runner = DossierRunner(definitions: definitions, store: first)
        let past = PastAward(nominee: Nominee(id: "N0", name: "Nguyễn Thị Hoa", kind: .individual), award: "lao_dong_tien_tien", year: 2025,
                             decisionNumber: "9/QĐ", decisionDate: CivilDate(unchecked: 2025, 11, 20), level: "Công đoàn cơ sở", source: "x.csv")
        var runs = 0
        var refusal = ""
        do {
            try first.write { tx in
                runs += 1
                let dossier = try #require(try tx.dossier("R-0"))   // the nominee's history (none yet) is read here
                if runs == 1 { try second.write { other in _ = try other.append(past, actor: StoreFixture.secretariat, at: at) } }
                _ = try runner.act(in: &tx, on: dossier, EventRequest(event: "submit"), by: StoreFixture.proposer, at: at)
            }
        } catch {
            refusal = "\(error)"
        }
        #expect(runs == 2 && first.conflictRetries == 1)
        #expect(refusal.contains("9/QĐ"), "\(refusal)")
        #expect(try first.events(dossierID: "R-0").map(\.event) == [StoredEvent.createEvent])
        #expect(try first.verify().isIntact && first.rebuild(dryRun: true).isConsistent)
        #expect(try advisoryLocks(first) == 0)
    }

    @Test("The nominee's registry events (person:) are read with the dossier, in the same round trip, and re-checked by the append: a correction landing between a submission's read and its append sends the submission to its lone second run, which reads it")
    func optimisticRegistryConflict() throws {
        let (first, second, definitions, at) = try racingWriters(count: 1)
        try PersonRegistry.add(PersonAdded(id: "N0", name: "Nguyễn Thị Hoa", unit: "CDCS-DHBK"), in: second, by: StoreFixture.secretariat, at: at)
        let runner = DossierRunner(definitions: definitions, store: first)
        var runs = 0
        var seen: [[String]] = []
        try first.write { tx in
            runs += 1
            let dossier = try #require(try tx.dossier("R-0"))   // person:N0's events are read here, with the dossier
            if runs == 1 {
                try PersonRegistry.correct(PersonCorrected(id: "N0", name: "Nguyễn Thị Hoa Mai", unit: "CDCS-DHBK"), reason: "Đổi tên",
                                           in: second, by: StoreFixture.secretariat, at: at)
            }
            seen.append(try first.events(dossierID: "person:N0").map(\.event))   // as read ahead, without another round trip
            _ = try runner.act(in: &tx, on: dossier, EventRequest(event: "submit"), by: StoreFixture.proposer, at: at)
        }
        #expect(seen == [["person_added"], ["person_added", "person_corrected"]])
        #expect(runs == 2 && first.conflictRetries == 1)
        #expect(try first.events(dossierID: "R-0").map(\.event) == [StoredEvent.createEvent, "submit"])
        #expect(try first.verify().isIntact && advisoryLocks(first) == 0)
    }

    @Test("Luật 06/2022/QH15, Điều 5 khoản 2 under concurrency: another union's dossier for the same nominee, award and year submitted between a submission's read and its append is seen — the lone second run refuses the submission naming it")
    func optimisticNomineeDossierConflict() throws {
        let (first, second, definitions, at) = try racingWriters(count: 1)
        let otherUnion = Actor(role: "union_officer", unit: "CDCS-BKHN", user: "tran.x")
        let runner = DossierRunner(definitions: definitions, store: first)
        let other = DossierRunner(definitions: definitions, store: second)
        try other.create(NewDossier(id: "R-9", awardID: "lao_dong_tien_tien", year: 2025, nominee: Nominee(id: "N0", name: "Nguyễn Thị Hoa"),
                                    proposerUnit: otherUnion.unit, addresseeUnit: "LDLD-HN",
                                    documents: ["cover_letter", "achievement_report", "review_minutes"]),
                         by: otherUnion, at: at)
        var runs = 0
        var refusal = ""
        do {
            try first.write { tx in
                runs += 1
                let dossier = try #require(try tx.dossier("R-0"))   // R-9, a draft, is read here with the nominee's dossiers
                if runs == 1 { try other.act(on: "R-9", EventRequest(event: "submit"), by: otherUnion, at: at) }
                _ = try runner.act(in: &tx, on: dossier, EventRequest(event: "submit"), by: StoreFixture.proposer, at: at)
            }
        } catch {
            refusal = "\(error)"
        }
        #expect(runs == 2 && first.conflictRetries == 1)
        #expect(refusal.contains("R-9"), "\(refusal)")
        #expect(try first.events(dossierID: "R-0").map(\.event) == [StoredEvent.createEvent])
        #expect(try first.events(dossierID: "R-9").map(\.event) == [StoredEvent.createEvent, "submit"])
        #expect(try first.verify().isIntact && advisoryLocks(first) == 0)
    }

    @Test("A store of schema 4 (before khenthuong_commit) is brought to the current schema when opened: the old khenthuong_append is replaced, khenthuong_commit is there, and a library act goes through them")
    func migratesFromVersion4() throws {
        let (first, _, definitions, at) = try racingWriters(count: 1)
        try server.admin("""
            DROP PROCEDURE khenthuong_commit;
            DROP FUNCTION khenthuong_append(\(PostgresSchema.version6AppendArguments), integer[]);
            CREATE FUNCTION khenthuong_append(\(PostgresSchema.version4AppendArguments)) RETURNS TABLE (head_seq bigint, head_hash text, renumbered boolean)
                LANGUAGE sql AS 'SELECT NULL::bigint, NULL::text, false';
            UPDATE meta SET value = '4' WHERE key = 'schema_version'
            """, database: first.location)
        let log = try PostgresEventLog(location: first.location)
        let owner = try server.connect(first.location)
        #expect(try owner.exec("SELECT value FROM meta WHERE key = 'schema_version'").text(0, 0) == "\(PostgresSchema.version)")
        #expect(try owner.exec("SELECT string_agg(proname || '/' || pronargs, ' ' ORDER BY proname) FROM pg_proc WHERE proname IN ('khenthuong_append', 'khenthuong_commit')").text(0, 0)
                == "khenthuong_append/12 khenthuong_commit/13")
        try DossierRunner(definitions: definitions, store: log).act(on: "R-0", EventRequest(event: "submit"), by: StoreFixture.proposer, at: at)
        #expect(try log.events(dossierID: "R-0").map(\.event) == [StoredEvent.createEvent, "submit"])
        #expect(try log.verify().isIntact)
    }

    @Test("A store of schema 5 (projection rows written under the chain lock) is brought to the current schema when opened: khenthuong_append and khenthuong_commit are replaced, khenthuong_lock_dossier and (schema 7) khenthuong_mark_unlocked are there, and an act keeps every projection row's last_seq right")
    func migratesFromVersion5() throws {
        let (first, _, definitions, at) = try racingWriters(count: 2)
        // Version 5's functions stand in as ones that would write nothing: only the migration's make the act below work.
        try server.admin("""
            DROP FUNCTION khenthuong_lock_dossier(text);
            DROP FUNCTION khenthuong_mark_unlocked();
            CREATE OR REPLACE FUNCTION khenthuong_append(lock_ms integer, expected_seq bigint, expected_hash text, movable boolean,
                    unsigned boolean, checked_ids text[], checked_xmins text[], absent_ids text[], nominees text[], ev text[], proj text[])
                RETURNS TABLE (head_seq bigint, head_hash text, renumbered boolean) LANGUAGE sql AS 'SELECT NULL::bigint, NULL::text, false';
            CREATE OR REPLACE PROCEDURE khenthuong_commit(lock_ms integer, expected_seq bigint, expected_hash text, movable boolean,
                    unsigned boolean, checked_ids text[], checked_xmins text[], absent_ids text[], nominees text[], ev text[], proj text[],
                    INOUT renumbered boolean DEFAULT NULL) LANGUAGE plpgsql AS $$
                BEGIN
                    SELECT a.renumbered INTO renumbered FROM khenthuong_append(lock_ms, expected_seq, expected_hash, movable, unsigned,
                        checked_ids, checked_xmins, absent_ids, nominees, ev, proj) a;
                    COMMIT;
                END $$;
            UPDATE meta SET value = '5' WHERE key = 'schema_version'
            """, database: first.location)
        let log = try PostgresEventLog(location: first.location)
        let owner = try server.connect(first.location)
        #expect(try owner.exec("SELECT value FROM meta WHERE key = 'schema_version'").text(0, 0) == "\(PostgresSchema.version)")
        #expect(try owner.exec("SELECT count(*) FROM pg_proc WHERE proname IN ('khenthuong_lock_dossier', 'khenthuong_mark_unlocked')").int(0, 0) == 2)
        // Version 6's khenthuong_append and khenthuong_commit (no nominee locks) are gone, not left beside the new ones.
        #expect(try owner.exec("SELECT string_agg(proname || '/' || pronargs, ' ' ORDER BY proname) FROM pg_proc WHERE proname IN ('khenthuong_append', 'khenthuong_commit')").text(0, 0)
                == "khenthuong_append/12 khenthuong_commit/13")
        let runner = DossierRunner(definitions: definitions, store: log)
        try runner.act(on: "R-0", EventRequest(event: "submit"), by: StoreFixture.proposer, at: at)
        try runner.act(on: "R-1", EventRequest(event: "submit"), by: StoreFixture.proposer, at: at)
        #expect(try log.events(dossierID: "R-1").map(\.seq) == [2, 4])
        #expect(try owner.exec("SELECT string_agg(id || '=' || last_seq, ' ' ORDER BY id) FROM dossiers").text(0, 0) == "R-0=3 R-1=4")
        #expect(try log.verify().isIntact && log.rebuild(dryRun: true).isConsistent)
    }

    @Test("khenthuong_lock_dossier, called under the chain lock before a dossier's row is written the classic way, refuses at once with KT423 while another transaction holds the row (which may be waiting for the chain), and locks it once that one ends")
    func lockDossierRefusesAtOnce() throws {
        let (first, _, _, _) = try racingWriters(count: 1)
        let holder = try server.connect(first.location)
        let other = try server.connect(first.location)
        _ = try holder.exec("BEGIN; SELECT 1 FROM dossiers WHERE id = 'R-0' FOR UPDATE")
        let started = Date()
        var state: String?
        do {
            _ = try other.exec("SELECT khenthuong_lock_dossier('R-0')")
        } catch {
            state = error.sqlstate
        }
        #expect(state == PostgresSchema.rowLockedState && Date().timeIntervalSince(started) < 1)
        _ = try holder.exec("COMMIT")
        _ = try other.exec("BEGIN; SELECT khenthuong_lock_dossier('R-0')")
        #expect(try other.exec("SELECT count(*) FROM pg_locks WHERE locktype = 'transactionid' AND pid = pg_backend_pid()").int(0, 0) == 1)
        _ = try other.exec("COMMIT")
    }

    @Test("Six secretariat writers deferring and resuming the same two dossiers at once: moved rows are refused before the chain lock, retried the classic way (rows locked without waiting), and every act either lands or is refused by the workflow — no deadlock, no store error; one chain, projection rows (last_seq included) match the events")
    func writersOnTheSameDossiers() throws {
        let (first, _, definitions, at) = try racingWriters(count: 2)
        let runner = DossierRunner(definitions: definitions, store: first)
        for k in 0..<2 { try runner.act(on: "R-\(k)", EventRequest(event: "submit"), by: StoreFixture.proposer, at: at) }
        let secretariat = Actor(role: "secretariat", unit: "LDLD-HN", user: "tran.b")
        let location = first.location
        let failures = Locked<[String]>([])
        let landed = Locked(0)
        let retried = Locked(0)
        let group = DispatchGroup()
        for w in 0..<6 {
            group.enter()
            Thread.detachNewThread {
                defer { group.leave() }
                do {
                    let log = try PostgresEventLog(location: location)
                    let mine = DossierRunner(definitions: definitions, store: log)
                    for i in 0..<12 {
                        let id = "R-\((w + i) % 2)"
                        let event = try log.dossier(id)?.state == "deferred" ? "resume" : "defer"
                        do {
                            _ = try mine.act(on: id, EventRequest(event: event, reason: "chờ xác minh"), by: secretariat, at: at)
                            landed.withLock { $0 += 1 }
                        } catch StoreError.staleDossier {
                            // Another writer moved the dossier after this one chose the event.
                        } catch let error as StoreError {
                            failures.withLock { $0.append("writer \(w): \(error)") }
                        } catch {
                            // Refused by the workflow: another writer moved the dossier first.
                        }
                    }
                    retried.withLock { $0 += log.conflictRetries }
                } catch {
                    failures.withLock { $0.append("writer \(w): \(error)") }
                }
            }
        }
        group.wait()
        #expect(failures.withLock { $0 } == [])
        // The race is real: writers were sent to the classic way (about thirty times in a run).
        #expect(retried.withLock { $0 } > 0)
        let log = try PostgresEventLog(location: first.location)
        let count = landed.withLock { $0 }
        let events = try log.eventCount()
        #expect(count > 0 && events == Int64(4 + count))
        #expect(try log.verify().isIntact && log.rebuild(dryRun: true).isConsistent)
        #expect(try advisoryLocks(log) == 0)
    }

    @Test("rebuild on a live store: a write holding a dossier's row and then queuing for the chain (as every write does since schema 6) is let through first — the table taken before the chain lock — so neither waits for the other; both succeed")
    func rebuildWaitsForRowHolders() throws {
        let (first, _, _, _) = try racingWriters(count: 1)
        let location = first.location
        // One connection, used by this thread and then by the other, never at once.
        nonisolated(unsafe) let holder = try server.connect(location)
        _ = try holder.exec("BEGIN; SELECT 1 FROM dossiers WHERE id = 'R-0' FOR UPDATE")
        let writer = Locked<String?>(nil)
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            // The write's second half, once the rebuild waits: the chain lock, then its commit.
            usleep(300_000)
            do {
                _ = try holder.exec("SELECT pg_advisory_xact_lock(\(PostgresSchema.chainLock)); COMMIT")
                writer.withLock { $0 = "committed" }
            } catch {
                writer.withLock { $0 = "\(error)" }
            }
            done.signal()
        }
        usleep(100_000)
        let report = try PostgresEventLog(location: location).rebuild(dryRun: false)
        done.wait()
        #expect(writer.withLock { $0 } == "committed")
        #expect(report.rewritten && report.dossierCount == 1)
        #expect(try advisoryLocks(first) == 0)
    }

    @Test("Officers of one union creating dossiers at once, each numbered by the store: every creation succeeds with its own number")
    func concurrentNumberedCreations() throws {
        let location = try server.newDatabase()
        _ = try PostgresEventLog(location: location, create: true)
        let definitions = try StoreFixture.definitions()
        let failures = Locked<[String]>([])
        let group = DispatchGroup()
        for w in 0..<4 {
            group.enter()
            Thread.detachNewThread {
                defer { group.leave() }
                do {
                    let runner = DossierRunner(definitions: definitions, store: try PostgresEventLog(location: location))
                    for k in 0..<10 {
                        try runner.create(NewDossier(awardID: "lao_dong_tien_tien", year: 2025, nominee: Nominee(id: "N\(w)-\(k)", name: "Nguyễn Thị Hoa"),
                                                     proposerUnit: StoreFixture.proposer.unit, addresseeUnit: "LDLD-HN",
                                                     documents: ["cover_letter", "achievement_report", "review_minutes"]),
                                          by: StoreFixture.proposer, at: try StoreFixture.instant("2025-12-01T02:00:00.000Z"))
                    }
                } catch {
                    failures.withLock { $0.append("writer \(w): \(error)") }
                }
            }
        }
        group.wait()
        #expect(failures.withLock { $0 } == [])
        let log = try PostgresEventLog(location: location)
        #expect(try Set(log.dossiers().map(\.id)).count == 40 && log.verify().isIntact)
    }

    @Test("Events and commits are append-only in the database: the owner's UPDATE, DELETE and TRUNCATE hit the triggers; the application role has no such privilege")
    func appendOnlyEnforced() throws {
        let log = try newLog()
        let definitions = try StoreFixture.definitions()
        let key = try PrivateKey.generate(.ed25519)
        log.signer = key
        try Self.createDossiers(log, prefix: "HS", count: 2, definitions: definitions)
        let owner = try server.connect(log.location)
        for sql in ["UPDATE events SET reason = 'x' WHERE seq = 1", "DELETE FROM events WHERE seq = 2", "TRUNCATE events CASCADE",
                    "UPDATE commits SET signature = 'x'", "DELETE FROM commits"] {
            #expect(throws: PGFailure.self) { try owner.exec(sql) }
            do { try owner.exec(sql) } catch { #expect(error.sqlstate == "P0001" && error.message.contains("append-only"), "\(sql)") }
        }
        // The application role, granted as docs/postgres.md says.
        let role = "kt_app_\(UUID().uuidString.prefix(6).lowercased())"
        try owner.exec("""
            CREATE ROLE \(role) LOGIN;
            GRANT SELECT, INSERT ON events, commits TO \(role);
            GRANT SELECT, INSERT, UPDATE, DELETE ON dossiers, meta TO \(role);
            """)
        let appLocation = log.location.replacingOccurrences(of: "user=\(server.superuser)", with: "user=\(role)")
        let app = try PostgresEventLog(location: appLocation)
        app.signer = key
        try Self.createDossiers(app, prefix: "APP", count: 1, definitions: definitions)
        #expect(try app.eventCount() == 3 && app.verify().isIntact)
        let appConnection = try server.connect(appLocation)
        for sql in ["UPDATE events SET reason = 'x' WHERE seq = 1", "DELETE FROM events", "UPDATE commits SET at = 'x'", "DELETE FROM commits"] {
            do {
                try appConnection.exec(sql)
                Issue.record("\(sql) was allowed")
            } catch {
                #expect(error.sqlstate == "42501", "\(sql): \(error)")
            }
        }
        #expect(try log.verify().isIntact && log.eventCount() == 3)
    }

    @Test("Row-level security as docs/sql/row-level-security.sql sets it up: a union's role reads its own dossiers and the public ones with their events, acts on its own, appends after another union's head, and cannot see or act on another union's dossier")
    func rowLevelSecurity() throws {
        let log = try newLog()
        let definitions = try StoreFixture.definitions()
        let owner = try server.connect(log.location)
        let tag = UUID().uuidString.prefix(6).lowercased()
        let sql = try String(contentsOfFile: StoreFixture.workflowsDirectory + "/../docs/sql/row-level-security.sql", encoding: .utf8)
            .replacingOccurrences(of: "khenthuong_union", with: "kt_union_\(tag)")
            .replacingOccurrences(of: "khenthuong_federation", with: "kt_federation_\(tag)")
        try owner.exec(sql)
        let (roleA, roleB) = ("kt_cdcs_a_\(tag)", "kt_cdcs_b_\(tag)")
        let otherUnion = Actor(role: "union_officer", unit: "CDCS-KHAC", user: "le.c")
        try owner.exec("""
            CREATE ROLE \(roleA) LOGIN PASSWORD 'mat-khau-a' IN ROLE kt_union_\(tag);
            CREATE ROLE \(roleB) LOGIN IN ROLE kt_union_\(tag);
            INSERT INTO khenthuong_role_units (role, unit) VALUES ('\(roleA)', '\(StoreFixture.proposer.unit)'), ('\(roleB)', '\(otherUnion.unit)');
            """)
        // The password is kept as a SCRAM-SHA-256 verifier (the server's default since PostgreSQL 14).
        #expect(try owner.exec("SELECT rolpassword LIKE 'SCRAM-SHA-256$%' FROM pg_authid WHERE rolname = '\(roleA)'").text(0, 0) == "t")
        func new(_ nominee: String, _ unit: String) -> NewDossier {
            NewDossier(id: "HS-\(nominee)", awardID: "lao_dong_tien_tien", year: 2025, nominee: Nominee(id: nominee, name: "Nguyễn Thị Hoa"),
                       proposerUnit: unit, addresseeUnit: "LDLD-HN", documents: ["cover_letter", "achievement_report", "review_minutes"])
        }
        let at = try StoreFixture.instant("2025-12-01T02:00:00.000Z")
        let asA = DossierRunner(definitions: definitions, store: try PostgresEventLog(location: log.location.replacingOccurrences(of: "user=\(server.superuser)", with: "user=\(roleA)")))
        let asB = DossierRunner(definitions: definitions, store: try PostgresEventLog(location: log.location.replacingOccurrences(of: "user=\(server.superuser)", with: "user=\(roleB)")))
        try asA.create(new("A1", StoreFixture.proposer.unit), by: StoreFixture.proposer, at: at)
        try asB.create(new("B1", otherUnion.unit), by: otherUnion, at: at)
        // A appends after B's event, which it cannot read: the head is the one row it sees of B's.
        try asA.act(on: "HS-A1", EventRequest(event: "submit"), by: StoreFixture.proposer, at: at.addingTimeInterval(60))
        #expect(try asA.store.dossiers().map(\.id) == ["HS-A1"] && asB.store.dossiers().map(\.id) == ["HS-B1"])
        #expect(try asA.store.dossier("HS-B1") == nil && asA.store.events(dossierID: "HS-B1") == [])
        #expect(try asA.store.events(dossierID: "HS-A1").map(\.seq) == [1, 3])
        #expect(throws: (any Error).self) {
            try asA.act(on: "HS-B1", EventRequest(event: "submit"), by: StoreFixture.proposer, at: at.addingTimeInterval(120))
        }
        // A union role may not write a dossier row of another union's.
        let rawA = try server.connect(log.location.replacingOccurrences(of: "user=\(server.superuser)", with: "user=\(roleA)"))
        do {
            try rawA.exec("INSERT INTO dossiers SELECT 'HS-X', workflow, workflow_version, award, year, nominee_id, nominee_name, nominee_kind, 'CDCS-KHAC', addressee_unit, state, previous_state, entered_state_at, documents, due_date, created_at, event_count, previous_entered_at, last_seq FROM dossiers WHERE id = 'HS-A1'")
            Issue.record("a row for another union was written")
        } catch {
            #expect(error.sqlstate == "42501", "\(error)")
        }
        // A state made public: every union reads those dossiers and their events.
        try owner.exec("INSERT INTO khenthuong_public_states (state) VALUES ('draft')")
        #expect(try asA.store.dossiers().map(\.id) == ["HS-A1", "HS-B1"] && asA.store.events(dossierID: "HS-B1").map(\.seq) == [2])
        // A write the classic way (a creation numbered by the store takes the chain lock to count)
        // leaves the nominee locks' mark (schema 7), though the role may only read `meta`.
        try asA.create(NewDossier(awardID: "lao_dong_tien_tien", year: 2025, nominee: Nominee(id: "A2", name: "Nguyễn Thị Hoa"),
                                  proposerUnit: StoreFixture.proposer.unit, addresseeUnit: "LDLD-HN", documents: ["cover_letter"]),
                       by: StoreFixture.proposer, at: at.addingTimeInterval(180))
        #expect(try owner.exec("SELECT value FROM meta WHERE key = '\(PostgresSchema.unlockedMark)'").text(0, 0) == "4")
        #expect(try log.verify().isIntact && log.eventCount() == 4)
    }

    @Test("A role without INSERT is told which GRANT it lacks, and nothing is written")
    func roleWithoutInsert() throws {
        let log = try newLog()
        let owner = try server.connect(log.location)
        let role = "kt_reader_\(UUID().uuidString.prefix(6).lowercased())"
        try owner.exec("CREATE ROLE \(role) LOGIN; GRANT SELECT ON events, commits, dossiers, meta TO \(role);")
        let reader = try PostgresEventLog(location: log.location.replacingOccurrences(of: "user=\(server.superuser)", with: "user=\(role)"))
        let definitions = try StoreFixture.definitions()
        do {
            try Self.createDossiers(reader, prefix: "HS", count: 1, perWrite: 1, definitions: definitions)
            Issue.record("the write was allowed")
        } catch let error as StoreError {
            guard case .postgres(_, let state, _) = error else { Issue.record("\(error)"); return }
            #expect(state == "42501")
            #expect(error.message(.en).contains("GRANT SELECT, INSERT ON events, commits"))
        }
        #expect(try log.eventCount() == 0 && log.dossierCount() == 0)
    }

    @Test("Refusals: a password in the location, a wrong password, a database of another program, an unknown schema version, a database not initialised, an unreachable server")
    func refusals() throws {
        #expect(throws: StoreError.passwordInLocation("postgresql://kt:***@localhost/kt")) {
            _ = try PostgresEventLog(location: "postgresql://kt:secret@localhost/kt")
        }
        #expect(throws: StoreError.passwordInLocation("postgresql://localhost/kt?password=***")) {
            _ = try PostgresEventLog(location: "postgresql://localhost/kt?password=secret")
        }
        // Another program's database: tables, no KhenThuong meta.
        let other = try server.newDatabase()
        try server.admin("CREATE TABLE invoices (id int)", database: other)
        #expect(throws: StoreError.notAStore(other)) { _ = try PostgresEventLog(location: other, create: true) }
        // Not initialised: refused unless creating.
        let empty = try server.newDatabase()
        #expect(throws: StoreError.notInitialized(empty)) { _ = try PostgresEventLog(location: empty) }
        // A newer schema.
        let log = try newLog()
        try server.admin("UPDATE meta SET value = '99' WHERE key = 'schema_version'", database: log.location)
        #expect(throws: StoreError.newerSchema(path: log.location, found: 99, supported: PostgresSchema.version)) {
            _ = try PostgresEventLog(location: log.location)
        }
        // An unreachable server.
        let nowhere = "postgresql:///kt?host=/nonexistent-khenthuong"
        do {
            _ = try PostgresEventLog(location: nowhere)
            Issue.record("connected to nowhere")
        } catch {
            guard case .cannotConnect(let path, _) = error else { Issue.record("\(error)"); return }
            #expect(path == nowhere && error.message(.en).contains("PGHOST, PGPORT"))
        }
        // A wrong password (only on the cluster these tests configure).
        guard server.folder != nil else { return }
        try server.admin("DO $$ BEGIN CREATE ROLE kt_password LOGIN PASSWORD 'đúng-mật-khẩu'; EXCEPTION WHEN duplicate_object THEN NULL; END $$")
        let dir = try StoreTemporaryDirectory()
        let passfile = dir.path("pgpass")
        try "*:*:*:kt_password:sai-mật-khẩu\n".write(toFile: passfile, atomically: true, encoding: .utf8)
        chmod(passfile, 0o600)
        let location = server.url("postgres", user: "kt_password") + "&passfile=\(passfile)"
        do {
            _ = try PostgresEventLog(location: location)
            Issue.record("a wrong password was accepted")
        } catch {
            guard case .cannotConnect = error else { Issue.record("\(error)"); return }
            #expect(error.message(.en).contains("~/.pgpass") && error.message(.en).contains("PGPASSWORD"))
        }
    }

    @Test("A password login over loopback TCP with scram-sha-256, the password from a ~/.pgpass-format file or PGPASSWORD, never the command line: the right one opens the store; a wrong one makes the CLI say where the password goes, exit 3")
    func passwordOverTCP() throws {
        guard server.folder != nil else { return }   // the cluster these tests configure
        try server.admin("DO $$ BEGIN CREATE ROLE kt_password LOGIN PASSWORD 'đúng-mật-khẩu'; EXCEPTION WHEN duplicate_object THEN NULL; END $$")
        let socketLocation = try server.newDatabase()
        _ = try PostgresEventLog(location: socketLocation, create: true)
        try server.admin("GRANT SELECT, INSERT ON events, commits TO kt_password; GRANT SELECT, INSERT, UPDATE, DELETE ON dossiers, meta TO kt_password",
                         database: socketLocation)
        let name = String(try #require(URLComponents(string: socketLocation)).path.dropFirst())
        let tcp = "postgresql://kt_password@127.0.0.1:\(server.port)/\(name)"
        #expect(try server.connect(server.adminURL).exec("SELECT rolpassword LIKE 'SCRAM-SHA-256$%' FROM pg_authid WHERE rolname = 'kt_password'").text(0, 0) == "t")

        // The ~/.pgpass format (the file named by `passfile`, as libpq reads ~/.pgpass).
        let dir = try StoreTemporaryDirectory()
        let passfile = dir.path("pgpass")
        try "127.0.0.1:\(server.port):\(name):kt_password:đúng-mật-khẩu\n".write(toFile: passfile, atomically: true, encoding: .utf8)
        chmod(passfile, 0o600)
        let log = try PostgresEventLog(location: tcp + "?passfile=\(passfile)")
        let session = try log.connection.exec("SELECT host(inet_client_addr()), current_user")
        #expect(session.text(0, 0) == "127.0.0.1" && session.text(0, 1) == "kt_password")
        #expect(try log.verify().isIntact)

        // PGPASSWORD, to the command line tool (its own process, so this process's environment is left alone).
        func khenthuong(_ password: String) throws -> (code: Int32, err: String) {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("khenthuong")
            p.arguments = ["verify"]
            p.currentDirectoryURL = URL(fileURLWithPath: StoreFixture.workflowsDirectory).deletingLastPathComponent()
            p.environment = ["PATH": "/usr/bin:/bin", "HOME": dir.url.path, "KHENTHUONG_STORE": tcp, "PGPASSWORD": password]
            let err = Pipe()
            p.standardOutput = Pipe()
            p.standardError = err
            try p.run()
            let text = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            p.waitUntilExit()
            return (p.terminationStatus, text)
        }
        let wrong = try khenthuong("sai-mật-khẩu")
        #expect(wrong.code == 3 && wrong.err.contains("PGPASSWORD") && wrong.err.contains("~/.pgpass"), "\(wrong)")
        let right = try khenthuong("đúng-mật-khẩu")
        #expect(right.code == 0, "\(right)")
    }

    @Test("store copy SQLite → PostgreSQL → SQLite keeps every row byte for byte, signatures verify, a non-empty destination is refused, a failed copy keeps nothing")
    func copyRoundTrip() throws {
        let dirs = (try StoreTemporaryDirectory(), try StoreTemporaryDirectory())
        let sqlite = try EventStore(path: dirs.0.path("demo.sqlite"))
        let key = try PrivateKey.generate(.ed25519)
        sqlite.signer = key
        _ = try EventLogBackendTests.runDemo(on: sqlite, files: dirs.0.url)
        let pg = try newLog()
        let summary = try StoreCopy.copy(from: sqlite, to: pg)
        let sourceCommits = try sqlite.commits(from: 1).count
        #expect(summary.events == 74 && summary.commits == sourceCommits && summary.commits > 0)
        #expect(try pg.storeID() == sqlite.storeID())
        // The copy's commits leave the signed mark the append reads (schema 7).
        #expect(try server.connect(pg.location).exec("SELECT value FROM meta WHERE key = '\(PostgresSchema.signedMark)'").text(0, 0) == "true")
        let report = try pg.verify()
        let sourceReport = try sqlite.verify()
        #expect(report.isIntact && report.commits.badCount == 0 && report == sourceReport)
        let back = try EventStore(path: dirs.1.path("back.sqlite"))
        _ = try StoreCopy.copy(from: pg, to: back)
        for table in ["events ORDER BY seq", "commits ORDER BY last_seq", "dossiers ORDER BY id", "meta WHERE key = 'store_id'"] {
            #expect(try Self.dump(sqlite.path, table) == Self.dump(back.path, table), "\(table)")
        }
        #expect(throws: StoreError.destinationNotEmpty(pg.location)) { _ = try StoreCopy.copy(from: sqlite, to: pg) }
        // A source whose chain repeats a number fails in the middle of the copy: nothing is kept.
        let (smallDirs, _, memory) = try EventLogBackendTests.smallPair()
        memory.tamper(seq: 4) { $0.seq = 3 }
        let target = try newLog()
        #expect(throws: StoreError.self) { _ = try StoreCopy.copy(from: memory, to: target) }
        #expect(try target.eventCount() == 0 && target.dossierCount() == 0 && target.commits(from: 1).isEmpty)
        // An unsigned store copied (no commit row, the copy's statement on `commits` still run)
        // leaves no signed mark: unsigned writes go on.
        let unsigned = try newLog()
        _ = try StoreCopy.copy(from: try EventLogBackendTests.smallPair().2, to: unsigned)
        #expect(try server.connect(unsigned.location).exec("SELECT count(*) FROM meta WHERE key = '\(PostgresSchema.signedMark)'").int(0, 0) == 0)
        #expect(try StoreCopy.copy(from: sqlite, to: target).events == 74)
        withExtendedLifetime(smallDirs) {}
        withExtendedLifetime(dirs) {}
    }

    @Test("Reading the chain page by page (the next page asked for while this one is handled) gives SQLite's verify, audit, scan and rebuild, whatever the page size")
    func pagedReadsMatchSQLite() throws {
        let dirs = try StoreTemporaryDirectory()
        let sqlite = try EventStore(path: dirs.path("demo.sqlite"))
        // Signed by a key the store's directory does not know: the grant walk runs and finds
        // every event unauthorised, the same on both backends.
        sqlite.signer = try PrivateKey.generate(.ed25519)
        let files = try StoreTemporaryDirectory()
        _ = try EventLogBackendTests.runDemo(on: sqlite, files: files.url)
        let pg = try newLog()
        _ = try StoreCopy.copy(from: sqlite, to: pg)
        let definitions = try StoreFixture.definitions()
        let expected = try StoreAudit.run(sqlite, definitions: definitions)
        #expect(expected.chain.isIntact && expected.checkedEvents > 0 && expected.unauthorisedCount > 0)
        var all: [StoredEvent] = []
        try sqlite.scan { all.append($0) }
        for size in [1, 5, 74, 75, 16384] {
            pg.fetchSize = size
            let audit = try StoreAudit.run(pg, definitions: definitions)
            #expect(audit.chain == expected.chain, "page of \(size)")
            #expect(audit.checkedEvents == expected.checkedEvents && audit.firstUnauthorised == expected.firstUnauthorised
                    && audit.unauthorisedCount == expected.unauthorisedCount && audit.projectionFaults == [], "page of \(size)")
            var scanned: [StoredEvent] = []
            try pg.scan { scanned.append($0) }
            #expect(scanned == all, "page of \(size)")
            #expect(try pg.rebuild(dryRun: true) == sqlite.rebuild(dryRun: true), "page of \(size)")
        }
        // A walk that stops in the middle of a page leaves the connection usable.
        pg.fetchSize = 5
        var seen = 0
        #expect(throws: StoreError.self) {
            try pg.scan { _ throws(StoreError) in
                seen += 1
                if seen == 7 { throw StoreError.busy(pg.location) }
            }
        }
        #expect(try seen == 7 && pg.eventCount() == 74)
        withExtendedLifetime((dirs, files)) {}
    }

    @Test("A connection lost in the middle of a command: a clear message, exit-3 kind, and nothing of the command written")
    func connectionLostMidCommand() throws {
        let log = try newLog()
        let definitions = try StoreFixture.definitions()
        try Self.createDossiers(log, prefix: "HS", count: 1, definitions: definitions)
        let admin = try server.connect(server.adminURL)
        do {
            try log.write { tx in
                let d = try StoreFixture.newDossier("HS-lost", definitions: definitions, createdAt: try StoreFixture.instant("2025-12-02T02:00:00.000Z"))
                try tx.append(created: d, actor: StoreFixture.proposer, at: d.createdAt)
                let pid = try log.connection.exec("SELECT pg_backend_pid()").text(0, 0)
                try admin.exec("SELECT pg_terminate_backend(\(pid))")
                let e = try StoreFixture.newDossier("HS-lost-2", definitions: definitions, createdAt: d.createdAt)
                try tx.append(created: e, actor: StoreFixture.proposer, at: e.createdAt)
            }
            Issue.record("the write succeeded on a terminated connection")
        } catch let error as StoreError {
            guard case .postgres(_, let state, _) = error else { Issue.record("\(error)"); return }
            #expect(state.hasPrefix("08") || state.hasPrefix("57"), "\(state)")
            #expect(error.message(.en).contains("wrote nothing"))
        }
        let fresh = try PostgresEventLog(location: log.location)
        #expect(try fresh.eventCount() == 1 && fresh.dossier("HS-lost") == nil && fresh.verify().isIntact)
    }

    @Test("The server stopped at once (pg_ctl stop -m immediate) while writers commit five events at a time: after a restart, every acknowledged commit is there, no commit is half-written, the chain verifies")
    func immediateStopMidBatch() throws {
        guard PostgresTestServer.shared?.folder != nil else { return } // needs a cluster of its own
        let cluster = try PostgresTestServer.start()
        defer { cluster.destroy() }
        let location = try cluster.newDatabase()
        _ = try PostgresEventLog(location: location, create: true)
        let definitions = try StoreFixture.definitions()
        let acknowledged = Locked<Int>(0)
        let writerDone = DispatchSemaphore(value: 0)
        let errors = Locked<[String]>([])
        Thread.detachNewThread {
            defer { writerDone.signal() }
            do {
                let log = try PostgresEventLog(location: location)
                var batch = 0
                while true {
                    try Self.createDossiers(log, prefix: "B\(batch)", count: 5, perWrite: 5, definitions: definitions)
                    batch += 1
                    acknowledged.withLock { $0 += 5 }
                }
            } catch {
                errors.withLock { $0.append("\(error)") }
            }
        }
        // Until the writer has committed a hundred events (or failed: then the expectation below fails).
        var waited = 0
        while acknowledged.withLock({ $0 }) < 100 && errors.withLock({ $0.isEmpty }) && waited < 30_000 {
            usleep(2_000)
            waited += 2
        }
        try cluster.stopImmediately()
        writerDone.wait()
        #expect(errors.withLock { $0 }.count == 1)
        try cluster.startServer()
        let log = try PostgresEventLog(location: location)
        let count = try log.eventCount()
        let acked = Int64(acknowledged.withLock { $0 })
        // A commit whose acknowledgement was lost with the server may be there too (5 more).
        #expect(count == acked || count == acked + 5, "\(count) events, \(acked) acknowledged")
        #expect(count % 5 == 0)
        let report = try log.verify()
        #expect(report.isIntact && report.eventCount == count && report.headSeq == count)
        #expect(try log.rebuild(dryRun: true).isConsistent && log.dossierCount() == Int(count))
    }

    /// Every row of `table` (with its ORDER BY) of the SQLite file, as text.
    static func dump(_ path: String, _ table: String) throws -> [String] {
        let store = try EventStore(path: path)
        return try store.sql { () throws(SQLiteFailure) in
            let s = try store.connection.prepare("SELECT * FROM \(table)")
            var rows: [String] = []
            while try s.step() { rows.append((0..<s.columnCount).map { s.optionalText(Int32($0)) ?? "NULL" }.joined(separator: "|")) }
            return rows
        }
    }
}
