"""The request being served, available to services without passing it: who is acting, and from where."""

from __future__ import annotations

import ipaddress
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TYPE_CHECKING

from django.conf import settings
from django.http import HttpRequest, HttpResponse

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

_current: ContextVar[HttpRequest | None] = ContextVar("jixiao_audit_request", default=None)


def current_request() -> HttpRequest | None:
    """The request this thread (or task) is serving, or None outside a request (CLI, tests without the client)."""
    return _current.get()


@contextmanager
def request_context(request: HttpRequest | None) -> Iterator[None]:
    token = _current.set(request)
    try:
        yield
    finally:
        _current.reset(token)


class AuditContextMiddleware:
    """Makes the request available to :func:`current_request`; placed after authentication (and API tokens)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with request_context(request):
            return self.get_response(request)


def _valid_ip(text: str) -> str:
    try:
        return str(ipaddress.ip_address(text.strip()))
    except ValueError:
        return ""


def client_ip(request: HttpRequest | None) -> str:
    """The client's address; behind ``JIXIAO_PROXY_COUNT`` trusted proxies, the address they saw (X-Forwarded-For).

    Only the last ``count`` X-Forwarded-For entries were written by our proxies; anything before them is whatever the
    client sent and is never trusted.
    """
    if request is None:
        return ""
    count: int = getattr(settings, "JIXIAO_PROXY_COUNT", 0)
    if count > 0:
        hops = [hop for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
        if len(hops) >= count:
            return _valid_ip(hops[-count])
    return _valid_ip(request.META.get("REMOTE_ADDR", ""))


def user_agent(request: HttpRequest | None) -> str:
    return "" if request is None else str(request.META.get("HTTP_USER_AGENT", ""))


def request_user(request: HttpRequest | None) -> User | None:
    """The authenticated user of ``request``, or None."""
    user: User | AnonymousUser | None = getattr(request, "user", None)  # set by the authentication middleware
    return user if user is not None and user.is_authenticated else None
