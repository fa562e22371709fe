"""Downloads of the monitoring table (绩效目标执行监控表) and the self-evaluation table (项目支出绩效自评表), made
by the same exporter classes the command line uses (jixiao.formats.evaluation_export)."""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import quote

from django.http import Http404, HttpResponse

from jixiao.formats.charts import execution_charts
from jixiao.formats.evaluation_export import MonitoredProject, MonitoringExporter, ScoredProject, SelfEvaluationExporter
from jixiao.formats.exporters import Exporter
from jixiao.web.monitoring import data
from jixiao.web.monitoring.assemble import ProjectEvaluation, ProjectMonitoring, year_of
from jixiao.web.records import models as db
from jixiao.web.records.exports import LABELS

FORMATS = ("docx", "xlsx", "pdf", "html")
# Every renderer draws the layout's pictures, so every download carries the execution chart.
CHART_FORMATS = frozenset({"docx", "xlsx", "html", "pdf"})


def formats() -> list[tuple[str, str]]:
    return [(fmt, LABELS[fmt]) for fmt in FORMATS]


def _send(exporter: Exporter, fmt: str) -> HttpResponse:
    output = exporter.export(fmt)
    response = HttpResponse(output.data, content_type=output.media_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(output.filename)}"
    return response


def _check(fmt: str) -> None:
    if fmt not in FORMATS:
        raise Http404("不支持的导出格式。")


def monitoring_download(
    department: db.Department, items: Sequence[ProjectMonitoring], month: int, fmt: str
) -> HttpResponse:
    _check(fmt)
    series = [item.spending.months for item in items]
    charts = execution_charts(series, month=month) if fmt in CHART_FORMATS else [None] * len(items)
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
    exporter = MonitoringExporter(
        projects, year=year_of(department), department=department.name, amount_unit=data.amount_unit(department)
    )
    return _send(exporter, fmt)


def evaluation_download(department: db.Department, items: Sequence[ProjectEvaluation], fmt: str) -> HttpResponse:
    _check(fmt)
    exporter = SelfEvaluationExporter(
        [ScoredProject(item.evaluation, item.score) for item in items],
        year=department.year,
        department=department.name,
        amount_unit=data.amount_unit(department),
    )
    return _send(exporter, fmt)
