"""What a request gets when the server cannot answer it: a busy database is a 503 with Retry-After, anything else
a plain Chinese 500 page; API requests get the same as JSON. Nothing was written either way: the request's
transaction rolled back.

A busy database is SQLite's write lock held past the timeout (``database is locked``) or PostgreSQL giving up on a
lock (``deadlock detected``, ``could not serialize access``, ``lock timeout``): the same request a moment later
succeeds, so the user is told to try again rather than shown an error.
"""

from __future__ import annotations

import logging
import sys

from django.db import OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template import loader

from jixiao.domain.errors import message

logger = logging.getLogger("jixiao.web")
RETRY_AFTER_SECONDS = 5
_BUSY_MARKS = (
    "database is locked",
    "database table is locked",
    "deadlock detected",
    "could not serialize access",
    "lock timeout",
    "canceling statement due to lock timeout",
)


def is_busy(error: BaseException | None) -> bool:
    """Whether ``error`` means "the database is busy, try again" rather than a fault."""
    while error is not None:
        if isinstance(error, OperationalError) and any(mark in str(error) for mark in _BUSY_MARKS):
            return True
        error = error.__cause__ or error.__context__
    return False


def _answer(request: HttpRequest, status: int, code: str) -> HttpResponse:
    text = message(code, {"seconds": RETRY_AFTER_SECONDS})
    if request.path.startswith("/api/"):
        return JsonResponse({"error": text, "code": code}, status=status, json_dumps_params={"ensure_ascii": False})
    page = loader.get_template(f"{status}.html").render({"message": text})
    return HttpResponse(page, status=status)


def server_error(request: HttpRequest) -> HttpResponse:
    """``handler500``: called while the uncaught exception is being handled, so it can tell a busy database."""
    if is_busy(sys.exc_info()[1]):
        logger.warning("数据库忙，请求 %s 返回 503", request.path)
        response = _answer(request, 503, "web.busy")
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return _answer(request, 500, "web.server_error")
