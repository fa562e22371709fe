"""Pages of the target documents: home, department, project, editing fragments, import and export."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, DecimalField, Max, Q, Sum
from django.db.models.functions import Cast
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jixiao.domain.errors import JixiaoError, message
from jixiao.domain.values import parse_value
from jixiao.domain.workflow import State
from jixiao.domain.workflow import describe as describe_state
from jixiao.formats import canonical
from jixiao.formats.paste import PasteError, pasted_rows
from jixiao.web import drafts, uploads
from jixiao.web.records import documents, import_plan, permissions, review, services
from jixiao.web.records import models as db
from jixiao.web.records.documents import Scope
from jixiao.web.records.exports import DEPARTMENT_TARGETS, PROJECT_TARGETS
from jixiao.web.records.lookup import department_or_404, document_at, forbidden, project_or_404
from jixiao.web.requests import Visitor
from jixiao.web.review.services import acknowledgements_of
from jixiao.web.targets import forms, import_flags
from jixiao.web.workflow import services as workflow

if TYPE_CHECKING:
    from django.forms.formsets import BaseFormSet

    from jixiao.domain import model as domain
    from jixiao.domain.review import Finding

# -- home ------------------------------------------------------------------------------------------------------


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    departments = permissions.visible_departments(request.user)
    if query:
        matching = db.Project.objects.filter(Q(name__icontains=query) | Q(code__icontains=query))
        departments = departments.filter(
            Q(name__icontains=query) | Q(code__icontains=query) | Q(pk__in=matching.values("department"))
        )
    # Page the keys first: the sort then carries three narrow columns, not whole rows (3× faster at 2,000 units).
    ordered = departments.order_by("-year", "code", "pk").values_list("pk", flat=True)
    page = Paginator(ordered, 20).get_page(request.GET.get("page"))
    keys = list(page.object_list)
    rows_by_key = db.Department.objects.select_related("organisation").in_bulk(keys)  # keys are visible ones
    shown = [rows_by_key[key] for key in keys]
    totals = _project_totals(keys)
    published = dict(
        db.TargetVersion.objects.filter(department__in=keys, published_at__isnull=False)
        .values("department")
        .annotate(number=Max("number"))
        .values_list("department", "number")
    )
    rows = [_department_summary(department, totals.get(department.pk, {}), published) for department in shown]
    matches = _matching_projects(request.user, query) if query else []
    return render(request, "targets/home.html", {"page": page, "rows": rows, "query": query, "matches": matches})


def _project_totals(department_pks: list[int]) -> dict[int, dict[str, Any]]:
    """Project count and budget sum of the shown departments only, in one grouped query (never of all visible
    departments: at city scale aggregating before paging took most of the page's time)."""
    grouped = (
        db.Project.objects.filter(department__in=department_pks)
        .values("department")
        .annotate(count=Count("pk"), budget=Sum(Cast("budget_total", DecimalField(max_digits=20, decimal_places=6))))
        .order_by()
    )
    return {row["department"]: row for row in grouped}


def _department_summary(department: db.Department, totals: dict[str, Any], published: dict[int, int]) -> dict[str, Any]:
    return {
        "department": department,
        "state_text": describe_state(State(department.state), department.version, published.get(department.pk)),
        "budget": totals.get("budget"),
        "counts": department.review_counts,
        "projects": totals.get("count", 0),
    }


def _matching_projects(user: Visitor, query: str) -> list[db.Project]:
    visible = permissions.visible_departments(user)
    return list(
        db.Project.objects.filter(department__in=visible)
        .filter(Q(name__icontains=query) | Q(code__icontains=query))
        .select_related("department")[:50]
    )


# -- department ------------------------------------------------------------------------------------------------


@login_required
@require_GET
def department_detail(request: HttpRequest, pk: int) -> HttpResponse:
    department = department_or_404(request.user, pk)
    return _render_department(request, department)


def _render_department(request: HttpRequest, department: db.Department, **forms_: object) -> HttpResponse:
    """The department from its rows and its stored findings: the page never loads the whole document or reviews it
    (every save stores the findings and each project's counts)."""
    findings = services.department_findings(department=department, overall=True)
    overall = services.department_overall(department)
    projects = list(department.projects.annotate(indicator_count=Count("indicators")).order_by("position", "id"))
    context = {
        "department": department,
        "overall": overall,
        "project_rows": [{"row": row, "counts": row.review_counts} for row in projects],
        "overall_findings": review.for_overall(findings),
        "overall_groups": review.grouped(review.for_overall(findings)),
        "total": sum((row.budget_total or Decimal(0) for row in projects), Decimal(0)),
        "can_edit": permissions.can_edit(request.user, department),
        "formats": DEPARTMENT_TARGETS.format_choices(),
        **workflow.panel_context(request.user, department),
        "copy_form": forms_.get("copy_form") or forms.CopyYearForm(initial={"year": (department.year or 2020) + 1}),
        **_overall_forms(department, overall, forms_),
    }
    return render(request, "targets/department.html", context)


def _overall_forms(
    department: db.Department, overall: domain.Overall | None, given: dict[str, object]
) -> dict[str, object]:
    if "overall_form" in given:
        return given
    return {
        "overall_form": forms.OverallForm(
            initial={"goal": overall.goal if overall else None, "revision": department.revision}
        ),
        "subgoal_forms": forms.SubGoalFormSet(
            prefix="subgoals",
            initial=[
                {"title": g.title, "description": g.description, "refinements": "\n".join(g.refinements)}
                for g in (overall.subgoals if overall else [])
            ],
        ),
        "safeguard_forms": forms.SafeguardFormSet(
            prefix="safeguards",
            initial=[{"title": s.title, "description": s.description} for s in (overall.safeguards if overall else [])],
        ),
    }


@login_required
@require_POST
def department_overall(request: HttpRequest, pk: int) -> HttpResponse:
    department = department_or_404(request.user, pk)
    if not permissions.can_edit(request.user, department):
        return forbidden(request)
    form = forms.OverallForm(request.POST)
    subgoals = forms.SubGoalFormSet(request.POST, prefix="subgoals")
    safeguards = forms.SafeguardFormSet(request.POST, prefix="safeguards")
    if form.is_valid() and subgoals.is_valid() and safeguards.is_valid():
        try:
            services.department_save_overall(
                department=department,
                overall=forms.overall_from_forms(form, subgoals, safeguards),
                base_revision=form.cleaned_data["revision"],
                user=request.user,
            )
        except JixiaoError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, message("web.overall_saved", {}))
            return redirect("department", pk=pk)
    return _render_department(
        request, department, overall_form=form, subgoal_forms=subgoals, safeguard_forms=safeguards
    )


@login_required
@require_POST
def department_copy(request: HttpRequest, pk: int) -> HttpResponse:
    department = department_or_404(request.user, pk)
    if not permissions.can_edit(request.user, department):
        return forbidden(request)
    form = forms.CopyYearForm(request.POST)
    if not form.is_valid():
        return _render_department(request, department, copy_form=form)
    try:
        copy = services.department_copy_to_year(
            department=department, year=form.cleaned_data["year"], user=request.user
        )
    except JixiaoError as error:
        messages.error(request, str(error))
        return redirect("department", pk=pk)
    document, version = services.copy_source(department)
    source = message("web.copied_version", {"version": version}) if version else message("web.copied_draft", {})
    messages.success(request, message("web.copied", {"year": copy.year}) + source)
    kept = services.year_specific(document, department.year)
    if kept:
        shown = "；".join(kept[:10]) + ("等" if len(kept) > 10 else "")
        messages.warning(request, message("web.copied_year_texts", {"year": department.year, "places": shown}))
    return redirect("department", pk=copy.pk)


@login_required
@require_GET
def department_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    department = department_or_404(request.user, pk)  # permission checked on the primary; the reading may lag
    return documents.download(DEPARTMENT_TARGETS.identifier, Scope(department), fmt)


# -- project ---------------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def project_detail(request: HttpRequest, pk: int) -> HttpResponse:
    project = project_or_404(request.user, pk)
    content = services.project_document(project)
    editable = permissions.can_edit(request.user, project.department)
    if request.method == "POST":
        if not editable:
            return forbidden(request)
        return _save_project(request, project, content)
    # the saved content: the findings stored at its save, not a review of the whole department on every view
    findings = services.department_findings(department=project.department, project_index=_index_of(project))
    draft = drafts.take(request) if editable else None
    if draft is not None:  # typed before the session was lost: shown again, unsaved (its revision is the old one)
        messages.warning(request, message("web.draft_restored", {}))
        form = forms.ProjectForm(draft)
        checkpoints = forms.CheckpointFormSet(draft, prefix="plan")
        indicators = forms.IndicatorFormSet(draft, prefix="indicators")
        return _render_project(request, project, content, form, checkpoints, indicators, findings, editable=True)
    form = forms.ProjectForm(initial=forms.project_initial(content, project.revision))
    checkpoints = forms.CheckpointFormSet(prefix="plan", initial=forms.checkpoint_initial(content))
    indicators = forms.IndicatorFormSet(prefix="indicators", initial=forms.indicator_initial(content))
    return _render_project(request, project, content, form, checkpoints, indicators, findings, editable=editable)


def _index_of(project: db.Project) -> int:
    """The project's index in its department's document (the findings' ``project_index``), in one count query."""
    before = Q(position__lt=project.position) | Q(position=project.position, pk__lt=project.pk)
    return db.Project.objects.filter(before, department=project.department_id).count()


def _live_findings(project: db.Project, content: domain.Project) -> list[Finding]:
    """A review of the unsaved ``content`` in place of the project's saved one (rules compare it with the others)."""
    document, position = document_at(project)
    document.projects[position] = content
    return review.for_project(review.findings(document), content.code, position)


def _save_project(request: HttpRequest, project: db.Project, content: domain.Project) -> HttpResponse:
    form = forms.ProjectForm(request.POST)
    checkpoints = forms.CheckpointFormSet(request.POST, prefix="plan")
    indicators = forms.IndicatorFormSet(request.POST, prefix="indicators")
    if not (form.is_valid() and checkpoints.is_valid() and indicators.is_valid()):
        messages.error(request, message("form.invalid", {}))
        findings = _live_findings(project, content)
        return _render_project(
            request, project, content, form, checkpoints, indicators, findings, editable=True, status=400
        )
    edited = forms.project_from_forms(form, checkpoints, indicators, content)
    try:
        services.project_save(
            project=project, content=edited, base_revision=form.cleaned_data["revision"], user=request.user
        )
    except services.ConflictError as conflict:
        messages.error(request, str(conflict))
        findings = _live_findings(project, edited)
        forms_ = (form, checkpoints, indicators)
        return _render_project(
            request, project, edited, *forms_, findings, editable=True, conflict=conflict, status=409
        )
    except JixiaoError as error:  # a field past its limit, or targets frozen meanwhile: shown, nothing saved or lost
        messages.error(request, str(error))
        findings = _live_findings(project, edited)
        return _render_project(
            request, project, edited, form, checkpoints, indicators, findings, editable=True, status=400
        )
    messages.success(request, message("web.saved", {}))
    return redirect("project", pk=project.pk)


def _render_project(
    request: HttpRequest,
    project: db.Project,
    content: domain.Project,
    form: forms.ProjectForm,
    checkpoints: BaseFormSet[forms.CheckpointForm],
    indicators: BaseFormSet[forms.IndicatorForm],
    findings: list[Finding],
    *,
    editable: bool,
    conflict: services.ConflictError | None = None,
    status: int = 200,
) -> HttpResponse:
    """The project page; ``findings`` are the project's (stored for its saved content, live for unsaved content)."""
    department = project.department
    rows = [
        {
            "form": row_form,
            "findings": review.for_indicator(findings, index),
            "value": parse_value(str(row_form["value_text"].value() or "")),
        }
        for index, row_form in enumerate(indicators.forms)
    ]
    context = {
        "project": project,
        "department": department,
        "content": content,
        "form": form,
        "checkpoints": checkpoints,
        "indicators": indicators,
        "rows": rows,
        "project_findings": review.project_level(findings),
        "finding_groups": review.grouped(findings, acknowledgements_of(project)),
        "can_acknowledge": editable,
        "counts": review.counts(findings),
        "editable": editable,
        "state": State(department.state),
        "comments": project.comments.select_related("author")
        .prefetch_related("author__memberships__organisation")
        .order_by("-at"),
        "can_comment": permissions.can_comment(request.user, department),
        "can_publish": permissions.can_manage_publication(request.user, department),
        "conflict": conflict,
        "formats": DEPARTMENT_TARGETS.format_choices(),
        "amount_unit": department.amount_unit or "万元",
    }
    return render(request, "targets/project.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def project_new(request: HttpRequest, pk: int) -> HttpResponse:
    """A new project: its name (and code, budget) first, stored only when the user creates it; 取消 stores nothing."""
    department = department_or_404(request.user, pk)
    if not permissions.can_edit(request.user, department):
        return forbidden(request)
    form = forms.NewProjectForm(request.POST or None)
    if request.method == "GET" or not form.is_valid():
        return render(request, "targets/project_new.html", {"department": department, "form": form})
    from jixiao.domain.model import Budget, Project

    content = Project(
        code=form.cleaned_data["code"] or None,
        name=form.cleaned_data["name"],
        budget=Budget(total=form.cleaned_data["budget_total"]),
    )
    try:
        project = services.project_create(department=department, content=content, user=request.user)
    except JixiaoError as error:
        messages.error(request, str(error))
        return render(request, "targets/project_new.html", {"department": department, "form": form}, status=400)
    messages.success(request, message("web.project_created", {}))
    return redirect("project", pk=project.pk)


@login_required
@require_http_methods(["GET", "POST"])
def project_delete(request: HttpRequest, pk: int) -> HttpResponse:
    project = project_or_404(request.user, pk)
    if not permissions.can_edit(request.user, project.department):
        return forbidden(request)
    if request.method == "POST":
        department_pk = project.department.pk
        name = str(project)
        try:
            services.project_delete(project=project, user=request.user)
        except JixiaoError as error:  # in-year data or frozen targets: nothing deleted
            messages.error(request, str(error))
            return redirect("project", pk=project.pk)
        messages.success(request, message("web.project_deleted", {"name": name}))
        return redirect("department", pk=department_pk)
    data = import_plan.in_year_data([project.pk]).get(project.pk)
    refusal = (
        message("web.project_has_data", {"project": import_plan.project_label(project), "data": data}) if data else ""
    )
    return render(request, "targets/project_delete.html", {"project": project, "refusal": refusal})


@login_required
@require_GET
def project_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    project = project_or_404(request.user, pk)
    return documents.download(PROJECT_TARGETS.identifier, Scope(project.department, project), fmt)


# -- htmx fragments --------------------------------------------------------------------------------------------


@login_required
@require_GET
def value_preview(request: HttpRequest) -> HttpResponse:
    """How a typed 指标值 is understood, shown beside the cell as the user types."""
    name = next((key for key in request.GET if key.endswith("value_text")), "")
    value = parse_value(request.GET.get(name, "") if name else request.GET.get("text", ""))
    return render(request, "targets/_value_preview.html", {"value": value})


@login_required
@require_GET
def indicator_row(request: HttpRequest) -> HttpResponse:
    """An empty indicator row for the editable grid, numbered as the next form of the formset."""
    try:
        index = max(0, int(request.GET.get("index", "0")))
    except ValueError:
        index = 0
    formset = forms.IndicatorFormSet(prefix="indicators")
    # [attr-defined]: the stubs omit BaseFormSet._construct_form, the one way to build the index-th form of a formset
    # (its prefix, its ORDER and DELETE fields) without binding data
    row_form = formset._construct_form(index)  # type: ignore[attr-defined]
    row_form.fields["ORDER"].initial = index + 1
    return render(
        request,
        "targets/_indicator_row.html",
        {"row": {"form": row_form, "findings": [], "value": None}, "editable": True},
    )


@login_required
@require_POST
def indicator_paste(request: HttpRequest) -> HttpResponse:
    """Rows pasted from Excel or Word into the grid (``text``, tab-separated), as new rows numbered from ``index``;
    cells that fit no column are listed in a note row, and nothing is placed by guesswork (formats/paste.py)."""
    try:
        index = max(0, int(request.POST.get("index", "0")))
    except ValueError:
        index = 0
    level1, level2 = forms.frame_names()
    try:
        pasted = pasted_rows(request.POST.get("text", ""), level1, level2)
    except PasteError as error:
        return render(request, "targets/_paste_note.html", {"notes": [str(error)]})
    formset = forms.IndicatorFormSet(prefix="indicators")
    rows = []
    for offset, row in enumerate(pasted):
        # [attr-defined]: as in indicator_row, the index-th form of the formset without binding data
        form = formset._construct_form(index + offset)  # type: ignore[attr-defined]
        form.fields["ORDER"].initial = index + offset + 1
        form.initial = {"level1": row.level1, "level2": row.level2, "level3": row.level3, "value_text": row.value}
        form.fields["level1"].choices = forms.level_choices(level1, row.level1)
        form.fields["level2"].choices = forms.level_choices(level2, row.level2)
        rows.append({"form": form, "findings": [], "value": parse_value(row.value)})
    notes = [
        message("paste.unplaced", {"line": row.line, "cells": "”“".join(row.unplaced)})
        for row in pasted
        if row.unplaced
    ]
    return render(request, "targets/_pasted_rows.html", {"rows": rows, "notes": notes, "editable": True})


# -- import ----------------------------------------------------------------------------------------------------

_PREVIEW_KEY = "jixiao_import_preview"


@login_required
@require_http_methods(["GET", "POST"])
def import_start(request: HttpRequest) -> HttpResponse:
    organisations = permissions.editable_organisations(request.user)
    if not organisations.exists():
        return forbidden(request)
    form = forms.ImportForm(request.POST or None, request.FILES or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = uploads.read_document(upload)  # in a child process, within the limits and the budget
            located = import_flags.flags_of(result.warnings)
            request.session[_PREVIEW_KEY] = uploads.pack_preview(
                {
                    "document": canonical.to_json(result.document),
                    "warnings": [str(w) for w in result.warnings if w.field_name is None or w.table is None],
                    "flags": [flag.as_dict() for flag in located],
                    "organisation": form.cleaned_data["organisation"].pk,
                    "replace": form.cleaned_data["replace"],
                    "name": upload.name,
                }
            )
        except JixiaoError as error:
            form.add_error("file", f"无法读取“{upload.name}”：{error}")
        else:
            return redirect("import_preview")
    return render(request, "targets/import.html", {"form": form}, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def import_preview(request: HttpRequest) -> HttpResponse:
    pending = uploads.unpack_preview(request.session.get(_PREVIEW_KEY))
    if not pending:
        messages.info(request, message("web.import_no_pending", {}))
        return redirect("import")
    organisation = permissions.editable_organisations(request.user).filter(pk=pending["organisation"]).first()
    if organisation is None:
        return forbidden(request)
    document = canonical.from_json(pending["document"])
    flags = import_flags.flags_from(pending.get("flags", []))
    unchecked = request.method == "POST" and flags and not request.POST.get("checked")
    if request.method == "POST" and not unchecked:
        try:
            department = services.department_import(
                document=document, organisation=organisation, user=request.user, replace=pending["replace"]
            )
        except JixiaoError as error:
            messages.error(request, str(error))
            return redirect("import")
        del request.session[_PREVIEW_KEY]
        messages.success(request, message("web.imported", {"count": len(document.projects)}))
        return redirect("department", pk=department.pk)
    findings = review.findings(document)
    context = {
        "document": document,
        "warnings": pending["warnings"],
        "projects": import_flags.preview(document, flags),
        "row_headers": import_flags.ROW_HEADERS,
        "flag_count": len(flags),
        "unchecked": unchecked,
        "organisation": organisation,
        "name": pending["name"],
        "replace": pending["replace"],
        "counts": review.counts(findings),
        "indicator_count": sum(len(p.indicators) for p in document.projects),
        "cancel_url": reverse("import"),
        **_replace_context(organisation, document, replace=pending["replace"]),
    }
    return render(request, "targets/import_preview.html", context, status=400 if unchecked else 200)


def _replace_context(
    organisation: db.Organisation, document: domain.TargetDocument, *, replace: bool
) -> dict[str, object]:
    """What replacing the year's targets does to the existing projects: kept in place (with their in-year data),
    deleted, or — when one holding in-year data has no match — why the import will be refused."""
    existing = db.Department.objects.filter(organisation=organisation, year=document.year).first()
    if existing is None or not replace:
        return {}
    plan = import_plan.import_plan(existing=list(existing.projects.order_by("position", "id")), document=document)
    lost = message("web.import_loses_data", {"projects": plan.lost_text()}) if plan.lost else ""
    return {"plan": plan, "refusal": lost, "removed": [row for row in plan.removed if row.pk not in plan.data]}
