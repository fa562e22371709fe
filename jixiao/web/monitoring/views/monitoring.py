"""Monitoring pages (执行监控): a project's and a department's execution, lights and chart, and the indicator
monitoring of a period."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jixiao.domain.errors import JixiaoError, message
from jixiao.formats.charts import execution_chart
from jixiao.web.monitoring import forms, selectors
from jixiao.web.monitoring import models as mdb
from jixiao.web.monitoring import services as monitoring
from jixiao.web.monitoring.exports import MONITORING
from jixiao.web.monitoring.permissions import can_enter
from jixiao.web.monitoring.summaries import ProjectMonitoring, department_monitoring, project_monitoring, year_of
from jixiao.web.monitoring.views.common import MONTHS, month_of, refuse_entry
from jixiao.web.records import documents
from jixiao.web.records import models as db
from jixiao.web.records.documents import Scope
from jixiao.web.records.lookup import department_or_404, project_or_404

if TYPE_CHECKING:
    from django.forms.formsets import BaseFormSet

# An SVG shown through <img> runs no script; its own policy allows only the inline styles matplotlib writes.
SVG_POLICY = "default-src 'none'; style-src 'unsafe-inline'"


def _page_url(name: str, pk: int, month: int) -> str:
    return f"{reverse(name, args=[pk])}?month={month}"


def _svg(svg: bytes) -> HttpResponse:
    response = HttpResponse(svg, content_type="image/svg+xml")
    response["Content-Security-Policy"] = SVG_POLICY
    response["Cache-Control"] = "private, no-cache"
    return response


# -- a project ----------------------------------------------------------------------------------------------------


def render_project(
    request: HttpRequest,
    row: db.Project,
    month: int,
    status: int = 200,
    *,
    form: forms.MonitoringForm | None = None,
    rows: BaseFormSet[forms.MonitoringRowForm] | None = None,
    payment_form: forms.PaymentForm | None = None,
) -> HttpResponse:
    """The project's monitoring page; the given forms (bound, with errors) replace the blank ones."""
    item = project_monitoring(row, month)
    department = row.department
    keys = selectors.indicator_keys(item.content.indicators)
    entries = item.report.rows.all() if item.report else ()
    stored = selectors.match_rows(item.content.indicators, entries).rows
    revision = item.report.revision if item.report else 0
    form = form or forms.MonitoringForm(initial={"revision": revision})
    initial = forms.monitoring_initial(keys, stored)
    rows = rows or forms.MonitoringRowFormSet(prefix="rows", initial=initial)
    context = {
        "project": row,
        "department": department,
        "item": item,
        "month": month,
        "months": MONTHS,
        "unit": selectors.amount_unit(department),
        "year": year_of(department),
        "bands": selectors.scoring().lights,
        "can_enter": can_enter(request.user, department),
        "payment_form": payment_form or forms.PaymentForm(year=department.year),
        "form": form,
        "rows": rows,
        "indicator_rows": list(zip(rows.forms, item.indicators, strict=False)),
        "orphan_choices": selectors.open_indicators(item.content.indicators, entries, selectors.monitoring_blank),
        "formats": MONITORING.format_choices(),
        "total_paid": sum((payment.amount for payment in item.payments), selectors.ZERO),
    }
    return render(request, "monitoring/project.html", context, status=status)


@login_required
@require_GET
def project_page(request: HttpRequest, pk: int) -> HttpResponse:
    row = project_or_404(request.user, pk)
    return render_project(request, row, month_of(request, row.department))


@login_required
@require_POST
def indicators_save(request: HttpRequest, pk: int) -> HttpResponse:
    row = project_or_404(request.user, pk)
    if refused := refuse_entry(request, row.department):
        return refused
    month = month_of(request, row.department)
    form = forms.MonitoringForm(request.POST)
    rows = forms.MonitoringRowFormSet(request.POST, prefix="rows")
    if not (form.is_valid() and rows.is_valid()):
        messages.error(request, message("form.invalid", {}))
        return render_project(request, row, month, status=400, form=form, rows=rows)
    try:
        monitoring.monitoring_save(
            project=row,
            month=month,
            entries=[row_form.entry() for row_form in rows.forms],
            base_revision=form.cleaned_data["revision"],
            user=request.user,
        )
    except JixiaoError as error:
        messages.error(request, str(error))
        return render_project(request, row, month, status=409, form=form, rows=rows)
    messages.success(request, message("monitoring.saved", {"month": month}))
    return redirect(_page_url("monitoring:project", row.pk, month))


@login_required
@require_http_methods(["GET", "POST"])
def report_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Delete the month's indicator monitoring after a confirmation page listing its entries."""
    row = project_or_404(request.user, pk)
    if refused := refuse_entry(request, row.department):
        return refused
    month = month_of(request, row.department)
    back = _page_url("monitoring:project", row.pk, month) + "#indicators"
    report = mdb.MonitoringReport.objects.filter(project=row, month=month).select_related("updated_by").first()
    if report is None:
        messages.info(request, message("monitoring.none_saved", {"month": month}))
        return redirect(back)
    if request.method == "GET":
        context = {
            "project": row,
            "report": report,
            "month": month,
            "entries": [(selectors.key_label(entry.key), entry) for entry in report.rows.all()],
            "form": forms.ConfirmForm(initial={"revision": report.revision}),
            "back": back,
        }
        return render(request, "monitoring/report_delete.html", context)
    form = forms.ConfirmForm(request.POST)
    try:
        revision = form.cleaned_data["revision"] if form.is_valid() else -1
        monitoring.monitoring_delete(report=report, base_revision=revision, user=request.user)
    except JixiaoError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, message("monitoring.deleted", {"month": month}))
    return redirect(back)


@login_required
@require_GET
def project_chart(request: HttpRequest, pk: int) -> HttpResponse:
    row = project_or_404(request.user, pk)
    month = month_of(request, row.department)
    return _svg(execution_chart(project_monitoring(row, month).spending.months, month=month))


@login_required
@require_GET
def project_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    row = project_or_404(request.user, pk)
    month = month_of(request, row.department)
    return documents.download(MONITORING.identifier, Scope(row.department, row, month), fmt)


# -- a department -------------------------------------------------------------------------------------------------


@login_required
@require_GET
def department_page(request: HttpRequest, pk: int) -> HttpResponse:
    department = department_or_404(request.user, pk)
    month = month_of(request, department)
    overview = department_monitoring(department, month)
    context = {
        "department": department,
        "overview": overview,
        "month": month,
        "months": MONTHS,
        "year": year_of(department),
        "bands": selectors.scoring().lights,
        "unit": selectors.amount_unit(department),
        "can_enter": can_enter(request.user, department),
        "formats": MONITORING.format_choices(),
        "lights": _light_totals(overview.projects),
    }
    return render(request, "monitoring/department.html", context)


def _light_totals(projects: list[ProjectMonitoring]) -> dict[str, int]:
    totals = dict.fromkeys(("red", "yellow", "green", "blue"), 0)
    for item in projects:
        for light, count in item.lights.items():
            totals[light] += count
    return totals


@login_required
@require_GET
def department_chart(request: HttpRequest, pk: int) -> HttpResponse:
    department = department_or_404(request.user, pk)
    month = month_of(request, department)
    months = department_monitoring(department, month).months or selectors.empty_months()
    return _svg(execution_chart(months, month=month))


@login_required
@require_GET
def department_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    department = department_or_404(request.user, pk)
    month = month_of(request, department)
    return documents.download(MONITORING.identifier, Scope(department, month=month), fmt)
