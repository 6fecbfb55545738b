"""Times `parceldesk check --summary` and the Python peer over the same corpus,
alternating runs so both see the same machine load, and prints the ratio of
median wall times. Called by scripts/bench-peer.sh."""
import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path


def timed(command: list[str], corpus: Path) -> tuple[float, dict]:
    with corpus.open("rb") as stdin:
        start = time.perf_counter()
        finished = subprocess.run(command, stdin=stdin, capture_output=True, check=False)
        elapsed = time.perf_counter() - start
    if finished.returncode not in (0, 1):
        sys.exit(f"{command[0]} failed ({finished.returncode}): {finished.stderr.decode()[:500]}")
    return elapsed, json.loads(finished.stdout)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--parceldesk", required=True)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    ours_command = [args.parceldesk, "check", "--summary"]
    peer_command = [sys.executable, str(Path(__file__).with_name("peer_summary.py"))]
    lines = sum(1 for _ in args.corpus.open("rb"))
    ours, peer = [], []
    for _ in range(args.runs):
        seconds, ours_result = timed(ours_command, args.corpus)
        ours.append(seconds)
        seconds, peer_result = timed(peer_command, args.corpus)
        peer.append(seconds)

    ours_median, peer_median = statistics.median(ours), statistics.median(peer)
    print(f"corpus: {args.corpus} ({lines} lines), {args.runs} alternating runs each")
    print(f"parceldesk check --summary   median {ours_median:8.3f} s  ({lines / ours_median:,.0f} lines/s)"
          f"  valid {ours_result['valid']} of {ours_result['total']}")
    print(f"tracking-numbers 0.1.8       median {peer_median:8.3f} s  ({lines / peer_median:,.0f} lines/s)"
          f"  valid {peer_result['valid']} of {peer_result['total']}, raised on {peer_result.get('raised', 0)}")
    print(f"ratio: parceldesk is {peer_median / ours_median:.1f}x faster")


if __name__ == "__main__":
    main()
