#!/usr/bin/env bash
# Two builds of parceldesk serving the same copy of the page benchmark's
# database in turn (A, B, A, B), each asked for /ping, Today, a broad search,
# an order and a buyer page: whether a change costs anything, measured in one
# run on one machine. Run scripts/bench-pages.sh first (it makes the database,
# the API token, the order ids and the buyer links this reads).
#
#   scripts/bench-pages-ab.sh OLD_BINARY NEW_BINARY
#
# Settings (environment): ROUNDS (2), DURATION seconds per page (10),
# CONNECTIONS (16), BENCH_DIR (/tmp/parceldesk-bench), PORT (18082).
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -eq 2 ] || { echo "usage: $0 OLD_BINARY NEW_BINARY" >&2; exit 2; }
W=${BENCH_DIR:-/tmp/parceldesk-bench}/pages
LUA="$(pwd)/scripts/bench/wrk.lua"
TOKEN=$(sed -n 's/^API token: *//p' "$W/demo.txt")
PORT=${PORT:-18082}
COPY=$(mktemp -d "${TMPDIR:-/tmp}/parceldesk-ab.XXXXXX")
PID=
trap '[ -n "$PID" ] && kill "$PID" 2>/dev/null; rm -rf "$COPY"' EXIT

measure() {
    local label=$1 name=$2
    shift 2
    local out requests seconds p50_ms p95_ms p99_ms max_ms failed accepted duplicates unmatched
    out=$(wrk -t 2 -c "${CONNECTIONS:-16}" -d "${DURATION:-10}s" --timeout 10s -s "$LUA" "http://127.0.0.1:$PORT" -- "$@" |
        sed -n 's/^RESULT //p')
    eval "$out"
    printf '%-4s %-8s %7s requests/s  p95 %6s ms\n' "$label" "$name" \
        "$(awk -v r="$requests" -v s="$seconds" 'BEGIN { printf "%.0f", r / s }')" "$p95_ms"
}

sqlite3 "$W/run.sqlite" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
for _ in $(seq 1 "${ROUNDS:-2}"); do
    for label in old new; do
        bin=$1
        [ "$label" = new ] && bin=$2
        rm -rf "${COPY:?}"/*
        cp "$W/run.sqlite" "$COPY/run.sqlite"
        cp -r "$W/run-files" "$COPY/run-files"
        PARCELDESK_LOG_LEVEL=warning PARCELDESK_BUYER_REQUESTS_PER_MINUTE=1000000 \
            "$bin" serve --port "$PORT" --db "$COPY/run.sqlite" >"$COPY/server.log" 2>&1 &
        PID=$!
        for _ in $(seq 1 100); do curl -fsS "http://127.0.0.1:$PORT/health" >/dev/null 2>&1 && break; sleep 0.2; done
        measure "$label" ping ping
        measure "$label" today path "$TOKEN" "/"
        measure "$label" search path "$TOKEN" "/orders?q=LP00"
        measure "$label" order orderpage "$TOKEN" "$W/orders.txt"
        measure "$label" buyer buyer - "$W/buyer.txt"
        kill "$PID"
        wait "$PID" 2>/dev/null || true
        PID=
    done
done
