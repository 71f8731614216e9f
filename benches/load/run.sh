#!/usr/bin/env bash
# HTTP load on loopback with wrk (Debian package `wrk`): /api/search and /api/ask over the real
# questions of ../shared/eval/questions.jsonl, against a release build serving the national corpus.
#
#   benches/load/run.sh [SECONDS] [CONNECTIONS]     (defaults: 30 s, 8 connections; 2 wrk threads, 1 for one connection)
set -euo pipefail
cd "$(dirname "$0")/../.."
secs=${1:-30}
conns=${2:-8}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
cargo build --release --quiet
questions=$(mktemp)
python3 -c 'import json,sys; [print(json.loads(l)["question"].replace("\n"," ")) for l in open("../shared/eval/questions.jsonl") if l.strip()]' > "$questions"
port=$((20000 + RANDOM % 20000))
./target/release/fatiao serve --addr "127.0.0.1:$port" > target/load-serve.log 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; rm -f "$questions"' EXIT
for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$port/api/search?q=%E5%8F%96%E4%BF%9D" >/dev/null && break
  sleep 1
done
export FATIAO_LOAD_QUESTIONS=$questions
for endpoint in search ask; do
  echo "== /api/$endpoint: $(wc -l < "$questions") questions, ${secs}s, $conns connections"
  wrk -t"$(( conns < 2 ? 1 : 2 ))" -c"$conns" -d"${secs}s" --latency -s "benches/load/$endpoint.lua" "http://127.0.0.1:$port"
done
