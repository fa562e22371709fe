"""Synthetic city- or province-scale data (``jixiao demo generate``): deterministic, streamed, bounded in memory.

Shape: one finance bureau (财政局) → competent departments (主管部门, about 15 units each) → budget units (预算单位).
Each unit has one target document per year with ``projects_per_unit`` projects of 8–15 indicators drawn from real
documents (:mod:`jixiao.web.generate.shapes`). Review counts are the real review engine's, run on each generated
document before it is written. Workflow states are spread over the latest year (a set with review errors is never
past 退回); earlier years are approved or published, and approved sets carry their frozen version as the workflow
would have written it. Each project gets payments up to the year's month (``Scale.month`` for the latest year,
December for earlier ones) and, for a year run to December, a self-evaluation scored by the engine
(:mod:`jixiao.web.generate.inyear`). Users share one password hash (Argon2 costs ~0.3 s per hash; hashing once
keeps 2,000 accounts cheap).

Every unit draws from its own ``random.Random`` seeded from (seed, unit), so the same seed gives the same data
whatever the batch size. Units are written in batches, one transaction each, with bulk inserts.
"""

from __future__ import annotations

import math
import random
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, TextIO

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.utils import timezone

from jixiao.domain import model as domain
from jixiao.domain.errors import JixiaoError
from jixiao.domain.workflow import State
from jixiao.formats import canonical
from jixiao.web.generate import inyear, shapes
from jixiao.web.monitoring import figures
from jixiao.web.monitoring import models as mdb
from jixiao.web.progress import progress_bar
from jixiao.web.records import conversion, review
from jixiao.web.records import models as db

FINANCE_CODE = "CZJ"
UNITS_PER_DEPARTMENT = 15
USER_PREFIX = "sim-"
OVERALL_GOAL = "围绕本单位职责，保障各项业务正常运转，提高公共服务质量和服务对象满意度。"
# The latest year: a spread over the whole workflow. Earlier years are closed: approved or published.
CURRENT_STATES = [
    (State.DRAFT, 25),
    (State.SUBMITTED, 15),
    (State.RETURNED, 10),
    (State.DEPARTMENT_APPROVED, 15),
    (State.FINANCE_APPROVED, 15),
    (State.PUBLISHED, 20),
]
CLOSED_STATES = [(State.FINANCE_APPROVED, 10), (State.PUBLISHED, 90)]
FROZEN = {State.FINANCE_APPROVED, State.PUBLISHED}


@dataclass(frozen=True, slots=True)
class Scale:
    """What to generate. ``month`` is how far the latest year has run (monitoring data stops there)."""

    units: int
    projects_per_unit: int
    years: int = 1
    seed: int = 1
    first_year: int = 2025
    month: int = 9
    indicator_range: tuple[int, int] = (8, 15)
    password: str = "jixiao-demo"
    batch: int = 50

    @property
    def departments(self) -> int:
        return max(1, math.ceil(self.units / UNITS_PER_DEPARTMENT))

    @property
    def last_year(self) -> int:
        return self.first_year + self.years - 1


@dataclass(slots=True)
class Counts:
    """Rows written, by table."""

    rows: dict[str, int] = field(default_factory=dict)

    def add(self, name: str, count: int) -> None:
        self.rows[name] = self.rows.get(name, 0) + count


def generate(scale: Scale, *, stream: TextIO | None = sys.stderr) -> Counts:
    """Write the whole synthetic city; refuses (``generate.exists``) when a generated bureau is already there."""
    if db.Organisation.objects.filter(code=FINANCE_CODE).exists():
        raise JixiaoError("generate.exists", bureau=FINANCE_CODE)
    counts = Counts()
    password = make_password(scale.password)
    departments = _hierarchy(scale, password, counts)
    progress = progress_bar(scale.units, stream, verb="生成", noun="单位")
    for first in range(0, scale.units, scale.batch):
        with transaction.atomic():
            _units(scale, range(first, min(first + scale.batch, scale.units)), departments, password, counts)
        progress.update(min(scale.batch, scale.units - first))
    progress.close()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # fresh statistics: without them PostgreSQL joins 100,000 rows by nested loops
    return counts


def _with_paths(rows: list[db.Organisation], parent: db.Organisation | None) -> list[db.Organisation]:
    """Bulk-created organisations get their materialized path (``save()`` would do it one row at a time)."""
    prefix = parent.path if parent else "/"
    for row in rows:
        row.path = f"{prefix}{row.pk}/"
    db.Organisation.objects.bulk_update(rows, ["path"])
    return rows


@transaction.atomic
def _hierarchy(scale: Scale, password: str, counts: Counts) -> list[db.Organisation]:
    bureau = db.Organisation(code=FINANCE_CODE, name="模拟市财政局", kind=db.Organisation.Kind.FINANCE)
    bureau.save()
    names = shapes.DEPARTMENT_NAMES
    departments = db.Organisation.objects.bulk_create(
        db.Organisation(
            code=f"D{index + 1:03d}",
            name=f"模拟市{names[index % len(names)]}{'' if index < len(names) else index // len(names) + 1}",
            kind=db.Organisation.Kind.DEPARTMENT,
            parent=bureau,
        )
        for index in range(scale.departments)
    )
    _with_paths(departments, bureau)
    staff = [(f"{USER_PREFIX}finance", bureau, "finance_reviewer"), (f"{USER_PREFIX}auditor", bureau, "auditor")]
    staff += [(f"{USER_PREFIX}dept{i + 1:03d}", org, "dept_reviewer") for i, org in enumerate(departments)]
    _accounts(staff, password, counts)
    counts.add("organisations", 1 + len(departments))
    return departments


def _accounts(people: list[tuple[str, db.Organisation, str]], password: str, counts: Counts) -> None:
    User = get_user_model()
    users = User.objects.bulk_create(User(username=name, password=password) for name, _, _ in people)
    db.Membership.objects.bulk_create(
        db.Membership(user=user, organisation=org, role=role)
        for user, (_, org, role) in zip(users, people, strict=True)
    )
    counts.add("users", len(users))


def _weighted(rng: random.Random, table: list[tuple[State, int]]) -> State:
    return rng.choices([state for state, _ in table], weights=[weight for _, weight in table])[0]


def _units(scale: Scale, indexes: range, departments: list[db.Organisation], password: str, counts: Counts) -> None:
    rngs = {index: random.Random(f"{scale.seed}:unit:{index}") for index in indexes}
    organisations = db.Organisation.objects.bulk_create(
        db.Organisation(
            code=f"U{index + 1:05d}",
            name=shapes.unit_name(rngs[index], _department_of(index, departments).name, index + 1),
            kind=db.Organisation.Kind.UNIT,
            parent=_department_of(index, departments),
        )
        for index in indexes
    )
    for row in organisations:
        row.path = f"{row.parent.path if row.parent else '/'}{row.pk}/"
    db.Organisation.objects.bulk_update(organisations, ["path"])
    _accounts(
        [
            (f"{USER_PREFIX}unit{index + 1:05d}", org, "editor")
            for index, org in zip(indexes, organisations, strict=True)
        ],
        password,
        counts,
    )
    counts.add("organisations", len(organisations))
    for year in range(scale.first_year, scale.last_year + 1):
        documents = [
            _document(scale, random.Random(f"{scale.seed}:unit:{index}:{year}"), org, year)
            for index, org in zip(indexes, organisations, strict=True)
        ]
        _write(documents, counts)


def _department_of(index: int, departments: list[db.Organisation]) -> db.Organisation:
    return departments[min(index // UNITS_PER_DEPARTMENT, len(departments) - 1)]


@dataclass(slots=True)
class _Document:
    """One generated document before it is written: the row, its domain twin, and each project's indicator fields."""

    row: db.Department
    content: domain.TargetDocument
    key: str  # the unit and year, which seed the in-year data's own random stream
    month: int  # how far the year has run: payments stop there; a year run to December is self-evaluated
    project_rows: list[db.Project]
    indicator_fields: list[list[dict[str, Any]]]
    stored_review: dict[str, Any]  # the findings as the pages read them (targets.StoredReview's fields)


def _document(scale: Scale, rng: random.Random, organisation: db.Organisation, year: int) -> _Document:
    unit = domain.Unit(code=organisation.code, name=f"{organisation.name}(本级)")
    made = [
        shapes.project(
            rng,
            code=f"{year}{organisation.code}{p + 1:03d}",
            unit=unit,
            year=year,
            indicator_range=scale.indicator_range,
        )
        for p in range(scale.projects_per_unit)
    ]
    content = domain.TargetDocument(
        year=year,
        amount_unit="万元",
        department=domain.Department(code=organisation.code, name=organisation.name),
        overall=domain.Overall(goal=OVERALL_GOAL),
        projects=[project for project, _ in made],
        title=f"{year}年度{organisation.name}绩效目标表",
    )
    findings = review.findings(content)
    total = review.counts(findings)
    state = _weighted(rng, CURRENT_STATES if year == scale.last_year else CLOSED_STATES)
    if total["error"] and not state.editable:
        state = State.RETURNED  # review errors block submission: such a set can only have come back
    row = db.Department(
        organisation=organisation,
        year=year,
        code=organisation.code,
        name=organisation.name,
        title=content.title,
        amount_unit="万元",
        has_overall=True,
        overall_goal=OVERALL_GOAL,
        state=state.value,
        review_errors=total["error"],
        review_warnings=total["warning"],
        review_infos=total["info"],
    )
    project_rows = []
    per_project = review.counts_by_project(findings, len(content.projects))
    for index, (project, found) in enumerate(zip(content.projects, per_project, strict=True)):
        project_rows.append(
            db.Project(
                position=index,
                review_errors=found["error"],
                review_warnings=found["warning"],
                review_infos=found["info"],
                **conversion.project_fields(project),
            )
        )
    month = scale.month if year == scale.last_year else 12
    key = f"{scale.seed}:inyear:{organisation.code}:{year}"
    fields = [fields for _, fields in made]
    return _Document(row, content, key, month, project_rows, fields, review.stored_fields(findings))


def _write(documents: list[_Document], counts: Counts) -> None:
    rows = db.Department.objects.bulk_create(document.row for document in documents)
    counts.add("departments", len(rows))
    db.StoredReview.objects.bulk_create(
        db.StoredReview(department=row, **document.stored_review) for document, row in zip(documents, rows, strict=True)
    )
    for document, row in zip(documents, rows, strict=True):
        for project in document.project_rows:
            project.department = row
    projects = db.Project.objects.bulk_create(p for document in documents for p in document.project_rows)
    counts.add("projects", len(projects))
    pairs = list(_project_pairs(documents))
    checkpoints = db.SpendingCheckpoint.objects.bulk_create(
        (
            db.SpendingCheckpoint(project=row, position=i, label=c.label, month=c.month, percent=c.percent)
            for row, content, _ in pairs
            for i, c in enumerate(content.spending_plan)
        ),
        batch_size=2000,
    )
    counts.add("checkpoints", len(checkpoints))
    indicators = db.Indicator.objects.bulk_create(
        (db.Indicator(project=row, position=i, **item) for row, _, fields in pairs for i, item in enumerate(fields)),
        batch_size=2000,
    )
    counts.add("indicators", len(indicators))
    versions = db.TargetVersion.objects.bulk_create(
        db.TargetVersion(
            department=document.row,
            number=document.row.version,
            content=canonical.to_json(document.content),
            note="生成数据",
            published_at=timezone.now() if document.row.state == State.PUBLISHED else None,
        )
        for document in documents
        if State(document.row.state) in FROZEN
    )
    counts.add("versions", len(versions))
    _in_year(documents, counts)
    figures.refresh(row.pk for row in rows)  # the overview's kept sums (bulk_create sends no signals)


def _in_year(documents: list[_Document], counts: Counts) -> None:
    """Payments of every project up to its year's month; self-evaluations of the years run to December."""
    paid: list[mdb.Payment] = []
    heads: list[tuple[mdb.Evaluation, list[mdb.EvaluationRow]]] = []
    for document in documents:
        rng = random.Random(document.key)
        year = document.content.year or 0
        for row, content in zip(document.project_rows, document.content.projects, strict=True):
            made = inyear.payments(rng, content, row.pk, year, document.month)
            paid += made
            if document.month == 12:
                heads.append(inyear.evaluation(rng, content, row.pk, sum((p.amount for p in made), Decimal(0))))
    counts.add("payments", len(mdb.Payment.objects.bulk_create(paid, batch_size=2000)))
    evaluations = mdb.Evaluation.objects.bulk_create((head for head, _ in heads), batch_size=2000)
    counts.add("evaluations", len(evaluations))
    rows: list[mdb.EvaluationRow] = []
    for evaluation, (_, lines) in zip(evaluations, heads, strict=True):
        for line in lines:
            line.evaluation = evaluation
        rows += lines
    counts.add("evaluation_rows", len(mdb.EvaluationRow.objects.bulk_create(rows, batch_size=2000)))


def _project_pairs(documents: list[_Document]) -> Iterator[tuple[db.Project, domain.Project, list[dict[str, Any]]]]:
    for document in documents:
        yield from zip(document.project_rows, document.content.projects, document.indicator_fields, strict=True)
