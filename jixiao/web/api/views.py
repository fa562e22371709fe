"""JSON API (``/api/…``) on django-ninja, with the same validation and permissions as the pages.

The OpenAPI description is at ``/api/openapi.json``.

The bodies are the typed schemas of :mod:`jixiao.web.api.schemas`, and the OpenAPI description is generated from
them and from the operations below. Authentication: ``Authorization: Token <secret>`` or the browser session
(:mod:`jixiao.web.api.auth`). Refusals are JSON ``{"error": "<Chinese message>", "code": "<stable code>"}`` with a
4xx status (:mod:`jixiao.web.api.errors`). There is no documentation page: a Swagger page would load its scripts
from a CDN, which an intranet cannot reach; the description is read with any OpenAPI tool.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, NoReturn

from django.http import HttpRequest, HttpResponse
from ninja import Status

from jixiao.domain import model as domain
from jixiao.domain.values import parse_value
from jixiao.formats import canonical
from jixiao.web.api import schemas
from jixiao.web.api.auth import SessionAuth, TokenAuth
from jixiao.web.api.errors import (
    CanonicalParser,
    CanonicalRenderer,
    JixiaoNinjaAPI,
    Refusal,
    error_response,
    install,
)
from jixiao.web.records import models as db
from jixiao.web.records import permissions, services
from jixiao.web.requests import AuthenticatedHttpRequest

if TYPE_CHECKING:
    from django.contrib.auth.models import User

api = JixiaoNinjaAPI(
    title="Jixiao 绩效 API",
    version="1",
    description=(
        "预算绩效目标的读取与维护。权限与网页相同；请求体与响应为规范 JSON（jixiao.targets/1，金额为精确数字）。"
        "出错时返回 {error, code}：error 为中文说明，code 为稳定的错误代码。"
    ),
    auth=[TokenAuth(), SessionAuth()],
    parser=CanonicalParser(),
    renderer=CanonicalRenderer(),
    urls_namespace="api",
    openapi_url=None,  # served by :func:`openapi` below, at the same address as before
    docs_url=None,  # no Swagger page: it loads from a CDN (see the module's docstring)
)
install(api)

_READ = {401: schemas.Error, 404: schemas.Error}
_WRITE = {**_READ, 400: schemas.Error, 403: schemas.Error}
_SAVE = {**_WRITE, 409: schemas.Error}


def _department(request: AuthenticatedHttpRequest, pk: int) -> db.Department:
    department = permissions.visible_departments(request.user).select_related("organisation").filter(pk=pk).first()
    if department is None:
        raise Refusal(404, "web.not_found")
    return department


def _project(request: AuthenticatedHttpRequest, pk: int) -> db.Project:
    visible = permissions.visible_departments(request.user)
    row = db.Project.objects.select_related("department__organisation").filter(pk=pk, department__in=visible).first()
    if row is None:
        raise Refusal(404, "web.not_found")
    return row


def _may_edit(request: AuthenticatedHttpRequest, department: db.Department) -> None:
    if not permissions.can_edit(request.user, department):
        raise Refusal(403, "web.forbidden")


def _project_json(project: db.Project) -> dict[str, Any]:
    content = canonical.project_to_dict(services.project_document(project))
    return {"id": project.pk, "department": project.department_id, "revision": project.revision, **content}


def _project_content(data: dict[str, Any]) -> domain.Project:
    """A domain project from the fields of a project body (the canonical reader's rules, as an import applies)."""
    document = canonical.from_dict({"schema": canonical.SCHEMA_ID, "projects": [data]})
    return document.projects[0]


def _indicator_json(project: db.Project, index: int, indicator: domain.Indicator) -> dict[str, Any]:
    return {
        "project": project.pk,
        "index": index,
        "revision": project.revision,
        **canonical.indicator_to_dict(indicator),
    }


def _indicator_content(payload: schemas.IndicatorChange) -> domain.Indicator:
    """An indicator from its body; a printed ``value`` (``"≥95%"``) is parsed here."""
    data = payload.model_dump(exclude_unset=True, exclude={"revision"})
    text = data.get("value")
    if isinstance(text, str):
        data["value"] = None
    indicator = _project_content({"indicators": [data]}).indicators[0]
    if isinstance(text, str):
        indicator.value = parse_value(text)
    return indicator


def _save_indicators(row: db.Project, content: domain.Project, revision: int | None, user: User) -> db.Project:
    base = row.revision if revision is None else revision
    return services.project_save(project=row, content=content, base_revision=base, user=user)


@api.get(
    "/departments",
    response={200: list[schemas.DepartmentSummary], 401: schemas.Error},
    url_name="api_departments",
    summary="可查看的部门（年度）",
)
def departments(request: AuthenticatedHttpRequest) -> list[dict[str, int | str | None]]:
    rows = permissions.visible_departments(request.user).order_by("-year", "code", "pk")
    return [{"id": row.pk, "code": row.code, "name": row.name, "year": row.year} for row in rows]


@api.get(
    "/departments/{int:id}/document",
    response={200: schemas.Document, **_READ},
    by_alias=True,
    exclude_unset=True,
    url_name="api_department_document",
    summary="部门的规范 JSON（jixiao.targets/1），与 jixiao convert --to json 所写的相同",
)
def department_document(request: AuthenticatedHttpRequest, id: int) -> dict[str, Any]:
    return canonical.to_dict(services.department_document(_department(request, id)))


@api.get(
    "/departments/{int:id}/projects",
    response={200: list[schemas.ProjectSummary], **_READ},
    url_name="api_projects",
    summary="部门的项目",
)
def projects(request: AuthenticatedHttpRequest, id: int) -> list[dict[str, int | str | None]]:
    rows = _department(request, id).projects.order_by("position", "id")
    return [{"id": p.pk, "code": p.code, "name": p.name, "revision": p.revision} for p in rows]


@api.post(
    "/departments/{int:id}/projects",
    response={201: schemas.StoredProject, **_WRITE},
    exclude_unset=True,
    url_name="api_projects",
    summary="新增项目",
)
def project_create(request: AuthenticatedHttpRequest, id: int, payload: schemas.ProjectIn) -> Status[dict[str, Any]]:
    department = _department(request, id)
    _may_edit(request, department)
    content = _project_content(payload.model_dump(exclude_unset=True))
    project = services.project_create(department=department, content=content, user=request.user)
    return Status(201, _project_json(project))


@api.get(
    "/projects/{int:id}",
    response={200: schemas.StoredProject, **_READ},
    exclude_unset=True,
    url_name="api_project",
    summary="读取项目",
)
def project(request: AuthenticatedHttpRequest, id: int) -> dict[str, Any]:
    return _project_json(_project(request, id))


@api.put(
    "/projects/{int:id}",
    response={200: schemas.StoredProject, **_SAVE},
    exclude_unset=True,
    url_name="api_project",
    summary="修改项目：须带读取时得到的 revision；其间他人已保存则拒绝（409，changes 列出他人的改动）",
)
def project_update(request: AuthenticatedHttpRequest, id: int, payload: schemas.ProjectUpdate) -> dict[str, Any]:
    row = _project(request, id)
    _may_edit(request, row.department)
    content = _project_content(payload.model_dump(exclude_unset=True, exclude={"revision"}))
    saved = services.project_save(project=row, content=content, base_revision=payload.revision, user=request.user)
    return _project_json(saved)


@api.delete(
    "/projects/{int:id}",
    response={204: None, **_WRITE, 409: schemas.Error},
    url_name="api_project",
    summary="删除项目（已有支付、监控或自评的项目不能删除：409）",
)
def project_delete(request: AuthenticatedHttpRequest, id: int) -> Status[None]:
    row = _project(request, id)
    _may_edit(request, row.department)
    services.project_delete(project=row, user=request.user)
    return Status(204, None)


@api.get(
    "/projects/{int:id}/indicators",
    response={200: list[schemas.StoredIndicator], **_READ},
    exclude_unset=True,
    url_name="api_indicators",
    summary="项目的指标（index 为指标在项目中的位置，从 0 起）",
)
def indicators(request: AuthenticatedHttpRequest, id: int) -> list[dict[str, Any]]:
    row = _project(request, id)
    content = services.project_document(row)
    return [_indicator_json(row, i, item) for i, item in enumerate(content.indicators)]


@api.post(
    "/projects/{int:id}/indicators",
    response={201: schemas.StoredIndicator, **_SAVE},
    exclude_unset=True,
    url_name="api_indicators",
    summary="在项目末尾新增指标",
)
def indicator_create(
    request: AuthenticatedHttpRequest, id: int, payload: schemas.IndicatorChange
) -> Status[dict[str, Any]]:
    row = _project(request, id)
    content = services.project_document(row)
    _may_edit(request, row.department)
    content.indicators.append(_indicator_content(payload))
    saved = _save_indicators(row, content, payload.revision, request.user)
    index = len(content.indicators) - 1
    return Status(201, _indicator_json(saved, index, content.indicators[index]))


def _indicator_at(request: AuthenticatedHttpRequest, id: int, index: int) -> tuple[db.Project, domain.Project]:
    row = _project(request, id)
    content = services.project_document(row)
    if not 0 <= index < len(content.indicators):
        raise Refusal(404, "web.not_found")
    return row, content


@api.get(
    "/projects/{int:id}/indicators/{int:index}",
    response={200: schemas.StoredIndicator, **_READ},
    exclude_unset=True,
    url_name="api_indicator",
    summary="读取指标",
)
def indicator(request: AuthenticatedHttpRequest, id: int, index: int) -> dict[str, Any]:
    row, content = _indicator_at(request, id, index)
    return _indicator_json(row, index, content.indicators[index])


@api.put(
    "/projects/{int:id}/indicators/{int:index}",
    response={200: schemas.StoredIndicator, **_SAVE},
    exclude_unset=True,
    url_name="api_indicator",
    summary="修改指标",
)
def indicator_update(
    request: AuthenticatedHttpRequest, id: int, index: int, payload: schemas.IndicatorChange
) -> dict[str, Any]:
    row, content = _indicator_at(request, id, index)
    _may_edit(request, row.department)
    content.indicators[index] = _indicator_content(payload)
    saved = _save_indicators(row, content, payload.revision, request.user)
    return _indicator_json(saved, index, content.indicators[index])


@api.delete(
    "/projects/{int:id}/indicators/{int:index}",
    response={204: None, **_SAVE},
    url_name="api_indicator",
    summary="删除指标",
)
def indicator_delete(request: AuthenticatedHttpRequest, id: int, index: int) -> Status[None]:
    row, content = _indicator_at(request, id, index)
    _may_edit(request, row.department)
    del content.indicators[index]
    _save_indicators(row, content, None, request.user)
    return Status(204, None)


# -- a method a path does not have: 405 in the API's own shape, after authentication (as before) --------------------

_ALLOWED: dict[str, str] = {}  # url name → the path's methods, for the Allow header a 405 must carry


def _wrong_method(request: HttpRequest) -> NoReturn:
    match = request.resolver_match
    allowed = _ALLOWED.get((match.url_name if match else None) or "", "")
    raise Refusal(405, "api.method", headers={"Allow": allowed}, method=request.method)


def _wrong_method_on_id(request: HttpRequest, id: int) -> NoReturn:
    _wrong_method(request)


def _wrong_method_on_index(request: HttpRequest, id: int, index: int) -> NoReturn:
    _wrong_method(request)


_METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS")
for _path, _view in list(api.default_router.path_operations.items()):
    _taken = {method for operation in _view.operations for method in operation.methods}
    _ALLOWED[_view.url_name or ""] = ", ".join(method for method in _METHODS if method in _taken)
    api.default_router.add_api_operation(
        _path,
        [method for method in _METHODS if method not in _taken],
        (_wrong_method, _wrong_method_on_id, _wrong_method_on_index)[_path.count("{")],
        response={405: schemas.Error, 401: schemas.Error},
        include_in_schema=False,
    )


def unknown(request: HttpRequest, rest: str) -> HttpResponse:
    """An address under /api/ that is no operation: 404 in the API's shape (not the site's HTML page)."""
    return error_response(404, "web.not_found")


def openapi(request: HttpRequest) -> HttpResponse:
    """The OpenAPI 3.1 description generated from the operations and schemas above (no login needed)."""
    return HttpResponse(
        json.dumps(api.get_openapi_schema(), ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
