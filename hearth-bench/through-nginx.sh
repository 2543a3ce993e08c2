#!/usr/bin/env bash
# Proxy cost: one node (H2) on 127.0.0.1, and the real nginx on 127.0.0.20 carrying MQTT over TCP to it with the
# stream block `hearth nginx --mode single-entry` writes. The same single-chat load runs straight to the node and
# through nginx, twice each, at a fixed rate (latency) and flat out (throughput).
# Usage: hearth-bench/through-nginx.sh   (needs nginx + libnginx-mod-stream, the built jars, ports 1883/18080/8080 free)
set -u
cd "$(dirname "$0")/.."
ROOT=$(pwd)
J=$ROOT/hearth-server/target/hearth-server-0.1.0-SNAPSHOT-all.jar
BJ=$ROOT/hearth-bench/target/hearth-bench-0.1.0-SNAPSHOT-all.jar
W=/tmp/hearth-through-nginx
rm -rf $W && mkdir -p $W/nginx && cd $W
ln -s /usr/lib/nginx/modules $W/nginx/modules
java -jar $J start --set host=127.0.0.1 --set server.ip=127.0.0.1 --set local_port=8080 --set http_port=8080 \
  --set db.url=jdbc:h2:file:$W/db > node.log 2>&1 &
NODE=$!
until grep -q "ready" node.log; do sleep 0.5; done
cat > nodes.txt <<NODES
1 127.0.0.1 port=1883 local_port=8080
NODES
java -jar $J nginx --mode single-entry --nodes nodes.txt --entry 127.0.0.20 --listen 127.0.0.20 --http-port 18888 \
  --long-port-base 21880 --out nginx/nginx.conf 2>/dev/null
# the node binds 1883, so nginx forwards to it there instead of the unique port it would bind in production
sed -i 's#proxy_pass 127.0.0.1:21881;#proxy_pass 127.0.0.1:1883;#' nginx/nginx.conf
/usr/sbin/nginx -p $W/nginx/ -c $W/nginx/nginx.conf -g "daemon off; pid $W/nginx/nginx.pid; error_log $W/nginx/error.log;" &
NGINX=$!
sleep 1
B="java -jar $BJ single-chat --admin http://127.0.0.1:18080 --senders 100 --receivers 300 --online --warmup 20"
for round in 1 2; do
  for via in direct nginx; do
    if [ $via = direct ]; then H="--host 127.0.0.1 --port 1883"; else H="--host 127.0.0.20 --port 21881"; fi
    echo "== round $round, $via, 2000 msg/s"
    $B $H --messages 100 --rate 2000 2>&1 | grep -E "throughput|latency|delivery"
    echo "== round $round, $via, flat out"
    $B $H --messages 200 2>&1 | grep -E "throughput|latency|delivery"
  done
done
kill $NGINX $NODE
wait 2>/dev/null
