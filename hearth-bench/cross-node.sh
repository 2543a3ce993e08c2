#!/usr/bin/env bash
# Cross-node cost: 3 nodes on 127.0.0.11-13 sharing a PostgreSQL server on 127.0.0.1:${PGPORT:-25432}
# (database hearthx, user postgres, trust auth); senders on node 1, receivers online on node 1 (same node) or
# node 2 (other node). Prints throughput and each node's CPU ticks per run. Usage: MSGS=150 hearth-bench/cross-node.sh
set -u
cd "$(dirname "$0")/.."
ROOT=$(pwd)
J=$ROOT/hearth-server/target/hearth-server-0.1.0-SNAPSHOT-all.jar
BJ=$ROOT/hearth-bench/target/hearth-bench-0.1.0-SNAPSHOT-all.jar
psql -q -h 127.0.0.1 -p ${PGPORT:-25432} -U postgres -c "drop database if exists hearthx" -c "create database hearthx"
rm -rf /tmp/xb && mkdir -p /tmp/xb && cd /tmp/xb
for n in 1 2 3; do
  java -jar $J start --set host=127.0.0.1$n --set server.ip=127.0.0.1$n --set local_port=8080 --set http_port=8080 \
    --set node_id=$n --set cluster.members=127.0.0.11:5701,127.0.0.12:5701,127.0.0.13:5701 \
    --set db.type=postgresql --set db.url=jdbc:postgresql://127.0.0.1:${PGPORT:-25432}/hearthx --set db.user=postgres > n$n.log 2>&1 &
done
for n in 1 2 3; do until grep -q "ready" n$n.log; do sleep 0.5; done; done
B="java -jar $BJ single-chat --host 127.0.0.11 --port 1883 --admin http://127.0.0.11:18080 --senders 100 --receivers 300 --online"
pid1=$(pgrep -f "host=127.0.0.11 ") ; pid2=$(pgrep -f "host=127.0.0.12 ")
cpu() { awk '{print $14+$15}' /proc/$1/stat; }
for round in 1 2; do
for where in same other; do
  if [ $where = same ]; then R="--receiver-host 127.0.0.11"; else R="--receiver-host 127.0.0.12"; fi
  a1=$(cpu $pid1); a2=$(cpu $pid2)
  echo "== round $round receivers on $where node"
  $B $R --messages ${MSGS:-200} "$@" 2>&1 | grep -E "throughput|latency|delivery|messages "
  b1=$(cpu $pid1); b2=$(cpu $pid2)
  echo "cpu ticks node1 $((b1-a1)) node2 $((b2-a2))"
done
done
pkill -f "cluster.members=127.0.0.11:5701"
