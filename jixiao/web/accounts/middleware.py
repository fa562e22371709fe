"""Session rules for signed-in users: an idle session ends, a reset password must be changed first, and nothing a
signed-in user sees is kept by a browser or proxy cache."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from jixiao.domain.errors import message
from jixiao.web.audit.services import audit_record

SEEN_KEY = "jixiao_seen"
SEEN_STEP = 60  # seconds: the session is written at most once a minute for this, not on every request


def _idle_seconds() -> int:
    return int(getattr(settings, "JIXIAO_IDLE_MINUTES", 30)) * 60


MUST_CHANGE_KEY = "jixiao_must_change_password"  # set at sign-in from AccountState (accounts/signals.py)


def _must_change_password(request: HttpRequest) -> bool:
    return bool(request.session.get(MUST_CHANGE_KEY))


class AccountSessionMiddleware:
    """After AuthenticationMiddleware. Token-authenticated API requests carry no session and are left alone."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        signed_in = bool(user is not None and user.is_authenticated and not getattr(request, "jixiao_token_user", None))
        if signed_in:
            ended = self._idle(request)
            if ended is not None:
                return ended
            if _must_change_password(request) and request.path not in self._allowed():
                messages.info(request, message("password.must_change", {}))
                return redirect("password_change")
        response = self.get_response(request)
        if signed_in or getattr(request, "jixiao_token_user", None):
            response.headers.setdefault("Cache-Control", "no-store")
        return response

    @staticmethod
    def _allowed() -> set[str]:
        return {reverse("password_change"), reverse("logout")}

    @staticmethod
    def _idle(request: HttpRequest) -> HttpResponse | None:
        now = int(time.time())
        seen = request.session.get(SEEN_KEY)
        if isinstance(seen, int) and now - seen > _idle_seconds():
            audit_record(action="jixiao.auth.idle_logout", actor=request.user, target=request.user, request=request)
            logout(request)
            messages.info(request, message("auth.idle", {"minutes": _idle_seconds() // 60}))
            return redirect(f"{reverse('login')}?next={request.get_full_path()}")
        if not isinstance(seen, int) or now - seen >= SEEN_STEP:
            request.session[SEEN_KEY] = now
        return None
