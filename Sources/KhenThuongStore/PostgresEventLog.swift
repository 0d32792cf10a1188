import Foundation
import KhenThuongCore

/// The event store kept in a PostgreSQL database, for a federation whose officers write at
/// once: the same events, canonical text, hash chain, signed commits and projection as the
/// SQLite file (`EventStore`), through the same shared code (`StoreTransaction`, `EventChain`,
/// `CommitCheck`, `EventReplay`).
///
/// ```swift
/// let log = try PostgresEventLog(location: "postgresql://ldld@db.ldld.vn/khenthuong")
/// try log.write { tx in … }
/// ```
///
/// Many processes may write at once: each `write` is one transaction that first takes an
/// advisory lock (`PostgresSchema.chainLock`), so appends queue and the chain stays one line
/// with no fork and no gap (`seq` is the primary key besides). A deadlock or serialisation
/// failure is retried a few times, then reported as `StoreError.busy`. Projections are written
/// in the same transaction as the events.
///
/// Credentials come from libpq (`PG*` variables, `~/.pgpass`): a location carrying a password
/// is refused. Not thread-safe: one per thread (each opens its own connection).
public final class PostgresEventLog: EventLog {
    /// The location as given, without a password (there never is one).
    public let location: String
    let connection: PGConnection
    public var signer: (any CommitSigner)?
    public var verifiesReads = false
    var activeWrite: Int?
    var writeCounter = 0
    var cachedStoreID: String?
    /// Whether the open `write` holds the chain lock (`lockChain`).
    var chainLocked = false
    /// What `lockChain` read with the lock, for the session's next questions.
    var prefetch: ChainPrefetch?
    /// Whether the open write runs optimistically (`OptimisticWrite`): reads before the lock,
    /// its appends sent with the commit in one message.
    var optimistic = false
    var optimisticState = OptimisticWrite()
    /// Whether this session holds the chain lock past a transaction (after a conflict, until
    /// the write's second try commits or fails).
    var holdsSessionLock = false
    /// Writes run again because what they read had moved (tests look at it).
    package internal(set) var conflictRetries = 0
    /// Writes whose events `khenthuong_append` chained after a head other than the one read.
    package internal(set) var renumberedWrites = 0
    /// Rows of `COPY events` not yet sent (`StoreCopy`).
    var importBuffer = PGCopyBuffer()
    /// How long a write waits for the chain lock before `StoreError.busy`.
    let lockTimeoutMilliseconds: Int
    /// How many times a write is tried when the server reports a deadlock or a serialisation failure.
    static let attempts = 5

    /// Whether `location` names a PostgreSQL store (`postgresql://…` or `postgres://…`).
    public static func isLocation(_ location: String) -> Bool {
        location.hasPrefix("postgresql://") || location.hasPrefix("postgres://")
    }

    /// Connects to the store at `location`.
    ///
    /// - Parameters:
    ///   - location: `postgresql://[user@]host[:port]/database[?options]`; empty parts come from
    ///     `PG*` variables. It must not carry a password.
    ///   - create: create the schema when the database holds none (`khenthuong init`).
    ///   - lockTimeoutMilliseconds: how long a write waits for other writers.
    /// - Throws: `.passwordInLocation`, `.cannotConnect`, `.notAStore` (another program's
    ///   tables), `.notInitialized`, `.newerSchema`, `.postgres`.
    public init(location: String, create: Bool = false, lockTimeoutMilliseconds: Int = 5000) throws(StoreError) {
        if let redacted = Self.passwordRedacted(location) { throw StoreError.passwordInLocation(redacted) }
        self.location = location
        self.lockTimeoutMilliseconds = lockTimeoutMilliseconds
        do {
            connection = try PGConnection(conninfo: location)
        } catch {
            throw StoreError.cannotConnect(path: location, detail: error.message)
        }
        try openSchema(create: create)
    }

    /// `location` with its password replaced by `***`, or `nil` when it has none.
    static func passwordRedacted(_ location: String) -> String? {
        guard var parts = URLComponents(string: location) else { return nil }
        var had = false
        if parts.password != nil {
            parts.password = "***"
            had = true
        }
        if let items = parts.queryItems, items.contains(where: { $0.name == "password" }) {
            parts.queryItems = items.map { $0.name == "password" ? URLQueryItem(name: "password", value: "***") : $0 }
            had = true
        }
        return had ? (parts.string ?? "postgresql://…") : nil
    }

    /// Runs libpq calls, turning a failure into a `StoreError` naming this store.
    @discardableResult
    func pg<T>(_ body: () throws(PGFailure) -> T) throws(StoreError) -> T {
        // A read inside an optimistic write that has appended must see its appends: only the
        // classic way (one transaction from the lock on) shows them.
        if optimistic && !optimisticState.isEmpty { try leaveOptimistic() }
        do {
            return try body()
        } catch {
            throw storeError(error)
        }
    }

    func storeError(_ f: PGFailure) -> StoreError {
        switch f.sqlstate {
        case "55P03": return .busy(location)
        default: return .postgres(path: location, sqlstate: f.sqlstate, detail: f.message)
        }
    }

    // MARK: Schema

    /// Checks the schema's version; creates or migrates it (one transaction) when asked.
    private func openSchema(create: Bool) throws(StoreError) {
        let version = try storedVersion()
        if let version {
            if version > PostgresSchema.version {
                throw StoreError.newerSchema(path: location, found: version, supported: PostgresSchema.version)
            }
            if version == PostgresSchema.version { return }
        }
        guard create || version != nil else { throw StoreError.notInitialized(location) }
        try pg { () throws(PGFailure) in
            try connection.exec("BEGIN; SELECT pg_advisory_xact_lock(\(PostgresSchema.chainLock))")
        }
        do throws(StoreError) {
            // Another process may have created it while this one waited for the lock.
            var current = try storedVersion() ?? 0
            if current > PostgresSchema.version {
                throw StoreError.newerSchema(path: location, found: current, supported: PostgresSchema.version)
            }
            while current < PostgresSchema.version {
                try pg { () throws(PGFailure) in try connection.exec(PostgresSchema.migrations[current]) }
                current += 1
            }
            try pg { () throws(PGFailure) in
                try connection.exec("UPDATE meta SET value = '\(PostgresSchema.version)' WHERE key = 'schema_version'; COMMIT")
            }
        } catch {
            rollback()
            throw error
        }
    }

    /// The stored schema version; `nil` when the database holds no store (and no other tables).
    /// - Throws: `.notAStore` when the database holds another program's tables.
    private func storedVersion() throws(StoreError) -> Int? {
        let metaQuery = "SELECT key, value FROM meta WHERE key IN ('application', 'schema_version', 'store_id')"
        var read: PGResult?
        if !connection.inTransaction {
            // The usual case, a store: one round trip. Only when `meta` is missing (an error,
            // harmless outside a transaction) is the database looked at more closely.
            do {
                read = try connection.exec(metaQuery)
            } catch {
                guard error.sqlstate == "42P01" else { throw storeError(error) }
            }
        }
        if read == nil {
            let hasMeta = try pg { () throws(PGFailure) in try connection.exec("SELECT to_regclass('meta') IS NOT NULL") }.text(0, 0) == "t"
            guard hasMeta else {
                let tables = try pg { () throws(PGFailure) in
                    try connection.exec("SELECT count(*) FROM pg_catalog.pg_tables WHERE schemaname = current_schema()")
                }.int(0, 0)
                if tables > 0 { throw StoreError.notAStore(location) }
                return nil
            }
            read = try pg { () throws(PGFailure) in try connection.exec(metaQuery) }
        }
        guard let r = read else { return nil }
        var values: [String: String] = [:]
        for row in 0..<r.rowCount { values[r.text(row, 0)] = r.text(row, 1) }
        if let id = values["store_id"] { cachedStoreID = id }
        guard values["application"] == PostgresSchema.application else { throw StoreError.notAStore(location) }
        guard let text = values["schema_version"], let version = Int(text) else {
            throw StoreError.newerSchema(path: location, found: -1, supported: PostgresSchema.version)
        }
        return version
    }

    // MARK: Writing

    public func write<T>(_ body: (inout StoreTransaction) throws -> T) throws -> T {
        try write(signedBy: signer, body)
    }

    public func write<T>(signedBy signer: (any CommitSigner)?, _ body: (inout StoreTransaction) throws -> T) throws -> T {
        guard activeWrite == nil else { throw StoreError.nestedWrite(location) }
        guard !connection.inTransaction else { throw StoreError.nestedWrite(location) }
        var attempt = 0
        // The first try is optimistic; a try after a conflict runs the classic way, alone.
        var classic = false
        defer { releaseSessionLock() }
        while true {
            attempt += 1
            writeCounter += 1
            activeWrite = writeCounter
            chainLocked = false
            prefetch = nil
            optimistic = !classic
            optimisticState = OptimisticWrite()
            defer { activeWrite = nil; chainLocked = false; prefetch = nil; optimistic = false; optimisticState = OptimisticWrite() }
            var transaction = StoreTransaction(store: self, session: PostgresSession(log: self, token: writeCounter), signed: signer != nil)
            do {
                let result = try body(&transaction)
                try transaction.seal(signer: signer)
                if optimistic {
                    if !optimisticState.isEmpty { try commitOptimistic(movable: !transaction.numbersShown && signer == nil, unsigned: signer == nil) }
                } else if chainLocked {
                    try commitWrite()
                }
                return result
            } catch let error as StoreError {
                rollback()
                if case .postgres(_, let state, _) = error, state == PostgresSchema.conflictState || state == PostgresSchema.restartState {
                    classic = true
                    conflictRetries += 1
                    if attempt < Self.attempts { continue }
                    throw StoreError.busy(location)
                }
                if case .postgres(_, let state, _) = error, state == "40001" || state == "40P01" || state == PostgresSchema.rowLockedState {
                    // A row lock refused under the chain lock: the write holding the row waits for
                    // the chain, held for this session too after a conflict; let it go first.
                    if state == PostgresSchema.rowLockedState { releaseSessionLock() }
                    if attempt < Self.attempts { continue }
                    throw StoreError.busy(location)
                }
                throw error
            } catch {
                rollback()
                throw error
            }
        }
    }

    /// Commits the open write in one round trip, durably: the queued inserts and projection rows,
    /// then `COMMIT` — which, the transaction being `synchronous_commit = off`, makes it visible
    /// and releases the chain lock as soon as its commit record is in the WAL, without waiting
    /// for the disk — then, in the same message, a transaction of its own under the session's
    /// `synchronous_commit` (`on`, or `remote_apply` with a synchronous replica) that writes one
    /// WAL record (`pg_logical_emit_message(true, …)`, transactional, executable by every role
    /// unless revoked; a transaction that writes nothing would not wait) after this write's
    /// commit: its commit waits for the WAL to be flushed (and replicated) up to there, this
    /// write's commit included, before the server answers.
    ///
    /// So the write is acknowledged only once durable, as with a plain `COMMIT`, but the next
    /// writer does not wait for this one's disk flush: writers' flushes are grouped (group
    /// commit) instead of one after the other under the lock. A crash before the flush loses
    /// this write and any later one that saw it — none of them acknowledged — and the WAL keeps
    /// them in chain order, so what survives is a prefix of the chain.
    func commitWrite() throws(StoreError) {
        // After a conflict the chain lock is held for the session too: released right after COMMIT.
        let unlock = holdsSessionLock ? "SELECT pg_advisory_unlock(\(PostgresSchema.chainLock)); " : ""
        // The classic way takes no nominee locks: it leaves the mark that sends the optimistic
        // writes queued behind it to check their nominees under the chain lock
        // (PostgresSchema.unlockedMark).
        try pg { () throws(PGFailure) in
            try connection.exec("SELECT khenthuong_mark_unlocked(); COMMIT; \(unlock)SELECT pg_logical_emit_message(true, 'khenthuong', 'durable')")
        }
        holdsSessionLock = false
    }

    /// Opens a write transaction holding the chain lock at once (one round trip): for `rebuild`
    /// and `store copy`, which write from the start.
    /// - Parameter lockingDossiers: take the `dossiers` table for this transaction first
    ///   (`EXCLUSIVE`: reads go on, no write does), before the chain lock, as `rebuild`, which
    ///   rewrites every row, must: a write holds its rows before it queues for the chain
    ///   (`PostgresSchema.appendFunction`), so rows wanted under the chain lock would deadlock.
    func beginWrite(lockingDossiers: Bool = false) throws(StoreError) {
        guard !connection.inTransaction else { throw StoreError.nestedWrite(location) }
        let table = lockingDossiers ? "LOCK TABLE dossiers IN EXCLUSIVE MODE; " : ""
        try pg { () throws(PGFailure) in
            try connection.exec("BEGIN; SET LOCAL lock_timeout = \(lockTimeoutMilliseconds); \(table)SELECT pg_advisory_xact_lock(\(PostgresSchema.chainLock))")
        }
    }

    /// Inside `write`, before the first statement that decides or makes an append: opens the
    /// transaction, takes the chain lock, and in the same round trip reads what an append needs
    /// next (the head, whether commits are signed, and dossier `dossierID`'s projection row and
    /// whether it has events), so a command's lock is held for two round trips: this one and
    /// the one that sends its inserts with `COMMIT`. Reads before it (the command looking at
    /// the dossier) run outside the lock, each on the latest committed state.
    /// - Returns: whether the lock was taken now (false when already held).
    @discardableResult
    func lockChain(prefetching dossierID: String?) throws(StoreError) -> Bool {
        guard !chainLocked else { return false }
        let id = dossierID.map { connection.literal($0) }
        // `synchronous_commit = off` for this transaction only: its COMMIT releases the chain
        // lock without waiting for the disk, and `commitWrite` then waits for it outside the lock.
        var sql = "BEGIN; SET LOCAL lock_timeout = \(lockTimeoutMilliseconds); SET LOCAL synchronous_commit = off; "
            + "SELECT pg_advisory_xact_lock(\(PostgresSchema.chainLock)); "
            + "SELECT seq, hash, at FROM events ORDER BY seq DESC LIMIT 1; SELECT EXISTS (SELECT 1 FROM commits)"
        if let id {
            sql += "; \(ProjectionRow.select) WHERE id = \(id); SELECT EXISTS (SELECT 1 FROM events WHERE dossier_id = \(id))"
        }
        let results = try pg { () throws(PGFailure) in try connection.execAll(sql) }
        chainLocked = true
        // BEGIN, two SETs, the lock, then the reads.
        guard results.count == (id == nil ? 6 : 8) else {
            throw StoreError.postgres(path: location, sqlstate: "", detail: "the server answered \(results.count) results to the lock's \(id == nil ? 6 : 8)")
        }
        let head = results[4]
        var p = ChainPrefetch(head: head.rowCount > 0 ? (head.int64(0, 0), head.text(0, 1)) : nil,
                              headTime: head.rowCount > 0 ? head.text(0, 2) : nil,
                              hasCommits: results[5].text(0, 0) == "t")
        if let dossierID {
            p.dossierID = dossierID
            p.dossier = results[6].rowCount > 0 ? ProjectionRow(results[6], row: 0) : nil
            p.dossierHasEvents = results[7].text(0, 0) == "t"
        }
        prefetch = p
        return true
    }

    func rollback() {
        connection.discardPending()
        if connection.inTransaction { _ = try? connection.exec("ROLLBACK") }
    }

    /// Runs `body` in one read-only snapshot (or in the transaction already open).
    func snapshot<T>(_ body: () throws(StoreError) -> T) throws(StoreError) -> T {
        if connection.inTransaction { return try body() }
        try pg { () throws(PGFailure) in try connection.exec("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY") }
        defer { rollback() }
        return try body()
    }

    // MARK: Reading

    public func dossier(_ id: String) throws(StoreError) -> Dossier? {
        let r = try pg { () throws(PGFailure) in try connection.query(ProjectionRow.select + " WHERE id = $1", [id]) }
        guard r.rowCount > 0 else { return nil }
        return try dossier(from: ProjectionRow(r, row: 0))
    }

    public func dossiers(matching filter: DossierFilter) throws(StoreError) -> [Dossier] {
        // Inside an optimistic write that has not appended yet, a nominee's dossiers read ahead.
        if optimistic, optimisticState.isEmpty, let nominee = filter.nominee, filter.state == nil, filter.award == nil, filter.unit == nil,
           filter.year == nil, let rows = optimisticState.nomineeDossiers[nominee] {
            return try rows.map { row throws(StoreError) in try dossier(from: row) }
        }
        var conditions: [String] = []
        var parameters: [String?] = []
        func add(_ value: String, _ condition: (String) -> String) {
            parameters.append(value)
            conditions.append(condition("$\(parameters.count)"))
        }
        if let nominee = filter.nominee { add(nominee) { "nominee_id = \($0)" } }
        if let state = filter.state { add(state) { "state = \($0)" } }
        if let award = filter.award { add(award) { "award = \($0)" } }
        if let unit = filter.unit { add(unit) { "(proposer_unit = \($0) OR addressee_unit = \($0))" } }
        if let year = filter.year { add(String(year)) { "year = \($0)::integer" } }
        let whereClause = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        let r = try pg { () throws(PGFailure) in try connection.query(ProjectionRow.select + whereClause + " ORDER BY id", parameters) }
        var out: [Dossier] = []
        out.reserveCapacity(r.rowCount)
        for row in 0..<r.rowCount { out.append(try dossier(from: ProjectionRow(r, row: row))) }
        return out
    }

    private func dossier(from row: ProjectionRow) throws(StoreError) -> Dossier {
        try checkedDossier(row, location: location)
    }

    public func dossierUnits(_ id: String) throws(StoreError) -> (workflow: String, proposer: String, addressee: String)? {
        let r = try pg { () throws(PGFailure) in
            try connection.query("SELECT workflow, proposer_unit, addressee_unit FROM dossiers WHERE id = $1", [id])
        }
        return r.rowCount > 0 ? (r.text(0, 0), r.text(0, 1), r.text(0, 2)) : nil
    }

    public func dossierCount() throws(StoreError) -> Int {
        try pg { () throws(PGFailure) in try connection.query("SELECT count(*) FROM dossiers") }.int(0, 0)
    }

    public func events(dossierID: String) throws(StoreError) -> [StoredEvent] {
        // Inside an optimistic write, the events read with the dossier (nothing appended to it since).
        if optimistic, let d = optimisticState.dossiers[dossierID], d.read, d.eventsCurrent { return d.events }
        // Inside an optimistic write that has not appended yet, a nominee's registry events read ahead.
        if optimistic, optimisticState.isEmpty, let registry = optimisticState.subjectEvents[dossierID] { return registry }
        return try eventRows(PostgresSchema.dollars(StoreSchema.dossierEvents), [dossierID])
    }

    public func records(named event: String, subject: String?) throws(StoreError) -> [StoredEvent] {
        // Inside an optimistic write that has not appended yet, a nominee's history read ahead.
        if optimistic, optimisticState.isEmpty, let subject, subject.hasPrefix("history:"),
           let history = optimisticState.nomineeHistory[String(subject.dropFirst("history:".count))] {
            return history.filter { $0.event == event }
        }
        if let subject { return try eventRows(PostgresSchema.dollars(StoreSchema.recordsNamedAbout), [event, subject]) }
        return try eventRows(PostgresSchema.dollars(StoreSchema.recordsNamed), [event])
    }

    public func records(namedAnyOf events: [String]) throws(StoreError) -> [StoredEvent] {
        try eventRows("SELECT \(StoreSchema.eventColumns) FROM events WHERE kind = 'record' AND event = ANY($1::text[]) ORDER BY seq",
                      [Self.arrayLiteral(events)])
    }

    private func eventRows(_ sql: String, _ parameters: [String?]) throws(StoreError) -> [StoredEvent] {
        try events(from: try pg { () throws(PGFailure) in try connection.query(sql, parameters) })
    }

    /// The events of a result that selected `StoreSchema.eventColumns`, checked as reads are.
    func events(from r: PGResult) throws(StoreError) -> [StoredEvent] {
        var out: [StoredEvent] = []
        out.reserveCapacity(r.rowCount)
        for row in 0..<r.rowCount { out.append(try StoredEventRow(r, row: row).event(path: location)) }
        return verifiesReads ? try events(checking: out) : out
    }

    /// `events`, each checked against its hash and its successor's link (`verifiesReads`).
    func events(checking events: [StoredEvent]) throws(StoreError) -> [StoredEvent] {
        for event in events {
            try EventChain.checkRead(event, location: location)
            let next = try pg { () throws(PGFailure) in
                try connection.query("SELECT prev_hash FROM events WHERE seq = $1", [String(event.seq + 1)])
            }
            try EventChain.checkLink(from: event, nextPrevHash: next.rowCount > 0 ? next.text(0, 0) : nil, location: location)
        }
        return events
    }

    /// Rows per `FETCH` when reading the whole chain (tests make it small to cross pages).
    package var fetchSize = 16384

    /// Calls `body` with every page of `select`'s rows, read through a cursor in one snapshot.
    /// The next page is asked for before `body` handles this one, so the server reads and sends
    /// it while this process works.
    func cursor(_ select: String, _ body: (PGResult) throws(StoreError) -> Void) throws(StoreError) {
        try snapshot { () throws(StoreError) in
            try pg { () throws(PGFailure) in try connection.exec("DECLARE khenthuong_scan NO SCROLL CURSOR FOR " + select) }
            let fetch = "FETCH \(fetchSize) FROM khenthuong_scan"
            var inFlight = false
            defer {
                if inFlight { connection.drain() }
                _ = try? connection.exec("CLOSE khenthuong_scan")
            }
            try pg { () throws(PGFailure) in try connection.send(fetch) }
            inFlight = true
            while true {
                inFlight = false
                let page = try pg { () throws(PGFailure) in try connection.receive() }
                if page.rowCount == 0 { break }
                if page.rowCount == fetchSize {
                    try pg { () throws(PGFailure) in try connection.send(fetch) }
                    inFlight = true
                }
                try body(page)
                if !inFlight { break }
            }
        }
    }

    /// Runs a binary `COPY … TO STDOUT` of rows of `fields` fields and hands each row to `body`
    /// (valid during the call only). The whole copy is read even when a row is malformed, so the
    /// connection stays usable; the first problem is thrown then.
    func copyOut(_ sql: String, fields: Int, _ body: (borrowing PGCopyRow) -> Void) throws(StoreError) {
        try pg { () throws(PGFailure) in try connection.beginCopyOut(sql) }
        var row = PGCopyRow()
        var malformed: PGCopyFormatError?
        while try pg({ () throws(PGFailure) in
            try connection.receiveCopy { message in
                guard malformed == nil else { return }
                do throws(PGCopyFormatError) {
                    if try row.parse(message, expected: fields) { body(row) }
                } catch {
                    malformed = error
                }
            }
        }) {}
        if let malformed {
            throw StoreError.postgres(path: location, sqlstate: "", detail: "a row of the server's binary COPY is malformed (\(malformed.detail)): this program and the server do not agree on the COPY format — nothing was written; report it with the server's version (SELECT version())")
        }
    }

    public func scan(from seq: Int64, _ body: (StoredEvent) throws(StoreError) -> Void) throws(StoreError) {
        var previous: StoredEvent?
        try cursor("SELECT \(StoreSchema.eventColumns) FROM events WHERE seq >= \(seq) ORDER BY seq") { page throws(StoreError) in
            for row in 0..<page.rowCount {
                let event = try StoredEventRow(page, row: row).event(path: location)
                if verifiesReads {
                    if let previous { try EventChain.checkLink(from: previous, nextPrevHash: event.prevHash, location: location) }
                    try EventChain.checkRead(event, location: location)
                    previous = event
                }
                try body(event)
            }
        }
    }

    public func scanSkeletons(from seq: Int64, payloadKinds: Set<String>, _ body: (StoredEvent) throws(StoreError) -> Void) throws(StoreError) {
        let kinds = payloadKinds.sorted().map(PGConnection.literal).joined(separator: ", ")
        let payload = "CASE WHEN kind = 'created'" + (kinds.isEmpty ? "" : " OR (kind = 'record' AND event IN (\(kinds)))") + " THEN payload ELSE '' END"
        let epoch = Date(timeIntervalSince1970: 0)
        try cursor("SELECT seq, dossier_id, kind, event, from_state, to_state, actor_role, actor_unit, actor_user, "
                   + payload + " FROM events WHERE seq >= \(seq) ORDER BY seq") { s throws(StoreError) in
            for row in 0..<s.rowCount {
                let seq = s.int64(row, 0)
                guard let kind = StoredEvent.Kind(rawValue: s.text(row, 2)) else {
                    throw StoreError.corruptEvent(path: location, seq: seq, detail: "kind “\(s.text(row, 2))” is neither created, transition nor record")
                }
                try body(StoredEvent(seq: seq, dossierID: s.text(row, 1), kind: kind, event: s.text(row, 3), fromState: s.optionalText(row, 4),
                                     toState: s.text(row, 5), actor: Actor(role: s.text(row, 6), unit: s.text(row, 7), user: s.text(row, 8)),
                                     at: epoch, reason: nil, payload: s.text(row, 9), prevHash: "", hash: ""))
            }
        }
    }

    public func eventCount() throws(StoreError) -> Int64 {
        try pg { () throws(PGFailure) in try connection.query("SELECT count(*) FROM events") }.int64(0, 0)
    }

    public func verifiedMark() throws(StoreError) -> VerifiedMark? {
        let r = try pg { () throws(PGFailure) in try connection.query("SELECT value FROM meta WHERE key = 'verified_mark'") }
        return r.rowCount > 0 ? VerifiedMark(text: r.text(0, 0)) : nil
    }

    public func saveVerifiedMark(_ mark: VerifiedMark) {
        guard activeWrite == nil, !connection.inTransaction else { return }
        _ = try? connection.query("INSERT INTO meta (key, value) VALUES ('verified_mark', $1) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                                  [mark.text])
    }

    public func hash(at seq: Int64) throws(StoreError) -> String? {
        let r = try pg { () throws(PGFailure) in try connection.query("SELECT hash FROM events WHERE seq = $1", [String(seq)]) }
        return r.rowCount > 0 ? r.text(0, 0) : nil
    }

    public func storeID() throws(StoreError) -> String {
        if let cachedStoreID { return cachedStoreID }
        let r = try pg { () throws(PGFailure) in try connection.query(StoreSchema.storeID) }
        let id = r.rowCount > 0 ? r.text(0, 0) : ""
        cachedStoreID = id
        return id
    }

    public func commits(from seq: Int64) throws(StoreError) -> [StoredCommit] {
        try commitRows(PostgresSchema.dollars(StoreSchema.commitsFrom), [String(seq)]).map(\.commit)
    }

    /// The commits `query` selects (`StoreSchema.commitColumns`, then optionally the stored hash
    /// of each one's last event), parsed.
    func commitRows(_ query: String, _ parameters: [String?] = []) throws(StoreError) -> [(commit: StoredCommit, storedHash: String?)] {
        let r = try pg { () throws(PGFailure) in try connection.query(query, parameters) }
        let withHash = r.columnCount > 6
        var keys: [String: PublicKey] = [:]
        var out: [(commit: StoredCommit, storedHash: String?)] = []
        out.reserveCapacity(r.rowCount)
        for row in 0..<r.rowCount {
            out.append((try StoredCommit(lastSeq: r.int64(row, 0), firstSeq: r.int64(row, 1), headHash: r.text(row, 2), atText: r.text(row, 3),
                                         publicKeyText: r.text(row, 4), signatureText: r.text(row, 5), path: location, keys: &keys),
                        withHash ? r.optionalText(row, 6) : nil))
        }
        return out
    }

    public func head() throws(StoreError) -> (seq: Int64, hash: String)? {
        let r = try pg { () throws(PGFailure) in try connection.query(StoreSchema.head) }
        return r.rowCount > 0 ? (r.int64(0, 0), r.text(0, 1)) : nil
    }

    // MARK: Checking

    public func verify(progress: ((Int64, Int64) -> Void)?) throws(StoreError) -> VerifyReport {
        try verify(progress: progress) { _ throws(StoreError) in }
    }

    /// The same walk as `EventStore.verify`: rows read through a cursor in one snapshot (the
    /// next page asked for before this one is handled), their canonical bytes hashed on a second
    /// thread, the signatures checked on other threads meanwhile.
    public func verify(progress: ((Int64, Int64) -> Void)?,
                       alongside: (_ linksIntact: Bool) throws(StoreError) -> Void) throws(StoreError) -> VerifyReport {
        var none = NoPostgresWalk()
        return try verify(progress: progress, skeletons: nil, walk: &none, alongside: alongside)
    }

    /// One read of the chain for the hashes and the walk (as `EventStore` does): the walk is
    /// told the commits, then each row as the light event `scanSkeletons` makes, as it is read.
    public func verify<Walk: VerifyWalk>(progress: ((Int64, Int64) -> Void)?, skeletons payloadKinds: Set<String>,
                                         walk: inout Walk) throws(StoreError) -> VerifyReport {
        try verify(progress: progress, skeletons: payloadKinds, walk: &walk) { _ throws(StoreError) in }
    }

    private func verify<Walk: VerifyWalk>(progress: ((Int64, Int64) -> Void)?, skeletons payloadKinds: Set<String>?,
                                          walk: inout Walk,
                                          alongside: (_ linksIntact: Bool) throws(StoreError) -> Void) throws(StoreError) -> VerifyReport {
        try snapshot { () throws(StoreError) -> VerifyReport in
            let total = try pg { () throws(PGFailure) in try connection.exec("SELECT coalesce(max(seq), 0) FROM events") }.int64(0, 0)
            let commits = try commitRows(StoreSchema.commitsWithHashes)
            if payloadKinds != nil { walk.start(commits: commits.map(\.commit)) }
            let storeID = try self.storeID()
            let signing = DispatchGroup()
            nonisolated(unsafe) var commitReport: CommitReport?
            signing.enter()
            DispatchQueue.global().async {
                commitReport = CommitCheck.run(commits, headSeq: total, storeID: storeID)
                signing.leave()
            }
            defer { signing.wait() }
            var check = RowChainCheck(total: total, progress: progress)
            defer { check.finish() }
            let epoch = Date(timeIntervalSince1970: 0)
            // The whole chain in one binary `COPY` (the server streams it, no page asked for:
            // less of the server's work than a cursor's `FETCH`es, docs/benchmarks.md).
            try copyOut("COPY (SELECT \(StoreSchema.eventColumns) FROM events ORDER BY seq) TO STDOUT (FORMAT binary)", fields: 14) { row in
                let seq = row.int64(0)
                check.add(seq: seq, dossierID: { row.text(1) },
                          fields: { row.bytes($0 + 1) }, storedHash: row.bytes(13) ?? UnsafeBufferPointer(start: nil, count: 0))
                if let payloadKinds, let kind = StoredEvent.Kind(rawValue: row.text(2)) {
                    let event = row.text(3)
                    let payload = kind == .created || (kind == .record && payloadKinds.contains(event)) ? row.text(11) : ""
                    walk.visit(StoredEvent(seq: seq, dossierID: row.text(1), kind: kind, event: event, fromState: row.optionalText(4),
                                           toState: row.text(5), actor: Actor(role: row.text(6), unit: row.text(7), user: row.text(8)),
                                           at: epoch, reason: nil, payload: payload, prevHash: "", hash: ""))
                }
            }
            check.finish()
            let firstBroken = try check.firstBroken { seq throws(StoreError) in
                let r = try pg { () throws(PGFailure) in try connection.query("SELECT dossier_id FROM events WHERE seq = $1", [String(seq)]) }
                return r.rowCount > 0 ? r.text(0, 0) : ""
            }
            try alongside(firstBroken == nil)
            signing.wait()
            return check.report(firstBroken: firstBroken, commits: commitReport)
        }
    }

    public func rebuild(dryRun: Bool) throws(StoreError) -> RebuildReport {
        guard activeWrite == nil, !connection.inTransaction else { throw StoreError.nestedWrite(location) }
        if dryRun {
            try pg { () throws(PGFailure) in try connection.exec("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY") }
        } else {
            try beginWrite(lockingDossiers: true)
        }
        do throws(StoreError) {
            var replay = EventReplay(location: location)
            try scan(from: 1) { event throws(StoreError) in try replay.apply(event) }
            let replayed = replay.projection()
            let differences = EventReplay.differences(replayed, from: try projectionRows())
            if !dryRun {
                try pg { () throws(PGFailure) in
                    try connection.exec("DELETE FROM dossiers")
                    for id in replayed.keys.sorted() {
                        try connection.query(PostgresSchema.dollars(ProjectionRow.upsertKnownSeq), replayed[id]!.parameters(withLastSeq: true))
                    }
                }
            }
            try pg { () throws(PGFailure) in try connection.exec("COMMIT") }
            return RebuildReport(eventCount: replay.eventCount, dossierCount: replay.dossiers.count, differences: differences,
                                 rewritten: !dryRun)
        } catch {
            rollback()
            throw error
        }
    }

    /// Every row of the projection, by dossier id.
    package func projectionRows() throws(StoreError) -> [String: ProjectionRow] {
        var rows: [String: ProjectionRow] = [:]
        try cursor(ProjectionRow.select) { page throws(StoreError) in
            for row in 0..<page.rowCount {
                let r = ProjectionRow(page, row: row)
                rows[r.id] = r
            }
        }
        return rows
    }
}

/// The storage `StoreTransaction` writes through inside `PostgresEventLog.write`: the log's
/// connection, in its open transaction holding the chain lock.
struct PostgresSession: EventLogSession {
    let log: PostgresEventLog
    let token: Int

    func checkActive() throws(StoreError) {
        guard log.activeWrite == token else { throw StoreError.transactionEnded(log.location) }
    }

    func willAppend(_ dossierID: String?) throws(StoreError) -> Bool {
        if log.optimistic {
            try log.readAhead(dossierID)
            return false
        }
        return try log.lockChain(prefetching: dossierID)
    }

    func dossier(_ id: String) throws(StoreError) -> Dossier? {
        if log.optimistic {
            try log.readAhead(id)
            let d = log.optimisticState.dossiers[id]
            if let saved = d?.saved { return saved }
            return try d?.row.map { row throws(StoreError) in try log.checkedDossier(row, location: log.location) }
        }
        if let p = log.prefetch, p.dossierID == id {
            return try p.dossier.map { row throws(StoreError) in try log.checkedDossier(row, location: log.location) }
        }
        return try log.dossier(id)
    }

    /// Taken under the chain lock: a write counts dossiers to number a new one (or a batch), and
    /// the number must still be free when it appends.
    /// Before the chain lock, the row and the events in one round trip (two statements, each
    /// on the latest committed state); once it is held, the row read with the lock is used.
    func dossierWithEvents(_ id: String) throws(StoreError) -> (dossier: Dossier?, events: [StoredEvent])? {
        if log.optimistic {
            try log.readAhead(id)
            guard let d = log.optimisticState.dossiers[id], d.saved == nil, d.eventsCurrent else { return nil }
            return (try d.row.map { row throws(StoreError) in try log.checkedDossier(row, location: log.location) }, d.events)
        }
        if let p = log.prefetch, p.dossierID == id { return nil }
        let literal = log.connection.literal(id)
        // Writes still queued go first, in the same round trip: their results come before these two.
        let results = Array(try log.pg { () throws(PGFailure) in
            try log.connection.execAll("\(ProjectionRow.select) WHERE id = \(literal); SELECT \(StoreSchema.eventColumns) FROM events WHERE dossier_id = \(literal) ORDER BY seq")
        }.suffix(2))
        guard results.count == 2 else {
            throw StoreError.postgres(path: log.location, sqlstate: "", detail: "the server answered \(results.count) results to the dossier's 2")
        }
        let dossier = try results[0].rowCount > 0 ? log.checkedDossier(ProjectionRow(results[0], row: 0), location: log.location) : nil
        return (dossier, try log.events(from: results[1]))
    }

    func dossierCount() throws(StoreError) -> Int {
        try log.leaveOptimistic()
        try log.lockChain(prefetching: nil)
        return try log.dossierCount()
    }

    func hasEvents(_ dossierID: String) throws(StoreError) -> Bool {
        if log.optimistic {
            try log.readAhead(dossierID)
            let has = log.optimisticState.dossiers[dossierID]?.hasEvents ?? false
            if !has { log.optimisticState.dossiers[dossierID]?.checkedAbsent = true }
            return has
        }
        try log.lockChain(prefetching: dossierID)
        if let p = log.prefetch, p.dossierID == dossierID { return p.dossierHasEvents }
        return try log.pg { () throws(PGFailure) in
            try log.connection.query(PostgresSchema.dollars(StoreSchema.dossierHasEvents), [dossierID])
        }.rowCount > 0
    }

    func head() throws(StoreError) -> (seq: Int64, hash: String)? {
        if log.optimistic {
            try log.readAhead(nil)
            return log.optimisticState.head
        }
        try log.lockChain(prefetching: nil)
        if let p = log.prefetch, p.headCurrent { return p.head }
        return try log.head()
    }

    func headTime() throws(StoreError) -> Date? {
        if log.optimistic { try log.readAhead(nil) } else { try log.lockChain(prefetching: nil) }
        let text: String
        if log.optimistic {
            guard let t = log.optimisticState.headTime else { return nil }
            text = t
        } else if let p = log.prefetch, p.headCurrent {
            guard let t = p.headTime else { return nil }
            text = t
        } else {
            let r = try log.pg { () throws(PGFailure) in try log.connection.query(StoreSchema.headTime) }
            guard r.rowCount > 0 else { return nil }
            text = r.text(0, 0)
        }
        guard let d = StoreTime.parseDate(text) else {
            throw StoreError.corruptEvent(path: log.location, seq: 0, detail: "the newest event's time “\(text)” is not a time")
        }
        return d
    }

    func hasCommits() throws(StoreError) -> Bool {
        if log.optimistic {
            // Checked again under the lock by `khenthuong_append` when the write is unsigned.
            try log.readAhead(nil)
            return log.optimisticState.hasCommits
        }
        try log.lockChain(prefetching: nil)
        if let p = log.prefetch { return p.hasCommits }
        return try log.pg { () throws(PGFailure) in try log.connection.query(StoreSchema.hasCommits) }.rowCount > 0
    }

    func storeID() throws(StoreError) -> String { try log.storeID() }

    // Writes are queued and sent with the next statement (the COMMIT, or a read that must see them).

    func insertCommit(_ c: StoredCommit) throws(StoreError) {
        let sql = log.connection.inline(PostgresSchema.dollars(StoreSchema.insertCommit),
                                        [String(c.lastSeq), String(c.firstSeq), c.headHash, StoreTime.iso(c.at), c.publicKey.text, c.signatureText])
        if log.optimistic {
            log.optimisticState.sql += sql + ";\n"
            log.optimisticState.hasCommits = true
            return
        }
        try log.lockChain(prefetching: nil)
        log.connection.enqueue(sql)
        log.prefetch?.hasCommits = true
    }

    func insert(_ e: StoredEvent) throws(StoreError) {
        if log.optimistic {
            log.optimisticState.events.append(e)
            log.optimisticState.dossiers[e.dossierID]?.hasEvents = true
            log.optimisticState.dossiers[e.dossierID]?.eventsCurrent = false
            return
        }
        try log.lockChain(prefetching: nil)
        log.connection.enqueue(log.connection.inline(PostgresSchema.dollars(StoreSchema.insertEvent), e.columnTexts))
        log.prefetch?.headCurrent = false
        if log.prefetch?.dossierID == e.dossierID { log.prefetch?.dossierHasEvents = true }
    }

    func saveProjection(_ dossier: Dossier) throws(StoreError) {
        let parameters = ProjectionRow(dossier).parameters(withLastSeq: false)
        if log.optimistic {
            log.optimisticState.projections += parameters
            log.optimisticState.dossiers[dossier.id, default: OptimisticDossier()].saved = dossier
            return
        }
        try log.lockChain(prefetching: nil)
        // Under the chain lock a row lock is taken without waiting: an optimistic write holding
        // it waits for the chain lock (PostgresSchema.appendFunction); `write` tries again.
        log.connection.enqueue(log.connection.inline("SELECT khenthuong_lock_dossier($1)", [dossier.id]))
        log.connection.enqueue(log.connection.inline(PostgresSchema.dollars(ProjectionRow.upsert), parameters))
        if log.prefetch?.dossierID == dossier.id { log.prefetch?.dossierID = nil }
    }
}

/// The walk of a verify that has none.
private struct NoPostgresWalk: VerifyWalk {
    mutating func start(commits: [StoredCommit]) {}
    mutating func visit(_ event: StoredEvent) {}
}

/// What `PostgresEventLog.lockChain` read in the round trip that took the chain lock; each
/// part is forgotten once this transaction's own writes change it.
struct ChainPrefetch {
    var head: (seq: Int64, hash: String)?
    var headTime: String?
    /// False once an event was inserted after the read (StoreTransaction keeps the head itself).
    var headCurrent = true
    var hasCommits: Bool
    /// The dossier read with the lock (`nil` once its projection row was written).
    var dossierID: String?
    var dossier: ProjectionRow?
    var dossierHasEvents = false

    init(head: (seq: Int64, hash: String)?, headTime: String?, hasCommits: Bool) {
        self.head = head
        self.headTime = headTime
        self.hasCommits = hasCommits
    }
}

extension StoredEvent {
    /// The fourteen columns of `events`, as text, in `StoreSchema.eventColumns` order.
    var columnTexts: [String?] {
        [String(seq), dossierID, kind.rawValue, event, fromState, toState, actor.role, actor.unit, actor.user, atText,
         reason, payload, prevHash, hash]
    }
}

extension ProjectionRow {
    /// Reads row `row` of a result that selected `columns` in order (from column `o` on).
    init(_ r: PGResult, row: Int, from o: Int = 0) {
        id = r.text(row, o); workflow = r.text(row, o + 1); workflowVersion = r.text(row, o + 2); award = r.text(row, o + 3)
        year = r.int(row, o + 4)
        nomineeID = r.text(row, o + 5); nomineeName = r.text(row, o + 6); nomineeKind = r.text(row, o + 7)
        proposerUnit = r.text(row, o + 8); addresseeUnit = r.text(row, o + 9); state = r.text(row, o + 10)
        previousState = r.optionalText(row, o + 11)
        enteredStateAt = r.text(row, o + 12); documents = r.text(row, o + 13); dueDate = r.optionalText(row, o + 14)
        createdAt = r.text(row, o + 15)
        eventCount = r.int(row, o + 16); previousEnteredAt = r.optionalText(row, o + 17)
        periodFrom = r.isNull(row, o + 18) ? nil : r.int(row, o + 18); proposalYear = r.isNull(row, o + 19) ? nil : r.int(row, o + 19)
        lastSeq = r.int64(row, o + 20)
    }

    /// The values of `columns` as text (the first 20, and `last_seq` when asked).
    func parameters(withLastSeq: Bool) -> [String?] {
        var out: [String?] = [id, workflow, workflowVersion, award, String(year), nomineeID, nomineeName, nomineeKind, proposerUnit,
                              addresseeUnit, state, previousState, enteredStateAt, documents, dueDate, createdAt, String(eventCount),
                              previousEnteredAt, periodFrom.map(String.init), proposalYear.map(String.init)]
        if withLastSeq { out.append(String(lastSeq)) }
        return out
    }
}

extension StoredEventRow {
    /// Reads row `row` of a result that selected `StoreSchema.eventColumns` (from column `o` on).
    init(_ r: PGResult, row: Int, from o: Int = 0) {
        seq = r.int64(row, o); dossierID = r.text(row, o + 1); kind = r.text(row, o + 2); event = r.text(row, o + 3)
        fromState = r.optionalText(row, o + 4)
        toState = r.text(row, o + 5); role = r.text(row, o + 6); unit = r.text(row, o + 7); user = r.text(row, o + 8); at = r.text(row, o + 9)
        reason = r.optionalText(row, o + 10); payload = r.text(row, o + 11); prevHash = r.text(row, o + 12); hash = r.text(row, o + 13)
    }
}
