"""The auditor's pages: search the trail, export it, check the chain. Auditors, administrators and superusers only."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.views.decorators.http import require_GET

from jixiao.domain.errors import message
from jixiao.web.audit import exports
from jixiao.web.audit.access import can_view_audit
from jixiao.web.audit.forms import AuditFilterForm
from jixiao.web.audit.models import AuditEntry
from jixiao.web.audit.services import audit_record, audit_verify
from jixiao.web.downloads import list_download
from jixiao.web.routers import read_from_replica, stream_from_replica

View = Callable[..., HttpResponseBase]


def auditors_only(view: View) -> View:
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not can_view_audit(request.user):
            return render(request, "forbidden.html", status=403)
        return view(request, *args, **kwargs)

    return login_required(require_GET(wrapped))


def _filtered(request: HttpRequest) -> tuple[AuditFilterForm, QuerySet[AuditEntry]]:
    form = AuditFilterForm(request.GET or None)
    entries: QuerySet[AuditEntry] = AuditEntry.objects.all()
    if form.is_bound and form.is_valid():
        entries = form.apply(entries)
    elif form.is_bound:
        entries = entries.none()
    return form, entries


@auditors_only
def entries(request: HttpRequest) -> HttpResponse:
    form, found = _filtered(request)
    query = request.GET.copy()
    query.pop("page", None)

    def search() -> dict[str, Any]:
        page = Paginator(found.order_by("-seq"), 50).get_page(request.GET.get("page"))
        page.object_list = list(page.object_list)  # read here, on the replica, not while the template renders
        return {"form": form, "page": page, "query": query.urlencode(), "actions": _known_actions()}

    return render(request, "audit/entries.html", read_from_replica(search))


def _known_actions() -> list[str]:
    return list(AuditEntry.objects.order_by("action").values_list("action", flat=True).distinct()[:200])


@auditors_only
def export(request: HttpRequest, fmt: str) -> HttpResponse | StreamingHttpResponse:
    if fmt not in ("csv", "xlsx"):
        raise Http404(message("web.not_found", {}))
    form, found = _filtered(request)
    filters = form.filters() if form.is_bound and form.is_valid() else {}
    count = read_from_replica(found.count)
    # Recorded on the primary, outside any replica read: audit_record reads the chain head inside its transaction.
    audit_record(action="jixiao.audit.exported", params={"format": fmt, "filters": filters, "count": count})
    made = exports.exporter(found)
    if fmt == "csv":
        return list_download(made, fmt, stream=stream_from_replica(made.csv_chunks()))
    return list_download(dataclasses.replace(made, rows=read_from_replica(lambda: list(made.rows))), fmt)


@auditors_only
def verify(request: HttpRequest) -> HttpResponse:
    return render(request, "audit/verify.html", {"result": audit_verify()})
