"""The corpus harness: read every corpus document and compare with its expected reading (see README.md)."""

from __future__ import annotations

import argparse
import json
import sys

from tests.corpus.schema import EXPECTED, check


def check_expected() -> int:
    problems = 0
    for path in sorted(EXPECTED.glob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as error:
            print(f"{path.name}: not JSON: {error}")
            problems += 1
            continue
        for line in check(data, path.name):
            print(line)
            problems += 1
    print(f"{problems} problem(s)")
    return 1 if problems else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.corpus.harness")
    parser.add_argument("--check-expected", action="store_true", help="only validate the expected readings' shape")
    args = parser.parse_args(argv)
    if args.check_expected:
        return check_expected()
    return 0


if __name__ == "__main__":
    sys.exit(main())
