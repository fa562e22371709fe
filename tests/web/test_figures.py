"""The units' kept sums behind the finance overview: every kind of write marks them, a refresh brings them to what
the data say, and a write committed during a refresh is never lost."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest

from jixiao.domain.model import Department as DomainDepartment
from jixiao.domain.model import SpendingCheckpoint
from jixiao.domain.monitoring import LedgerMapping
from jixiao.formats import read_path
from jixiao.web.generate import Scale, generate
from jixiao.web.monitoring import figures, selectors
from jixiao.web.monitoring import models as mdb
from jixiao.web.monitoring import services as monitoring
from jixiao.web.records import services
from jixiao.web.records.models import Department, Organisation, Project
from tests.conftest import SEED

pytestmark = pytest.mark.django_db

FIELDS = figures.FIELDS


def stored(department: Department) -> dict[str, Any]:
    row = mdb.UnitFigures.objects.get(department=department)
    return {name: getattr(row, name) for name in FIELDS}


def fresh(department: Department) -> dict[str, Any]:
    return figures.compute([department.pk])[department.pk]


def same(left: dict[str, Any], right: dict[str, Any]) -> bool:
    """Equal figures (stored amounts carry the column's ten decimals; SQLite keeps them as floating point)."""

    def close(a: Any, b: Any) -> bool:
        if a is None or b is None:
            return a is b
        return abs(Decimal(a) - Decimal(b)) < Decimal("0.000001")

    return all(close(left[name], right[name]) for name in FIELDS)


def current(department: Department) -> None:
    """The unit's figures are marked current and equal a computation from scratch."""
    assert figures.stale(Department.objects.filter(pk=department.pk)) == []
    assert same(stored(department), fresh(department))


def after(department: Department, write: Callable[[], Any]) -> None:
    """``write`` marks the unit; the refresh then makes its figures equal the data again."""
    figures.refresh_stale(Department.objects.all())
    current(department)
    write()
    assert figures.stale(Department.objects.filter(pk=department.pk)) == [department.pk]
    assert figures.refresh_stale(Department.objects.filter(pk=department.pk)) == 1
    current(department)


def test_every_unit_gets_its_figures_on_first_refresh(demo: dict[str, Department]) -> None:
    mdb.UnitFigures.objects.all().delete()  # as for units created in bulk or before the figures existed
    assert sorted(figures.stale(Department.objects.all())) == sorted(d.pk for d in demo.values())
    figures.refresh_stale(Department.objects.all())
    for department in demo.values():
        current(department)


def test_the_seed_sums_its_budgets_and_weights_its_plans(demo: dict[str, Department]) -> None:
    seed = demo["seed"]
    figures.refresh_stale(Department.objects.all())
    document = services.department_document(seed)
    budgets = [p.budget.total for p in document.projects if p.budget.total is not None]
    values = stored(seed)
    assert values["project_count"] == len(document.projects)
    assert Decimal(values["budget"]) == sum(budgets, Decimal(0))
    planned = Decimal(0)
    for project in document.projects:
        if project.budget.total is not None:
            plan = [SpendingCheckpoint("", c.month, c.percent) for c in project.spending_plan if c.percent is not None]
            reached = [c for c in plan if c.month is not None and c.month <= 6]
            percent = max(reached, key=lambda c: c.month or 0).percent if reached else Decimal("50.00")
            planned += project.budget.total * (percent or Decimal(0)) / 100
    assert abs(Decimal(values["planned_06"]) - planned) < Decimal("0.000001")


def test_payments_count_from_their_month_on_and_only_in_the_units_year(demo: dict[str, Department]) -> None:
    seed = demo["seed"]
    project = seed.projects.order_by("position").first()
    assert project is not None and seed.year == 2021
    figures.refresh_stale(Department.objects.all())
    before = stored(seed)
    march = monitoring.PaymentData(dt.date(2021, 3, 9), Decimal("120.50"))
    after(seed, lambda: monitoring.payment_create(project=project, data=march))
    last_year = monitoring.PaymentData(dt.date(2020, 12, 31), Decimal(7))
    after(seed, lambda: monitoring.payment_create(project=project, data=last_year))
    added = {month: Decimal(stored(seed)[figures.paid_column(month)]) - Decimal(before[figures.paid_column(month)])
             for month in mdb.MONTHS}  # fmt: skip
    assert added == {month: Decimal("120.50") if month >= 3 else Decimal(0) for month in mdb.MONTHS}


def paid(department: Department, month: int) -> Decimal:
    return Decimal(stored(department)[figures.paid_column(month)])


def test_saving_and_deleting_a_payment_mark_the_unit(demo: dict[str, Department]) -> None:
    seed = demo["seed"]
    project = seed.projects.order_by("position").first()
    assert project is not None
    payment = monitoring.payment_create(project=project, data=monitoring.PaymentData(dt.date(2021, 5, 1), Decimal(10)))
    changed = monitoring.PaymentData(dt.date(2021, 7, 1), Decimal(30))
    figures.refresh_stale(Department.objects.all())
    june, july = paid(seed, 6), paid(seed, 7)
    after(seed, lambda: monitoring.payment_save(payment=payment, data=changed, base_revision=payment.revision))
    assert (paid(seed, 6), paid(seed, 7)) == (june - 10, july + 20)
    after(seed, lambda: monitoring.payment_delete(payment=payment, base_revision=payment.revision + 1))
    assert paid(seed, 7) == july - 10


def test_a_ledger_import_marks_the_unit(demo: dict[str, Department]) -> None:
    seed = demo["seed"]
    project = seed.projects.order_by("position").first()
    assert project is not None
    figures.refresh_stale(Department.objects.all())
    april = paid(seed, 4)
    line = monitoring.LedgerPayment(project.pk, dt.date(2021, 4, 2), Decimal("99.99"), "", "", "L1", 2)
    mapping = LedgerMapping.from_dict({"date": "A", "amount": "B", "project": "C"})
    after(seed, lambda: monitoring.ledger_import(department=seed, payments=[line], mapping=mapping, file_name="t.xlsx"))
    assert paid(seed, 4) == april + Decimal("99.99")


def test_editing_budgets_and_plans_marks_the_unit(demo: dict[str, Department]) -> None:
    seed = demo["seed"]
    project = seed.projects.order_by("position").first()
    assert project is not None
    content = services.project_document(project)
    edited = dataclasses.replace(
        content,
        budget=dataclasses.replace(content.budget, total=Decimal("123.45")),
        spending_plan=[SpendingCheckpoint("3月底", 3, Decimal("10")), SpendingCheckpoint("9月底", 9, Decimal("70"))],
    )
    after(seed, lambda: services.project_save(project=project, content=edited, base_revision=project.revision))


def test_adding_and_deleting_projects_marks_the_unit(demo: dict[str, Department]) -> None:
    seed = demo["seed"]
    template = read_path(SEED).document.projects[0]
    copy = dataclasses.replace(template, code="X-NEW", name="新增项目")
    after(seed, lambda: services.project_create(department=seed, content=copy))
    added = Project.objects.get(department=seed, code="X-NEW")
    after(seed, lambda: services.project_delete(project=added))


def test_a_self_evaluation_marks_the_unit(demo: dict[str, Department]) -> None:
    seed = demo["seed"]
    project = seed.projects.order_by("position").first()
    assert project is not None
    keys = selectors.indicator_keys(services.project_document(project).indicators)
    rows = [selectors.EvaluationEntry(actual="1人", weight=Decimal(10)) for _ in keys]
    entered = selectors.EvaluationInput(rows=rows)
    figures.refresh_stale(Department.objects.all())
    evaluated = stored(seed)["evaluated"]
    existing = mdb.Evaluation.objects.filter(project=project).first()
    revision = existing.revision if existing else 0
    after(seed, lambda: monitoring.evaluation_save(project=project, entered=entered, keys=keys, base_revision=revision))
    assert stored(seed)["evaluated"] == evaluated + (0 if existing else 1)


def test_a_new_unit_starts_marked_and_a_reimport_marks_it() -> None:
    root = Organisation.objects.create(code="R1", name="测试财政局", kind="finance")
    unit = Organisation.objects.create(code="U1", name="测试单位", kind="unit", parent=root)
    document = read_path(SEED).document
    document = dataclasses.replace(document, department=DomainDepartment(code=unit.code, name=unit.name))
    department = services.department_import(document=document, organisation=unit)
    assert figures.stale(Department.objects.filter(pk=department.pk)) == [department.pk]
    after(department, lambda: services.department_import(document=document, organisation=unit, replace=True))


def test_a_write_committed_during_a_refresh_leaves_the_unit_marked(
    demo: dict[str, Department], monkeypatch: pytest.MonkeyPatch
) -> None:
    seed = demo["seed"]
    project = seed.projects.order_by("position").first()
    assert project is not None
    compute = figures.compute

    def racing(ids: list[int]) -> dict[int, dict[str, Any]]:
        result = compute(ids)  # what the data said when read; then another user's payment arrives
        monitoring.payment_create(project=project, data=monitoring.PaymentData(dt.date(2021, 2, 1), Decimal(5)))
        return result

    figures.refresh_stale(Department.objects.all())
    february = paid(seed, 2)
    figures.touch([seed.pk])
    monkeypatch.setattr(figures, "compute", racing)
    figures.refresh_stale(Department.objects.all())
    monkeypatch.setattr(figures, "compute", compute)
    assert seed.pk in figures.stale(Department.objects.all())  # the old sums were not stored as current
    figures.refresh_stale(Department.objects.all())
    current(seed)
    assert paid(seed, 2) == february + 5


def test_generated_units_have_current_figures() -> None:
    generate(Scale(units=4, projects_per_unit=3, years=1, seed=5))
    departments = Department.objects.all()
    assert departments.count() == 4
    assert figures.stale(departments) == []
    for department in departments:
        assert same(stored(department), fresh(department))


def test_a_refresh_costs_the_same_queries_for_one_unit_or_many(demo: dict[str, Department]) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def cost(ids: list[int]) -> int:
        figures.touch(ids)
        with CaptureQueriesContext(connection) as captured:
            assert figures.refresh_stale(Department.objects.all()) == len(ids)
        return len(captured)

    generate(Scale(units=6, projects_per_unit=2, years=1, seed=2))
    figures.refresh_stale(Department.objects.all())
    everyone = list(Department.objects.values_list("pk", flat=True))
    assert len(everyone) == 8
    assert cost(everyone[:1]) == cost(everyone)
