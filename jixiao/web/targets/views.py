"""Pages. Each view: permission → form → service → message → redirect; the work is in services and the domain."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, DecimalField, Q, Sum
from django.db.models.functions import Cast
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseForbidden
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jixiao.domain.errors import JixiaoError, message
from jixiao.domain.values import parse_value
from jixiao.domain.workflow import Action, State
from jixiao.formats import canonical, read_bytes
from jixiao.web.targets import exports, forms, permissions, review, services, workflow
from jixiao.web.targets import models as db


def _department_or_404(user: Any, pk: int) -> db.Department:
    department = permissions.visible_departments(user).select_related("organisation").filter(pk=pk).first()
    if department is None:
        raise Http404(message("web.not_found", {}))
    return department


def _project_or_404(user: Any, pk: int) -> db.Project:
    visible = permissions.visible_departments(user)
    project = (
        db.Project.objects.select_related("department__organisation").filter(pk=pk, department__in=visible).first()
    )
    if project is None:
        raise Http404(message("web.not_found", {}))
    return project


def _forbidden(request: HttpRequest) -> HttpResponse:
    return HttpResponseForbidden(render(request, "targets/forbidden.html", status=403).content)


# -- home ------------------------------------------------------------------------------------------------------


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    departments = permissions.visible_departments(request.user).select_related("organisation")
    if query:
        matching = db.Project.objects.filter(Q(name__icontains=query) | Q(code__icontains=query))
        departments = departments.filter(
            Q(name__icontains=query) | Q(code__icontains=query) | Q(pk__in=matching.values("department"))
        )
    departments = departments.annotate(
        project_count=Count("projects", distinct=True),
        budget_sum=Sum(Cast("projects__budget_total", DecimalField(max_digits=20, decimal_places=6))),
    ).order_by("-year", "code", "pk")
    page = Paginator(departments, 20).get_page(request.GET.get("page"))
    rows = [_department_summary(department) for department in page.object_list]
    matches = _matching_projects(request.user, query) if query else []
    return render(request, "targets/home.html", {"page": page, "rows": rows, "query": query, "matches": matches})


def _department_summary(department: db.Department) -> dict[str, Any]:
    return {
        "department": department,
        "budget": department.budget_sum,
        "counts": department.review_counts,
        "projects": department.project_count,
    }


def _matching_projects(user: Any, query: str) -> list[db.Project]:
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
    department = _department_or_404(request.user, pk)
    return _render_department(request, department)


def _render_department(request: HttpRequest, department: db.Department, **forms_: Any) -> HttpResponse:
    document = services.department_document(department)
    findings = review.findings(document)
    overall = document.overall
    projects = list(department.projects.order_by("position", "id"))
    context = {
        "department": department,
        "document": document,
        "overall": overall,
        "project_rows": [
            {"row": row, "project": project, "counts": review.counts(review.for_project(findings, project.code, index))}
            for index, (row, project) in enumerate(zip(projects, document.projects, strict=True))
        ],
        "overall_findings": review.for_overall(findings),
        "total": sum((p.budget.total or Decimal(0) for p in document.projects), Decimal(0)),
        "can_edit": permissions.can_edit(request.user, department),
        "formats": exports.FORMATS,
        **_workflow_context(request, department),
        "copy_form": forms_.get("copy_form") or forms.CopyYearForm(initial={"year": (department.year or 2020) + 1}),
        **_overall_forms(department, document, forms_),
    }
    return render(request, "targets/department.html", context)


def _workflow_context(request: HttpRequest, department: db.Department) -> dict[str, Any]:
    actions = workflow.actions_for(request.user, department)
    return {
        "state": State(department.state),
        "actions": actions,
        "action_values": [a.value for a in actions],
        "counts": department.review_counts,
        "comments": department.comments.select_related("author", "project").order_by("-at")[:50],
        "published_version": department.versions.filter(published_at__isnull=False).exists(),
    }


def _overall_forms(department: db.Department, document: Any, given: dict[str, Any]) -> dict[str, Any]:
    if "overall_form" in given:
        return given
    overall = document.overall
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
    department = _department_or_404(request.user, pk)
    if not permissions.can_edit(request.user, department):
        return _forbidden(request)
    form = forms.OverallForm(request.POST)
    subgoals = forms.SubGoalFormSet(request.POST, prefix="subgoals")
    safeguards = forms.SafeguardFormSet(request.POST, prefix="safeguards")
    if form.is_valid() and subgoals.is_valid() and safeguards.is_valid():
        try:
            services.department_save_overall(
                department=department,
                overall=forms.overall_from_forms(form, subgoals, safeguards),
                base_revision=form.cleaned_data["revision"],
            )
        except JixiaoError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, "部门整体绩效目标已保存。")
            return redirect("department", pk=pk)
    return _render_department(
        request, department, overall_form=form, subgoal_forms=subgoals, safeguard_forms=safeguards
    )


@login_required
@require_POST
def department_copy(request: HttpRequest, pk: int) -> HttpResponse:
    department = _department_or_404(request.user, pk)
    if not permissions.can_edit(request.user, department):
        return _forbidden(request)
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
    messages.success(request, f"已复制到 {copy.year} 年度，请按新年度预算调整目标。")
    return redirect("department", pk=copy.pk)


@login_required
@require_GET
def department_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    department = _department_or_404(request.user, pk)
    return exports.department_download(services.department_document(department), fmt)


# -- project ---------------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def project_detail(request: HttpRequest, pk: int) -> HttpResponse:
    project = _project_or_404(request.user, pk)
    document, position = _document_at(project)
    content = document.projects[position]
    editable = permissions.can_edit(request.user, project.department)
    if request.method == "POST":
        if not editable:
            return _forbidden(request)
        return _save_project(request, project, content)
    form = forms.ProjectForm(initial=forms.project_initial(content, project.revision))
    checkpoints = forms.CheckpointFormSet(prefix="plan", initial=forms.checkpoint_initial(content))
    indicators = forms.IndicatorFormSet(prefix="indicators", initial=forms.indicator_initial(content))
    return _render_project(
        request, project, content, form, checkpoints, indicators, editable=editable, loaded=(document, position)
    )


def _document_at(project: db.Project) -> tuple[Any, int]:
    """The project's whole department document (cross-project rules need it) and the project's index in it."""
    department = project.department
    order = list(department.projects.order_by("position", "id").values_list("pk", flat=True))
    return services.department_document(department), order.index(project.pk)


def _save_project(request: HttpRequest, project: db.Project, content: Any) -> HttpResponse:
    form = forms.ProjectForm(request.POST)
    checkpoints = forms.CheckpointFormSet(request.POST, prefix="plan")
    indicators = forms.IndicatorFormSet(request.POST, prefix="indicators")
    if not (form.is_valid() and checkpoints.is_valid() and indicators.is_valid()):
        messages.error(request, "有填写错误，请按红色提示修改后再保存。")
        return _render_project(request, project, content, form, checkpoints, indicators, editable=True, status=400)
    edited = forms.project_from_forms(form, checkpoints, indicators, content)
    try:
        services.project_save(
            project=project, content=edited, base_revision=form.cleaned_data["revision"], user=request.user
        )
    except services.ConflictError as conflict:
        messages.error(request, str(conflict))
        return _render_project(
            request, project, edited, form, checkpoints, indicators, editable=True, conflict=conflict, status=409
        )
    messages.success(request, "已保存。审核结果已按最新内容更新。")
    return redirect("project", pk=project.pk)


def _render_project(
    request: HttpRequest,
    project: db.Project,
    content: Any,
    form: Any,
    checkpoints: Any,
    indicators: Any,
    *,
    editable: bool,
    conflict: Any = None,
    status: int = 200,
    loaded: tuple[Any, int] | None = None,
) -> HttpResponse:
    department = project.department
    document, position = loaded or _document_at(project)
    document.projects[position] = content
    findings = review.for_project(review.findings(document), content.code, position)
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
        "counts": review.counts(findings),
        "editable": editable,
        "state": State(department.state),
        "comments": project.comments.select_related("author").order_by("-at"),
        "can_comment": permissions.can_comment(request.user, department),
        "can_publish": permissions.can_manage_publication(request.user, department),
        "conflict": conflict,
        "formats": exports.FORMATS,
        "amount_unit": department.amount_unit or "万元",
    }
    return render(request, "targets/project.html", context, status=status)


@login_required
@require_POST
def project_new(request: HttpRequest, pk: int) -> HttpResponse:
    department = _department_or_404(request.user, pk)
    if not permissions.can_edit(request.user, department):
        return _forbidden(request)
    from jixiao.domain.model import Project

    project = services.project_create(
        department=department, content=Project(code=None, name="新建项目"), user=request.user
    )
    messages.success(request, "已新建项目，请填写项目信息和绩效指标。")
    return redirect("project", pk=project.pk)


@login_required
@require_http_methods(["GET", "POST"])
def project_delete(request: HttpRequest, pk: int) -> HttpResponse:
    project = _project_or_404(request.user, pk)
    if not permissions.can_edit(request.user, project.department):
        return _forbidden(request)
    if request.method == "POST":
        department_pk = project.department.pk
        name = str(project)
        services.project_delete(project=project)
        messages.success(request, f"已删除项目“{name}”。")
        return redirect("department", pk=department_pk)
    return render(request, "targets/project_delete.html", {"project": project})


@login_required
@require_GET
def project_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    project = _project_or_404(request.user, pk)
    document, position = _document_at(project)
    return exports.project_download(document, document.projects[position], fmt)


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
    row_form = formset._construct_form(index)
    row_form.fields["ORDER"].initial = index + 1
    return render(
        request,
        "targets/_indicator_row.html",
        {"row": {"form": row_form, "findings": [], "value": None}, "editable": True},
    )


# -- import ----------------------------------------------------------------------------------------------------

_PREVIEW_KEY = "jixiao_import_preview"


@login_required
@require_http_methods(["GET", "POST"])
def import_start(request: HttpRequest) -> HttpResponse:
    organisations = permissions.editable_organisations(request.user)
    if not organisations.exists():
        return _forbidden(request)
    form = forms.ImportForm(request.POST or None, request.FILES or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = read_bytes(upload.read(), name=upload.name)
        except JixiaoError as error:
            form.add_error("file", f"无法读取“{upload.name}”：{error}")
        else:
            request.session[_PREVIEW_KEY] = {
                "document": canonical.to_json(result.document),
                "warnings": [str(w) for w in result.warnings],
                "organisation": form.cleaned_data["organisation"].pk,
                "replace": form.cleaned_data["replace"],
                "name": upload.name,
            }
            return redirect("import_preview")
    return render(request, "targets/import.html", {"form": form}, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def import_preview(request: HttpRequest) -> HttpResponse:
    pending = request.session.get(_PREVIEW_KEY)
    if not pending:
        messages.info(request, "没有待确认的导入，请先上传文件。")
        return redirect("import")
    organisation = permissions.editable_organisations(request.user).filter(pk=pending["organisation"]).first()
    if organisation is None:
        return _forbidden(request)
    document = canonical.from_json(pending["document"])
    if request.method == "POST":
        try:
            department = services.department_import(
                document=document, organisation=organisation, user=request.user, replace=pending["replace"]
            )
        except JixiaoError as error:
            messages.error(request, str(error))
            return redirect("import")
        del request.session[_PREVIEW_KEY]
        messages.success(request, f"已导入 {len(document.projects)} 个项目。")
        return redirect("department", pk=department.pk)
    findings = review.findings(document)
    context = {
        "document": document,
        "warnings": pending["warnings"],
        "organisation": organisation,
        "name": pending["name"],
        "replace": pending["replace"],
        "counts": review.counts(findings),
        "indicator_count": sum(len(p.indicators) for p in document.projects),
        "cancel_url": reverse("import"),
    }
    return render(request, "targets/import_preview.html", context)


# -- API tokens ------------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def tokens(request: HttpRequest) -> HttpResponse:
    from jixiao.web.targets.auth import token_create

    form = forms.TokenForm(request.POST or None)
    secret = None
    if request.method == "POST" and form.is_valid():
        secret = token_create(user=request.user, name=form.cleaned_data["name"])
        form = forms.TokenForm()
    rows = db.ApiToken.objects.filter(user=request.user).order_by("-created_at")
    return render(request, "targets/tokens.html", {"tokens": rows, "form": form, "secret": secret})


@login_required
@require_http_methods(["GET", "POST"])
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = db.ApiToken.objects.filter(pk=pk, user=request.user).first()
    if token is None:
        raise Http404(message("web.not_found", {}))
    if request.method == "POST":
        token.delete()
        messages.success(request, f"已吊销令牌“{token.name}”。")
        return redirect("tokens")
    return render(request, "targets/token_revoke.html", {"token": token})


# -- workflow --------------------------------------------------------------------------------------------------


@login_required
@require_POST
def department_act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    department = _department_or_404(request.user, pk)
    try:
        chosen = Action(action)
    except ValueError:
        raise Http404(message("web.not_found", {})) from None
    try:
        workflow.department_act(
            department=department, action=chosen, user=request.user, comment=request.POST.get("comment")
        )
    except JixiaoError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"已{chosen.label}。")
    return redirect("department", pk=pk)


@login_required
@require_POST
def comment_add(request: HttpRequest, pk: int) -> HttpResponse:
    project = _project_or_404(request.user, pk)
    if not permissions.can_comment(request.user, project.department):
        return _forbidden(request)
    try:
        workflow.comment_add(
            department=project.department,
            user=request.user,
            text=request.POST.get("text", ""),
            project=project,
            indicator=request.POST.get("indicator") or None,
        )
    except JixiaoError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "审核意见已添加。")
    return redirect("project", pk=pk)


@login_required
@require_POST
def project_publication(request: HttpRequest, pk: int) -> HttpResponse:
    project = _project_or_404(request.user, pk)
    if not permissions.can_manage_publication(request.user, project.department):
        return _forbidden(request)
    publish = request.POST.get("publish") == "yes"
    try:
        workflow.project_set_publication(
            project=project, user=request.user, publish=publish, reason=request.POST.get("reason")
        )
    except JixiaoError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "已设置为公开。" if publish else "已设置为不公开。")
    return redirect("project", pk=pk)


@login_required
@require_GET
def todo(request: HttpRequest) -> HttpResponse:
    rows = [
        {"department": d, "state": State(d.state), "actions": workflow.actions_for(request.user, d)}
        for d in workflow.todo(request.user)[:200]
    ]
    return render(request, "targets/todo.html", {"rows": rows})


@login_required
@require_http_methods(["GET", "POST"])
def notifications(request: HttpRequest) -> HttpResponse:
    mine = db.Notification.objects.filter(user=request.user)
    if request.method == "POST":
        mine.filter(read_at__isnull=True).update(read_at=timezone.now())
        return redirect("notifications")
    return render(request, "targets/notifications.html", {"items": mine[:200]})


@login_required
@require_GET
def department_history(request: HttpRequest, pk: int) -> HttpResponse:
    department = _department_or_404(request.user, pk)
    versions = list(department.versions.order_by("number"))
    choices = [str(v.number) for v in versions] + ["current"]
    first, second = request.GET.get("a"), request.GET.get("b")
    changes = None
    if first in choices and second in choices:
        try:
            changes = workflow.changes_between(department, first, second)  # type: ignore[arg-type]
        except JixiaoError as error:
            messages.error(request, str(error))
    context = {
        "department": department,
        "versions": versions,
        "events": department.events.select_related("actor").order_by("at", "id"),
        "choices": choices,
        "first": first,
        "second": second,
        "changes": changes,
    }
    return render(request, "targets/history.html", context)


# -- public pages (no login) -----------------------------------------------------------------------------------


def _published(pk: int) -> db.TargetVersion:
    version = (
        db.TargetVersion.objects.filter(department_id=pk, published_at__isnull=False)
        .select_related("department")
        .order_by("-number")
        .first()
    )
    if version is None:
        raise Http404("该部门尚未公开绩效目标。")
    return version


@require_GET
def public_index(request: HttpRequest) -> HttpResponse:
    latest: dict[int, db.TargetVersion] = {}
    for version in db.TargetVersion.objects.filter(published_at__isnull=False).select_related("department"):
        if version.department_id not in latest or version.number > latest[version.department_id].number:
            latest[version.department_id] = version
    rows = sorted(latest.values(), key=lambda v: (-(v.department.year or 0), v.department.code or ""))
    return render(request, "targets/public_index.html", {"rows": rows})


@require_GET
def public_department(request: HttpRequest, pk: int) -> HttpResponse:
    from jixiao.formats.html import render_body
    from jixiao.formats.target_layout import department_layout

    version = _published(pk)
    document = workflow.version_document(version, public=True)
    context = {
        "version": version,
        "document": document,
        "body": render_body(department_layout(document)),
        "formats": exports.FORMATS,
    }
    return render(request, "targets/public_department.html", context)


@require_GET
def public_download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    version = _published(pk)
    return exports.department_download(workflow.version_document(version, public=True), fmt)


@require_GET
def public_stylesheet(request: HttpRequest) -> HttpResponse:
    from jixiao.formats.html import template

    response = HttpResponse(template("document.css"), content_type="text/css; charset=utf-8")
    response["Cache-Control"] = "public, max-age=3600"
    return response
