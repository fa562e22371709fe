"""What every page needs: finding a department or project the user may see, and the 403 page."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseForbidden
from django.shortcuts import render

from jixiao.domain import model as domain
from jixiao.domain.errors import message
from jixiao.web.records import models as db
from jixiao.web.records import permissions, services
from jixiao.web.requests import Visitor


def department_or_404(user: Visitor, pk: int) -> db.Department:
    department = permissions.visible_departments(user).select_related("organisation").filter(pk=pk).first()
    if department is None:
        raise Http404(message("web.not_found", {}))
    return department


def project_or_404(user: Visitor, pk: int) -> db.Project:
    visible = permissions.visible_departments(user)
    project = (
        db.Project.objects.select_related("department__organisation").filter(pk=pk, department__in=visible).first()
    )
    if project is None:
        raise Http404(message("web.not_found", {}))
    return project


def forbidden(request: HttpRequest) -> HttpResponse:
    return HttpResponseForbidden(render(request, "forbidden.html", status=403).content)


def document_at(project: db.Project) -> tuple[domain.TargetDocument, int]:
    """The project's whole department document (cross-project rules need it) and the project's index in it."""
    department = project.department
    order = list(department.projects.order_by("position", "id").values_list("pk", flat=True))
    if project.pk not in order:  # a replica behind the primary: the caller reads the primary instead
        raise db.Project.DoesNotExist(f"project {project.pk} is not (yet) in its department")
    return services.department_document(department), order.index(project.pk)
