"""Reading our own PDFs with PDFium (jixiao/formats/pdf/pdfium_pages.py): ``own_pages`` recognises our writer's
files, and ``through_pdfplumber`` below reads a file without that shortcut (through the general PDFium path and
pdfplumber where a page needs it), which gives the same blocks. test_pdf_pdfium_equivalence.py compares the general
path with pdfplumber itself."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from jixiao.formats import read_path
from jixiao.formats.exporters import DepartmentTargetsExporter
from jixiao.formats.layout import Layout, Paragraph, Section
from jixiao.formats.pdf import pdf_blocks, reader, render_pdf
from jixiao.formats.pdf.pdfium_pages import own_pages
from tests.conftest import FIXTURES, SEED


def without_own_pages(data: bytes, monkeypatch: pytest.MonkeyPatch) -> list[object]:
    with monkeypatch.context() as patch:
        patch.setattr(reader, "own_pages", lambda data: None)
        return list(pdf_blocks(data))


@pytest.mark.parametrize(
    "source", [SEED, FIXTURES / "office" / "word_split_table.docx", FIXTURES / "office" / "html_gov_rowspans.html"]
)
def test_our_own_pdf_reads_the_same_with_and_without_the_own_pages_shortcut(
    source: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = DepartmentTargetsExporter(read_path(source).document).export("pdf").data
    assert own_pages(data) is not None
    assert pdf_blocks(data) == without_own_pages(data, monkeypatch)


def test_it_puts_back_a_space_pdfium_drops_between_cjk_characters(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "第 1 页 共 6 页，指标值 ≥ 1200人次"
    data = render_pdf(Layout("空格", [Section("一", [Paragraph(text)])]))
    blocks = pdf_blocks(data)
    assert any(getattr(block, "text", "") == text for block in blocks)
    assert blocks == without_own_pages(data, monkeypatch)


def test_the_own_pages_shortcut_declines_a_pdf_from_other_software_which_still_reads() -> None:
    data = (FIXTURES / "office" / "pdf_word_headers.pdf").read_bytes()
    assert own_pages(data) is None
    assert pdf_blocks(data)


def test_the_own_pages_shortcut_declines_a_pdf_naming_us_with_what_our_writer_never_draws() -> None:
    from reportlab.pdfgen.canvas import Canvas

    out = io.BytesIO()
    canvas = Canvas(out)
    canvas.setCreator("Jixiao")
    canvas.rect(100, 100, 200, 50)  # a rectangle: our writer draws rules as line segments only
    canvas.drawString(110, 120, "inside a box")
    canvas.save()
    assert own_pages(out.getvalue()) is None
    assert [getattr(block, "text", None) for block in pdf_blocks(out.getvalue())] == ["inside a box"]


def test_a_file_pdfium_cannot_open_is_reported_as_corrupt_as_before() -> None:
    from jixiao.domain.errors import DocumentError

    assert own_pages(b"%PDF-1.4 not really") is None
    with pytest.raises(DocumentError):
        pdf_blocks(b"%PDF-1.4 not really")
