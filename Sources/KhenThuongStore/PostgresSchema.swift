/// The SQL schema of a store kept in PostgreSQL: the same tables, columns and meaning as the
/// SQLite file (`StoreSchema`), so a store copied either way keeps every row and every hash.
///
/// Texts that are compared or sorted are `COLLATE "C"` (byte order, as SQLite compares).
/// `events` and `commits` are append-only: triggers refuse UPDATE, DELETE and TRUNCATE, and the
/// application's role is given INSERT and SELECT on them only (docs/postgres.md).
enum PostgresSchema {
    /// The schema version this program writes and reads (the PostgreSQL schema's own
    /// numbering). Each entry of `migrations` brings a store from its index to the next.
    static let version = 3

    /// The value of `meta.application`: a database whose `meta` lacks it belongs to another program.
    static let application = "khenthuong"

    /// `migrations[v]` takes a store from version `v` to `v + 1`; all run in one transaction.
    static let migrations: [String] = [create, addPeriod, nomineeIndex]

    /// Version 1 → 2: the dossier's achievement period and proposal year (issue 17), `NULL` in
    /// the rows already there (their dossiers are one-year proposals).
    static let addPeriod = "ALTER TABLE dossiers ADD COLUMN period_from integer, ADD COLUMN proposal_year integer;"

    /// Version 2 → 3: a nominee's dossiers for an award and year, for the one-achievement-one-award
    /// checks (the SQLite schema's `dossiers_nominee`).
    static let nomineeIndex = "CREATE INDEX IF NOT EXISTS dossiers_nominee ON dossiers (nominee_id, award, year);"

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
