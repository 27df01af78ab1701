#!/usr/bin/env bash
# RSS of the API in the demo at --scale N (the simulator in-process), sampled while the graph of all
# namespaces (5m window) is requested every INTERVAL seconds. Not part of npm test. Figures in
# apps/api/README.md "Memory at --scale 1000". Needs curl and python3.
#   apps/api/bench/demo-scale-rss.sh [N=1000] [samples=14] [interval=25]
#   NODE_OPTIONS=--max-old-space-size=640 apps/api/bench/demo-scale-rss.sh 1000
set -euo pipefail
cd "$(dirname "$0")/../../.."
N=${1:-1000}
SAMPLES=${2:-14}
INTERVAL=${3:-25}
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
./node_modules/.bin/node --import tsx apps/api/src/server.ts --demo --scale "$N" --port "$PORT" --log-level warn &
PID=$!
trap 'kill $PID 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$PORT/api/healthz" >/dev/null && break; sleep 1; done
NS=$(curl -s "http://127.0.0.1:$PORT/api/namespaces" | python3 -c 'import json,sys; print(",".join(i["name"] for i in json.load(sys.stdin)["items"]))')
for t in $(seq 1 "$SAMPLES"); do
  sleep "$INTERVAL"
  START=$(date +%s%N)
  SHAPE=$(curl -s "http://127.0.0.1:$PORT/api/graph?namespaces=$NS&window=5m" |
    python3 -c 'import json,sys; g=json.load(sys.stdin); print(len(g["nodes"]), "nodes", len(g["edges"]), "edges")')
  MS=$((($(date +%s%N) - START) / 1000000))
  MEM=$(grep -E 'VmRSS|VmHWM' "/proc/$PID/status" | awk '{printf "%s %d MB  ", $1, $2 / 1024}')
  echo "t=$((t * INTERVAL))s graph ($SHAPE) in ${MS} ms; $MEM"
done
