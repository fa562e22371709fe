"""Reading a PDF's characters and ruling lines with PDFium (pypdfium2, which pdfplumber already depends on) instead
of pdfminer: the objects pdfplumber would give, several times faster, for PDFs from any software.

pdfminer parses every content stream in Python and pdfplumber turns each object into a dictionary: together about
0.1 s per page of a target table. PDFium does the same work in C. What it gives is turned into the objects the
reader uses from pdfplumber — characters (:mod:`.pdfium_text`) and the lines, rectangles and curves the table finder
takes its edges from (:mod:`.pdfium_paths`) — in pdfplumber's coordinates (x as drawn, top = MediaBox height − y,
whatever the MediaBox's origin), so the reader's rules stay one set for both. Form XObjects are entered, their
objects placed by the form's matrix, as pdfminer does.

A page that cannot be given faithfully is ``None`` and the reader reads it with pdfplumber: a rotated page
(``/Rotate``), a page whose MediaBox PDFium cannot tell, and whatever :mod:`.pdfium_text` refuses. A file PDFium
cannot open, or whose objects pdfminer cannot read, is read with pdfplumber whole.
"""

from __future__ import annotations

import ctypes
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from itertools import chain
from typing import Any

from jixiao.formats.pdf.font_metrics import Descents, PdfFonts
from jixiao.formats.pdf.pdfium_paths import Matrix, Point, multiply, part_object, path_parts
from jixiao.formats.pdf.pdfium_text import Unsupported, address, page_chars

CREATOR = "Jixiao"

_IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


@dataclass(slots=True)
class PageObjects:
    """One page's characters, lines, rectangles and curves as pdfplumber's page holds them (top-down, points),
    with the part of pdfplumber's page API the reader uses (``chars``, ``filter``, ``edges``, ``bbox``)."""

    width: float
    height: float
    chars: list[dict[str, Any]] = field(default_factory=list)
    lines: list[dict[str, Any]] = field(default_factory=list)
    rects: list[dict[str, Any]] = field(default_factory=list)
    curves: list[dict[str, Any]] = field(default_factory=list)
    forms: int = 0

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        return (0.0, 0.0, self.width, self.height)

    @property
    def edges(self) -> list[dict[str, Any]]:
        """pdfplumber's ``page.edges``: line edges, then the rectangles' sides, then the curves' chords."""
        from pdfplumber.utils import geometry

        rects = chain.from_iterable(geometry.rect_to_edges(rect) for rect in self.rects)
        curves = chain.from_iterable(geometry.curve_to_edges(curve) for curve in self.curves)
        return [*map(geometry.line_to_edge, self.lines), *rects, *curves]

    def filter(self, keep: Callable[[dict[str, Any]], bool]) -> PageObjects:
        """The page without the objects ``keep`` refuses (pdfplumber's ``page.filter``)."""
        return replace(
            self,
            chars=[obj for obj in self.chars if keep(obj)],
            lines=[obj for obj in self.lines if keep(obj)],
            rects=[obj for obj in self.rects if keep(obj)],
            curves=[obj for obj in self.curves if keep(obj)],
        )

    @property
    def plain(self) -> bool:
        """Only what our own writer draws: text and straight line segments."""
        return not (self.rects or self.curves or self.forms)


def pdfium_pages(data: bytes) -> list[PageObjects | None] | None:
    """Every page's objects, ``None`` for a page to read with pdfplumber; ``None`` for a file PDFium cannot open
    (pdfplumber then reports what is wrong with it)."""
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError:
        return None
    try:
        return _read_pages(document, data)
    finally:
        document.close()


def own_pages(data: bytes) -> list[PageObjects] | None:
    """Every page when ``data`` is a PDF our writer made (its creator is Jixiao) and holds only what the writer
    draws — text and straight line segments; else ``None``."""
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError:
        return None
    try:
        if document.get_metadata_value("Creator") != CREATOR:
            return None
        pages = _read_pages(document, data)
    finally:
        document.close()
    plain = [page for page in pages if page is not None and page.plain]
    return plain if len(plain) == len(pages) else None


def _read_pages(document: Any, data: bytes) -> list[PageObjects | None]:
    fonts = PdfFonts(data)
    descents = fonts.descents()
    if descents is None or len(descents) != len(document):
        return [None] * len(document)
    return [_read_page(document, index, descents[index], fonts) for index in range(len(document))]


def _read_page(document: Any, index: int, descents: Descents, fonts: PdfFonts) -> PageObjects | None:
    import pypdfium2 as pdfium

    page = document[index]
    try:
        return _page(page, descents, lambda key: fonts.white_space(index, key))
    except (Unsupported, pdfium.PdfiumError, ArithmeticError, LookupError, ValueError, TypeError):
        return None  # a malformed page included: pdfplumber reads it, or says what is wrong with it
    finally:
        page.close()


def _page(page: Any, descents: Descents, white_space: Callable[[str], str | None]) -> PageObjects | None:
    box = _mediabox(page)
    if box is None or page.get_rotation():
        return None
    left, bottom, right, top = box
    # pdfplumber undoes pdfminer's shift of the MediaBox origin across, but not up: x stays as drawn, and the top
    # of an object lies at (MediaBox height - y) whatever the MediaBox's lower edge
    out = PageObjects(right - left, top - bottom)
    texts: dict[int, tuple[Any, Matrix]] = {}
    for obj, kind, form in _objects(page.raw, None, out):
        if kind == _TEXT:
            _check_marks(obj)
            texts[address(obj)] = (obj, form)
        else:
            _add_path(obj, form, out)
    textpage = page.get_textpage()
    try:
        out.chars = page_chars(textpage.raw, out.height, texts, descents, white_space)
    finally:
        textpage.close()
    return out


def _mediabox(page: Any) -> tuple[float, float, float, float] | None:
    """The page's MediaBox, normalised as pdfplumber does. PDFium reads a box only from the page itself: an
    inherited MediaBox is taken from the page's effective box when the page has no CropBox of its own."""
    import pypdfium2.raw as raw

    box = page.get_mediabox(fallback_ok=False)
    if box is None:
        if page.get_cropbox(fallback_ok=False) is not None:
            return None
        rect = raw.FS_RECTF()
        if not raw.FPDF_GetPageBoundingBox(page.raw, rect):
            return None
        box = (rect.left, rect.bottom, rect.right, rect.top)
    x0, x1 = sorted((float(box[0]), float(box[2])))
    y0, y1 = sorted((float(box[1]), float(box[3])))
    return (x0, y0, x1, y1)


_TEXT, _PATH = 1, 2


def _objects(holder: Any, form: Matrix | None, out: PageObjects) -> Iterator[tuple[Any, int, Matrix]]:
    """The text and path objects of a page (``form`` None) or of a form drawn with the matrix ``form``, with the
    matrix of the form each is drawn in; forms within are entered."""
    import pypdfium2.raw as raw

    if form is None:
        count, get, form = raw.FPDFPage_CountObjects(holder), raw.FPDFPage_GetObject, _IDENTITY
    else:
        count, get = raw.FPDFFormObj_CountObjects(holder), raw.FPDFFormObj_GetObject
    for index in range(count):
        obj = get(holder, index)
        kind = raw.FPDFPageObj_GetType(obj)
        if kind == raw.FPDF_PAGEOBJ_TEXT:
            yield obj, _TEXT, form
        elif kind == raw.FPDF_PAGEOBJ_PATH:
            yield obj, _PATH, form
        elif kind == raw.FPDF_PAGEOBJ_FORM:
            out.forms += 1
            yield from _objects(obj, multiply(_matrix(obj), form), out)


def _check_marks(obj: Any) -> None:
    """Text under ``/ActualText`` is replaced by that text in PDFium's text page, not in pdfminer's characters."""
    import pypdfium2.raw as raw

    for index in range(raw.FPDFPageObj_CountMarks(obj)):
        mark = raw.FPDFPageObj_GetMark(obj, index)
        if raw.FPDFPageObjMark_GetParamValueType(mark, b"ActualText") != raw.FPDF_OBJECT_UNKNOWN:
            raise Unsupported


def _add_path(obj: Any, form: Matrix, out: PageObjects) -> None:
    """A painted path's lines, rectangles and curves (an unpainted one only clips, and pdfminer skips it)."""
    import pypdfium2.raw as raw

    fill, stroke = ctypes.c_int(), ctypes.c_int()
    raw.FPDFPath_GetDrawMode(obj, fill, stroke)
    if fill.value == raw.FPDF_FILLMODE_NONE and not stroke.value:
        return
    a, b, c, d, e, f = multiply(_matrix(obj), form)

    def transform(x: float, y: float) -> Point:
        return (a * x + c * y + e, b * x + d * y + f)

    kinds = {"line": out.lines, "rect": out.rects, "curve": out.curves}
    for shape, points in path_parts(obj, transform):
        if shape.count("m") == 1 and len(shape) > 1:
            made = part_object(shape, points, out.height)
            kinds[made["object_type"]].append(made)


def _matrix(obj: Any) -> Matrix:
    import pypdfium2.raw as raw

    matrix = raw.FS_MATRIX()
    raw.FPDFPageObj_GetMatrix(obj, matrix)
    return (matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f)
