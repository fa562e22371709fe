"""Fitting cells under an indicator header when a layout lost some of them.

Layouts drop cells: a web page drops merged level-1/level-2 cells (so later cells shift left), and a text copied
from a PDF or Word loses every empty cell and every row boundary. Both are repaired here the same way: each cell is
classed by what it reads as (a level-1 or level-2 name from :mod:`jixiao.domain.frame`, a value the grammar
understands, a comparator, a unit, a number, other text), and cells are placed in order under the header's columns
at the lowest cost. A lost level cell costs nothing (the row above carries it down); a lost 三级指标 or 指标值 costs
much, a lost optional cell a little. :func:`fit_row` places one row's cells; :func:`split_rows` also finds where the
rows of a cell stream begin.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache
from typing import TypeVar

from jixiao.domain import frame
from jixiao.domain.model import ValueKind
from jixiao.domain.values import normalise, parse_value
from jixiao.formats.interpret.labels import COMPARATOR_WORDS, WEAK_COLUMN_LABELS, label_key, parse_amount

INF = float("inf")


class Kind(Enum):
    """What a cell reads as."""

    EMPTY = "empty"
    LEVEL1 = "level1"
    LEVEL2 = "level2"
    LEVEL_EITHER = "level1 or level2"
    SIGN = "sign"
    NUMBER = "number"
    VALUE = "value"
    UNIT = "unit"
    TEXT = "text"


_SIGNS = {"≥", "≤", ">", "<", "=", ">=", "<="}
# A unit is short (万元, 人次, 平方公里, %) or a compound with one or two slashes (元/人·天, 元/生/年).
_UNIT_RE = re.compile(
    r"[%‰℃°㎡a-zA-Z\u4e00-\u9fff²³]{1,4}|[%‰a-zA-Z\u4e00-\u9fff²³]{1,4}(?:/[a-zA-Z\u4e00-\u9fff·・]{1,4}){1,2}"
)


@lru_cache(maxsize=16384)
def kind_of(text: str) -> Kind:
    """The kind of a cell's text."""
    if not text:
        return Kind.EMPTY
    level1, level2 = frame.is_level1_name(text), frame.is_level2_name(text)
    if level1 or level2:
        return Kind.LEVEL_EITHER if level1 and level2 else Kind.LEVEL1 if level1 else Kind.LEVEL2
    if normalise(text) in _SIGNS or label_key(text) in COMPARATOR_WORDS:
        return Kind.SIGN
    if parse_amount(text) is not None:
        return Kind.NUMBER
    if parse_value(text).kind is not ValueKind.QUALITATIVE:
        return Kind.VALUE
    if _UNIT_RE.fullmatch(normalise(text)):
        return Kind.UNIT
    return Kind.TEXT


# Cost of a cell of a kind under a column of a role; a missing kind is impossible there (INF).
_PLACE: dict[str, dict[Kind, float]] = {
    "level1": {Kind.LEVEL1: 0, Kind.LEVEL_EITHER: 0.5},
    "level2": {Kind.LEVEL2: 0, Kind.LEVEL_EITHER: 0, Kind.LEVEL1: 3},  # 满意度指标 | 满意度指标: the name repeated
    "level2_open": {Kind.LEVEL2: 0, Kind.LEVEL_EITHER: 0, Kind.TEXT: 1.0, Kind.UNIT: 1.5},
    "level3": {Kind.TEXT: 0, Kind.UNIT: 0.5, Kind.LEVEL_EITHER: 1, Kind.VALUE: 1.5, Kind.NUMBER: 2, Kind.LEVEL2: 3.5},
    "description": {Kind.TEXT: 0, Kind.UNIT: 0.5, Kind.VALUE: 1, Kind.LEVEL_EITHER: 1.5, Kind.LEVEL2: 3.5},
    "value": {Kind.VALUE: 0, Kind.NUMBER: 0, Kind.TEXT: 0.4, Kind.UNIT: 0.6},
    "midterm": {Kind.VALUE: 0, Kind.NUMBER: 0, Kind.TEXT: 0.4, Kind.UNIT: 0.6},
    "comparator": {Kind.SIGN: 0},
    "unit": {Kind.UNIT: 0},
    "weight": {Kind.NUMBER: 0},
    "basis": {Kind.TEXT: 0.2, Kind.UNIT: 0.3, Kind.VALUE: 1, Kind.NUMBER: 1},
    "remark": {Kind.TEXT: 0.2, Kind.UNIT: 0.3, Kind.VALUE: 0.5, Kind.NUMBER: 0.5},
}

# A cell placed at this cost or more sits where its kind rarely goes: the reader flags the field it fills.
ODD_PLACEMENT = 1.5

# Cost of a column left without a cell. Level cells are carried down from the row above, so they cost nothing
# except in a table's first row; a row that starts a level-1 group must also name its level-2.
_MISSING: dict[str, float] = {
    "level3": 4,
    "value": 3,
    "midterm": 1.5,
    "description": 0.3,
    "comparator": 0.5,
    "unit": 0.3,
    "weight": 0.5,
    "basis": 0.3,
    "remark": 0.1,
}


@dataclass(frozen=True, eq=False)
class Costs:
    """What a placement costs.

    ``place[role][kind]``: a cell of a kind under a column of a role (a kind absent is impossible there);
    ``missing[role]``: a column left without a cell; ``unknown``: a cell under a column the reader does not use;
    ``level1_leads``: a level-1 name can only open a row; ``exact_levels``: the search itself counts the lost level
    cells (run without and with a level-1 cell, which decides what a lost level-2 costs) instead of adding them to the
    cheapest placement found without them. Compared by identity (the instances are module constants).
    """

    place: Mapping[str, Mapping[Kind, float]]
    missing: Mapping[str, float]
    unknown: float = 0.5
    level1_leads: bool = True
    exact_levels: bool = False
    qualitative_value: float = INF
    """The cost of a 指标性质 of 定性 under 指标值: a 定性 row prints no value, and a copy that lost its empty cells
    can leave the mark where the value cell was (the indicator reader moves it back under 指标性质)."""

    def kind(self, text: str) -> Kind:
        """What a cell reads as."""
        return kind_of(text)

    def place_cost(self, role: str | None, text: str) -> float:
        """The cost of one cell under a column of ``role`` (None: a column the reader does not use)."""
        kind = self.kind(text)
        if kind is Kind.EMPTY:
            return 0
        if role is None:
            return self.unknown
        if role == "spanning":  # the vertical 绩效指标 label left of the level columns holds nothing but itself
            return 0 if label_key(text) in WEAK_COLUMN_LABELS else INF
        if role == "value" and kind is Kind.SIGN and label_key(text) == "定性":
            return self.qualitative_value
        return self.place.get(role, {}).get(kind, INF)

    def missing_cost(self, role: str | None, level1_placed: bool, first: bool) -> float:
        """The cost of leaving a column of ``role`` without a cell. Level cells are carried down from the row above,
        so they cost nothing except in a table's first row; a row that opens a level-1 group must name its level-2."""
        if role == "level1":
            return 2 if first else 0
        if role in ("level2", "level2_open"):
            return 2 if first or level1_placed else 0
        return self.missing.get(role or "", 0)


TARGET_COSTS = Costs(_PLACE, _MISSING, qualitative_value=0.95)


@dataclass(frozen=True, slots=True)
class Fit:
    """Cells placed under columns: ``cells[i]`` is the text under column ``i`` ("" when none was there)."""

    cost: float
    cells: tuple[str, ...]


def place_cost(role: str | None, text: str) -> float:
    """The cost of one cell under a target table's column of ``role`` (None: a column the reader does not use)."""
    return TARGET_COSTS.place_cost(role, text)


def fit_row(cells: Sequence[str], roles: Sequence[str | None], *, first: bool = False) -> Fit:
    """The cheapest order-keeping placement of ``cells`` under columns with ``roles``."""
    return _fit(tuple(cells), tuple(roles), first)


def _level1_leads(cells: Sequence[str]) -> bool:
    """A level-1 name can only be a row's first non-empty cell, or the second when it repeats the first (tables
    that print 满意度指标 as the level-2 under 满意度指标)."""
    filled = [cell for cell in cells if cell and label_key(cell) not in WEAK_COLUMN_LABELS]  # 绩效指标 | 产出指标
    return not any(
        kind_of(cell) is Kind.LEVEL1 and not (index == 1 and frame.category_key(cell) == frame.category_key(filled[0]))
        for index, cell in enumerate(filled[1:], start=1)
    )


def fit_exact(cells: Sequence[str], roles: Sequence[str | None], *, first: bool = False) -> Fit:
    """The cost of a full row's cells taken as they stand, cell ``i`` under column ``i``."""
    if len(cells) != len(roles) or not _level1_leads(cells):
        return Fit(INF, ())
    return _fit_of(tuple(cells), tuple(roles), tuple(range(len(cells))), first)


@lru_cache(maxsize=16384)
def _fit(cells: tuple[str, ...], roles: tuple[str | None, ...], first: bool) -> Fit:
    best = best_placement(cells, roles, first=first)
    if best is None:
        return Fit(INF, ())
    return Fit(best[0], _texts(cells, len(roles), best[1]))


def _fit_of(cells: tuple[str, ...], roles: tuple[str | None, ...], columns: tuple[int, ...], first: bool) -> Fit:
    return Fit(placement_cost(cells, roles, columns, first=first), _texts(cells, len(roles), columns))


def _texts(cells: Sequence[str], width: int, columns: Sequence[int]) -> tuple[str, ...]:
    """The cells laid under their columns, "" under a column without one."""
    texts = [""] * width
    for column, text in zip(columns, cells, strict=True):
        texts[column] = text
    return tuple(texts)


def placement_cost(
    cells: Sequence[str],
    roles: Sequence[str | None],
    columns: Sequence[int],
    costs: Costs = TARGET_COSTS,
    *,
    first: bool = False,
) -> float:
    """The cost of cell ``i`` under column ``columns[i]``, columns left without a cell included."""
    level1 = any(text and roles[column] == "level1" for column, text in zip(columns, cells, strict=True))
    filled = {column for column, text in zip(columns, cells, strict=True) if text}
    cost = sum(costs.place_cost(roles[column], text) for column, text in zip(columns, cells, strict=True))
    return cost + sum(
        costs.missing_cost(role, level1, first) for column, role in enumerate(roles) if column not in filled
    )


@lru_cache(maxsize=65536)
def best_placement(
    cells: tuple[str, ...],
    roles: tuple[str | None, ...],
    costs: Costs = TARGET_COSTS,
    *,
    first: bool = False,
    forbidden: tuple[int, int] | None = None,
) -> tuple[float, tuple[int, ...]] | None:
    """The cheapest order-keeping placement of ``cells`` under ``roles``: its cost and each cell's column (None when
    there is none). ``forbidden`` = (cell, column) that may not pair, to find the next best placement."""
    if len(cells) > len(roles) or (costs.level1_leads and not _level1_leads(cells)):
        return None  # a level-1 name can only open a row
    if not costs.exact_levels:
        found = _search(cells, roles, costs, first, forbidden, None)
        return None if found is None else (placement_cost(cells, roles, found[1], costs, first=first), found[1])
    options = [_search(cells, roles, costs, first, forbidden, level1) for level1 in (False, True)]
    return min((option for option in options if option is not None), key=lambda option: option[0], default=None)


def _search(
    cells: tuple[str, ...],
    roles: tuple[str | None, ...],
    costs: Costs,
    first: bool,
    forbidden: tuple[int, int] | None,
    level1: bool | None,
) -> tuple[float, tuple[int, ...]] | None:
    """Dynamic programming over (cells placed, columns used). ``level1``: whether the first cell sits under the
    level-1 column (only it may then), None to leave the lost level cells out of the search."""
    count, width = len(cells), len(roles)
    if level1 is None:
        skip = [costs.missing.get(role or "", 0) for role in roles]
    else:
        skip = [costs.missing_cost(role, level1, first) for role in roles]
    # cost[i][j]: the first i cells placed within the first j columns; took[i][j]: cell i-1 sits in column j-1.
    cost = [[0.0] * (width + 1)] + [[INF] * (width + 1) for _ in range(count)]
    took = [[False] * (width + 1) for _ in range(count + 1)]
    for j in range(1, width + 1):
        cost[0][j] = cost[0][j - 1] + skip[j - 1]
    for i in range(1, count + 1):
        for j in range(i, width + 1):
            here = costs.place_cost(roles[j - 1], cells[i - 1])
            level1_barred = level1 is not None and roles[j - 1] == "level1" and (i > 1 or not level1)
            if forbidden == (i - 1, j - 1) or level1_barred:
                here = INF
            take = cost[i - 1][j - 1] + here + (skip[j - 1] if not cells[i - 1] else 0)
            leave = cost[i][j - 1] + skip[j - 1]
            cost[i][j], took[i][j] = (take, True) if take < leave else (leave, False)
    if cost[count][width] >= INF:
        return None
    columns = _columns(took, count, width)
    if level1 and "level1" in roles and (not columns or roles[columns[0]] != "level1"):
        return None
    return cost[count][width], columns


def _columns(took: list[list[bool]], count: int, width: int) -> tuple[int, ...]:
    columns: list[int] = []
    i, j = count, width
    while i > 0:
        if took[i][j]:
            columns.append(j - 1)
            i -= 1
        j -= 1
    return tuple(reversed(columns))


# A cell that fits no column (a stray page number, a fragment) still makes a row, so that the reader can name it.
_JUNK_ROW = 8.0


# With line boundaries known (one printed row per line), a row that starts inside a line, or runs over a line end,
# costs this much per boundary: a hint the placement can overrule (a long name wraps onto the next line).
_OFF_LINE = 1.5


def split_rows(
    cells: Sequence[str], roles: Sequence[str | None], line_starts: Sequence[bool] | None = None
) -> list[tuple[int, Fit]]:
    """Cut a stream of non-empty cells into rows: ``(index of the row's first cell, its fit)`` per row.

    A cell that fits nowhere becomes a row of its own, with its cells as they were (the reader warns about it).
    ``line_starts[i]`` tells whether cell ``i`` begins a printed line, where a layout keeps rows on lines.
    """

    def place(start: int, end: int) -> tuple[float, Fit]:
        fit = fit_row(cells[start:end], roles, first=start == 0)
        if fit.cost == INF and end - start == 1:
            fit = Fit(_JUNK_ROW, (cells[start],))
        return fit.cost + off_line(line_starts, start, end, fit.cost), fit

    return cut_rows(len(cells), lambda end: range(max(0, end - len(roles)), end), place)


def off_line(line_starts: Sequence[bool] | None, start: int, end: int, cost: float) -> float:
    """What a row of cells ``start:end`` costs for starting inside a printed line or running over a line end."""
    if line_starts is None or cost == INF:
        return 0.0
    crossings = sum(1 for index in range(start + 1, end) if line_starts[index])
    return _OFF_LINE * (crossings + (not line_starts[start]))


_Row = TypeVar("_Row")


def cut_rows(
    count: int, windows: Callable[[int], Iterable[int]], place: Callable[[int, int], tuple[float, _Row]]
) -> list[tuple[int, _Row]]:
    """The cheapest cut of ``count`` cells into rows: ``place(start, end)`` gives a row's cost and reading, for each
    ``start`` that ``windows(end)`` offers; ``(start, reading)`` per row, in order. Shared by every reader that
    rebuilds rows from a stream of cells."""
    best: list[tuple[float, int, _Row | None]] = [(0.0, 0, None) for _ in range(count + 1)]
    for end in range(1, count + 1):
        best[end] = (INF, 0, None)
    for end in range(1, count + 1):
        for start in windows(end):
            cost, row = place(start, end)
            if best[start][0] + cost < best[end][0]:
                best[end] = (best[start][0] + cost, start, row)
    rows: list[tuple[int, _Row]] = []
    end = count
    while end > 0:
        _, start, reading = best[end]
        assert reading is not None  # every end is reachable: a single cell is always a (junk) row
        rows.append((start, reading))
        end = start
    return rows[::-1]


def total_cost(cells: Sequence[str], roles: Sequence[str | None]) -> float:
    """The cost of the best cut of ``cells`` into rows."""
    return sum(fit.cost for _, fit in split_rows(cells, roles))


def misfits(cells: Sequence[str], roles: Sequence[str | None]) -> list[int]:
    """Indices of the cells that the best cut places at a cost: in a column that does not suit them, or alone."""
    found: list[int] = []
    for start, fit in split_rows(cells, roles):
        placed = [(column, text) for column, text in enumerate(fit.cells) if text]
        for offset, (column, text) in enumerate(placed):
            role = roles[column] if len(fit.cells) == len(roles) else None
            if len(fit.cells) != len(roles) or place_cost(role, text) > 0:
                found.append(start + offset)
    return found
