"""Payments entered by hand: add (on the project's monitoring page), edit, and delete after a confirmation."""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from jixiao.domain.errors import JixiaoError, message
from jixiao.domain.values import format_number
from jixiao.web.monitoring import forms, selectors
from jixiao.web.monitoring import models as mdb
from jixiao.web.monitoring import services as monitoring
from jixiao.web.monitoring.views.common import month_of, payment_or_404, refuse_entry
from jixiao.web.monitoring.views.monitoring import render_project
from jixiao.web.records import models as db
from jixiao.web.records.lookup import project_or_404

ZERO = Decimal(0)


def _back(pk: int, month: int) -> str:
    return f"{reverse('monitoring:project', args=[pk])}?month={month}#payments"


def _payment_params(payment: mdb.Payment) -> dict[str, str]:
    return {"date": f"{payment.date:%Y-%m-%d}", "amount": format_number(payment.amount)}


def _over_budget(
    form: forms.PaymentForm, project: db.Project, amount: Decimal | None, replacing: Decimal = ZERO
) -> bool:
    """Whether the payment would take the project's payments past its budget without the user's confirmation."""
    if amount is None or not project.budget_total:
        return False
    # summed here: the amounts are kept exactly as text (ExactDecimalField), which PostgreSQL's SUM does not take
    paid = sum((payment.amount for payment in mdb.Payment.objects.filter(project=project).only("amount")), ZERO)
    unit = selectors.amount_unit(project.department)
    budget = selectors.convert(project.budget_total, unit, selectors.YUAN)
    return form.refuse_over_budget(paid - replacing + amount, budget)


@login_required
@require_POST
def payment_add(request: HttpRequest, pk: int) -> HttpResponse:
    row = project_or_404(request.user, pk)
    if refused := refuse_entry(request, row.department):
        return refused
    month = month_of(request, row.department)
    form = forms.PaymentForm(request.POST, year=row.department.year)
    if not form.is_valid() or _over_budget(form, row, form.payment().amount if form.is_valid() else None):
        messages.error(request, message("payment.invalid", {}))
        return render_project(request, row, month, status=400, payment_form=form)
    payment = monitoring.payment_create(project=row, data=form.payment(), user=request.user)
    messages.success(request, message("payment.added", _payment_params(payment)))
    return redirect(_back(row.pk, month))


@login_required
@require_http_methods(["GET", "POST"])
def payment_edit(request: HttpRequest, pk: int) -> HttpResponse:
    payment = payment_or_404(request.user, pk)
    department = payment.project.department
    if refused := refuse_entry(request, department):
        return refused
    month = month_of(request, department)
    if request.method == "GET":
        form = forms.PaymentForm(initial=forms.payment_initial(payment), year=department.year)
        return _render_edit(request, payment, form, month)
    form = forms.PaymentForm(request.POST, year=department.year)
    if not form.is_valid() or _over_budget(form, payment.project, form.payment().amount, replacing=payment.amount):
        return _render_edit(request, payment, form, month, status=400)
    try:
        monitoring.payment_save(
            payment=payment, data=form.payment(), base_revision=form.cleaned_data["revision"] or 0, user=request.user
        )
    except JixiaoError as error:
        messages.error(request, str(error))
        return redirect(_back(payment.project_id, month))
    messages.success(request, message("payment.saved", {}))
    return redirect(_back(payment.project_id, month))


def _render_edit(
    request: HttpRequest, payment: object, form: forms.PaymentForm, month: int, status: int = 200
) -> HttpResponse:
    context = {"payment": payment, "form": form, "month": month}
    return render(request, "monitoring/payment_edit.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def payment_delete(request: HttpRequest, pk: int) -> HttpResponse:
    payment = payment_or_404(request.user, pk)
    department = payment.project.department
    if refused := refuse_entry(request, department):
        return refused
    month = month_of(request, department)
    if request.method == "GET":
        form = forms.ConfirmForm(initial={"revision": payment.revision})
        return render(request, "monitoring/payment_delete.html", {"payment": payment, "form": form, "month": month})
    form = forms.ConfirmForm(request.POST)
    try:
        revision = form.cleaned_data["revision"] if form.is_valid() else -1
        monitoring.payment_delete(payment=payment, base_revision=revision, user=request.user)
    except JixiaoError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, message("payment.deleted", _payment_params(payment)))
    return redirect(_back(payment.project_id, month))
