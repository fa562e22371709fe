"""The indicator table of a project: its header, and each row as an :class:`Indicator`.

A row whose merged level-1/level-2 cells were dropped is aligned under the header; empty level cells inherit the
row above (a merged cell printed once).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from jixiao.domain.errors import ReadWarning
from jixiao.domain.frame import is_level1_name, is_level2_name
from jixiao.domain.model import Indicator, IndicatorValue
from jixiao.domain.values import parse_value
from jixiao.formats.blocks import Row
from jixiao.formats.interpret.fit import INF, ODD_PLACEMENT, fit_exact, fit_row, place_cost
from jixiao.formats.interpret.labels import (
    COLUMN_LABELS,
    COMPARATOR_WORDS,
    WEAK_COLUMN_LABELS,
    LabelRegistry,
    label_key,
    parse_amount,
    period_note,
)

# The weak labels matched as COLUMN_LABELS are (a scan's 绩效指栎 is still 绩效指标, and still weak).
_WEAK = LabelRegistry(dict.fromkeys(WEAK_COLUMN_LABELS, "weak"))


CORE_MARKS = ("★",)
"""Printed before a core indicator's name (★补助种植数量; one to three of them)."""


def is_indicator_header(row: Row) -> bool:
    """Whether a row is the header of an indicator table (一级指标 …, or 二级指标 with 三级指标/指标名称)."""
    return _is_header(row.cells)


@lru_cache(maxsize=4096)
def _is_header(cells: tuple[str, ...]) -> bool:
    keys = {label_key(cell) for cell in cells}
    if "一级指标" in keys or ("二级指标" in keys and ("三级指标" in keys or "指标名称" in keys)):
        return True
    roles = {COLUMN_LABELS.get(key) for key in keys}
    if "二级指标" in keys and "value" in roles:
        return True
    if {"level1", "level2", "value"} <= roles:  # 一级 | 二级 | 三级 | 年度数值
        return True
    # a one-level table: 指标 | 指标权重 | 计量单位 | 指标性质 | 指标值
    return {"level3", "value"} <= roles and bool(roles & {"weight", "unit", "comparator"})


@dataclass(slots=True)
class Columns:
    """The indicator table's columns: role → index, and how many columns a full row has."""

    roles: dict[str, int]
    width: int

    @classmethod
    def from_header(cls, row: Row) -> Columns | None:
        roles: dict[str, int] = {}
        for weak in (False, True):
            if (
                weak
                and "level3" not in roles
                and {"level1", "level2", "description", "value"} <= roles.keys()
                and roles["description"] < roles["value"]
            ):
                roles["level3"] = roles.pop("description")  # 一级 | 二级 | 指标内容 | 指标值: the content names it
            for index, cell in enumerate(row.cells):
                key = label_key(cell)
                role = "level3" if key == "指标" else _period_role(key, COLUMN_LABELS.get(key))
                if role is not None and role not in roles and (key in _WEAK) is weak:
                    roles[role] = index
        if "value" not in roles or not ("level3" in roles or {"level1", "level2"} <= roles.keys()):
            return None  # a two-level frame (指标类型 | 指标名称) has no 三级指标
        spanning = [index for index, cell in enumerate(row.cells) if label_key(cell) in _WEAK]
        if spanning and spanning[0] not in roles.values() and spanning[0] < min(roles.values()):
            roles["spanning"] = spanning[0]  # 绩效指标 printed down the left of the level columns: no cell of its own
        if "level1" not in roles and "level2" not in roles and not roles.keys() & {"weight", "unit", "comparator"}:
            return None  # a one-level table names its indicators and prints their weight, unit or comparator
        width = len(row.cells)
        while width > 1 and not row.cells[width - 1]:
            width -= 1  # a web table padded with empty cells (| a | b | |||||)
        return cls(roles=roles, width=max(width, max(roles.values()) + 1))

    def role_list(self) -> list[str | None]:
        """The role of each column in order (None for a column the reader does not use).

        In a two-level frame the level-2 column names the indicator itself, so it takes any text (``level2_open``).
        """
        by_index: dict[int, str] = {index: role for role, index in self.roles.items()}
        if "level3" not in self.roles and "level2" in self.roles:
            by_index[self.roles["level2"]] = "level2_open"
        return [by_index.get(index) for index in range(self.width)]


@dataclass(slots=True)
class IndicatorTable:
    """Turns the rows under one indicator header into indicators, carrying merged level cells down."""

    columns: Columns
    last_level1: str | None = None
    last_level2: str | None = None
    placed: bool = False
    """Whether the row just aligned was placed by :func:`fit_row` rather than read as printed."""
    group: str | None = None
    """A category printed above the frame's level-1 names (实施效果指标 over 产出指标, 效益指标): a shifted frame."""

    def read(self, row: Row, warnings: list[ReadWarning], position: int = 0) -> Indicator | None:
        """The indicator a body row holds; None (with a warning when it is damaged) for a row to skip.

        ``position`` is the row's index among the project's indicators, for warnings that name one of its fields.
        """
        self.placed = False
        cells = self.align(list(row.cells))
        if cells is None:
            warnings.append(self._short_row(row))
            return None
        if not any(cells):
            return None
        cells = self._qualitative_mark(cells)
        cells, moved = self._qualitative_weight(cells)
        if moved:
            warnings.append(
                ReadWarning("indicator.guessed_cell", row.line, {"text": moved}, row=position, field_name="weight")
            )
        cell = self._by_role(cells)
        if self._group_row(cells):
            self.group = cell("level3") or cell("level1")
            return None
        first, second = cell("level1"), cell("level2")
        if self.group is not None and first and not second and is_level1_name(first):
            first, second = self.group, first  # under the group, the frame's level-1 names are the level 2
        elif first:
            self.group = None
        level1, level2 = self._levels(first, second)
        level3, value = cell("level3"), indicator_value(cell("value"), cell("comparator"), cell("unit"))
        core = (cell("core") or "").strip() in ("是", "√", "★", "Y", "y")
        if level3 and level3.lstrip().startswith(CORE_MARKS):
            level3, core = level3.lstrip().lstrip("".join(CORE_MARKS)).strip() or None, True
        if level1 is None and "level1" in self.columns.roles:
            warnings.append(
                ReadWarning(
                    "indicator.no_level1",
                    row.line,
                    {"name": level3 or row.text()[:30]},
                    row=position,
                    field_name="level1",
                )
            )
        if not value.text and level3:
            warnings.append(
                ReadWarning(
                    "indicator.no_value",
                    row.line,
                    {"name": level3},
                    row=position,
                    field_name="value" if self._has_data(cells) else "*",  # a name alone: is it an indicator?
                )
            )
        midterm, weight = cell("midterm"), cell("weight")
        if self.placed:
            warnings.extend(self._odd_placements(cells, row, position))
        for role in self.columns.roles:
            text = cell(role)
            if text and text in row.doubtful:
                field_name = "value" if role in ("comparator", "unit") else role
                warnings.append(
                    ReadWarning("indicator.guessed_cell", row.line, {"text": text}, row=position, field_name=field_name)
                )
        if level3 and row.doubtful and (is_level1_name(level3) or is_level2_name(level3)):
            # a category where a name should be, in a row whose cells the layout cut by guess
            params = {"name": level3}
            warnings.append(
                ReadWarning("indicator.category_as_name", row.line, params, row=position, field_name="level3")
            )
        if _year_as_quantity(value):
            params = {"text": value.text, "number": str(value.number), "unit": value.unit or ""}
            warnings.append(ReadWarning("indicator.year_as_number", row.line, params, row=position, field_name="value"))
        if level3 and cell("level3") in row.doubtful:  # where the name ends is a guess: so is the rest of the row
            warnings.append(
                ReadWarning("indicator.guessed_name", row.line, {"name": level3}, row=position, field_name="*")
            )
        return Indicator(
            level1=level1,
            level2=level2,
            level3=level3,
            value=value,
            description=cell("description"),
            basis=cell("basis"),
            weight=parse_amount(weight) if weight else None,
            midterm_value=indicator_value(midterm, None, None) if midterm else None,
            core=core,
        )

    def _group_row(self, cells: list[str]) -> bool:
        """A row holding only a category name that is no frame name (实施效果指标) in a table with level columns."""
        roles = self.columns.roles
        filled = [text for text in cells if text]
        if len(filled) != 1 or not {"level1", "level2", "level3"} <= roles.keys():
            return False
        text = filled[0]
        key = label_key(text)
        return (
            key.endswith("指标")
            and 4 <= len(key) <= 10
            and text in (cells[roles["level3"]], cells[roles["level1"]])
            and not is_level1_name(text)
            and not is_level2_name(text)
        )

    def _has_data(self, cells: list[str]) -> bool:
        """Whether a row holds more than level names and a name (a weight, unit, 指标性质 …)."""
        levels = {self.columns.roles.get(role) for role in ("level1", "level2", "level3")}
        return any(text for index, text in enumerate(cells) if index not in levels and index < self.columns.width)

    def _qualitative_mark(self, cells: list[str]) -> list[str]:
        """A 定性 placed under 指标值 while 指标性质 is empty: the mark of a row that prints no value (a copy that lost
        the empty value cell left it there), put back under 指标性质."""
        roles = self.columns.roles
        if not {"comparator", "value"} <= roles.keys() or max(roles["comparator"], roles["value"]) >= len(cells):
            return cells
        if label_key(cells[roles["value"]]) != "定性" or cells[roles["comparator"]]:
            return cells
        cells = list(cells)
        cells[roles["comparator"]], cells[roles["value"]] = cells[roles["value"]], ""
        return cells

    def _qualitative_weight(self, cells: list[str]) -> tuple[list[str], str]:
        """A 定性 row whose only number sits under 指标值 while 分值 is empty: the number is the weight (the
        qualitative row printed no value, and a copy that lost empty cells shifted the weight left)."""
        roles = self.columns.roles
        if not {"comparator", "value", "weight"} <= roles.keys():
            return cells, ""
        at = {role: roles[role] for role in ("comparator", "value", "weight")}
        if max(at.values()) >= len(cells):
            return cells, ""
        sign, value, weight = (cells[at[role]] for role in ("comparator", "value", "weight"))
        if label_key(sign) != "定性" or weight or parse_amount(value) is None:
            return cells, ""
        cells = list(cells)
        cells[at["weight"]], cells[at["value"]] = value, ""
        return cells, value

    def _odd_placements(self, cells: list[str], row: Row, position: int) -> list[ReadWarning]:
        """Cells the placement put where their kind rarely goes (an amount as the 三级指标 name): a guess to check."""
        found = []
        for role, text in zip(self.columns.role_list(), cells, strict=False):
            if role and text and ODD_PLACEMENT <= place_cost(role, text) < INF:
                field_name = "value" if role in ("comparator", "unit") else "level2" if role == "level2_open" else role
                found.append(
                    ReadWarning("indicator.odd_cell", row.line, {"text": text}, row=position, field_name=field_name)
                )
        return found

    def _by_role(self, cells: list[str]) -> Callable[[str], str | None]:
        """The text under the column of a role, None when the table has no such column or the cell is empty."""

        def cell(role: str) -> str | None:
            index = self.columns.roles.get(role)
            return (cells[index] or None) if index is not None and index < len(cells) else None

        return cell

    def _levels(self, level1: str | None, level2: str | None) -> tuple[str | None, str | None]:
        """Level names with empty (merged) cells carried down; a new level-1 does not inherit the old level-2."""
        if level1:
            self.last_level2 = None
        self.last_level1 = level1 or self.last_level1
        self.last_level2 = level2 or self.last_level2
        return self.last_level1, self.last_level2

    def _short_row(self, row: Row) -> ReadWarning:
        found = len(row.cells)
        while found > self.columns.width and not row.cells[found - 1]:
            found -= 1
        code = "indicator.long_row" if found > self.columns.width else "indicator.short_row"
        return ReadWarning(code, row.line, {"found": found, "expected": self.columns.width, "text": row.text()[:60]})

    def align(self, cells: list[str]) -> list[str] | None:
        """The row's cells under the header's columns; None when they cannot be placed (too many, or one cell)."""
        width, roles, first = self.columns.width, self.columns.role_list(), self.last_level1 is None
        while len(cells) > width and not cells[-1]:
            cells.pop()  # a web table's padding
        full = list(cells) if len(cells) == width else None
        as_printed = fit_exact(cells, roles, first=first)
        while cells and not cells[-1]:
            cells.pop()  # empty cells left over where merged level cells were dropped and the rest shifted left
        if len(cells) > width or sum(1 for cell in cells if cell) < 2:
            return list(as_printed.cells) if as_printed.cost < INF else full
        fit = fit_row(cells, roles, first=first)
        best = as_printed if as_printed.cost <= fit.cost else fit
        if best.cost == INF:
            return full  # a full row whose cells the frame does not know (满意度指标 as a level 2) stays as printed
        self.placed = best is fit and list(fit.cells) != full
        return list(best.cells)


def _period_role(key: str, role: str | None) -> str | None:
    """A column of the mid-term group (二级指标(长期) | 三级指标(长期) | 指标值(长期)): its value is the mid-term value,
    its level names repeat the annual group's and are not read."""
    if role is None or period_note(key) != "midterm":
        return role
    return "midterm" if role in ("value", "midterm") else None


def indicator_value(text: str | None, comparator: str | None, unit: str | None) -> IndicatorValue:
    """The value of a 指标值 cell, completed by separate 指标性质 and 度量单位 cells when the table has them.

    With those columns the value's text is the cells joined as merged tables print them (``≥`` ``30`` ``万元`` →
    ``≥30万元``; 正向/反向 become ≥/≤); a 定性 row keeps the 指标值 text alone.
    """
    if text is None:
        return IndicatorValue(text="")
    if comparator is None and unit is None:
        return parse_value(text)
    sign = COMPARATOR_WORDS.get(label_key(comparator or ""), comparator or "")
    if sign in ("定性", "qualitative"):
        return parse_value(text)
    if unit:
        own = parse_value(text)
        if own.unit or own.number is None:
            unit = None  # 28.8万元 or 应保尽保 under a 计量单位 of %: the value's own text says what it is
    return parse_value(f"{sign}{text}{unit or ''}")


def _year_as_quantity(value: IndicatorValue) -> bool:
    """A value read as a quantity whose number is a year and whose unit begins with 年 (2021年全年): a period."""
    number, unit = value.number, value.unit or ""
    return number is not None and unit.startswith("年") and number == int(number) and 1990 <= number <= 2100


def frame_level(text: str) -> int | None:
    """1 or 2 when a cell names a level-1 or level-2 category of the frame, else None."""
    if not text:
        return None
    if is_level1_name(text):
        return 1
    return 2 if is_level2_name(text) else None
