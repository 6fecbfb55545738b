#!/usr/bin/env bash
# Load benchmark for the server, on the release build:
#   1. fills a database with ORDERS simulated orders (reused between runs),
#   2. serves it, then in one run measures with wrk:
#      - the ceiling: GET /ping, a route that does nothing,
#      - GET /api/v1/orders/{id} for random stored orders,
#      - the first page of GET /api/v1/orders and GET /api/v1/queue,
#      - POST /api/v1/events in batches of BATCH events, every event new:
#        first 10 new scans per shipment (a carrier push: 50 shipments a
#        batch), then the worst case of one scan per shipment (500 shipments
#        re-diagnosed a batch).
# SQLite runs start from a copy of a pristine database, so runs compare.
# Engines: SQLite (the default store) and PostgreSQL (a throwaway cluster
# from scripts/with-postgres.sh).
#
#   scripts/bench-ingest.sh                 # both engines, 100,000 orders
#   ENGINES=sqlite DURATION=10 scripts/bench-ingest.sh
#
# Settings (environment): ORDERS=100000 DURATION=20 (seconds per measurement)
# BATCH=500 INGEST_CONNECTIONS=2 READ_CONNECTIONS=32 THREADS=2
# BENCH_DIR=/tmp/parceldesk-bench ENGINES="sqlite postgres"
# PARCELDESK_BIN: measure this parceldesk binary instead of building the
# checkout (an earlier commit's, side by side; give each its own BENCH_DIR).
# POSTGRES_BENCH_SETTINGS: the throwaway cluster is set up as a server would
# be rather than with PostgreSQL's defaults for a small machine: a buffer
# pool that holds the data (a quarter of this machine's RAM would be 6 GB)
# and checkpoints spaced by time, not forced every 1 GB of log. Commits
# stay synchronous and fsync stays on.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
ORDERS=${ORDERS:-100000}
DURATION=${DURATION:-20}
BATCH=${BATCH:-500}
INGEST_CONNECTIONS=${INGEST_CONNECTIONS:-2}
READ_CONNECTIONS=${READ_CONNECTIONS:-32}
THREADS=${THREADS:-2}
BENCH_DIR=${BENCH_DIR:-/tmp/parceldesk-bench}
ENGINES=${ENGINES:-sqlite postgres}
POSTGRES_BENCH_SETTINGS=${POSTGRES_BENCH_SETTINGS:--c shared_buffers=2GB -c max_wal_size=8GB}
PORT=${BENCH_PORT:-18080}
LUA="$ROOT/scripts/bench/wrk.lua"
export ORDERS DURATION BATCH INGEST_CONNECTIONS READ_CONNECTIONS THREADS BENCH_DIR PORT POSTGRES_BENCH_SETTINGS

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }

if [ -z "${BENCH_ENGINE:-}" ]; then
    [ -n "${PARCELDESK_BIN:-}" ] || swift build -c release --product parceldesk >&2
    mkdir -p "$BENCH_DIR"
    echo "machine: $(nproc) cores, $(uname -sr)"
    for engine in $ENGINES; do
        case $engine in
        sqlite) BENCH_ENGINE=sqlite "$0" ;;
        postgres) BENCH_ENGINE=postgres POSTGRES_SETTINGS="$POSTGRES_BENCH_SETTINGS" scripts/with-postgres.sh "$0" ;;
        *) echo "unknown engine $engine (sqlite or postgres)" >&2; exit 2 ;;
        esac
    done
    exit 0
fi

BIN=${PARCELDESK_BIN:-"$(swift build -c release --show-bin-path)/parceldesk"}
WORK="$BENCH_DIR/$BENCH_ENGINE"
mkdir -p "$WORK"
SERVER_PID=
cleanup() { [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null || true; }
trap cleanup EXIT

case $BENCH_ENGINE in
sqlite)
    if [ ! -f "$WORK/pristine-$ORDERS.sqlite" ]; then
        "$BIN" demo --no-serve --orders "$ORDERS" --db "$WORK/filling.sqlite" >/dev/null
        sqlite3 "$WORK/filling.sqlite" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
        mv "$WORK/filling.sqlite" "$WORK/pristine-$ORDERS.sqlite"
        rm -f "$WORK"/filling.sqlite-*
    fi
    rm -f "$WORK"/run.sqlite*
    cp "$WORK/pristine-$ORDERS.sqlite" "$WORK/run.sqlite"
    DB_ARGS=(--db "$WORK/run.sqlite")
    query() { sqlite3 -separator $'\t' "$WORK/run.sqlite" "$1"; }
    ;;
postgres)
    export DATABASE_URL="$PARCELDESK_TEST_POSTGRES_URL"
    DB_ARGS=()
    query() { psql "${DATABASE_URL%%\?*}" -X -q -A -t -F $'\t' -c "$1"; }
    ;;
esac

started=$(date +%s)
"$BIN" demo --no-serve --orders "$ORDERS" ${DB_ARGS[@]+"${DB_ARGS[@]}"} >"$WORK/demo.txt"
# After a bulk load, as an operator would: statistics and the visibility map
# now, rather than autovacuum doing it in the middle of the measurements.
[ "$BENCH_ENGINE" = postgres ] && query "VACUUM ANALYZE" && query "CHECKPOINT"
TOKEN=$(sed -n 's/^API token: *//p' "$WORK/demo.txt")
query "SELECT id FROM orders" >"$WORK/orders.txt"
query "SELECT carrier, tracking_number FROM legs" >"$WORK/legs.txt"
before=$(query "SELECT COUNT(*) FROM tracking_events")
echo
echo "== $BENCH_ENGINE: $(wc -l <"$WORK/orders.txt") orders, $before events stored, $(wc -l <"$WORK/legs.txt") legs (ready in $(($(date +%s) - started)) s)"

PARCELDESK_LOG_LEVEL=warning "$BIN" serve --port "$PORT" ${DB_ARGS[@]+"${DB_ARGS[@]}"} >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 100); do
    curl -fsS "http://127.0.0.1:$PORT/health" >/dev/null 2>&1 && break
    sleep 0.2
done
curl -fsS "http://127.0.0.1:$PORT/health" >/dev/null

# measure NAME CONNECTIONS wrk-script-arguments… → prints one line of figures.
measure() {
    local name=$1 connections=$2
    shift 2
    local out
    out=$(wrk -t "$THREADS" -c "$connections" -d "${DURATION}s" --timeout 10s -s "$LUA" \
        "http://127.0.0.1:$PORT" -- "$@" | sed -n 's/^RESULT //p')
    # shellcheck disable=SC2086
    local requests seconds p50_ms p95_ms p99_ms max_ms failed accepted duplicates unmatched
    eval "$out"
    local rate
    rate=$(awk -v r="$requests" -v s="$seconds" 'BEGIN { printf "%.0f", r / s }')
    if [ "$name" = events ]; then
        printf '%-28s %8s events/s  (%s batches/s of %s, %s per shipment)  p50 %s ms  p99 %s ms  max %s ms  failed %s  accepted %s duplicates %s unmatched %s\n' \
            "POST /api/v1/events" "$(awk -v a="$accepted" -v s="$seconds" 'BEGIN { printf "%.0f", a / s }')" \
            "$rate" "$BATCH" "${*: -1}" "$p50_ms" "$p99_ms" "$max_ms" "$failed" "$accepted" "$duplicates" "$unmatched"
    else
        printf '%-28s %8s requests/s  p50 %s ms  p99 %s ms  failed %s\n' "$name" "$rate" "$p50_ms" "$p99_ms" "$failed"
    fi
}

measure "GET /ping (ceiling)" "$READ_CONNECTIONS" ping
measure "GET /api/v1/orders/{id}" "$READ_CONNECTIONS" order "$TOKEN" "$WORK/orders.txt"
measure "GET /api/v1/orders (page)" "$READ_CONNECTIONS" path "$TOKEN" "/api/v1/orders?limit=50"
measure "GET /api/v1/queue" "$READ_CONNECTIONS" path "$TOKEN" "/api/v1/queue?limit=100"
measure events "$INGEST_CONNECTIONS" events "$TOKEN" "$WORK/legs.txt" "$BATCH" 10
measure events "$INGEST_CONNECTIONS" events "$TOKEN" "$WORK/legs.txt" "$BATCH" 1
after=$(query "SELECT COUNT(*) FROM tracking_events")
echo "events stored during the run: $((after - before))"
