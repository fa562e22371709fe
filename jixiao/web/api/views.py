"""JSON API (``/api/…``), same validation and permissions as the pages; OpenAPI at ``/api/openapi.json``.

Authentication: the browser session, or ``Authorization: Token <secret>`` (see ``auth.py``). Errors are JSON
``{"error": "<Chinese message>", "code": "<stable code>"}`` with a 4xx status.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse

from jixiao.domain import model as domain
from jixiao.domain.errors import DocumentError, JixiaoError, message
from jixiao.domain.values import parse_value
from jixiao.formats import canonical
from jixiao.web.records import models as db
from jixiao.web.records import permissions, services

View = Callable[..., HttpResponse]


def _error(status: int, code: str, text: str | None = None, **extra: Any) -> JsonResponse:
    payload = {"error": text or message(code, {}), "code": code, **extra}
    return JsonResponse(payload, status=status, json_dumps_params={"ensure_ascii": False})


def _json(data: Any, status: int = 200) -> HttpResponse:
    return HttpResponse(canonical.dumps(data), status=status, content_type="application/json; charset=utf-8")


def api_view(methods: tuple[str, ...]) -> Callable[[View], View]:
    """Login required (session or token), allowed methods, JSON errors; session writes still need the CSRF token."""

    def decorate(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if getattr(request, "jixiao_bad_token", False) or not request.user.is_authenticated:
                return _error(401, "api.unauthenticated", "需要登录或有效的 API 令牌。")
            if request.method not in methods:
                return _error(405, "api.method", f"不支持 {request.method} 请求。")
            try:
                return view(request, *args, **kwargs)
            except services.ConflictError as conflict:
                return _error(409, conflict.code, str(conflict), changes=[str(c) for c in conflict.changes])
            except JixiaoError as error:
                return _error(400, error.code, str(error))

        return wrapper

    return decorate


def _body(request: HttpRequest) -> Any:
    try:
        return canonical.loads(request.body.decode("utf-8") or "null")
    except UnicodeDecodeError:
        raise DocumentError("document.encoding") from None


def _department(request: HttpRequest, pk: int) -> db.Department | None:
    return permissions.visible_departments(request.user).select_related("organisation").filter(pk=pk).first()


def _project(request: HttpRequest, pk: int) -> db.Project | None:
    visible = permissions.visible_departments(request.user)
    return db.Project.objects.select_related("department__organisation").filter(pk=pk, department__in=visible).first()


def _not_found() -> JsonResponse:
    return _error(404, "web.not_found")


def _forbidden() -> JsonResponse:
    return _error(403, "web.forbidden")


def _department_json(department: db.Department) -> dict[str, Any]:
    return {"id": department.pk, "code": department.code, "name": department.name, "year": department.year}


def _project_json(project: db.Project) -> dict[str, Any]:
    content = canonical.project_to_dict(services.project_document(project))
    return {"id": project.pk, "department": project.department_id, "revision": project.revision, **content}


def _project_content(data: Any, where: str = "") -> domain.Project:
    """A domain project from a canonical project dict (same validation as import)."""
    if not isinstance(data, dict):
        raise DocumentError("json.schema", where=where or "/", reason="应为项目对象（{…}）")
    fields = {key: value for key, value in data.items() if key not in ("id", "department", "revision")}
    document = canonical.from_dict({"schema": canonical.SCHEMA_ID, "projects": [fields]})
    return document.projects[0]


@api_view(("GET",))
def departments(request: HttpRequest) -> HttpResponse:
    rows = permissions.visible_departments(request.user).order_by("-year", "code", "pk")
    return _json([_department_json(row) for row in rows])


@api_view(("GET",))
def department_document(request: HttpRequest, pk: int) -> HttpResponse:
    department = _department(request, pk)
    if department is None:
        return _not_found()
    return _json(canonical.to_dict(services.department_document(department)))


@api_view(("GET", "POST"))
def projects(request: HttpRequest, pk: int) -> HttpResponse:
    department = _department(request, pk)
    if department is None:
        return _not_found()
    if request.method == "GET":
        rows = department.projects.order_by("position", "id")
        return _json([{"id": p.pk, "code": p.code, "name": p.name, "revision": p.revision} for p in rows])
    if not permissions.can_edit(request.user, department):
        return _forbidden()
    project = services.project_create(
        department=department, content=_project_content(_body(request)), user=request.user
    )
    return _json(_project_json(project), status=201)


@api_view(("GET", "PUT", "DELETE"))
def project(request: HttpRequest, pk: int) -> HttpResponse:
    row = _project(request, pk)
    if row is None:
        return _not_found()
    if request.method == "GET":
        return _json(_project_json(row))
    if not permissions.can_edit(request.user, row.department):
        return _forbidden()
    if request.method == "DELETE":
        try:
            services.project_delete(project=row, user=request.user)
        except services.InYearDataError as refused:  # the project holds in-year data: kept, nothing deleted
            return _error(409, refused.code, str(refused))
        return HttpResponse(status=204)
    data = _body(request)
    revision = data.get("revision") if isinstance(data, dict) else None
    if not isinstance(revision, int):
        return _error(400, "api.revision", "请在请求中给出 revision（读取项目时得到的版本号），以免覆盖他人的修改。")
    saved = services.project_save(
        project=row, content=_project_content(data), base_revision=revision, user=request.user
    )
    return _json(_project_json(saved))


def _indicator_json(project: db.Project, index: int, indicator: domain.Indicator) -> dict[str, Any]:
    return {
        "project": project.pk,
        "index": index,
        "revision": project.revision,
        **canonical.indicator_to_dict(indicator),
    }


def _indicator_content(data: Any) -> domain.Indicator:
    """An indicator from its canonical dict; ``value`` may also be the printed text (``"≥95%"``), parsed here."""
    if not isinstance(data, dict):
        raise DocumentError("json.schema", where="/", reason="应为指标对象（{…}）")
    text = data.get("value")
    fields = {**data, "value": None} if isinstance(text, str) else data
    indicator = _project_content({"indicators": [fields]}).indicators[0]
    if isinstance(text, str):
        indicator.value = parse_value(text)
    return indicator


def _indicator_data(data: Any) -> Any:
    if isinstance(data, dict):
        return {key: value for key, value in data.items() if key not in ("project", "index", "revision")}
    return data


@api_view(("GET", "POST"))
def indicators(request: HttpRequest, pk: int) -> HttpResponse:
    row = _project(request, pk)
    if row is None:
        return _not_found()
    content = services.project_document(row)
    if request.method == "GET":
        return _json([_indicator_json(row, i, item) for i, item in enumerate(content.indicators)])
    if not permissions.can_edit(request.user, row.department):
        return _forbidden()
    data = _body(request)
    content.indicators.append(_indicator_content(_indicator_data(data)))
    saved = services.project_save(project=row, content=content, base_revision=_revision(data, row), user=request.user)
    index = len(content.indicators) - 1
    return _json(_indicator_json(saved, index, content.indicators[index]), status=201)


def _revision(data: Any, row: db.Project) -> int:
    revision = data.get("revision") if isinstance(data, dict) else None
    return revision if isinstance(revision, int) else row.revision


@api_view(("GET", "PUT", "DELETE"))
def indicator(request: HttpRequest, pk: int, index: int) -> HttpResponse:
    row = _project(request, pk)
    if row is None:
        return _not_found()
    content = services.project_document(row)
    if not 0 <= index < len(content.indicators):
        return _not_found()
    if request.method == "GET":
        return _json(_indicator_json(row, index, content.indicators[index]))
    if not permissions.can_edit(request.user, row.department):
        return _forbidden()
    data = _body(request) if request.method == "PUT" else None
    if request.method == "DELETE":
        del content.indicators[index]
    else:
        content.indicators[index] = _indicator_content(_indicator_data(data))
    saved = services.project_save(project=row, content=content, base_revision=_revision(data, row), user=request.user)
    if request.method == "DELETE":
        return HttpResponse(status=204)
    return _json(_indicator_json(saved, index, content.indicators[index]))


def openapi(request: HttpRequest) -> HttpResponse:
    from jixiao.web.api.openapi import spec

    return HttpResponse(
        json.dumps(spec(), ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8"
    )
