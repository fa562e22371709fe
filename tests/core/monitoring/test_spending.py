"""Spending against the plan's latest reached checkpoint and against time, and the lights
(docs/domain/monitoring.md#budget-execution-against-plan-and-time)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from jixiao.domain.model import SpendingCheckpoint
from jixiao.domain.monitoring import (
    Light,
    Payment,
    aggregate_status,
    default_month,
    light_for,
    monthly_execution,
    plan_curve,
    reached_checkpoint,
    spending_status,
    time_progress,
)
from jixiao.domain.monitoring.spending import status_from
from jixiao.domain.profiles import get_profile
from jixiao.domain.profiles.scoring import LightBands

D = Decimal
PLAN = [SpendingCheckpoint(f"{m}月底", m, D(p)) for m, p in ((3, 25), (6, 50), (10, 75), (12, 100))]


def pay(month: int, amount: str, day: int = 15, year: int = 2021) -> Payment:
    return Payment(dt.date(year, month, day), D(amount), payee="某供应商", purpose="慰问金", voucher=f"记-{month:02d}")


@pytest.mark.parametrize(
    ("progress", "light"),
    [("0", Light.RED), ("59.99", Light.RED), ("60", Light.YELLOW), ("79.99", Light.YELLOW), ("80", Light.GREEN),
     ("150", Light.GREEN)],
)  # fmt: skip
def test_lights_are_red_below_60_yellow_below_80_and_green_from_80(progress: str, light: Light) -> None:
    assert light_for(D(progress), LightBands()) is light


def test_blue_marks_running_ahead_only_where_the_profile_says_so() -> None:
    blue = LightBands(blue_from=D(120))
    assert light_for(D(120), blue) is Light.BLUE and light_for(D("119.99"), blue) is Light.GREEN
    assert light_for(D("199.99"), get_profile().scoring.lights) is Light.GREEN


def test_paying_twice_what_the_plan_expects_is_the_over_light_not_green() -> None:
    national = get_profile().scoring.lights
    assert light_for(D(200), national) is Light.OVER
    assert light_for(D(500), LightBands(over_from=None)) is Light.GREEN  # a locality may turn it off


def test_more_paid_than_the_budget_is_over_and_an_error_whatever_the_plan() -> None:
    """The usability report's case: budget 5万, payments 10.27万 showed 执行率 141.40% and a green light."""
    status = status_from(
        month=12, budget=D(5), executed=D("10.27"), plan_progress=D(100), checkpoint="12月", bands=LightBands()
    )
    assert status.rate == D("205.40") and status.light is Light.OVER
    (finding,) = status.findings
    assert finding.code == "spending.over_budget" and finding.severity.value == "error"
    assert "执行数 10.27 超过预算数 5" in finding.message


def test_spending_far_ahead_of_the_plan_is_a_warning() -> None:
    status = status_from(
        month=3, budget=D(100), executed=D(60), plan_progress=D(20), checkpoint="3月", bands=LightBands()
    )
    assert status.light is Light.OVER
    assert [f.code for f in status.findings] == ["spending.over_plan"]
    on_time = status_from(
        month=6, budget=D(100), executed=D(50), plan_progress=D(50), checkpoint="6月", bands=LightBands()
    )
    assert on_time.light is Light.GREEN and on_time.findings == []


def test_time_progress_is_month_over_twelve() -> None:
    assert [time_progress(m) for m in (1, 6, 7, 12)] == [D("8.33"), D("50.00"), D("58.33"), D("100.00")]


def test_the_latest_reached_checkpoint_counts_from_the_end_of_its_month() -> None:
    assert reached_checkpoint(PLAN, 2) is None
    assert reached_checkpoint(PLAN, 6).label == "6月底"  # type: ignore[union-attr]
    assert reached_checkpoint(PLAN, 9).label == "6月底"  # type: ignore[union-attr]


def test_execution_is_compared_with_the_plan_and_with_time() -> None:
    status = spending_status([pay(2, "1"), pay(5, "1.5"), pay(8, "0.1")], year=2021, month=7, budget=D(5), plan=PLAN)
    assert (status.executed, status.rate, status.checkpoint, status.plan_progress) == (
        D("2.5"),
        D("50.00"),
        "6月底",
        50,
    )
    assert status.plan_ratio == D("100.00") and status.time_ratio == D("85.71")
    assert status.plan_light is Light.GREEN and status.light is Light.GREEN


def test_slow_spending_turns_the_plan_light_red_even_when_time_is_kinder() -> None:
    status = spending_status([pay(4, "1.4")], year=2021, month=10, budget=D(5), plan=PLAN)
    assert status.rate == D("28.00") and status.plan_ratio == D("37.33") and status.plan_light is Light.RED
    assert status.light is Light.RED and status.time_light is Light.RED
    yellow = spending_status([pay(4, "2.6")], year=2021, month=10, budget=D(5), plan=PLAN)
    assert yellow.plan_ratio == D("69.33") and yellow.light is Light.YELLOW


def test_before_the_first_checkpoint_time_alone_gives_the_light() -> None:
    status = spending_status([pay(1, "0.2")], year=2021, month=2, budget=D(5), plan=PLAN)
    assert status.plan_light is None and status.time_ratio == D("24.00") and status.light is Light.RED


def test_a_zero_budget_has_no_rate_and_no_light() -> None:
    status = spending_status([pay(3, "1")], year=2021, month=6, budget=D(0), plan=PLAN)
    assert status.rate is None and status.light is None and status.executed == 1


def test_payments_of_other_years_and_later_months_do_not_count() -> None:
    payments = [pay(3, "1"), pay(3, "9", year=2020), pay(11, "2")]
    assert spending_status(payments, year=2021, month=6, budget=D(5)).executed == 1


def test_twelve_months_of_cumulative_execution_with_the_plan_and_time_lines() -> None:
    months = monthly_execution([pay(2, "1"), pay(2, "0.5", day=28), pay(9, "2")], year=2021, budget=D(5), plan=PLAN)
    assert len(months) == 12
    assert [m.cumulative for m in months][:3] == [0, D("1.5"), D("1.5")] and months[-1].cumulative == D("3.5")
    assert months[1].paid == D("1.5") and months[-1].rate == D("70.00")
    assert [m.plan for m in months][:3] == [D("8.33"), D("16.67"), D(25)] and months[-1].plan == 100
    assert months[6].time == D("58.33")


def test_the_plan_curve_is_flat_after_the_last_checkpoint_and_starts_at_zero() -> None:
    assert plan_curve([SpendingCheckpoint("6月底", 6, D(60))])[5:] == [D(60)] * 7
    assert plan_curve([]) == [D(0)] * 12


def test_a_department_sums_its_projects_and_weights_the_plan_by_budget() -> None:
    first = spending_status([pay(5, "3")], year=2021, month=6, budget=D(5), plan=PLAN)
    second = spending_status(
        [pay(5, "6")], year=2021, month=6, budget=D(15), plan=[SpendingCheckpoint("6月底", 6, D(30))]
    )
    department = aggregate_status([first, second])
    assert (department.budget, department.executed, department.rate) == (D(20), D(9), D("45.00"))
    assert department.plan_progress == D("35.00") and department.light is Light.GREEN  # 45 / 35


def test_a_month_outside_the_year_is_a_programming_error() -> None:
    with pytest.raises(ValueError):
        spending_status([], year=2021, month=13, budget=D(1))


@pytest.mark.parametrize(
    ("year", "today", "month"),
    [
        (2021, dt.date(2024, 5, 1), 12),
        (2024, dt.date(2024, 5, 1), 5),
        (2025, dt.date(2024, 5, 1), 1),
        (None, dt.date(2024, 5, 1), 12),
    ],
)
def test_a_page_opens_on_the_period_the_year_calls_for(year: int | None, today: dt.date, month: int) -> None:
    assert default_month(year, today) == month
