-- Row-level security for a shared PostgreSQL store (docs/postgres.md, "Row-level security"):
-- a union's role reads the dossiers its units proposed plus those in a public state, and their
-- events; it appends events and commits and keeps its own dossiers' rows, nothing else.
-- Run once by the owner, after `khenthuong init`, in the store's database and schema.
-- Then, per office (as a role that may create roles):
--   CREATE ROLE cdcs_dhbk LOGIN PASSWORD '…' IN ROLE khenthuong_union;   -- stored as scram-sha-256
--   INSERT INTO khenthuong_role_units (role, unit) VALUES ('cdcs_dhbk', 'CDCS-DHBK');
-- and for the federation's offices (secretariat, council), which see every dossier:
--   CREATE ROLE ldld_hn LOGIN PASSWORD '…' IN ROLE khenthuong_federation;
-- `khenthuong verify` needs the whole chain: run it as the owner or a BYPASSRLS auditor role.

CREATE ROLE khenthuong_union NOLOGIN;
CREATE ROLE khenthuong_federation NOLOGIN;

CREATE TABLE khenthuong_role_units (
    role name NOT NULL,
    unit text COLLATE "C" NOT NULL,
    PRIMARY KEY (role, unit)
);
CREATE TABLE khenthuong_public_states (state text COLLATE "C" PRIMARY KEY);
INSERT INTO khenthuong_public_states (state) VALUES ('published');

-- The chain head's number, read past the policies: every writer appends after it.
CREATE FUNCTION khenthuong_head_seq() RETURNS bigint LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path FROM CURRENT AS 'SELECT max(seq) FROM events';
REVOKE ALL ON FUNCTION khenthuong_head_seq() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION khenthuong_head_seq() TO khenthuong_union, khenthuong_federation;

GRANT SELECT, INSERT ON events, commits TO khenthuong_union, khenthuong_federation;
GRANT SELECT, INSERT, UPDATE ON dossiers TO khenthuong_union, khenthuong_federation;
GRANT SELECT ON meta, khenthuong_role_units, khenthuong_public_states TO khenthuong_union, khenthuong_federation;

ALTER TABLE dossiers ENABLE ROW LEVEL SECURITY;
ALTER TABLE events ENABLE ROW LEVEL SECURITY;

CREATE POLICY union_reads ON dossiers FOR SELECT TO khenthuong_union
    USING (proposer_unit IN (SELECT unit FROM khenthuong_role_units WHERE role = current_user)
           OR state IN (SELECT state FROM khenthuong_public_states));
CREATE POLICY union_adds ON dossiers FOR INSERT TO khenthuong_union
    WITH CHECK (proposer_unit IN (SELECT unit FROM khenthuong_role_units WHERE role = current_user));
CREATE POLICY union_keeps ON dossiers FOR UPDATE TO khenthuong_union
    USING (proposer_unit IN (SELECT unit FROM khenthuong_role_units WHERE role = current_user))
    WITH CHECK (proposer_unit IN (SELECT unit FROM khenthuong_role_units WHERE role = current_user));

CREATE POLICY union_reads ON events FOR SELECT TO khenthuong_union
    USING (EXISTS (SELECT 1 FROM dossiers d WHERE d.id = events.dossier_id)  -- the dossiers above
           OR position(':' IN dossier_id) > 0                                -- units, grants, councils
           OR seq = khenthuong_head_seq());                                  -- the head, to append after it
CREATE POLICY union_appends ON events FOR INSERT TO khenthuong_union WITH CHECK (true);

CREATE POLICY federation_all ON dossiers TO khenthuong_federation USING (true) WITH CHECK (true);
CREATE POLICY federation_all ON events TO khenthuong_federation USING (true) WITH CHECK (true);
