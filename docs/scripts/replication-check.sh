#!/usr/bin/env bash
# Replication, shown once (issue 13, item 6; docs/replication.md): on one machine, a PostgreSQL
# primary and a streaming replica with synchronous_commit = remote_apply; khenthuong writes
# signed commands to the primary, the primary is killed in the middle of the writes
# (pg_ctl stop -m immediate), the replica is promoted, and `khenthuong verify` on it passes with
# every acknowledged command there.
#
# Run as root (the servers run as the `postgres` user, which the server insists on) or as the
# user owning the PostgreSQL binaries:
#     docs/scripts/replication-check.sh [PATH/TO/khenthuong]
# Uses /usr/lib/postgresql/*/bin (or PGBIN), two ports (PORT_PRIMARY, PORT_REPLICA; 54401 and
# 54402 by default) on Unix sockets in a temporary folder that is removed at the end (KEEP=1
# keeps it). Exits 0 only when nothing acknowledged was lost and verify passes.
set -euo pipefail

KT=${1:-${KHENTHUONG:-$(command -v khenthuong || echo .build/release/khenthuong)}}
KT=$(cd "$(dirname "$KT")" && pwd)/$(basename "$KT")
[ -x "$KT" ] || { echo "khenthuong not found: give its path as the first argument" >&2; exit 2; }
# The workflow definitions of this checkout, unless given.
export KHENTHUONG_WORKFLOWS=${KHENTHUONG_WORKFLOWS:-$(cd "$(dirname "$0")/../.." && pwd)/workflows}
PGBIN=${PGBIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}
[ -x "$PGBIN/initdb" ] || { echo "PostgreSQL server binaries not found: apt-get install postgresql, or set PGBIN" >&2; exit 2; }
PORT_PRIMARY=${PORT_PRIMARY:-54401}
PORT_REPLICA=${PORT_REPLICA:-54402}
WRITES=${WRITES:-40}          # dossier create commands in all
KILL_AFTER=${KILL_AFTER:-25}  # the primary is killed once this many were acknowledged

W=$(mktemp -d /tmp/khenthuong-replication.XXXXXX)
chmod 755 "$W"
if [ "$(id -u)" = 0 ]; then
  chown postgres: "$W"
  as_pg() { su postgres -s /bin/sh -c "$*"; }
else
  as_pg() { sh -c "$*"; }
fi
cleanup() {
  for d in primary replica; do
    [ -f "$W/$d/postmaster.pid" ] && as_pg "$PGBIN/pg_ctl -D $W/$d -m immediate stop" >/dev/null 2>&1 || true
  done
  [ "${KEEP:-0}" = 1 ] && echo "kept $W" || rm -rf "$W"
}
trap cleanup EXIT
step() { echo "== $(date -u +%H:%M:%S) $*"; }

step "primary: initdb, wal_level=replica, synchronous_commit=remote_apply (port $PORT_PRIMARY)"
as_pg "$PGBIN/initdb -D $W/primary -A trust -U postgres --no-instructions >$W/initdb.log"
cat >>"$W/primary/postgresql.conf" <<CONF
listen_addresses = ''
unix_socket_directories = '$W'
port = $PORT_PRIMARY
wal_level = replica
max_wal_senders = 4
synchronous_commit = remote_apply
CONF
echo "local replication postgres trust" >>"$W/primary/pg_hba.conf"
as_pg "$PGBIN/pg_ctl -D $W/primary -l $W/primary.log -w start >/dev/null"
as_pg "$PGBIN/createdb -h $W -p $PORT_PRIMARY khenthuong"

step "replica: pg_basebackup -R from the primary, application_name=replica1 (port $PORT_REPLICA)"
as_pg "$PGBIN/pg_basebackup -h $W -p $PORT_PRIMARY -U postgres -D $W/replica -R -X stream -c fast"
cat >>"$W/replica/postgresql.auto.conf" <<CONF
primary_conninfo = 'host=$W port=$PORT_PRIMARY user=postgres application_name=replica1'
port = $PORT_REPLICA
CONF
as_pg "$PGBIN/pg_ctl -D $W/replica -l $W/replica.log -w start >/dev/null"
# Only now that the replica runs: from here every commit waits until the replica has applied it.
as_pg "$PGBIN/psql -h $W -p $PORT_PRIMARY -U postgres -qAtc \"ALTER SYSTEM SET synchronous_standby_names = 'FIRST 1 (replica1)'\" -c 'SELECT pg_reload_conf()'" >/dev/null
for _ in $(seq 50); do
  state=$(as_pg "$PGBIN/psql -h $W -p $PORT_PRIMARY -U postgres -Atc \"SELECT sync_state FROM pg_stat_replication WHERE application_name = 'replica1'\"")
  [ "$state" = sync ] && break
  sleep 0.2
done
echo "pg_stat_replication: replica1 is '$state' (synchronous_standby_names = $(as_pg "$PGBIN/psql -h $W -p $PORT_PRIMARY -U postgres -Atc 'SHOW synchronous_standby_names'"), synchronous_commit = $(as_pg "$PGBIN/psql -h $W -p $PORT_PRIMARY -U postgres -Atc 'SHOW synchronous_commit'"))"
[ "$state" = sync ] || { echo "the replica did not become synchronous" >&2; exit 1; }

PRIMARY="postgresql:///khenthuong?host=$W&port=$PORT_PRIMARY&user=postgres"
REPLICA="postgresql:///khenthuong?host=$W&port=$PORT_REPLICA&user=postgres"
cd "$W"

step "khenthuong: the sample season (signed, in a file), then store copy into the primary"
"$KT" demo --store "$W/demo.sqlite" >"$W/demo.log"
"$KT" --lang en store copy "$W/demo.sqlite" "$PRIMARY" 2>/dev/null
"$KT" --store "$PRIMARY" --lang en verify

step "khenthuong: $WRITES signed dossier create commands on the primary; the primary is killed (pg_ctl stop -m immediate) after $KILL_AFTER were acknowledged"
: >"$W/acknowledged.txt"
(
  for i in $(seq -w 1 "$WRITES"); do
    if out=$("$KT" --store "$PRIMARY" --lang en --key "$W/demo-keys/le.thi.cuc.pem" --as union_officer@CDCS-DHBK:le.thi.cuc \
              dossier create --award lao_dong_tien_tien --year 2025 --nominee-id "NV-REP-$i" --nominee-name "Nguyễn Văn $i" \
              --addressee LDLD-HN --attach cover_letter --attach achievement_report --attach review_minutes 2>"$W/err-$i.txt"); then
      echo "NV-REP-$i" >>"$W/acknowledged.txt"
    else
      echo "NV-REP-$i refused (exit $?): $(head -n 1 "$W/err-$i.txt")" >>"$W/failed.txt"
    fi
  done
) &
writer=$!
while [ "$(wc -l <"$W/acknowledged.txt")" -lt "$KILL_AFTER" ]; do sleep 0.05; done
as_pg "$PGBIN/pg_ctl -D $W/primary -m immediate stop >/dev/null"
echo "primary killed after $(wc -l <"$W/acknowledged.txt") acknowledged commands"
wait "$writer" || true
acked=$(wc -l <"$W/acknowledged.txt")
echo "acknowledged: $acked; failed once the primary was gone: $( [ -f "$W/failed.txt" ] && wc -l <"$W/failed.txt" || echo 0)"
[ -f "$W/failed.txt" ] && head -n 1 "$W/failed.txt"

step "replica: pg_ctl promote"
as_pg "$PGBIN/pg_ctl -D $W/replica -w promote >/dev/null"
recovery=$(as_pg "$PGBIN/psql -h $W -p $PORT_REPLICA -U postgres -Atc 'SELECT pg_is_in_recovery()'")
[ "$recovery" = f ] && echo "promoted: the former replica accepts writes" || { echo "the replica is still in recovery" >&2; exit 1; }

step "khenthuong verify on the promoted replica"
"$KT" --store "$REPLICA" --lang en verify
missing=0
while read -r id; do
  n=$(as_pg "$PGBIN/psql -h $W -p $PORT_REPLICA -U postgres -d khenthuong -Atc \"SELECT count(*) FROM dossiers WHERE nominee_id = '$id'\"")
  [ "$n" = 1 ] || { echo "lost: $id"; missing=$((missing + 1)); }
done <"$W/acknowledged.txt"
present=$(as_pg "$PGBIN/psql -h $W -p $PORT_REPLICA -U postgres -d khenthuong -Atc \"SELECT count(*) FROM dossiers WHERE nominee_id LIKE 'NV-REP-%'\"")
echo "acknowledged commands on the replica: $((acked - missing)) of $acked (dossiers of this run there: $present)"

step "khenthuong writes to the promoted replica"
"$KT" --store "$REPLICA" --lang en --key "$W/demo-keys/le.thi.cuc.pem" --as union_officer@CDCS-DHBK:le.thi.cuc \
  dossier create --award lao_dong_tien_tien --year 2025 --nominee-id NV-AFTER --nominee-name "Trần Thị Sau" \
  --addressee LDLD-HN --attach cover_letter --attach achievement_report --attach review_minutes
"$KT" --store "$REPLICA" --lang en verify | tail -n 2
[ "$missing" = 0 ] || { echo "FAILED: $missing acknowledged commands lost"; exit 1; }
echo "OK: nothing acknowledged was lost, the chain verifies on the promoted replica"
