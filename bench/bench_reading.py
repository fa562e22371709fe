"""Benchmark: reading real documents (the corpus of tests/corpus) and a long foreign PDF.

Run: ``.venv/bin/python bench/bench_reading.py [--documents N] [--pages P]`` (one process, one core).

- ``documents``: the corpus's text documents read again and again, each with the reader of its kind (target tables
  with ``read_bytes``, self-evaluations with ``read_selfeval_bytes``), until N documents are read; prints the total,
  the median and p95 per document, and documents per second. Target: 1,000 documents in < 20 s.
- ``pdf``: a P-page target table drawn with reportlab directly (not Jixiao's writer, so it is read through the
  foreign-PDF path), then read; prints the seconds. Target: 50 pages in < 3 s.

The accuracy of the same readings is the harness's business (``make corpus``, docs/reading.md).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from jixiao.domain.errors import DocumentError  # noqa: E402
from jixiao.formats import read_bytes  # noqa: E402
from jixiao.formats.selfeval import read_selfeval_bytes  # noqa: E402

CORPUS = ROOT / "tests" / "corpus"


def _corpus() -> list[tuple[bytes, Callable[[bytes], Any]]]:
    documents = []
    for path in sorted((CORPUS / "expected").glob("*.json")):
        expected = json.loads(path.read_text(encoding="utf-8"))
        reader = read_bytes if expected["kind"] in ("target", "dept-target") else read_selfeval_bytes
        documents.append(((CORPUS / "docs" / expected["file"]).read_bytes(), reader))
    return documents


def _read(data: bytes, reader: Callable[[bytes], Any]) -> float:
    start = time.perf_counter()
    with contextlib.suppress(DocumentError):  # a refusal is a reading too: the user gets the Chinese error
        reader(data)
    return time.perf_counter() - start


def measure_documents(count: int) -> dict[str, float]:
    corpus = _corpus()
    for data, reader in corpus:  # warm up imports and caches of the fixed vocabulary, not of these texts
        _read(data, reader)
    times = [_read(*corpus[index % len(corpus)]) for index in range(count)]
    times.sort()
    return {
        "documents": count,
        "total_s": sum(times),
        "median_ms": statistics.median(times) * 1000,
        "p95_ms": times[int(len(times) * 0.95) - 1] * 1000,
        "documents_per_second": count / sum(times),
    }


def _pdf(pages: int) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import SimpleDocTemplate, Table, TableStyle

    from jixiao.formats.fonts import font_path

    pdfmetrics.registerFont(TTFont("Bench", str(font_path())))
    header = ["一级指标", "二级指标", "三级指标", "指标值"]
    rows = [header]
    for index in range(pages * 30):
        rows.append(["产出指标", "数量指标", f"完成任务数量第{index + 1}项", f"≥{index + 1}个"])
    table = Table(rows, repeatRows=1, colWidths=[90, 90, 220, 90])
    table.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), "Bench", 10), ("GRID", (0, 0), (-1, -1), 0.5, "black")]))
    buffer = io.BytesIO()
    document = SimpleDocTemplate(buffer, pagesize=A4, title="benchmark")
    document.build([Table([["项目名称", "基准测试项目"], ["预算数", "100.00"]], colWidths=[90, 400]), table])
    return buffer.getvalue()


def measure_pdf(pages: int) -> dict[str, float]:
    data = _pdf(pages)
    start = time.perf_counter()
    result = read_bytes(data)
    seconds = time.perf_counter() - start
    return {"pages_requested": pages, "indicators": len(result.document.projects[0].indicators), "seconds": seconds}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--pages", type=int, default=50)
    args = parser.parse_args()
    print(f"reading {args.documents} corpus documents")
    for key, value in measure_documents(args.documents).items():
        print(f"  {key:24s} {value:10.2f}")
    print(f"reading a {args.pages}-page foreign PDF")
    for key, value in measure_pdf(args.pages).items():
        print(f"  {key:24s} {value:10.2f}")


if __name__ == "__main__":
    main()
