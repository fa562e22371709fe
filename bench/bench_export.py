"""Benchmark: exporting a 50-project department to DOCX, XLSX, HTML and PDF (and reading the files back).

Run: ``.venv/bin/python bench/bench_export.py [--projects 50] [--rounds 7] [--formats pdf,docx]`` (one process).
The department is the seed's Part 1 with its four projects repeated to ``--projects`` projects (nine indicators
each). Prints the median and the slowest round of each export (wall clock), the median CPU time of the process (less
disturbed by other work on a shared machine), the file size and the median of reading the file back.
Target (a department's download while the user waits): 50 projects to DOCX < 1 s, XLSX < 1 s, PDF < 3 s (medians).
"""

from __future__ import annotations

import argparse
import copy
import statistics
import time
from pathlib import Path

from jixiao.domain.model import TargetDocument
from jixiao.formats import read_bytes, read_path
from jixiao.formats.exporters import DepartmentTargetsExporter

SEED = Path(__file__).resolve().parent.parent / "jixiao" / "demo" / "seed_287001_2021.txt"
FORMATS = ("docx", "xlsx", "html", "pdf")


def department(projects: int) -> TargetDocument:
    """The seed with its projects repeated (codes made unique) up to ``projects``."""
    document = read_path(SEED).document
    originals = document.projects
    document.projects = []
    for number in range(projects):
        project = copy.deepcopy(originals[number % len(originals)])
        project.code = f"{project.code}-{number:03d}"
        document.projects.append(project)
    return document


def measure(document: TargetDocument, fmt: str, rounds: int) -> dict[str, float]:
    exporter = DepartmentTargetsExporter(document)
    data = exporter.export(fmt).data  # warm-up: imports, fonts, templates
    times, cpu = [], []
    for _ in range(rounds):
        start, start_cpu = time.perf_counter(), time.process_time()
        data = exporter.export(fmt).data
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    reads = []
    for _ in range(max(1, rounds // 2)):
        start = time.perf_counter()
        result = read_bytes(data)
        reads.append(time.perf_counter() - start)
    assert len(result.document.projects) == len(document.projects)
    return {
        "median_s": statistics.median(times),
        "max_s": max(times),
        "cpu_median_s": statistics.median(cpu),
        "size_kb": len(data) / 1024,
        "read_median_s": statistics.median(reads),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--projects", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--formats", default=",".join(FORMATS), help="comma-separated, from " + ", ".join(FORMATS))
    args = parser.parse_args()
    document = department(args.projects)
    indicators = len(document.indicators())
    print(f"export of a {args.projects}-project department ({indicators} indicators), {args.rounds} rounds")
    print(f"  {'format':6s} {'median s':>9s} {'max s':>7s} {'cpu s':>7s} {'size KB':>8s} {'read back s':>12s}")
    for fmt in args.formats.split(","):
        result = measure(document, fmt, args.rounds)
        print(
            f"  {fmt:6s} {result['median_s']:9.3f} {result['max_s']:7.3f} {result['cpu_median_s']:7.3f}"
            f" {result['size_kb']:8.0f}"
            f" {result['read_median_s']:12.3f}"
        )


if __name__ == "__main__":
    main()
