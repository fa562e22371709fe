"""Self-evaluation entries whose indicator was renamed or removed (orphans): re-link one to a current indicator, or
delete it after a confirmation; the pages and helpers are the monitoring ones."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from jixiao.domain.errors import message
from jixiao.web.monitoring import forms, selectors
from jixiao.web.monitoring import models as mdb
from jixiao.web.monitoring import services as monitoring
from jixiao.web.monitoring.views.common import evaluation_row_or_404, refuse_entry
from jixiao.web.monitoring.views.orphans import _confirm, _relinked, _run

EVALUATION_FIELDS = ("actual", "weight", "score", "reason")


def _evaluation_back(row: mdb.EvaluationRow) -> str:
    return reverse("evaluation:project", args=[row.evaluation.project_id])


@login_required
@require_POST
def evaluation_relink(request: HttpRequest, pk: int) -> HttpResponse:
    row = evaluation_row_or_404(request.user, pk)
    if refused := refuse_entry(request, row.evaluation.project.department):
        return refused
    form = forms.RelinkForm(request.POST)
    key = form.cleaned_data["key"] if form.is_valid() else ""

    def relink(revision: int) -> object:
        return monitoring.evaluation_row_relink(row=row, key=key, base_revision=revision, user=request.user)

    _run(request, relink, form, _relinked(row.key, key) + message("orphan.rescored", {}))
    return redirect(_evaluation_back(row))


@login_required
@require_http_methods(["GET", "POST"])
def evaluation_entry_delete(request: HttpRequest, pk: int) -> HttpResponse:
    row = evaluation_row_or_404(request.user, pk)
    if refused := refuse_entry(request, row.evaluation.project.department):
        return refused
    if request.method == "GET":
        return _confirm(request, row, row.evaluation.revision, "绩效自评", EVALUATION_FIELDS, _evaluation_back(row))

    def delete(revision: int) -> object:
        return monitoring.evaluation_row_delete(row=row, base_revision=revision, user=request.user)

    _run(
        request,
        delete,
        forms.ConfirmForm(request.POST),
        message("orphan.evaluation_deleted", {"name": selectors.key_label(row.key)}),
    )
    return redirect(_evaluation_back(row))
