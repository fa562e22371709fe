"""Writing a PDF: any :class:`~jixiao.formats.layout.Layout` drawn with reportlab, the CJK font embedded.

Paragraphs and ruled tables flow over A4 pages (platypus frames) with the published look of ``document.css``: the
same margins, sizes and spacing, ``第 X 页 共 Y 页`` at the foot of each page. Tables are drawn by :class:`_GridData`
rather than platypus' ``Table``, which cannot break a page inside a merged cell: a level-1 cell spanning more rows
than a page holds would stop the whole export. A table breaks between rows, its header rows repeated on the next
page; a merged cell cut by the page end is closed there and printed again where it continues, so that each page
reads on its own. A row taller than a whole page is cut between its lines.
"""

from __future__ import annotations

import io
import itertools
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from jixiao.formats.fonts import reportlab_font
from jixiao.formats.layout import Align, Cell, Image, Layout, Paragraph, RowKind, Style, Table
from jixiao.formats.pdf.lines import break_lines

_MM = 72 / 25.4
_MARGINS = (20 * _MM, 16 * _MM, 18 * _MM, 16 * _MM)  # top, right, bottom, left (document.css @page)
_FOOTER_SIZE = 9.0


@dataclass(frozen=True, slots=True)
class _TextStyle:
    size: float
    leading: float
    align: Align = Align.LEFT
    indent: float = 0.0  # the first line's, in points
    space_before: float = 0.0
    space_after: float = 0.0
    keep_with_next: bool = False


# document.css: h1 18pt, h2 15pt, h3 14pt, p 12pt with line-height 1.5 and a two-character first-line indent.
_STYLES = {
    Style.TITLE: _TextStyle(18, 27, Align.CENTER, space_after=12),
    Style.HEADING: _TextStyle(15, 22.5, Align.CENTER, space_before=6, space_after=8, keep_with_next=True),
    Style.SUBHEADING: _TextStyle(14, 21, space_before=8, space_after=4, keep_with_next=True),
    Style.ITEM: _TextStyle(12, 18, indent=24, space_after=4, keep_with_next=True),
    Style.BODY: _TextStyle(12, 18, indent=24, space_after=4),
}
# A picture's caption: centred beneath it, 10.5pt.
_FIGURE_CAPTION = _TextStyle(10.5, 15.75, Align.CENTER, space_after=8)
# Table cells: 9pt, line-height 1.35, padding 2pt 3pt, 0.6pt rules; the caption row (the unit line) 10.5pt.
_CELL = _TextStyle(9, 12.15)
_CAPTION = _TextStyle(10.5, 14.175)
_PAD_X, _PAD_Y, _CAPTION_GAP, _RULE = 3.0, 2.0, 3.0, 0.6
_FUZZ = 1e-6  # reportlab's tolerance in layout arithmetic


class _Font:
    """The embedded font's name, character widths (in em) and vertical metrics."""

    def __init__(self) -> None:
        from reportlab.pdfbase import pdfmetrics

        self.name = reportlab_font()
        face = pdfmetrics.getFont(self.name).face
        self._widths: dict[int, float] = face.charWidths
        self._default = float(face.defaultWidth) / 1000
        self._em: dict[str, float] = {}
        self.ascent = float(face.ascent) / 1000
        self.descent = -float(face.descent) / 1000

    def measure(self, text: str) -> float:
        """The width of ``text`` in em."""
        em = self._em
        total = 0.0
        for char in text:
            width = em.get(char)
            if width is None:
                width = em[char] = self._widths.get(ord(char), self._default * 1000) / 1000
            total += width
        return total

    def baseline(self, style: _TextStyle) -> float:
        """The distance from the top of a line box to the baseline (CSS half-leading around the glyphs)."""
        return (style.leading - (self.ascent + self.descent) * style.size) / 2 + self.ascent * style.size

    def lines(self, text: str, style: _TextStyle, width: float) -> list[str]:
        size = style.size
        return break_lines(text, (width - style.indent) / size, width / size, self.measure)


@cache
def _font() -> _Font:
    return _Font()


def _draw_line(canvas: Any, text: str, align: Align, left: float, right: float, y: float) -> None:
    if align is Align.CENTER:
        canvas.drawCentredString((left + right) / 2, y, text)
    elif align is Align.RIGHT:
        canvas.drawRightString(right, y, text)
    else:
        canvas.drawString(left, y, text)


# ---------------------------------------------------------------------------------------------------------------
# Flowables (created lazily: reportlab is imported on first use)


@cache
def _flowables() -> tuple[type[Any], type[Any]]:
    from reportlab.platypus.flowables import Flowable

    class Text(Flowable):  # type: ignore[misc]
        """A paragraph broken into lines; kept on one page unless it is taller than a whole page."""

        def __init__(self, text: str, style: _TextStyle, page_height: float, first: bool = True) -> None:
            super().__init__()
            self.text, self.style, self.page_height, self.first = text, style, page_height, first
            self.spaceBefore = style.space_before if first else 0.0
            self.spaceAfter = style.space_after
            self.keepWithNext = style.keep_with_next
            self._lines: list[str] = []
            self._width = -1.0

        def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
            if available_width != self._width:
                style = self.style if self.first else replace(self.style, indent=0.0)
                self._lines = _font().lines(self.text, style, available_width)
                self._width = available_width
            self.width, self.height = available_width, len(self._lines) * self.style.leading
            return self.width, self.height

        def split(self, available_width: float, available_height: float) -> list[Any]:
            self.wrap(available_width, available_height)
            fits = int(available_height // self.style.leading)
            if self.height <= self.page_height or fits < 1:
                return []  # the next page holds it whole
            head = Text("\n".join(self._lines[:fits]), self.style, self.page_height, self.first)
            tail = Text("\n".join(self._lines[fits:]), self.style, self.page_height, first=False)
            head.keepWithNext = False
            return [head, tail]

        def draw(self) -> None:
            font, style, canvas = _font(), self.style, self.canv
            canvas.setFont(font.name, style.size)
            y = self.height - font.baseline(style)
            for index, line in enumerate(self._lines):
                indent = style.indent if index == 0 and self.first else 0.0
                _draw_line(canvas, line, style.align, indent, self.width, y)
                y -= style.leading

    class Grid(Flowable):  # type: ignore[misc]
        """A ruled table on a column grid (see :class:`_GridData`)."""

        def __init__(self, data: _GridData, page_height: float) -> None:
            super().__init__()
            self.data, self.page_height = data, page_height
            self._width = -1.0
            self._heights: list[float] = []

        def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
            if available_width != self._width:
                self.data.measure(available_width)
                self._heights = self.data.row_heights()
                self._width = available_width
            self.width, self.height = available_width, sum(self._heights)
            return self.width, self.height

        def split(self, available_width: float, available_height: float) -> list[Any]:
            self.wrap(available_width, available_height)
            parts = self.data.split(self._heights, available_height, self.page_height)
            return [Grid(part, self.page_height) for part in parts]

        def draw(self) -> None:
            self.data.draw(self.canv, self._heights, self.height)

    return Text, Grid


# ---------------------------------------------------------------------------------------------------------------
# Tables


@dataclass(slots=True)
class _Placed:
    """A cell at its grid position; ``lines`` once measured (kept when a row is cut across pages)."""

    row: int
    column: int
    rowspan: int
    colspan: int
    cell: Cell
    caption: bool
    lines: list[str] | None = None
    fixed: bool = False  # lines given (a cut row's part), not measured from the text
    continued: bool = False  # a merged cell that began on an earlier page

    def style(self) -> _TextStyle:
        return _CAPTION if self.caption else _CELL

    def need(self) -> float:
        """The height the cell's lines and padding take."""
        lines = len(self.lines or ())
        if self.caption:
            return lines * _CAPTION.leading + _CAPTION_GAP
        return lines * _CELL.leading + 2 * _PAD_Y


@dataclass(slots=True)
class _GridData:
    """A table as placed cells over rows; ``head`` rows are repeated at the top of each page it continues on."""

    widths: tuple[int, ...]
    kinds: list[RowKind]
    cells: list[_Placed]
    head: list[int]
    _x: list[float] | None = None

    @classmethod
    def of(cls, table: Table) -> _GridData:
        rows = len(table.rows)
        cells = [
            _Placed(
                row, column, min(cell.rowspan, rows - row), cell.colspan, cell, table.rows[row].kind is RowKind.CAPTION
            )
            for row, column, cell in table.placed()
        ]
        kinds = [row.kind for row in table.rows]
        lead = 0
        while lead < rows and kinds[lead] is not RowKind.BODY:
            lead += 1
        head = [index for index in range(lead) if kinds[index] is RowKind.HEADER]
        return cls(table.widths, kinds, cells, head)

    def measure(self, width: float) -> None:
        total = sum(self.widths) or 1
        x = [0.0]
        for part in self.widths:
            x.append(x[-1] + width * part / total)
        self._x = x
        font = _font()
        for placed in self.cells:
            if not placed.fixed:
                inner = self._right(placed) - self._left(placed) - (0 if placed.caption else 2 * _PAD_X)
                placed.lines = font.lines(placed.cell.text, placed.style(), max(inner, 1.0)) if placed.cell.text else []

    def _left(self, placed: _Placed) -> float:
        assert self._x is not None
        return self._x[min(placed.column, len(self._x) - 1)]

    def _right(self, placed: _Placed) -> float:
        assert self._x is not None
        return self._x[min(placed.column + placed.colspan, len(self._x) - 1)]

    def row_heights(self) -> list[float]:
        """Each row as tall as its tallest cell; a merged cell taller than its rows stretches the last of them."""
        heights = [0.0] * len(self.kinds)
        for placed in self.cells:
            if placed.rowspan == 1:
                heights[placed.row] = max(heights[placed.row], placed.need())
        for placed in sorted(self.cells, key=lambda placed: placed.rowspan):
            end = placed.row + placed.rowspan
            missing = placed.need() - sum(heights[placed.row : end])
            if placed.rowspan > 1 and missing > 0:
                heights[end - 1] += missing
        return heights

    # -- breaking over pages

    def split(self, heights: list[float], available: float, page: float) -> list[_GridData]:
        """The rows that fit in ``available`` and the rest (after the header rows again); ``[]`` to start on the
        next page instead.

        The table breaks between rows where every merged cell the break crosses shows its text above it; when no
        such break fits even a whole page, it breaks inside the row the page end falls in.
        """
        rows = len(self.kinds)
        lead = next((index for index, kind in enumerate(self.kinds) if kind is RowKind.BODY), rows)
        ends = list(itertools.accumulate(heights, initial=0.0))
        head = self.head
        if lead >= rows or ends[lead + 1] > page + _FUZZ:
            lead, head = 0, []  # header rows that cannot share a page with a row are rows like the others
        clean = [cut for cut in range(lead + 1, rows) if self._clean_cut(cut, heights)]
        fitting = [cut for cut in clean if ends[cut] <= available + _FUZZ]
        if fitting:
            cut = fitting[-1]
            return [self._rows(list(range(cut))), self._rows(head + list(range(cut, rows)))]
        if ends[clean[0] if clean else rows] <= page + _FUZZ:
            return []  # a fresh page holds the header rows and the rows up to a clean break
        row = next((index for index in range(lead, rows) if ends[index + 1] > available + _FUZZ), None)
        return [self] if row is None else self._cut_row(heights, row, available, head)

    def _clean_cut(self, cut: int, heights: list[float]) -> bool:
        """Whether every merged cell the cut crosses still shows its text above it."""
        for placed in self.cells:
            crossed = placed.row < cut < placed.row + placed.rowspan
            if crossed and placed.lines and sum(heights[placed.row : cut]) < placed.need():
                return False
        return True

    def _rows(self, order: list[int]) -> _GridData:
        """A new table of the given rows (the repeated header rows, then ascending); a merged cell that began on
        an earlier page shows its text again."""
        position = {row: index for index, row in enumerate(order)}
        cells: list[_Placed] = []
        for placed in self.cells:
            rows = [row for row in range(placed.row, placed.row + placed.rowspan) if row in position]
            if rows:
                start, end = position[rows[0]], position[rows[-1]] + 1
                continued = placed.continued or rows[0] != placed.row
                fixed = placed.fixed and not continued
                cells.append(replace(placed, row=start, rowspan=end - start, fixed=fixed, continued=continued))
        kinds = [self.kinds[row] for row in order]
        head = [index for index, row in enumerate(order) if row in self.head]
        return _GridData(self.widths, kinds, cells, head, self._x)

    def _cut_row(self, heights: list[float], row: int, available: float, head: list[int]) -> list[_GridData]:
        """Row ``row`` cut between lines: as many lines as ``available`` holds above, the rest below."""
        keep = int((available - sum(heights[:row]) - 2 * _PAD_Y) // _CELL.leading)
        if keep < 1:
            return []
        starting = {id(placed.cell) for placed in self.cells if placed.row == row and not placed.continued}
        top = self._rows(list(range(row + 1)))
        bottom = self._rows(head + list(range(row, len(self.kinds))))
        for part, position, lines in ((top, row, slice(None, keep)), (bottom, len(head), slice(keep, None))):
            for placed in part.cells:
                if placed.row == position and id(placed.cell) in starting and placed.lines:
                    placed.lines, placed.fixed = placed.lines[lines], True
        return [top, bottom]

    # -- drawing

    def draw(self, canvas: Any, heights: list[float], total: float) -> None:
        font = _font()
        tops = [total]
        for height in heights:
            tops.append(tops[-1] - height)
        # Rules as line segments, each once; a stroked rectangle as large as a long cell would look like a page
        # background to the reader.
        rules: dict[tuple[float, float, float, float], None] = {}
        for placed in self.cells:
            left, right = self._left(placed), self._right(placed)
            top, bottom = tops[placed.row], tops[placed.row + placed.rowspan]
            if not placed.caption:
                for rule in ((left, top, right, top), (left, bottom, right, bottom)):
                    rules[rule] = None
                for rule in ((left, bottom, left, top), (right, bottom, right, top)):
                    rules[rule] = None
            if placed.lines:
                self._draw_text(canvas, font, placed, (left, right, top, bottom))
        canvas.setLineWidth(_RULE)
        canvas.lines(list(rules))

    @staticmethod
    def _draw_text(canvas: Any, font: _Font, placed: _Placed, box: tuple[float, float, float, float]) -> None:
        left, right, top, bottom = box
        style = placed.style()
        lines = placed.lines or []
        align = Align.CENTER if placed.cell.header and not placed.caption else placed.cell.align
        pad_x = 0.0 if placed.caption else _PAD_X
        below = _CAPTION_GAP if placed.caption else _PAD_Y
        above = 0.0 if placed.caption else _PAD_Y
        block = len(lines) * style.leading
        y = top - above - ((top - bottom - above - below) - block) / 2 - font.baseline(style)
        canvas.setFont(font.name, style.size)
        for line in lines:
            _draw_line(canvas, line, align, left + pad_x, right - pad_x, y)
            y -= style.leading


# ---------------------------------------------------------------------------------------------------------------
# The document


def _story(layout: Layout, page_width: float, page_height: float) -> list[Any]:
    """The layout's paragraphs and tables as flowables, with page breaks where a section or paragraph asks."""
    from reportlab.platypus import PageBreak

    text, grid = _flowables()
    story: list[Any] = []
    pending_break = False
    for section in layout.sections:
        pending_break = pending_break or section.page_break
        for block in section.blocks:
            if isinstance(block, Paragraph):
                pending_break = pending_break or block.page_break
                flowable = text(block.text, _STYLES[block.style], page_height)
            elif block.spreadsheet_only:
                continue
            else:
                flowable = grid(_GridData.of(block), page_height)
            if pending_break and story:
                story.append(PageBreak())
            pending_break = False
            story.append(flowable)
        for image in section.images:
            if pending_break and story:
                story.append(PageBreak())
            pending_break = False
            story.extend(_figure(image, page_width, page_height))
    return story


def _figure(image: Image, page_width: float, page_height: float) -> list[Any]:
    """A picture centred, ``image.width`` millimetres wide (at most the text's width and height), its caption
    beneath."""
    from reportlab.lib.utils import ImageReader
    from reportlab.platypus import Image as Picture

    text, _ = _flowables()
    pixels_wide, pixels_high = ImageReader(io.BytesIO(image.png)).getSize()
    ratio = pixels_high / max(pixels_wide, 1)
    width = min(image.width * _MM, page_width, (page_height - 2 * _FIGURE_CAPTION.leading) / max(ratio, 1e-6))
    picture = Picture(io.BytesIO(image.png), width=width, height=width * ratio)
    picture.spaceBefore, picture.spaceAfter = 6.0, 4.0
    if not image.caption:
        return [picture]
    picture.keepWithNext = True
    return [picture, text(image.caption, _FIGURE_CAPTION, page_height)]


@cache
def _numbered_canvas() -> type[Any]:
    from reportlab.pdfgen.canvas import Canvas

    class NumberedCanvas(Canvas):  # type: ignore[misc]
        """Holds the pages back until the end so that each foot can say how many pages there are."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for number, page in enumerate(self._pages, start=1):
                self.__dict__.update(page)
                width, _ = self._pagesize
                self.setFont(_font().name, _FOOTER_SIZE)
                self.drawCentredString(width / 2, _MARGINS[2] / 2 - _FOOTER_SIZE / 3, f"第 {number} 页 共 {total} 页")
                super().showPage()
            super().save()

    return NumberedCanvas


def render_pdf(layout: Layout) -> bytes:
    """The layout as an A4 PDF (landscape when the layout asks) with the CJK font embedded as a subset."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

    font = _font()
    size = landscape(A4) if layout.landscape else A4
    top, right, bottom, left = _MARGINS
    width, height = size[0] - left - right, size[1] - top - bottom
    out = io.BytesIO()
    document = BaseDocTemplate(
        out,
        pagesize=size,
        title=layout.title,
        author="",
        creator="Jixiao",
        initialFontName=font.name,  # otherwise every page names Helvetica, a font the PDF would not embed
        leftMargin=left,
        rightMargin=right,
        topMargin=top,
        bottomMargin=bottom,
    )
    frame = Frame(left, bottom, width, height, leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    document.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    document.build(_story(layout, width, height), canvasmaker=_numbered_canvas())
    return out.getvalue()
