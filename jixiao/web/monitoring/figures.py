"""Each unit's sums for the finance overview, kept beside the data they sum.

The overview shows every unit of a city or a province at once, with budget, execution against plan and time, lights
and self-evaluation scores. Summing the projects, checkpoints and payments behind those figures on every view reads
a million rows at province scale (3 s); so each unit keeps its sums in one :class:`UnitFigures` row, and the
overview reads 20,000 rows instead.

Keeping them current without locks:

* every write to a unit's projects, spending plan, payments or self-evaluations bumps the unit's ``changes`` in the
  writing transaction (:func:`touch`, called from the signal receivers below and from the bulk writers);
* :func:`refresh` reads ``changes``, *then* the data, computes, and stores the figures with ``computed`` set to the
  value read — on condition that ``changes`` still has that value. A write that commits in between bumped
  ``changes``, so the store does nothing and the unit stays marked for the next refresh; figures are never newer or
  older than what they say.
* the overview refreshes the units it shows that are marked (:func:`refresh_stale`) before it reads them: after an
  edit, one unit's sums (a few milliseconds).

The computation is :mod:`jixiao.domain.monitoring.spending`'s: the reached checkpoint is the latest one due by the end
of the month (the first of that month in document order); a project without one counts the time progress; payments
are those of the unit's year.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal
from typing import Any, cast

from django.db import connection
from django.db.models import F, Q, QuerySet
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from jixiao.domain.model import SpendingCheckpoint as Checkpoint
from jixiao.domain.monitoring.spending import reached_checkpoint, time_progress
from jixiao.web.monitoring import models as mdb
from jixiao.web.records import models as db

HUNDRED = Decimal(100)
MONTHS = mdb.MONTHS
BATCH = 500  # units per computation: bounds the rows held in memory when a whole province is refreshed


def planned_column(month: int) -> str:
    """The column holding the planned spending by the end of ``month``."""
    return f"planned_{month:02d}"


def paid_column(month: int) -> str:
    """The column holding the year's payments up to the end of ``month`` (元)."""
    return f"paid_{month:02d}"


FIELDS = ["project_count", "budget", "evaluated", "score_sum"] + [
    f"{kind}_{month:02d}" for month in MONTHS for kind in ("planned", "paid")
]  # the computed columns, in the order they are stored


def touch(department_ids: Iterable[int]) -> None:
    """Mark the units' figures out of date (call inside the transaction that changes their data)."""
    ids = sorted(set(department_ids))
    if ids:
        mdb.UnitFigures.objects.filter(department_id__in=ids).update(changes=F("changes") + 1)


def touch_projects(project_ids: Iterable[int]) -> None:
    """Mark out of date the figures of the units holding these projects."""
    ids = sorted(set(project_ids))
    if ids:
        departments = db.Project.objects.filter(pk__in=ids).values("department_id")
        mdb.UnitFigures.objects.filter(department_id__in=departments).update(changes=F("changes") + 1)


def stale(departments: QuerySet[db.Department]) -> list[int]:
    """The ids among ``departments`` whose figures are missing or out of date."""
    return list(
        departments.filter(Q(figures__isnull=True) | ~Q(figures__changes=F("figures__computed")))
        .order_by()
        .values_list("pk", flat=True)
    )


def refresh_stale(departments: QuerySet[db.Department]) -> int:
    """Bring the figures of ``departments`` up to date; returns how many units were computed."""
    ids = stale(departments)
    refresh(ids)
    return len(ids)


def refresh(department_ids: Iterable[int]) -> None:
    """Compute and store the figures of these units (see the module's description for why no lock is needed)."""
    ids = sorted(set(department_ids))
    for start in range(0, len(ids), BATCH):
        _refresh_batch(ids[start : start + BATCH])


def _refresh_batch(ids: list[int]) -> None:
    existing = set(mdb.UnitFigures.objects.filter(department_id__in=ids).values_list("department_id", flat=True))
    missing = [mdb.UnitFigures(department_id=pk) for pk in ids if pk not in existing]
    if missing:  # a unit created in bulk (or before figures existed): its row, marked out of date
        mdb.UnitFigures.objects.bulk_create(missing, ignore_conflicts=True)
    seen = dict(mdb.UnitFigures.objects.filter(department_id__in=ids).values_list("department_id", "changes"))
    computed = compute(list(seen))  # read after `seen`: a write committed meanwhile has bumped `changes`
    _store([(pk, changes, computed[pk]) for pk, changes in seen.items()])


def _store(lines: list[tuple[int, int, dict[str, Any]]]) -> None:
    """One UPDATE … FROM (VALUES …) for the batch, each row on condition that ``changes`` is still as read."""
    if not lines:
        return
    table = mdb.UnitFigures._meta.db_table
    names = ["department_id", "changes", *FIELDS]
    assignments = ", ".join(f"{name} = v.column{index + 2}" for index, name in enumerate(names[1:]))
    assignments = assignments.replace("changes = ", "computed = ", 1)
    casts = ["CAST(%s AS BIGINT)"] * 2 + [_cast(name) for name in FIELDS]
    row = f"({', '.join(casts)})"
    params: list[Any] = []
    for pk, changes, values in lines:
        params += [pk, changes, *(values[name] for name in FIELDS)]
    sql = (
        f"UPDATE {table} SET {assignments} FROM (VALUES {', '.join([row] * len(lines))}) AS v"
        f" WHERE {table}.department_id = v.column1 AND {table}.changes = v.column2"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def _cast(name: str) -> str:
    return "CAST(%s AS BIGINT)" if name in ("project_count", "evaluated") else "CAST(%s AS NUMERIC)"


def compute(department_ids: list[int]) -> dict[int, dict[str, Any]]:
    """The figures of these units from their projects, plans, payments and self-evaluations (field → value)."""
    years = dict(db.Department.objects.filter(pk__in=department_ids).values_list("pk", "year"))
    figures = {pk: _empty() for pk in years}
    budgets: dict[int, tuple[int, Decimal | None]] = {}
    for pk, department, budget in db.Project.objects.filter(department_id__in=years).values_list(
        "pk", "department_id", "budget_total"
    ):
        budgets[pk] = (department, budget)
        figures[department]["project_count"] += 1
        if budget is not None:
            figures[department]["budget"] = (figures[department]["budget"] or Decimal(0)) + budget
    plans: dict[int, list[Checkpoint]] = defaultdict(list)
    for project, month, percent in (
        db.SpendingCheckpoint.objects.filter(project_id__in=budgets, percent__isnull=False)
        .order_by("project_id", "position", "pk")
        .values_list("project_id", "month", "percent")
    ):
        plans[project].append(Checkpoint(label="", month=month, percent=percent))
    for project, (department, budget) in budgets.items():
        if budget is not None:
            _add_plan(figures[department], budget, plans.get(project, []))
    for department, date, amount in mdb.Payment.objects.filter(project_id__in=budgets).values_list(
        "project__department_id", "date", "amount"
    ):
        if date.year == years[department]:
            for month in range(date.month, 13):
                values = figures[department]
                values[paid_column(month)] += amount
    for department, total in mdb.Evaluation.objects.filter(project_id__in=budgets, total__isnull=False).values_list(
        "project__department_id", "total"
    ):
        figures[department]["evaluated"] += 1
        score = cast(Decimal, total)  # not None: filtered above
        figures[department]["score_sum"] = (figures[department]["score_sum"] or Decimal(0)) + score
    return figures


def _empty() -> dict[str, Any]:
    values: dict[str, Any] = {"project_count": 0, "budget": None, "evaluated": 0, "score_sum": None}
    for month in mdb.MONTHS:
        values[planned_column(month)] = None
        values[paid_column(month)] = Decimal(0)
    return values


def _add_plan(values: dict[str, Any], budget: Decimal, plan: list[Checkpoint]) -> None:
    for month in mdb.MONTHS:
        reached = reached_checkpoint(plan, month)
        percent = reached.percent if reached is not None and reached.percent is not None else time_progress(month)
        column = planned_column(month)
        values[column] = (values[column] or Decimal(0)) + budget * percent / HUNDRED


# -- keeping ``changes`` current -----------------------------------------------------------------------------------
# Saves and deletes of single rows arrive here; bulk writers (the ledger import, the generator) call touch() or
# compute the figures themselves. A spending plan is only written with its project (the project's save marks it).
# Backups copy the whole database, figures included, so a restore needs nothing here.


@receiver(post_save, sender=db.Department, dispatch_uid="jixiao.figures.department_saved")
def _department_saved(sender: type[db.Department], instance: db.Department, created: bool, **kwargs: Any) -> None:
    if created:
        mdb.UnitFigures.objects.get_or_create(department_id=instance.pk)
    else:
        touch([instance.pk])


@receiver(post_save, sender=db.Project, dispatch_uid="jixiao.figures.project_saved")
@receiver(post_delete, sender=db.Project, dispatch_uid="jixiao.figures.project_deleted")
def _project_changed(sender: type[db.Project], instance: db.Project, **kwargs: Any) -> None:
    touch([instance.department_id])


@receiver(post_save, sender=mdb.Payment, dispatch_uid="jixiao.figures.payment_saved")
@receiver(post_delete, sender=mdb.Payment, dispatch_uid="jixiao.figures.payment_deleted")
@receiver(post_save, sender=mdb.Evaluation, dispatch_uid="jixiao.figures.evaluation_saved")
@receiver(post_delete, sender=mdb.Evaluation, dispatch_uid="jixiao.figures.evaluation_deleted")
def _project_data_changed(
    sender: type[mdb.Payment | mdb.Evaluation], instance: mdb.Payment | mdb.Evaluation, **kwargs: Any
) -> None:
    touch_projects([instance.project_id])
