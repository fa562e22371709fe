"""Placing a self-evaluation row's cells under its header when a layout lost some of them.

The same repair as :mod:`jixiao.formats.interpret.fit`, by its search
(:func:`~jixiao.formats.interpret.fit.best_placement`: cells classed by what they read as, placed in order under the
columns at the lowest cost; rows of a cell stream cut by dynamic programming), with the costs of a self-evaluation's
columns (实际完成值, 分值, 得分, 得分系数, 是否核心指标, 评分标准 …), which a target
table has not. A lost 实际完成值 costs less than a lost 分值 or 得分, because a unit that has not filled its actuals
still prints the weights (and the score column is the one left empty before the weight).

A placement is *doubtful* where another placement costs almost as little: the row lost cells and its numbers could
sit under other columns. The reader warns about those columns instead of guessing silently.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from jixiao.formats.interpret.fit import INF, Costs, Kind, best_placement, cut_rows, kind_of, off_line

# Units of measure printed in 计量单位 cells or after a number (a short word that is none is a value: 有效, 高).
UNITS = (
    "%", "‰", "万元", "千元", "亿元", "元", "万人次", "人次", "万人", "人", "户", "个", "次", "项", "件", "套", "台",
    "辆", "所", "家", "名", "篇", "份", "期", "场", "座", "处", "条", "株", "棵", "头", "只", "册", "本", "吨", "公斤",
    "千克",
    "平方米", "平方公里", "立方米", "公里", "千米", "厘米", "米", "亩", "公顷", "万粒", "粒", "天", "日", "小时",
    "个月", "月", "年", "起", "分",
)  # fmt: skip
_UNITS = frozenset({*UNITS, "平方", "万亩", "万人", "户次", "百分比", "个百分点", "元/人", "元/亩", "%/年"})
# Comparator glyphs the value grammar does not fold (a box-drawing ═ printed for =).
_SIGN_GLYPHS = frozenset({"═", "〓", "＝", "≧", "≦"})

# A framework sheet's category names print their points: 项目决策(15分), 决策依据 (4分).
_POINTS_NAME_RE = re.compile(r"^.{1,16}[(（]\s*\d+(?:\.\d+)?\s*分\s*[)）]$")
_VALUE_KINDS = {Kind.VALUE: 0.0, Kind.NUMBER: 0.0, Kind.TEXT: 0.4, Kind.UNIT: 0.6, Kind.SIGN: 1.5}
_NOTE_KINDS = {Kind.TEXT: 0.2, Kind.UNIT: 0.3, Kind.VALUE: 0.5, Kind.NUMBER: 0.5}

PLACE: dict[str, dict[Kind, float]] = {
    "seq": {Kind.NUMBER: 0},
    "level1": {Kind.LEVEL1: 0, Kind.LEVEL_EITHER: 0.5, Kind.TEXT: 2.5},
    "level2": {Kind.LEVEL2: 0, Kind.LEVEL_EITHER: 0, Kind.TEXT: 1.5, Kind.UNIT: 1.5},
    "level3": {Kind.TEXT: 0, Kind.UNIT: 0.5, Kind.LEVEL_EITHER: 1, Kind.VALUE: 1.5, Kind.LEVEL2: 3.5},
    "description": {Kind.TEXT: 0, Kind.UNIT: 0.5, Kind.VALUE: 1, Kind.LEVEL_EITHER: 1.5},
    "standard": {Kind.TEXT: 0, Kind.UNIT: 0.5, Kind.VALUE: 1},
    "comparator": {Kind.SIGN: 0},
    "unit": {Kind.UNIT: 0},
    "value": _VALUE_KINDS,
    "initial_value": _VALUE_KINDS,
    "adjusted_value": _VALUE_KINDS,
    "midterm": _VALUE_KINDS,
    "actual": _VALUE_KINDS,
    "weight": {Kind.NUMBER: 0},
    "score": {Kind.NUMBER: 0},
    "coefficient": {Kind.VALUE: 0, Kind.NUMBER: 0.2},
    "reason": _NOTE_KINDS,
    "basis": _NOTE_KINDS,
    "remark": _NOTE_KINDS,
    "method": _NOTE_KINDS,
    # the funds block's columns
    "initial": {Kind.NUMBER: 0},
    "budget": {Kind.NUMBER: 0},
    "executed": {Kind.NUMBER: 0},
    "rate": {Kind.VALUE: 0, Kind.NUMBER: 0.3},
    "points": {Kind.NUMBER: 0},  # a framework level's own 分值
    "absent": {},  # a column whose cells a layout folded into others (计量单位 run into the name)
}
# In a framework sheet (项目决策 / 项目过程 … with 指标分值 and 自评得分) the category names are no frame names.
FRAMEWORK_LEVELS = {Kind.TEXT: 0.3, Kind.UNIT: 0.3, Kind.LEVEL1: 0, Kind.LEVEL2: 0, Kind.LEVEL_EITHER: 0}

MISSING: dict[str, float] = {
    "level3": 4,
    "value": 2,
    "initial_value": 0.3,
    "adjusted_value": 0.2,
    "actual": 0.4,
    "score": 0.6,
    "weight": 0.8,
    "comparator": 0.5,
    "unit": 0.3,
    "description": 0.3,
    "standard": 0.2,
    "coefficient": 0.5,
    "core": 0.3,
    "seq": 0.5,
    "reason": 0.1,
    "initial": 0.3,
    "budget": 0.5,
    "executed": 0.5,
    "rate": 0.3,
}
_UNKNOWN_COLUMN = 2.5  # a cell under a column the reader does not use (绩效指标 over the level columns)
DOUBT_MARGIN = 0.5


@dataclass(frozen=True, slots=True)
class Placement:
    """Cells under columns (``cells[i]`` under column ``i``, "" when none), the cost, and the doubtful columns."""

    cost: float
    cells: tuple[str, ...]
    doubtful: frozenset[int] = frozenset()


def cell_kind(text: str) -> Kind:
    """:func:`~jixiao.formats.interpret.fit.kind_of`, with the comparator glyphs it does not know."""
    return Kind.SIGN if text.strip() in _SIGN_GLYPHS else kind_of(text)


@dataclass(frozen=True, eq=False)
class SelfevalCosts(Costs):
    """The self-evaluation's costs, with the cells a table cannot price by kind alone: a short word under 计量单位
    that is no unit, a 是否核心指标 cell, a framework sheet's category names (项目决策(15分))."""

    framework: bool = False

    def kind(self, text: str) -> Kind:
        return cell_kind(text)

    def place_cost(self, role: str | None, text: str) -> float:
        kind = cell_kind(text)
        if role == "unit" and kind is Kind.UNIT and text.strip() not in _UNITS:
            return 1.2  # a short word that is no unit of measure: a qualitative value (有效)
        if role == "core" and kind is not Kind.EMPTY:
            return 0 if text.strip() in ("是", "否", "★") else INF
        if self.framework and role in ("level1", "level2", "level3") and _POINTS_NAME_RE.match(text.strip()):
            return 0
        if self.framework and role in ("level1", "level2") and kind is not Kind.EMPTY:
            return FRAMEWORK_LEVELS.get(kind, INF)
        return super().place_cost(role, text)


COSTS = SelfevalCosts(PLACE, MISSING, unknown=2.5, exact_levels=True)
# A framework sheet's categories are no frame names, and any of them may open a row.
FRAMEWORK_COSTS = SelfevalCosts(PLACE, MISSING, unknown=2.5, level1_leads=False, exact_levels=True, framework=True)


def costs_of(framework: bool) -> SelfevalCosts:
    """The costs of an indicator table, or of a framework score sheet."""
    return FRAMEWORK_COSTS if framework else COSTS


def place_cost(role: str | None, text: str, framework: bool = False) -> float:
    """The cost of one cell under a column of ``role`` (None: a column the reader does not use)."""
    return costs_of(framework).place_cost(role, text)


def place_row(
    cells: Sequence[str], roles: Sequence[str | None], *, first: bool = False, framework: bool = False
) -> Placement:
    """The cheapest order-keeping placement of ``cells`` under ``roles``, with its doubtful columns."""
    return _place(tuple(cells), tuple(roles), first, framework)


@lru_cache(maxsize=16384)  # user text: bounded, as fit.py's caches
def _place(cells: tuple[str, ...], roles: tuple[str | None, ...], first: bool, framework: bool) -> Placement:
    best = best_placement(cells, roles, costs_of(framework), first=first)
    if best is None:
        return Placement(INF, ())
    cost, columns = best
    texts = [""] * len(roles)
    for column, text in zip(columns, cells, strict=True):
        texts[column] = text
    return Placement(cost, tuple(texts), _doubtful(cells, roles, first, framework, cost, columns))


def _doubtful(
    cells: tuple[str, ...],
    roles: tuple[str | None, ...],
    first: bool,
    framework: bool,
    cost: float,
    columns: tuple[int, ...],
) -> frozenset[int]:
    """Columns whose cell another placement, almost as cheap, puts elsewhere (or leaves empty)."""
    if len(cells) == len(roles):
        return frozenset()  # every column has its cell: nothing was lost
    found: set[int] = set()
    for index, column in enumerate(columns):
        if not cells[index] or roles[column] in ("level1", "level2"):
            continue
        other = best_placement(cells, roles, costs_of(framework), first=first, forbidden=(index, column))
        if other is not None and other[0] - cost < DOUBT_MARGIN:
            found.update({column, other[1][index]})
    return frozenset(found)


# A cell that fits no column still makes a row, so that the reader can name it (a row that starts inside a printed
# line or runs over a line end costs what fit.off_line says).
_JUNK_ROW = 8.0


def _place_window(
    cells: Sequence[str], roles: Sequence[str | None], *, first: bool, framework: bool, fused: bool
) -> Placement:
    """A window of the stream as a row; empty cells (which only keep positions) go when there are too many."""
    if not any(cells):  # empty cells between rows: nothing lost, but they belong to a row where they fit one
        return Placement(_EMPTY_CELLS, ("",) * len(roles))
    if len(cells) > len(roles):
        cells = [text for text in cells if text]
    if fused and len(cells) < len(roles):
        return place_fused_row(cells, roles, first=first, framework=framework)
    placed = place_row(cells, roles, first=first, framework=framework)
    if placed.cost < INF and _levels_only(cells):
        return Placement(_EMPTY_ROW, placed.cells)  # a category printed with no indicator under it (生态效益指标)
    return placed


_EMPTY_CELLS = 0.3
_LEVEL_KINDS = frozenset({Kind.LEVEL1, Kind.LEVEL2, Kind.LEVEL_EITHER})
_EMPTY_ROW = 1.0


def _levels_only(cells: Sequence[str]) -> bool:
    texts = [text for text in cells if text]
    return bool(texts) and all(kind_of(text) in _LEVEL_KINDS for text in texts)


def split_stream(
    cells: Sequence[str],
    roles: Sequence[str | None],
    starts: Sequence[bool] | None = None,
    *,
    framework: bool = False,
    fused: bool = False,
) -> list[tuple[int, Placement]]:
    """Cut a stream of cells into rows: ``(index of the row's first cell, its placement)`` per row."""
    width = len(roles)
    nonempty = [0]
    for text in cells:
        nonempty.append(nonempty[-1] + bool(text))

    def windows(end: int) -> Iterator[int]:
        for start in range(end - 1, -1, -1):
            if nonempty[end] - nonempty[start] > width:
                return
            yield start

    def place(start: int, end: int) -> tuple[float, Placement]:
        # splitting fused numbers is costly: only for a window that is a row as the layout shows it
        aligned = starts is None or (starts[start] and (end == len(cells) or starts[end]))
        fit = _place_window(cells[start:end], roles, first=start == 0, framework=framework, fused=fused and aligned)
        if fit.cost >= INF and end - start == 1:
            fit = Placement(_JUNK_ROW, (cells[start],))
        return fit.cost + off_line(starts, start, end, fit.cost), fit

    return cut_rows(len(cells), windows, place)


# -- numbers that ran into each other ------------------------------------------------------------------------------

_FUSED_RE = re.compile(r"^(?P<sign>(?:[≥≤><=≧≦＞＜＝]=?)?)(?P<digits>\d[\d.]*\d|\d{2,})(?P<unit>\D*)$")
_NUMBER_RE = re.compile(r"^(?:0|[1-9]\d*)(?:\.\d+)?$")
_SPLIT_COST = 0.4  # per number cut off an atom: a reading that needs fewer cuts is likelier
_MAX_PARTS = 4


@lru_cache(maxsize=8192)
def fused_splits(text: str, most: int = 4) -> tuple[tuple[str, ...], ...]:
    """The ways to read an atom as up to ``most`` numbers printed without a space (``20100%`` → ``20`` ``100%``): each
    part a well-formed number (no leading zero, one decimal point), the comparator with the first, the unit with the
    last."""
    match = _FUSED_RE.match(text.strip())
    if match is None or most < 2:
        return ()
    sign, digits, unit = match.group("sign"), match.group("digits"), match.group("unit")
    return tuple((sign + parts[0], *parts[1:-1], parts[-1] + unit) for parts in _cuts(digits, most) if len(parts) > 1)


@lru_cache(maxsize=8192)
def _cuts(digits: str, most: int) -> tuple[tuple[str, ...], ...]:
    found: list[tuple[str, ...]] = [(digits,)] if _NUMBER_RE.match(digits) else []
    if most > 1:
        for end in range(1, len(digits)):
            head = digits[:end]
            if _NUMBER_RE.match(head):
                found.extend((head, *rest) for rest in _cuts(digits[end:], most - 1))
    return tuple(found)


_MAX_READINGS = 3000


def _readings(cells: tuple[str, ...], width: int) -> list[tuple[tuple[str, ...], frozenset[int]]]:
    """The row's cells as printed and with fused atoms split, each with the indices of the parts that were split."""
    readings: list[tuple[tuple[str, ...], frozenset[int]]] = [((), frozenset())]
    spare = width - len(cells)
    for position, text in enumerate(cells):
        options = [(text,), *fused_splits(text, spare + 1)] if text else [(text,)]
        left = len(cells) - position - 1  # cells still to come, one column each at least
        grown: list[tuple[tuple[str, ...], frozenset[int]]] = []
        for done, split in readings:
            for option in options:
                if len(done) + len(option) + left <= width:
                    parts = frozenset(range(len(done), len(done) + len(option))) if len(option) > 1 else frozenset()
                    grown.append(((*done, *option), split | parts))
        readings = grown[:_MAX_READINGS]
    return readings


def place_fused_row(
    cells: Sequence[str], roles: Sequence[str | None], *, first: bool = False, framework: bool = False
) -> Placement:
    """:func:`place_row` for cells out of a run of text, where numbers may have run into each other (see
    :func:`_place_fused`)."""
    return _place_fused(tuple(cells), tuple(roles), first, framework)


@lru_cache(maxsize=4096)
def _place_fused(cells: tuple[str, ...], roles: tuple[str | None, ...], first: bool, framework: bool) -> Placement:
    """:func:`place_row` for cells out of a run of text, where numbers may have run into each other: every way of
    splitting them is placed, and the cheapest, with the arithmetic a row states taken into account (weights at most
    100, a score at most its weight, 执行数 ÷ 预算数 = 执行率), wins. Columns filled from a split are doubtful."""
    best = Placement(INF, ())
    for texts, split in _readings(tuple(cells), len(roles)):
        placed = place_row(texts, roles, first=first, framework=framework)
        if placed.cost >= INF:
            continue
        penalty = _SPLIT_COST * (len(texts) - len(cells)) + implausibility(placed.cells, roles)
        if placed.cost + penalty < best.cost:
            columns = _columns_of(texts, placed.cells, split)
            best = Placement(placed.cost + penalty, placed.cells, placed.doubtful | columns)
    return best


def place_plausible_row(cells: Sequence[str], roles: Sequence[str | None]) -> Placement:
    """:func:`place_row` for a funds row that lost cells, its own numbers (weights at most 100, 执行数 ÷ 预算数 =
    执行率 …) counted against a placement that contradicts them: every order-keeping placement is tried."""
    best = Placement(INF, ())
    for columns in itertools.combinations(range(len(roles)), len(cells)):
        texts = [""] * len(roles)
        for column, text in zip(columns, cells, strict=True):
            texts[column] = text
        cost = sum(place_cost(roles[column], text) for column, text in zip(columns, cells, strict=True))
        cost += sum(MISSING.get(role or "", 0) for role, text in zip(roles, texts, strict=True) if not text)
        cost += implausibility(texts, roles)
        if cost < best.cost:
            best = Placement(cost, tuple(texts))
    if best.cost >= INF:
        return best
    near = place_row(cells, roles)  # the cheapest placement without the arithmetic, for the doubtful columns
    return Placement(best.cost, best.cells, near.doubtful | _differing(best.cells, near.cells))


def _differing(first: Sequence[str], second: Sequence[str]) -> frozenset[int]:
    return frozenset(index for index, (a, b) in enumerate(zip(first, second, strict=False)) if a != b)


def _columns_of(texts: tuple[str, ...], placed: tuple[str, ...], split: frozenset[int]) -> frozenset[int]:
    """The columns that received the parts of a split atom (placement keeps the order of the cells)."""
    columns: set[int] = set()
    index = 0
    for column, text in enumerate(placed):
        if text and index < len(texts) and text == texts[index]:
            if index in split:
                columns.add(column)
            index += 1
    return frozenset(columns)


def implausibility(cells: Sequence[str], roles: Sequence[str | None]) -> float:
    """What a placed row's own numbers say against it: a weight over 100, a score over its weight, an execution rate
    that 执行数 ÷ 预算数 contradicts, a score that 执行率 × 分值 contradicts."""
    number = _numbers(cells, roles)
    cost = 2.0 * sum(1 for text in cells if re.match(r"^\D{0,2}0\d", text or ""))  # 0100%: no number starts so
    weight, score = number.get("weight"), number.get("score")
    if weight is not None and weight > 100:
        cost += 3
    if weight is not None and score is not None and score > weight:
        cost += 2
    budget, executed, rate = number.get("budget"), number.get("executed"), number.get("rate")
    if budget and executed is not None and rate is not None and abs(executed / budget * 100 - rate) > 1:
        cost += 1.5
    for share in (rate, number.get("coefficient")):
        if share is not None and weight is not None and score is not None and abs(share * weight / 100 - score) > 0.06:
            cost += 1  # 得分 = 执行率 (or 得分系数) × 分值
    if rate is not None and rate > 200:
        cost += 3  # no execution rate is that high but by digits run together
    cost += 2 * sum(1 for amount in number.values() if amount >= 1e10)  # nor any amount
    for group, penalty in ((("initial", "budget", "executed"), 2.0), (("value", "actual"), 1.0)):
        amounts = [number[role] for role in group if role in number]
        if len(amounts) >= 2 and (0 in amounts) != (max(amounts) == 0):
            cost += penalty / 2  # nothing budgeted beside something spent (or the reverse)
        amounts = [amount for amount in amounts if amount]
        if len(amounts) >= 2 and max(amounts) > 10 * min(amounts):
            cost += penalty  # amounts of one row differ by an order of magnitude only by a misreading
    return cost


def _numbers(cells: Sequence[str], roles: Sequence[str | None]) -> dict[str, float]:
    found: dict[str, float] = {}
    for role, raw in zip(roles, cells, strict=False):
        text = (raw or "").replace(",", "")
        digits = re.fullmatch(
            r"\s*(?:[≥≤><=≧≦]=?)?\s*(\d+(?:\.\d+)?)\s*(%|万元|元|[\u4e00-\u9fff]{1,3})?\s*", text or ""
        )
        if role and digits:
            found[role] = float(digits.group(1))
    if "rate" in found and found["rate"] <= 1.5 and "%" not in (cells[roles.index("rate")] or ""):
        found["rate"] *= 100  # 执行率 printed as a fraction (1 = 100%)
    return found
