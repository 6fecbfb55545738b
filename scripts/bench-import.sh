#!/usr/bin/env bash
# The import at sellers' size: a realistic Smartstore export of ROWS rows
# (`parceldesk bench sample-export`), imported into an empty SQLite database
# by the command line and by the API (`POST /api/v1/imports` to `parceldesk
# serve`). Prints rows per second and peak memory (the process's maximum
# resident set: /usr/bin/time for the command, VmHWM for the server).
#
# Two exports: "recent", orders of the last 7 days as a seller downloads them
# (parcels shipped more than two days ago and not yet scanned get a finding),
# and "overdue", orders of October 2026, long enough ago that every parcel is
# overdue for its first scan and carries two or three findings to store.
#
#   PARCELDESK_BIN=.build/release/parceldesk scripts/bench-import.sh
#   ROWS=100000 RUNS=3 WORKLOADS=recent scripts/bench-import.sh
#
# Use a release build; a debug build is several times slower.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${PARCELDESK_BIN:-.build/release/parceldesk}
ROWS=${ROWS:-100000}
RUNS=${RUNS:-2}
WORKLOADS=${WORKLOADS:-recent overdue}
PORT=${PORT:-18795}
DIR=$(mktemp -d /tmp/parceldesk-import.XXXXXX)
SERVER=
cleanup() {
  if [ -n "$SERVER" ]; then kill "$SERVER" 2>/dev/null || true; fi
  rm -rf "$DIR"
}
trap cleanup EXIT
[ -x "$BIN" ] || { echo "no parceldesk binary at $BIN (swift build -c release, or set PARCELDESK_BIN)" >&2; exit 2; }

for workload in $WORKLOADS; do
case "$workload" in
  recent) "$BIN" bench sample-export --rows "$ROWS" --recent-days 7 --out "$DIR/export.csv" >/dev/null ;;
  overdue) "$BIN" bench sample-export --rows "$ROWS" --out "$DIR/export.csv" >/dev/null ;;
  *) echo "unknown workload $workload (recent or overdue)" >&2; exit 2 ;;
esac
SIZE=$(du -k "$DIR/export.csv" | cut -f1)
echo "workload $workload: $ROWS Smartstore rows ($SIZE KB, about one order in four with two products), an empty SQLite database each run"

for run in $(seq 1 "$RUNS"); do
  # The command line.
  rm -f "$DIR/cli.sqlite"*
  /usr/bin/time -f '%e %M' -o "$DIR/time.txt" "$BIN" import --db "$DIR/cli.sqlite" --format smartstore "$DIR/export.csv" >"$DIR/cli.txt"
  read -r seconds kilobytes <"$DIR/time.txt"
  awk -v r="$ROWS" -v s="$seconds" -v k="$kilobytes" -v n="$run" \
    'BEGIN { printf "run %d  cli  %6.2f s  %7.0f rows/s  peak %4.0f MB\n", n, s, r / s, k / 1024 }'
  grep -q "^Imported" "$DIR/cli.txt" || { cat "$DIR/cli.txt" >&2; exit 1; }

  # The API.
  rm -f "$DIR/api.sqlite"*
  printf 'bench password 1\n' | "$BIN" user create --email bench@shop.kr --role owner --db "$DIR/api.sqlite" >/dev/null
  TOKEN=$("$BIN" token create --email bench@shop.kr --db "$DIR/api.sqlite" | tail -n 1)
  PARCELDESK_REFRESH_SECONDS=0 PARCELDESK_IDLE_TIMEOUT_SECONDS=600 "$BIN" serve --db "$DIR/api.sqlite" --port "$PORT" >"$DIR/serve.log" 2>&1 &
  SERVER=$!
  for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$PORT/health" >/dev/null && break; sleep 0.1; done
  before=$(awk '/VmHWM/ { print $2 }' "/proc/$SERVER/status")
  seconds=$(curl -s -o "$DIR/api.json" -w '%{time_total}' -X POST "http://127.0.0.1:$PORT/api/v1/imports?format=smartstore" \
    -H "Authorization: Bearer $TOKEN" -H 'Content-Type: text/csv' --data-binary "@$DIR/export.csv")
  kilobytes=$(awk '/VmHWM/ { print $2 }' "/proc/$SERVER/status")
  grep -q '"imported"' "$DIR/api.json" || { head -c 500 "$DIR/api.json" >&2; exit 1; }
  awk -v r="$ROWS" -v s="$seconds" -v k="$kilobytes" -v b="$before" -v n="$run" \
    'BEGIN { printf "run %d  api  %6.2f s  %7.0f rows/s  peak %4.0f MB (%.0f MB before the request)\n", n, s, r / s, k / 1024, b / 1024 }'
  kill "$SERVER"; wait "$SERVER" 2>/dev/null || true; SERVER=
done
done
