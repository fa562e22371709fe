"""Public pages (no login): published target documents and their downloads."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from jixiao.domain.errors import JixiaoError, message
from jixiao.web.publication import services as publication
from jixiao.web.publication.exports import PUBLISHED, latest_published
from jixiao.web.records import documents, permissions
from jixiao.web.records import models as db
from jixiao.web.records.documents import Scope
from jixiao.web.records.exports import DEPARTMENT_TARGETS
from jixiao.web.records.lookup import forbidden, project_or_404
from jixiao.web.requests import AuthenticatedHttpRequest
from jixiao.web.workflow import services as workflow

# -- public pages (no login) -----------------------------------------------------------------------------------


def _published(pk: int) -> db.TargetVersion:
    version = latest_published(pk)
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
    return render(request, "publication/index.html", {"rows": rows})


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
        "formats": DEPARTMENT_TARGETS.format_choices(),
    }
    return render(request, "publication/department.html", context)


@require_GET
def public_download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    version = _published(pk)  # a 404 for a department that has published nothing
    return documents.download(PUBLISHED.identifier, Scope(version.department), fmt)


@require_GET
def public_stylesheet(request: HttpRequest) -> HttpResponse:
    from jixiao.formats.html import template

    response = HttpResponse(template("document.css"), content_type="text/css; charset=utf-8")
    response["Cache-Control"] = "public, max-age=3600"
    return response


@login_required
@require_POST
def project_publication(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    project = project_or_404(request.user, pk)
    if not permissions.can_manage_publication(request.user, project.department):
        return forbidden(request)
    publish = request.POST.get("publish") == "yes"
    try:
        publication.project_set_publication(
            project=project, user=request.user, publish=publish, reason=request.POST.get("reason")
        )
    except JixiaoError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, message("publication.published" if publish else "publication.withheld", {}))
    return redirect("project", pk=pk)
