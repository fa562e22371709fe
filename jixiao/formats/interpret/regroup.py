"""Rows for a document whose table lost its structure: one cell per line or per paragraph, as copied from PDF or Word.

Such a copy keeps the cells in reading order but not where rows begin, and drops every empty cell. The labels put
the structure back: a header label (项目名称, 预算数 …) takes the cell after it as its value; a section label
(资金支出计划, 年度目标 …) takes the cells that belong to it; consecutive column labels (一级指标, 二级指标 …) give the
indicator table's columns, and :func:`jixiao.formats.interpret.fit.split_rows` cuts the cells below them into rows.
Any other cell inside a project table becomes a one-cell row for the project reader to place; outside a table it
stays running text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from jixiao.domain.frame import is_level1_name, is_level2_name
from jixiao.formats.blocks import Block, Para, Row
from jixiao.formats.interpret.document import document_title, is_part_marker, project_title
from jixiao.formats.interpret.fit import ODD_PLACEMENT, misfits, place_cost, split_rows, total_cost
from jixiao.formats.interpret.header import merge_flat_header
from jixiao.formats.interpret.indicators import Columns, is_indicator_header
from jixiao.formats.interpret.labels import (
    AMOUNT_ROLES,
    AMOUNT_UNIT_RE,
    COLUMN_LABELS,
    FOOTER_RE,
    HEADER_LABELS,
    UNIT_LINE_RE,
    is_group_label,
    label_key,
    parse_amount,
    parse_percent,
    section_of,
)
from jixiao.formats.interpret.project import period_of, split_label

# Page furniture a PDF copy leaves inside a table: "— 3 —", "-3-", "第 3 页 共 5 页" (a bare "3" may be a cell).
PAGE_MARK_RE = re.compile(r"^[-—－]\s*\d{1,4}\s*[-—－]$|^第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?$")
_BARE_NUMBER_RE = re.compile(r"^\d{1,3}$")
_NOTE_RE = re.compile(r"^(?:注|备注|说明|填报说明|填表说明)\s*[:：]")
_Accept = Callable[[str], bool]
_PLAN_LABEL_RE = re.compile(r"^(?:\d{1,2}\s*月(?:底|末|份|前)?|第?[一二三四1-4]\s*季度(?:末)?|[上下]半年(?:末)?|全年)$")


@dataclass(slots=True)
class _Cursor:
    """The cells still to read and the blocks made so far."""

    cells: Sequence[Para]
    index: int = 0
    blocks: list[Block] = field(default_factory=list)
    in_project: bool = False
    amount_count: int = 1
    rows_on_lines: bool = False

    def peek(self, offset: int = 0) -> Para | None:
        position = self.index + offset
        return self.cells[position] if position < len(self.cells) else None

    def take(self) -> Para:
        cell = self.cells[self.index]
        self.index += 1
        return cell


def regroup(cells: Sequence[Para], *, rows_on_lines: bool = False) -> list[Block]:
    """Paragraphs and rows from a stream of cells (each a :class:`Para` with its line).

    ``rows_on_lines``: the cells came from lines that each hold one printed row (space-separated cells), so a row
    that starts or ends inside a line is less likely.
    """
    cursor = _Cursor(join_split_labels(cells), rows_on_lines=rows_on_lines)
    while cursor.peek() is not None:
        _step(cursor)
    return cursor.blocks


def _step(cursor: _Cursor) -> None:
    cell = cursor.take()
    text = cell.text
    if _ends_project(text):
        cursor.in_project = False
        cursor.blocks.append(cell)
    elif PAGE_MARK_RE.match(text):
        return
    elif _header_width(cursor, -1):
        _indicator_table(cursor, cell)
    elif section_of(text):
        _section(cursor, cell)
    elif split_label(text) or label_key(text) in HEADER_LABELS:
        _labelled(cursor, cell)
    elif period_of(text):
        _periods(cursor, cell)
    else:
        _other(cursor, cell)


def join_split_labels(cells: Sequence[Para]) -> list[Para]:
    """Join a level name that a narrow cell wrapped over two lines (``经济效益`` ``指标``; ``服务对象``
    ``满意度指标``)."""
    joined: list[Para] = []
    for cell in cells:
        if joined and _continues_level_name(joined[-1].text, cell.text):
            joined[-1] = Para(text=joined[-1].text + cell.text, line=joined[-1].line)
        else:
            joined.append(cell)
    return joined


def _continues_level_name(before: str, text: str) -> bool:
    if len(text) > 6 or len(before) > 10:
        return False
    together = before + text
    if text in ("指标", "目标"):
        return is_level1_name(together) or is_level2_name(together)
    return not (is_level1_name(before) or is_level2_name(before)) and (
        is_level2_name(together) or is_level1_name(together)
    )


def _ends_project(text: str) -> bool:
    return bool(project_title(text) or document_title(text) or is_part_marker(text, "一") or is_part_marker(text, "二"))


def _is_label(text: str) -> bool:
    """Whether a cell is a label of any kind, so that it cannot be the value of the label before it."""
    return bool(
        label_key(text) in HEADER_LABELS
        or label_key(text) in COLUMN_LABELS
        or section_of(text)
        or split_label(text)
        or period_of(text)
        or _ends_project(text)
        or AMOUNT_UNIT_RE.match(label_key(text))
    )


# -- header labels and sections ---------------------------------------------------------------------------------


def _labelled(cursor: _Cursor, cell: Para) -> None:
    """``项目名称`` then its value, or ``项目名称：value`` in one cell."""
    cursor.in_project = True
    if split_label(cell.text):
        cursor.blocks.append(Row(cells=(cell.text,), line=cell.line))
        return
    role = HEADER_LABELS[label_key(cell.text)]
    if role in ("code", "name"):
        cursor.amount_count = 1  # a new project table: its amounts are one column until it says otherwise
    is_amount = role in AMOUNT_ROLES
    values: list[str] = []
    while len(values) < (cursor.amount_count if is_amount else 1):
        following = cursor.peek()
        if following is None or _is_label(following.text) or (is_amount and parse_amount(following.text) is None):
            break
        values.append(cursor.take().text)
    cursor.blocks.append(Row(cells=(cell.text, *values), line=cell.line))


def _periods(cursor: _Cursor, cell: Para) -> None:
    """Amount columns side by side (中期资金总额, 年度资金总额): each amount label then takes as many amounts."""
    labels = [cell.text]
    while (following := cursor.peek()) is not None and period_of(following.text):
        labels.append(cursor.take().text)
    cursor.amount_count = len(labels)
    cursor.blocks.append(Row(cells=tuple(labels), line=cell.line))


def _section(cursor: _Cursor, cell: Para) -> None:
    cursor.in_project = True
    section = section_of(cell.text)
    if section == "plan":
        _plan(cursor, cell)
    elif section in ("goal", "midterm_goal"):
        _goals(cursor, cell)
    else:
        cursor.blocks.append(Row(cells=(cell.text,), line=cell.line))


def _plan(cursor: _Cursor, cell: Para) -> None:
    """``资金支出计划`` then its checkpoint labels (3月底 …), then as many percentages."""
    labels = _take_while(cursor, lambda text: bool(_PLAN_LABEL_RE.match(label_key(text))))
    cursor.blocks.append(Row(cells=(cell.text, *(label.text for label in labels)), line=cell.line))
    percents = _take_while(cursor, lambda text: parse_percent(text) is not None, limit=len(labels))
    if percents:
        cursor.blocks.append(Row(cells=("", *(percent.text for percent in percents)), line=percents[0].line))


def _goals(cursor: _Cursor, cell: Para) -> None:
    """A goal label with its texts; or goal labels side by side (中期目标, 年度目标), then one text each."""
    labels = [cell, *_take_while(cursor, lambda text: section_of(text) in ("goal", "midterm_goal"))]
    if len(labels) >= 3 or (len(labels) == 2 and is_group_label(cell.text)):
        labels = labels[1:]  # 总体目标 over 中期目标 | 年度目标: the group's label holds no text of its own
    texts = _take_while(cursor, lambda text: not _is_label(text), limit=None if len(labels) == 1 else len(labels))
    if len(labels) == 1:
        cursor.blocks.append(Row(cells=(cell.text, *(text.text for text in texts)), line=cell.line))
        return
    cursor.blocks.append(Row(cells=tuple(label.text for label in labels), line=cell.line))
    if texts:
        padding = ("",) * max(0, len(labels) - len(texts))
        cursor.blocks.append(Row(cells=(*padding, *(text.text for text in texts)), line=texts[0].line))


def _take_while(cursor: _Cursor, accept: _Accept, limit: int | None = None) -> list[Para]:
    taken: list[Para] = []
    while (following := cursor.peek()) is not None and (limit is None or len(taken) < limit):
        if not accept(following.text):
            break
        taken.append(cursor.take())
    return taken


def _other(cursor: _Cursor, cell: Para) -> None:
    """A unit line followed by ``单位：万元``, a text inside a project table, or running text."""
    following = cursor.peek()
    if UNIT_LINE_RE.match(cell.text) and following is not None and AMOUNT_UNIT_RE.match(label_key(following.text)):
        cursor.blocks.append(Row(cells=(cell.text, cursor.take().text), line=cell.line))
    elif cursor.in_project and not AMOUNT_UNIT_RE.match(label_key(cell.text)):
        cursor.blocks.append(Row(cells=("", cell.text), line=cell.line))
    else:
        cursor.blocks.append(cell)


# -- the indicator table ----------------------------------------------------------------------------------------


def _header_width(cursor: _Cursor, offset: int) -> int:
    """How many consecutive column labels start at ``offset`` from the cursor, when they make an indicator header."""
    labels: list[str] = []
    while (cell := cursor.peek(offset + len(labels))) is not None and (
        label_key(cell.text) in COLUMN_LABELS or _bare_indicator_label(cursor, offset + len(labels))
    ):
        labels.append(cell.text)
    row = Row(cells=tuple(labels), line=0)
    return len(labels) if labels and is_indicator_header(row) and Columns.from_header(row) else 0


def _bare_indicator_label(cursor: _Cursor, offset: int) -> bool:
    """``指标`` heads a column only inside a run of column labels (绩效指标 | 指标 | 指标权重 …): alone it is the
    second half of a category name wrapped over two lines (项目完成 / 指标)."""
    cell, following = cursor.peek(offset), cursor.peek(offset + 1)
    return (
        cell is not None
        and label_key(cell.text) == "指标"
        and offset > -1
        and following is not None
        and label_key(following.text) in COLUMN_LABELS
    )


def _indicator_table(cursor: _Cursor, first: Para) -> None:
    width = _header_width(cursor, -1)
    header = [first, *(cursor.take() for _ in range(width - 1))]
    labels = tuple(cell.text for cell in header)
    row = Row(cells=merge_flat_header(labels) or labels, line=first.line)  # a two-row header copied as one run
    columns = Columns.from_header(row)
    assert columns is not None  # _header_width checked it
    cursor.blocks.append(row)
    body = _without_page_numbers(_table_body(cursor, [cell.text for cell in header]), columns.role_list())
    texts = [cell.text for cell in body]
    starts = None
    if cursor.rows_on_lines:
        starts = [index == 0 or cell.line != body[index - 1].line for index, cell in enumerate(body)]
    roles = columns.role_list()
    for start, fit in split_rows(texts, roles, starts):
        placed = body[start : start + sum(1 for text in fit.cells if text)]
        odd = {
            text
            for role, text in zip(roles, fit.cells, strict=False)
            if text and place_cost(role, text) >= ODD_PLACEMENT
        }
        doubtful = frozenset(cell.text for cell in placed if cell.uncertain) | frozenset(odd)
        cursor.blocks.append(Row(cells=fit.cells, line=body[start].line, doubtful=doubtful))
    cursor.in_project = True


def _table_body(cursor: _Cursor, header: list[str]) -> list[Para]:
    """The cells under a header, up to the next label; page marks and a header repeated on a new page are dropped."""
    body: list[Para] = []
    while (cell := cursor.peek()) is not None:
        if PAGE_MARK_RE.match(cell.text):
            cursor.take()
        elif _repeats_header(cursor, header):
            cursor.index += len(header)
        elif _is_label(cell.text) or _NOTE_RE.match(cell.text) or FOOTER_RE.match(cell.text):
            break
        else:
            body.append(cursor.take())
    return body


def _without_page_numbers(body: list[Para], roles: list[str | None]) -> list[Para]:
    """Drop bare page numbers ("2") a PDF copy leaves between cells: numbers that fit badly and read better gone."""
    texts = [cell.text for cell in body]
    suspects = [index for index in misfits(texts, roles) if _BARE_NUMBER_RE.match(texts[index])]
    cost = total_cost(texts, roles)
    for index in reversed(suspects):
        without = total_cost(texts[:index] + texts[index + 1 :], roles)
        if without < cost:
            body, texts, cost = body[:index] + body[index + 1 :], texts[:index] + texts[index + 1 :], without
    return body


def _repeats_header(cursor: _Cursor, header: list[str]) -> bool:
    ahead = [cursor.peek(offset) for offset in range(len(header))]
    return [cell.text if cell else None for cell in ahead] == header
