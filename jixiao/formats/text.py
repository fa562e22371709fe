"""Published target documents as plain text, in the layouts government sites use.

Layouts (detected automatically, see :func:`detect_layout`):

``cells``
    The seed's: one table cell per line, each cell line starting with a tab, a blank line between rows, running text
    (titles, Part 1) on lines without a leading tab.
``pipe``
    ``| 产出指标 | 数量指标 | … |`` rows, as copied from web pages; merged cells may be dropped.
``tsv``
    Whole rows on one line with tabs between the cells, as copied from Excel.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from jixiao.domain.errors import DocumentError
from jixiao.formats.blocks import Block, Para, Row, clean_cell
from jixiao.formats.interpret import ReadResult, interpret

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
    for number, line in enumerate(text.splitlines(), start=1):
        if any(ord(char) < 32 and char not in "\t\r\n\f\v" or 0x7F <= ord(char) < 0xA0 for char in line):
            raise DocumentError("document.binary", line=number)


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
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        if "\t" in line.strip("\t "):
            blocks.append(Row(cells=tuple(clean_cell(cell) for cell in line.split("\t")), line=number))
        elif line.startswith("\t"):
            blocks.append(Row(cells=("", *(clean_cell(cell) for cell in line.split("\t")[1:])), line=number))
        else:
            blocks.append(Para(text=clean_cell(line), line=number))
    return blocks


LAYOUTS: dict[str, Callable[[list[str]], list[Block]]] = {
    "cells": _cells_layout,
    "pipe": _pipe_layout,
    "tsv": _tsv_layout,
}


def detect_layout(lines: list[str]) -> str:
    """The layout whose marks are most frequent: tab-led single cells, pipes, or tabs between cells."""
    nonblank = [line for line in lines if line.strip()]
    cell_lines = sum(1 for line in nonblank if line.startswith("\t") and "\t" not in line.strip("\t"))
    pipe_lines = sum(1 for line in nonblank if line.count("|") >= 2)
    tsv_lines = sum(1 for line in nonblank if "\t" in line.strip("\t "))
    scores = {"cells": cell_lines, "pipe": pipe_lines, "tsv": tsv_lines}
    best = max(scores, key=lambda name: scores[name])
    return best if scores[best] else "cells"


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
