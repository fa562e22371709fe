"""The performance-target document (绩效目标) as plain, framework-free data.

Everything is kept as printed: level names, texts and amounts are not normalised here, so a document can be written
back exactly. Amounts are ``Decimal`` in the document's own ``amount_unit`` (万元 or 元).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum


class Comparator(StrEnum):
    """The comparison an indicator value states; ``None`` on a value means none was printed."""

    GE = ">="
    LE = "<="
    GT = ">"
    LT = "<"
    EQ = "="

    @property
    def symbol(self) -> str:
        """The symbol as official tables print it."""
        return _SYMBOLS[self]

    @property
    def is_upper_bound(self) -> bool:
        """True for ≤ and <: the indicator is a reverse (反向) indicator."""
        return self in (Comparator.LE, Comparator.LT)

    @property
    def is_lower_bound(self) -> bool:
        """True for ≥ and >: the indicator is a positive (正向) indicator."""
        return self in (Comparator.GE, Comparator.GT)


_SYMBOLS = {
    Comparator.GE: "≥",
    Comparator.LE: "≤",
    Comparator.GT: ">",
    Comparator.LT: "<",
    Comparator.EQ: "=",
}


class ValueKind(StrEnum):
    """What an indicator value is: a number to reach, a date to meet, or a description."""

    QUANTITATIVE = "quantitative"
    QUALITATIVE = "qualitative"
    DEADLINE = "deadline"


@dataclass(frozen=True, slots=True)
class IndicatorValue:
    """One parsed 指标值.

    ``text`` is exactly what was printed. For a range (``80%-90%``) ``number`` is the lower and ``upper`` the upper
    end and ``comparator`` is None. For ``±3%以内`` the comparator is ``<=`` and ``tolerance`` is True: the deviation
    must stay within the number. For a deadline, ``number`` is None and ``date`` holds the date as far as printed,
    in ISO form: ``2021-12-31``, ``2021-12``, ``2021`` or, without a year, ``--12-31`` / ``--12``.
    """

    text: str
    comparator: Comparator | None = None
    number: Decimal | None = None
    unit: str | None = None
    kind: ValueKind = ValueKind.QUALITATIVE
    upper: Decimal | None = None
    tolerance: bool = False
    date: str | None = None

    @property
    def is_percent(self) -> bool:
        return self.unit == "%"


@dataclass(slots=True)
class Indicator:
    """A level-3 indicator row (三级指标) with its level-1/level-2 categories as printed."""

    level1: str | None
    level2: str | None
    level3: str | None
    value: IndicatorValue
    description: str | None = None
    basis: str | None = None
    weight: Decimal | None = None
    midterm_value: IndicatorValue | None = None
    core: bool = False
    """A core indicator (核心指标): marked ★ before its name or 是 in a 是否核心指标 column."""


@dataclass(slots=True)
class Budget:
    """预算规模: total = fiscal (财政资金) + other (其他资金), in the document's amount unit.

    ``midterm`` is the mid-term total (中期资金总额) where a table prints it beside the annual one.
    """

    total: Decimal | None = None
    fiscal: Decimal | None = None
    other: Decimal | None = None
    midterm: Decimal | None = None


@dataclass(frozen=True, slots=True)
class SpendingCheckpoint:
    """One point of the cumulative spending plan (资金支出计划), e.g. 6月底 → 50%."""

    label: str
    month: int | None
    percent: Decimal | None


@dataclass(slots=True)
class Unit:
    """The budget unit (预算单位) line of a project table, e.g. ``287001中国共产党…老干部局(本级)``."""

    code: str | None
    name: str | None


@dataclass(slots=True)
class Project:
    """A budget project's target table (项目支出绩效目标表)."""

    code: str | None
    name: str | None
    unit: Unit | None = None
    budget: Budget = field(default_factory=Budget)
    fund_use: str | None = None
    spending_plan: list[SpendingCheckpoint] = field(default_factory=list)
    goal: str | None = None
    midterm_goal: str | None = None
    indicators: list[Indicator] = field(default_factory=list)
    title: str | None = None


@dataclass(slots=True)
class SubGoal:
    """A 分项绩效目标 of the department: a duty with its description and the refinements (细化) it lists."""

    title: str
    description: str | None = None
    refinements: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Safeguard:
    """A 工作保障措施 entry."""

    title: str
    description: str | None = None


@dataclass(slots=True)
class Overall:
    """Part 1: the department-overall targets (部门整体绩效目标)."""

    goal: str | None = None
    subgoals: list[SubGoal] = field(default_factory=list)
    safeguards: list[Safeguard] = field(default_factory=list)


@dataclass(slots=True)
class Department:
    code: str | None
    name: str | None


@dataclass(slots=True)
class TargetDocument:
    """A whole published target document: optional Part 1 and any number of project tables."""

    year: int | None
    amount_unit: str | None
    department: Department
    overall: Overall | None = None
    projects: list[Project] = field(default_factory=list)
    title: str | None = None

    def indicators(self) -> list[tuple[Project, Indicator]]:
        """Every indicator with the project it belongs to, in document order."""
        return [(project, indicator) for project in self.projects for indicator in project.indicators]
