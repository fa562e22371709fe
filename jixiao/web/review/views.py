"""The review's own page actions: a reviewer's comment on a project (shown on the project's page)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from jixiao.domain.errors import JixiaoError, message
from jixiao.web.records import permissions
from jixiao.web.records.lookup import forbidden, project_or_404
from jixiao.web.requests import AuthenticatedHttpRequest
from jixiao.web.review import services as review


@login_required
@require_POST
def comment_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    project = project_or_404(request.user, pk)
    if not permissions.can_comment(request.user, project.department):
        return forbidden(request)
    try:
        review.comment_add(
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
