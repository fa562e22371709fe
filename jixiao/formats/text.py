"""Published target documents as plain text, in the layouts government sites use.

Layouts (detected automatically, see :func:`detect_layout`):

``cells``
    The seed's: one table cell per line, each cell line starting with a tab, a blank line between rows, running text
    (titles, Part 1) on lines without a leading tab.
``pipe``
    ``| 产出指标 | 数量指标 | … |`` rows, as copied from web pages; merged cells may be dropped.
``tsv``
    Whole rows on one line with tabs between the cells, as copied from Excel; a cell holding line breaks is quoted
    (``"…"``) and runs over several lines; merged cells come out empty.
``lines``
    One cell per line and nothing else, as copied from a PDF: no tabs, no pipes, no row boundaries, empty cells
    gone. Rows are recovered from the labels by :func:`jixiao.formats.interpret.regroup.regroup`.
``paragraphs``
    One cell per paragraph (blank lines between cells), as copied from Word; a paragraph may run over several lines.

A layout only makes blocks (:mod:`jixiao.formats.blocks`); what the labels mean is the interpreter's business.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from jixiao.domain.errors import DocumentError
from jixiao.formats.blocks import Block, Para, Row, clean_cell
from jixiao.formats.interpret import ReadResult, interpret
from jixiao.formats.interpret.regroup import regroup

_ENCODINGS = ("utf-8-sig", "gb18030", "utf-16")


def decode(data: bytes) -> str:
    """Bytes of a text document as str: UTF-8 (with or without BOM), GB18030 or UTF-16; binary data is refused."""
    if not data.strip():
        raise DocumentError("document.empty")
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise DocumentError("document.binary", line=line)
    for encoding in _ENCODINGS:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        _refuse_control_characters(text)
        return text
    raise DocumentError("document.encoding")


def _refuse_control_characters(text: str) -> None:
    found = _CONTROL_RE.search(text)
    if found is not None:
        raise DocumentError("document.binary", line=text.count("\n", 0, found.start()) + 1)


_CONTROL_RE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def _cells_layout(lines: list[str]) -> list[Block]:
    blocks: list[Block] = []
    row: list[str] = []
    start = 0

    def close() -> None:
        nonlocal row
        if row:
            blocks.append(Row(cells=tuple(row), line=start))
            row = []

    for number, line in enumerate(lines, start=1):
        if line.startswith("\t"):
            if not row:
                start = number
            row.append(clean_cell(line))
            continue
        close()
        if line.strip():
            blocks.append(Para(text=clean_cell(line), line=number))
    close()
    return blocks


def _split_pipe(line: str) -> list[str]:
    body = line.strip()
    if body.startswith("|"):
        body = body[1:]
    if body.endswith("|"):
        body = body[:-1]
    return [clean_cell(cell) for cell in body.split("|")]


_RULE_RE = re.compile(r"^\s*\|?[\s:|\-—=+]+\|?\s*$")


def _pipe_layout(lines: list[str]) -> list[Block]:
    blocks: list[Block] = []
    for number, line in enumerate(lines, start=1):
        if not line.strip() or _RULE_RE.match(line):
            continue
        if "|" in line:
            blocks.append(Row(cells=tuple(_split_pipe(line)), line=number))
        else:
            blocks.append(Para(text=clean_cell(line), line=number))
    return blocks


def _tsv_layout(lines: list[str]) -> list[Block]:
    blocks: list[Block] = []
    number = 0
    while number < len(lines):
        start = number
        cells, number = _tsv_record(lines, number)
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) > 1:
            blocks.append(Row(cells=tuple(clean_cell(cell) for cell in cells), line=start + 1))
        else:
            blocks.append(Para(text=clean_cell(cells[0]), line=start + 1))
    return blocks


_MAX_QUOTED_LINES = 50


def _tsv_record(lines: list[str], number: int) -> tuple[list[str], int]:
    """The cells of the record starting at line index ``number`` and the index after it.

    Excel quotes a cell that holds a line break; such a record continues until the quote closes (at most
    ``_MAX_QUOTED_LINES`` lines, so a stray quote cannot swallow the document).
    """
    text = lines[number]
    end = number + 1
    while _open_quote(text) and end < len(lines) and end - number < _MAX_QUOTED_LINES:
        text = f"{text}\n{lines[end]}"
        end += 1
    if _open_quote(text):
        return lines[number].split("\t"), number + 1
    return [_unquote(cell) for cell in _split_quoted(text)], end


def _split_quoted(text: str) -> list[str]:
    cells: list[str] = []
    current: list[str] = []
    quoted = False
    for char in text:
        if char == '"' and (quoted or not current):
            quoted = not quoted
        if char == "\t" and not quoted:
            cells.append("".join(current))
            current = []
        else:
            current.append(char)
    cells.append("".join(current))
    return cells


def _open_quote(text: str) -> bool:
    """Whether a quoted cell is still open at the end of ``text``."""
    quoted = False
    at_cell_start = True
    for char in text:
        if char == '"' and (quoted or at_cell_start):
            quoted = not quoted
        at_cell_start = char == "\t" and not quoted
    return quoted


def _unquote(cell: str) -> str:
    if len(cell) >= 2 and cell.startswith('"') and cell.endswith('"'):
        return cell[1:-1].replace('""', '"')
    return cell


def _lines_layout(lines: list[str]) -> list[Block]:
    return regroup([Para(text=clean_cell(line), line=number) for number, line in enumerate(lines, 1) if line.strip()])


def _paragraphs_layout(lines: list[str]) -> list[Block]:
    cells: list[Para] = []
    start, paragraph = 0, []
    for number, line in enumerate([*lines, ""], start=1):
        if line.strip():
            start = start or number
            paragraph.append(line)
        elif paragraph:
            cells.append(Para(text=clean_cell("\n".join(paragraph)), line=start))
            start, paragraph = 0, []
    return regroup(cells)


LAYOUTS: dict[str, Callable[[list[str]], list[Block]]] = {
    "cells": _cells_layout,
    "pipe": _pipe_layout,
    "tsv": _tsv_layout,
    "lines": _lines_layout,
    "paragraphs": _paragraphs_layout,
}


def detect_layout(lines: list[str]) -> str:
    """The layout whose marks are most frequent: tab-led single cells, pipes, or tabs between cells.

    Without enough of those marks the document has one cell per line (``lines``), or per paragraph when nearly
    every line stands alone between blank lines (``paragraphs``).
    """
    nonblank = [line for line in lines if line.strip()]
    cell_lines = sum(1 for line in nonblank if line.startswith("\t") and "\t" not in line.strip("\t"))
    pipe_lines = sum(1 for line in nonblank if line.count("|") >= 2)
    tsv_lines = sum(1 for line in nonblank if "\t" in line.strip("\t "))
    scores = {"cells": cell_lines, "pipe": pipe_lines, "tsv": tsv_lines}
    best = max(scores, key=lambda name: scores[name])
    if scores[best] >= max(3, len(nonblank) // 20):
        return best
    paragraphs = sum(
        1 for before, line in zip(["", *lines], lines, strict=False) if line.strip() and not before.strip()
    )
    return "paragraphs" if paragraphs >= 0.6 * len(nonblank) else "lines"


def text_blocks(text: str, layout: str | None = None) -> tuple[list[Block], str]:
    """The block stream of a text document and the layout used."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    chosen = layout or detect_layout(lines)
    return LAYOUTS[chosen](lines), chosen


def read_text(text: str, layout: str | None = None) -> ReadResult:
    """Read a published target document given as text."""
    if not text.strip():
        raise DocumentError("document.empty")
    blocks, chosen = text_blocks(text, layout)
    return interpret(blocks, layout=chosen)
