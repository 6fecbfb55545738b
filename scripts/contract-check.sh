#!/usr/bin/env bash
# Contract check: Schemathesis against a running demo server, every check,
# on the contract the server itself serves (GET /openapi.yaml, the same file
# as Sources/ParcelServer/openapi.yaml).
#
#   1. the parceldesk binary: PARCELDESK_BIN, else the checkout's debug
#      build (built only when it is missing);
#   2. Schemathesis 4.32.0: SCHEMATHESIS, else a venv of its own in
#      ${TMPDIR:-/tmp}/parceldesk-schemathesis (made once, then reused);
#   3. `parceldesk demo` with 200 simulated orders on a throwaway SQLite file,
#      on 127.0.0.1:PORT;
#   4. `schemathesis run --checks all` with the demo's API token, the
#      settings in scripts/schemathesis.toml, and deterministic generation
#      (the same binary and budget send the same requests every run).
# Exits non-zero when Schemathesis reports any failure, and then prints the
# end of the server's log.
#
#   scripts/contract-check.sh
#   MAX_EXAMPLES=100 scripts/contract-check.sh
#
# Settings (environment):
#   MAX_EXAMPLES=30   test cases per operation and phase (30: about 1.5 minutes
#                     on 2 cores, 100: about 2.5)
#   PORT              port to serve on (default: the first free one from 18790)
#   SEED              a number: random generation from this seed instead of
#                     the deterministic mode, to explore beyond the fixed cases
#   REPORT_DIR        keep Schemathesis's JUnit and HAR reports (every request
#                     and response) in this folder
#   PARCELDESK_BIN    the parceldesk binary to test
#   SCHEMATHESIS      a schemathesis executable to use instead of the venv
#   SCHEMATHESIS_ARGS more options for `schemathesis run`, split on spaces
#                     (e.g. --continue-on-failure to see every failure of an
#                     operation, not only its first)
set -euo pipefail
CALLER_DIR=$(pwd)
cd "$(dirname "$0")/.."
ROOT=$(pwd)
SCHEMATHESIS_VERSION=4.32.0
MAX_EXAMPLES=${MAX_EXAMPLES:-30}
ORDERS=200

# 1. The binary.
if [ -n "${PARCELDESK_BIN:-}" ]; then
  BIN=$PARCELDESK_BIN
  if [ ! -x "$BIN" ]; then
    echo "PARCELDESK_BIN=$BIN is not an executable file" >&2
    exit 2
  fi
else
  BIN="$(swift build --show-bin-path)/parceldesk"
  if [ ! -x "$BIN" ]; then
    echo "== building parceldesk (no $BIN)"
    swift build --product parceldesk
  fi
fi

# 2. Schemathesis.
if [ -n "${SCHEMATHESIS:-}" ]; then
  ST=$SCHEMATHESIS
  if [ ! -x "$ST" ]; then
    echo "SCHEMATHESIS=$ST is not an executable file" >&2
    exit 2
  fi
else
  VENV="${TMPDIR:-/tmp}/parceldesk-schemathesis"
  ST="$VENV/bin/schemathesis"
  if ! { [ -x "$ST" ] && "$ST" --version 2>/dev/null | grep -qF "version $SCHEMATHESIS_VERSION"; }; then
    echo "== installing schemathesis $SCHEMATHESIS_VERSION in $VENV"
    [ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION"
  fi
fi
echo "== $("$ST" --version)"

# 3. The demo server.
WORK=$(mktemp -d "${TMPDIR:-/tmp}/parceldesk-contract.XXXXXX")
SERVER_PID=
ST_PID=
cleanup() {
  if [ -n "$ST_PID" ]; then
    kill "$ST_PID" 2>/dev/null || true
    wait "$ST_PID" 2>/dev/null || true
  fi
  if [ -n "$SERVER_PID" ]; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
if [ -z "${PORT:-}" ]; then
  PORT=18790
  while listening "$PORT"; do
    PORT=$((PORT + 1))
    if [ "$PORT" -gt 18890 ]; then
      echo "no free port in 18790-18890; set PORT" >&2
      exit 2
    fi
  done
elif listening "$PORT"; then
  echo "port $PORT is taken" >&2
  exit 2
fi

LOG="$WORK/server.log"
server_log() {
  echo "== the server's log (last 50 lines of $LOG)" >&2
  # The demo prints its owner's password and tokens: throwaway ones, but
  # CI logs are no place for them.
  tail -n 50 "$LOG" | sed -e 's/\(password: *\).*/\1…/' -e 's/pd_[A-Za-z0-9_-]*/pd_…/g' >&2 || true
}
echo "== demo: $ORDERS orders on 127.0.0.1:$PORT"
"$BIN" demo --orders "$ORDERS" --seed 7 --db "$WORK/demo.sqlite" --port "$PORT" >"$LOG" 2>&1 &
SERVER_PID=$!
BASE="http://127.0.0.1:$PORT"
for _ in $(seq 1 300); do
  if ! kill -0 "$SERVER_PID" 2>/dev/null; then
    echo "the demo server exited before answering /health" >&2
    server_log
    exit 1
  fi
  if curl -fsS -o /dev/null "$BASE/health" 2>/dev/null; then break; fi
  sleep 0.1
done
if ! curl -fsS -o /dev/null "$BASE/health"; then
  echo "the demo server did not answer /health within 30 s" >&2
  server_log
  exit 1
fi
TOKEN=$(sed -n 's/^API token: *//p' "$LOG" | head -n 1)
EMAIL=$(sed -n 's/^Demo owner: *\([^ ]*\).*/\1/p' "$LOG" | head -n 1)
if [ -z "$TOKEN" ] || [ -z "$EMAIL" ]; then
  echo "no 'API token:' or 'Demo owner:' line in the demo's output" >&2
  server_log
  exit 1
fi
# A second token of the owner's, for DELETE /api/v1/sessions/current, which
# revokes the token it is called with (see scripts/schemathesis.toml).
PARCELDESK_SIGNOUT_TOKEN=$("$BIN" token create --email "$EMAIL" --name contract-check-signout --db "$WORK/demo.sqlite")
export PARCELDESK_SIGNOUT_TOKEN

# 4. Schemathesis.
args=(
  --config-file "$ROOT/scripts/schemathesis.toml"
  run "$BASE/openapi.yaml"
  --checks all
  -H "Authorization: Bearer $TOKEN"
  --max-examples "$MAX_EXAMPLES"
  --no-color
)
if [ -n "${SEED:-}" ]; then
  args+=(--seed "$SEED")
else
  args+=(--generation-deterministic)
fi
if [ -n "${SCHEMATHESIS_ARGS:-}" ]; then
  read -r -a extra <<<"$SCHEMATHESIS_ARGS"
  args+=("${extra[@]}")
fi
if [ -n "${REPORT_DIR:-}" ]; then
  case $REPORT_DIR in /*) ;; *) REPORT_DIR="$CALLER_DIR/$REPORT_DIR" ;; esac
  mkdir -p "$REPORT_DIR"
  args+=(--report junit,har --report-dir "$REPORT_DIR")
fi
echo "== schemathesis ${args[*]/Bearer $TOKEN/Bearer …}"
start=$SECONDS
# Run from the work folder, where its .hypothesis and .schemathesis caches
# are deleted with the rest rather than left in the checkout. In the background,
# so that an INT or TERM stops the run at once rather than when it is done.
(cd "$WORK" && exec "$ST" "${args[@]}") &
ST_PID=$!
set +e
wait "$ST_PID"
status=$?
set -e
ST_PID=
echo "== schemathesis exited $status after $((SECONDS - start)) s"
if [ "$status" -ne 0 ]; then
  server_log
  exit "$status"
fi
