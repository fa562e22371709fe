"""Budget execution in the year (预算执行监控, docs/domain/monitoring.md#budget-execution-against-plan-and-time):
payments → cumulative execution per month, compared with the spending plan and with time progress, and the lights.

Time progress at the end of month m is m/12. The plan expectation is the cumulative percent of the latest
checkpoint reached (the 6月底 checkpoint counts from the end of June); before the first checkpoint there is no plan
expectation and time progress alone gives the light. The light's ratio is execution% ÷ expected% × 100 (V3).
A budget of 0 or none has no rate and no light — never a division by 1.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from jixiao.domain.findings import Finding, Severity
from jixiao.domain.model import SpendingCheckpoint
from jixiao.domain.monitoring.model import OVER_BUDGET, Light, Payment, spending_light
from jixiao.domain.profiles.scoring import LightBands
from jixiao.domain.scoring.model import HUNDRED, q2
from jixiao.domain.values import format_number

ZERO = Decimal(0)
TWELVE = Decimal(12)


def time_progress(month: int) -> Decimal:
    """Elapsed share of the year at the end of ``month``, in percent (2 dp): 6 → 50.00, 7 → 58.33."""
    return q2(Decimal(month) * HUNDRED / TWELVE)


def default_month(year: int | None, today: dt.date) -> int:
    """The monitoring period a page opens on: a past year's December, this year's current month, else January
    (a year not yet begun; a document without a year counts as past)."""
    if year is None or today.year > year:
        return 12
    return today.month if today.year == year else 1


def reached_checkpoint(plan: Sequence[SpendingCheckpoint], month: int) -> SpendingCheckpoint | None:
    """The latest checkpoint with a month and a percent that is due by the end of ``month``, or None."""
    due = [point for point in plan if point.month is not None and point.percent is not None and point.month <= month]
    return max(due, key=lambda point: point.month or 0, default=None)


def plan_curve(plan: Sequence[SpendingCheckpoint]) -> list[Decimal]:
    """The plan's cumulative percent at the end of each month 1–12, straight lines between checkpoints (for the
    chart); from 0 at the start of the year, flat after the last checkpoint."""
    points = sorted(
        ((point.month, point.percent) for point in plan if point.month is not None and point.percent is not None),
        key=lambda item: item[0],
    )
    knots: list[tuple[int, Decimal]] = [(0, ZERO), *((month, percent) for month, percent in points if 1 <= month <= 12)]
    curve: list[Decimal] = []
    for month in range(1, 13):
        before = max((knot for knot in knots if knot[0] <= month), key=lambda knot: knot[0])
        after = min((knot for knot in knots if knot[0] >= month), key=lambda knot: knot[0], default=None)
        if after is None or after[0] == before[0]:
            curve.append(before[1])
        else:
            share = Decimal(month - before[0]) / Decimal(after[0] - before[0])
            curve.append(q2(before[1] + (after[1] - before[1]) * share))
    return curve


def _paid(payments: Iterable[Payment], year: int) -> list[Decimal]:
    by_month = [ZERO] * 12
    for payment in payments:
        if payment.date.year == year:
            by_month[payment.date.month - 1] += payment.amount
    return by_month


@dataclass(frozen=True, slots=True)
class MonthExecution:
    """One month of a project's spending: paid in the month, cumulative, and the three percentages the chart draws."""

    month: int
    paid: Decimal
    cumulative: Decimal
    rate: Decimal | None  # cumulative ÷ budget, percent (2 dp); None without a budget
    plan: Decimal  # the plan curve, percent
    time: Decimal  # month/12, percent


def monthly_execution(
    payments: Iterable[Payment], *, year: int, budget: Decimal | None, plan: Sequence[SpendingCheckpoint] = ()
) -> list[MonthExecution]:
    """Twelve months of cumulative execution (payments of other years are ignored)."""
    curve, cumulative, months = plan_curve(plan), ZERO, []
    for month, paid in enumerate(_paid(payments, year), start=1):
        cumulative += paid
        rate = q2(cumulative * HUNDRED / budget) if budget else None
        months.append(MonthExecution(month, paid, cumulative, rate, curve[month - 1], time_progress(month)))
    return months


@dataclass(frozen=True, slots=True)
class SpendingStatus:
    """A project's (or a department's) execution at the end of ``month`` against its plan and time.

    ``*_ratio`` is execution as a percent of what was expected (2 dp); the lights follow from it. ``light`` is the
    plan light when the plan has a checkpoint due, else the time light.
    """

    month: int
    budget: Decimal | None
    executed: Decimal
    rate: Decimal | None
    time_progress: Decimal
    plan_progress: Decimal | None
    checkpoint: str | None
    time_ratio: Decimal | None
    plan_ratio: Decimal | None
    time_light: Light | None
    plan_light: Light | None

    @property
    def light(self) -> Light | None:
        return self.plan_light or self.time_light

    @property
    def findings(self) -> list[Finding]:
        """What the spending figures warn of: more paid than the budget (an error: a payment wrongly entered or a
        budget adjustment not recorded), or paid far ahead of the plan or time."""
        found = []
        if self.rate is not None and self.rate > OVER_BUDGET and self.budget is not None:
            params = {"executed": format_number(self.executed), "budget": format_number(self.budget)}
            found.append(Finding("spending.over_budget", Severity.ERROR, {**params, "rate": format_number(self.rate)}))
        elif self.light is Light.OVER:
            ratio = self.plan_ratio if self.plan_light is not None else self.time_ratio
            expected = "计划进度" if self.plan_light is not None else "时间进度"
            params = {"ratio": format_number(ratio or ZERO), "expected": expected}
            found.append(Finding("spending.over_plan", Severity.WARNING, params))
        return found


def _ratio(rate: Decimal | None, expected: Decimal | None) -> Decimal | None:
    if rate is None or expected is None or expected <= 0:
        return None
    return q2(rate * HUNDRED / expected)


def status_from(
    *,
    month: int,
    budget: Decimal | None,
    executed: Decimal,
    plan_progress: Decimal | None,
    checkpoint: str | None,
    bands: LightBands,
) -> SpendingStatus:
    """The status of known totals (also used to aggregate a department)."""
    exact_rate = executed * HUNDRED / budget if budget else None
    time_ratio = _ratio(exact_rate, Decimal(month) * HUNDRED / TWELVE)
    plan_ratio = _ratio(exact_rate, plan_progress)
    rate, elapsed = (q2(exact_rate) if exact_rate is not None else None), time_progress(month)
    return SpendingStatus(
        month=month,
        budget=budget,
        executed=executed,
        rate=rate,
        time_progress=elapsed,
        plan_progress=plan_progress,
        checkpoint=checkpoint,
        time_ratio=time_ratio,
        plan_ratio=plan_ratio,
        time_light=spending_light(exact_rate, time_ratio, bands),
        plan_light=spending_light(exact_rate, plan_ratio, bands),
    )


def spending_status(
    payments: Iterable[Payment],
    *,
    year: int,
    month: int,
    budget: Decimal | None,
    plan: Sequence[SpendingCheckpoint] = (),
    bands: LightBands | None = None,
) -> SpendingStatus:
    """A project's execution at the end of ``month`` (1–12) of ``year``."""
    if not 1 <= month <= 12:
        raise ValueError(f"month must be 1–12, not {month}")
    executed = sum(_paid(payments, year)[:month], ZERO)
    point = reached_checkpoint(plan, month)
    return status_from(
        month=month,
        budget=budget,
        executed=executed,
        plan_progress=point.percent if point else None,
        checkpoint=point.label if point else None,
        bands=bands or LightBands(),
    )


def aggregate_status(statuses: Sequence[SpendingStatus], *, bands: LightBands | None = None) -> SpendingStatus:
    """A department's status from its projects': budgets and execution summed, the plan weighted by budget."""
    if not statuses:
        raise ValueError("a department needs at least one project status")
    month = statuses[0].month
    budget = sum((status.budget or ZERO for status in statuses), ZERO)
    executed = sum((status.executed for status in statuses), ZERO)
    planned = [status for status in statuses if status.plan_progress is not None and status.budget]
    plan_budget = sum((status.budget or ZERO for status in planned), ZERO)
    plan_progress = (
        q2(sum(((status.budget or ZERO) * (status.plan_progress or ZERO) for status in planned), ZERO) / plan_budget)
        if plan_budget
        else None
    )
    return status_from(
        month=month,
        budget=budget or None,
        executed=executed,
        plan_progress=plan_progress,
        checkpoint=None,
        bands=bands or LightBands(),
    )
