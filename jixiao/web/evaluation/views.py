"""Self-evaluation pages (绩效自评): a project's actuals, weights and scores with the draft report, a department's
summary, and the 项目支出绩效自评表 downloads."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from jixiao.domain.errors import JixiaoError, message
from jixiao.web.evaluation.exports import SELF_EVALUATION
from jixiao.web.monitoring import forms, selectors
from jixiao.web.monitoring import models as mdb
from jixiao.web.monitoring import services as monitoring
from jixiao.web.monitoring.permissions import can_enter
from jixiao.web.monitoring.summaries import ProjectEvaluation, department_evaluations, project_evaluation
from jixiao.web.monitoring.views.common import refuse_entry
from jixiao.web.records import documents
from jixiao.web.records import models as db
from jixiao.web.records.documents import Scope
from jixiao.web.records.lookup import department_or_404, project_or_404

if TYPE_CHECKING:
    from django.forms.formsets import BaseFormSet

    RowForms = BaseFormSet[forms.EvaluationRowForm]


def _blank_forms(item: ProjectEvaluation) -> tuple[forms.EvaluationForm, RowForms]:
    initial = forms.evaluation_initial(item.entered, item.revision)
    initial["report"] = item.entered.report or item.draft()
    rows = forms.EvaluationRowFormSet(prefix="rows", initial=forms.evaluation_rows_initial(item.keys, item.entered))
    return forms.EvaluationForm(initial=initial), rows


def _render(
    request: HttpRequest,
    item: ProjectEvaluation,
    form: forms.EvaluationForm | None = None,
    rows: RowForms | None = None,
    status: int = 200,
) -> HttpResponse:
    if form is None or rows is None:
        form, rows = _blank_forms(item)
    department = item.row.department
    context = {
        "project": item.row,
        "department": department,
        "item": item,
        "form": form,
        "rows": rows,
        "table": list(zip(rows.forms, item.score.indicators, strict=False)),
        "project_findings": item.score.findings_for(None),
        "orphan_choices": _orphan_choices(item),
        "points": sum((row.weight for row in item.score.indicators), item.score.execution.weight),
        "unit": selectors.amount_unit(department),
        "scheme": selectors.scoring().scheme,
        "can_enter": can_enter(request.user, department),
        "formats": SELF_EVALUATION.format_choices(),
    }
    return render(request, "evaluation/project.html", context, status=status)


def _orphan_choices(item: ProjectEvaluation) -> list[tuple[str, str]]:
    """The indicators an orphan entry may be linked to (as stored, not as a redisplayed form holds them)."""
    if not item.orphans or item.stored is None:
        return []
    return selectors.open_indicators(item.content.indicators, item.stored.rows.all(), selectors.evaluation_blank)


@login_required
@require_http_methods(["GET", "POST"])
def project_page(request: HttpRequest, pk: int) -> HttpResponse:
    row = project_or_404(request.user, pk)
    if request.method == "GET":
        return _render(request, project_evaluation(row))
    if refused := refuse_entry(request, row.department):
        return refused
    form = forms.EvaluationForm(request.POST)
    rows = forms.EvaluationRowFormSet(request.POST, prefix="rows")
    if not (form.is_valid() and rows.is_valid()):
        messages.error(request, message("form.invalid", {}))
        return _render(request, project_evaluation(row), form, rows, status=400)
    entered = forms.evaluation_input(form, rows)
    item = project_evaluation(row, entered)
    if forms.add_score_errors(rows, item.score):
        messages.error(request, message("evaluation.band_invalid", {}))
        return _render(request, item, form, rows, status=400)
    if request.POST.get("action") == "draft":
        entered.report = item.draft()
    return _save(request, row, item, entered, form, rows)


def _save(
    request: HttpRequest,
    row: db.Project,
    item: ProjectEvaluation,
    entered: selectors.EvaluationInput,
    form: forms.EvaluationForm,
    rows: RowForms,
) -> HttpResponse:
    try:
        saved = monitoring.evaluation_save(
            project=row,
            entered=entered,
            keys=[row_form.cleaned_data["key"] for row_form in rows.forms],
            base_revision=form.cleaned_data["revision"],
            user=request.user,
        )
    except JixiaoError as error:
        messages.error(request, str(error))
        return _render(request, item, form, rows, status=409)
    messages.success(request, message("evaluation.saved", {"total": saved.total, "grade": saved.grade}))
    return redirect("evaluation:project", pk=row.pk)


@login_required
@require_http_methods(["GET", "POST"])
def evaluation_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Delete the project's self-evaluation after a confirmation page showing its scores and entries."""
    row = project_or_404(request.user, pk)
    if refused := refuse_entry(request, row.department):
        return refused
    stored = mdb.Evaluation.objects.filter(project=row).select_related("updated_by").first()
    if stored is None:
        messages.info(request, message("evaluation.none_saved", {}))
        return redirect("evaluation:project", pk=row.pk)
    if request.method == "GET":
        context = {
            "project": row,
            "evaluation": stored,
            "unit": selectors.amount_unit(row.department),
            "entries": [(selectors.key_label(entry.key), entry) for entry in stored.rows.all()],
            "form": forms.ConfirmForm(initial={"revision": stored.revision}),
        }
        return render(request, "evaluation/delete.html", context)
    form = forms.ConfirmForm(request.POST)
    try:
        revision = form.cleaned_data["revision"] if form.is_valid() else -1
        monitoring.evaluation_delete(evaluation=stored, base_revision=revision, user=request.user)
    except JixiaoError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, message("evaluation.deleted", {}))
    return redirect("evaluation:project", pk=row.pk)


@login_required
@require_GET
def project_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    row = project_or_404(request.user, pk)
    return documents.download(SELF_EVALUATION.identifier, Scope(row.department, row), fmt)


@login_required
@require_GET
def department_page(request: HttpRequest, pk: int) -> HttpResponse:
    department = department_or_404(request.user, pk)
    items = department_evaluations(department)
    context = {
        "department": department,
        "items": items,
        "unit": selectors.amount_unit(department),
        "formats": SELF_EVALUATION.format_choices(),
        "can_enter": can_enter(request.user, department),
        "saved": sum(1 for item in items if item.stored),
    }
    return render(request, "evaluation/department.html", context)


@login_required
@require_GET
def department_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    department = department_or_404(request.user, pk)
    return documents.download(SELF_EVALUATION.identifier, Scope(department), fmt)
