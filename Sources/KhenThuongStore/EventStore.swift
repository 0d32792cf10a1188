import Foundation
import KhenThuongCore

/// The durable, tamper-evident store of dossiers: an append-only hash chain of events in one
/// SQLite file, with a `dossiers` projection table for queries. The `EventLog` backend the
/// command line uses.
///
/// ```swift
/// let store = try EventStore(path: "khenthuong.db")
/// try store.write { tx in
///     guard let dossier = try tx.dossier("HS-2025-001") else { return }
///     let t = try DossierMachine.decide(dossier, request, by: actor, at: now, in: workflow, context: context).get()
///     try tx.append(transition: t, to: dossier.applying(t, at: now), actor: actor, at: now, reason: request.reason)
/// }
/// ```
///
/// Every change happens inside `write`, one SQLite transaction (`BEGIN IMMEDIATE` … `COMMIT`),
/// so a crash leaves the store as it was before or after, never in between. The file is in WAL
/// mode with `synchronous=FULL`: readers do not block the writer, and a committed write survives
/// a power cut. The library offers no way to change or delete an event; triggers refuse it
/// even through raw SQL, and `verify()` detects what was changed behind SQLite's back.
///
/// An `EventStore` is not thread-safe: use one per thread (each opens its own connection).
public final class EventStore: EventLog {
    /// The store file.
    public let path: String
    /// The store file (`path`).
    public var location: String { path }
    package let connection: SQLiteConnection
    /// The key that signs every `write(_:)` (see `EventLog.signer`).
    public var signer: (any CommitSigner)?
    /// Whether reads are checked against the chain (see `EventLog.verifiesReads`).
    public var verifiesReads = false
    /// The token of the write transaction in progress, if any.
    var activeWrite: Int?
    var writeCounter = 0

    /// Opens the store at `path`, creating the file and its schema when missing.
    ///
    /// - Parameters:
    ///   - path: the SQLite file; its folder must exist.
    ///   - busyTimeoutMilliseconds: how long a write waits for another process's write lock
    ///     before failing with `StoreError.busy`.
    /// - Throws: `StoreError.cannotOpen`, `.notAStore`, `.newerSchema`, `.busy` or `.sqlite`.
    public init(path: String, busyTimeoutMilliseconds: Int32 = 5000) throws(StoreError) {
        self.path = path
        do {
            connection = try SQLiteConnection(path: path)
        } catch {
            throw StoreError.cannotOpen(path: path, detail: error.message)
        }
        connection.setBusyTimeout(milliseconds: busyTimeoutMilliseconds)
        try sql { () throws(SQLiteFailure) in
            try connection.exec("PRAGMA journal_mode=WAL")
            try connection.exec("PRAGMA synchronous=FULL")
            // Up to 512 MiB of page cache (allocated as used) for large batches and for verify.
            try connection.exec("PRAGMA cache_size=-524288")
        }
        try openSchema()
    }

    /// Brings an older store up to `StoreSchema.version` in one transaction (all or nothing).
    private func migrate(from version: Int) throws(StoreError) {
        try sql { () throws(SQLiteFailure) in try connection.exec("BEGIN IMMEDIATE") }
        do throws(StoreError) {
            if try storedVersion() == 1 {
                try sql { () throws(SQLiteFailure) in try connection.exec(StoreSchema.migrateFrom1) }
            }
            try sql { () throws(SQLiteFailure) in try connection.exec(StoreSchema.create) }
            try sql { () throws(SQLiteFailure) in try connection.exec(StoreSchema.migrateFrom2) }
            try sql { () throws(SQLiteFailure) in
                if try connection.scalarInt(StoreSchema.hasPeriodColumn) == 0 { try connection.exec(StoreSchema.addPeriod) }
                try connection.exec(StoreSchema.migrateFrom3)
            }
            try sql { () throws(SQLiteFailure) in try connection.exec("COMMIT") }
        } catch {
            rollback()
            throw error
        }
    }

    /// Checks the schema version; creates the schema (in one transaction) when it is missing.
    private func openSchema() throws(StoreError) {
        if let version = try storedVersion() {
            if version > StoreSchema.version {
                throw StoreError.newerSchema(path: path, found: version, supported: StoreSchema.version)
            }
            if version == StoreSchema.version { return }
            try migrate(from: version)
            return
        } else if let tables = try sql({ () throws(SQLiteFailure) in try connection.scalarInt(StoreSchema.tableCount) }), tables > 0 {
            throw StoreError.notAStore(path) // another program's database: leave it alone
        }
        try sql { () throws(SQLiteFailure) in try connection.exec("BEGIN IMMEDIATE") }
        do throws(StoreError) {
            try sql { () throws(SQLiteFailure) in try connection.exec(StoreSchema.create) }
            if let version = try storedVersion(), version > StoreSchema.version {
                throw StoreError.newerSchema(path: path, found: version, supported: StoreSchema.version)
            }
            try sql { () throws(SQLiteFailure) in try connection.exec("COMMIT") }
        } catch {
            rollback()
            throw error
        }
    }

    /// The schema version stored in `meta`, or `nil` when the file holds no store yet.
    private func storedVersion() throws(StoreError) -> Int? {
        try sql { () throws(SQLiteFailure) -> Int? in
            guard let hasMeta = try connection.scalarInt(StoreSchema.hasMeta), hasMeta > 0 else { return nil }
            return try connection.scalarInt(StoreSchema.readVersion).map { Int($0) }
        }
    }

    /// `date` as the store keeps it: truncated to the millisecond. Pass the clock's `now`
    /// through it before deciding, so the dossier in memory equals the one read back.
    public static func storedDate(_ date: Date) -> Date {
        StoreTime.truncated(date)
    }

    // MARK: Writing

    /// Runs `body` in one write transaction: all its appends are committed together, or none
    /// is when `body` throws (the error is rethrown).
    ///
    /// - Throws: `StoreError.busy` when another process holds the write lock longer than the
    ///   busy timeout; `StoreError.nestedWrite` inside another `write`; whatever `body` throws.
    public func write<T>(_ body: (inout StoreTransaction) throws -> T) throws -> T {
        try write(signedBy: signer, body)
    }

    public func write<T>(signedBy signer: (any CommitSigner)?, _ body: (inout StoreTransaction) throws -> T) throws -> T {
        guard activeWrite == nil else { throw StoreError.nestedWrite(path) }
        try sql { () throws(SQLiteFailure) in try connection.exec("BEGIN IMMEDIATE") }
        writeCounter += 1
        activeWrite = writeCounter
        defer { activeWrite = nil }
        var transaction = StoreTransaction(store: self, session: SQLiteSession(store: self, token: writeCounter), signed: signer != nil)
        do {
            let result = try body(&transaction)
            try transaction.seal(signer: signer)
            try sql { () throws(SQLiteFailure) in try connection.exec("COMMIT") }
            return result
        } catch {
            rollback()
            throw error
        }
    }

    /// Rolls back the open transaction, if any.
    func rollback() {
        if connection.inTransaction { try? connection.exec("ROLLBACK") }
    }

    /// Runs SQLite calls, turning a failure into a `StoreError` naming this store.
    package func sql<T>(_ body: () throws(SQLiteFailure) -> T) throws(StoreError) -> T {
        do {
            return try body()
        } catch {
            throw StoreError(error, path: path)
        }
    }

    // MARK: Reading

    /// The dossier with `id` as the projection holds it, or `nil` when there is none.
    public func dossier(_ id: String) throws(StoreError) -> Dossier? {
        let row = try sql { () throws(SQLiteFailure) -> ProjectionRow? in
            try connection.withCached(ProjectionRow.select + " WHERE id = ?1") { s throws(SQLiteFailure) in
                s.bind(1, id)
                return try s.step() ? ProjectionRow(s) : nil
            }
        }
        return try row.map { row throws(StoreError) in try dossier(from: row) }
    }

    /// The dossiers matching every condition of `filter`, sorted by id.
    public func dossiers(matching filter: DossierFilter) throws(StoreError) -> [Dossier] {
        let (state, award, unit, year, nominee) = (filter.state, filter.award, filter.unit, filter.year, filter.nominee)
        var conditions: [String] = []
        if nominee != nil { conditions.append("nominee_id = ?5") }
        if state != nil { conditions.append("state = ?1") }
        if award != nil { conditions.append("award = ?2") }
        if unit != nil { conditions.append("(proposer_unit = ?3 OR addressee_unit = ?3)") }
        if year != nil { conditions.append("year = ?4") }
        let whereClause = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        let rows = try sql { () throws(SQLiteFailure) -> [ProjectionRow] in
            try connection.withCached(ProjectionRow.select + whereClause + " ORDER BY id") { s throws(SQLiteFailure) in
                if let state { s.bind(1, state) }
                if let award { s.bind(2, award) }
                if let unit { s.bind(3, unit) }
                if let year { s.bind(4, year) }
                if let nominee { s.bind(5, nominee) }
                var rows: [ProjectionRow] = []
                while try s.step() { rows.append(ProjectionRow(s)) }
                return rows
            }
        }
        var out: [Dossier] = []
        out.reserveCapacity(rows.count)
        for row in rows { out.append(try dossier(from: row)) }
        return out
    }

    private func dossier(from row: ProjectionRow) throws(StoreError) -> Dossier {
        try checkedDossier(row, location: path)
    }

    /// Every event about `dossierID` (a dossier's id or another subject's `kind:id`), oldest
    /// first (empty when there is none).
    public func events(dossierID: String) throws(StoreError) -> [StoredEvent] {
        try sql { () throws(SQLiteFailure) -> [StoredEventRow] in
            try connection.withCached(StoreSchema.dossierEvents) { s throws(SQLiteFailure) in
                s.bind(1, dossierID)
                var rows: [StoredEventRow] = []
                while try s.step() { rows.append(StoredEventRow(s)) }
                return rows
            }
        }.map { row throws(StoreError) in try checkedRead(try row.event(path: path)) }
    }

    /// `event`, checked against the chain when `verifiesReads` is set: its hash is its content's,
    /// and the next event (if any) links to it.
    private func checkedRead(_ event: StoredEvent, nextLinkChecked: Bool = false) throws(StoreError) -> StoredEvent {
        guard verifiesReads else { return event }
        try EventChain.checkRead(event, location: path)
        if !nextLinkChecked {
            let next = try sql { () throws(SQLiteFailure) -> String? in
                try connection.withCached("SELECT prev_hash FROM events WHERE seq = ?1") { s throws(SQLiteFailure) in
                    s.bind(1, event.seq + 1)
                    return try s.step() ? s.text(0) : nil
                }
            }
            try EventChain.checkLink(from: event, nextPrevHash: next, location: path)
        }
        return event
    }

    /// Every `record` event named `event` (e.g. `eligibility_override`), about `subject` when
    /// given, oldest first, undecoded. Code reads records typed, with `records(_:subject:)`.
    public func records(named event: String, subject: String?) throws(StoreError) -> [StoredEvent] {
        try sql { () throws(SQLiteFailure) -> [StoredEventRow] in
            try connection.withCached(subject == nil ? StoreSchema.recordsNamed : StoreSchema.recordsNamedAbout) { s throws(SQLiteFailure) in
                s.bind(1, event)
                if let subject { s.bind(2, subject) }
                var rows: [StoredEventRow] = []
                while try s.step() { rows.append(StoredEventRow(s)) }
                return rows
            }
        }.map { row throws(StoreError) in try checkedRead(try row.event(path: path)) }
    }

    /// Calls `body` with every event from number `seq` on, in chain order (one statement, read
    /// row by row).
    public func scan(from seq: Int64, _ body: (StoredEvent) throws(StoreError) -> Void) throws(StoreError) {
        let s = try sql { () throws(SQLiteFailure) in
            try connection.prepare("SELECT \(StoreSchema.eventColumns) FROM events WHERE seq >= ?1 ORDER BY seq")
        }
        s.bind(1, seq)
        var previous: StoredEvent?
        while try sql({ () throws(SQLiteFailure) in try s.step() }) {
            let event = try StoredEventRow(s).event(path: path)
            if verifiesReads {
                // In order: each event's link to the one before is checked as it comes.
                if let previous { try EventChain.checkLink(from: previous, nextPrevHash: event.prevHash, location: path) }
                try EventChain.checkRead(event, location: path)
                previous = event
            }
            try body(event)
        }
    }

    /// The audit's light read (see `EventLog.scanSkeletons`): one statement that leaves out the
    /// time, the reason, the hashes and every payload but those asked for.
    public func scanSkeletons(from seq: Int64, payloadKinds: Set<String>, _ body: (StoredEvent) throws(StoreError) -> Void) throws(StoreError) {
        let kinds = payloadKinds.sorted().map { "'" + $0.replacingOccurrences(of: "'", with: "''") + "'" }.joined(separator: ", ")
        let payload = "CASE WHEN kind = 'created'" + (kinds.isEmpty ? "" : " OR (kind = 'record' AND event IN (\(kinds)))") + " THEN payload ELSE '' END"
        let s = try sql { () throws(SQLiteFailure) in
            try connection.prepare("SELECT seq, dossier_id, kind, event, from_state, to_state, actor_role, actor_unit, actor_user, "
                                   + payload + " FROM events WHERE seq >= ?1 ORDER BY seq")
        }
        s.bind(1, seq)
        let epoch = Date(timeIntervalSince1970: 0)
        while try sql({ () throws(SQLiteFailure) in try s.step() }) {
            let seq = s.int64(0)
            guard let kind = StoredEvent.Kind(rawValue: s.text(2)) else {
                throw StoreError.corruptEvent(path: path, seq: seq, detail: "kind “\(s.text(2))” is neither created, transition nor record")
            }
            try body(StoredEvent(seq: seq, dossierID: s.text(1), kind: kind, event: s.text(3), fromState: s.optionalText(4),
                                 toState: s.text(5), actor: Actor(role: s.text(6), unit: s.text(7), user: s.text(8)), at: epoch,
                                 reason: nil, payload: s.text(9), prevHash: "", hash: ""))
        }
    }

    /// How many events the store holds.
    public func eventCount() throws(StoreError) -> Int64 {
        try sql { () throws(SQLiteFailure) in try connection.scalarInt("SELECT count(*) FROM events") } ?? 0
    }

    public func verifiedMark() throws(StoreError) -> VerifiedMark? {
        try sql { () throws(SQLiteFailure) -> String? in
            try connection.withCached("SELECT value FROM meta WHERE key = 'verified_mark'") { s throws(SQLiteFailure) in
                try s.step() ? s.text(0) : nil
            }
        }.flatMap(VerifiedMark.init(text:))
    }

    public func saveVerifiedMark(_ mark: VerifiedMark) {
        guard activeWrite == nil, !connection.inTransaction else { return }
        try? connection.withCached("INSERT OR REPLACE INTO meta (key, value) VALUES ('verified_mark', ?1)") { s throws(SQLiteFailure) in
            s.bind(1, mark.text)
            try s.run()
        }
    }

    public func hash(at seq: Int64) throws(StoreError) -> String? {
        try sql { () throws(SQLiteFailure) -> String? in
            try connection.withCached("SELECT hash FROM events WHERE seq = ?1") { s throws(SQLiteFailure) in
                s.bind(1, seq)
                return try s.step() ? s.text(0) : nil
            }
        }
    }

    public func storeID() throws(StoreError) -> String {
        try sql { () throws(SQLiteFailure) -> String in
            try connection.withCached(StoreSchema.storeID) { s throws(SQLiteFailure) in try s.step() ? s.text(0) : "" }
        }
    }

    public func commits(from seq: Int64) throws(StoreError) -> [StoredCommit] {
        try commitRows(StoreSchema.commitsFrom, from: seq).map(\.commit)
    }

    /// The commits `query` selects (`StoreSchema.commitColumns`, then optionally the stored
    /// hash of each one's last event), parsed, each distinct key once; `from` binds `?1`.
    func commitRows(_ query: String, from seq: Int64? = nil) throws(StoreError) -> [(commit: StoredCommit, storedHash: String?)] {
        let rows = try sql { () throws(SQLiteFailure) -> [(Int64, Int64, String, String, String, String, String?)] in
            try connection.withCached(query) { s throws(SQLiteFailure) in
                if let seq { s.bind(1, seq) }
                let withHash = s.columnCount > 6
                var rows: [(Int64, Int64, String, String, String, String, String?)] = []
                while try s.step() {
                    rows.append((s.int64(0), s.int64(1), s.text(2), s.text(3), s.text(4), s.text(5), withHash ? s.optionalText(6) : nil))
                }
                return rows
            }
        }
        var out: [(commit: StoredCommit, storedHash: String?)] = []
        out.reserveCapacity(rows.count)
        var keys: [String: PublicKey] = [:]
        for r in rows {
            out.append((try StoredCommit(lastSeq: r.0, firstSeq: r.1, headHash: r.2, atText: r.3, publicKeyText: r.4,
                                         signatureText: r.5, path: path, keys: &keys), r.6))
        }
        return out
    }

    public func dossierUnits(_ id: String) throws(StoreError) -> (workflow: String, proposer: String, addressee: String)? {
        try sql { () throws(SQLiteFailure) -> (workflow: String, proposer: String, addressee: String)? in
            try connection.withCached("SELECT workflow, proposer_unit, addressee_unit FROM dossiers WHERE id = ?1") { s throws(SQLiteFailure) in
                s.bind(1, id)
                return try s.step() ? (s.text(0), s.text(1), s.text(2)) : nil
            }
        }
    }

    /// How many dossiers the projection holds.
    public func dossierCount() throws(StoreError) -> Int {
        Int(try sql { () throws(SQLiteFailure) in try connection.scalarInt("SELECT count(*) FROM dossiers") } ?? 0)
    }

    /// The newest event's number and hash, or `nil` for an empty store. Keep the hash: a later
    /// `verify()` whose chain no longer passes through it shows that events were removed.
    public func head() throws(StoreError) -> (seq: Int64, hash: String)? {
        try sql { () throws(SQLiteFailure) -> (seq: Int64, hash: String)? in
            try connection.withCached(StoreSchema.head) { s throws(SQLiteFailure) in
                try s.step() ? (s.int64(0), s.text(1)) : nil
            }
        }
    }
}

/// The storage `StoreTransaction` writes through inside `EventStore.write`: the store's
/// connection, in its open `BEGIN IMMEDIATE` transaction.
struct SQLiteSession: EventLogSession {
    let store: EventStore
    let token: Int

    func checkActive() throws(StoreError) {
        guard store.activeWrite == token else { throw StoreError.transactionEnded(store.path) }
    }

    func dossier(_ id: String) throws(StoreError) -> Dossier? { try store.dossier(id) }

    func dossierCount() throws(StoreError) -> Int { try store.dossierCount() }

    func head() throws(StoreError) -> (seq: Int64, hash: String)? { try store.head() }

    func headTime() throws(StoreError) -> Date? {
        try store.sql { () throws(SQLiteFailure) -> String? in
            try store.connection.withCached(StoreSchema.headTime) { s throws(SQLiteFailure) in try s.step() ? s.text(0) : nil }
        }.map { text throws(StoreError) in
            guard let d = StoreTime.parseDate(text) else {
                throw StoreError.corruptEvent(path: store.path, seq: 0, detail: "the newest event's time “\(text)” is not a time")
            }
            return d
        }
    }

    func hasCommits() throws(StoreError) -> Bool {
        try store.sql { () throws(SQLiteFailure) -> Bool in
            try store.connection.withCached(StoreSchema.hasCommits) { s throws(SQLiteFailure) in try s.step() }
        }
    }

    func storeID() throws(StoreError) -> String { try store.storeID() }

    func insertCommit(_ c: StoredCommit) throws(StoreError) {
        try store.sql { () throws(SQLiteFailure) in
            try store.connection.withCached(StoreSchema.insertCommit) { s throws(SQLiteFailure) in
                s.bind(1, c.lastSeq); s.bind(2, c.firstSeq); s.bind(3, c.headHash); s.bind(4, StoreTime.iso(c.at))
                s.bind(5, c.publicKey.text); s.bind(6, c.signatureText)
                try s.run()
            }
        }
    }

    func hasEvents(_ dossierID: String) throws(StoreError) -> Bool {
        try store.sql { () throws(SQLiteFailure) -> Bool in
            try store.connection.withCached(StoreSchema.dossierHasEvents) { s throws(SQLiteFailure) in
                s.bind(1, dossierID)
                return try s.step()
            }
        }
    }

    func insert(_ e: StoredEvent) throws(StoreError) {
        let atText = e.atText
        try store.sql { () throws(SQLiteFailure) in
            try store.connection.withCached(StoreSchema.insertEvent) { s throws(SQLiteFailure) in
                s.bind(1, e.seq); s.bind(2, e.dossierID); s.bind(3, e.kind.rawValue); s.bind(4, e.event); s.bind(5, e.fromState)
                s.bind(6, e.toState); s.bind(7, e.actor.role); s.bind(8, e.actor.unit); s.bind(9, e.actor.user); s.bind(10, atText)
                s.bind(11, e.reason); s.bind(12, e.payload); s.bind(13, e.prevHash); s.bind(14, e.hash)
                try s.run()
            }
        }
    }

    func saveProjection(_ dossier: Dossier) throws(StoreError) {
        try store.sql { () throws(SQLiteFailure) in
            try store.connection.withCached(ProjectionRow.upsert) { s throws(SQLiteFailure) in
                ProjectionRow(dossier).bind(to: s)
                try s.run()
            }
        }
    }
}
