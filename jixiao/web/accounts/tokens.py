"""Per-user API tokens: ``Authorization: Token <secret>``; only a SHA-256 digest of the secret is stored."""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import secrets
from collections.abc import Callable
from typing import TYPE_CHECKING

from django.db import OperationalError
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from jixiao.web.records.models import ApiToken

if TYPE_CHECKING:
    from django.contrib.auth.models import User

PREFIX = "Token "
"""The ``Authorization`` header's scheme word (as Django REST framework writes it), followed by the secret."""


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def token_user(request: HttpRequest) -> User | None:
    """The active user whose token authenticated this request (:class:`ApiTokenMiddleware`), or None."""
    return getattr(request, "jixiao_token_user", None)


def token_create(*, user: User, name: str) -> str:
    """Create a token and return its secret; it is shown once and cannot be recovered."""
    from jixiao.web.audit.services import audit_record

    secret = secrets.token_urlsafe(32)
    token = ApiToken.objects.create(user=user, name=name, digest=digest(secret))
    audit_record(action="jixiao.token.created", actor=user, target=token, label=name)
    return secret


class ApiTokenMiddleware:
    """Authenticates API requests that carry a token; such requests need no CSRF token (no cookies are involved)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        header = request.headers.get("Authorization", "")
        if header.startswith(PREFIX) and request.path.startswith("/api/"):
            secret = header[len(PREFIX) :].strip()
            token = ApiToken.objects.select_related("user").filter(digest=digest(secret)).first()
            if token is not None and token.user.is_active:
                request.user = token.user
                request.jixiao_token_user = token.user  # type: ignore[attr-defined]  # read by the API's TokenAuth
                # Django's CSRF middleware reads this undeclared flag (its own test client sets it the same way)
                request._dont_enforce_csrf_checks = True  # type: ignore[attr-defined]
                _touch(token)
        return self.get_response(request)


LAST_USE_STEP = dt.timedelta(minutes=1)


def _touch(token: ApiToken) -> None:
    """Record the token's last use at most once a minute: a read with a token then needs no write (on SQLite a write
    waits for the write lock that a long save holds), and a failed write never fails the request."""
    now = timezone.now()
    if token.last_used_at is not None and now - token.last_used_at < LAST_USE_STEP:
        return
    with contextlib.suppress(OperationalError):  # busy: the last use is a convenience, not a record
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
