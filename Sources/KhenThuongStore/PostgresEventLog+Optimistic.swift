import Foundation
import KhenThuongCore

/// A write that holds the chain lock for no round trip: everything it reads, it reads before the
/// lock (the head and each dossier it touches, in one snapshot and one round trip per dossier);
/// its appends, projection rows and commit are sent at the end in one message, where
/// `khenthuong_append` takes the lock, checks that what the write read has not moved, inserts
/// the events and returns, the rest of the message following under the same lock
/// (`PostgresSchema.appendFunction`).
///
/// When only the head moved (another writer appended meanwhile) and the write is movable
/// (unsigned, no appended event handed to the caller: `StoreTransaction.numbersShown`), the
/// function chains its events after the actual head. Otherwise it raises
/// `PostgresSchema.conflictState` holding the chain lock for the session, and `write` runs the
/// block again, alone, the classic way (`lockChain`); the lock is released with its commit.
struct OptimisticWrite {
    /// Whether the head (and whether commits are signed) was read.
    var headRead = false
    var head: (seq: Int64, hash: String)?
    var headTime: String?
    var hasCommits = false
    /// Each dossier the write read (or saved), by id.
    var dossiers: [String: OptimisticDossier] = [:]
    /// Read with a dossier, for the checks a submission makes (one achievement, one award): by
    /// nominee id, the nominee's dossiers (`dossiers(matching:)` with only a nominee) and the
    /// records about `history:<nominee>`, as they were before this write's appends.
    var nomineeDossiers: [String: [ProjectionRow]] = [:]
    var nomineeHistory: [String: [StoredEvent]] = [:]
    /// Read with a dossier too, for a submission's eligibility guard (the registry's profile of
    /// its nominee): the events about `person:<nominee>` and `collective:<nominee>`, by subject.
    var subjectEvents: [String: [StoredEvent]] = [:]
    /// The events appended, in order (numbered after `head`).
    var events: [StoredEvent] = []
    /// Projection rows, 20 texts each (`ProjectionRow.parameters`), written after the events.
    var projections: [String?] = []
    /// The signed commit, as SQL, sent after the function.
    var sql = ""

    /// Whether nothing is waiting to be written.
    var isEmpty: Bool { events.isEmpty && projections.isEmpty && sql.isEmpty }
}

/// What an optimistic write read of one dossier, and what it has done to it since.
struct OptimisticDossier {
    /// Whether the row and events were read (false: only saved by this write).
    var read = false
    var row: ProjectionRow?
    /// The row's `xmin` as read (changes with every update of the row), `nil` when there was none.
    var xmin: String?
    /// The dossier's events as read; `eventsCurrent` false once this write appended to it.
    var events: [StoredEvent] = []
    var eventsCurrent = true
    var hasEvents = false
    /// Whether the write decided on this dossier having no events (creation).
    var checkedAbsent = false
    /// The projection this write saved for it.
    var saved: Dossier?
}

extension PostgresSchema {
    /// The SQLSTATE a read of the log raises inside an optimistic write that has appended
    /// already (it must see its own appends): `write` runs the block again the classic way.
    static let restartState = "KT408"
}

extension PostgresEventLog {
    /// Reads, in one snapshot and one round trip, what the write needs and has not read yet:
    /// the head and whether commits are signed (first time), and dossier `id`'s row (with its
    /// `xmin`) and events, with its nominee's dossiers and history records (a submission checks
    /// them; two index look-ups in the same round trip cost less than two more round trips), and
    /// the events about the nominee in the registry (`person:`, `collective:`), which a
    /// submission's eligibility guard reads when the dossier records no facts.
    func readAhead(_ id: String?) throws(StoreError) {
        let needHead = !optimisticState.headRead
        let needDossier = id.map { optimisticState.dossiers[$0]?.read != true } ?? false
        guard needHead || needDossier else { return }
        // One statement (one snapshot), prepared once per connection: `khenthuong_read`.
        let r: PGResult
        do {
            r = try connection.query("SELECT * FROM khenthuong_read($1)", [needDossier ? id : nil])
        } catch {
            throw storeError(error)
        }
        var d = OptimisticDossier()
        var nominees: [ProjectionRow] = []
        var history: [StoredEvent] = []
        var registry: [StoredEvent] = []
        for row in 0..<r.rowCount {
            switch r.int(row, 0) {
            case 0:
                guard needHead else { continue }
                optimisticState.headRead = true
                optimisticState.head = r.isNull(row, 1) ? nil : (r.int64(row, 1), r.text(row, 2))
                optimisticState.headTime = r.optionalText(row, 3)
                optimisticState.hasCommits = r.text(row, 4) == "true"
            case 1:
                let p = ProjectionRow(r, row: row, from: 1)
                if let id, p.id.utf8.elementsEqual(id.utf8) {
                    d.row = p
                    d.xmin = r.text(row, 22)
                }
                nominees.append(p)
            case 2:
                d.events.append(try StoredEventRow(r, row: row, from: 1).event(path: location))
            case 3:
                history.append(try StoredEventRow(r, row: row, from: 1).event(path: location))
            case 4:
                registry.append(try StoredEventRow(r, row: row, from: 1).event(path: location))
            default:
                break
            }
        }
        guard needDossier, let id else { return }
        if verifiesReads { d.events = try events(checking: d.events) }
        if let existing = optimisticState.dossiers[id] {
            d.saved = existing.saved
            d.hasEvents = existing.hasEvents
            d.eventsCurrent = existing.eventsCurrent
        }
        d.read = true
        d.hasEvents = !d.events.isEmpty || d.hasEvents
        optimisticState.dossiers[id] = d
        if let nominee = d.row?.nomineeID, optimisticState.nomineeDossiers[nominee] == nil {
            optimisticState.nomineeDossiers[nominee] = nominees
            optimisticState.nomineeHistory[nominee] = verifiesReads ? try events(checking: history) : history
            for subject in [RecordSubject.person(nominee).stored, RecordSubject.collective(nominee).stored] {
                let mine = registry.filter { $0.dossierID.utf8.elementsEqual(subject.utf8) }
                optimisticState.subjectEvents[subject] = verifiesReads ? try events(checking: mine) : mine
            }
        }
    }

    /// Leaves the optimistic way for the classic one (the chain lock taken now, held to the
    /// commit): possible while nothing is written yet; otherwise the block is run again.
    func leaveOptimistic() throws(StoreError) {
        guard optimistic else { return }
        guard optimisticState.isEmpty else {
            throw StoreError.postgres(path: location, sqlstate: PostgresSchema.restartState,
                                      detail: "a read inside an optimistic write after its appends")
        }
        optimistic = false
        optimisticState = OptimisticWrite()
    }

    /// Sends the write in one round trip. An unsigned write (nothing but its events and
    /// projection rows) is one prepared statement, `CALL khenthuong_commit(…)` with the arrays
    /// as parameters: `khenthuong_append` (the lock, the checks, the events), `COMMIT` — the
    /// transaction being `synchronous_commit = off`, the lock is released as soon as its commit
    /// record is in the WAL — and the durable wait (`commitWrite` says why), nothing parsed again
    /// after the connection's first writes. A signed write (its commit row follows the events in
    /// the same transaction) is one message: `BEGIN`, `khenthuong_append`, the commit's
    /// `INSERT`, `COMMIT` and the durable wait.
    /// - Parameter movable: the events may be chained after a head other than the one read.
    func commitOptimistic(movable: Bool, unsigned: Bool) throws(StoreError) {
        let state = optimisticState
        // Each projection row with the position of its dossier's last creation or transition
        // among the events, from which the function sets its `last_seq` under the lock, and, on
        // the first row of a dossier the write read, the `xmin` it read ("-": nothing to check).
        var lastEvent: [String: Int] = [:]
        for (i, e) in state.events.enumerated() where e.kind != .record { lastEvent[e.dossierID] = i + 1 }
        var projections: [String?] = []
        projections.reserveCapacity(state.projections.count / 20 * 22)
        var checkedRows = Set<String>()
        for k in stride(from: 0, to: state.projections.count, by: 20) {
            let id = state.projections[k] ?? ""
            projections += state.projections[k..<k + 20]
            projections.append(String(lastEvent[id] ?? 0))
            if let d = state.dossiers[id], d.read, checkedRows.insert(id).inserted {
                projections.append(d.xmin)
            } else {
                projections.append("-")
            }
        }
        // The `xmin` read of a dossier whose row this write saves is checked by the row's first
        // upsert (`checkedRows`, above); the others' by `checked_ids` (PostgresSchema.appendBody).
        var ids: [String?] = [], xmins: [String?] = [], absent: [String?] = []
        for (id, d) in state.dossiers.sorted(by: { $0.key < $1.key }) where d.read {
            if !checkedRows.contains(id) {
                ids.append(id)
                xmins.append(d.xmin)
            }
            if d.checkedAbsent { absent.append(id) }
        }
        // Every nominee whose dossiers and history this write read (checked when the head moved).
        let nominees: [String?] = state.nomineeDossiers.keys.sorted()
        var texts: [String?] = []
        texts.reserveCapacity(state.events.count * 13)
        for e in state.events {
            texts += [e.dossierID, e.kind.rawValue, e.event, e.fromState, e.toState, e.actor.role, e.actor.unit, e.actor.user,
                      e.atText, e.reason, e.payload, e.hash, e.canonicalMiddle]
        }
        let locks = Self.nomineeLocks(state).map { "{" + $0.map(String.init).joined(separator: ",") + "}" }
        let arguments: [String?] = [String(lockTimeoutMilliseconds), state.head.map { String($0.seq) }, state.head?.hash,
                                    String(movable || state.events.isEmpty), String(unsigned), Self.arrayLiteral(ids),
                                    Self.arrayLiteral(xmins), Self.arrayLiteral(absent), Self.arrayLiteral(nominees),
                                    Self.arrayLiteral(texts), Self.arrayLiteral(projections), locks]
        let renumbered: Bool
        do {
            if state.sql.isEmpty && !connection.inTransaction {
                let r = try connection.query("CALL khenthuong_commit($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, NULL)", arguments)
                renumbered = r.rowCount > 0 && r.text(0, 0) == "t"
            } else {
                let call = "SELECT renumbered FROM khenthuong_append(" + arguments.map { connection.literal($0) }.joined(separator: ", ") + ")"
                let sql = "BEGIN; \(call);\n" + state.sql + "COMMIT; SELECT pg_logical_emit_message(true, 'khenthuong', 'durable')"
                let results = try connection.execAll(sql)
                renumbered = results.count > 1 && results[1].rowCount > 0 && results[1].text(0, 0) == "t"
            }
        } catch {
            // The function took the chain lock for the session before raising it.
            if error.sqlstate == PostgresSchema.conflictState { holdsSessionLock = true }
            throw storeError(error)
        }
        if renumbered { renumberedWrites += 1 }
    }

    /// The nominee locks the write takes (`PostgresSchema.nomineeStripe`), each stripe once, in
    /// order: those of the nominees it read (`nomineeDossiers`), of the dossiers it writes rows
    /// for, of the subjects of its `history:`, `person:` and `collective:` events, and of the
    /// dossiers it appends to (each read ahead, or written by it). `nil` — no nominee lock, the
    /// checks made under the chain lock (`PostgresSchema.unlockedMark`) — when they would be
    /// more than `PostgresSchema.maxNomineeLocks`, or when it appends to a dossier whose nominee
    /// it does not know.
    static func nomineeLocks(_ state: OptimisticWrite) -> [Int32]? {
        var stripes = Set<Int32>()
        for nominee in state.nomineeDossiers.keys { stripes.insert(PostgresSchema.nomineeStripe(nominee)) }
        let nomineeColumn = ProjectionRow.columns.firstIndex(of: "nominee_id")!
        var rows = Set<String>()
        for k in stride(from: 0, to: state.projections.count, by: 20) {
            if let id = state.projections[k] { rows.insert(id) }
            if let nominee = state.projections[k + nomineeColumn] { stripes.insert(PostgresSchema.nomineeStripe(nominee)) }
        }
        for e in state.events {
            switch RecordSubject(stored: e.dossierID) {
            case .history(let id)?, .person(let id)?, .collective(let id)?:
                stripes.insert(PostgresSchema.nomineeStripe(id))
            case .dossier(let id)?:
                guard !rows.contains(id) else { continue }
                guard let d = state.dossiers[id], let nominee = d.saved?.nominee.id ?? d.row?.nomineeID else { return nil }
                stripes.insert(PostgresSchema.nomineeStripe(nominee))
            default:
                continue
            }
            if stripes.count > PostgresSchema.maxNomineeLocks { return nil }
        }
        return stripes.count > PostgresSchema.maxNomineeLocks ? nil : stripes.sorted()
    }

    /// `texts` as the text of a `text[]` value (`{"a","b",NULL}`), for a parameter: each element
    /// quoted, `\\` and `"` escaped with a backslash, `nil` as `NULL`.
    static func arrayLiteral(_ texts: [String?]) -> String {
        var out: [UInt8] = [UInt8(ascii: "{")]
        out.reserveCapacity(texts.reduce(2) { $0 + ($1?.utf8.count ?? 4) + 3 })
        for (i, t) in texts.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            guard let t else { out += "NULL".utf8; continue }
            out.append(UInt8(ascii: "\""))
            for b in t.utf8 {
                if b == UInt8(ascii: "\\") || b == UInt8(ascii: "\"") { out.append(UInt8(ascii: "\\")) }
                out.append(b)
            }
            out.append(UInt8(ascii: "\""))
        }
        out.append(UInt8(ascii: "}"))
        return String(decoding: out, as: UTF8.self)
    }

    /// Releases the chain lock held for the session after a conflict (the write is over).
    func releaseSessionLock() {
        guard holdsSessionLock else { return }
        holdsSessionLock = false
        _ = try? connection.exec("SELECT pg_advisory_unlock(\(PostgresSchema.chainLock))")
    }
}

extension StoredEvent {
    /// The canonical text of the event between its number and its `prev_hash`: `,"dossier",…,"payload"`
    /// (`EventHash`), from which `khenthuong_append` hashes the event at another position.
    var canonicalMiddle: String {
        let bytes = EventHash.canonical(seq: seq, dossierID: dossierID, kind: kind.rawValue, event: event, fromState: fromState,
                                        toState: toState, actor: actor, at: atText, reason: reason, payload: payload, prevHash: prevHash)
        let start = 1 + String(seq).utf8.count
        let end = bytes.count - (prevHash.utf8.count + 4)
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }
}
