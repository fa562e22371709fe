"""Pages of the review workflow: actions, comments, publication flags, to-do list, notifications, history."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from jixiao.domain.errors import JixiaoError, message
from jixiao.domain.workflow import Action, State
from jixiao.web.records import models as db
from jixiao.web.records.lookup import department_or_404
from jixiao.web.requests import AuthenticatedHttpRequest
from jixiao.web.workflow import services as workflow

_LABELS = {member.value: member.label for member in (*Action, *State)}

# -- workflow --------------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def department_act(request: AuthenticatedHttpRequest, pk: int, action: str) -> HttpResponse:
    """Take a workflow action. The irreversible ones (审核通过, 公开, 发起调整) first show what they do and are taken
    only from that page's form (``confirmed``); a post without it leads to the page, changing nothing."""
    department = department_or_404(request.user, pk)
    try:
        chosen = Action(action)
    except ValueError:
        raise Http404(message("web.not_found", {})) from None
    confirming = chosen.consequence is not None
    if request.method == "GET" or (confirming and request.POST.get("confirmed") != "yes"):
        if not confirming or chosen not in workflow.actions_for(request.user, department):
            return redirect("department", pk=pk)
        context = {"department": department, "action": chosen, "state": State(department.state)}
        return render(request, "workflow/confirm.html", context)
    try:
        workflow.department_act(
            department=department, action=chosen, user=request.user, comment=request.POST.get("comment")
        )
    except JixiaoError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, message("workflow.done", {"action": chosen.label}))
    return redirect("department", pk=pk)


@login_required
@require_GET
def todo(request: HttpRequest) -> HttpResponse:
    rows = [
        {"department": d, "state": State(d.state), "actions": workflow.actions_for(request.user, d)}
        for d in workflow.todo(request.user)[:200]
    ]
    return render(request, "workflow/todo.html", {"rows": rows})


@login_required
@require_http_methods(["GET", "POST"])
def notifications(request: AuthenticatedHttpRequest) -> HttpResponse:
    mine = db.Notification.objects.filter(user=request.user)
    if request.method == "POST":
        mine.filter(read_at__isnull=True).update(read_at=timezone.now())
        return redirect("notifications")
    return render(request, "workflow/notifications.html", {"items": mine[:200]})


@login_required
@require_GET
def department_history(request: HttpRequest, pk: int) -> HttpResponse:
    department = department_or_404(request.user, pk)
    versions = list(department.versions.order_by("number"))
    choices = [str(v.number) for v in versions] + ["current"]
    first, second = request.GET.get("a"), request.GET.get("b")
    changes = None
    if first in choices and second in choices:
        try:
            changes = workflow.changes_between(department, first, second)
        except JixiaoError as error:
            messages.error(request, str(error))
    context = {
        "department": department,
        "versions": versions,
        "events": [  # with the Chinese names of the action and the states, not their stored codes
            (
                event,
                _LABELS.get(event.action, event.action),
                _LABELS.get(event.from_state, event.from_state),
                _LABELS.get(event.to_state, event.to_state),
            )
            for event in department.events.select_related("actor").order_by("at", "id")
        ],
        "choices": choices,
        "first": first,
        "second": second,
        "changes": changes,
    }
    return render(request, "workflow/history.html", context)
