"""The monitoring table (绩效目标执行监控表) as a registered document, for a department or one project; every format
carries each project's execution chart."""

from __future__ import annotations

from jixiao.formats.charts import execution_charts
from jixiao.formats.evaluation_export import MonitoredProject, MonitoringExporter
from jixiao.formats.exporters import Exporter
from jixiao.web.monitoring import selectors
from jixiao.web.monitoring.summaries import department_monitoring, opening_month, project_monitoring, year_of
from jixiao.web.records.documents import Document, Scope

FORMATS = ("docx", "xlsx", "pdf", "html")


def _monitoring(scope: Scope) -> Exporter:
    department = scope.department
    month = scope.month or opening_month(department)
    if scope.project is not None:
        items = [project_monitoring(scope.project, month)]
    else:
        items = list(department_monitoring(department, month).projects)
    charts = execution_charts([item.spending.months for item in items], month=month)
    projects = [
        MonitoredProject(
            item.content,
            item.spending.status,
            item.indicators,
            unit=item.content.unit.name if item.content.unit else None,
            chart=chart,
        )
        for item, chart in zip(items, charts, strict=True)
    ]
    return MonitoringExporter(
        projects, year=year_of(department), department=department.name, amount_unit=selectors.amount_unit(department)
    )


MONITORING = Document(MonitoringExporter.identifier, MonitoringExporter.verbose_name, _monitoring, FORMATS)
