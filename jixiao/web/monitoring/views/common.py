"""What the monitoring views share: the period asked for, the payment or entry a user may see, the entry check."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse

from jixiao.domain.errors import message
from jixiao.web.monitoring import models as mdb
from jixiao.web.monitoring.permissions import can_enter
from jixiao.web.monitoring.summaries import opening_month
from jixiao.web.records import models as db
from jixiao.web.records import permissions
from jixiao.web.records.lookup import forbidden
from jixiao.web.requests import Visitor

MONTHS = [(month, f"1-{month}月" if month > 1 else "1月") for month in range(1, 13)]


def month_of(request: HttpRequest, department: db.Department) -> int:
    """The monitoring period (1–12) from ``?month=``; anything else gives the department's default period."""
    text = request.POST.get("month") or request.GET.get("month") or ""
    return int(text) if text.isdigit() and 1 <= int(text) <= 12 else opening_month(department)


def payment_or_404(user: Visitor, pk: int) -> mdb.Payment:
    visible = permissions.visible_departments(user)
    payment = (
        mdb.Payment.objects.select_related("project__department__organisation", "updated_by")
        .filter(pk=pk, project__department__in=visible)
        .first()
    )
    if payment is None:
        raise Http404(message("web.not_found", {}))
    return payment


def monitoring_row_or_404(user: Visitor, pk: int) -> mdb.MonitoringRow:
    """A monitoring entry of a department the user may see, with its report and project."""
    visible = permissions.visible_departments(user)
    row = (
        mdb.MonitoringRow.objects.select_related("report__project__department__organisation")
        .filter(pk=pk, report__project__department__in=visible)
        .first()
    )
    if row is None:
        raise Http404(message("web.not_found", {}))
    return row


def evaluation_row_or_404(user: Visitor, pk: int) -> mdb.EvaluationRow:
    """A self-evaluation entry of a department the user may see, with its evaluation and project."""
    visible = permissions.visible_departments(user)
    row = (
        mdb.EvaluationRow.objects.select_related("evaluation__project__department__organisation")
        .filter(pk=pk, evaluation__project__department__in=visible)
        .first()
    )
    if row is None:
        raise Http404(message("web.not_found", {}))
    return row


def refuse_entry(request: HttpRequest, department: db.Department) -> HttpResponse | None:
    """The 403 page when the user may read but not enter data here; None when they may."""
    return None if can_enter(request.user, department) else forbidden(request)
