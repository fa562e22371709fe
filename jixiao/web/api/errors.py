"""The API's refusals: ``{"error": "<Chinese message>", "code": "<stable code>"}`` with a 4xx status.

Messages come from the catalogue in :mod:`jixiao.domain.errors`. A body that does not fit its schema is refused with
400 and the canonical reader's wording (``JSON 内容不符合 jixiao.targets/1 格式（位置 /projects/0/budget/total）：应为
数字``), naming the same place an import of the project would name.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError, ValidationErrorContext
from ninja.parser import Parser
from ninja.renderers import BaseRenderer

from jixiao.domain.errors import DocumentError, JixiaoError, message
from jixiao.formats import canonical
from jixiao.web.api.schemas import UNION_TAGS
from jixiao.web.records import services


class Refusal(Exception):
    """Raised by an operation to answer ``status`` with the catalogue's message for ``code`` (and ``headers``)."""

    def __init__(self, status: int, code: str, headers: Mapping[str, str] | None = None, **params: Any) -> None:
        self.status = status
        self.code = code
        self.headers = dict(headers or {})
        self.params = params
        super().__init__(message(code, params))


def error_response(status: int, code: str, text: str | None = None, **extra: Any) -> JsonResponse:
    payload = {"error": text or message(code, {}), "code": code, **extra}
    return JsonResponse(payload, status=status, json_dumps_params={"ensure_ascii": False})


class CanonicalParser(Parser):
    """Bodies are read as the canonical reader reads a file: exact Decimals, JSON syntax errors in Chinese."""

    def parse_body(self, request: HttpRequest) -> Any:
        try:
            text = request.body.decode("utf-8")
        except UnicodeDecodeError:
            raise DocumentError("document.encoding") from None
        return canonical.loads(text, settings.JIXIAO_READ_LIMITS)  # nesting, number sizes, lone surrogates


class CanonicalRenderer(BaseRenderer):
    """Responses are canonical JSON: numbers written exactly as stored (``8.00``), Chinese as UTF-8."""

    media_type = "application/json"

    def render(self, request: HttpRequest, data: Any, *, response_status: int) -> str:
        return canonical.dumps(data)


# -- a body that does not fit its schema ---------------------------------------------------------------------------

_REASONS = {
    "string_type": "应为文字",
    "number_type": "应为数字",
    "int_type": "应为整数",
    "bool_type": "应为 true 或 false",
    "list_type": "应为列表（[…]）",
    "model_type": "应为对象（{…}）",
    "model_attributes_type": "应为对象（{…}）",
    "dict_type": "应为对象（{…}）",
    "missing": "不能为空",
}

# Where the canonical reader would name a field of the body: the API wraps a project (or an indicator) into a
# document before reading it, so its fields are named as in an import of that document.
_PLACES = {
    "api_projects": ("/projects/0", "应为项目对象（{…}）"),
    "api_project": ("/projects/0", "应为项目对象（{…}）"),
    "api_indicators": ("/projects/0/indicators/0", "应为指标对象（{…}）"),
    "api_indicator": ("/projects/0/indicators/0", "应为指标对象（{…}）"),
}


def _reason(error: Mapping[str, Any]) -> str:
    kind = error.get("type", "")
    if kind == "missing" or (kind == "string_type" and error.get("null")):
        return "不能为空"  # left out, or null where a text is required (as the canonical reader says)
    if kind == "literal_error":
        allowed = re.findall(r"'([^']*)'", str(error.get("ctx", {}).get("expected", "")))
        return "应为 " + "、".join(allowed) + " 或 null"
    return _REASONS.get(kind, "取值不符合要求")


class JixiaoNinjaAPI(NinjaAPI):
    """Ninja's API, keeping of each schema error whether the value sent was ``null`` (ninja drops the input)."""

    def validation_error_from_error_contexts(
        self, error_contexts: list[ValidationErrorContext[Any]]
    ) -> ValidationError:
        result = super().validation_error_from_error_contexts(error_contexts)
        inputs = [e["input"] for c in error_contexts for e in c.pydantic_validation_error.errors(include_url=False)]
        for error, sent in zip(result.errors, inputs, strict=True):
            error["null"] = sent is None
        return result


def body_error(request: HttpRequest, errors: list[dict[str, Any]]) -> JixiaoError:
    """The first schema error of a body as the canonical reader's :class:`DocumentError` (or ``api.revision``)."""
    error = errors[0]
    fields = [str(part) for part in error.get("loc", ())[2:] if part not in UNION_TAGS]  # after ("body", <param>)
    if fields == ["revision"] and error.get("type") in ("missing", "int_type"):
        return JixiaoError("api.revision")
    match = request.resolver_match
    prefix, whole = _PLACES.get((match.url_name if match else None) or "", ("", "应为对象（{…}）"))
    if not fields:
        return DocumentError("json.schema", where="/", reason=whole)
    return DocumentError("json.schema", where="/".join([prefix, *fields]), reason=_reason(error))


# -- handlers ------------------------------------------------------------------------------------------------------


def install(api: NinjaAPI) -> None:
    """Answer every refusal of ``api`` in the one JSON shape, with the catalogue's Chinese messages."""

    @api.exception_handler(Refusal)
    def refused(request: HttpRequest, exc: Refusal) -> HttpResponse:
        response = error_response(exc.status, exc.code, str(exc))
        for name, value in exc.headers.items():
            response[name] = value
        return response

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        return error_response(401, "api.unauthenticated")

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        if isinstance(exc.__cause__, JixiaoError):  # the body could not be parsed (CanonicalParser's message)
            return error_response(400, exc.__cause__.code, str(exc.__cause__))
        if exc.status_code == 403 and "CSRF" in exc.message:  # a session write without the CSRF token
            return error_response(403, "api.csrf")
        return error_response(exc.status_code, "api.http", exc.message)  # not reached: ninja raises no other here

    @api.exception_handler(ValidationError)
    def invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        error = body_error(request, exc.errors)
        return error_response(400, error.code, str(error))

    @api.exception_handler(services.ConflictError)
    def conflict(request: HttpRequest, exc: services.ConflictError) -> HttpResponse:
        return error_response(409, exc.code, str(exc), changes=[str(change) for change in exc.changes])

    @api.exception_handler(services.InYearDataError)
    def in_year_data(request: HttpRequest, exc: services.InYearDataError) -> HttpResponse:
        return error_response(409, exc.code, str(exc))  # the project holds in-year data: kept, nothing deleted

    @api.exception_handler(JixiaoError)
    def jixiao_error(request: HttpRequest, exc: JixiaoError) -> HttpResponse:
        return error_response(400, exc.code, str(exc))
