"""Reading any PDF with PDFium (jixiao/formats/pdf/pdfium_pages.py) gives the blocks pdfplumber gives, and a page
PDFium cannot give faithfully is read with pdfplumber."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest

from jixiao.formats import read_path
from jixiao.formats.blocks import Row
from jixiao.formats.exporters import DepartmentTargetsExporter
from jixiao.formats.pdf import pdf_blocks, reader
from jixiao.formats.pdf.pdfium_pages import pdfium_pages
from jixiao.formats.pdf.tables import cells
from tests.conftest import FIXTURES, ROOT, SEED

REPOSITORY_PDFS = sorted([*FIXTURES.glob("**/*.pdf"), *(ROOT / "tests" / "corpus" / "office").glob("*.pdf")])


def through_pdfplumber(data: bytes, monkeypatch: pytest.MonkeyPatch) -> list[object]:
    with monkeypatch.context() as patch:
        patch.setattr(reader, "own_pages", lambda data: None)
        patch.setattr(reader, "pdfium_pages", lambda data: None)
        return list(pdf_blocks(data))


def read_by_pdfium(data: bytes) -> bool:
    pages = pdfium_pages(data)
    return pages is not None and all(page is not None for page in pages)


@pytest.mark.parametrize("path", REPOSITORY_PDFS, ids=lambda path: path.name)
def test_every_pdf_of_the_repository_reads_the_same_through_pdfium_as_through_pdfplumber(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = path.read_bytes()
    assert read_by_pdfium(data)
    assert pdf_blocks(data) == through_pdfplumber(data, monkeypatch)


def test_the_repository_holds_pdfs_from_other_software_to_compare() -> None:
    assert len(REPOSITORY_PDFS) >= 7  # the WeasyPrint fixture and the reportlab-built corpus files


def test_our_own_pdf_reads_the_same_through_pdfium_as_through_pdfplumber(monkeypatch: pytest.MonkeyPatch) -> None:
    data = DepartmentTargetsExporter(read_path(SEED).document).export("pdf").data
    assert read_by_pdfium(data)
    assert pdf_blocks(data) == through_pdfplumber(data, monkeypatch)


def _canvas_pdf(draw: Callable[..., None], **options: object) -> bytes:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen.canvas import Canvas

    from jixiao.formats.fonts import font_path

    pdfmetrics.registerFont(TTFont("TestCJK", str(font_path())))
    out = io.BytesIO()
    canvas = Canvas(out, invariant=1, **options)  # type: ignore[arg-type]
    draw(canvas)
    canvas.save()
    return out.getvalue()


ROWS = [
    ("一级指标", "二级指标", "三级指标", "指标值"),
    ("产出指标", "数量指标", "培训人次", "≥1200人次"),
    ("效益指标", "社会效益指标", "群众满意度", "≥90%"),
]
WIDTHS = (80.0, 90.0, 160.0, 90.0)


def _grid(top: float) -> tuple[list[float], list[float]]:
    xs = [60.0]
    for width in WIDTHS:
        xs.append(xs[-1] + width)
    return xs, [top - 24.0 * row for row in range(len(ROWS) + 1)]


def _texts(canvas: object, top: float) -> None:
    xs, ys = _grid(top)
    canvas.setFont("TestCJK", 10)  # type: ignore[attr-defined]
    canvas.drawString(60, top + 20, "项目支出绩效目标表")  # type: ignore[attr-defined]
    for row, texts in enumerate(ROWS):
        for column, text in enumerate(texts):
            canvas.drawString(xs[column] + 4, ys[row + 1] + 8, text)  # type: ignore[attr-defined]


def _rectangles(canvas: object) -> None:
    """Every cell a stroked rectangle (``re``), as reportlab's ``canvas.rect`` draws it."""
    xs, ys = _grid(700)
    for row in range(len(ROWS)):
        for column in range(len(WIDTHS)):
            canvas.rect(xs[column], ys[row + 1], WIDTHS[column], 24)  # type: ignore[attr-defined]
    _texts(canvas, 700)


def _filled_rules(canvas: object) -> None:
    """Every rule a thin filled rectangle, as Word and LibreOffice draw cell borders."""
    xs, ys = _grid(700)
    for y in ys:
        canvas.rect(xs[0], y - 0.25, xs[-1] - xs[0], 0.5, stroke=0, fill=1)  # type: ignore[attr-defined]
    for x in xs:
        canvas.rect(x - 0.25, ys[-1], 0.5, ys[0] - ys[-1], stroke=0, fill=1)  # type: ignore[attr-defined]
    _texts(canvas, 700)


def _in_a_form(canvas: object) -> None:
    """The table drawn once into a form XObject and placed on the page, moved and scaled."""
    canvas.beginForm("table")  # type: ignore[attr-defined]
    _rectangles(canvas)
    canvas.endForm()  # type: ignore[attr-defined]
    canvas.saveState()  # type: ignore[attr-defined]
    canvas.translate(20, -300)  # type: ignore[attr-defined]
    canvas.scale(0.9, 0.9)  # type: ignore[attr-defined]
    canvas.doForm("table")  # type: ignore[attr-defined]
    canvas.restoreState()  # type: ignore[attr-defined]


def _invisible_text(canvas: object) -> None:
    """A scanned page's text layer: text in render mode 3 over an image nobody reads."""
    text = canvas.beginText(72, 760)  # type: ignore[attr-defined]
    text.setTextRenderMode(3)
    text.setFont("TestCJK", 12)
    text.textLine("扫描件的文字层  单位：万元")
    canvas.drawText(text)  # type: ignore[attr-defined]
    _rectangles(canvas)


@pytest.mark.parametrize(
    "draw", [_rectangles, _filled_rules, _in_a_form, _invisible_text], ids=lambda draw: draw.__name__.strip("_")
)
def test_a_table_drawn_by_other_software_reads_the_same_through_pdfium_as_through_pdfplumber(
    draw: Callable[..., None], monkeypatch: pytest.MonkeyPatch
) -> None:
    data = _canvas_pdf(draw)
    assert read_by_pdfium(data)
    blocks = pdf_blocks(data)
    assert blocks == through_pdfplumber(data, monkeypatch)
    assert ROWS[1] in [block.cells for block in blocks if isinstance(block, Row)]


def test_the_invisible_text_layer_of_a_scan_is_read() -> None:
    blocks = pdf_blocks(_canvas_pdf(_invisible_text))
    assert any("单位：万元" in str(block) for block in blocks)


def test_a_page_with_a_shifted_mediabox_reads_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    data = _canvas_pdf(_rectangles, pagesize=(595, 842))
    shifted = data.replace(b"/MediaBox [ 0 0 595 842 ]", b"/MediaBox [ 10 20 605 862 ]")
    assert shifted != data
    assert read_by_pdfium(shifted)
    assert pdf_blocks(shifted) == through_pdfplumber(shifted, monkeypatch)


def _rotated_page(canvas: object) -> None:
    canvas.setPageRotation(90)  # type: ignore[attr-defined]
    _rectangles(canvas)


def _rotated_text(canvas: object) -> None:
    _rectangles(canvas)
    canvas.rotate(30)  # type: ignore[attr-defined]
    canvas.drawString(300, 100, "旋转的文字")  # type: ignore[attr-defined]


def _fake_bold(canvas: object) -> None:
    canvas.setFont("TestCJK", 12)  # type: ignore[attr-defined]
    canvas.drawString(72, 760, "加粗的标题")  # type: ignore[attr-defined]
    canvas.drawString(72.3, 760, "加粗的标题")  # type: ignore[attr-defined]  # PDFium's text page drops the copy
    _rectangles(canvas)


@pytest.mark.parametrize("draw", [_rotated_page, _rotated_text, _fake_bold], ids=lambda draw: draw.__name__.strip("_"))
def test_a_page_pdfium_cannot_give_as_pdfplumber_does_is_read_with_pdfplumber(
    draw: Callable[..., None], monkeypatch: pytest.MonkeyPatch
) -> None:
    data = _canvas_pdf(draw)
    assert pdfium_pages(data) == [None]
    assert pdf_blocks(data) == through_pdfplumber(data, monkeypatch)


def test_only_the_page_pdfium_cannot_give_is_read_with_pdfplumber(monkeypatch: pytest.MonkeyPatch) -> None:
    def two_pages(canvas: object) -> None:
        _rectangles(canvas)
        canvas.showPage()  # type: ignore[attr-defined]
        _rotated_page(canvas)

    data = _canvas_pdf(two_pages)
    pages = pdfium_pages(data)
    assert pages is not None and pages[0] is not None and pages[1] is None
    assert pdf_blocks(data) == through_pdfplumber(data, monkeypatch)


@pytest.mark.parametrize("path", REPOSITORY_PDFS[:3], ids=lambda path: path.name)
def test_the_fast_cell_search_finds_the_cells_pdfplumber_finds(path: Path) -> None:
    import pdfplumber
    from pdfplumber.table import TableFinder

    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            finder = TableFinder(page)
            assert cells(finder.intersections) == finder.cells
