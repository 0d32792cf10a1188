import KhenThuongCore

/// The SQL schema of an event store file.
///
/// `events` is the hash chain (append-only: triggers refuse UPDATE and DELETE). A fork is
/// impossible: every event takes `seq` = head + 1 inside a `BEGIN IMMEDIATE` transaction and
/// `seq` is the primary key, so two events can never follow the same head. `dossiers` is a projection of the events, one row per
/// dossier, for queries; `EventStore.rebuild()` recomputes it from the events.
enum StoreSchema {
    /// The schema version this program writes and reads.
    static let version = 4

    /// `CREATE TABLE <name> (…)` for the event chain; `name` may start with `IF NOT EXISTS`.
    static func eventsTable(_ name: String) -> String {
        """
        CREATE TABLE \(name) (
            seq INTEGER PRIMARY KEY,
            dossier_id TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('created', 'transition', 'record')),
            event TEXT NOT NULL,
            from_state TEXT,
            to_state TEXT NOT NULL,
            actor_role TEXT NOT NULL,
            actor_unit TEXT NOT NULL,
            actor_user TEXT NOT NULL,
            at TEXT NOT NULL,
            reason TEXT,
            payload TEXT NOT NULL,
            prev_hash TEXT NOT NULL,
            hash TEXT NOT NULL
        );
        """
    }

    /// Every statement, idempotent (`IF NOT EXISTS`), run in one transaction.
    static let create = """
        CREATE TABLE IF NOT EXISTS meta (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
        \(eventsTable("IF NOT EXISTS events"))
        -- No fork is possible: an event's seq is the head's seq + 1 and seq is the primary key,
        -- so two events can never follow the same head; verify checks every prev_hash link.
        CREATE INDEX IF NOT EXISTS events_dossier ON events (dossier_id, seq);
        CREATE INDEX IF NOT EXISTS events_records ON events (event, seq) WHERE kind = 'record';
        CREATE TRIGGER IF NOT EXISTS events_no_update BEFORE UPDATE ON events
        BEGIN
            SELECT RAISE(ABORT, 'events are append-only: an event cannot be changed (sự kiện chỉ được ghi thêm, không được sửa)');
        END;
        CREATE TRIGGER IF NOT EXISTS events_no_delete BEFORE DELETE ON events
        BEGIN
            SELECT RAISE(ABORT, 'events are append-only: an event cannot be deleted (sự kiện chỉ được ghi thêm, không được xóa)');
        END;
        CREATE TABLE IF NOT EXISTS dossiers (
            id TEXT PRIMARY KEY,
            workflow TEXT NOT NULL,
            workflow_version TEXT NOT NULL,
            award TEXT NOT NULL,
            year INTEGER NOT NULL,
            nominee_id TEXT NOT NULL,
            nominee_name TEXT NOT NULL,
            nominee_kind TEXT NOT NULL,
            proposer_unit TEXT NOT NULL,
            addressee_unit TEXT NOT NULL,
            state TEXT NOT NULL,
            previous_state TEXT,
            entered_state_at TEXT NOT NULL,
            documents TEXT NOT NULL,
            due_date TEXT,
            created_at TEXT NOT NULL,
            event_count INTEGER NOT NULL,
            previous_entered_at TEXT,
            period_from INTEGER,
            proposal_year INTEGER,
            last_seq INTEGER NOT NULL
        );
        CREATE INDEX IF NOT EXISTS dossiers_state ON dossiers (state);
        CREATE INDEX IF NOT EXISTS dossiers_award ON dossiers (award);
        CREATE INDEX IF NOT EXISTS dossiers_proposer_unit ON dossiers (proposer_unit);
        CREATE INDEX IF NOT EXISTS dossiers_addressee_unit ON dossiers (addressee_unit);
        CREATE INDEX IF NOT EXISTS dossiers_year ON dossiers (year);
        -- One achievement, one award: a nominee's dossiers for an award and year (version 4 on).
        CREATE INDEX IF NOT EXISTS dossiers_nominee ON dossiers (nominee_id, award, year);
        \(commitsTable)
        INSERT OR IGNORE INTO meta (key, value) VALUES ('store_id', lower(hex(randomblob(16))));
        INSERT OR IGNORE INTO meta (key, value) VALUES ('schema_version', '\(version)');
        """

    /// The signed commits (version 3 on): one row per signed write, naming its events and the
    /// head hash its signature covers (see `StoredCommit`). Append-only like the events.
    static let commitsTable = """
        CREATE TABLE IF NOT EXISTS commits (
            last_seq INTEGER PRIMARY KEY,
            first_seq INTEGER NOT NULL,
            head_hash TEXT NOT NULL,
            at TEXT NOT NULL,
            public_key TEXT NOT NULL,
            signature TEXT NOT NULL
        );
        CREATE TRIGGER IF NOT EXISTS commits_no_update BEFORE UPDATE ON commits
        BEGIN
            SELECT RAISE(ABORT, 'commits are append-only: a signature cannot be changed (chữ ký chỉ được ghi thêm, không được sửa)');
        END;
        CREATE TRIGGER IF NOT EXISTS commits_no_delete BEFORE DELETE ON commits
        BEGIN
            SELECT RAISE(ABORT, 'commits are append-only: a signature cannot be deleted (chữ ký chỉ được ghi thêm, không được xóa)');
        END;
        """

    /// Version 2 stores had no signatures: `create` adds the commits table and a store id, and
    /// their events stay as they are, reported by `verify` as unsigned (before signatures).
    static let migrateFrom2 = "UPDATE meta SET value = '3' WHERE key = 'schema_version';"

    /// Version 3 stores (and older ones, after the steps above) lacked the `dossiers_nominee`
    /// index, which `create` adds, and had no achievement period in the projection: `addPeriod` adds the two columns when they are missing, `NULL` in every
    /// row (one-year proposals).
    static let migrateFrom3 = "UPDATE meta SET value = '4' WHERE key = 'schema_version';"

    static let hasPeriodColumn = "SELECT count(*) FROM pragma_table_info('dossiers') WHERE name = 'period_from'"

    static let addPeriod = """
        ALTER TABLE dossiers ADD COLUMN period_from INTEGER;
        ALTER TABLE dossiers ADD COLUMN proposal_year INTEGER;
        """

    static let commitColumns = "last_seq, first_seq, head_hash, at, public_key, signature"

    static let insertCommit = "INSERT INTO commits (\(commitColumns)) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"

    static let commitsFrom = "SELECT \(commitColumns) FROM commits WHERE last_seq >= ?1 ORDER BY last_seq"

    static let commitsWithHashes = """
        SELECT c.last_seq, c.first_seq, c.head_hash, c.at, c.public_key, c.signature, e.hash
        FROM commits c LEFT JOIN events e ON e.seq = c.last_seq ORDER BY c.last_seq
        """

    static let storeID = "SELECT value FROM meta WHERE key = 'store_id'"

    /// Whether the `meta` table exists (the file holds a store, possibly empty).
    static let hasMeta = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'meta'"

    /// How many tables the file has (a file with tables but no `meta` belongs to another program).
    static let tableCount = "SELECT count(*) FROM sqlite_master WHERE type = 'table'"

    /// The stored schema version.
    static let readVersion = "SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'schema_version'"

    /// The columns of `events`, in canonical-hash order, then `hash`.
    static let eventColumns = """
        seq, dossier_id, kind, event, from_state, to_state, actor_role, actor_unit, actor_user, \
        at, reason, payload, prev_hash, hash
        """

    static let insertEvent = """
        INSERT INTO events (\(eventColumns)) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)
        """

    /// `insertEvent` for `BatchChunk.rowsPerInsert` rows at once (parameters numbered on).
    static let insertEvents = "INSERT INTO events (\(eventColumns)) VALUES " + (0..<BatchChunk.rowsPerInsert).map { r in
        "(" + (1...14).map { "?\(r * 14 + $0)" }.joined(separator: ", ") + ")"
    }.joined(separator: ", ")

    static let dossierEvents = "SELECT \(eventColumns) FROM events WHERE dossier_id = ?1 ORDER BY seq"

    static let head = "SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1"

    static let dossierHasEvents = "SELECT 1 FROM events WHERE dossier_id = ?1 LIMIT 1"

    /// Records whose event name is `?1`, oldest first.
    static let recordsNamed = "SELECT \(eventColumns) FROM events WHERE kind = 'record' AND event = ?1 ORDER BY seq"

    /// Records whose event name is `?1` about the subject `?2`, oldest first.
    static let recordsNamedAbout = """
        SELECT \(eventColumns) FROM events WHERE dossier_id = ?2 AND kind = 'record' AND event = ?1 ORDER BY seq
        """

    /// Version 1 stores refused the `record` kind: the events table is copied, row for row, into
    /// one that accepts it (hashes do not change), then the indexes and triggers are recreated
    /// by `create`. Dropping a table fires no DELETE trigger.
    static let migrateFrom1 = """
        \(eventsTable("events_v2"))
        INSERT INTO events_v2 SELECT \(eventColumns) FROM events ORDER BY seq;
        DROP TABLE events;
        ALTER TABLE events_v2 RENAME TO events;
        UPDATE meta SET value = '2' WHERE key = 'schema_version';
        """

    static let headTime = "SELECT at FROM events ORDER BY seq DESC LIMIT 1"

    static let hasCommits = "SELECT 1 FROM commits LIMIT 1"

}
