"""Cells out of a self-evaluation table whose text ran together (a Word copy on a document-sharing mirror, a PDF).

``项目名称东津院区建设补助主管部门襄阳市卫生健康委`` is two labels and their values; ``产出指标(70分)数量指标
安装坡面水标尺10≥266米≥266米10水标尺宽度…`` is two level names, then rows of a name and its numbers. The printed
labels of the tables
(:mod:`jixiao.formats.selfeval_labels`) and the category names of the frame cut the run; inside the indicator table
only the category names, the totals and the notes below the table do (a label word inside an indicator's name, such as
执行率 in 政府采购执行率, stays in the name). A table's text is then cut into names and value atoms (a comparator, a
number and its unit); digits that ran into each other (``20100%``) stay one atom here, for the row placement to split
(:func:`jixiao.formats.selfeval_fit.split_fused`). The result is a cell stream for :func:`jixiao.formats.
selfeval_layouts.segment`, each row's first cell marked.

Mirrors add page markers at the start of a line (``2、``) where a page of the document broke, often inside a cell: the
line is joined to the one before without the marker.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from jixiao.domain.frame import DEFAULT_FRAME, LEVEL1_ALIASES, LEVEL2_EXTRA, is_level1_name, is_level2_name
from jixiao.formats.interpret.labels import FOOTER_RE
from jixiao.formats.selfeval_fit import UNITS
from jixiao.formats.selfeval_labels import (
    CLOSING_LABELS,
    FIELD_LABELS,
    FUND_COLUMNS,
    FUND_ROWS,
    FUND_SECTIONS,
    GOAL_HEADS,
    GOAL_LABELS,
    INDICATOR_COLUMNS,
    TOTAL_LABELS,
    WEAK_INDICATOR_LABELS,
    indicator_role,
    is_nature_word,
    key,
    scrambled_label,
)
from jixiao.formats.selfeval_layouts import Cell, header_roles, merge_flat_header

_PAGE_MARK_RE = re.compile(r"^\s*\d{1,2}\s*、")
_BRACKET_SPACE_RE = re.compile(r"[(（][^()（）]{0,16}[)）]")
_CJK = r"\u4e00-\u9fff"
_GLUE_RE = re.compile(rf"(?<=[{_CJK}(（)）])[ \t\u3000]+(?=[{_CJK}(（)）])")
_TAIL = r"(?:\s*[(（][^()（）]{0,16}[)）])*[:：]?"

_COMPARATOR = r"(?:[≥≤><=≧≦＞＜＝]=?|不低于|不少于|不高于|不超过|大于等于|小于等于)"
_UNIT_RE = "|".join(re.escape(unit) for unit in sorted(UNITS, key=len, reverse=True))
ATOM_RE = re.compile(rf"{_COMPARATOR}?\s*\d+(?:\.\d+)?(?:{_UNIT_RE})?")


@dataclass(frozen=True, slots=True)
class Piece:
    """A cut of the run: ``kind`` is label, level, text or atom."""

    text: str
    kind: str
    line: int


# -- the vocabulary ----------------------------------------------------------------------------------------------

_LEVEL_NAMES = sorted(
    {
        *DEFAULT_FRAME,
        *(name for names in DEFAULT_FRAME.values() for name in names),
        *(name for name in LEVEL2_EXTRA if name.endswith(("指标", "目标"))),
        *(name for name in LEVEL1_ALIASES if name.endswith("指标")),
    },
    key=len,
    reverse=True,
)
_SHORT_LEVELS = (
    "产出",
    "效益",
    "满意度",
    "数量",
    "质量",
    "时效",
    "成本",
    "经济效益",
    "社会效益",
    "生态效益",
    "可持续影响",
)
_POINTS = r"(?:\s*[(（]\s*\d+(?:\.\d+)?\s*分\s*[)）])?"


def _labels() -> list[str]:
    words: set[str] = set()
    for table in (FIELD_LABELS, FUND_COLUMNS, FUND_ROWS, INDICATOR_COLUMNS):
        words.update(table)
    words.update(GOAL_LABELS, GOAL_HEADS, TOTAL_LABELS, CLOSING_LABELS, FUND_SECTIONS)
    return sorted((word for word in words if len(word) >= 2 and not word.startswith("(")), key=len, reverse=True)


@lru_cache(maxsize=1)
def _vocabulary_re() -> re.Pattern[str]:
    levels = "|".join(re.escape(name) for name in _LEVEL_NAMES)
    labels = "|".join(re.escape(label) for label in _labels())
    return re.compile(rf"(?P<level>(?:{levels}){_POINTS})|(?P<label>(?:其中[:：]?)?(?:{labels}){_TAIL})")


_SHORT_LEVEL_RE = re.compile(
    "(?:" + "|".join(re.escape(name) for name in sorted(_SHORT_LEVELS, key=len, reverse=True)) + rf"){_POINTS}"
)


# -- lines -------------------------------------------------------------------------------------------------------

_RUN_LABELS = 4
_RUN_LENGTH = 80


def looks_run_together(lines: Sequence[str]) -> bool:
    """Whether a text holds a table run together: a long line with several labels in it."""
    return any(
        len(line) >= _RUN_LENGTH and len(_vocabulary_re().findall(compact(line))) >= _RUN_LABELS for line in lines
    )


def joined_lines(text: str) -> list[tuple[str, int]]:
    """The lines of a text, a line that starts with a page marker joined to the one before (the marker dropped)."""
    lines: list[tuple[str, int]] = []
    for number, line in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), start=1):
        if not line.strip():
            continue
        if lines and _PAGE_MARK_RE.match(line):
            previous, start = lines[-1]
            lines[-1] = (previous + _PAGE_MARK_RE.sub("", line, count=1), start)
        else:
            lines.append((_PAGE_MARK_RE.sub("", line, count=1), number))
    return lines


def compact(line: str) -> str:
    """A line without the spaces a print layout puts inside words (``产 出 指 标``, ``(20 分)``)."""
    line = _BRACKET_SPACE_RE.sub(lambda match: re.sub(r"\s+", "", match.group(0)), line)
    return _GLUE_RE.sub("", line).strip()


# -- cutting -----------------------------------------------------------------------------------------------------


def vocabulary_pieces(line: str, number: int) -> list[Piece]:
    """A line cut where a label or a category name begins or ends; the rest is text (spaces cut too)."""
    pieces: list[Piece] = []
    for chunk in line.split():
        position = 0
        for match in _vocabulary_re().finditer(chunk):
            if match.start() > position:
                pieces.append(Piece(chunk[position : match.start()], "text", number))
            kind = "level" if match.group("level") else "label"
            pieces.append(Piece(match.group(0).rstrip(":："), kind, number))
            position = match.end()
        if position < len(chunk):
            pieces.append(Piece(chunk[position:], "text", number))
    return pieces


def repair_scrambled(pieces: Sequence[Piece]) -> list[Piece]:
    """A text piece between two labels that holds a label's characters scrambled (``年成值全完值``) is that label."""
    repaired = list(pieces)
    for index in range(1, len(pieces) - 1):
        piece = pieces[index]
        if piece.kind == "text" and pieces[index - 1].kind == "label" and pieces[index + 1].kind == "label":
            label = scrambled_label(piece.text)
            if label is not None:
                repaired[index] = Piece(label, "label", piece.line)
    return repaired


ASSUMED_HEADER = ("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分")


def with_assumed_header(pieces: Sequence[Piece]) -> list[Piece]:
    """A table excerpt that starts below its header (rows of category names, names and values, no 三级指标 … label
    run) read under the central layout's header; where a value could sit in two columns, the placement says so."""
    labelled = {indicator_role(piece.text) for piece in pieces if piece.kind == "label"}
    if labelled & {"level1", "level2", "level3", "value", "actual"}:
        return list(pieces)  # a header is printed, if garbled: no guess over it
    first = next((index for index, piece in enumerate(pieces) if piece.kind == "level"), None)
    if first is None:
        return list(pieces)
    line = pieces[first].line
    header = [Piece(label, "label", line) for label in ASSUMED_HEADER]
    return [*pieces[:first], *header, *pieces[first:]]


def in_table_body(pieces: Sequence[Piece]) -> list[bool]:
    """For each piece, whether it lies in an indicator table's body: after a run of at least three column labels
    naming a table (三级指标 … 得分), up to the total, the notes below the table or a new table's labels."""
    inside: list[bool] = []
    body = False
    index = 0
    while index < len(pieces):
        run = _header_run(pieces, index)
        if run:
            inside.extend([False] * run)
            index += run
            body = True
            continue
        piece = pieces[index]
        if body and piece.kind == "label" and _ends_body(piece.text) and inside and inside[-1]:
            body = False
        inside.append(body)
        index += 1
    return inside


def _header_run(pieces: Sequence[Piece], start: int) -> int:
    roles: list[str | None] = []
    index = start
    while index < len(pieces) and pieces[index].kind == "label" and indicator_role(pieces[index].text) is not None:
        roles.append(indicator_role(pieces[index].text))
        index += 1
    named = "level3" in roles or ("level1" in roles and "level2" in roles)
    evaluated = bool({"actual", "score", "coefficient", "weight"} & set(roles))
    return index - start if len(roles) >= 3 and named and evaluated else 0


def _ends_body(text: str) -> bool:
    found = key(text)
    return found in TOTAL_LABELS or found in CLOSING_LABELS or found in FIELD_LABELS or bool(FOOTER_RE.match(text))


def body_text(pieces: Sequence[Piece], inside: Sequence[bool]) -> list[Piece]:
    """The pieces with every label inside a table body (a label word in a name) put back into its neighbours."""
    merged: list[Piece] = []
    for piece, body in zip(pieces, inside, strict=True):
        if body and piece.kind == "label" and key(piece.text) in WEAK_INDICATOR_LABELS:
            continue  # the column's vertical label repeated on a new page
        if body and piece.kind == "label":
            piece = Piece(piece.text, "text", piece.line)
        if body and merged and piece.kind == "text" and merged[-1].kind == "text" and merged[-1].line == piece.line:
            merged[-1] = Piece(merged[-1].text + piece.text, "text", piece.line)
        else:
            merged.append(piece)
    return merged


def atoms(text: str, line: int) -> list[Piece]:
    """A text cut into value atoms (``≥266米``, ``100%``, ``10``) and the text between them."""
    pieces: list[Piece] = []
    position = 0
    for match in ATOM_RE.finditer(text):
        if match.start() > position:
            pieces.append(Piece(text[position : match.start()], "text", line))
        pieces.append(Piece(match.group(0), "atom", line))
        position = match.end()
    if position < len(text):
        pieces.append(Piece(text[position:], "text", line))
    return pieces


# -- rows of a table body ----------------------------------------------------------------------------------------

MIN_VALUES = 2
"""An indicator row prints at least this many values after its name (target and actual, or weight and score): fewer
numbers followed by text are part of the name (``5000吨稻谷、500吨成品粮储备到位率``)."""


def body_rows(pieces: Sequence[Piece]) -> list[list[Piece]]:
    """A table body's pieces grouped into rows: category names open a row; a row ends where its values end and text
    begins again; numbers before the row's name and too few numbers inside it are part of the name."""
    rows: list[list[Piece]] = []
    current: list[Piece] = []
    for piece in _with_short_levels(pieces):
        opens = piece.kind == "level" and _has_content(current)
        if current and (opens or (piece.kind == "text" and _values_end(current))):
            rows.append(current)
            current = []
        current.append(piece)
    if current:
        rows.append(current)
    return rows


def _has_content(row: Sequence[Piece]) -> bool:
    return any(piece.kind != "level" for piece in row)


def _values_end(row: Sequence[Piece]) -> bool:
    """Whether the row so far ends with its values: enough atoms after a name, or a doubled text value."""
    trailing = 0
    for piece in reversed(row):
        if piece.kind != "atom":
            break
        trailing += 1
    named = any(piece.kind == "text" for piece in row[: len(row) - trailing])
    if not named:
        return False
    return trailing >= MIN_VALUES or (trailing >= 1 and bool(_doubled(_name_text(row, trailing))))


def _name_text(row: Sequence[Piece], trailing: int) -> str:
    return "".join(piece.text for piece in row[: len(row) - trailing] if piece.kind != "level")


def _with_short_levels(pieces: Iterable[Piece]) -> list[Piece]:
    """Short category names (数量, 时效, 成本 …) cut off the start of a text that opens a row: after a category name
    or after a row's values."""
    result: list[Piece] = []
    for piece in pieces:
        opens = not result or result[-1].kind in ("level", "atom")
        if piece.kind == "text" and opens and (match := _SHORT_LEVEL_RE.match(piece.text)):
            name = match.group(0)
            if len(name) < len(piece.text) and (is_level1_name(name) or is_level2_name(name)):
                result.append(Piece(name, "level", piece.line))
                piece = Piece(piece.text[len(name) :], "text", piece.line)
        result.append(piece)
    return result


def _doubled(text: str, *, whole: bool = False) -> str | None:
    """The value a text ends with twice (target and actual alike: ``成本控制不超过预算不超过预算``), or None; with
    ``whole``, the text may be nothing but the value twice (``显著提升显著提升``)."""
    for size in range(len(text) // 2, 0, -1):
        tail = text[-size:]
        rest = len(text) - 2 * size
        if text.endswith(tail * 2) and (rest >= 2 or (whole and rest == 0)) and not tail.isdigit():
            return tail
    return None


def row_cells(row: Sequence[Piece], slots: int) -> list[str]:
    """A row's cells: its category names, its name, then its values read from the end — up to ``slots`` atoms or
    doubled text values (target and actual alike); what comes before them is the name."""
    levels = [piece.text for piece in row if piece.kind == "level"]
    rest = [piece for piece in row if piece.kind != "level"]
    values: list[str] = []
    index = len(rest)
    while index > 0 and len(values) < slots:
        piece = rest[index - 1]
        if piece.kind == "atom":
            values.insert(0, piece.text)
            index -= 1
            continue
        doubled = _doubled(piece.text, whole=True)
        if doubled is None:
            break
        values[:0] = [doubled, doubled]
        head = piece.text[: -2 * len(doubled)]
        index -= 1
        if head:
            rest = [*rest[:index], Piece(head, "text", piece.line)]
            index += 1
            break
    if index == 0 and len(values) > 1:
        index, values = 1, values[1:]  # a row of values only: the first one is its name (1年 | 1年 | 1年 | 10)
        rest = [Piece(rest[0].text, "text", rest[0].line), *rest[1:]]
    name = "".join(piece.text for piece in rest[:index])
    return [*levels, *([name] if name else []), *values]


# -- the stream --------------------------------------------------------------------------------------------------


def runon_stream(text: str) -> list[Cell]:
    """The cell stream of a text run together: labels, values and, in a table body, rows (first cells marked)."""
    pieces = [piece for line, number in joined_lines(text) for piece in vocabulary_pieces(compact(line), number)]
    pieces = with_assumed_header(repair_scrambled(pieces))
    pieces = body_text(pieces, in_table_body(pieces))
    inside = in_table_body(pieces)
    cells: list[Cell] = []
    index = 0
    while index < len(pieces):
        if not inside[index]:
            cells.extend(_outside(pieces[index]))
            index += 1
            continue
        end = index
        while end < len(pieces) and inside[end]:
            end += 1
        cells.extend(_body_cells(pieces[index:end], _header_before(pieces[:index])))
        index = end
    return cells


_VALUE_ROLES = frozenset(
    {"value", "initial_value", "adjusted_value", "midterm", "actual", "weight", "score", "coefficient", "core"}
)


def _header_before(before: Sequence[Piece]) -> list[str | None]:
    """The column roles of the indicator header that ends ``before``."""
    labels: list[str] = []
    for piece in reversed(before):
        if piece.kind != "label" or indicator_role(piece.text) is None:
            break
        labels.insert(0, piece.text)
    return header_roles(merge_flat_header(labels))


def _core_flags(pieces: Sequence[Piece]) -> list[Piece]:
    """是 / 否 (是否核心指标) after a row's numbers, cut off the next row's name as a value of their own."""
    result: list[Piece] = []
    for piece in pieces:
        if piece.kind == "text" and result and result[-1].kind == "atom" and piece.text[:1] in ("是", "否"):
            result.append(Piece(piece.text[0], "atom", piece.line))
            piece = Piece(piece.text[1:], "text", piece.line)
            if not piece.text:
                continue
        result.append(piece)
    return result


def _without_unit_columns(texts: list[str], roles: Sequence[str | None]) -> list[str]:
    """A name that ran into the table's 计量单位 and 指标性质 cells (``固定资产利用率%定量指标``) without them: a
    指标性质 word (scrambled or not) and a unit the row's values print are cut off the end of the name."""
    values = [text for text in texts if ATOM_RE.fullmatch(text)]
    for index, text in enumerate(texts):
        if ATOM_RE.fullmatch(text) or text in values:
            continue
        name = text
        for size in range(min(6, len(name) - 2), 1, -1):
            if is_nature_word(name[-size:]):
                name = name[:-size]
                break
        for unit in sorted(UNITS, key=len, reverse=True):
            if name.endswith(unit) and len(name) > len(unit) + 1 and any(value.endswith(unit) for value in values):
                name = name[: -len(unit)]
                break
        texts = [*texts[:index], name, *texts[index + 1 :]]
    return texts


def _outside(piece: Piece) -> list[Cell]:
    """A piece outside a table body; a text of nothing but values (a funds row) is cut into them, a scrap an OCR scan
    left of a lost value (``O76%107.6``) standing for that value."""
    parts = atoms(piece.text, piece.line) if piece.kind == "text" else []
    if not any(part.kind == "atom" for part in parts) or any(
        part.kind == "text" and not _SCRAP_RE.fullmatch(part.text) for part in parts
    ):
        return [Cell(piece.text, piece.line, False)]
    return [Cell(part.text if part.kind == "atom" else "—", part.line, False) for part in parts]


_SCRAP_RE = re.compile(r"[A-Za-z]{1,2}")


def _body_cells(pieces: Sequence[Piece], roles: Sequence[str | None]) -> list[Cell]:
    slots = max(MIN_VALUES, sum(1 for role in roles if role in _VALUE_ROLES))
    split: list[Piece] = []
    for piece in pieces:
        split.extend(atoms(piece.text, piece.line) if piece.kind == "text" else [piece])
    if "core" in roles:
        split = _core_flags(split)
    cells: list[Cell] = []
    for row in body_rows(split):
        texts = row_cells(row, slots)
        if texts and ("unit" in roles or "comparator" in roles):
            texts = _without_unit_columns(texts, roles)
        cells.extend(Cell(text, row[0].line, index == 0, _unsure(text)) for index, text in enumerate(texts))
    return cells


# A name that holds digits or characters no name prints (OCR debris: $ ^ 工 …) may have swallowed a value or lost one.
_UNSURE_NAME_RE = re.compile(r"\d|[$^~`@#&*_|\\<>]|[A-Za-z]")


def _unsure(text: str) -> bool:
    """Whether a cell cut out of a run may not be what the table printed: a name with digits or debris in it."""
    return not ATOM_RE.fullmatch(text) and bool(_UNSURE_NAME_RE.search(text))
