"""The peer side of scripts/bench-peer.sh: the same job as `parceldesk check --summary`
done with the open-source Python package tracking-numbers (PyPI 0.1.8).

Reads one number per line from standard input, skips blank lines, and prints
{"total", "valid", "invalid", "byCarrier"} like ParcelDesk does. The package
raises on some inputs (a UPS-shaped number ending in a letter: int("Y")); such
lines count as invalid and are tallied under "raised".
"""
import json
import sys

from tracking_numbers import get_tracking_number


def main() -> None:
    total = valid = raised = 0
    by_carrier: dict[str, int] = {}
    for line in sys.stdin:
        number = line.strip()
        if not number:
            continue
        total += 1
        try:
            found = get_tracking_number(number)
        except ValueError:
            raised += 1
            continue
        if found is not None:
            valid += 1
            code = found.courier.code
            by_carrier[code] = by_carrier.get(code, 0) + 1
    print(json.dumps({"total": total, "valid": valid, "invalid": total - valid, "raised": raised,
                      "byCarrier": by_carrier}))


if __name__ == "__main__":
    main()
