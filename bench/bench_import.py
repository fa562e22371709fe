"""Benchmark: importing the seed document (text → model → canonical JSON).

Run: ``.venv/bin/python bench/bench_import.py [--rounds N]`` (one process, one core). Prints the median and p95 of a
full import (decode + read + model) and of text → JSON, and the resulting documents per second.
Target (what a batch import of a city's documents needs): median < 20 ms and ≥ 100 documents/s on one core.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from jixiao.formats import canonical, read_bytes

SEED = Path(__file__).resolve().parent.parent / "jixiao" / "demo" / "seed_287001_2021.txt"


def measure(rounds: int) -> dict[str, float]:
    data = SEED.read_bytes()
    read_bytes(data)  # warm up imports and regex caches
    reads: list[float] = []
    to_json: list[float] = []
    for _ in range(rounds):
        start = time.perf_counter()
        document = read_bytes(data).document
        middle = time.perf_counter()
        canonical.to_json(document)
        end = time.perf_counter()
        reads.append(middle - start)
        to_json.append(end - start)
    reads.sort()
    to_json.sort()
    return {
        "read_median_ms": statistics.median(reads) * 1000,
        "read_p95_ms": reads[int(len(reads) * 0.95) - 1] * 1000,
        "read_json_median_ms": statistics.median(to_json) * 1000,
        "read_json_p95_ms": to_json[int(len(to_json) * 0.95) - 1] * 1000,
        "documents_per_second": 1 / statistics.median(to_json),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=500)
    args = parser.parse_args()
    results = measure(args.rounds)
    print(f"seed import, {args.rounds} rounds")
    for key, value in results.items():
        print(f"  {key:24s} {value:10.2f}")


if __name__ == "__main__":
    main()
