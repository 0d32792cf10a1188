#!/bin/bash
# Two variants of the PostgreSQL write path measured at the same time on one server, so that
# the host's changing speed (this project's VMs vary by ±30 % from one minute to the next)
# cancels out: each variant gets its own database and its own pgbench with CLIENTS clients
# replaying what one library `dossier act … submit` sends (`khenthuong_read`, then
# `CALL khenthuong_commit`, schema 6 or 7), both runs start together, and the ratio of their
# transactions per second is printed. docs/benchmarks.md ("Two variants at once") says what it
# found and how far to trust it (two copies of the same variant: 0.97–1.04).
#
#   docs/scripts/pg-duel.sh [-r ROUNDS] [-t SECONDS] [-c CLIENTS] A.sql B.sql
#
# A.sql and B.sql are run in each fresh copy before its round (for example a
# `CREATE OR REPLACE PROCEDURE khenthuong_commit …` taken from `pg_get_functiondef` and
# changed); `-` runs nothing (the schema as shipped). The server comes from the usual
# variables (PGHOST, PGPORT, PGUSER; the user must be allowed to create databases);
# KT_BENCH names the khenthuong-bench binary (default .build/release/khenthuong-bench), used
# once to create the template database kt_duel_tmpl: the schema, then 100,000 draft dossiers with their creations.
set -euo pipefail
rounds=3; seconds=10; clients=8
while getopts "r:t:c:" o; do
  case $o in r) rounds=$OPTARG ;; t) seconds=$OPTARG ;; c) clients=$OPTARG ;; *) exit 2 ;; esac
done
shift $((OPTIND - 1))
[ $# -eq 2 ] || { echo "usage: $0 [-r ROUNDS] [-t SECONDS] [-c CLIENTS] A.sql B.sql ('-': no change)" >&2; exit 2; }
for v in "$1" "$2"; do [ "$v" = - ] || [ -r "$v" ] || { echo "$0: cannot read $v" >&2; exit 2; }; done
bench=${KT_BENCH:-.build/release/khenthuong-bench}
host=${PGHOST:-127.0.0.1}; port=${PGPORT:-5432}; user=${PGUSER:-$(id -un)}
export PGHOST=$host PGPORT=$port PGUSER=$user
psql_q() { psql -X -q -v ON_ERROR_STOP=1 "$@"; }

if ! psql_q -d postgres -Atc "SELECT 1 FROM pg_database WHERE datname = 'kt_duel_tmpl'" | grep -q 1; then
  [ -x "$bench" ] || { echo "$0: $bench not found: build it (swift build -c release --product khenthuong-bench) or set KT_BENCH" >&2; exit 2; }
  # Made under another name and renamed once whole: a template half made is never used.
  psql_q -d postgres -c "DROP DATABASE IF EXISTS kt_duel_tmpl_new" 2>/dev/null
  createdb kt_duel_tmpl_new
  # One writer, one act: the schema (the bench's own migrations) and dossier P0-0, submitted.
  "$bench" pg writers --store "postgresql://$user@$host:$port/kt_duel_tmpl_new" --processes 1 --commands 1 --binary "$bench" >/dev/null
  psql_q -d kt_duel_tmpl_new <<'SQL'
INSERT INTO dossiers
SELECT 'Q' || g, workflow, workflow_version, award, year, 'M' || g, nominee_name, nominee_kind, proposer_unit,
       addressee_unit, 'draft', NULL, entered_state_at, documents, due_date, created_at, 1, NULL, 0, period_from, proposal_year
FROM dossiers, generate_series(1, 100000) g WHERE id = 'P0-0';
-- Their creations, so the tables the plans are made for are the size of a real store's (the
-- hashes are not a chain: nothing here is verified).
INSERT INTO events (seq, dossier_id, kind, event, from_state, to_state, actor_role, actor_unit, actor_user, at, reason, payload, prev_hash, hash)
SELECT m.seq + g, 'Q' || g, 'created', 'create', NULL, 'draft', 'union_officer', 'CDCS-DHBK', 'nguyen.a', '2026-12-07T23:43:29.915Z', NULL, '{}',
       md5('Q' || (g - 1)), md5('Q' || g)
FROM (SELECT max(seq) AS seq FROM events) m, generate_series(1, 100000) g;
UPDATE dossiers d SET last_seq = e.seq FROM events e WHERE e.dossier_id = d.id AND d.id LIKE 'Q%';
VACUUM ANALYZE;
SQL
  psql_q -d postgres -c "ALTER DATABASE kt_duel_tmpl_new RENAME TO kt_duel_tmpl"
fi

# One submission of dossier Q<n>, n in a range of the client's own (no two clients touch the
# same dossier): the read, then the commit chained after the head the read saw. Schema 7's
# khenthuong_commit takes the nominee locks too (13 arguments): here one stripe per dossier's
# nominee, as a library write about one nominee takes; schema 6's has 12.
act=$(mktemp --suffix=.sql)
trap 'rm -f "$act" "$act".a "$act".b "$act".12 "$act".13 "$act".a.sql "$act".b.sql' EXIT
span=$((100000 / (2 * clients)))
for n in 12 13; do
  locks=""; [ $n = 13 ] && locks=" ARRAY[:q % 1024],"
  cat > "$act.$n" <<SQL
\set q :client_id * $span + random(1, $span)
SELECT coalesce(max(t1::bigint) FILTER (WHERE part = 0), 0) AS h FROM khenthuong_read('Q' || :q) \gset
CALL khenthuong_commit(60000, :h, 'x', true, true, '{}', '{}', '{}', ARRAY['M' || :q],
  ARRAY['Q' || :q, 'transition', 'submit', 'draft', 'submitted', 'union_officer', 'CDCS-DHBK', 'nguyen.a', '2026-12-07T23:43:32.042Z', NULL, '{}',
        '40bcdc18b5b98f14bb54bc544b6615a1e5087e2f66554bc0be8b6665eb2d313e',
        ',"Q' || :q || '","transition","submit","draft","submitted","union_officer","CDCS-DHBK","nguyen.a","2026-12-07T23:43:32.042Z",null,"{}"'],
  ARRAY['Q' || :q, 'yearly', '1.0.0', 'lao_dong_tien_tien', '2025', 'M' || :q, 'Nguyễn Thị Hoa', 'individual', 'CDCS-DHBK', 'LDLD-HN',
        'submitted', 'draft', '2026-12-07T23:43:32.042Z', '["achievement_report","cover_letter","review_minutes"]', NULL,
        '2026-12-07T23:43:29.915Z', '2', '2026-12-07T23:43:29.915Z', NULL, NULL, '1', '-'],$locks NULL);
SQL
done

for r in $(seq "$rounds"); do
  for side in a b; do
    variant=$1; [ $side = b ] && variant=$2
    psql_q -d postgres -c "DROP DATABASE IF EXISTS kt_duel_$side" -c "CREATE DATABASE kt_duel_$side TEMPLATE kt_duel_tmpl" 2>/dev/null
    [ "$variant" = - ] || psql_q -d kt_duel_$side -f "$variant" >/dev/null
    # The newest khenthuong_commit the variant left (a variant may add one beside the old).
    n=$(psql_q -d kt_duel_$side -Atc "SELECT max(pronargs) FROM pg_proc WHERE proname = 'khenthuong_commit'")
    cp "$act.$n" "$act.$side.sql"
  done
  psql_q -d postgres -c CHECKPOINT
  pgbench -n -c "$clients" -j 1 -T "$seconds" -M prepared -f "$act.a.sql" kt_duel_a > "$act".a 2>&1 &
  pgbench -n -c "$clients" -j 1 -T "$seconds" -M prepared -f "$act.b.sql" kt_duel_b > "$act".b 2>&1
  wait
  a=$(awk '/^tps/ {print $3}' "$act".a); b=$(awk '/^tps/ {print $3}' "$act".b)
  [ -n "$a" ] && [ -n "$b" ] || { echo "$0: a pgbench run failed:" >&2; cat "$act".a "$act".b >&2; exit 1; }
  echo "round $r: A ($1) $a tps, B ($2) $b tps, B/A $(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.3f", b / a }')"
done
psql_q -d postgres -c "DROP DATABASE IF EXISTS kt_duel_a" -c "DROP DATABASE IF EXISTS kt_duel_b"
