"""Reading the PDFs our own writer draws with PDFium (pypdfium2, which pdfplumber already depends on) instead of
pdfminer: the characters with their boxes and the ruling lines, about ten times faster.

pdfminer parses every content stream in Python and pdfplumber turns each object into a dictionary: together about
0.1 s per page of a target table. PDFium does the same work in C. What it gives is turned into the dictionaries
the reader uses from pdfplumber (``text``, ``x0``, ``x1``, ``top``, ``bottom``, ``size`` for a character; the line
edges pdfplumber's table finder takes), so the reader's rules stay one set for both.

Only PDFs that name Jixiao as their creator are read here, and only while they hold nothing but what the writer
draws — horizontal text, images and paths of straight line segments (``canvas.lines``). Anything else (a rectangle,
a curve, a form XObject, rotated text, characters outside the Basic Multilingual Plane) gives ``None``, and the
caller reads the file with pdfplumber as before; so does every PDF made by other software.
"""

from __future__ import annotations

import ctypes
from dataclasses import dataclass, field
from typing import Any

CREATOR = "Jixiao"


@dataclass(slots=True)
class PageObjects:
    """One page's characters and line edges, in pdfplumber's coordinates (top-down, points)."""

    width: float
    height: float
    chars: list[dict[str, Any]] = field(default_factory=list)
    edges: list[dict[str, Any]] = field(default_factory=list)

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        return (0.0, 0.0, self.width, self.height)


class _Unsupported(Exception):
    """Something the writer never draws: read the document with pdfplumber instead."""


def own_pages(data: bytes) -> list[PageObjects] | None:
    """Every page's characters and edges when ``data`` is a PDF our writer made, else ``None``.

    A file PDFium cannot open also gives ``None``: pdfplumber then reports what is wrong with it."""
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError:
        return None
    try:
        if document.get_metadata_value("Creator") != CREATOR:
            return None
        return [_page(document[index]) for index in range(len(document))]
    except (_Unsupported, pdfium.PdfiumError):
        return None
    finally:
        document.close()


def _page(page: Any) -> PageObjects:
    left, bottom, right, top = page.get_mediabox()
    if left or bottom or page.get_rotation():
        raise _Unsupported
    out = PageObjects(float(right), float(top))
    out.chars = _chars(page, out.height)
    out.edges = _edges(page, out.height)
    page.close()
    return out


def _chars(page: Any, height: float) -> list[dict[str, Any]]:
    """The drawn characters as pdfminer boxes them: from the origin to the advance across, and one font size up
    from the font's descent.

    PDFium adds spaces and line ends of its own (left out), and sometimes replaces a drawn space (a text object of
    its own, between two fonts' subsets) by such an added space. A space is put back where the gap between two
    characters on one baseline is exactly one to three of the page's drawn spaces of that size: the writer never
    draws two strings that close."""
    import pypdfium2.raw as raw

    textpage = page.get_textpage()
    handle = textpage.raw
    box = raw.FS_RECTF()
    chars: list[dict[str, Any]] = []
    dropped: list[int] = []  # positions in ``chars`` where PDFium's own space stood between drawn characters
    try:
        for index in range(raw.FPDFText_CountChars(handle)):
            code = raw.FPDFText_GetUnicode(handle, index)
            if raw.FPDFText_IsGenerated(handle, index):
                if code == 0x20:
                    dropped.append(len(chars))
                continue
            if 0xD800 <= code < 0xE000 or raw.FPDFText_GetCharAngle(handle, index) != 0:
                raise _Unsupported
            raw.FPDFText_GetLooseCharBox(handle, index, box)
            size = float(raw.FPDFText_GetFontSize(handle, index))
            lower = height - float(box.bottom)
            chars.append(
                {
                    "text": chr(code),
                    "x0": float(box.left),
                    "x1": float(box.right),
                    "top": lower - size,
                    "bottom": lower,
                    "size": size,
                }
            )
    finally:
        textpage.close()
    return _put_back_spaces(chars, dropped)


def _put_back_spaces(chars: list[dict[str, Any]], dropped: list[int]) -> list[dict[str, Any]]:
    widths = {char["size"]: char["x1"] - char["x0"] for char in chars if char["text"] == " "}
    out: list[dict[str, Any]] = []
    start = 0
    for position in dropped:
        if not 0 < position < len(chars):
            continue
        left, right = chars[position - 1], chars[position]
        width = widths.get(left["size"])
        if not width or right["size"] != left["size"] or abs(right["bottom"] - left["bottom"]) > 0.01:
            continue
        gap = right["x0"] - left["x1"]
        count = round(gap / width)
        if not 1 <= count <= 3 or abs(gap - count * width) > 0.01 * left["size"]:
            continue
        out.extend(chars[start:position])
        start = position
        for number in range(count):
            x0 = left["x1"] + number * width
            out.append({**left, "text": " ", "x0": x0, "x1": x0 + width})
    out.extend(chars[start:])
    return out


def _edges(page: Any, height: float) -> list[dict[str, Any]]:
    """The ruling lines: every ``moveto``/``lineto`` pair of every path, as pdfplumber's line edges."""
    import pypdfium2.raw as raw

    edges: list[dict[str, Any]] = []
    matrix = raw.FS_MATRIX()
    x, y = ctypes.c_float(), ctypes.c_float()
    for index in range(raw.FPDFPage_CountObjects(page.raw)):
        obj = raw.FPDFPage_GetObject(page.raw, index)
        kind = raw.FPDFPageObj_GetType(obj)
        if kind in (raw.FPDF_PAGEOBJ_TEXT, raw.FPDF_PAGEOBJ_IMAGE):
            continue
        if kind != raw.FPDF_PAGEOBJ_PATH:
            raise _Unsupported
        fill, stroke = ctypes.c_int(), ctypes.c_int()
        raw.FPDFPath_GetDrawMode(obj, fill, stroke)
        if fill.value != raw.FPDF_FILLMODE_NONE:
            raise _Unsupported
        if not stroke.value:
            continue  # a clipping path, not painted
        raw.FPDFPageObj_GetMatrix(obj, matrix)
        a, b, c, d, e, f = matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f
        count = raw.FPDFPath_CountSegments(obj)
        if count % 2:
            raise _Unsupported
        points: list[tuple[float, float]] = []
        for number in range(count):
            segment = raw.FPDFPath_GetPathSegment(obj, number)
            expected = raw.FPDF_SEGMENT_MOVETO if number % 2 == 0 else raw.FPDF_SEGMENT_LINETO
            if raw.FPDFPathSegment_GetType(segment) != expected or raw.FPDFPathSegment_GetClose(segment):
                raise _Unsupported
            raw.FPDFPathSegment_GetPoint(segment, x, y)
            points.append((a * x.value + c * y.value + e, b * x.value + d * y.value + f))
        for (x0, y0), (x1, y1) in zip(points[::2], points[1::2], strict=True):
            top, bottom = height - max(y0, y1), height - min(y0, y1)
            edges.append(
                {
                    "object_type": "line",
                    "x0": min(x0, x1),
                    "x1": max(x0, x1),
                    "top": top,
                    "bottom": bottom,
                    "width": abs(x1 - x0),
                    "height": bottom - top,
                    "orientation": "h" if top == bottom else "v",
                }
            )
    return edges
