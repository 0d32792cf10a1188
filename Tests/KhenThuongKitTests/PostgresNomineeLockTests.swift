import Foundation
import Testing
@testable import KhenThuongCore
@testable import KhenThuongDefinitions
@testable import KhenThuongStore
@testable import KhenThuongKit

/// The nominee locks of schema 7 (`PostgresSchema.appendBody`): a submission checks its
/// nominee's history, registry profile and dossiers before the chain lock, under a lock on the
/// nominee's stripe, so each interfering write below is made to land exactly in the window that
/// check leaves — after it, before the submission's append — and must still be seen.
extension PostgresStoreTests {
    /// How the write that lands in the submission's window reaches the store.
    enum Interference: String, CaseIterable, CustomTestStringConvertible {
        /// A past award for the nominee, the optimistic way: it holds the nominee's stripe.
        case historyImport
        /// Another union's new dossier for the nominee, the optimistic way: its stripe is found
        /// from the dossier's row, which the write has just written.
        case creation
        /// The same past award the classic way (no nominee locks): it leaves the mark.
        case classic
        /// The past award among 100 nominees' in one write (91 stripes): too many, it takes none
        /// and leaves the mark.
        case bulkImport

        var testDescription: String { rawValue }
        var takesStripe: Bool { self == .historyImport || self == .creation }
    }

    /// The past award the imports record for nominee `id`.
    static func pastAward(_ id: String) -> PastAward {
        PastAward(nominee: Nominee(id: id, name: "Nguyễn Thị Hoa", kind: .individual), award: "lao_dong_tien_tien", year: 2025,
                  decisionNumber: "9/QĐ", decisionDate: CivilDate(unchecked: 2025, 11, 20), level: "Công đoàn cơ sở", source: "x.csv")
    }

    /// How many advisory locks on this database meet `condition` (a test on `pg_locks`' columns).
    func advisoryLocks(_ conn: PGConnection, _ condition: String) throws -> Int {
        try conn.exec("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database()) AND \(condition)").int(0, 0)
    }

    /// Waits until at least `count` advisory locks meet `condition`, ten seconds at most.
    func awaitLocks(_ conn: PGConnection, _ condition: String, count: Int = 1) -> Bool {
        for _ in 0..<1_000 {
            if let n = try? advisoryLocks(conn, condition), n >= count { return true }
            usleep(10_000)
        }
        return false
    }

    @Test("Luật 06/2022/QH15, Điều 5 khoản 2 with the nominee locks of schema 7: a write about the nominee landing after the submission's check and before its append — holding the nominee's stripe, or taking no nominee lock (the classic way, an import of many nominees) — is seen; the submission runs again alone",
          arguments: Interference.allCases)
    func nomineeLockWindow(_ interference: Interference) throws {
        let (first, second, definitions, at) = try racingWriters(count: 1)
        let location = first.location
        let key = PostgresSchema.chainLock
        let stripe = "classid = \(PostgresSchema.nomineeLockClass) AND objsubid = 2"
        let chain = "classid = \(UInt32(truncatingIfNeeded: key >> 32)) AND objid = \(UInt32(truncatingIfNeeded: key)) AND objsubid = 1"
        let watcher = try server.connect(location)
        // The chain held by a third session: both writes queue behind it, in a known order.
        let holder = try server.connect(location)
        _ = try holder.exec("SELECT pg_advisory_lock(\(key))")
        let otherUnion = Actor(role: "union_officer", unit: "CDCS-BKHN", user: "tran.x")
        nonisolated(unsafe) let second_ = second
        let interfered = Locked<String?>(nil)
        let interfering = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            defer { interfering.signal() }
            do {
                switch interference {
                case .historyImport:
                    try second_.write { tx in _ = try tx.append(Self.pastAward("N0"), actor: StoreFixture.secretariat, at: at) }
                case .creation:
                    try DossierRunner(definitions: definitions, store: second_).create(
                        NewDossier(id: "R-9", awardID: "lao_dong_tien_tien", year: 2025, nominee: Nominee(id: "N0", name: "Nguyễn Thị Hoa"),
                                   proposerUnit: otherUnion.unit, addresseeUnit: "LDLD-HN", documents: ["cover_letter"]),
                        by: otherUnion, at: at)
                case .classic:
                    try second_.write { tx in
                        _ = try tx.dossierCount()   // takes the chain lock at once: the classic way
                        _ = try tx.append(Self.pastAward("N0"), actor: StoreFixture.secretariat, at: at)
                    }
                case .bulkImport:
                    try second_.write { tx in
                        for k in 0..<100 { _ = try tx.append(Self.pastAward(k == 0 ? "N0" : "B\(k)"), actor: StoreFixture.secretariat, at: at) }
                    }
                }
                interfered.withLock { $0 = "landed" }
            } catch {
                interfered.withLock { $0 = "\(error)" }
            }
        }
        // The interfering write is queued for the chain: holding the nominee's stripe, or none.
        #expect(awaitLocks(watcher, "NOT granted AND \(chain)"))
        if interference.takesStripe {
            #expect(awaitLocks(watcher, "granted AND \(stripe)"))
        } else {
            #expect(try advisoryLocks(watcher, stripe) == 0)
        }

        nonisolated(unsafe) let first_ = first
        let submitted = Locked<(runs: Int, refusal: String)>((0, ""))
        let submitting = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            defer { submitting.signal() }
            let runner = DossierRunner(definitions: definitions, store: first_)
            do {
                try first_.write { tx in
                    submitted.withLock { $0.runs += 1 }
                    let dossier = try #require(try tx.dossier("R-0"))   // the nominee's history, registry and dossiers are read here
                    _ = try runner.act(in: &tx, on: dossier, EventRequest(event: "submit"), by: StoreFixture.proposer, at: at)
                }
            } catch {
                submitted.withLock { $0.refusal = "\(error)" }
            }
        }
        if interference.takesStripe {
            // The submission waits for the nominee's stripe: its check runs after the other commits.
            #expect(awaitLocks(watcher, "NOT granted AND \(stripe)"))
        } else {
            // The submission has checked (nothing yet) under its stripe and queues for the chain behind the other.
            #expect(awaitLocks(watcher, "granted AND \(stripe)"))
            #expect(awaitLocks(watcher, "NOT granted AND \(chain)", count: 2))
        }
        _ = try holder.exec("SELECT pg_advisory_unlock(\(key))")
        interfering.wait()
        submitting.wait()

        #expect(interfered.withLock { $0 } == "landed")
        // …in one run, the way it was meant to go (no restart, no conflict).
        #expect(second.conflictRetries == 0)
        let (runs, refusal) = submitted.withLock { $0 }
        #expect(runs == 2 && first.conflictRetries == 1, "\(refusal)")
        if interference == .creation {
            // A draft is no second proposal: the lone run, having read it, submits.
            #expect(refusal == "")
            #expect(try first.events(dossierID: "R-0").map(\.event) == [StoredEvent.createEvent, "submit"])
        } else {
            #expect(refusal.contains("9/QĐ"), "\(refusal)")
            #expect(try first.events(dossierID: "R-0").map(\.event) == [StoredEvent.createEvent])
        }
        if !interference.takesStripe {
            let head = try #require(try first.head())
            #expect(try watcher.exec("SELECT value FROM meta WHERE key = '\(PostgresSchema.unlockedMark)'").text(0, 0) == "\(head.seq)")
        }
        #expect(try first.verify().isIntact && first.rebuild(dryRun: true).isConsistent)
        #expect(try advisoryLocks(first) == 0)
    }
}

extension PostgresStoreTests {
    @Test("The first signed commit landing between an unsigned write's read and its append is seen under the chain lock (schema 7 reads it as meta's signed mark, set by a trigger on commits): the append is refused, the lone second run refuses the unsigned write; nothing of it is written")
    func signedCommitInTheWindow() throws {
        let (first, second, definitions, at) = try racingWriters(count: 1)
        let owner = try server.connect(first.location)
        #expect(try owner.exec("SELECT count(*) FROM meta WHERE key = '\(PostgresSchema.signedMark)'").int(0, 0) == 0)
        let runner = DossierRunner(definitions: definitions, store: first)
        var runs = 0
        var refusal: (any Error)?
        do {
            try first.write { tx in
                runs += 1
                let dossier = try #require(try tx.dossier("R-0"))   // no commit yet, as read here
                if runs == 1 {
                    try second.write(signedBy: try PrivateKey.generate(.ed25519)) { other in
                        _ = try other.append(Self.pastAward("N5"), actor: StoreFixture.secretariat, at: at)
                    }
                }
                _ = try runner.act(in: &tx, on: dossier, EventRequest(event: "submit"), by: StoreFixture.proposer, at: at)
            }
        } catch {
            refusal = error
        }
        #expect(try owner.exec("SELECT value FROM meta WHERE key = '\(PostgresSchema.signedMark)'").text(0, 0) == "true")
        #expect(runs == 2 && first.conflictRetries == 1)
        #expect(refusal.map { "\($0)" } == "\(StoreError.signatureRequired(first.location))")
        #expect(try first.events(dossierID: "R-0").map(\.event) == [StoredEvent.createEvent])
        #expect(try advisoryLocks(first) == 0)
    }
}

/// Which nominee locks an optimistic write takes (`PostgresEventLog.nomineeLocks`), without a server.
struct NomineeLockSetTests {
    static func event(_ subject: String) -> StoredEvent {
        StoredEvent(seq: 1, dossierID: subject, kind: .record, event: "note", fromState: nil, toState: "-", actor: StoreFixture.proposer,
                    at: Date(timeIntervalSince1970: 0), reason: nil, payload: "{}", prevHash: "", hash: "")
    }

    @Test("A nominee's stripe is FNV-1a with MurmurHash3's finaliser, modulo 1,024: fixed values every program computes alike, spread over the stripes")
    func stripes() {
        #expect(PostgresSchema.nomineeStripe("N0") == 982)
        #expect(PostgresSchema.nomineeStripe("Nguyễn Thị Hoa") == 12)
        #expect(PostgresSchema.nomineeStripe("CB-0042") == 637)
        // The ids of the test above fall on more than the 64 stripes a write may take.
        #expect(Set((0..<100).map { PostgresSchema.nomineeStripe($0 == 0 ? "N0" : "B\($0)") }).count == 91)
    }

    @Test("The locks are those of the nominees read, of the rows written, of the history:, person: and collective: subjects and of the dossiers appended to, each once and sorted; none (nil) for a dossier whose nominee the write does not know, or for more than 64 stripes")
    func lockSet() throws {
        let definitions = try StoreFixture.definitions()
        var state = OptimisticWrite()
        state.nomineeDossiers["N0"] = []
        var created = OptimisticDossier()
        created.saved = try StoreFixture.newDossier("D-1", definitions: definitions, nominee: "N3", createdAt: Date(timeIntervalSince1970: 0))
        state.dossiers["D-1"] = created
        var row = [String?](repeating: nil, count: 20)
        row[0] = "D-2"; row[ProjectionRow.columns.firstIndex(of: "nominee_id")!] = "N4"
        state.projections = row
        state.events = ["history:N1", "person:N2", "unit:CDCS-DHBK", "D-1", "D-2", "collective:N0"].map(Self.event)
        let expected = ["N0", "N1", "N2", "N3", "N4"].map(PostgresSchema.nomineeStripe).sorted()
        #expect(PostgresEventLog.nomineeLocks(state) == expected)

        var unknown = state
        unknown.events.append(Self.event("D-9"))
        #expect(PostgresEventLog.nomineeLocks(unknown) == nil)

        var many = OptimisticWrite()
        many.events = (0..<100).map { Self.event("history:" + ($0 == 0 ? "N0" : "B\($0)")) }
        #expect(PostgresEventLog.nomineeLocks(many) == nil)
        many.events.removeLast(60)
        #expect(PostgresEventLog.nomineeLocks(many)?.count == Set(many.events.map { PostgresSchema.nomineeStripe(String($0.dossierID.dropFirst(8))) }).count)
    }
}
