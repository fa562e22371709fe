"""Column roles from content where the header's labels do not say which level a column holds.

Two-level frames print ``指标类型 | 指标名称 | 指标值``: in one locality 指标类型 holds 产出指标/效益指标 (level 1) and
指标名称 holds 数量指标 (level 2), in another 指标类型 holds 数量指标 and 指标名称 the concrete indicator. The labels
alone cannot tell; the cells below can. Before the project reader sees an indicator header whose level columns are
labelled ambiguously, each such column is profiled on the rows under it (how many of its cells are level-1 names,
level-2 names, other text) and relabelled 一级指标, 二级指标 or 三级指标 accordingly.
"""

from __future__ import annotations

from collections.abc import Sequence

from jixiao.domain.frame import is_level1_name, is_level2_name
from jixiao.formats.blocks import Block, Row
from jixiao.formats.interpret.labels import COLUMN_LABELS, HEADER_LABELS, label_key, section_of

AMBIGUOUS_LEVEL_LABELS = frozenset({"指标类型", "指标名称", "指标类别", "指标", "指标项", "绩效指标名称"})
_EXPLICIT = {"一级指标": 1, "二级指标": 2, "三级指标": 3, "三级指标名称": 3}
_LEVEL_LABELS = {1: "一级指标", 2: "二级指标", 3: "三级指标"}
_BODY_ROWS = 60


def resolve_level_columns(blocks: Sequence[Block]) -> list[Block]:
    """The block stream with each ambiguously labelled indicator header relabelled from its body's content."""
    resolved = list(blocks)
    for index, block in enumerate(resolved):
        if isinstance(block, Row) and _needs_resolving(block):
            resolved[index] = _relabel(block, _body(resolved, index + 1))
    return resolved


def _needs_resolving(row: Row) -> bool:
    keys = [label_key(cell) for cell in row.cells]
    has_value = any(COLUMN_LABELS.get(key) in ("value", "midterm") for key in keys)
    explicit = sum(1 for key in keys if key in _EXPLICIT)
    return has_value and explicit < 2 and any(key in AMBIGUOUS_LEVEL_LABELS for key in keys)


def _body(blocks: Sequence[Block], start: int) -> list[Row]:
    rows: list[Row] = []
    for block in blocks[start : start + _BODY_ROWS]:
        if not isinstance(block, Row) or any(
            label_key(cell) in HEADER_LABELS or section_of(cell) for cell in block.cells if cell
        ):
            break
        rows.append(block)
    return rows


def _relabel(header: Row, body: Sequence[Row]) -> Row:
    width = len(header.cells)
    full = [row for row in body if len([cell for cell in row.cells[:width] if cell]) >= _filled(header)]
    sample = full or list(body)
    cells = list(header.cells)
    taken = {_EXPLICIT[label_key(cell)] for cell in cells if label_key(cell) in _EXPLICIT}
    for column, cell in enumerate(header.cells):
        if label_key(cell) not in AMBIGUOUS_LEVEL_LABELS:
            continue
        level = _level_of_column([row.cells[column] for row in sample if column < len(row.cells)], taken)
        if level is not None:
            cells[column] = _LEVEL_LABELS[level]
            taken.add(level)
    return Row(cells=tuple(cells), line=header.line)


def _filled(header: Row) -> int:
    return sum(1 for cell in header.cells if cell)


def _level_of_column(texts: Sequence[str], taken: set[int]) -> int | None:
    """The level a column's cells name: 1 or 2 when most are category names of that level, else 3."""
    texts = [text for text in texts if text]
    if not texts:
        return None
    ones = sum(1 for text in texts if is_level1_name(text))
    twos = sum(1 for text in texts if is_level2_name(text) and not is_level1_name(text))
    for level, count in ((1, ones), (2, twos)):
        if count * 2 >= len(texts) and level not in taken:
            return level
    return 3 if 3 not in taken else None
