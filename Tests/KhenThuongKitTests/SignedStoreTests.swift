import CSQLite
import Foundation
import Testing
@testable import KhenThuongCore
@testable import KhenThuongDefinitions
@testable import KhenThuongStore
@testable import KhenThuongKit

/// Raw SQL with bound parameters on a store file, triggers dropped first: what an attacker
/// holding the file can do behind the library's back.
enum SignedTamper {
    struct Failure: Error, CustomStringConvertible { var description: String }

    /// Drops every trigger, then runs each statement with its parameters (texts, `nil` for NULL,
    /// or Int64), in one transaction.
    static func run(_ path: String, _ statements: [(String, [Any?])]) throws {
        var db: OpaquePointer?
        guard sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, nil) == SQLITE_OK, let db else {
            throw Failure(description: "cannot open \(path)")
        }
        defer { sqlite3_close(db) }
        var triggers: [String] = []
        var list: OpaquePointer?
        sqlite3_prepare_v2(db, "SELECT name FROM sqlite_master WHERE type = 'trigger'", -1, &list, nil)
        while sqlite3_step(list) == SQLITE_ROW { triggers.append(String(cString: sqlite3_column_text(list, 0))) }
        sqlite3_finalize(list)
        var all: [(String, [Any?])] = triggers.map { ("DROP TRIGGER \"\($0)\"", []) }
        all.insert(("BEGIN", []), at: 0)
        all += statements
        all.append(("COMMIT", []))
        let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
        for (sql, parameters) in all {
            var s: OpaquePointer?
            guard sqlite3_prepare_v2(db, sql, -1, &s, nil) == SQLITE_OK else {
                throw Failure(description: "\(sql): \(String(cString: sqlite3_errmsg(db)))")
            }
            defer { sqlite3_finalize(s) }
            for (i, p) in parameters.enumerated() {
                let n = Int32(i + 1)
                switch p {
                case let text as String: sqlite3_bind_text(s, n, text, -1, transient)
                case let int as Int64: sqlite3_bind_int64(s, n, int)
                case let int as Int: sqlite3_bind_int64(s, n, Int64(int))
                default: sqlite3_bind_null(s, n)
                }
            }
            guard sqlite3_step(s) == SQLITE_DONE else {
                throw Failure(description: "\(sql): \(String(cString: sqlite3_errmsg(db)))")
            }
        }
    }

    /// The columns of `event` in the order of `StoreSchema.eventColumns`.
    static func row(_ e: StoredEvent) -> [Any?] {
        [e.seq, e.dossierID, e.kind.rawValue, e.event, e.fromState, e.toState, e.actor.role, e.actor.unit, e.actor.user,
         StoreTime.iso(e.at), e.reason, e.payload, e.prevHash, e.hash]
    }

    /// Appends `event` as a raw row.
    static func insert(_ path: String, _ event: StoredEvent) throws {
        try run(path, [("INSERT INTO events (\(StoreSchema.eventColumns)) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
                        row(event))])
    }

    /// Gives event `seq` the payload `payload`, then recomputes its hash and every following
    /// event's link and hash, as an attacker who knows the hash function would: the chain reads
    /// intact again, only the signatures (and checkpoints) still hold the old head.
    static func editAndRecompute(_ path: String, seq: Int64, payload: String) throws {
        var events: [StoredEvent] = []
        do {
            let store = try EventStore(path: path)
            try store.scan { events.append($0) }
        }
        var head: (seq: Int64, hash: String)? = events.first { $0.seq == seq - 1 }.map { ($0.seq, $0.hash) }
        var statements: [(String, [Any?])] = []
        for e in events where e.seq >= seq {
            let next = EventChain.event(after: head, dossierID: e.dossierID, kind: e.kind, event: e.event, from: e.fromState,
                                        to: e.toState, actor: e.actor, at: e.at, reason: e.reason,
                                        payload: e.seq == seq ? payload : e.payload)
            statements.append(("UPDATE events SET payload = ?1, prev_hash = ?2, hash = ?3 WHERE seq = ?4",
                               [next.payload, next.prevHash, next.hash, next.seq]))
            head = (next.seq, next.hash)
        }
        try run(path, statements)
    }
}

/// Signed commits, the directory's grants, checkpoints and the verified mark, each attacked the
/// way someone holding the store file would: every test here passes only because the identity
/// layer catches the attack (without it, each tampered store reads as intact).
@Suite struct SignedStoreTests {
    let folder: StoreTemporaryDirectory
    let path: String
    let t0: Date
    let adminKey: PrivateKey
    let keyA: PrivateKey
    let keyB: PrivateKey

    init() throws {
        folder = try StoreTemporaryDirectory()
        path = folder.path()
        t0 = try StoreFixture.instant("2025-12-01T02:00:00.000Z")
        adminKey = try PrivateKey.generate()
        keyA = try PrivateKey.generate()
        keyB = try PrivateKey.generate()
    }

    static let admin = Actor(role: Grant.administratorRole, unit: "*", user: "admin")
    static let officerA = Actor(role: "union_officer", unit: "CDCS-DHBK", user: "a")
    static let secretariatC = Actor(role: "secretariat", unit: "LDLD-HN", user: "c")

    /// `t0` plus `minutes`.
    func at(_ minutes: Double) -> Date { t0.addingTimeInterval(minutes * 60) }

    /// Appends one record about another subject (`note:…`) with payload `{"n":i}`.
    @discardableResult
    func note(_ store: EventStore, _ i: Int, by signer: PrivateKey?, actor: Actor = SignedStoreTests.officerA,
              at time: Date) throws -> StoredEvent {
        try store.write(signedBy: signer) { tx in
            try tx.appendRecord(subject: "note:\(i)", event: "note", actor: actor, at: time, payload: #"{"n":\#(i)}"#)
        }
    }

    /// The directory the grant tests stand on: the administrator (signing their own record),
    /// TLD → LDLD-HN → CDN-GDHN → CDCS-DHBK, and key A as `union_officer@CDCS-DHBK:a`; then
    /// dossier HS-1 created by A. Events 1–7, each write signed, times `t0` + 0…6 minutes.
    func directoryStore(definitions: Definitions) throws -> EventStore {
        let store = try EventStore(path: path)
        let records: [any StoreRecord] = [
            AdministratorAdded(key: adminKey.publicKey, user: "admin", name: "Nguyễn Quản Trị"),
            UnitAdded(code: "TLD", name: "Tổng Liên đoàn Lao động Việt Nam", kind: .tld, parent: nil),
            UnitAdded(code: "LDLD-HN", name: "Liên đoàn Lao động thành phố Hà Nội", kind: .ldldTinh, parent: "TLD"),
            UnitAdded(code: "CDN-GDHN", name: "Công đoàn ngành Giáo dục Hà Nội", kind: .cdCapTren, parent: "LDLD-HN"),
            UnitAdded(code: "CDCS-DHBK", name: "Công đoàn Đại học Bách khoa Hà Nội", kind: .cdcs, parent: "CDN-GDHN"),
            GrantAdded(role: "union_officer", unit: "CDCS-DHBK", user: "a", name: "Nguyễn Văn A", key: keyA.publicKey),
        ]
        for (i, r) in records.enumerated() {
            _ = try store.write(signedBy: adminKey) { tx in try tx.append(r, actor: Self.admin, at: at(Double(i))) }
        }
        let dossier = try StoreFixture.newDossier("HS-1", definitions: definitions, createdAt: at(6))
        _ = try store.write(signedBy: keyA) { tx in try tx.append(created: dossier, actor: Self.officerA, at: at(6)) }
        return store
    }

    // MARK: 1–2: signed writes

    @Test("Each signed write stores one commit over its events; verify counts them, with no unsigned events")
    func signedWritesMakeCommits() throws {
        let store = try EventStore(path: path)
        store.signer = keyA
        try note(store, 1, by: keyA, at: at(0))
        try store.write { tx in
            for i in 2...4 { try tx.appendRecord(subject: "note:\(i)", event: "note", actor: Self.officerA, at: at(1), payload: "{}") }
        }
        try note(store, 5, by: keyB, at: at(2))
        let commits = try store.commits(from: 1)
        #expect(commits.map { [$0.firstSeq, $0.lastSeq] } == [[1, 1], [2, 4], [5, 5]])
        #expect(commits.map(\.publicKey) == [keyA.publicKey, keyA.publicKey, keyB.publicKey])
        #expect(commits.last?.headHash == (try store.head())?.hash)
        let report = try store.verify()
        #expect(report.isIntact)
        #expect(report.commits.commitCount == 3 && report.commits.signedEvents == 5 && report.commits.unsignedBefore == 0)
        #expect(report.commits.firstBad == nil && report.commits.badCount == 0)
    }

    @Test("After a signed write, an unsigned one is refused and a back-dated signed one too; nothing is written; 5 minutes of clock skew pass")
    func unsignedAndBackDatedWritesRefused() throws {
        let store = try EventStore(path: path)
        try note(store, 1, by: keyA, at: at(10))
        do {
            try note(store, 2, by: nil, at: at(11))
            Issue.record("an unsigned write after a signed one was accepted")
        } catch let error as StoreError {
            #expect(error == .signatureRequired(path))
        }
        #expect(try store.eventCount() == 1 && (try store.commits(from: 1)).count == 1)
        do {
            try note(store, 2, by: keyA, at: at(10 - 5.5))
            Issue.record("a write back-dated by 5.5 minutes was accepted")
        } catch let error as StoreError {
            guard case .clockBehind(let p, let newest, let now) = error else {
                Issue.record("expected clockBehind, got \(error)")
                return
            }
            #expect(p == path && newest == StoreTime.iso(at(10)) && now == StoreTime.iso(at(4.5)))
        }
        #expect(try store.eventCount() == 1 && (try store.commits(from: 1)).count == 1)
        try note(store, 2, by: keyA, at: at(10 - 4.5))
        #expect(try store.eventCount() == 2)
        #expect(try store.verify().isIntact)
    }

    // MARK: 3–6: the file edited behind the library's back

    @Test("A signature byte flipped in the commits table is caught: that commit, bad signature, its key")
    func flippedSignatureByteCaught() throws {
        let store = try EventStore(path: path)
        try note(store, 1, by: keyA, at: at(0))
        try note(store, 2, by: keyB, at: at(1))
        try note(store, 3, by: keyA, at: at(2))
        var signature = try #require(try store.commits(from: 2).first).signature
        signature[17] ^= 0x01
        try SignedTamper.run(path, [("UPDATE commits SET signature = ?1 WHERE last_seq = 2", [Data(signature).base64EncodedString()])])
        let report = try EventStore(path: path).verify()
        #expect(report.firstBroken == nil, "the chain itself is untouched")
        #expect(!report.isIntact)
        #expect(report.commits.firstBad == BadCommit(firstSeq: 2, lastSeq: 2, keyID: keyB.publicKey.id, problem: .badSignature))
        #expect(report.commits.badCount == 1)
    }

    @Test("An event appended by raw SQL with a correct hash keeps the chain intact but is caught as unsigned")
    func rawEventWithCorrectHashCaughtUnsigned() throws {
        let store = try EventStore(path: path)
        try note(store, 1, by: keyA, at: at(0))
        try note(store, 2, by: keyA, at: at(1))
        let forged = EventChain.event(after: try store.head(), dossierID: "note:3", kind: .record, event: "note", from: nil, to: "",
                                      actor: Self.officerA, at: at(2), reason: nil, payload: #"{"n":3}"#)
        try SignedTamper.insert(path, forged)
        let report = try EventStore(path: path).verify()
        #expect(report.eventCount == 3 && report.firstBroken == nil, "the forged event is correctly chained")
        #expect(report.commits.firstBad == BadCommit(firstSeq: 3, lastSeq: 3, keyID: nil, problem: .unsigned))
        #expect(!report.isIntact)
    }

    @Test("A payload edited and the whole chain recomputed: the first commit at or after the edit no longer holds its head; an earlier checkpoint differs")
    func recomputedChainCaughtByCommitsAndCheckpoint() throws {
        let store = try EventStore(path: path)
        for i in 1...3 { try note(store, i, by: keyA, at: at(Double(i))) }
        _ = try store.write(signedBy: keyB) { tx in
            for i in 4...5 { try tx.appendRecord(subject: "note:\(i)", event: "note", actor: Self.officerA, at: at(4), payload: #"{"n":\#(i)}"#) }
        }
        try note(store, 6, by: keyA, at: at(5))
        let checkpoint = try Checkpoint.make(store, signer: adminKey, at: at(6))
        #expect(try CheckpointResult.check(store, against: checkpoint) == .extends)
        let before = try #require(try store.head())

        try SignedTamper.editAndRecompute(path, seq: 4, payload: #"{"n":40}"#)
        let tampered = try EventStore(path: path)
        let report = try tampered.verify()
        #expect(report.firstBroken == nil, "the recomputed chain reads intact")
        #expect(report.headHash != before.hash)
        #expect(report.commits.firstBad == BadCommit(firstSeq: 4, lastSeq: 5, keyID: keyB.publicKey.id, problem: .headMismatch))
        #expect(report.commits.badCount == 2, "the commit of event 6 covers a recomputed head too")
        #expect(try CheckpointResult.check(tampered, against: checkpoint) == .differs(seq: 6, hash: report.headHash ?? ""))
    }

    @Test("Events removed from the end, or all of them, leave a chain that reads intact; an earlier checkpoint shows the truncation")
    func truncationCaughtByCheckpoint() throws {
        let store = try EventStore(path: path)
        for i in 1...5 { try note(store, i, by: keyA, at: at(Double(i))) }
        let checkpoint = try Checkpoint.make(store, signer: keyA, at: at(6))
        #expect(checkpoint.eventCount == 5 && checkpoint.signatureIsValid)
        // The text round-trips: what a file holds is what is checked.
        #expect(try Checkpoint(parsing: checkpoint.text) == checkpoint)

        try SignedTamper.run(path, [("DELETE FROM events WHERE seq > 3", []), ("DELETE FROM commits WHERE last_seq > 3", [])])
        let cut = try EventStore(path: path)
        #expect(try cut.verify().isIntact, "the cut chain and its commits read intact by themselves")
        #expect(try CheckpointResult.check(cut, against: checkpoint) == .truncated(events: 3))

        try SignedTamper.run(path, [("DELETE FROM events", []), ("DELETE FROM commits", [])])
        let empty = try EventStore(path: path)
        let report = try empty.verify()
        #expect(report.isIntact && report.eventCount == 0, "an empty store reads intact: “0 events”")
        #expect(try CheckpointResult.check(empty, against: checkpoint) == .truncated(events: 0))
    }

    // MARK: 7: grants

    @Test("An event naming A's grant but signed by key B is unauthorised, naming the event and key B")
    func grantSignedByAnotherKeyUnauthorised() throws {
        let definitions = try StoreFixture.definitions()
        let store = try directoryStore(definitions: definitions)
        #expect(try StoreAudit.run(store, definitions: definitions).isIntact)
        _ = try store.write(signedBy: keyB) { tx in
            try tx.appendRecord(subject: "HS-1", event: "note", actor: Self.officerA, at: at(7), payload: "{}")
        }
        let audit = try StoreAudit.run(store, definitions: definitions)
        #expect(audit.chain.isIntact, "the signature itself is valid: B signed")
        let bad = try #require(audit.firstUnauthorised)
        #expect(bad.seq == 8 && bad.subject == "HS-1" && bad.keyID == keyB.publicKey.id)
        #expect(bad.reason.en.contains("held no grant union_officer@CDCS-DHBK"))
        #expect(audit.unauthorisedCount == 1 && !audit.isIntact)
    }

    @Test("An event signed under a grant after its revocation is unauthorised")
    func revokedGrantUnauthorised() throws {
        let definitions = try StoreFixture.definitions()
        let store = try directoryStore(definitions: definitions)
        _ = try store.write(signedBy: keyA) { tx in
            try tx.appendRecord(subject: "HS-1", event: "note", actor: Self.officerA, at: at(7), payload: "{}")
        }
        #expect(try StoreAudit.run(store, definitions: definitions).isIntact, "A held the grant at event 8")
        let revocation = GrantRevoked(grantID: Grant.id(role: "union_officer", unit: "CDCS-DHBK", key: keyA.publicKey), reason: "Chuyển công tác")
        _ = try store.write(signedBy: adminKey) { tx in try tx.append(revocation, actor: Self.admin, at: at(8)) }
        _ = try store.write(signedBy: keyA) { tx in
            try tx.appendRecord(subject: "HS-1", event: "note", actor: Self.officerA, at: at(9), payload: "{}")
        }
        let audit = try StoreAudit.run(store, definitions: definitions)
        let bad = try #require(audit.firstUnauthorised)
        #expect(bad.seq == 10 && bad.keyID == keyA.publicKey.id && bad.signerName == nil)
        #expect(audit.unauthorisedCount == 1)
    }

    @Test("A transition the workflow does not let that role fire, signed by a key holding the role, is unauthorised with the workflow's reason")
    func roleNotAllowedByWorkflowUnauthorised() throws {
        let definitions = try StoreFixture.definitions()
        let store = try directoryStore(definitions: definitions)
        let keyC = try PrivateKey.generate()
        let grant = GrantAdded(role: "secretariat", unit: "LDLD-HN", user: "c", name: "Trần Văn C", key: keyC.publicKey)
        _ = try store.write(signedBy: adminKey) { tx in try tx.append(grant, actor: Self.admin, at: at(7)) }
        // `submit` from draft is the proposer's (union_officer); the secretariat fires it raw.
        let submit = Transition(event: "submit", from: "draft", to: "submitted", effects: [])
        _ = try store.write(signedBy: keyC) { tx in
            try tx.appendEvent(transition: submit, dossierID: "HS-1", actor: Self.secretariatC, at: at(8))
        }
        let audit = try StoreAudit.run(store, definitions: definitions)
        #expect(audit.chain.isIntact)
        let bad = try #require(audit.firstUnauthorised)
        let workflow = try #require(definitions.workflow(forAward: "lao_dong_tien_tien"))
        let reason = try #require(workflow.authorises(Self.secretariatC, event: "submit", from: "draft",
                                                      proposerUnit: "CDCS-DHBK", addresseeUnit: "LDLD-HN"))
        #expect(reason == .roleNotAllowed(role: "secretariat", allowed: ["union_officer"]))
        #expect(bad.seq == 9 && bad.keyID == keyC.publicKey.id && bad.signerName == "Trần Văn C")
        #expect(bad.reason.en == Refusal.describe(reason, .en, workflow: workflow))
    }

    // MARK: 8: the verified mark

    @Test("checkSinceMark checks only the events after the mark; a chain edited and recomputed before the mark moves its hash and the full check runs")
    func checkSinceMarkIncrementalAndFallsBack() throws {
        let definitions = try StoreFixture.definitions()
        let store = try directoryStore(definitions: definitions)
        let full = try StoreAudit.run(store, definitions: definitions)
        #expect(full.isIntact && full.checkedEvents == 7)
        let mark = try #require(try store.verifiedMark())
        #expect(try mark.seq == 7 && mark.hash == store.hash(at: 7) && mark.signedFrom == 1)

        for i in 0..<2 {
            _ = try store.write(signedBy: keyA) { tx in
                try tx.appendRecord(subject: "HS-1", event: "note", actor: Self.officerA, at: at(7 + Double(i)), payload: "{}")
            }
        }
        let incremental = try StoreAudit.checkSinceMark(store, definitions: definitions)
        #expect(incremental.isIntact && incremental.checkedEvents == 2 && incremental.chain.eventCount == 2)
        let moved = try #require(try store.verifiedMark())
        #expect(try moved.seq == 9 && moved.hash == store.hash(at: 9))
        #expect(try StoreAudit.checkSinceMark(store, definitions: definitions).checkedEvents == 0)

        // Unit LDLD-HN renamed in event 3, every hash after it recomputed.
        var third: StoredEvent?
        try store.scan(from: 3) { e throws(StoreError) in if third == nil { third = e } }
        let payload = try #require(third?.payload)
        #expect(payload.contains("Hà Nội"))
        try SignedTamper.editAndRecompute(path, seq: 3, payload: payload.replacingOccurrences(of: "Hà Nội", with: "Hà Nam"))
        let tampered = try EventStore(path: path)
        #expect(try tampered.hash(at: 9) != moved.hash, "the mark's event has another hash now")
        let caught = try StoreAudit.checkSinceMark(tampered, definitions: definitions)
        #expect(caught.chain.eventCount == 9, "the whole chain was read again, not only what follows the mark")
        #expect(!caught.isIntact)
        #expect(caught.chain.commits.firstBad?.problem == .headMismatch && caught.chain.commits.firstBad?.firstSeq == 3)
        #expect(try tampered.verifiedMark() == moved, "a failed check does not move the mark")
    }

    // MARK: 9: a store from before signatures

    @Test("A version-2 store opens as the current version with its hashes unchanged, its events counted unsigned; signed events after its first administrator verify")
    func version2StoreMigrated() throws {
        var hashes: [String] = []
        do {
            let old = try EventStore(path: path)
            for i in 1...3 { try note(old, i, by: nil, actor: Self.officerA, at: at(Double(i))) }
            try old.scan { hashes.append($0.hash) }
        }
        try SignedTamper.run(path, [("DROP TABLE commits", []), ("DELETE FROM meta WHERE key = 'store_id'", []),
                                    ("UPDATE meta SET value = '2' WHERE key = 'schema_version'", [])])
        #expect(RawSQLite.integer(path, "SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'schema_version'") == 2)

        let store = try EventStore(path: path)
        #expect(RawSQLite.integer(path, "SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'schema_version'") == Int64(StoreSchema.version))
        #expect(try !store.storeID().isEmpty)
        var after: [String] = []
        try store.scan { after.append($0.hash) }
        #expect(after == hashes)
        let migrated = try store.verify()
        #expect(migrated.isIntact && migrated.commits.unsignedBefore == 3 && migrated.commits.commitCount == 0)

        let administrator = AdministratorAdded(key: adminKey.publicKey, user: "admin", name: "Nguyễn Quản Trị")
        _ = try store.write(signedBy: adminKey) { tx in try tx.append(administrator, actor: Self.admin, at: at(4)) }
        try note(store, 5, by: adminKey, actor: Self.admin, at: at(5))
        let report = try store.verify()
        #expect(report.isIntact)
        #expect(report.commits.unsignedBefore == 3 && report.commits.signedEvents == 2 && report.commits.commitCount == 2)
        #expect(try StoreAudit.run(store, definitions: try StoreFixture.definitions()).isIntact)
        do {
            try note(store, 6, by: nil, at: at(6))
            Issue.record("an unsigned write after the first signed one was accepted")
        } catch let error as StoreError {
            #expect(error == .signatureRequired(path))
        }
    }
}
