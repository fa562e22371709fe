"""Project-level checks of a scored self-evaluation, one small function each; the engine runs ``CHECKS`` in order.

Each takes the :class:`Facts` of one project and yields findings: the weights add up, the indicators' achievement
does not run ahead of the spending (V3), the explanations a profile requires are there, and the table's own totals
and grade agree with its parts and with ours.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from jixiao.domain.findings import Severity
from jixiao.domain.frame import category_key
from jixiao.domain.profiles.scoring import ScoringSettings
from jixiao.domain.scoring.model import (
    HUNDRED,
    ExecutionScore,
    Finding,
    Grade,
    IndicatorScore,
    SelfEvaluation,
    agrees,
    q2,
)
from jixiao.domain.scoring.weights import missing_level1
from jixiao.domain.values import format_number

ZERO = Decimal(0)


@dataclass(frozen=True, slots=True)
class Facts:
    """What the project checks look at."""

    evaluation: SelfEvaluation
    rows: tuple[IndicatorScore, ...]
    execution: ExecutionScore
    total: Decimal
    grade: Grade
    settings: ScoringSettings

    @property
    def indicator_weight(self) -> Decimal:
        return sum((row.weight for row in self.rows if row.applicable), ZERO)

    @property
    def indicator_score(self) -> Decimal:
        return sum((row.score for row in self.rows if row.score is not None), ZERO)


Check = Callable[[Facts], Iterator[Finding]]


def weights_sum(facts: Facts) -> Iterator[Finding]:
    """The points of the table add up to the scheme's total (100)."""
    indicators = sum((row.weight for row in facts.rows), ZERO)
    total, expected = indicators + facts.execution.weight, facts.settings.scheme.total
    if total != expected:
        params = {
            "total": format_number(total),
            "execution": format_number(facts.execution.weight),
            "indicators": format_number(indicators),
        }
        yield Finding("weights.sum", Severity.WARNING, {**params, "expected": format_number(expected)})


_PRINTED_POINTS_RE = re.compile(r"[(（]\s*(\d+(?:\.\d+)?)\s*分\s*[)）]")


def weights_level1(facts: Facts) -> Iterator[Finding]:
    """A level-1 printed with its points (产出指标(50分), E1) holds rows whose weights add up to them."""
    sums: dict[str, tuple[Decimal, Decimal]] = {}
    for row in facts.rows:
        match = _PRINTED_POINTS_RE.search(row.level1 or "")
        if match and row.level1:
            printed, found = sums.get(row.level1, (Decimal(match.group(1)), ZERO))
            sums[row.level1] = (printed, found + row.weight)
    for level1, (printed, found) in sums.items():
        if printed != found:
            params = {
                "level1": category_key(level1) + "指标",
                "found": format_number(found),
                "printed": format_number(printed),
            }
            yield Finding("weights.level1", Severity.WARNING, params)


def level1_missing(facts: Facts) -> Iterator[Finding]:
    """A scheme with fixed level-1 points needs a row in each level-1 (T2 asks for all three)."""
    scheme = facts.settings.scheme
    if not scheme.by_level1 or not any(row.level1 for row in facts.rows):
        return  # department-overall tables print no level-1: there is nothing to miss
    for name, points in missing_level1(facts.evaluation.project.indicators, scheme):
        yield Finding("weights.level1_missing", Severity.WARNING, {"level1": name, "points": format_number(points)})


def consistency(facts: Facts) -> Iterator[Finding]:
    """V3's red warning: (indicator rate − execution rate) / indicator rate above the margin (5%)."""
    execution = facts.execution
    if not execution.applicable or execution.score is None or execution.weight <= 0 or facts.indicator_weight <= 0:
        return
    indicators = facts.indicator_score / facts.indicator_weight
    spent = execution.score / execution.weight
    if indicators <= 0:
        return
    gap = (indicators - spent) / indicators
    if gap > facts.settings.consistency_margin:
        params = {
            "indicators": format_number(q2(indicators * HUNDRED)),
            "execution": format_number(q2(spent * HUNDRED)),
            "gap": format_number(q2(gap * HUNDRED)),
            "margin": format_number((facts.settings.consistency_margin * HUNDRED).normalize()),
        }
        yield Finding("consistency.ahead", Severity.WARNING, params)


def execution_low(facts: Facts) -> Iterator[Finding]:
    """V3's yellow warning: an execution rate below 80% (by default)."""
    rate, threshold = facts.execution.rate, facts.settings.execution_warning_below
    if rate is not None and rate < threshold:
        yield Finding(
            "execution.low", Severity.WARNING, {"rate": format_number(rate), "threshold": format_number(threshold)}
        )


def execution_reason(facts: Facts) -> Iterator[Finding]:
    """Sichuan (G7): below 90% execution the reason is mandatory."""
    rate, threshold = facts.execution.rate, facts.settings.execution_reason_below
    if rate is not None and threshold is not None and rate < threshold and not facts.evaluation.funds.reason:
        yield Finding(
            "explanation.execution",
            Severity.WARNING,
            {"rate": format_number(rate), "threshold": format_number(threshold)},
        )


def published_sum(facts: Facts) -> Iterator[Finding]:
    """The table's total equals the sum of the table's own scores (a published table's arithmetic)."""
    published = facts.evaluation.published_total
    parts = [row.published_score for row in facts.rows if row.applicable]
    if facts.execution.applicable:
        parts.append(facts.execution.published_score)
    if published is None or not parts or any(part is None for part in parts):
        return
    total = sum((part for part in parts if part is not None), ZERO)
    if not agrees(total, published, facts.settings.tolerance):
        yield Finding(
            "total.published_sum",
            Severity.WARNING,
            {"sum": format_number(total), "published": format_number(published)},
        )


def total_mismatch(facts: Facts) -> Iterator[Finding]:
    published = facts.evaluation.published_total
    if published is not None and not agrees(facts.total, published, facts.settings.tolerance):
        yield Finding(
            "total.mismatch",
            Severity.WARNING,
            {"ours": format_number(facts.total), "published": format_number(published)},
        )


def grade_mismatch(facts: Facts) -> Iterator[Finding]:
    published = (facts.evaluation.published_grade or "").strip()
    if published and published[0] in {grade.value for grade in Grade} and published[0] != facts.grade.value:
        params = {"total": format_number(facts.total), "ours": facts.grade.value, "published": published}
        yield Finding("grade.mismatch", Severity.WARNING, params)


CHECKS: tuple[Check, ...] = (
    weights_sum,
    weights_level1,
    level1_missing,
    execution_low,
    execution_reason,
    consistency,
    published_sum,
    total_mismatch,
    grade_mismatch,
)
