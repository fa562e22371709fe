"""Reading a PDF (pdfplumber): the block stream rebuilt from what a PDF keeps — characters with positions and
ruling lines.

- tables come from the ruling lines (pdfplumber); a merged cell's covered positions read as ``""`` so the
  interpreter fills level cells down; a table continued on the next page, with or without its header row
  repeated, continues the same table;
- text outside tables is grouped into lines, and lines into paragraphs (a paragraph ends at a short line, an
  indented line or a wider gap); a line whose parts stand far apart (``287001…局    单位：万元``) is a row;
- wrapped lines inside a cell or paragraph join without a space next to CJK text and with one between words, while
  a line that ends early ends a line of the text (a ``<br>`` in the source).
"""

from __future__ import annotations

import bisect
import io
import itertools
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from jixiao.domain.errors import DocumentError
from jixiao.formats import grid
from jixiao.formats.blocks import Block, Para, Row, clean_cell
from jixiao.formats.interpret import ReadResult, interpret
from jixiao.formats.interpret.labels import AMOUNT_UNIT_RE, label_key
from jixiao.formats.limits import ReadLimits, check_pdf, check_pdf_pages, check_rows, current_limits
from jixiao.formats.pdf.lines import NO_LINE_START
from jixiao.formats.pdf.pdfium_pages import PageObjects, own_pages, pdfium_pages
from jixiao.formats.pdf.tables import find_tables

_Char = dict[str, Any]


@dataclass(slots=True)
class _Line:
    """Characters on one baseline, left to right."""

    chars: list[_Char]
    top: float
    bottom: float
    size: float

    @property
    def x0(self) -> float:
        return float(self.chars[0]["x0"])

    @property
    def x1(self) -> float:
        return float(self.chars[-1]["x1"])

    def text(self, start: int = 0, end: int | None = None) -> str:
        chars = self.chars[start:end]
        out: list[str] = []
        for index, char in enumerate(chars):
            if index and _needs_space(chars[index - 1], char):
                out.append(" ")
            out.append(char["text"])
        return "".join(out).strip()

    def segments(self) -> list[str]:
        """The line's parts that stand far apart (three character widths or more)."""
        cuts = [0]
        for index in range(1, len(self.chars)):
            gap = float(self.chars[index]["x0"]) - float(self.chars[index - 1]["x1"])
            if gap > 3 * self.size:
                cuts.append(index)
        cuts.append(len(self.chars))
        return [text for start, end in itertools.pairwise(cuts) if (text := self.text(start, end))]

    def first_token_width(self) -> float:
        """The width of what cannot be split from the line's start: one CJK character (with closing punctuation
        that may not begin a line) or one word."""
        chars = self.chars
        end = 1
        if not grid.is_wide(chars[0]["text"][0]):
            while end < len(chars) and not grid.is_wide(chars[end]["text"][0]) and chars[end]["text"] != " ":
                end += 1
        while end < len(chars) and chars[end]["text"] in NO_LINE_START:
            end += 1
        return float(chars[end - 1]["x1"]) - float(chars[0]["x0"])


def _needs_space(left: _Char, right: _Char) -> bool:
    if left["text"] == " " or right["text"] == " ":
        return False
    # a glyph may stand for several characters (a ligature such as "ff"): its ends touch its neighbours
    if grid.is_wide(left["text"][-1]) or grid.is_wide(right["text"][0]):
        return False
    return float(right["x0"]) - float(left["x1"]) > 0.25 * float(right["size"])


def _lines(chars: Iterable[_Char]) -> list[_Line]:
    """Characters grouped into lines by their vertical position."""
    lines: list[_Line] = []
    for char in sorted(chars, key=lambda c: (float(c["top"]), float(c["x0"]))):
        if not char["text"].strip() and char["text"] != " ":
            continue
        size = float(char["size"]) or 1.0
        if lines and abs(float(char["top"]) - lines[-1].top) < 0.5 * size:
            lines[-1].chars.append(char)
            lines[-1].bottom = max(lines[-1].bottom, float(char["bottom"]))
            continue
        lines.append(_Line([char], float(char["top"]), float(char["bottom"]), size))
    for line in lines:
        line.chars.sort(key=lambda c: float(c["x0"]))
        while line.chars and line.chars[-1]["text"] == " ":
            line.chars.pop()
        while line.chars and line.chars[0]["text"] == " ":
            line.chars.pop(0)
    return [line for line in lines if line.chars]


def _wrapped(previous: _Line, line: _Line, right: float) -> bool:
    """Whether ``line`` continues ``previous`` because the first word of ``line`` did not fit on it."""
    room = right - previous.x1
    return line.first_token_width() > room - 0.25 * line.size


def _cell_text(chars: list[_Char], box: tuple[float, float, float, float]) -> str:
    lines = _lines(chars)
    if not lines:
        return ""
    left_pad = min(line.x0 for line in lines) - box[0]
    right = box[2] - max(left_pad, 0.0)
    pieces = [(lines[0].text(), False)]
    for previous, line in itertools.pairwise(lines):
        pieces.append((line.text(), _wrapped(previous, line, right)))
    return clean_cell(grid.join_lines(pieces))


def _inside(char: _Char, box: tuple[float, float, float, float]) -> bool:
    x = (float(char["x0"]) + float(char["x1"])) / 2
    y = (float(char["top"]) + float(char["bottom"])) / 2
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


@dataclass(slots=True)
class _Item:
    """A table row or a text line of a page, ordered by where it stands."""

    top: float
    row: tuple[str, ...] | None = None
    line: _Line | None = None


def _is_background(obj: dict[str, Any], width: float, height: float) -> bool:
    """A filled rectangle covering most of the page (a page or section background), not a ruling line."""
    return obj.get("object_type") == "rect" and float(obj["width"]) > width / 2 and float(obj["height"]) > height / 4


def _table_rows(table: Any, page_chars: list[_Char], page_centres: list[tuple[float, float]]) -> list[_Item]:
    """A table's rows as texts. A merged cell broken by a page end has no closing rule, so no detected cell: its
    characters are read from the column between the rows it spans and given to the first of them."""
    rows, columns = table.rows, [column.bbox for column in table.columns]
    spans = [row.bbox for row in rows]  # computed on every access by pdfplumber
    whole = table.bbox
    within = [index for index, centre in enumerate(page_centres) if _in_box(centre, whole)]
    chars = [page_chars[index] for index in within]
    centres = [page_centres[index] for index in within]
    # every cell of a row lies within it: a row looks only at the characters whose middle is in its height
    by_middle = sorted(range(len(chars)), key=lambda index: centres[index][1])
    middles = [centres[index][1] for index in by_middle]
    texts: list[list[str]] = []
    used: set[int] = set()
    for row, (_, top, _, bottom) in zip(rows, spans, strict=True):
        texts.append([])
        found = sorted(by_middle[bisect.bisect_left(middles, top) : bisect.bisect_right(middles, bottom)])
        for box in row.cells:
            if box is None:
                texts[-1].append("")
                continue
            x0, y0, x1, y1 = box
            inside = [chars[i] for i in found if x0 <= centres[i][0] <= x1 and y0 <= centres[i][1] <= y1]
            used.update(id(char) for char in inside)
            texts[-1].append(_cell_text(inside, box))
    free = [char for char in chars if id(char) not in used]
    for column, (x0, _, x1, _) in enumerate(columns):
        start = 0
        while start < len(rows):
            end = start
            while end < len(rows) and column < len(rows[end].cells) and rows[end].cells[column] is None:
                end += 1
            if end > start:
                region = (x0, spans[start][1], x1, spans[end - 1][3])
                inside = [char for char in free if _inside(char, region)]
                if inside:
                    texts[start][column] = _cell_text(inside, region)
            start = max(end, start + 1)
    return [_Item(float(span[1]), row=tuple(text)) for span, text in zip(spans, texts, strict=True) if any(text)]


def _centre(char: _Char) -> tuple[float, float]:
    return (float(char["x0"]) + float(char["x1"])) / 2, (float(char["top"]) + float(char["bottom"])) / 2


def _in_box(centre: tuple[float, float], box: tuple[float, float, float, float]) -> bool:
    """:func:`_inside` for a character's centre computed once."""
    return box[0] <= centre[0] <= box[2] and box[1] <= centre[1] <= box[3]


def _items(chars: list[_Char], tables: Iterable[Any]) -> list[_Item]:
    """A page's table rows and text lines, top to bottom."""
    items: list[_Item] = []
    boxes: list[tuple[float, float, float, float]] = []
    centres = [_centre(char) for char in chars]
    for table in tables:
        boxes.append(table.bbox)
        items.extend(_table_rows(table, chars, centres))
    outside = [
        char for char, centre in zip(chars, centres, strict=True) if not any(_in_box(centre, box) for box in boxes)
    ]
    items.extend(_Item(line.top, line=line) for line in _lines(outside))
    items.sort(key=lambda item: item.top)
    return items


def _page_items(page: Any) -> list[_Item]:
    """A page — pdfplumber's, or PDFium's objects in its shape (:class:`PageObjects`) — with backgrounds left out
    and tables from pdfplumber's table finder."""
    page = page.filter(lambda obj: not _is_background(obj, page.width, page.height))
    return _items(list(page.chars), find_tables(page))


def _running(pages: list[list[_Item]]) -> set[str]:
    """Lines printed first or last on most pages: running heads and feet (page numbers count as equal)."""
    if len(pages) < 2:
        return set()
    counts: Counter[str] = Counter()
    for items in pages:
        edges = {_margin_key(item) for item in items[:1] + items[-1:]}
        counts.update(key for key in edges if key and not AMOUNT_UNIT_RE.match(label_key(key)))
    return {text for text, count in counts.items() if count >= max(2, len(pages) // 2 + 1)}


def _margin_key(item: _Item) -> str:
    return _MARGIN_DIGITS.sub("#", item.line.text()) if item.line is not None else ""


def _drop_running(pages: list[list[_Item]]) -> None:
    """Leave out running heads and feet, but keep the first page's head: it is often the document's title."""
    running = _running(pages)
    for number, items in enumerate(pages):
        for edge in {id(items[0]), id(items[-1])} if items else set():
            item = next(item for item in items if id(item) == edge)
            keep = number == 0 and item is items[0]
            if _margin_key(item) in running and not keep:
                items.remove(item)


_MARGIN_DIGITS = re.compile(r"\d+")


def _paragraphs(items: list[_Item], left: float, right: float, start: int) -> list[Block]:
    blocks: list[Block] = []
    open_line: _Line | None = None
    texts: list[tuple[str, bool]] = []
    number = start

    def close() -> None:
        nonlocal open_line, texts
        if texts:
            blocks.append(Para(clean_cell(grid.join_lines(texts)), number))
        open_line, texts = None, []

    for item in items:
        number += 1
        if item.row is not None:
            close()
            blocks.append(Row(item.row, number))
            continue
        line = item.line
        assert line is not None
        segments = line.segments()
        if len(segments) > 1:
            close()
            blocks.append(Row(tuple(segments), number))
            continue
        continues = (
            open_line is not None
            and abs(line.size - open_line.size) < 0.5
            and line.top - open_line.bottom < 1.2 * line.size
            and line.x0 < left + 0.5 * line.size
            and _wrapped(open_line, line, right)
        )
        if not continues:
            close()
        texts.append((line.text(), continues))
        open_line = line
    close()
    return blocks


def _plumber_items(
    data: bytes, numbers: Iterable[int] | None = None, limits: ReadLimits | None = None
) -> dict[int, list[_Item]]:
    """The items of the pages ``numbers`` (every page when None) read with pdfplumber."""
    import pdfplumber
    from pdfminer.pdftypes import PDFException
    from pdfminer.psexceptions import PSException
    from pdfplumber.utils.exceptions import PdfminerException

    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            check_pdf_pages(len(pdf.pages), limits)
            wanted = range(len(pdf.pages)) if numbers is None else numbers
            return {number: _page_items(pdf.pages[number]) for number in wanted}
    except (PdfminerException, PDFException, PSException, ValueError, KeyError, TypeError) as error:
        raise DocumentError("document.corrupt", format="PDF", reason=str(error) or type(error).__name__) from None
    except (DocumentError, MemoryError):
        raise
    except Exception as error:
        raise DocumentError("document.corrupt", format="PDF", reason=str(error)[:200] or type(error).__name__) from None


def _census(data: bytes, limits: ReadLimits | None) -> None:
    """Pages, then characters and graphic objects page by page, counted by PDFium against the limits before any page
    is read (reading costs about 0.25 ms and 5 KB a character in pdfplumber: a 1 MB content stream of text took 18 s
    and 500 MB); counting stops at the first page past the limit. A file PDFium cannot open is left to pdfplumber."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError:
        return
    try:
        check_pdf_pages(len(document), limits)
        limit, total = current_limits(limits).pdf_objects, 0
        for index in range(len(document)):
            page = document[index]
            try:
                textpage = page.get_textpage()
                total += textpage.count_chars() + max(pdfium_c.FPDFPage_CountObjects(page), 0)
                textpage.close()
            except pdfium.PdfiumError:
                continue  # the reader says what is wrong with the page
            finally:
                page.close()
            if total > limit:
                raise DocumentError("limit.pdf_objects", page=index + 1, limit=limit)
    finally:
        document.close()


def _pages(data: bytes, limits: ReadLimits | None = None) -> list[list[_Item]]:
    """Every page's items: read with PDFium where it gives what pdfplumber would (:mod:`.pdfium_pages`), with
    pdfplumber for the other pages, and for the whole file when PDFium cannot open it."""
    check_pdf(data, limits)
    _census(data, limits)
    # own_pages is the same reading for our writer's PDFs, asked first as the tests' switch to pdfplumber
    objects: list[PageObjects] | list[PageObjects | None] | None = own_pages(data) or pdfium_pages(data)
    if objects is None or all(page is None for page in objects):
        return list(_plumber_items(data, limits=limits).values())
    missing = [number for number, page in enumerate(objects) if page is None]
    plumber = _plumber_items(data, missing, limits) if missing else {}
    return [_page_items(page) if page is not None else plumber[number] for number, page in enumerate(objects)]


def pdf_blocks(data: bytes, limits: ReadLimits | None = None) -> list[Block]:
    """The block stream of a PDF: every page's table rows and text, in reading order. Pages are read with PDFium
    where it gives the objects pdfplumber would, else with pdfplumber; both give the reader the same objects."""
    pages = _pages(data, limits)
    _drop_running(pages)
    blocks: list[Block] = []
    number = 0
    for items in pages:
        chars = [char for item in items if item.line for char in item.line.chars]
        left = min((float(char["x0"]) for char in chars), default=0.0)
        right = max((line.x1 for item in items if (line := item.line)), default=0.0)
        blocks.extend(_paragraphs(items, left, right, number))
        number += len(items)
    return grid.tidy_blocks(blocks)


def read_pdf(data: bytes, limits: ReadLimits | None = None) -> ReadResult:
    """Read a target document from a PDF with a text layer (a scanned image has none: ``document.no_text``)."""
    blocks = pdf_blocks(data, limits)
    if not blocks:
        raise DocumentError("document.no_text", format="PDF")
    check_rows(len(blocks), limits)
    return interpret(blocks, layout="pdf")
