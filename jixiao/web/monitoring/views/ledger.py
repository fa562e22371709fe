"""Importing payments from a finance-system ledger: upload with the column mapping → preview (or every error with
its row and column) → confirm, all or nothing. The mapping is remembered per organisation."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from jixiao.domain.errors import JixiaoError, message
from jixiao.domain.monitoring import LedgerMapping, Payment, import_ledger
from jixiao.web import uploads
from jixiao.web.monitoring import forms
from jixiao.web.monitoring import models as mdb
from jixiao.web.monitoring import services as monitoring
from jixiao.web.monitoring.services import LedgerPayment
from jixiao.web.monitoring.views.common import refuse_entry
from jixiao.web.records import models as db
from jixiao.web.records.lookup import department_or_404

SESSION_KEY = "jixiao_ledger_preview"
_DEFAULT = "#default"  # the project code import_ledger gives rows that name none


def _stored_mapping(department: db.Department) -> dict[str, Any] | None:
    row = mdb.LedgerSettings.objects.filter(organisation=department.organisation).first()
    return row.mapping if row else None


@login_required
@require_http_methods(["GET", "POST"])
def ledger_upload(request: HttpRequest, pk: int) -> HttpResponse:
    department = department_or_404(request.user, pk)
    if refused := refuse_entry(request, department):
        return refused
    projects = department.projects.order_by("position", "id")
    if request.method == "GET":
        initial = forms.ledger_initial(_stored_mapping(department))
        initial["default_project"] = request.GET.get("project") or None
        return _render(request, department, forms.LedgerForm(initial=initial, projects=projects))
    form = forms.LedgerForm(request.POST, request.FILES, projects=projects)
    if not form.is_valid():
        return _render(request, department, form, status=400)
    upload = form.cleaned_data["file"]
    try:
        rows = uploads.read_ledger(upload)  # in a child process, within the limits and the budget
    except JixiaoError as error:
        form.add_error("file", f"无法读取“{upload.name}”：{error}")
        return _render(request, department, form, status=400)
    codes = {project.code: project.pk for project in projects if project.code}
    default = form.cleaned_data.get("default_project")
    result = import_ledger(
        rows,
        form.mapping,
        year=department.year,
        projects=codes,
        default_project=_DEFAULT if default else None,
        amount_unit="元",
    )
    if result.errors:
        return _render(request, department, form, status=400, errors=result.errors, name=upload.name)
    lookup = {**codes, **({_DEFAULT: default.pk} if default else {})}
    payments = [_matched(payment, lookup) for payment in result.payments]
    try:
        request.session[SESSION_KEY] = uploads.pack_preview(_pending(department, upload.name, form.mapping, payments))
    except JixiaoError as error:
        form.add_error("file", f"无法读取“{upload.name}”：{error}")
        return _render(request, department, form, status=400)
    return redirect("monitoring:ledger_preview", pk=department.pk)


def _render(
    request: HttpRequest, department: db.Department, form: forms.LedgerForm, status: int = 200, **extra: object
) -> HttpResponse:
    return render(request, "monitoring/ledger.html", {"department": department, "form": form, **extra}, status=status)


def _matched(payment: Payment, lookup: dict[str, int]) -> LedgerPayment:
    return LedgerPayment(
        project=lookup[payment.project or _DEFAULT],
        date=payment.date,
        amount=payment.amount,
        payee=payment.payee or "",
        purpose=payment.purpose or "",
        voucher=payment.voucher or "",
        line=payment.line,
    )


def _pending(
    department: db.Department, name: str, mapping: LedgerMapping, payments: list[LedgerPayment]
) -> dict[str, Any]:
    return {
        "department": department.pk,
        "name": name,
        "mapping": mapping.to_dict(),
        "payments": [_row(item) for item in payments],
    }


def _row(item: LedgerPayment) -> list[int | str | None]:
    """A payment as JSON for the session (the amount as exact text)."""
    date, amount = item.date.isoformat(), format(item.amount, "f")
    return [item.project, date, amount, item.payee, item.purpose, item.voucher, item.line]


def _payments(pending: dict[str, Any]) -> list[LedgerPayment]:
    return [
        LedgerPayment(project, dt.date.fromisoformat(date), Decimal(amount), payee, purpose, voucher, line)
        for project, date, amount, payee, purpose, voucher, line in pending["payments"]
    ]


@login_required
@require_http_methods(["GET", "POST"])
def ledger_preview(request: HttpRequest, pk: int) -> HttpResponse:
    department = department_or_404(request.user, pk)
    if refused := refuse_entry(request, department):
        return refused
    pending = uploads.unpack_preview(request.session.get(SESSION_KEY))
    if not pending or pending.get("department") != department.pk:
        messages.info(request, message("ledger.no_pending", {}))
        return redirect("monitoring:ledger", pk=department.pk)
    payments = _payments(pending)
    if request.method == "POST":
        return _confirm(request, department, pending, payments)
    skipped = monitoring.already_imported(department, payments)
    context = {
        "department": department,
        "name": pending["name"],
        "rows": _preview_rows(department, payments, skipped),
        "skipped": len(skipped),
        "totals": _totals(department, payments, skipped),
        "count": len(payments) - len(skipped),
    }
    return render(request, "monitoring/ledger_preview.html", context)


def _confirm(
    request: HttpRequest, department: db.Department, pending: dict[str, Any], payments: list[LedgerPayment]
) -> HttpResponse:
    try:
        rows = monitoring.ledger_import(
            department=department,
            payments=payments,
            mapping=LedgerMapping.from_dict(pending["mapping"]),
            file_name=pending["name"],
            user=request.user,
        )
    except JixiaoError as error:
        messages.error(request, str(error))
        return redirect("monitoring:ledger", pk=department.pk)
    del request.session[SESSION_KEY]
    skipped = len(payments) - len(rows)
    note = message("ledger.skipped", {"count": skipped}) if skipped else ""
    messages.success(request, message("ledger.imported", {"name": pending["name"], "count": len(rows), "note": note}))
    return redirect(reverse("monitoring:department", args=[department.pk]))


def _preview_rows(department: db.Department, payments: list[LedgerPayment], skipped: set[int]) -> list[dict[str, Any]]:
    names = dict(department.projects.values_list("pk", "name"))
    return [
        {"payment": payment, "project": names.get(payment.project, ""), "skipped": index in skipped}
        for index, payment in enumerate(payments)
    ]


def _totals(department: db.Department, payments: list[LedgerPayment], skipped: set[int]) -> list[dict[str, Any]]:
    sums: dict[int, Decimal] = defaultdict(Decimal)
    counts: dict[int, int] = defaultdict(int)
    for index, payment in enumerate(payments):
        if index not in skipped:
            sums[payment.project] += payment.amount
            counts[payment.project] += 1
    projects = department.projects.filter(pk__in=list(sums)).order_by("position", "id")
    return [{"project": project, "count": counts[project.pk], "amount": sums[project.pk]} for project in projects]
