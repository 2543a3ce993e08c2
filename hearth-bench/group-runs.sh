#!/usr/bin/env bash
# The group scenarios of docs/benchmarks.md against one node started from the shaded jar, on H2 (its file
# database, WRITE_DELAY=0 as the node sets it, plus AUTO_SERVER so that the bench can count the timeline rows) or on
# PostgreSQL 15 (Debian's binaries, a fresh durable cluster on 127.0.0.1:${PGPORT:-25432}). The node and the load
# generator are two JVMs on this machine; each run prints the bench's report and the node's CPU.
# Usage: DB=h2|postgresql hearth-bench/group-runs.sh 'ARGS OF RUN 1' 'ARGS OF RUN 2' ...
#   e.g. DB=postgresql hearth-bench/group-runs.sh '--members 100 --online' '--members 100'
# JFR=1 records the node with JFR (settings=profile) into $WORK/node.jfr; NODE_SET='--set key=value ...' adds
# node settings (e.g. --set db.pool_size=32).
set -u
cd "$(dirname "$0")/.."
ROOT=$(pwd)
J=$ROOT/hearth-server/target/hearth-server-0.1.0-SNAPSHOT-all.jar
BJ=$ROOT/hearth-bench/target/hearth-bench-0.1.0-SNAPSHOT-all.jar
DB=${DB:-h2}
PGPORT=${PGPORT:-25432}
WORK=${WORK:-/tmp/hearth-gbench-$DB}
rm -rf "$WORK" && mkdir -p "$WORK" && cd "$WORK"

if [ "$DB" = postgresql ]; then
  # PostgreSQL does not run as root: its cluster belongs to the postgres user
  mkdir -p "$WORK/pg" && chown postgres "$WORK/pg"
  PG=(runuser -u postgres --)
  [ "$(id -u)" = 0 ] || PG=()
  "${PG[@]}" initdb -D "$WORK/pg/data" -U postgres -A trust > pg-init.log
  "${PG[@]}" pg_ctl -D "$WORK/pg/data" -l "$WORK/pg/pg.log" -w start \
    -o "-p $PGPORT -k $WORK/pg -c listen_addresses=127.0.0.1 -c max_connections=100"
  URL="jdbc:postgresql://127.0.0.1:$PGPORT/postgres"
  STORE=(--set db.type=postgresql --set db.url=$URL --set db.user=postgres)
  COUNT=(--db-url "$URL" --db-user postgres)
else
  URL="jdbc:h2:file:$WORK/h2/hearth;WRITE_DELAY=0;AUTO_SERVER=TRUE"
  STORE=(--set "db.url=$URL")
  COUNT=(--db-url "$URL" --db-user sa)
fi
JFR_OPTS=()
if [ "${JFR:-0}" = 1 ]; then
  JFR_OPTS=(-XX:StartFlightRecording=settings=profile,filename=$WORK/node.jfr)
fi

for p in 21883 28080 28081 28083; do
  if ss -ltn | grep -q ":$p "; then echo "port $p is taken: another node runs here; not benching it" >&2; exit 1; fi
done
java "${JFR_OPTS[@]}" -jar "$J" start --set local_port=28081 --set http_port=28081 --set port=21883 \
  --set websocket_port=28083 --set http.admin.port=28080 \
  --set client.request_rate_limit=0 --set http.admin.rate_limit=0 "${STORE[@]}" ${NODE_SET:-} > node.log 2>&1 &
NODE=$!
# "already in use" contains "ready": wait for the node's own line, and never bench another node on these ports
until grep -q "^Hearth node .* ready:" node.log; do
  kill -0 $NODE 2>/dev/null || { cat node.log; exit 1; }
  sleep 0.5
done
cpu() { awk '{print $14+$15}' /proc/$1/stat; }

for args in "$@"; do
  echo "== $args (node $DB) $(date -u +%H:%M:%S)"
  before=$(cpu $NODE)
  WATCH="node=$NODE"
  if [ "$DB" = postgresql ]; then
    PM=$(head -1 "$WORK/pg/data/postmaster.pid")
    WATCH="$WATCH,postgres=$PM+$(pgrep -d+ -P "$PM")"
  fi
  # shellcheck disable=SC2086
  java -Xmx4g -jar "$BJ" group --port 21883 --ws-port 28083 --admin http://127.0.0.1:28080 "${COUNT[@]}" \
    --watch "$WATCH" $args \
    2>&1 | grep -vE "^\s+at |^[0-9:.]+ (DEBUG|INFO|WARN)"
  echo "node cpu     $(( $(cpu $NODE) - before )) ticks of 10 ms (setup included)"
  if [ "$DB" = postgresql ]; then
    # the busiest PostgreSQL process of the run, from its cumulated ticks: is one backend the limit?
    ps -o pid=,times=,args= --ppid "$PM" | sort -k2 -n -r | head -3 | sed 's/^/postgres     /'
  fi
done

kill $NODE
wait $NODE 2>/dev/null
if [ "$DB" = postgresql ]; then
  "${PG[@]}" pg_ctl -D "$WORK/pg/data" -m fast stop > /dev/null
fi
