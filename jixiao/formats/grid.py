"""What the office readers (DOCX, XLSX, PDF, HTML) share: merged cells on a grid, wrapped-line joining, tidying.

Every office reader hands the interpreter the same block stream as the text reader. A cell covered by a merge —
vertical or horizontal — reads as ``""``: the interpreter fills merged level-1/level-2 cells down, and a value that
spans several columns is followed by empty cells, so a label is always directly followed by its value.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from jixiao.formats.blocks import Block, Para, Row, clean_cell
from jixiao.formats.interpret.labels import HEADER_LABELS, label_key, section_of


@dataclass(slots=True)
class Grid:
    """Builds table rows from cells given with their spans, HTML-style (a row lists the cells that start in it)."""

    _covered: dict[tuple[int, int], str] = field(default_factory=dict)
    _current: list[str] = field(default_factory=list)
    _rows: list[Row] = field(default_factory=list)

    def _skip_covered(self) -> None:
        row = len(self._rows)
        while (row, len(self._current)) in self._covered:
            self._current.append(self._covered.pop((row, len(self._current))))

    def add(self, text: str, *, rowspan: int = 1, colspan: int = 1) -> None:
        self._skip_covered()
        row, column = len(self._rows), len(self._current)
        self._current.append(text)
        self._current.extend([""] * (colspan - 1))
        for down in range(1, rowspan):
            for across in range(colspan):
                self._covered[(row + down, column + across)] = ""

    def end_row(self, line: int) -> None:
        self._skip_covered()
        self._rows.append(Row(cells=tuple(self._current), line=line))
        self._current = []

    def rows(self) -> list[Row]:
        """The rows built so far, without rows that are empty throughout."""
        return [row for row in self._rows if any(row.cells)]


_WIDE = frozenset("WF")


def is_wide(char: str) -> bool:
    """A CJK (or other full-width) character: text wrapped next to it joins without a space."""
    return unicodedata.east_asian_width(char) in _WIDE


def join_wrapped(left: str, right: str) -> str:
    """Join two pieces of one line that wrapping split: no space next to CJK text, one space between words."""
    if not left or not right:
        return left + right
    if is_wide(left[-1]) or is_wide(right[0]) or left[-1] in "-/" or left[-1].isspace():
        return left + right
    return f"{left} {right}"


def join_lines(pieces: Iterable[tuple[str, bool]]) -> str:
    """Lines with a flag telling whether each one continues the previous (wrapped) or starts a new line."""
    text = ""
    for index, (piece, wrapped) in enumerate(pieces):
        if index == 0:
            text = piece
        elif wrapped:
            text = join_wrapped(text, piece)
        else:
            text = f"{text}\n{piece}"
    return text


_CONTINUED_RE = re.compile(r"^[（(]?\s*续\s*(?:表|上表)?\s*[)）]?[:：]?$|^续表\S{0,12}$")


def _is_listing_header(row: Row) -> bool:
    """A header row of a list of projects (序号 | 项目编码 | 项目名称 | 预算数 …): two project labels side by side,
    one of them naming the project (a self-evaluation's funds header, 年初预算数 | 全年预算数 …, lists no projects).

    In a project table a label is followed by its value, never directly by another label.
    """
    roles = [HEADER_LABELS.get(label_key(cell)) if cell else None for cell in row.cells]
    names = {"code", "name"} & set(roles)
    return bool(names) and any(first and second for first, second in itertools.pairwise(roles))


def _is_labelled(row: Row) -> bool:
    return any(label_key(cell) in HEADER_LABELS or section_of(cell) for cell in row.cells if cell)


def tidy_blocks(blocks: Sequence[Block]) -> list[Block]:
    """Drop what a printed table adds but the document does not hold: ``续表`` captions and project listings.

    A listing (a summary table of the projects, as our spreadsheets and many published files put first) runs
    from its header row to the next paragraph or labelled row.
    """
    tidy: list[Block] = []
    in_listing = False
    for block in blocks:
        if isinstance(block, Para):
            in_listing = False
            if not _CONTINUED_RE.match(block.text.replace(" ", "")):
                tidy.append(block)
            continue
        if _is_listing_header(block):
            in_listing = True
            continue
        if in_listing and not _is_labelled(block):
            continue
        in_listing = False
        tidy.append(block)
    return tidy


def cell_text(lines: Iterable[str]) -> str:
    """Lines of one cell (paragraphs in Word, lines in Excel) as the cell's text."""
    return clean_cell("\n".join(lines))
