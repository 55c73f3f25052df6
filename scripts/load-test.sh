#!/usr/bin/env bash
# Load test of the read endpoints: builds the release binary, serves it on a free loopback port over a
# temporary SQLite file, and runs wrk against a mix of read requests (scripts/load-test.lua).
#
#   scripts/load-test.sh                  # 30 s, 2 threads, 64 connections, API and pages
#   DURATION=10s CONNECTIONS=128 scripts/load-test.sh
#   MIX=api scripts/load-test.sh          # only the API's read endpoints (MIX=pages: only the pages)
#   MISS=1 scripts/load-test.sh           # every request a cache miss: the cost of computing answers
#
# Targets (BENCHMARKS.md): at least 10,000 requests/s on 2 cores, p99 under 20 ms, no errors.
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION="${DURATION:-30s}"
THREADS="${THREADS:-2}"
CONNECTIONS="${CONNECTIONS:-64}"

if ! command -v wrk >/dev/null 2>&1; then
    echo "== installing wrk"
    apt-get update -qq && apt-get install -y -qq wrk >/dev/null
fi

echo "== building the release binary"
cargo build --release --quiet --bin accord
target="${CARGO_TARGET_DIR:-target}"
binary="$target/release/accord"

work=$(mktemp -d)
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
base="http://127.0.0.1:$port"
server=""
cleanup() {
    if [ -n "$server" ] && kill -0 "$server" 2>/dev/null; then
        kill -TERM "$server"
        # Graceful shutdown drains in-flight requests; give it a few seconds, then insist.
        for _ in $(seq 50); do kill -0 "$server" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$server" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

echo "== serving on $base (log in $work/server.log)"
RUST_LOG="${RUST_LOG:-warn}" "$binary" serve --addr "127.0.0.1:$port" --database-url "sqlite://$work/accord.db" >"$work/server.log" 2>&1 &
server=$!
for _ in $(seq 100); do
    if curl -fsS "$base/readyz" >/dev/null 2>&1; then break; fi
    kill -0 "$server" 2>/dev/null || { cat "$work/server.log"; echo "the server exited"; exit 1; }
    sleep 0.1
done
curl -fsS "$base/readyz" >/dev/null || { echo "the server did not become ready in 10 s"; exit 1; }

# The request mix, each as of today (the default); every path must answer 200 before the run.
api=(
    /api/v1/instruments
    /api/v1/instruments?mechanism=treaty
    /api/v1/instruments/bletchley-declaration
    /api/v1/instruments/coe-framework-convention-ai
    /api/v1/countries/US
    /api/v1/countries/FR
    /api/v1/bodies
    /api/v1/bodies/g7
    "/api/v1/compare?states=US,GB,FR"
    /api/v1/matrix?group=g7
)
pages=(
    /
    /instruments
    /instruments/bletchley-declaration
    /countries/US
    /bodies/g7
    "/compare?states=US,GB,FR"
    /groups/g7
    /changes
    /search?q=oecd
)
case "${MIX:-all}" in
    api) mix=("${api[@]}") ;;
    pages) mix=("${pages[@]}") ;;
    all) mix=("${api[@]}" "${pages[@]}") ;;
    *) echo "MIX is api, pages or all, not ${MIX}"; exit 2 ;;
esac
for path in "${mix[@]}"; do
    status=$(curl -s -o /dev/null -w '%{http_code}' "$base$path")
    if [ "$status" != 200 ]; then
        echo "$path answers $status, not 200"
        exit 1
    fi
done
printf '%s\n' "${mix[@]}" >"$work/paths.txt"
echo "== mix: ${mix[*]}"

misses=""
[ "${MISS:-0}" = 1 ] && misses=", every request a cache miss"
echo "== wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency (gzip accepted$misses)"
MISS="${MISS:-0}" PATHS_FILE="$work/paths.txt" timeout 300 wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency --timeout 5s \
    -H 'Accept-Encoding: gzip' -s scripts/load-test.lua "$base" | tee "$work/wrk.txt"

# wrk counts non-2xx/3xx answers apart from socket errors; both must be zero.
if grep -qE 'Non-2xx or 3xx responses|Socket errors' "$work/wrk.txt"; then
    echo "== errors during the run"
    exit 1
fi
echo "== no errors"
