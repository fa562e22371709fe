"""Monitoring entries whose indicator was renamed or removed (orphans): re-link one to a current indicator with no
entry yet, or delete it after a confirmation. Plain form posts answered by a redirect to the page they came from."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Field
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from jixiao.domain.errors import JixiaoError, message
from jixiao.web.monitoring import forms, selectors
from jixiao.web.monitoring import models as mdb
from jixiao.web.monitoring import services as monitoring
from jixiao.web.monitoring.views.common import monitoring_row_or_404, refuse_entry

MONITORING_FIELDS = ("current", "forecast", "likelihood", "reasons", "reason_text", "remark")


def _monitoring_back(row: mdb.MonitoringRow) -> str:
    report = row.report
    return f"{reverse('monitoring:project', args=[report.project_id])}?month={report.month}#indicators"


def _run(
    request: HttpRequest, action: Callable[[int], object], form: forms.ConfirmForm | forms.RelinkForm, done: str
) -> None:
    """Call the service with the revision the page showed; its refusal (or a tampered form) becomes the message."""
    revision = form.cleaned_data["revision"] if form.is_valid() else -1
    try:
        action(revision)
    except JixiaoError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, done)


def _relinked(old: str, key: str) -> str:
    return message("orphan.relinked", {"old": selectors.key_label(old), "new": selectors.key_label(key)})


@login_required
@require_POST
def monitoring_relink(request: HttpRequest, pk: int) -> HttpResponse:
    row = monitoring_row_or_404(request.user, pk)
    if refused := refuse_entry(request, row.report.project.department):
        return refused
    form = forms.RelinkForm(request.POST)
    key = form.cleaned_data["key"] if form.is_valid() else ""

    def relink(revision: int) -> object:
        return monitoring.monitoring_row_relink(row=row, key=key, base_revision=revision, user=request.user)

    _run(request, relink, form, _relinked(row.key, key))
    return redirect(_monitoring_back(row))


def _values(row: mdb.MonitoringRow | mdb.EvaluationRow, names: tuple[str, ...]) -> list[tuple[str, str]]:
    """The entry's filled fields as (label, text) for the confirmation page."""
    pairs = []
    for name in names:
        value = getattr(row, name)
        text = "、".join(value) if isinstance(value, list) else ("" if value is None else str(value))
        field = row._meta.get_field(name)
        if text and isinstance(field, Field):  # names are the row's own columns, never relations
            pairs.append((str(field.verbose_name), text))
    if getattr(row, "not_applicable", False):
        pairs.append(("不适用", "是"))
    return pairs


def _confirm(
    request: HttpRequest,
    row: mdb.MonitoringRow | mdb.EvaluationRow,
    revision: int,
    what: str,
    names: tuple[str, ...],
    back: str,
) -> HttpResponse:
    context = {
        "what": what,
        "label": selectors.key_label(row.key),
        "values": _values(row, names),
        "form": forms.ConfirmForm(initial={"revision": revision}),
        "back": back,
    }
    return render(request, "monitoring/entry_delete.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def monitoring_entry_delete(request: HttpRequest, pk: int) -> HttpResponse:
    row = monitoring_row_or_404(request.user, pk)
    if refused := refuse_entry(request, row.report.project.department):
        return refused
    if request.method == "GET":
        what = f"1-{row.report.month}月绩效监控"
        return _confirm(request, row, row.report.revision, what, MONITORING_FIELDS, _monitoring_back(row))

    def delete(revision: int) -> object:
        return monitoring.monitoring_row_delete(row=row, base_revision=revision, user=request.user)

    _run(
        request,
        delete,
        forms.ConfirmForm(request.POST),
        message("orphan.monitoring_deleted", {"name": selectors.key_label(row.key)}),
    )
    return redirect(_monitoring_back(row))
