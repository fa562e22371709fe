"""A format-neutral page layout: what an exporter builds before one renderer per format draws it.

An exporter (:mod:`jixiao.formats.exporters`) turns the model into a :class:`Layout`; DOCX, XLSX, HTML and PDF
renderers draw any layout, so a new official document (a monitoring table, a self-evaluation table) needs a layout
builder and nothing else. Tables are given the way HTML gives them: a row lists only the cells that start in it,
with ``rowspan``/``colspan``; :meth:`Table.placed` puts them on the column grid.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from jixiao.domain.limits import clean_text


class Style(StrEnum):
    """Paragraph styles, named after their role in an official document."""

    TITLE = "title"  # the document title (小二, 黑体, centred)
    HEADING = "heading"  # 第一部分, a project table's title (三号/四号, 黑体, centred)
    SUBHEADING = "subheading"  # 一、总体绩效目标 (四号, 黑体)
    ITEM = "item"  # 一、老干部活动阵地… (小四, 黑体, indented)
    BODY = "body"  # running text (小四, 宋体, first line indented two characters)


class Align(StrEnum):
    LEFT = "left"
    CENTER = "center"
    RIGHT = "right"


_UNPRINTABLE_RE = re.compile("[\x00-\x08\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")


def printable(text: str) -> str:
    """Text every renderer can write: a vertical tab (Word's manual line break), a form feed or a Unicode line or
    paragraph separator becomes a line break; other control characters, which XML cannot hold and no page shows, are
    left out. Applied to every paragraph and cell, so that no document fails to render because of what was typed."""
    text = clean_text(text)  # the line breaks, as the input limits clean them
    return _UNPRINTABLE_RE.sub("", text) if _UNPRINTABLE_RE.search(text) else text


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A line of running text; ``page_break`` starts it on a new page."""

    text: str
    style: Style = Style.BODY
    page_break: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "text", printable(self.text))


@dataclass(frozen=True, slots=True)
class Cell:
    """One table cell. ``number`` (with ``percent``) lets a spreadsheet store the printed amount as a number.

    ``text`` is always what is printed; ``number`` must print as ``text`` with as many decimals as it carries
    (``Decimal("5.00")`` → ``5.00``; with ``percent`` ``Decimal("25.00")`` → ``25.00%``).
    """

    text: str
    rowspan: int = 1
    colspan: int = 1
    header: bool = False
    align: Align = Align.LEFT
    number: Decimal | None = None
    percent: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "text", printable(self.text))


class RowKind(StrEnum):
    CAPTION = "caption"  # printed above the ruled table, without borders (the unit line, 单位：万元)
    HEADER = "header"  # repeated at the top of each page when the table breaks
    BODY = "body"


@dataclass(frozen=True, slots=True)
class TableRow:
    cells: tuple[Cell, ...]
    kind: RowKind = RowKind.BODY


@dataclass(frozen=True, slots=True)
class Table:
    """A ruled table; ``widths`` are the columns' relative widths (their count is the grid's width).

    ``spreadsheet_only`` tables (a summary listing) appear only in spreadsheets.
    """

    widths: tuple[int, ...]
    rows: tuple[TableRow, ...]
    spreadsheet_only: bool = False

    @property
    def columns(self) -> int:
        return len(self.widths)

    def placed(self) -> Iterator[tuple[int, int, Cell]]:
        """Every cell with its top-left grid position (row, column), skipping positions covered by spans."""
        covered: set[tuple[int, int]] = set()
        for row_index, row in enumerate(self.rows):
            column = 0
            for cell in row.cells:
                while (row_index, column) in covered:
                    column += 1
                yield row_index, column, cell
                for down in range(cell.rowspan):
                    for across in range(cell.colspan):
                        covered.add((row_index + down, column + across))
                column += cell.colspan

    def grid(self) -> list[list[Cell | None]]:
        """The table as a full grid: each cell at its top-left position, ``None`` where a span covers."""
        grid: list[list[Cell | None]] = [[None] * self.columns for _ in self.rows]
        for row, column, cell in self.placed():
            if row < len(grid) and column < self.columns:
                grid[row][column] = cell
        return grid


Block = Paragraph | Table


@dataclass(frozen=True, slots=True)
class Image:
    """A picture (PNG bytes) printed after its section's blocks, ``width`` millimetres wide, with a caption beneath.

    Images are kept beside the block stream, not in it, so that a renderer which draws no pictures prints the
    rest unchanged. DOCX, XLSX, HTML and PDF draw them.
    """

    png: bytes
    width: int = 160
    caption: str | None = None

    def __post_init__(self) -> None:
        if self.caption is not None:
            object.__setattr__(self, "caption", printable(self.caption))


@dataclass(slots=True)
class Section:
    """A part of the document: a sheet in a spreadsheet, a run of pages elsewhere (``page_break`` before it)."""

    name: str
    blocks: list[Block] = field(default_factory=list)
    page_break: bool = False
    images: list[Image] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.name = printable(self.name).replace("\n", " ")


@dataclass(slots=True)
class Layout:
    """A whole exported document: its title (file metadata, not printed) and its sections in order."""

    title: str
    sections: list[Section] = field(default_factory=list)
    landscape: bool = False

    def __post_init__(self) -> None:
        self.title = printable(self.title).replace("\n", " ")
