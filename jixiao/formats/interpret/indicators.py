"""The indicator table of a project: its header, and each row as an :class:`Indicator`.

A row whose merged level-1/level-2 cells were dropped is aligned under the header; empty level cells inherit the
row above (a merged cell printed once).
"""

from __future__ import annotations

from dataclasses import dataclass

from jixiao.domain import frame
from jixiao.domain.errors import ReadWarning
from jixiao.domain.model import Indicator, IndicatorValue
from jixiao.domain.values import parse_value
from jixiao.formats.blocks import Row
from jixiao.formats.interpret.labels import COLUMN_LABELS, COMPARATOR_WORDS, label_key, parse_amount


def is_indicator_header(row: Row) -> bool:
    """Whether a row is the header of an indicator table (一级指标 …, or 二级指标 with 三级指标/指标名称)."""
    keys = {label_key(cell) for cell in row.cells}
    return "一级指标" in keys or ("二级指标" in keys and ("三级指标" in keys or "指标名称" in keys))


@dataclass(slots=True)
class Columns:
    """The indicator table's columns: role → index, and how many columns a full row has."""

    roles: dict[str, int]
    width: int

    @classmethod
    def from_header(cls, row: Row) -> Columns | None:
        roles: dict[str, int] = {}
        for index, cell in enumerate(row.cells):
            role = COLUMN_LABELS.get(label_key(cell))
            if role is not None and role not in roles:
                roles[role] = index
        if "value" not in roles or not ({"level3", "level1"} <= roles.keys() or "level3" in roles):
            return None
        if "level1" not in roles and "level2" not in roles:
            return None
        return cls(roles=roles, width=len(row.cells))


@dataclass(slots=True)
class IndicatorTable:
    """Turns the rows under one indicator header into indicators, carrying merged level cells down."""

    columns: Columns
    last_level1: str | None = None
    last_level2: str | None = None

    def read(self, row: Row, warnings: list[ReadWarning]) -> Indicator | None:
        """The indicator a body row holds; None (with a warning when it is damaged) for a row to skip."""
        cells = self.align(list(row.cells))
        if cells is None:
            warnings.append(self._short_row(row))
            return None
        if not any(cells):
            return None
        roles = self.columns.roles

        def cell(role: str) -> str | None:
            index = roles.get(role)
            return (cells[index] or None) if index is not None and index < len(cells) else None

        level1 = cell("level1") or self.last_level1
        level2 = cell("level2")
        if cell("level1"):
            self.last_level2 = None
        level2 = level2 or self.last_level2
        self.last_level1, self.last_level2 = level1, level2
        level3 = cell("level3")
        value = indicator_value(cell("value"), cell("comparator"), cell("unit"))
        if level1 is None:
            warnings.append(ReadWarning("indicator.no_level1", row.line, {"name": level3 or row.text()[:30]}))
        if not value.text and level3:
            warnings.append(ReadWarning("indicator.no_value", row.line, {"name": level3}))
        midterm_text = cell("midterm")
        weight_text = cell("weight")
        return Indicator(
            level1=level1,
            level2=level2,
            level3=level3,
            value=value,
            description=cell("description"),
            basis=cell("basis"),
            weight=parse_amount(weight_text) if weight_text else None,
            midterm_value=indicator_value(midterm_text, None, None) if midterm_text else None,
        )

    def _short_row(self, row: Row) -> ReadWarning:
        params = {"found": len(row.cells), "expected": self.columns.width, "text": row.text()[:60]}
        return ReadWarning("indicator.short_row", row.line, params)

    def align(self, cells: list[str]) -> list[str] | None:
        """Pad a row whose merged level-1/level-2 cells were dropped, so every cell sits under its header."""
        width = self.columns.width
        while cells and len(cells) > width and not cells[-1]:
            cells.pop()
        missing = width - len(cells)
        if missing <= 0:
            return cells
        has_level1 = "level1" in self.columns.roles
        has_level2 = "level2" in self.columns.roles
        first = cells[0] if cells else ""
        if frame.is_level1_name(first):
            return cells + [""] * missing
        if frame.is_level2_name(first) and has_level1:
            return [""] + cells + [""] * (missing - 1)
        leading = int(has_level1) + int(has_level2)
        if missing <= leading:
            return [""] * missing + cells
        if len(cells) >= 2:
            return [""] * leading + cells + [""] * (missing - leading)
        return None


def indicator_value(text: str | None, comparator: str | None, unit: str | None) -> IndicatorValue:
    """The value of a 指标值 cell, completed by separate 指标性质 and 度量单位 cells when the table has them."""
    if text is None:
        return IndicatorValue(text="")
    if comparator is None and unit is None:
        return parse_value(text)
    sign = COMPARATOR_WORDS.get(label_key(comparator or ""), comparator or "")
    if sign in ("定性", "qualitative"):
        return parse_value(text)
    return parse_value(f"{sign}{text}{unit or ''}")
