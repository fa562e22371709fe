"""In-year data for generated projects: payments (支付记录) up to the period's month, and for closed years the
self-evaluation (绩效自评) with actual values, scored by the real engine so the stored total is what a save gives.

Execution follows the project's spending plan (time progress without one) times a behaviour drawn per project —
most units spend about on plan, some lag badly, a few run ahead — so that the overview's lights spread as they do in
monitoring reports. Payments are in 元, as finance ledgers hold them.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import TypeVar

from jixiao.domain import model as domain
from jixiao.domain.monitoring.spending import plan_curve, time_progress
from jixiao.domain.values import format_number
from jixiao.web.monitoring import models as mdb
from jixiao.web.monitoring.selectors import EvaluationEntry, EvaluationInput, indicator_keys, scored

CENT = Decimal("0.01")
WAN = Decimal(10000)
# How far a project's spending runs against its plan: share of projects → factor of the plan actually paid.
BEHAVIOUR = [(Decimal("0.3"), 8), (Decimal("0.65"), 12), (Decimal("0.9"), 35), (Decimal(1), 35), (Decimal("1.15"), 10)]
PAYEES = [
    "某某科技有限公司",
    "某某建设工程有限公司",
    "某某印务有限公司",
    "本单位职工",
    "某某服务中心",
    "某某设备有限公司",
]
ACHIEVEMENT = [(Decimal("0.6"), 5), (Decimal("0.85"), 15), (Decimal(1), 60), (Decimal("1.1"), 20)]
QUALITATIVE = [("达成", 80), ("部分达成", 15), ("未达成", 5)]

T = TypeVar("T")


def _weighted(rng: random.Random, table: Sequence[tuple[T, int]]) -> T:
    return rng.choices([value for value, _ in table], weights=[weight for _, weight in table])[0]


def payments(rng: random.Random, project: domain.Project, row_id: int, year: int, month: int) -> list[mdb.Payment]:
    """The project's payments of ``year`` up to the end of ``month`` (none for a project without a budget)."""
    budget = project.budget.total or Decimal(0)
    if budget <= 0:
        return []
    plan = plan_curve(project.spending_plan)[month - 1] if project.spending_plan else time_progress(month)
    factor = _weighted(rng, BEHAVIOUR)
    paid = min(budget * WAN * plan / 100 * factor, budget * WAN).quantize(CENT)
    count = rng.randint(2, 8)
    if paid <= 0:
        return []
    shares = [Decimal(rng.randint(1, 10)) for _ in range(count)]
    amounts = [(paid * share / sum(shares)).quantize(CENT, ROUND_HALF_UP) for share in shares]
    amounts[-1] = paid - sum(amounts[:-1])
    months = sorted(rng.randint(1, month) for _ in range(count))
    ledger = rng.random() < 0.6
    return [
        mdb.Payment(
            project_id=row_id,
            date=dt.date(year, paid_month, rng.randint(1, 28)),
            amount=amount,
            payee=rng.choice(PAYEES),
            purpose=(project.fund_use or "")[:60],
            voucher=f"记-{paid_month:02d}-{index + 1:04d}",
            source=mdb.Payment.Source.LEDGER if ledger else mdb.Payment.Source.MANUAL,
            ledger_file="财务系统导出.xlsx" if ledger else "",
            ledger_line=index + 2 if ledger else None,
        )
        for index, (paid_month, amount) in enumerate(zip(months, amounts, strict=True))
        if amount > 0
    ]


def _actual(rng: random.Random, indicator: domain.Indicator) -> str:
    value = indicator.value
    if value.kind is domain.ValueKind.QUANTITATIVE and value.number is not None and value.upper is None:
        achieved = _weighted(rng, ACHIEVEMENT)
        number = value.number * achieved
        if value.unit == "%":
            number = min(number, Decimal(100))
        return f"{format_number(number.quantize(value.number if value.number >= 1 else CENT))}{value.unit or ''}"
    return _weighted(rng, QUALITATIVE)


def evaluation(
    rng: random.Random, project: domain.Project, row_id: int, paid_yuan: Decimal
) -> tuple[mdb.Evaluation, list[mdb.EvaluationRow]]:
    """A closed year's self-evaluation: actuals per indicator, default weights, the engine's total and grade."""
    executed = (paid_yuan / WAN).quantize(CENT)
    entered = EvaluationInput(
        executed=executed, rows=[EvaluationEntry(actual=_actual(rng, i)) for i in project.indicators]
    )
    _, score = scored(project, entered, executed)
    head = mdb.Evaluation(
        project_id=row_id,
        initial=project.budget.total,
        budget=project.budget.total,
        executed=executed,
        goal_result="年度目标基本完成。",
        total=score.total,
        grade=score.grade.value,
    )
    keys = indicator_keys(project.indicators)
    rows = [
        mdb.EvaluationRow(position=index, key=key, actual=entry.actual)
        for index, (key, entry) in enumerate(zip(keys, entered.rows, strict=True))
    ]
    return head, rows
