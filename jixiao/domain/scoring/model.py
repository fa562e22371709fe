"""The self-evaluation's data: what a unit enters (actuals, funds) and what the engine returns (scores, findings).

Inputs are mutable plain records (a form or a reader fills them in); results are frozen. Amounts, percentages and
scores are ``Decimal``; a score is rounded to 2 decimals where docs/domain/scoring.md says (once per row, once for the
total), nowhere else.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from jixiao.domain.findings import Finding as Finding
from jixiao.domain.model import Project

CENT = Decimal("0.01")
HUNDRED = Decimal(100)


def q2(number: Decimal) -> Decimal:
    """Rounded to 2 decimals, half up (the vendor displays 2 decimals; 7.275 → 7.28)."""
    return number.quantize(CENT, rounding=ROUND_HALF_UP)


def agrees(ours: Decimal, printed: Decimal, tolerance: Decimal) -> bool:
    """Whether a printed number states ours: equal within ``tolerance``, or equal at the printed precision when it
    prints at least one decimal (7.27 printed as 7.3 agrees; 7.60 printed as 8 does not)."""
    if abs(ours - printed) <= tolerance:
        return True
    exponent = printed.as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return places >= 1 and ours.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP) == printed


class Achievement(StrEnum):
    """The three self-evaluation grades of a qualitative indicator (V2, V4, V13); values are the official wording."""

    ACHIEVED = "达成年度指标"
    PARTIAL = "部分达成年度指标并具有一定效果"
    NOT_ACHIEVED = "未达成年度指标且效果较差"


class Method(StrEnum):
    """Which rule of docs/domain/scoring.md#indicator-score scored a row; ``label`` is its Chinese name, shown beside a
    row's score.

    A new method adds its member and its label here (a test checks that every member has one)."""

    POSITIVE = "positive"  # ≥, >
    REVERSE = "reverse"  # ≤, < (R1 or R2 by profile)
    EQUAL = "equal"  # =, or no comparator printed; a reverse target of 0 too
    RANGE = "range"  # 80%-90%: positive below the range, reverse above it
    TOLERANCE = "tolerance"  # ±3%: reverse on the size of the deviation
    QUALITATIVE = "qualitative"  # three grades, the scorer's choice checked against the band
    NOT_APPLICABLE = "not_applicable"  # excluded, the rest rescaled
    MANUAL = "manual"  # the rules cannot compare target and actual; the scorer's score stands unverified

    @property
    def label(self) -> str:
        return METHOD_LABELS.get(self, self.value)


METHOD_LABELS = {
    Method.POSITIVE: "正向",
    Method.REVERSE: "反向",
    Method.EQUAL: "等于",
    Method.RANGE: "区间",
    Method.TOLERANCE: "偏差",
    Method.QUALITATIVE: "定性",
    Method.NOT_APPLICABLE: "不适用",
    Method.MANUAL: "评分人评定",
}


class Grade(StrEnum):
    """The self-evaluation conclusion (selfresult, V3)."""

    EXCELLENT = "优"
    GOOD = "良"
    FAIR = "中"
    POOR = "差"


# ---------------------------------------------------------------------------------------------------------------
# Inputs


@dataclass(slots=True)
class FundLine:
    """One 项目资金 row (年度资金总额, 其中：本年财政拨款, 上年结转资金, 其他资金), amounts as printed."""

    label: str
    initial: Decimal | None = None
    budget: Decimal | None = None
    executed: Decimal | None = None


@dataclass(slots=True)
class Funds:
    """项目资金: the total row's amounts and, where printed, its 分值, 执行率 (percent) and 得分, and the parts.

    ``budget`` is 全年预算数 (A) — Sichuan's 调整后预算数 — and the rate's base; ``initial`` is 年初预算数.
    ``reason`` explains a low execution rate (mandatory in Sichuan below 90%, G7).
    """

    initial: Decimal | None = None
    budget: Decimal | None = None
    executed: Decimal | None = None
    weight: Decimal | None = None
    rate: Decimal | None = None
    score: Decimal | None = None
    reason: str | None = None
    parts: list[FundLine] = field(default_factory=list)


@dataclass(slots=True)
class IndicatorActual:
    """What the unit entered for one indicator: the actual (same grammar as the target), and optionally a weight
    that overrides the target's, the score it chose or published, and the deviation reason and measures."""

    actual: str | None = None
    weight: Decimal | None = None
    score: Decimal | None = None
    reason: str | None = None


@dataclass(slots=True)
class SelfEvaluation:
    """One project's self-evaluation: the targets (with their weights) and the actuals, row for row.

    ``actuals[i]`` belongs to ``project.indicators[i]``; a missing entry means nothing was entered.
    """

    project: Project
    funds: Funds = field(default_factory=Funds)
    actuals: list[IndicatorActual] = field(default_factory=list)
    goal_result: str | None = None
    published_total: Decimal | None = None
    published_grade: str | None = None
    title: str | None = None

    def actual(self, index: int) -> IndicatorActual:
        return self.actuals[index] if index < len(self.actuals) else IndicatorActual()


# ---------------------------------------------------------------------------------------------------------------
# Results


@dataclass(frozen=True, slots=True)
class ExecutionScore:
    """预算执行: the base and executed amounts, the rate in percent (2 dp), the weight and the score.

    ``applicable`` is False when the budget is 0 or missing: there is no rate, no score, and the total is rescaled
    (docs/domain/scoring.md#budget-execution — the vendor's divide-by-1 is not followed).
    """

    budget: Decimal | None
    executed: Decimal | None
    rate: Decimal | None
    weight: Decimal
    score: Decimal | None
    published_score: Decimal | None = None
    applicable: bool = True


@dataclass(frozen=True, slots=True)
class IndicatorScore:
    """One scored indicator row; ``score`` is None only for a not-applicable row."""

    position: int
    level1: str | None
    level2: str | None
    level3: str | None
    target: str
    actual: str
    weight: Decimal
    score: Decimal | None
    method: Method
    published_score: Decimal | None = None
    achievement: Achievement | None = None
    band: tuple[Decimal, Decimal] | None = None
    strict_miss: bool = False  # the actual equals a strict target (95% against ">95%"): reached, not completed

    @property
    def applicable(self) -> bool:
        return self.method is not Method.NOT_APPLICABLE

    @property
    def completed(self) -> bool | None:
        """Whether the row's target was met (None for a not-applicable row): its full weight, and not a strict
        target merely equalled."""
        if self.score is None:
            return None
        return self.score >= self.weight and not self.strict_miss


@dataclass(frozen=True, slots=True)
class ProjectScore:
    """A project's self-evaluation result: execution, every indicator, the total and grade, and the findings."""

    code: str | None
    name: str | None
    execution: ExecutionScore
    indicators: tuple[IndicatorScore, ...]
    total: Decimal
    grade: Grade
    published_total: Decimal | None = None
    published_grade: str | None = None
    findings: tuple[Finding, ...] = ()

    @property
    def indicator_total(self) -> Decimal:
        return sum((row.score for row in self.indicators if row.score is not None), Decimal(0))

    def findings_for(self, position: int | None) -> list[Finding]:
        """The findings about one indicator row (or, with None, about the project as a whole)."""
        return [finding for finding in self.findings if finding.position == position]
