"""Rows copied from Excel or Word and pasted into the indicator grid: tab-separated cells, one row per line.

Copied rows carry no header, and a table's columns differ (一级/二级/三级/指标值, or 三级/指标值, with or without a
description), so each cell is placed by what it is, never by where it stands: a level-1 or level-2 name of the frame
goes to its level, the last cell that reads as an indicator value (the value grammar) to the value, the first other
cell to the 三级指标. A cell that fits none of these is reported, not put somewhere to make the row fit. Blank level
cells (merged cells copy as blanks) take the row above's.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from jixiao.domain.frame import category_key
from jixiao.domain.model import ValueKind
from jixiao.domain.values import parse_value

MAX_ROWS = 500
MAX_CELLS = 30
MAX_CHARACTERS = 100_000
_HEADER_WORDS = {"一级指标", "二级指标", "三级指标", "指标值", "指标名称", "绩效指标", "年度指标值", "指标内容"}


@dataclass(frozen=True, slots=True)
class PastedRow:
    """One pasted row placed in the grid's columns; ``unplaced`` are cells that fit no column (reported)."""

    line: int
    level1: str = ""
    level2: str = ""
    level3: str = ""
    value: str = ""
    unplaced: tuple[str, ...] = field(default=())


class PasteError(ValueError):
    """Pasted text beyond the limits (rows, cells, characters)."""


def _is_value(text: str) -> bool:
    value = parse_value(text)
    return value.kind is not ValueKind.QUALITATIVE or value.comparator is not None


def _place(
    cells: list[str], line: int, level1: dict[str, str], level2: dict[str, str], above: PastedRow | None
) -> PastedRow:
    left = [cell for cell in cells if cell]
    first_cell = next((cell for cell in left if category_key(cell) in level1), "")
    second_cell = next((cell for cell in left if category_key(cell) in level2 and cell != first_cell), "")
    left = [cell for cell in left if cell not in (first_cell, second_cell)]
    first = level1[category_key(first_cell)] if first_cell else ""  # the frame's own name (产出 → 产出指标)
    second = level2[category_key(second_cell)] if second_cell else ""
    value = next((cell for cell in reversed(left) if _is_value(cell)), "")
    if not value and len(left) == 2:
        value = left[1]  # 三级指标 and a qualitative value (稳步提高): the only reading of two cells
    if value:
        left.remove(value)
    name = left.pop(0) if left else ""
    if not name and second_cell:  # 服务对象满意度 ≥90%: a level-2 name alone before a value names the indicator
        name, second = second_cell, ""
    if above is not None and name:  # merged level cells copy as blanks: the group continues
        first = first or above.level1
        if not second and first == above.level1:
            second = above.level2
    return PastedRow(line, first, second, name, value, tuple(left))


def pasted_rows(text: str, level1_names: Sequence[str], level2_names: Sequence[str]) -> list[PastedRow]:
    """The rows of pasted text, header rows skipped; raises :class:`PasteError` beyond the limits."""
    if len(text) > MAX_CHARACTERS:
        raise PasteError(f"粘贴的内容有 {len(text)} 个字符，超过 {MAX_CHARACTERS} 个字符的上限。")
    lines = [line.rstrip("\r") for line in text.split("\n")]
    if len([line for line in lines if line.strip()]) > MAX_ROWS:
        raise PasteError(f"一次最多粘贴 {MAX_ROWS} 行。")
    level1 = {category_key(name): name for name in level1_names}
    level2 = {category_key(name): name for name in level2_names}
    rows: list[PastedRow] = []
    for number, line in enumerate(lines, start=1):
        cells = [cell.strip() for cell in line.split("\t")]
        if len(cells) > MAX_CELLS:
            raise PasteError(f"第 {number} 行有 {len(cells)} 个单元格，超过 {MAX_CELLS} 个的上限。")
        if not any(cells) or all(cell in _HEADER_WORDS for cell in cells if cell):
            continue
        rows.append(_place(cells, number, level1, level2, rows[-1] if rows else None))
    return rows
