"""The review's own page actions: a reviewer's comment on a project (shown on the project's page)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from jixiao.domain.errors import JixiaoError, message
from jixiao.web.records import permissions, review, services
from jixiao.web.records.lookup import department_or_404, forbidden, project_or_404
from jixiao.web.requests import AuthenticatedHttpRequest
from jixiao.web.review import services as comments
from jixiao.web.workflow import services as workflow


@login_required
@require_POST
def comment_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    project = project_or_404(request.user, pk)
    if not permissions.can_comment(request.user, project.department):
        return forbidden(request)
    try:
        comments.comment_add(
            department=project.department,
            user=request.user,
            text=request.POST.get("text", ""),
            project=project,
            indicator=request.POST.get("indicator") or None,
        )
    except JixiaoError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, message("review.comment_added", {}))
    return redirect("project", pk=pk)


@login_required
@require_GET
def department_review(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The reviewer's view of a department's targets: the document as it will be published (full texts, read-only),
    a checklist of its projects (errors, warnings, ready or not), each check said once per project, what changed
    since the last approved version, and the workflow's actions and comments on the same page."""
    from jixiao.formats.html import render_body
    from jixiao.formats.target_layout import department_layout

    department = department_or_404(request.user, pk)
    document = services.department_document(department)
    findings = services.department_findings(department=department)
    projects = list(department.projects.order_by("position", "id"))
    per_project = review.counts_by_project(findings, len(projects))
    checklist = [
        {
            "row": row,
            "counts": counts,
            "groups": review.grouped(review.for_project(findings, row.code, index), comments.acknowledgements_of(row)),
        }
        for index, (row, counts) in enumerate(zip(projects, per_project, strict=True))
    ]
    previous = department.versions.order_by("-number").first()
    changes = workflow.changes_between(department, str(previous.number), "current") if previous else []
    context = {
        "department": department,
        "body": render_body(department_layout(document)),
        "checklist": checklist,
        "ready": sum(1 for counts in per_project if not counts["error"]),
        "overall_groups": review.grouped(review.for_overall(findings)),
        "previous": previous,
        "changes": changes,
        "can_comment": permissions.can_comment(request.user, department),
        **workflow.panel_context(request.user, department),
    }
    return render(request, "review/department.html", context)


@login_required
@require_POST
def acknowledge(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Say why a warning of the review is not a problem for the project (an empty reason withdraws it)."""
    project = project_or_404(request.user, pk)
    reason = request.POST.get("reason", "")
    try:
        comments.acknowledge(project=project, user=request.user, code=request.POST.get("code", ""), reason=reason)
    except JixiaoError as error:
        messages.error(request, str(error))
    else:
        done = "review.acknowledged" if reason.strip() else "review.acknowledgement_withdrawn"
        messages.success(request, message(done, {}))
    return redirect("project", pk=pk)
