#!/usr/bin/env bash
# Browser tests: headless Chromium (Debian's chromium and chromium-driver)
# driven by Selenium through BrowserTests/flow.py, against `parceldesk demo`
# on a throwaway SQLite file: sign in → Today → a stalled parcel's order →
# copy the message → its buyer page → ask where it is → ask for a person →
# the ticket in the inbox → a return from a delivered order's buyer page →
# the claims board and the claim's page → the orders, lanes and settings
# pages → an import with a bad line → English remembered. Screenshots of
# every page at desktop and phone width go to screenshots/ (git-ignored).
#
#   scripts/browser-tests.sh
#
# Settings (environment):
#   PARCELDESK_BIN  the parceldesk binary (default: the debug build, built if missing)
#   SHOTS           where screenshots go (default: ./screenshots)
#   PORT            port to serve on (default: the first free one from 18930)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
SELENIUM_VERSION=4.50.0

BIN=${PARCELDESK_BIN:-"$(swift build --show-bin-path)/parceldesk"}
[ -x "$BIN" ] || swift build --product parceldesk

# Korean text in the screenshots needs a CJK font.
if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null || ! fc-list 2>/dev/null | grep -i cjk >/dev/null; then
  if [ "$(id -u)" = 0 ]; then
    echo "== installing chromium, chromium-driver and fonts-noto-cjk (Debian)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver fonts-noto-cjk >/dev/null
  else
    echo "chromium and chromedriver are needed: apt-get install chromium chromium-driver" >&2
    exit 2
  fi
fi

VENV="${TMPDIR:-/tmp}/parceldesk-browser"
if ! "$VENV/bin/python" -c "import selenium, sys; sys.exit(selenium.__version__ != '$SELENIUM_VERSION')" 2>/dev/null; then
  echo "== installing selenium $SELENIUM_VERSION in $VENV"
  [ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check "selenium==$SELENIUM_VERSION"
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/parceldesk-browser.XXXXXX")
SERVER_PID=
cleanup() {
  if [ -n "$SERVER_PID" ]; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
PORT=${PORT:-18930}
while listening "$PORT"; do PORT=$((PORT + 1)); done

echo "== demo: 300 orders on 127.0.0.1:$PORT"
"$BIN" demo --orders 300 --seed 7 --db "$WORK/demo.sqlite" --port "$PORT" >"$WORK/demo.txt" 2>"$WORK/server.log" &
SERVER_PID=$!
BASE="http://127.0.0.1:$PORT"
for _ in $(seq 1 300); do curl -fs "$BASE/health" >/dev/null && break; sleep 0.2; done
curl -fs "$BASE/health" >/dev/null

SHOTS=${SHOTS:-"$ROOT/screenshots"}
set +e
BASE="$BASE" SHOTS="$SHOTS" \
  EMAIL=$(sed -n 's/^Demo owner: *\([^ ]*\).*/\1/p' "$WORK/demo.txt") \
  PASSWORD=$(sed -n 's/.*password: *\([^ ]*\).*/\1/p' "$WORK/demo.txt") \
  TOKEN=$(sed -n 's/^API token: *//p' "$WORK/demo.txt") \
  "$VENV/bin/python" BrowserTests/flow.py
status=$?
set -e
if [ "$status" -ne 0 ]; then
  echo "== the server's log (last 30 lines)" >&2
  tail -n 30 "$WORK/server.log" >&2 || true
  exit "$status"
fi
echo "== screenshots in $SHOTS"
