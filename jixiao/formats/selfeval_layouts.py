"""Self-evaluation tables whose rows a layout broke: cells back into the rows the interpreter reads.

Web pages drop merged cells and shift the rest left, fuse a header with the next rows, wrap a cell onto the next
line; text copied from Excel or a PDF loses every row boundary and empty cell. As for target tables
(:mod:`jixiao.formats.interpret.regroup`), the printed labels put the structure back. Every layout's blocks are
flattened into one stream of cells (each knowing whether it began a printed row, a hint); then:

- a field label (项目名称, 主管部门 …) takes the cell after it;
- a run of fund column labels (年初预算数, 全年执行数, 执行率 …) heads the funds block: each row label (年度资金总额,
  其中：财政拨款 …) takes the value cells after it, placed under the columns (:mod:`.selfeval_fit`);
- a goal label (年度总体目标) takes its heads (预期目标, 实际完成情况) and then their texts;
- a run of indicator column labels is the indicator header (a two-row header run together is merged), and the cells
  under it are cut into rows and placed under its columns; a placement another one almost equals is *doubtful*;
- 总分 / 合计 after the indicators takes the total score and a grade word.

The result is a block stream in the shape of a clean table (one label row, one row per indicator, full width),
which :mod:`jixiao.formats.selfeval` reads like a well-formed DOCX table.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

from jixiao.domain.frame import is_level1_name, is_level2_name
from jixiao.formats.blocks import Block, Para, Row, clean_cell
from jixiao.formats.interpret.fit import INF
from jixiao.formats.interpret.labels import FOOTER_RE, parse_amount, parse_percent
from jixiao.formats.selfeval_fit import (
    Placement,
    fused_splits,
    place_cost,
    place_fused_row,
    place_plausible_row,
    place_row,
    split_stream,
)
from jixiao.formats.selfeval_labels import (
    FIELD_LABELS,
    FUND_COLUMNS,
    FUND_ROWS,
    GOAL_HEADS,
    GOAL_LABELS,
    GRADE_WORDS,
    LEVEL_ROLES,
    TOTAL_LABELS,
    VALUE_PARTS,
    WEAK_INDICATOR_LABELS,
    fund_section,
    indicator_role,
    is_label,
    key,
    points_of,
)
from jixiao.formats.text import LAYOUTS, candidate_layouts, space_tokens


@dataclass(frozen=True, slots=True)
class Cell:
    """One cell of the stream: its text, its line, and whether it began a printed row (a hint for cutting rows;
    None where the layout does not show rows)."""

    text: str
    line: int
    start: bool | None = True
    guessed: bool = False
    """The cell's boundaries are a guess (a name cut out of text run together): what is read from it is flagged."""


@dataclass(frozen=True, slots=True)
class PlacedRow(Row):
    """An indicator or funds row placed under its header. ``roles`` gives each cell's role where the row does not
    follow a header row (a funds row: its label, then its values); ``guessed`` names the roles whose cell may belong
    elsewhere (cells were lost); ``cut`` marks a row the end of the document cut off."""

    roles: tuple[str | None, ...] = ()
    guessed: frozenset[str] = frozenset()
    cut: bool = False


# -- streams ---------------------------------------------------------------------------------------------------------


def text_streams(text: str) -> Iterator[tuple[str, list[Block]]]:
    """The block streams worth reading a text as: every plausible layout of the target reader as it comes and with
    its rows put back by the labels, then one cell per line and space-separated cells."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for name in candidate_layouts(lines):
        blocks = LAYOUTS[name](lines)
        yield name, blocks
        yield f"{name}+labels", segment(block_stream(blocks))
    yield "cells+labels", segment(line_cells_stream(lines))
    yield "tokens+labels", segment(space_stream(lines))
    from jixiao.formats.selfeval_runon import looks_run_together, runon_stream  # it builds on this module's cells

    if looks_run_together(lines):
        yield "runon+labels", segment(runon_stream(text), fused=True)


def block_stream(blocks: Sequence[Block]) -> list[Cell]:
    """The cells of a block stream in reading order; a row's empty cells are dropped (a grid's merged cells, a web
    row's padding): where they mattered, the row read as it is (not through this stream) keeps them."""
    cells: list[Cell] = []
    for block in blocks:
        if isinstance(block, Para):
            cells.append(Cell(block.text, block.line))
            continue
        texts = block.nonempty()
        cells.extend(Cell(text, block.line, index == 0) for index, text in enumerate(texts))
    return cells


def line_cells_stream(lines: Sequence[str]) -> list[Cell]:
    """One cell per line, as a web table flattened with `` |`` after each cell: a line of pipes alone is an empty
    cell (the layout prints empty cells so), a line without a pipe is a cell too."""
    cells: list[Cell] = []
    for number, line in enumerate(lines, start=1):
        body = line.strip()
        if not body:
            if line.strip(" \t"):  # a lone no-break or ideographic space: a copy's empty cell
                cells.append(Cell("", number, None))
            continue
        if not body.strip("|").strip():
            cells.append(Cell("", number, None))
            continue
        for part in body.removesuffix("|").split("|"):
            cells.append(Cell(clean_cell(part), number, None))
    return cells


def space_stream(lines: Sequence[str]) -> list[Cell]:
    """Space-separated cells, one printed row per line (text extracted from Excel or a PDF)."""
    return [
        Cell(token, number, index == 0)
        for number, line in enumerate(lines, start=1)
        for index, token in enumerate(space_tokens(line))
    ]


def join_split_labels(cells: Sequence[Cell]) -> list[Cell]:
    """Join a label a narrow cell or a space broke in two or three (``其中:当年财政`` ``拨款``, ``偏差大或``
    ``目标未完成`` ``原因分析``)."""
    joined: list[Cell] = []
    index = 0
    while index < len(cells):
        cell = cells[index]
        three = cells[index : index + 3]
        if len(three) == 3 and _joins_three([part.text for part in three]):
            joined.append(Cell("".join(part.text for part in three), cell.line, cell.start))
            index += 3
            continue
        if joined and _joins(joined[-1].text, cell.text):
            joined[-1] = Cell(joined[-1].text + cell.text, joined[-1].line, joined[-1].start)
        else:
            joined.append(cell)
        index += 1
    return joined


def _joins_three(texts: list[str]) -> bool:
    return all(0 < len(text) <= 8 and not is_label(text) for text in texts) and is_label("".join(texts))


def _joins(before: str, text: str) -> bool:
    if not before or not text or len(before) > 16 or len(text) > 8:
        return False
    if text in ("指标", "目标") and (is_level1_name(before + text) or is_level2_name(before + text)):
        return True  # a category name a narrow cell wrapped (经济效益 / 指标)
    return is_label(before + text) and not is_label(before) and (len(before) <= 4 or not is_label(text))


# -- the segmenter ---------------------------------------------------------------------------------------------------

MANAGEMENT_LABEL = "资金管理情况"
MANAGEMENT_HEADS = frozenset({"情况说明", "存在问题和改进措施", "存在问题", "改进措施"})
MANAGEMENT_ITEMS = frozenset(
    {"分配科学性", "下达及时性", "拨付合规性", "使用规范性", "执行准确性", "预算绩效管理情况", "支出责任履行情况"}
)

# A template's empty rows: 指标2 with nothing after it, …… (README: placeholders are no indicators).
_PLACEHOLDER_RE = re.compile(r"指标\s*\d{1,2}\s*[:：]?|[.。…·]{2,}|…")
_PLACEHOLDERS = frozenset({"—", "-", "/", "／", "－", "——", "--", "无", "0"})
_NUMBERED_RE = re.compile(r"^\d{1,2}\s*[.、．]\s*")
_INSTRUCTION_RE = re.compile(r"[(（]\s*\d+\s*字以内\s*[)）]")
FUND_ORDER = ("initial", "budget", "executed", "weight", "rate", "score")
_TITLE_RE = re.compile(r"自评表|计分表|评价指标表|自评指标")


@dataclass(slots=True)
class _Cursor:
    cells: list[Cell]
    index: int = 0
    blocks: list[Block] = field(default_factory=list)
    in_funds: bool = False
    after_indicators: bool = False
    fund_roles: list[str] = field(default_factory=list)
    fused: bool = False
    scores_seen: bool = True  # whether the last indicator table printed any score

    def peek(self, offset: int = 0) -> Cell | None:
        position = self.index + offset
        return self.cells[position] if position < len(self.cells) else None

    def take(self) -> Cell:
        cell = self.cells[self.index]
        self.index += 1
        return cell


def segment(cells: Sequence[Cell], *, fused: bool = False) -> list[Block]:
    """The blocks of a clean self-evaluation table from a cell stream (see the module's description); ``fused``: the
    stream comes from text run together, where numbers may have run into each other too."""
    cursor = _Cursor(join_split_labels(cells), fused=fused)
    while cursor.peek() is not None:
        _step(cursor)
    return cursor.blocks


def _step(cursor: _Cursor) -> None:
    cell = cursor.peek()
    assert cell is not None
    text = cell.text
    found = key(text)
    if not text:
        cursor.index += 1
    elif _is_title(text):
        cursor.in_funds = cursor.after_indicators = False
        cursor.blocks.append(Para(cursor.take().text, cell.line))
    elif (width := _indicator_header_width(cursor)) > 0:
        _indicator_table(cursor, width)
    elif _fund_header_width(cursor) > 0:
        _fund_block(cursor)
    elif cursor.in_funds and (found in FUND_ROWS or _is_fund_value(text)):
        _fund_row(cursor)
    elif found == MANAGEMENT_LABEL and _next_text_key(cursor) in MANAGEMENT_HEADS:
        _management(cursor)
    elif found in GOAL_LABELS or (found in GOAL_HEADS and _next_text_is_goal_head(cursor)):
        _goal(cursor)
    elif found in TOTAL_LABELS and (cursor.after_indicators or found != "合计"):
        _total(cursor)
    elif found in FIELD_LABELS or _field_pair(text):
        _field(cursor)
    else:
        cursor.blocks.append(Para(cursor.take().text, cell.line))


def _is_title(text: str) -> bool:
    compact = re.sub(r"\s+", "", text)
    return len(compact) <= 60 and bool(_TITLE_RE.search(compact)) and not is_label(text)


def _clean_key(text: str) -> str:
    return _NUMBERED_RE.sub("", key(text))


def _labelish(text: str) -> bool:
    return bool(text) and (is_label(text) or is_label(_NUMBERED_RE.sub("", text)) or _is_title(text))


# -- fields

_PAIR_RE = re.compile(r"^(?P<label>[^:：]{2,12})[:：]\s*(?P<value>\S.*)$")


def _field_pair(text: str) -> tuple[str, str] | None:
    match = _PAIR_RE.match(text.strip())
    if match is None or key(match.group("label")) not in FIELD_LABELS:
        return None
    return match.group("label"), match.group("value").strip()


def _field(cursor: _Cursor) -> None:
    cell = cursor.take()
    pair = _field_pair(cell.text)
    if pair is not None:
        cursor.blocks.append(Row(pair, cell.line))
        return
    following = cursor.peek()
    value = ""
    if following is not None and following.text and not _labelish(following.text):
        value = cursor.take().text
        value = value if re.search(r"\w", value) else ""  # a lone "/" or "—" is an empty cell
    cursor.blocks.append(Row((cell.text, value), cell.line))


# -- 年度总体目标


def _goal(cursor: _Cursor) -> None:
    """年度总体目标, its heads (预期目标, 实际完成情况), then one text per head. Fewer texts than heads ran together
    (a copy that lost the cell boundary): no text is taken rather than one that mixes goal and result."""
    label = cursor.take()
    name = label.text if key(label.text) in GOAL_LABELS else "年度总体目标"  # heads printed without their label
    heads = [cell for cell in _take_while(cursor, lambda text: key(text) in GOAL_HEADS or key(text) in GOAL_LABELS)]
    texts = [
        cell.text
        for cell in _take_while(cursor, lambda text: not _labelish(text) and key(text) not in WEAK_INDICATOR_LABELS)
        if cell.text
    ]  # 年度绩效指标, the indicator block's vertical label, ends the goal's texts
    printed = len([head for head in heads if head.text])
    if (cursor.fused and len(texts) < printed) or len(texts) > max(printed, 2):
        return  # the texts ran together, or were cut into lines that interleave goal and result
    texts = [text for text in texts if not _INSTRUCTION_RE.search(text)]
    if texts:
        cursor.blocks.append(Row((name, *texts), label.line))


def _next_text_is_goal_head(cursor: _Cursor) -> bool:
    """Goal heads side by side (年初绩效目标 | 全年(调整)绩效目标 …) open the goal block without its label."""
    return _next_text_key(cursor) in GOAL_HEADS


def _next_text_key(cursor: _Cursor) -> str | None:
    following = next((cell for cell in cursor.cells[cursor.index + 1 :] if cell.text), None)
    return key(following.text) if following is not None else None


# -- 资金管理情况 (a transfer-payment table's management items, each with its 情况说明)


def _management(cursor: _Cursor) -> None:
    """资金管理情况 | 情况说明 | 存在问题和改进措施, then items (分配科学性 …) each with its texts: read as indicators
    of that category, the 情况说明 as what was achieved."""
    label = cursor.take()
    _take_while(cursor, lambda text: key(text) in MANAGEMENT_HEADS)
    cursor.blocks.append(Row(("一级指标", "二级指标", "实际完成值", "偏差原因分析"), label.line))
    while (cell := cursor.peek()) is not None and (not cell.text or key(cell.text) in MANAGEMENT_ITEMS):
        if not cursor.take().text:
            continue
        texts = [part.text for part in _take_while(cursor, lambda text: not _labelish(text) and not _item(text))]
        texts = [text for text in texts if text][:2]
        row = (label.text, cell.text, *texts, *([""] * (2 - len(texts))))
        cursor.blocks.append(PlacedRow(row, cell.line))
    cursor.blocks.append(Para("", label.line))


def _item(text: str) -> bool:
    return key(text) in MANAGEMENT_ITEMS


def _take_while(cursor: _Cursor, accept: Callable[[str], bool]) -> list[Cell]:
    taken: list[Cell] = []
    while (cell := cursor.peek()) is not None and (not cell.text or accept(cell.text)):
        taken.append(cursor.take())
    return taken


# -- 总分 and the grade


def _total(cursor: _Cursor) -> None:
    """总分 after the indicators: ``weights | score`` (the score is the second number), or the score alone; an
    empty cell after a lone number is the empty score, not the number."""
    label = cursor.take()
    values: list[str] = []
    while (cell := cursor.peek()) is not None and len(values) < 4 and not _labelish(cell.text):
        text = cell.text.strip().removesuffix("分")  # 总分 | 100分
        if text and parse_amount(text) is None:
            break
        cursor.take()
        values.append(text)
    if cursor.fused and len(values) == 1:
        values = list(_weights_and_score(values[0]))
    numbers = [value for value in values if value]
    if len(numbers) >= 2:
        cursor.blocks.append(Row(("总分", numbers[1]), label.line))
    elif numbers and values[-1] and cursor.scores_seen:
        cursor.blocks.append(Row(("总分", numbers[0]), label.line))  # else the weights' sum of a table not scored
    grade = cursor.peek()
    if grade is not None and grade.text in GRADE_WORDS:
        cursor.blocks.append(Row(("自评等级", cursor.take().text), grade.line))
    cursor.after_indicators = False


# -- 项目资金


def _weights_and_score(text: str) -> tuple[str, ...]:
    """A total printed as the weights' sum and the score run together (``10096``): 100, then the score."""
    readings = [parts for parts in fused_splits(text) if len(parts) == 2 and parts[0] == "100"]
    return readings[0] if len(readings) == 1 else (text,)


def _fund_labels_at(cursor: _Cursor) -> list[Cell]:
    labels: list[Cell] = []
    offset = 0
    while (cell := cursor.peek(offset)) is not None:
        if cell.text and not (key(cell.text) in FUND_COLUMNS or fund_section(cell.text)):
            if not (labels and _gap(cell.text) and _is_fund_label(cursor.peek(offset + 1))):
                break
        elif cell.text:
            labels.append(cell)
        offset += 1
    return labels


def _is_fund_label(cell: Cell | None) -> bool:
    return cell is not None and key(cell.text) in FUND_COLUMNS


def _gap(text: str) -> bool:
    """A short unknown cell inside a run of labels: a label an OCR scan garbled (全年(If整)), not a value."""
    return len(text) <= 8 and not _is_fund_value(text) and not is_label(text)


def _fund_header_width(cursor: _Cursor) -> int:
    roles = {FUND_COLUMNS.get(key(cell.text)) for cell in _fund_labels_at(cursor)}
    roles.discard(None)
    return len(roles) if len(roles) >= 3 and roles & {"executed", "rate"} else 0


def _fund_block(cursor: _Cursor) -> None:
    found = _fund_labels_at(cursor)
    taken: list[Cell] = []
    while found and cursor.peek() is not None and taken[-1:] != found[-1:]:
        taken.append(cursor.take())
    points = next((match.group(1) for cell in taken if (match := _POINTS_GAP_RE.match(cell.text))), None)
    labels = [cell for cell in taken if cell.text and (key(cell.text) in FUND_COLUMNS or fund_section(cell.text))]
    sections = [cell.text for cell in labels if fund_section(cell.text)]
    section = (sections[0] if sections else "项目资金") + (f"({points}分)" if points else "")
    columns = [cell.text for cell in labels if key(cell.text) in FUND_COLUMNS]
    columns = [text for text in columns if FUND_COLUMNS[key(text)] != "label"]
    cursor.blocks.append(Row((section, *columns), labels[0].line))
    cursor.in_funds = True
    roles = [FUND_COLUMNS[key(text)] for text in columns]
    plain = "initial" if "budget" in roles else "budget"  # 预算数: the base when nothing better is printed
    cursor.fund_roles = [plain if role == "plain_budget" else role for role in roles]


_POINTS_GAP_RE = re.compile(r"^[(（]?\s*(\d+(?:\.\d+)?)\s*分\s*[)）]$")  # (20分) that a copy broke off its label


def _is_fund_value(text: str) -> bool:
    text = _STRAY_MARK_RE.sub("", text)
    text = text[:-1] if text.endswith("万") else text  # 3359.62万 under 资金投入情况（万元）
    return bool(text) and (parse_amount(text) is not None or parse_percent(text) is not None or text in _PLACEHOLDERS)


_STRAY_MARK_RE = re.compile(r"(?<=\d)[?？]+$")  # 3,724,055.00? : a character the copy could not encode


def _fund_row(cursor: _Cursor) -> None:
    first = cursor.peek()
    assert first is not None
    label = cursor.take().text if key(first.text) in FUND_ROWS else ""
    roles = cursor.fund_roles
    values: list[str] = []
    while (cell := cursor.peek()) is not None and len(values) < len(roles) + 1:
        if cell.text and (key(cell.text) in FUND_ROWS or _labelish(cell.text)):
            break
        if cell.text and not _is_fund_value(cell.text) and not _text_column_next(roles, values):
            break
        values.append(_STRAY_MARK_RE.sub("", cursor.take().text))
    if not label and not any(values):
        cursor.in_funds = False
        return
    cursor.blocks.append(_placed_fund_row(label, values, roles, first.line, fused=cursor.fused))


def _text_column_next(roles: list[str], values: list[str]) -> bool:
    """Whether the next value cell falls under a text column (得分计算方法, 原因) when every column is filled."""
    return len(values) < len(roles) and roles[len(values)] in ("method", "reason")


def _placed_fund_row(label: str, values: list[str], roles: list[str], line: int, *, fused: bool) -> PlacedRow:
    """A funds row under the header's columns; values beyond the header take the columns it did not print
    (a 得分 column whose label an Excel copy moved elsewhere), doubtfully."""
    extended = list(roles)
    if any(
        place_cost(role, value) >= INF for role, value in zip(roles, values, strict=False) if value not in _PLACEHOLDERS
    ):
        values = [value for value in values if value]  # the empty cells do not keep positions (a web table's padding)
    missing = [role for role in FUND_ORDER if role not in extended]
    added: set[str] = set()
    while len(extended) < len(values) and missing:
        role = missing.pop()  # the last of the canonical columns first: 得分 ends the row
        extended.append(role)
        added.add(role)
    cells = ["" if value in _PLACEHOLDERS and value != "0" else value for value in values]
    if len(cells) == len(extended):
        placed = Placement(0, tuple(cells))
    elif len(cells) < len(extended):  # the row's own arithmetic helps place amounts, rate, weight and score
        placed = place_fused_row(cells, extended) if fused else place_plausible_row(cells, extended)
    else:
        placed = place_row(cells if len(cells) < len(extended) else [cell for cell in cells if cell], extended)
    if placed.cost >= INF:  # nothing fits: the values in order, all doubtful
        placed = Placement(0, tuple((cells + [""] * len(extended))[: len(extended)]), frozenset(range(len(extended))))
    doubtful = {extended[index] for index in placed.doubtful} | added
    return PlacedRow((label, *placed.cells), line, roles=("label", *extended), guessed=frozenset(doubtful))


# -- 绩效指标


def _indicator_labels_at(cursor: _Cursor) -> list[Cell]:
    labels: list[Cell] = []
    offset = 0
    while (cell := cursor.peek(offset)) is not None:
        if cell.text and indicator_role(cell.text) is None and key(cell.text) not in WEAK_INDICATOR_LABELS:
            break
        if cell.text:
            labels.append(cell)
        offset += 1
    return labels


def _indicator_header_width(cursor: _Cursor) -> int:
    """How many cells (empty ones included) the indicator header starting here spans; 0 when none starts here."""
    labels = _indicator_labels_at(cursor)
    roles = {indicator_role(cell.text) for cell in labels}
    named = "level3" in roles or ("level1" in roles and "level2" in roles)
    evaluated = bool(roles & {"actual", "score", "coefficient"})
    if len(labels) < 3 or not named or not evaluated:
        return 0
    offset, seen = 0, 0
    while seen < len(labels):
        cell = cursor.peek(offset)
        assert cell is not None
        seen += bool(cell.text)
        offset += 1
    return offset


def merge_flat_header(labels: Sequence[str]) -> list[str]:
    """A two-row header run together as one row: the second row's level labels (一级指标 二级指标 三级指标) go in
    place of the label spanning them (绩效指标, else first), its value parts (指标性质 指标值 度量单位) in place of the
    年度指标值 spanning them. ``绩效指标 年度指标值 实际完成值 分值 得分 … 一级指标 … 度量单位`` and ``… 年度指标值
    实际完成值 分值 得分 偏差原因分析 指标性质 指标值 度量单位`` alike; a one-row header is kept as it is."""
    split = _second_row_start(labels)
    if split is None:
        return list(labels)
    top, sub = list(labels[:split]), list(labels[split:])
    levels = [text for text in sub if indicator_role(text) in LEVEL_ROLES]
    parts = [text for text in sub if indicator_role(text) in VALUE_PARTS]
    merged: list[str] = []
    for text in top:
        if key(text) in WEAK_INDICATOR_LABELS and levels:
            merged.extend(levels)
            levels = []
        elif indicator_role(text) == "value" and parts:
            merged.extend(parts)
            parts = []
        else:
            merged.append(text)
    return levels + merged


def _second_row_start(labels: Sequence[str]) -> int | None:
    """Where the second header row begins: the shortest tail of sub-labels (level labels, value parts) under labels
    of the first row that span them; None for a one-row header."""
    roles = [indicator_role(text) for text in labels]
    sub_roles = LEVEL_ROLES | VALUE_PARTS
    start = len(labels)
    while start > 0 and roles[start - 1] in sub_roles:
        start -= 1
    for split in range(start, len(labels) - 1):
        top, tail = roles[:split], roles[split:]
        has_levels, has_parts = bool(set(tail) & LEVEL_ROLES), bool(set(tail) & VALUE_PARTS)
        if has_parts and "value" not in top:
            continue
        if has_levels and set(top) & LEVEL_ROLES - {"level3"}:
            continue
        if has_parts and not set(tail) & {"comparator", "unit"}:
            continue  # a 指标值 alone after the top row is a column of its own
        return split
    return None


def _indicator_table(cursor: _Cursor, width: int) -> None:
    header_cells = [cursor.take() for _ in range(width)]
    labels = merge_flat_header([cell.text for cell in header_cells if cell.text])
    roles = header_roles(labels)
    framework = is_framework(roles)
    cursor.blocks.append(Row(tuple(labels), header_cells[0].line))
    body = _table_body(cursor, labels)
    cut = cursor.peek() is None
    hints = [bool(cell.start) for cell in body]
    starts = hints if sum(hints) >= 3 else None  # else the layout shows no rows here (one cell per line, one line)
    fitted = [_FOLDED.get(role or "", role) for role in roles] if cursor.fused else roles
    rows = split_stream([cell.text for cell in body], fitted, starts, framework=framework, fused=cursor.fused)
    cursor.scores_seen = any(
        text for _, placed in rows for role, text in zip(roles, placed.cells, strict=False) if role in _SCORED
    )
    ends = [start for start, _ in rows[1:]] + [len(body)]
    for number, (start, placed) in enumerate(rows):
        doubtful = frozenset(roles[index] or "" for index in placed.doubtful)
        doubtful |= _guessed_roles(body[start : ends[number]], placed, roles)
        last = number == len(rows) - 1
        cursor.blocks.append(PlacedRow(placed.cells, body[start].line, guessed=doubtful, cut=cut and last))
    cursor.after_indicators = True
    cursor.in_funds = False


_SCORED = frozenset({"score", "coefficient"})
# In text run together, the 计量单位 and 指标性质 cells run into the name and are cut off it, never cells of their own.
_FOLDED = {"unit": "absent", "comparator": "absent"}


def _guessed_roles(cells: Sequence[Cell], placed: Placement, roles: Sequence[str | None]) -> frozenset[str]:
    """The roles of the columns that received a cell whose boundaries were guessed."""
    texts = {cell.text for cell in cells if cell.guessed and cell.text}
    return frozenset(role for role, text in zip(roles, placed.cells, strict=False) if role and text in texts)


def header_roles(labels: Sequence[str]) -> list[str | None]:
    """Each header column's role; a weak label (绩效指标) names the 三级指标 column only when no other does, and a
    role printed twice (得分 after 自评分) is used once."""
    weak = [index for index, text in enumerate(labels) if key(text) in WEAK_INDICATOR_LABELS]
    printed = [None if index in weak else indicator_role(text) for index, text in enumerate(labels)]
    weights = [index for index, role in enumerate(printed) if role == "weight"]
    level3 = printed.index("level3") if "level3" in printed else -1
    kept_weight = next((index for index in weights if index > level3), weights[0] if weights else -1)
    roles: list[str | None] = []
    for index, role in enumerate(printed):
        if role == "weight" and index != kept_weight:
            role = "points"  # 分值 printed beside each level of a framework sheet: the 三级 one is the weight
        roles.append(None if role in roles and role != "points" else role)
    if "level3" not in roles and weak:
        roles[weak[-1]] = "level3"
    return roles


def is_framework(roles: Sequence[str | None]) -> bool:
    """An evaluation-framework score sheet: weights and scores, no target values or actuals."""
    return not ({"value", "actual", "initial_value", "adjusted_value"} & set(roles)) and "score" in roles


def _table_body(cursor: _Cursor, labels: list[str]) -> list[Cell]:
    body: list[Cell] = []
    while (cell := cursor.peek()) is not None:
        text = cell.text
        if text and _ends_table(text, cursor):
            break
        if text and _repeats_header(cursor, labels):
            cursor.index += len(labels)
            continue
        taken = cursor.take()
        if _POINTS_GAP_RE.match(text) or key(text) in WEAK_INDICATOR_LABELS:
            continue  # (50分) left of a lost level label; 绩效指标, the header's vertical label, on a new page
        body.append(Cell("", taken.line, taken.start) if _PLACEHOLDER_RE.fullmatch(text) else taken)
    while body and not body[0].text:
        body.pop(0)
    return _join_wrapped_levels(body)


def _join_wrapped_levels(body: list[Cell]) -> list[Cell]:
    """A level name a narrow column wrapped onto the next line is one cell: 服务对象 / 满意度指标."""
    joined: list[Cell] = []
    for cell in body:
        last = joined[-1] if joined else None
        if (
            last is not None
            and cell.text
            and cell.line == last.line + 1
            and not (is_level1_name(last.text) or is_level2_name(last.text))
            and is_level2_name(last.text + cell.text)
        ):
            joined[-1] = Cell(last.text + cell.text, last.line, last.start, last.guessed or cell.guessed)
            continue
        joined.append(cell)
    return joined


def _ends_table(text: str, cursor: _Cursor) -> bool:
    if points_of(text) is not None and len(text) <= 16:
        return False  # a category name with its points (绩效目标 (6分)) is no label
    found = _clean_key(text)
    if found in TOTAL_LABELS or found in FIELD_LABELS or found in GOAL_LABELS or FOOTER_RE.match(text):
        return True
    if _is_title(text) or _fund_header_width(cursor) > 0:
        return True
    return is_label(_NUMBERED_RE.sub("", text)) and indicator_role(text) is None and key(text) not in FUND_ROWS


def _repeats_header(cursor: _Cursor, labels: list[str]) -> bool:
    ahead = [cursor.peek(offset) for offset in range(len(labels))]
    return [cell.text if cell else None for cell in ahead] == labels
