"""From the stored rows to the domain's inputs, and the computations pages and downloads share.

Every function here either reads the database in a fixed number of queries (whatever the number of projects, payments
or indicators) or is pure. The domain does the arithmetic: :mod:`jixiao.domain.monitoring` for execution and lights,
:mod:`jixiao.domain.scoring` for the self-evaluation.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Generic, TypeVar

from django.conf import settings
from django.db.models import Count

from jixiao.domain import model as domain
from jixiao.domain.monitoring import (
    DeviationCategory,
    IndicatorProgress,
    IndicatorReport,
    Likelihood,
    MonthExecution,
    SpendingStatus,
    monitor_indicators,
    monthly_execution,
    spending_status,
)
from jixiao.domain.monitoring import Payment as DomainPayment
from jixiao.domain.monitoring.keys import indicator_keys as indicator_keys
from jixiao.domain.monitoring.keys import key_label as key_label
from jixiao.domain.monitoring.ledger import UNIT_FACTORS
from jixiao.domain.profiles import get_profile
from jixiao.domain.profiles.scoring import ScoringSettings
from jixiao.domain.scoring import Funds, IndicatorActual, ProjectScore, SelfEvaluation, score_evaluation
from jixiao.web.monitoring import models as mdb
from jixiao.web.records import models as db
from jixiao.web.records.import_plan import InYearData

ZERO = Decimal(0)
YUAN = "元"
NOT_APPLICABLE = "不适用"
_REASONS = frozenset(item.value for item in DeviationCategory)


def scoring() -> ScoringSettings:
    """The site's locality settings for lights and scoring (``JIXIAO_PROFILE``)."""
    return get_profile(settings.JIXIAO_PROFILE).scoring


def amount_unit(department: db.Department) -> str:
    """The department's amount unit when it is one money unit the ledger knows, else 万元 (the documents' default)."""
    unit = department.amount_unit or "万元"
    return unit if unit in UNIT_FACTORS else "万元"


def convert(amount: Decimal, source: str, target: str) -> Decimal:
    """An amount from one money unit to another, exactly (元 → 万元 divides by 10000)."""
    return amount * UNIT_FACTORS[source] / UNIT_FACTORS[target]


# -- payments and execution ---------------------------------------------------------------------------------------


def payments_by_project(project_ids: Iterable[int]) -> dict[int, list[mdb.Payment]]:
    """Every payment of the given projects, by project, in date order (one query)."""
    found: dict[int, list[mdb.Payment]] = defaultdict(list)
    for payment in mdb.Payment.objects.filter(project_id__in=list(project_ids)).order_by("date", "id"):
        found[payment.project_id].append(payment)
    return found


def domain_payments(rows: Iterable[mdb.Payment], unit: str) -> list[DomainPayment]:
    return [
        DomainPayment(
            date=row.date,
            amount=convert(row.amount, YUAN, unit),
            payee=row.payee or None,
            purpose=row.purpose or None,
            voucher=row.voucher or None,
        )
        for row in rows
    ]


def paid_in_year(rows: Iterable[mdb.Payment], year: int, unit: str) -> Decimal:
    """The payments of ``year`` summed in 元 and converted once to ``unit`` (the default 全年执行数)."""
    return convert(sum((row.amount for row in rows if row.date.year == year), ZERO), YUAN, unit)


@dataclass(frozen=True, slots=True)
class Spending:
    """A project's (or a department's) execution: the twelve months for the chart and the status at ``month``."""

    months: list[MonthExecution]
    status: SpendingStatus
    paid_in_year: Decimal  # in the department's unit, payments of the year only


def spending(
    content: domain.Project, payments: Sequence[DomainPayment], *, year: int, month: int, settings_: ScoringSettings
) -> Spending:
    budget, plan = content.budget.total, content.spending_plan
    months = monthly_execution(payments, year=year, budget=budget, plan=plan)
    status = spending_status(payments, year=year, month=month, budget=budget, plan=plan, bands=settings_.lights)
    return Spending(months, status, months[-1].cumulative)


def empty_months() -> list[MonthExecution]:
    """Twelve months with no payments and no budget: the chart of a department without projects."""
    return monthly_execution([], year=1, budget=None)


# -- indicator monitoring -----------------------------------------------------------------------------------------


def reports_by_project(project_ids: Iterable[int], month: int) -> dict[int, mdb.MonitoringReport]:
    """The month's monitoring reports of the given projects with their rows (two queries)."""
    reports = mdb.MonitoringReport.objects.filter(project_id__in=list(project_ids), month=month)
    return {report.project_id: report for report in reports.prefetch_related("rows").select_related("updated_by")}


def domain_report(row: mdb.MonitoringRow | None) -> IndicatorReport:
    if row is None:
        return IndicatorReport()
    return IndicatorReport(
        current=row.current or None,
        forecast=row.forecast or None,
        likelihood=Likelihood(row.likelihood) if row.likelihood else None,
        reasons=tuple(DeviationCategory(reason) for reason in row.reasons if reason in _REASONS),
        reason_text=row.reason_text or None,
        remark=row.remark or None,
    )


Entry = TypeVar("Entry", mdb.MonitoringRow, mdb.EvaluationRow)


@dataclass(frozen=True, slots=True)
class Orphan(Generic[Entry]):
    """A stored entry whose indicator was renamed or removed since: kept, and listed on the page, never hidden."""

    label: str
    row: Entry


@dataclass(frozen=True, slots=True)
class Matched(Generic[Entry]):
    """Stored entries matched to the current indicators: ``rows[i]`` belongs to indicator i; ``orphans`` are the
    entries whose indicator was renamed or removed since, in their stored order."""

    rows: list[Entry | None]
    orphans: list[Orphan[Entry]]


def match_rows(indicators: Sequence[domain.Indicator], stored: Iterable[Entry]) -> Matched[Entry]:
    by_key = {row.key: row for row in stored}
    keys = indicator_keys(indicators)
    rows = [by_key.pop(key, None) for key in keys]
    return Matched(rows, [Orphan(key_label(key), row) for key, row in by_key.items()])


def open_indicators(
    indicators: Sequence[domain.Indicator], stored: Iterable[Entry], blank: Callable[[Entry], bool]
) -> list[tuple[str, str]]:
    """(key, label) of the current indicators an orphan entry may be linked to: those with no entry, or a blank one.

    Saving a page writes a (blank) entry for every indicator, so "no entry yet" includes entries ``blank`` says
    hold nothing; linking an orphan to such an indicator replaces that blank entry.
    """
    matched = match_rows(indicators, stored)
    keys = indicator_keys(indicators)
    return [
        (key, " › ".join(part for part in (indicator.level1, indicator.level2, key_label(key)) if part))
        for key, indicator, row in zip(keys, indicators, matched.rows, strict=True)
        if row is None or blank(row)
    ]


def monitoring_blank(row: mdb.MonitoringRow) -> bool:
    """A monitoring entry with nothing filled in."""
    return not (row.current or row.forecast or row.likelihood or row.reasons or row.reason_text or row.remark)


def evaluation_blank(row: mdb.EvaluationRow) -> bool:
    """A self-evaluation entry with nothing filled in (no actual, weight, score, reason, not ticked 不适用)."""
    filled = row.actual or row.reason or row.not_applicable
    return not filled and row.weight is None and row.score is None


def indicator_progress(
    content: domain.Project, report: mdb.MonitoringReport | None, *, month: int, settings_: ScoringSettings
) -> tuple[list[IndicatorProgress], list[Orphan[mdb.MonitoringRow]]]:
    """The monitoring rows of a project for ``month`` with their lights, and the unmatched entries."""
    matched = match_rows(content.indicators, report.rows.all() if report else ())
    reports = [domain_report(row) for row in matched.rows]
    return monitor_indicators(content.indicators, reports, month=month, bands=settings_.lights), matched.orphans


def light_counts(rows: Iterable[IndicatorProgress]) -> dict[str, int]:
    tally = Counter(row.light.value for row in rows if row.light is not None)
    return {light: tally[light] for light in ("red", "yellow", "green", "blue")}


# -- self-evaluation ----------------------------------------------------------------------------------------------


def evaluations_by_project(project_ids: Iterable[int]) -> dict[int, mdb.Evaluation]:
    """The self-evaluations of the given projects with their rows (two queries)."""
    found = mdb.Evaluation.objects.filter(project_id__in=list(project_ids)).prefetch_related("rows")
    return {evaluation.project_id: evaluation for evaluation in found.select_related("updated_by")}


@dataclass(slots=True)
class EvaluationInput:
    """What a self-evaluation form holds, before it is stored: funds, texts and one entry per indicator."""

    initial: Decimal | None = None
    budget: Decimal | None = None
    executed: Decimal | None = None
    execution_reason: str = ""
    goal_result: str = ""
    report: str = ""
    rows: list[EvaluationEntry] = field(default_factory=list)


@dataclass(slots=True)
class EvaluationEntry:
    actual: str = ""
    weight: Decimal | None = None
    score: Decimal | None = None
    not_applicable: bool = False
    reason: str = ""


def stored_input(content: domain.Project, evaluation: mdb.Evaluation | None) -> EvaluationInput:
    """The stored self-evaluation as form input, rows matched to the current indicators (blank where none)."""
    if evaluation is None:
        return EvaluationInput(rows=[EvaluationEntry() for _ in content.indicators])
    matched = match_rows(content.indicators, evaluation.rows.all())
    return EvaluationInput(
        initial=evaluation.initial,
        budget=evaluation.budget,
        executed=evaluation.executed,
        execution_reason=evaluation.execution_reason,
        goal_result=evaluation.goal_result,
        report=evaluation.report,
        rows=[
            EvaluationEntry(row.actual, row.weight, row.score, row.not_applicable, row.reason)
            if row
            else EvaluationEntry()
            for row in matched.rows
        ],
    )


def self_evaluation(content: domain.Project, entered: EvaluationInput, paid: Decimal) -> SelfEvaluation:
    """The domain's self-evaluation: blank funds default to the target table's budget and the year's payments."""
    budget = content.budget.total
    funds = Funds(
        initial=entered.initial if entered.initial is not None else budget,
        budget=entered.budget if entered.budget is not None else budget,
        executed=entered.executed if entered.executed is not None else paid,
        reason=entered.execution_reason or None,
    )
    actuals = [
        IndicatorActual(
            actual=NOT_APPLICABLE if entry.not_applicable else (entry.actual or None),
            weight=entry.weight,
            score=entry.score,
            reason=entry.reason or None,
        )
        for entry in entered.rows
    ]
    return SelfEvaluation(project=content, funds=funds, actuals=actuals, goal_result=entered.goal_result or None)


def scored(content: domain.Project, entered: EvaluationInput, paid: Decimal) -> tuple[SelfEvaluation, ProjectScore]:
    evaluation = self_evaluation(content, entered, paid)
    return evaluation, score_evaluation(evaluation, settings=scoring())


# -- what a project holds (registered with jixiao.web.records.import_plan) -----------------------------------------


def in_year_counts(project_ids: Iterable[int]) -> dict[int, InYearData]:
    """The in-year data of the given projects, by project id (only those with some); four queries whatever the count."""
    ids = list(project_ids)
    payments = dict(
        mdb.Payment.objects.filter(project_id__in=ids).values_list("project_id").annotate(n=Count("id")).order_by()
    )
    reports = dict(
        mdb.MonitoringReport.objects.filter(project_id__in=ids)
        .values_list("project_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    report_rows: dict[int, int] = defaultdict(int)
    keys: dict[int, set[str]] = defaultdict(set)
    for project_id, key in mdb.MonitoringRow.objects.filter(report__project_id__in=ids).values_list(
        "report__project_id", "key"
    ):
        report_rows[project_id] += 1
        keys[project_id].add(key)
    evaluations: dict[int, int] = {}
    for project_id, key in mdb.Evaluation.objects.filter(project_id__in=ids).values_list("project_id", "rows__key"):
        evaluations[project_id] = evaluations.get(project_id, 0) + (key is not None)
        if key is not None:
            keys[project_id].add(key)
    found = {
        pk: InYearData(
            payments=payments.get(pk, 0),
            reports=reports.get(pk, 0),
            report_rows=report_rows[pk],
            evaluation_rows=evaluations.get(pk),
            keys=frozenset(keys[pk]),
        )
        for pk in ids
    }
    return {pk: data for pk, data in found.items() if data}
