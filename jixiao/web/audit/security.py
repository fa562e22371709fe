"""Login form and backend that honour the lock-out, and the Content-Security-Policy header."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from jixiao.domain.errors import message
from jixiao.web.audit import throttle
from jixiao.web.audit.context import client_ip
from jixiao.web.audit.services import audit_record

if TYPE_CHECKING:
    from django.contrib.auth.models import User

# Only this server's own files: no inline code and no eval (the grid's "add row" index is set in app.js).
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self'",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


class ContentSecurityPolicyMiddleware:
    """Adds the policy to every response that does not set its own."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        return response


def _locked_error(username: str, request: HttpRequest | None) -> forms.ValidationError | None:
    """The lock-out error for this username and address, recording the refused attempt; None if not locked."""
    until = throttle.locked_until(username, client_ip(request))
    if until is None:
        return None
    audit_record(action="jixiao.auth.login_blocked", label=username, params={"username": username}, request=request)
    return forms.ValidationError(message("auth.locked", {"minutes": throttle.minutes_left(until)}), code="locked")


class LoginForm(AuthenticationForm):
    """Django's login form, refusing a locked username/address pair before the password is checked."""

    error_messages = {**AuthenticationForm.error_messages, "invalid_login": message("auth.invalid", {})}

    def clean(self) -> dict[str, Any]:
        username = self.cleaned_data.get("username") or ""
        locked = _locked_error(username, self.request) if username else None
        if locked is not None:
            raise locked
        try:
            return super().clean()
        except forms.ValidationError:
            # The failure just recorded may have been the one that locked the pair: say so at once.
            until = throttle.locked_until(username, client_ip(self.request))
            if until is not None:
                raise forms.ValidationError(
                    message("auth.locked", {"minutes": throttle.minutes_left(until)}), code="locked"
                ) from None
            raise


class LockoutBackend(ModelBackend):
    """Django's model backend that first refuses every password check for a locked pair (the admin login too).

    The only entry in AUTHENTICATION_BACKENDS: listing ModelBackend as well would check a wrong password twice.
    """

    def authenticate(
        self, request: HttpRequest | None, username: str | None = None, password: str | None = None, **kwargs: Any
    ) -> User | None:
        if request is not None and username and not throttle.begin_attempt(username, client_ip(request)):
            request.jixiao_login_blocked = True  # type: ignore[attr-defined]  # read by the audit's failure receiver
            raise PermissionDenied
        return super().authenticate(request, username=username, password=password, **kwargs)
