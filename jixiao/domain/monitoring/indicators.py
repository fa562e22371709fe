"""Indicator monitoring for a period (绩效目标执行监控, docs/domain/monitoring.md#indicator-monitoring): current value,
forecast, likelihood, deviation reasons, and the light of each indicator.

Lights (V8, V13):

- a quantity that accumulates over the year (人, 个, 万元 …): progress = current ÷ (target × month/12) × 100;
- a rate or a ratio (%, ‰, or no unit — 合格率, 满意度, 系数): progress = current ÷ target × 100, because a rate
  is not earned a twelfth per month (a design choice: the vendor scales every quantity by time);
- a reverse target (≤): red once the current value exceeds the target, yellow while an accumulating amount runs
  ahead of time, else green; a tolerance (±t): green within it, else red;
- a qualitative target: 达成 green, 部分达成 yellow, 未达成 red; a deadline met by a date, green.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from jixiao.domain.findings import Location, Severity
from jixiao.domain.model import Indicator, IndicatorValue
from jixiao.domain.monitoring.model import DeviationCategory, Light, Likelihood, light_for
from jixiao.domain.profiles.scoring import LightBands
from jixiao.domain.scoring.actuals import Actual, parse_actual
from jixiao.domain.scoring.model import HUNDRED, Achievement, Finding, Method, q2
from jixiao.domain.scoring.rules import achievement_of, method_of

ZERO = Decimal(0)
_RATE_UNITS = frozenset({"%", "‰", None})
_GRADE_LIGHTS = {
    Achievement.ACHIEVED: Light.GREEN,
    Achievement.PARTIAL: Light.YELLOW,
    Achievement.NOT_ACHIEVED: Light.RED,
}


@dataclass(slots=True)
class IndicatorReport:
    """What a unit enters for one indicator in a monitoring period; ``reasons`` are the ticked categories."""

    current: str | None = None
    forecast: str | None = None
    likelihood: Likelihood | None = None
    reasons: tuple[DeviationCategory, ...] = ()
    reason_text: str | None = None
    remark: str | None = None


@dataclass(frozen=True, slots=True)
class IndicatorProgress:
    """One row of the monitoring table: the target, what was entered, the progress (percent) and the light."""

    position: int
    level1: str | None
    level2: str | None
    level3: str | None
    target: str
    report: IndicatorReport
    progress: Decimal | None
    light: Light | None
    findings: tuple[Finding, ...] = field(default=())


def accumulates(target: IndicatorValue) -> bool:
    """Whether a quantity is earned over the year (a count or an amount) rather than a rate."""
    return target.unit not in _RATE_UNITS


def _expected(target: IndicatorValue, month: int) -> Decimal:
    number = target.number or ZERO
    return number * Decimal(month) / Decimal(12) if accumulates(target) else number


def _reverse_light(target: IndicatorValue, current: Decimal, month: int) -> Light:
    limit = target.number or ZERO
    if current > limit:
        return Light.RED
    return Light.YELLOW if accumulates(target) and current > _expected(target, month) else Light.GREEN


def quantity_light(
    target: IndicatorValue, current: Decimal, month: int, bands: LightBands
) -> tuple[Decimal | None, Light]:
    """Progress (percent, 2 dp, None where no ratio applies) and light of a quantitative indicator."""
    method = method_of(target)
    if method is Method.REVERSE:
        return None, _reverse_light(target, current, month)
    if method is Method.TOLERANCE:
        return None, Light.GREEN if abs(current) <= (target.number or ZERO) else Light.RED
    expected = _expected(target, month)
    if expected <= 0:
        return None, Light.GREEN if current >= (target.number or ZERO) else Light.RED
    progress = q2(current * HUNDRED / expected)
    return progress, light_for(progress, dataclasses.replace(bands, over_from=None))  # 超支 is for money only


def indicator_light(
    target: IndicatorValue, current: str | None, month: int, bands: LightBands
) -> tuple[Decimal | None, Light | None]:
    """Progress and light of one indicator at the end of ``month``; (None, None) when nothing can be told."""
    actual: Actual = parse_actual(current)
    if actual.missing or actual.not_applicable:
        return None, None
    if method_of(target) is not Method.QUALITATIVE and actual.number is not None:
        return quantity_light(target, actual.number, month, bands)
    grade = achievement_of(target, actual)
    return None, (_GRADE_LIGHTS[grade] if grade is not None else None)


def _quantity_problem(text: str | None) -> str | None:
    """Why a value entered against a quantitative target is no quantity (read with the value grammar, as actuals are):
    words where a number belongs (很多人), or a negative number (-20人); None when it reads as a quantity."""
    actual = parse_actual(text)
    if actual.missing or actual.not_applicable or actual.grade is not None:
        return None
    if actual.number is None:
        return "monitoring.not_a_number"
    return "monitoring.negative" if actual.number < 0 else None


def _findings(indicator: Indicator, report: IndicatorReport, position: int) -> tuple[Finding, ...]:
    name = {"position": position, "name": indicator.level3 or ""}
    row = Location.row(position, indicator.level3)
    found: list[Finding] = []
    if not (report.current or "").strip():
        found.append(Finding("monitoring.no_current", Severity.INFO, name, row))
    if method_of(indicator.value) is not Method.QUALITATIVE:
        for label, text in (("当前完成值", report.current), ("全年预计完成情况", report.forecast)):
            problem = _quantity_problem(text)
            if problem:
                params = {**name, "field": label, "text": (text or "").strip()[:40]}
                found.append(Finding(problem, Severity.WARNING, params, row))
    doubtful = report.likelihood in (Likelihood.POSSIBLE, Likelihood.IMPOSSIBLE)
    if doubtful and report.likelihood and not (report.reasons and (report.reason_text or "").strip()):
        params = {**name, "likelihood": report.likelihood.value}
        found.append(Finding("monitoring.reason_required", Severity.WARNING, params, row))
    return tuple(found)


def monitor_indicators(
    indicators: Sequence[Indicator], reports: Sequence[IndicatorReport], *, month: int, bands: LightBands | None = None
) -> list[IndicatorProgress]:
    """The monitoring rows of a project's indicators; ``reports[i]`` belongs to ``indicators[i]`` (missing = empty)."""
    bands = bands or LightBands()
    rows: list[IndicatorProgress] = []
    for index, indicator in enumerate(indicators):
        report = reports[index] if index < len(reports) else IndicatorReport()
        progress, light = indicator_light(indicator.value, report.current, month, bands)
        rows.append(
            IndicatorProgress(
                position=index + 1,
                level1=indicator.level1,
                level2=indicator.level2,
                level3=indicator.level3,
                target=indicator.value.text,
                report=report,
                progress=progress,
                light=light,
                findings=_findings(indicator, report, index + 1),
            )
        )
    return rows
