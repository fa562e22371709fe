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
from jixiao.formats.grid import join_lines
from jixiao.formats.interpret import ReadResult, interpret
from jixiao.formats.interpret.regroup import PAGE_MARK_RE, regroup
from jixiao.formats.interpret.tokens import split_fused

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


def decode_document(data: bytes) -> str:
    """:func:`decode`, then the normalisation stage (:mod:`jixiao.formats.normalise`): what a reader interprets."""
    from jixiao.formats.normalise import normalise_document

    text, _steps = normalise_document(decode(data))
    return text


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
    cells = [(number, clean_cell(line.rstrip().rstrip("|"))) for number, line in enumerate(lines, 1)]
    return regroup([Para(text=text, line=number) for number, text in cells if text and not _PIPE_ONLY_RE.match(text)])


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


_PIPE_ONLY_RE = re.compile(r"^[\s|]*$")
_ROW_END_RE = re.compile(r"\|\s*\|\s*$")


def _pipe_lines_layout(lines: list[str]) -> list[Block]:
    """A web table flattened one cell per line, each cell followed by `` |``; a line of pipes (the row's empty
    cells) or a line ending in two pipes ends the row. Lines without a pipe are running text."""
    blocks: list[Block] = []
    row: list[str] = []
    start = 0

    def close() -> None:
        nonlocal row
        if any(row):
            blocks.append(Row(cells=tuple(row), line=start))
        row = []

    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        if "|" not in line:
            close()
            blocks.append(Para(text=clean_cell(line), line=number))
            continue
        if _PIPE_ONLY_RE.match(line):
            close()
            continue
        if not row:
            start = number
        parts = line.split("|")
        if parts and not parts[-1].strip():
            parts = parts[:-1]
        row.extend(clean_cell(part) for part in parts)
        if _ROW_END_RE.search(line):
            close()
    close()
    return blocks


_OPEN, _CLOSE = "(（[【《", ")）]】》"


def space_tokens(line: str) -> list[str]:
    """A line's cells when cells are separated by spaces: brackets keep their spaces (``( ≥**个 )``), single
    characters spaced out for print (``项 目 名 称``) join again, and a colon ends the label before it
    (``其中 :上级资金16``)."""
    tokens: list[str] = []
    depth = 0
    for token in line.split():
        if tokens and (depth > 0 or _spaced_out(tokens[-1], token) or token[0] in ":："):
            tokens[-1] = f"{tokens[-1]} {token}" if depth > 0 else tokens[-1] + token
        else:
            tokens.append(token)
        depth = max(0, depth + sum(token.count(char) for char in _OPEN) - sum(token.count(char) for char in _CLOSE))
    return tokens


def _spaced_out(before: str, token: str) -> bool:
    """Whether ``token`` continues a word printed with a space between its characters (项 目 决 策)."""
    last = before.replace(" ", "")
    return len(token) == 1 and ("\u4e00" <= token <= "\u9fff") and len(last) >= 1 and len(before.split()[-1]) == 1


def _space_layout(lines: list[str]) -> list[Block]:
    """One table row per line with spaces between the cells (text extracted from Excel, Word or PDF): every token is
    a cell, and the labels and the indicator header put the rows back (:func:`regroup`)."""
    cells = [
        Para(text=token, line=number)
        for number, line in enumerate(lines, 1)
        if not PAGE_MARK_RE.match(line.strip())
        for token in space_tokens(line)
    ]
    return regroup(cells, rows_on_lines=True)


def _pipe_cells_layout(lines: list[str]) -> list[Block]:
    """A web table flattened with `` |`` after every cell and line breaks inside cells (a cell wrapped over lines,
    ``绩\n效\n指\n标 |``) and no mark where rows end: the pipes delimit the cells, the labels and the indicator
    header put the rows back (:func:`regroup`). Lines without a pipe before the table are running text."""
    cells: list[Para] = []
    pending: list[str] = []
    start = 0
    for number, line in enumerate(lines, start=1):
        if "|" not in line:
            if line.strip():
                start = start or number
                pending.append(line.strip())
            continue
        parts = line.split("|")
        for index, part in enumerate(parts):
            if part.strip():
                start = start or number
                pending.append(part.strip())
            if index < len(parts) - 1:  # a pipe closes the cell
                text = join_lines((piece, True) for piece in pending) if pending else ""
                if text:
                    cells.append(Para(text=text, line=start))
                pending, start = [], 0
    if pending:
        cells.append(Para(text=join_lines((piece, False) for piece in pending), line=start))
    return regroup(cells)


def _runon_layout(lines: list[str]) -> list[Block]:
    """Cells run together with no separator (a Word or PDF copy): each line's text is cut where the vocabulary of
    the tables begins or ends (:func:`split_fused`); cuts that only the change from text to a value suggests are
    marked uncertain, so the fields read from them are flagged."""
    cells = [
        Para(text=piece.text, line=number, uncertain=piece.guessed)
        for number, line in enumerate(lines, 1)
        if not PAGE_MARK_RE.match(line.strip())
        for token in space_tokens(line)
        for piece in split_fused(token)
    ]
    return regroup(cells, rows_on_lines=True)


LAYOUTS: dict[str, Callable[[list[str]], list[Block]]] = {
    "cells": _cells_layout,
    "pipe": _pipe_layout,
    "pipelines": _pipe_lines_layout,
    "pipecells": _pipe_cells_layout,
    "tsv": _tsv_layout,
    "lines": _lines_layout,
    "paragraphs": _paragraphs_layout,
    "space": _space_layout,
    "runon": _runon_layout,
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


def candidate_layouts(lines: list[str]) -> list[str]:
    """The layouts worth trying on a text, the detected one first.

    Copies from the web mix layouts (a pipe table of page metadata, then a table flattened one cell per line), and a
    row of space-separated cells looks like a line of prose: rather than guess from marks alone, the reader tries
    the plausible layouts and keeps the reading that recognises the most (:func:`reading_score`).
    """
    detected = detect_layout(lines)
    if detected in ("cells", "tsv"):
        return [detected]
    candidates = [detected, "pipe", "pipelines", "pipecells", "space", "runon", "lines", "paragraphs"]
    piped = [line for line in lines if "|" in line and not _PIPE_ONLY_RE.match(line)]
    if not piped:
        candidates = [name for name in candidates if name not in ("pipe", "pipelines", "pipecells")]
    elif sum(1 for line in piped if len([cell for cell in line.split("|") if cell.strip()]) == 1) < 0.6 * len(piped):
        candidates = [name for name in candidates if name not in ("pipelines", "pipecells")]  # rows, not cells
    return list(dict.fromkeys(candidates))


_WORD_RE = re.compile(r"[\u4e00-\u9fffA-Za-z]")
_DOUBTFUL = frozenset({"table.stray_row", "indicator.short_row", "indicator.long_row", "indicator.no_level1"})


def reading_score(result: ReadResult) -> float:
    """How much of a document a reading recognised: indicators with a name and a value count most, then their
    levels, then each project's name and budget; rows the reader could not place count against it."""
    score = 0.0
    for project in result.document.projects:
        score += 1.0 * bool(project.name) + 1.0 * (project.budget.total is not None) + 0.5 * bool(project.goal)
        for indicator in project.indicators:
            if not _WORD_RE.search(indicator.level3 or indicator.level2 or ""):
                score -= 1.0  # a row of punctuation or a page number is no indicator
                continue
            score += 2.0 * bool(indicator.level3 and indicator.value.text)
            score += 0.5 * bool(indicator.level1) + 0.5 * bool(indicator.level2)
    doubtful = sum(1 for warning in result.warnings if warning.code in _DOUBTFUL)
    guessed = sum(1 for warning in result.warnings if warning.code == "indicator.guessed_cell")
    return score - 0.25 * doubtful - 0.3 * guessed


def _clean(result: ReadResult) -> bool:
    """A reading with indicators in every project and no row it could not place or cut it had to guess."""
    projects = result.document.projects
    return (
        bool(projects)
        and all(project.indicators for project in projects)
        and not any(
            warning.code in _DOUBTFUL or warning.code == "indicator.guessed_cell" for warning in result.warnings
        )
    )


def _ends_open(text: str, layout: str) -> bool:
    """Whether the text may end inside a cell: it stops inside its last line (no line break after it) and that line
    does not close the cell with ``|``. A tab-separated export ends its rows with the line."""
    stopped = not text.endswith(("\n", "\r"))
    return stopped and layout not in ("cells", "tsv") and not text.rstrip().endswith("|")


def read_text(text: str, layout: str | None = None) -> ReadResult:
    """Read a published target document given as text (the layout detected, or the best of the plausible ones)."""
    if not text.strip():
        raise DocumentError("document.empty")
    if layout is not None:
        blocks, chosen = text_blocks(text, layout)
        return interpret(blocks, layout=chosen, ends_open=_ends_open(text, chosen))
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    best: ReadResult | None = None
    failure: DocumentError | None = None
    for candidate in candidate_layouts(lines):
        try:
            result = interpret(LAYOUTS[candidate](lines), layout=candidate, ends_open=_ends_open(text, candidate))
        except DocumentError as error:
            failure = failure or error
            continue
        if best is None or reading_score(result) > reading_score(best):
            best = result
        if _clean(result):
            break  # every row placed, nothing guessed: no other layout can read it better
    if best is None:
        assert failure is not None
        from jixiao.formats.interpret.prose import read_prose

        prose = read_prose(text)  # no table at all: targets written as sentences, every field flagged
        if prose is None:
            raise failure
        return prose
    return best
