"""What the monitoring and self-evaluation pages and downloads show, read in a fixed number of queries per page
(a department's page costs the same whether it has one project or fifty)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Max
from django.utils import timezone

from jixiao.domain import model as domain
from jixiao.domain.monitoring import IndicatorProgress, MonthExecution, SpendingStatus, aggregate_status, default_month
from jixiao.domain.scoring import ProjectScore, SelfEvaluation, draft_report
from jixiao.formats.charts import combine_months
from jixiao.web.monitoring import models as mdb
from jixiao.web.monitoring import selectors
from jixiao.web.records import models as db
from jixiao.web.records import services as targets


def year_of(department: db.Department) -> int:
    """The department's budget year (this year for a document that states none)."""
    return department.year or timezone.localdate().year


def opening_month(department: db.Department) -> int:
    """The period a page opens on: for a past year the latest month monitored (else December), for this year the
    current month."""
    today = timezone.localdate()
    if department.year and department.year < today.year:
        reports = mdb.MonitoringReport.objects.filter(project__department=department)
        latest = reports.aggregate(latest=Max("month"))["latest"]
        if latest:
            return int(latest)
    return default_month(department.year, today)


def _projects(department: db.Department) -> tuple[list[db.Project], list[domain.Project]]:
    """The department's project rows and their domain content, in the same order."""
    document = targets.department_document(department)
    rows = list(department.projects.order_by("position", "id"))
    for row in rows:
        row.department = department  # spares a query per row
    return rows, document.projects


# -- monitoring ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ProjectMonitoring:
    """A project's monitoring page: payments, execution against plan and time, and the month's indicator rows."""

    row: db.Project
    content: domain.Project
    payments: list[mdb.Payment]
    spending: selectors.Spending
    indicators: list[IndicatorProgress]
    report: mdb.MonitoringReport | None
    orphans: list[selectors.Orphan[mdb.MonitoringRow]]

    @property
    def lights(self) -> dict[str, int]:
        return selectors.light_counts(self.indicators)


def _monitoring(
    row: db.Project,
    content: domain.Project,
    payments: list[mdb.Payment],
    report: mdb.MonitoringReport | None,
    month: int,
) -> ProjectMonitoring:
    department, settings_ = row.department, selectors.scoring()
    entries = selectors.domain_payments(payments, selectors.amount_unit(department))
    spending = selectors.spending(content, entries, year=year_of(department), month=month, settings_=settings_)
    indicators, orphans = selectors.indicator_progress(content, report, month=month, settings_=settings_)
    return ProjectMonitoring(row, content, payments, spending, indicators, report, orphans)


def project_monitoring(row: db.Project, month: int) -> ProjectMonitoring:
    content = targets.project_document(row)
    payments = selectors.payments_by_project([row.pk]).get(row.pk, [])
    return _monitoring(row, content, payments, selectors.reports_by_project([row.pk], month).get(row.pk), month)


@dataclass(frozen=True, slots=True)
class DepartmentMonitoring:
    """Every project's monitoring and the department's aggregate (None without projects)."""

    projects: list[ProjectMonitoring]
    status: SpendingStatus | None
    months: list[MonthExecution]


def department_monitoring(department: db.Department, month: int) -> DepartmentMonitoring:
    rows, contents = _projects(department)
    ids = [row.pk for row in rows]
    payments, reports = selectors.payments_by_project(ids), selectors.reports_by_project(ids, month)
    projects = [
        _monitoring(row, content, payments.get(row.pk, []), reports.get(row.pk), month)
        for row, content in zip(rows, contents, strict=True)
    ]
    if not projects:
        return DepartmentMonitoring([], None, [])
    status = aggregate_status([item.spending.status for item in projects], bands=selectors.scoring().lights)
    months = combine_months([(item.content.budget.total, item.spending.months) for item in projects])
    return DepartmentMonitoring(projects, status, months)


# -- the self-evaluation ------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ProjectEvaluation:
    """A project's self-evaluation: what is stored (or typed), the payments' total, and the engine's score."""

    row: db.Project
    content: domain.Project
    stored: mdb.Evaluation | None
    entered: selectors.EvaluationInput
    paid: Decimal
    evaluation: SelfEvaluation
    score: ProjectScore
    orphans: list[selectors.Orphan[mdb.EvaluationRow]]

    @property
    def keys(self) -> list[str]:
        return selectors.indicator_keys(self.content.indicators)

    @property
    def revision(self) -> int:
        return self.stored.revision if self.stored else 0

    def draft(self) -> str:
        """The draft self-evaluation report built from the data (docs/domain/scoring.md; the user
        edits it)."""
        department = self.row.department
        return draft_report(
            self.evaluation,
            self.score,
            year=department.year,
            department=department.name,
            amount_unit=selectors.amount_unit(department),
        )


def _evaluation(
    row: db.Project,
    content: domain.Project,
    stored: mdb.Evaluation | None,
    payments: list[mdb.Payment],
    entered: selectors.EvaluationInput | None,
) -> ProjectEvaluation:
    department = row.department
    paid = selectors.paid_in_year(payments, year_of(department), selectors.amount_unit(department))
    entered = entered or selectors.stored_input(content, stored)
    evaluation, score = selectors.scored(content, entered, paid)
    orphans = selectors.match_rows(content.indicators, stored.rows.all()).orphans if stored else []
    return ProjectEvaluation(row, content, stored, entered, paid, evaluation, score, orphans)


def project_evaluation(row: db.Project, entered: selectors.EvaluationInput | None = None) -> ProjectEvaluation:
    """The project's self-evaluation as stored, or as ``entered`` in a form that is being redisplayed."""
    content = targets.project_document(row)
    stored = selectors.evaluations_by_project([row.pk]).get(row.pk)
    payments = selectors.payments_by_project([row.pk]).get(row.pk, [])
    return _evaluation(row, content, stored, payments, entered)


def department_evaluations(department: db.Department) -> list[ProjectEvaluation]:
    rows, contents = _projects(department)
    ids = [row.pk for row in rows]
    stored, payments = selectors.evaluations_by_project(ids), selectors.payments_by_project(ids)
    return [
        _evaluation(row, content, stored.get(row.pk), payments.get(row.pk, []), None)
        for row, content in zip(rows, contents, strict=True)
    ]
