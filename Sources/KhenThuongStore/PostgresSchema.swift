/// The SQL schema of a store kept in PostgreSQL: the same tables, columns and meaning as the
/// SQLite file (`StoreSchema`), so a store copied either way keeps every row and every hash.
///
/// Texts that are compared or sorted are `COLLATE "C"` (byte order, as SQLite compares).
/// `events` and `commits` are append-only: triggers refuse UPDATE, DELETE and TRUNCATE, and the
/// application's role is given INSERT and SELECT on them only (docs/postgres.md).
enum PostgresSchema {
    /// The schema version this program writes and reads (the PostgreSQL schema's own
    /// numbering). Each entry of `migrations` brings a store from its index to the next.
    static let version = 7

    /// The value of `meta.application`: a database whose `meta` lacks it belongs to another program.
    static let application = "khenthuong"

    /// `migrations[v]` takes a store from version `v` to `v + 1`; all run in one transaction, so
    /// the functions an older step creates are this version's (a store is never left between two
    /// steps), replaced by later steps with the same text.
    static let migrations: [String] = [create, addPeriod, nomineeIndex, appendFunction + readFunction,
                                       "DROP FUNCTION IF EXISTS khenthuong_append(\(version4AppendArguments));\n" + appendFunction + readFunction + commitProcedure,
                                       appendFunction + readFunction + commitProcedure + lockDossierFunction,
                                       "DROP FUNCTION IF EXISTS khenthuong_append(\(version6AppendArguments));\n"
                                           + "DROP PROCEDURE IF EXISTS khenthuong_commit(\(version6AppendArguments), boolean);\n"
                                           + markUnlockedFunction + signedMarkTrigger + appendFunction + commitProcedure]

    /// The argument types of version 4's `khenthuong_append` (no `nominees`), dropped by migration 5.
    static let version4AppendArguments = "integer, bigint, text, boolean, boolean, text[], text[], text[], text[], text[]"

    /// The argument types of versions 5 and 6's `khenthuong_append` (no `nominee_locks`), and
    /// of their `khenthuong_commit` before its `renumbered`, dropped by migration 7.
    static let version6AppendArguments = "integer, bigint, text, boolean, boolean, text[], text[], text[], text[], text[], text[]"

    /// Version 1 → 2: the dossier's achievement period and proposal year (issue 17), `NULL` in
    /// the rows already there (their dossiers are one-year proposals).
    static let addPeriod = "ALTER TABLE dossiers ADD COLUMN period_from integer, ADD COLUMN proposal_year integer;"

    /// Version 2 → 3: a nominee's dossiers for an award and year, for the one-achievement-one-award
    /// checks (the SQLite schema's `dossiers_nominee`).
    static let nomineeIndex = "CREATE INDEX IF NOT EXISTS dossiers_nominee ON dossiers (nominee_id, award, year);"

    /// The SQLSTATE `appendFunction` raises when what the write read has moved and it cannot be
    /// appended as it is: the function then holds the chain lock for the session (until
    /// `pg_advisory_unlock`), so the write's second try runs alone and cannot be moved again.
    static let conflictState = "KT409"

    /// Version 3 → 4: `khenthuong_append`, a write's appends in one statement, so a write holds
    /// the chain lock for no round trip at all (`PostgresEventLog.commitOptimistic`); version 6
    /// moved everything that is not the chain out from under the lock.
    ///
    /// It takes the head the client read before the lock (`expected_seq`, `expected_hash`, NULL
    /// for an empty chain), what the write's decisions rest on (the `xmin` of each dossier row
    /// it read and does not write, NULL for a row that was not there; dossiers it found without
    /// events; for an unsigned write, that no commit is signed), the events, 13 texts each: the
    /// 11 columns from `dossier_id` to `payload`, the hash the client computed after the expected
    /// head, and the event's canonical text between its number and its `prev_hash`
    /// (`,"…",…,"…"`); and the projection rows, 22 texts each (version 6): `ProjectionRow.parameters`,
    /// the position (from 1) among `ev` of the row's dossier's last creation or transition in
    /// this write (`0` if none), and, on the first row of a dossier the write read, the `xmin`
    /// it read (`-` on the others). It takes too the nominees whose dossiers, `history:` records
    /// and registry events (`person:`, `collective:`) the write read (a submission's guards read
    /// them: `OptimisticWrite.nomineeDossiers`, `nomineeHistory`, `subjectEvents`); version 5
    /// added them.
    ///
    /// Before the chain lock (version 6) it locks each dossier row the write read and does not
    /// write (`FOR UPDATE`: no one else changes it until this transaction ends) and checks that
    /// its `xmin` is the one read, and writes the projection rows, `last_seq` left as it was,
    /// each replacing a row only if that row's `xmin` is the one read (`projectionUpsert`, which
    /// locks it too); if a row moved it takes the chain lock for the session (no deadlock: the
    /// lock's holder waits for no row) and raises `conflictState`. Then (version 7) it takes the
    /// nominee locks `nominee_locks` names (`nomineeLockClass`) and checks, outside the chain
    /// lock, that none of those nominees got a `history:` event, an event about them in the
    /// registry (`person:`, `collective:`) or an event on one of their dossiers (a new dossier
    /// included) after the head the write read (`nomineeRecheck`): every write about a nominee
    /// holds its lock until it commits, except those that take none (the classic way, `store
    /// copy`, and a write about too many nominees, `nominee_locks` NULL), which leave
    /// `unlockedMark`. Under the chain lock it reads the head and the mark and checks the rest:
    /// if events appeared on a dossier read without any, a signed commit did, or — the head
    /// having moved and the mark being past the head read, or this write having taken no nominee
    /// lock — the nominees' check fails now, it takes the lock for the session and raises
    /// `conflictState`. If only the head moved, a `movable` write (unsigned, its
    /// events' numbers used by no one) is chained after the actual head: number, `prev_hash` and
    /// hash (SHA-256 of the canonical bytes `[seq,…,"prev_hash"]`, PostgreSQL's `sha256`) — the
    /// same bytes `EventHash` hashes, so `verify` checks them like any other; a write that is not
    /// movable raises as above. Then it inserts the events and sets each projection row's
    /// `last_seq` to its event's number (an update of a column no index holds), and a write
    /// that took no nominee lock leaves the mark.
    ///
    /// A write waiting for the chain lock thus holds row locks and nominee locks (taken in that
    /// order, the nominee locks sorted), and the holder of the chain lock waits for none: it
    /// reads, inserts events (numbers no one else inserts) and updates rows it has locked. The
    /// classic way (`lockChain`), which writes rows under the chain lock, takes each row's lock
    /// without waiting (`lockDossierFunction`) so it cannot wait on a write that waits on it,
    /// and takes no nominee lock at all.
    static let appendFunction = """
        CREATE OR REPLACE FUNCTION khenthuong_append(lock_ms integer, expected_seq bigint, expected_hash text, movable boolean,
                                                     unsigned boolean, checked_ids text[], checked_xmins text[], absent_ids text[],
                                                     nominees text[], ev text[], proj text[], nominee_locks integer[])
        RETURNS TABLE (head_seq bigint, head_hash text, renumbered boolean)
        LANGUAGE plpgsql AS $$
        \(appendBody(end: "RETURN QUERY SELECT s, prev, moved;"))
        $$;
        """

    /// The declarations and statements of `appendFunction` (and, since version 6, of
    /// `commitProcedure`, which runs them itself rather than through a nested call), ended by `end`.
    static func appendBody(end: String) -> String {
        """
        #variable_conflict use_column
        DECLARE
            h_seq bigint; h_hash text; signed boolean; x text; i integer; k integer; s bigint; base bigint; prev text; hv text;
            moved boolean; st integer; bulk boolean; unlocked text;
        BEGIN
            -- This transaction's COMMIT releases the lock without waiting for the disk; the
            -- client then waits for it outside the lock (PostgresEventLog.commitWrite).
            PERFORM set_config('synchronous_commit', 'off', true), set_config('lock_timeout', lock_ms::text, true);
            FOR i IN 1 .. coalesce(array_length(checked_ids, 1), 0) LOOP
                x := NULL;
                SELECT d.xmin::text INTO x FROM dossiers d WHERE d.id = checked_ids[i] FOR UPDATE;
                IF x IS DISTINCT FROM checked_xmins[i] THEN
                    PERFORM pg_advisory_lock(\(chainLock));
                    RAISE EXCEPTION 'dossier % moved since this write read it', checked_ids[i] USING ERRCODE = '\(conflictState)';
                END IF;
            END LOOP;
            FOR i IN 0 .. coalesce(array_length(proj, 1), 0) / 22 - 1 LOOP
                k := i * 22;
                IF proj[k + 21]::integer > 0 THEN
                    \(projectionUpsert(lastSeq: "0"))
                ELSE
                    \(projectionUpsert(lastSeq: lastSeqLookUp))
                END IF;
                IF NOT FOUND THEN
                    PERFORM pg_advisory_lock(\(chainLock));
                    RAISE EXCEPTION 'dossier % moved since this write read it', proj[k + 1] USING ERRCODE = '\(conflictState)';
                END IF;
            END LOOP;
            -- The nominee locks (version 7): the stripes of the nominees this write read or
            -- appends about, sorted (PostgresEventLog.nomineeLocks), held to the end of the
            -- transaction. Every write about a nominee holds its stripe from here to its commit,
            -- so what the check below finds unchanged stays so until this write appends, and it
            -- runs outside the chain lock. A write about too many nominees (an import: NULL)
            -- takes none: it checks under the chain lock and leaves the mark that sends the
            -- others to check there too.
            bulk := nominee_locks IS NULL;
            IF NOT bulk THEN
                FOREACH st IN ARRAY nominee_locks LOOP
                    PERFORM pg_advisory_xact_lock(\(nomineeLockClass), st);
                END LOOP;
                \(nomineeRecheck)
            END IF;
            PERFORM pg_advisory_xact_lock(\(chainLock));
            -- No event, no row: all four NULL (and no commit either). Whether a commit is
            -- signed and the mark are both read from `meta` (version 7: `signedMark`), so the
            -- transaction opens no more relations than the server's 16 fast-path lock slots.
            SELECT e.seq, e.hash, (SELECT m.value FROM meta m WHERE m.key = '\(signedMark)') IS NOT NULL,
                   (SELECT m.value FROM meta m WHERE m.key = '\(unlockedMark)')
                INTO h_seq, h_hash, signed, unlocked FROM events e ORDER BY e.seq DESC LIMIT 1;
            moved := h_seq IS DISTINCT FROM expected_seq OR h_hash IS DISTINCT FROM expected_hash;
            IF (moved AND NOT movable) OR (unsigned AND coalesce(signed, false)) THEN
                PERFORM pg_advisory_lock(\(chainLock));
                RAISE EXCEPTION 'the chain moved since this write read it' USING ERRCODE = '\(conflictState)';
            END IF;
            FOR i IN 1 .. coalesce(array_length(absent_ids, 1), 0) LOOP
                IF EXISTS (SELECT 1 FROM events e WHERE e.dossier_id = absent_ids[i]) THEN
                    PERFORM pg_advisory_lock(\(chainLock));
                    RAISE EXCEPTION 'dossier % got events since this write read it', absent_ids[i] USING ERRCODE = '\(conflictState)';
                END IF;
            END LOOP;
            -- A write that took no nominee locks may have appended about these nominees since
            -- the checks above (only then is the mark past the head this write read): check
            -- again here, as every write did before version 7. So does a bulk write itself.
            IF moved AND (bulk OR coalesce(unlocked::bigint, 0) > coalesce(expected_seq, 0)) THEN
                \(nomineeRecheck)
            END IF;
            s := coalesce(h_seq, 0);
            base := s;
            prev := coalesce(h_hash, '\(StoredEvent.genesisHash)');
            FOR i IN 0 .. coalesce(array_length(ev, 1), 0) / 13 - 1 LOOP
                k := i * 13;
                s := s + 1;
                IF moved THEN
                    hv := encode(sha256(convert_to('[' || s::text || ev[k + 13] || ',"' || prev || '"]', 'UTF8')), 'hex');
                ELSE
                    hv := ev[k + 12];
                END IF;
                INSERT INTO events (seq, dossier_id, kind, event, from_state, to_state, actor_role, actor_unit, actor_user,
                                    at, reason, payload, prev_hash, hash)
                VALUES (s, ev[k + 1], ev[k + 2], ev[k + 3], ev[k + 4], ev[k + 5], ev[k + 6], ev[k + 7], ev[k + 8],
                        ev[k + 9], ev[k + 10], ev[k + 11], prev, hv);
                prev := hv;
            END LOOP;
            FOR i IN 0 .. coalesce(array_length(proj, 1), 0) / 22 - 1 LOOP
                k := i * 22 + 21;
                IF proj[k]::integer > 0 THEN
                    UPDATE dossiers d SET last_seq = base + proj[k]::integer WHERE d.id = proj[k - 20];
                END IF;
            END LOOP;
            IF bulk AND s > base THEN
                PERFORM khenthuong_mark_unlocked();
            END IF;
            \(end)
        END
        """
    }

    /// What a submission's guards read of the write's nominees and must still hold when it
    /// appends: their history records, their registry profile (`person:`, `collective:`) and
    /// their dossiers have no event after the head the write read. One index look-up each.
    static let nomineeRecheck = """
        FOR i IN 1 .. coalesce(array_length(nominees, 1), 0) LOOP
                    IF EXISTS (SELECT 1 FROM events e WHERE e.dossier_id IN ('history:' || nominees[i], 'person:' || nominees[i], 'collective:' || nominees[i])
                                                         AND e.seq > coalesce(expected_seq, 0))
                       OR EXISTS (SELECT 1 FROM dossiers d JOIN events e ON e.dossier_id = d.id AND e.seq > coalesce(expected_seq, 0)
                                  WHERE d.nominee_id = nominees[i]) THEN
                        PERFORM pg_advisory_lock(\(chainLock));
                        RAISE EXCEPTION 'nominee % got records or dossier events since this write read them', nominees[i] USING ERRCODE = '\(conflictState)';
                    END IF;
                END LOOP;
        """

    /// The nominee locks (version 7): advisory locks `(nomineeLockClass, stripe)`, a nominee's
    /// stripe `nomineeStripe(id)` — a fixed number of locks however many nominees there are, so
    /// the server's lock table cannot fill; two nominees sharing a stripe only wait for each other.
    static let nomineeLockClass: Int32 = 0x4B54 // “KT”
    static let nomineeStripes: UInt32 = 1024
    /// Above this many stripes a write takes none (`unlockedMark`).
    static let maxNomineeLocks = 64

    /// A nominee's stripe: FNV-1a (32 bits) of the id's UTF-8 bytes, its bits mixed by
    /// MurmurHash3's finaliser (FNV's low bits alone put `B1`…`B69` on 63 stripes), modulo
    /// `nomineeStripes` — the same in every program that writes the store, whatever its platform.
    static func nomineeStripe(_ id: String) -> Int32 {
        var h: UInt32 = 0x811C_9DC5
        for b in id.utf8 { h = (h ^ UInt32(b)) &* 0x0100_0193 }
        h ^= h >> 16; h &*= 0x85EB_CA6B; h ^= h >> 13; h &*= 0xC2B2_AE35; h ^= h >> 16
        return Int32(h % nomineeStripes)
    }

    /// The `meta` key of the newest event appended by a write that did not take the nominee
    /// locks — the classic way (`PostgresEventLog.commitWrite`), `store copy`, a bulk optimistic
    /// write —, set before its commit under the chain lock. An optimistic write whose head read
    /// is older checks its nominees again under the chain lock.
    static let unlockedMark = "unlocked_head"

    /// The `meta` key present (value `true`) once a commit is signed (version 7): set by a
    /// trigger on `commits`, read by the append under the chain lock instead of looking at
    /// `commits` — one table fewer in a write's transaction, whose relations then all fit the
    /// server's fast-path lock slots (16 a backend; a 17th would send every writer's lock on
    /// `events` through the shared lock table).
    static let signedMark = "signed"

    /// Version 6 → 7: the trigger that sets `signedMark` with the first signed commit (whoever
    /// inserts it: `SECURITY DEFINER`, as an office's role may only read `meta`), and the mark
    /// for a store already signed.
    static let signedMarkTrigger = """
        CREATE OR REPLACE FUNCTION khenthuong_mark_signed() RETURNS trigger
        LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
        BEGIN
            -- A statement may add no row (a `store copy` of an unsigned store copies none).
            INSERT INTO meta (key, value) SELECT '\(signedMark)', 'true' WHERE EXISTS (SELECT 1 FROM commits) ON CONFLICT (key) DO NOTHING;
            RETURN NULL;
        END
        $$;
        DROP TRIGGER IF EXISTS commits_signed ON commits;
        CREATE TRIGGER commits_signed AFTER INSERT ON commits FOR EACH STATEMENT EXECUTE FUNCTION khenthuong_mark_signed();
        INSERT INTO meta (key, value) SELECT '\(signedMark)', 'true' WHERE EXISTS (SELECT 1 FROM commits) ON CONFLICT (key) DO NOTHING;
        """

    /// Version 6 → 7: `khenthuong_mark_unlocked()`, which sets `unlockedMark` to the head. It is
    /// `SECURITY DEFINER` (the owner's rights, the search path of the migration) so that an
    /// office's role, which may only read `meta` under row-level security, can leave the mark.
    static let markUnlockedFunction = """
        CREATE OR REPLACE FUNCTION khenthuong_mark_unlocked() RETURNS void
        LANGUAGE sql SECURITY DEFINER SET search_path FROM CURRENT AS $$
            INSERT INTO meta (key, value) SELECT '\(unlockedMark)', e.seq::text FROM events e ORDER BY e.seq DESC LIMIT 1
            ON CONFLICT (key) DO UPDATE SET value = excluded.value;
        $$;
        """

    /// Version 4 → 5: `khenthuong_commit`, a whole unsigned write in one prepared statement
    /// (`CALL`, one round trip, nothing parsed again): what `khenthuong_append` does with the same
    /// arguments (its body itself since version 6, not a call), `COMMIT` — the transaction being `synchronous_commit = off`, the chain lock is
    /// released as soon as the commit record is in the WAL —, then the durable wait in a
    /// transaction of its own under the session's `synchronous_commit`
    /// (`pg_logical_emit_message(true, …)`, `PostgresEventLog.commitWrite` says why), committed
    /// when the procedure ends: the server answers once the write is durable. Called outside any
    /// transaction block (a procedure may commit only there).
    static let commitProcedure = """
        CREATE OR REPLACE PROCEDURE khenthuong_commit(lock_ms integer, expected_seq bigint, expected_hash text, movable boolean,
                                                      unsigned boolean, checked_ids text[], checked_xmins text[], absent_ids text[],
                                                      nominees text[], ev text[], proj text[], nominee_locks integer[],
                                                      INOUT renumbered boolean DEFAULT NULL)
        LANGUAGE plpgsql AS $$
        \(appendBody(end: "renumbered := moved;\nCOMMIT;\nPERFORM pg_logical_emit_message(true, 'khenthuong', 'durable');"))
        $$;
        """

    /// The SQLSTATE `lockDossierFunction` raises when the row is locked by another transaction.
    static let rowLockedState = "KT423"

    /// Version 5 → 6: `khenthuong_lock_dossier(dossier)`, which a write under the chain lock (the
    /// classic way) calls before it writes a dossier's row: it locks the row without waiting, or
    /// raises `rowLockedState` — the write holding it waits for the chain lock
    /// (`appendFunction`), so waiting for it would be a deadlock; `write` tries again, after it.
    static let lockDossierFunction = """
        CREATE OR REPLACE FUNCTION khenthuong_lock_dossier(dossier text) RETURNS void
        LANGUAGE plpgsql AS $$
        BEGIN
            PERFORM 1 FROM dossiers d WHERE d.id = dossier FOR UPDATE NOWAIT;
        EXCEPTION WHEN lock_not_available THEN
            RAISE EXCEPTION 'dossier % is being written by another write', dossier USING ERRCODE = '\(rowLockedState)';
        END
        $$;
        """

    /// Version 3 → 4 too: `khenthuong_read(dossier)`, what a write reads before the lock, in one
    /// statement (one snapshot, its plans kept by the session; three statements inside since
    /// version 6): rows of `part` 0, the head
    /// (`t1` seq, `t2` hash, `t3` at; NULL when empty) and `t4` whether a commit is signed
    /// (`true`/`false`); with a dossier id, `part` 1 its nominee's dossier rows, itself included
    /// (`t1`…`t21` the columns of `ProjectionRow.columns`, `t22` the row's `xmin`), by id;
    /// `part` 2 its events, `part` 3 the records about `history:<nominee>` and (version 5)
    /// `part` 4 the events about `person:<nominee>` and `collective:<nominee>` — what a
    /// submission's eligibility guard reads of the registry — (`t1`…`t14` the columns of
    /// `StoreSchema.eventColumns`), by number.
    static var readFunction: String {
        let texts = (1...22).map { "t\($0) text" }.joined(separator: ", ")
        let nulls = { (n: Int) in Array(repeating: "NULL::text", count: n).joined(separator: ", ") }
        let integers: Set<String> = ["year", "event_count", "period_from", "proposal_year", "last_seq"]
        let dossierColumns = ProjectionRow.columns.map { "d.\($0)" + (integers.contains($0) ? "::text" : "") }.joined(separator: ", ")
        let eventColumns = StoreSchema.eventColumns.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            .map { "e.\($0)" + ($0 == "seq" ? "::text" : "") }.joined(separator: ", ")
        return """
            CREATE OR REPLACE FUNCTION khenthuong_read(dossier text)
            RETURNS TABLE (part integer, \(texts))
            LANGUAGE plpgsql STABLE AS $$
            #variable_conflict use_column
            DECLARE
                nominee text;
            BEGIN
                -- No event, no row: all NULL (no commit, no dossier either).
                SELECT e.seq::text, e.hash, e.at, (EXISTS (SELECT 1 FROM commits))::text, (SELECT d.nominee_id FROM dossiers d WHERE d.id = dossier)
                    INTO t1, t2, t3, t4, nominee FROM events e ORDER BY e.seq DESC LIMIT 1;
                part := 0;
                RETURN NEXT;
                IF dossier IS NULL THEN RETURN; END IF;
                IF nominee IS NOT NULL THEN
                    RETURN QUERY SELECT 1, \(dossierColumns), d.xmin::text FROM dossiers d WHERE d.nominee_id = nominee ORDER BY d.id;
                END IF;
                -- Parts 2, 3 and 4 in one index look-up: the dossier's events, the nominee's
                -- history records and registry events.
                RETURN QUERY SELECT CASE WHEN e.dossier_id = dossier THEN 2 WHEN e.dossier_id = 'history:' || nominee THEN 3 ELSE 4 END,
                                    \(eventColumns), \(nulls(8))
                    FROM events e
                    WHERE e.dossier_id = ANY (ARRAY[dossier, 'history:' || nominee, 'person:' || nominee, 'collective:' || nominee])
                      AND (e.kind = 'record' OR e.dossier_id IS DISTINCT FROM 'history:' || nominee)
                    ORDER BY e.seq;
            END
            $$;
            """
    }

    /// `ProjectionRow.upsert` inside `appendFunction`, before the chain lock: the row's 20 texts
    /// from `proj[k + 1]` on, and `lastSeq` for a new row. `last_seq` is set under the lock when
    /// the write has an event for the dossier (`proj[k + 21]` > 0; a new row has 0 until then);
    /// otherwise an existing row keeps its own and a new one takes `lastSeqLookUp`. An existing
    /// row is replaced only if `proj[k + 22]` is `-` or the `xmin` the write read (NULL: it read
    /// no row): otherwise nothing is written (`NOT FOUND`), the row having moved — the upsert
    /// waits for a write holding the row, then looks at the row that write left.
    static func projectionUpsert(lastSeq: String) -> String {
        let integers: Set<String> = ["year", "event_count", "period_from", "proposal_year"]
        let values = ProjectionRow.columns.dropLast().enumerated().map { i, c in "proj[k + \(i + 1)]" + (integers.contains(c) ? "::integer" : "") }
        return "INSERT INTO dossiers (\(ProjectionRow.columns.joined(separator: ", "))) VALUES (\(values.joined(separator: ", ")), \(lastSeq)) "
            + "ON CONFLICT (id) DO UPDATE SET "
            + ProjectionRow.columns.dropFirst().dropLast().map { "\($0) = excluded.\($0)" }.joined(separator: ", ")
            + " WHERE proj[k + 22] = '-' OR dossiers.xmin::text IS NOT DISTINCT FROM proj[k + 22];"
    }

    /// The dossier's newest creation or transition, 0 when it has none.
    static let lastSeqLookUp = "coalesce((SELECT e.seq FROM events e WHERE e.dossier_id = proj[k + 1] AND e.kind <> 'record' ORDER BY e.seq DESC LIMIT 1), 0)"

    /// Version 0 → 1: every table, index and trigger.
    static let create = """
        CREATE TABLE meta (
            key text COLLATE "C" PRIMARY KEY,
            value text NOT NULL
        );
        CREATE TABLE events (
            seq bigint PRIMARY KEY,
            dossier_id text COLLATE "C" NOT NULL,
            kind text NOT NULL CHECK (kind IN ('created', 'transition', 'record')),
            event text COLLATE "C" NOT NULL,
            from_state text COLLATE "C",
            to_state text COLLATE "C" NOT NULL,
            actor_role text NOT NULL,
            actor_unit text NOT NULL,
            actor_user text NOT NULL,
            at text NOT NULL,
            reason text,
            payload text NOT NULL,
            prev_hash text NOT NULL,
            hash text NOT NULL
        );
        CREATE INDEX events_dossier ON events (dossier_id, seq);
        CREATE INDEX events_records ON events (event, seq) WHERE kind = 'record';
        CREATE TABLE commits (
            last_seq bigint PRIMARY KEY,
            first_seq bigint NOT NULL,
            head_hash text NOT NULL,
            at text NOT NULL,
            public_key text NOT NULL,
            signature text NOT NULL
        );
        CREATE FUNCTION khenthuong_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION '% are append-only: % refused (chỉ được ghi thêm, không được sửa hay xóa)', TG_TABLE_NAME, TG_OP
                USING ERRCODE = 'P0001';
        END
        $$;
        CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON events
            FOR EACH ROW EXECUTE FUNCTION khenthuong_append_only();
        CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events
            FOR EACH STATEMENT EXECUTE FUNCTION khenthuong_append_only();
        CREATE TRIGGER commits_append_only BEFORE UPDATE OR DELETE ON commits
            FOR EACH ROW EXECUTE FUNCTION khenthuong_append_only();
        CREATE TRIGGER commits_no_truncate BEFORE TRUNCATE ON commits
            FOR EACH STATEMENT EXECUTE FUNCTION khenthuong_append_only();
        CREATE TABLE dossiers (
            id text COLLATE "C" PRIMARY KEY,
            workflow text COLLATE "C" NOT NULL,
            workflow_version text NOT NULL,
            award text COLLATE "C" NOT NULL,
            year integer NOT NULL,
            nominee_id text NOT NULL,
            nominee_name text NOT NULL,
            nominee_kind text NOT NULL,
            proposer_unit text COLLATE "C" NOT NULL,
            addressee_unit text COLLATE "C" NOT NULL,
            state text COLLATE "C" NOT NULL,
            previous_state text,
            entered_state_at text NOT NULL,
            documents text NOT NULL,
            due_date text,
            created_at text NOT NULL,
            event_count integer NOT NULL,
            previous_entered_at text,
            last_seq bigint NOT NULL
        );
        CREATE INDEX dossiers_state ON dossiers (state);
        CREATE INDEX dossiers_award ON dossiers (award);
        CREATE INDEX dossiers_proposer_unit ON dossiers (proposer_unit);
        CREATE INDEX dossiers_addressee_unit ON dossiers (addressee_unit);
        CREATE INDEX dossiers_year ON dossiers (year);
        INSERT INTO meta (key, value) VALUES ('application', '\(application)');
        INSERT INTO meta (key, value) VALUES ('store_id', replace(gen_random_uuid()::text, '-', ''));
        INSERT INTO meta (key, value) VALUES ('schema_version', '0');
        """

    /// The advisory lock every write takes first, inside its transaction (released at COMMIT
    /// or ROLLBACK): writers queue on it, so each appends after the head the previous one left.
    static let chainLock: Int64 = 0x4B54_4348_4149_4E // “KTCHAIN”

    /// SQLite's `?N` parameters written as PostgreSQL's `$N`.
    static func dollars(_ sql: String) -> String {
        var out = ""
        out.reserveCapacity(sql.utf8.count)
        for c in sql { out.append(c == "?" ? "$" : c) }
        return out
    }
}
