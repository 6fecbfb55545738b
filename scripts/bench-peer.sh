#!/usr/bin/env bash
# Side-by-side: `parceldesk check --summary` against the open-source Python
# package tracking-numbers (PyPI 0.1.8) over the same deterministic 1M-line
# corpus, in one run; prints both medians and the ratio.
#   COUNT=1000000 RUNS=3 scripts/bench-peer.sh
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT=${COUNT:-1000000}
RUNS=${RUNS:-3}

swift build -c release --product parceldesk >&2
BIN="$(swift build -c release --show-bin-path)/parceldesk"

mkdir -p bench-data
CORPUS="bench-data/corpus-$COUNT.txt"
[ -s "$CORPUS" ] || "$BIN" bench corpus --count "$COUNT" --seed 7 >"$CORPUS"

VENV=.venv-bench
[ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
"$VENV/bin/pip" install --quiet --disable-pip-version-check "tracking-numbers==0.1.8"

"$VENV/bin/python" scripts/bench_peer.py --corpus "$CORPUS" --parceldesk "$BIN" --runs "$RUNS"
