"""Shared, session-cached exports: each source document is rendered once per format per test session."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from jixiao.domain.model import TargetDocument
from jixiao.formats import ReadResult, read_path
from jixiao.formats.exporters import DepartmentTargetsExporter
from tests.conftest import FIXTURES, SEED

OFFICE = FIXTURES / "office"
TEXT = FIXTURES / "text"
FORMATS = ("docx", "xlsx", "html", "pdf")


def sources() -> list[Path]:
    """The seed, every published-text fixture and every office fixture."""
    text = sorted(path for path in TEXT.glob("*.txt"))
    office = sorted(path for path in OFFICE.iterdir() if path.suffix in (".docx", ".xlsx", ".pdf", ".html"))
    return [SEED, *text, *office]


_results: dict[Path, ReadResult] = {}
_exports: dict[tuple[Path, str], bytes] = {}


@pytest.fixture(scope="session")
def result_of() -> Callable[[Path], ReadResult]:
    """``result_of(path)``: what reading ``path`` gave (cached)."""

    def read(path: Path) -> ReadResult:
        if path not in _results:
            _results[path] = read_path(path)
        return _results[path]

    return read


@pytest.fixture(scope="session")
def document_of(result_of: Callable[[Path], ReadResult]) -> Callable[[Path], TargetDocument]:
    return lambda path: result_of(path).document


@pytest.fixture(scope="session")
def exported(document_of: Callable[[Path], TargetDocument]) -> Callable[[Path, str], bytes]:
    """``exported(path, fmt)``: the department document read from ``path``, rendered to ``fmt`` (cached)."""

    def export(path: Path, fmt: str) -> bytes:
        if (path, fmt) not in _exports:
            _exports[(path, fmt)] = DepartmentTargetsExporter(document_of(path)).export(fmt).data
        return _exports[(path, fmt)]

    return export


@pytest.fixture(scope="session")
def seed_pdf(exported: Callable[[Path, str], bytes], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed rendered to PDF once, as a file for poppler's tools."""
    path = tmp_path_factory.mktemp("pdf") / "seed.pdf"
    path.write_bytes(exported(SEED, "pdf"))
    return path
