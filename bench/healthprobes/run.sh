#!/usr/bin/env bash
# Measures, in one run on this machine, against a throwaway PostgreSQL 15 primary + streaming replica:
#   1. warm-up throughput (HealthProbes' own runner: pg_prewarm of every relation, largest first) in MB/s,
#      against a plain sequential read (cat) of the same files; the OS page cache of those files is evicted
#      before each read and the replica is restarted before each round, so shared buffers start cold;
#   2. probe latency (/health/ready) at rest and while the replica serves pgbench select-only load and the
#      primary takes writes.
# Usage: bench/healthprobes/run.sh            (env: SCALE=40 pgbench scale ~ 15 MB each, ROUNDS=5, LOAD_SECONDS=15,
#                                              PORT_BASE=26800, must be run as root: PostgreSQL runs as 'postgres')
# Everything it starts is stopped by pid / data directory on exit, also on Ctrl-C or failure.
set -euo pipefail

SCALE=${SCALE:-40}
ROUNDS=${ROUNDS:-5}
LOAD_SECONDS=${LOAD_SECONDS:-15}
PORT_BASE=${PORT_BASE:-26800}
PG_BIN=/usr/lib/postgresql/15/bin
REPO=$(cd "$(dirname "$0")/../.." && pwd)
PRIMARY_PORT=$PORT_BASE
REPLICA_PORT=$((PORT_BASE + 1))
PROBE_PORT=$((PORT_BASE + 2))

die() { echo "bench: $*" >&2; exit 1; }
[ "$(id -u)" = 0 ] || die "run as root (PostgreSQL is started as the 'postgres' user)"
[ -x "$PG_BIN/postgres" ] || die "PostgreSQL 15 is not installed ($PG_BIN); run the project's setup first"
for port in $PRIMARY_PORT $REPLICA_PORT $PROBE_PORT; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then die "port $port is in use; set PORT_BASE"; fi
done

ROOT=$(mktemp -d /var/tmp/healthprobes-bench-XXXXXX)
chmod 755 "$ROOT"
chown postgres:postgres "$ROOT"
CHILD_PIDS=()
cleanup() {
  set +e
  for pid in "${CHILD_PIDS[@]}"; do kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; done
  for dir in "$ROOT/replica" "$ROOT/primary"; do
    [ -f "$dir/postmaster.pid" ] && runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$dir" -m immediate -w stop >/dev/null 2>&1
  done
  rm -rf "$ROOT"
}
trap cleanup EXIT INT TERM

PASSWORD=$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')
printf '%s\n' "$PASSWORD" > "$ROOT/pw"
chmod 600 "$ROOT/pw"
chown postgres:postgres "$ROOT/pw"
export PGPASSWORD=$PASSWORD PGHOST=127.0.0.1 PGUSER=postgres
as_pg() { runuser -u postgres -- env PGPASSWORD="$PASSWORD" "$@"; }
settings() {
  cat <<CONF

listen_addresses = '127.0.0.1'
port = $1
unix_socket_directories = ''
shared_buffers = 128MB
wal_level = replica
max_wal_senders = 5
hot_standby = on
fsync = off
CONF
}
start_pg() { as_pg "$PG_BIN/pg_ctl" -D "$ROOT/$1" -l "$ROOT/$1.log" -w start >/dev/null; }
restart_pg() { as_pg "$PG_BIN/pg_ctl" -D "$ROOT/$1" -l "$ROOT/$1.log" -m fast -w restart >/dev/null; }

echo "== setting up: primary :$PRIMARY_PORT, replica :$REPLICA_PORT, pgbench scale $SCALE, under $ROOT"
as_pg "$PG_BIN/initdb" -D "$ROOT/primary" -U postgres --auth=scram-sha-256 --pwfile="$ROOT/pw" -N --locale=C -E UTF8 >/dev/null
settings $PRIMARY_PORT >> "$ROOT/primary/postgresql.conf"
printf 'host all all 127.0.0.1/32 scram-sha-256\nhost replication all 127.0.0.1/32 scram-sha-256\n' > "$ROOT/primary/pg_hba.conf"
start_pg primary
"$PG_BIN/psql" -X -q -p $PRIMARY_PORT -d postgres -c "CREATE DATABASE bench"
"$PG_BIN/psql" -X -q -p $PRIMARY_PORT -d bench -c "CREATE EXTENSION pg_prewarm" -c "CREATE EXTENSION pg_buffercache"
"$PG_BIN/pgbench" -p $PRIMARY_PORT -i -q -s "$SCALE" bench 2>&1 | tail -1
"$PG_BIN/psql" -X -q -p $PRIMARY_PORT -d bench -c "VACUUM ANALYZE" -c "CHECKPOINT"
as_pg "$PG_BIN/pg_basebackup" -h 127.0.0.1 -p $PRIMARY_PORT -U postgres -D "$ROOT/replica" -R -X stream -c fast -N
settings $REPLICA_PORT >> "$ROOT/replica/postgresql.conf"
start_pg replica

cat > "$ROOT/Pulumi.bench.yaml" <<YAML
config:
  resilience:platform: local
  resilience:replicaGroups:
    - name: readers
      warmup:
        relations: all
        databases: [bench]
        maxReplayLagSeconds: 1
        minWarmSeconds: 1
YAML

echo "== building HealthProbes (Release)"
dotnet build "$REPO/src/HealthProbes" -c Release -o "$ROOT/bin" -v quiet -nologo 2>&1 | grep -E "error|Warn" || true
HP=$ROOT/bin/HealthProbes
CONNECTION=(--stack-file "$ROOT/Pulumi.bench.yaml" --group readers --pg-port $REPLICA_PORT --pg-database bench --pg-user postgres --pg-password-file "$ROOT/pw")

echo "== warm-up throughput vs cat ($ROUNDS rounds; replica restarted before each so shared buffers start cold)"
for round in $(seq 1 "$ROUNDS"); do
  restart_pg replica
  "$HP" bench-warmup "${CONNECTION[@]}" | sed "s/^/[round $round] /" | tee -a "$ROOT/warmup.txt"
done
median() { sort -n | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2}'; }
rates() { grep -F "$1" "$ROOT/warmup.txt" | sed -E 's/.*= ([0-9.]+) MB\/s.*/\1/'; }
echo "[summary] median of $ROUNDS rounds: warm-up $(rates "warm-up (pg_prewarm" | median) MB/s (all: $(rates "warm-up (pg_prewarm" | tr '\n' ' '))," \
  "cat $(rates "sequential read (cat" | median) MB/s (all: $(rates "sequential read (cat" | tr '\n' ' '))"

echo "== probe latency"
"$HP" "${CONNECTION[@]}" --listen 127.0.0.1:$PROBE_PORT --state-dir "$ROOT/probe-state" --log-level warning &
CHILD_PIDS+=($!)
for _ in $(seq 1 600); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:$PROBE_PORT/health/ready || true)" = 200 ] && break
  sleep 0.1
done
"$HP" bench-probe --url http://127.0.0.1:$PROBE_PORT/health/ready --seconds 5 | sed 's/^/[at rest] /'
"$PG_BIN/pgbench" -p $REPLICA_PORT -n -S -c 4 -j 2 -T "$LOAD_SECONDS" bench > "$ROOT/load-replica.txt" 2>&1 &
CHILD_PIDS+=($!)
"$PG_BIN/pgbench" -p $PRIMARY_PORT -n -N -c 2 -j 1 -T "$LOAD_SECONDS" bench > "$ROOT/load-primary.txt" 2>&1 &
CHILD_PIDS+=($!)
sleep 1
"$HP" bench-probe --url http://127.0.0.1:$PROBE_PORT/health/ready --seconds $((LOAD_SECONDS - 3)) | sed 's/^/[under load] /'
wait "${CHILD_PIDS[1]}" "${CHILD_PIDS[2]}" || true
echo "[under load] replica: $(grep -E '^tps' "$ROOT/load-replica.txt" | head -1); primary: $(grep -E '^tps' "$ROOT/load-primary.txt" | head -1)"
echo "[under load] load average: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
