"""Session rules for signed-in users: an idle session ends, a reset password must be changed first, and nothing a
signed-in user sees is kept by a browser or proxy cache."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from jixiao.domain.errors import message
from jixiao.web import drafts
from jixiao.web.audit.services import audit_record

if TYPE_CHECKING:
    from django.contrib.auth.models import User

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
        if not signed_in and user is not None and drafts.keepable(request):
            return _keep_and_sign_in(request)  # the session ended while a form was open: keep what was typed
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
            user = cast("User", request.user)  # _idle runs for a signed-in user only
            audit_record(action="jixiao.auth.idle_logout", actor=user, target=user, request=request)
            typed = request.POST.copy() if drafts.keepable(request) else None
            logout(request)
            kept = typed is not None and drafts.keep(request, typed)
            code = "auth.idle_kept" if kept else "auth.idle"
            messages.info(request, message(code, {"minutes": _idle_seconds() // 60}))
            return redirect(f"{reverse('login')}?next={request.path if kept else request.get_full_path()}")
        if not isinstance(seen, int) or now - seen >= SEEN_STEP:
            request.session[SEEN_KEY] = now
        return None


def _keep_and_sign_in(request: HttpRequest) -> HttpResponse:
    """A form posted without a session (it expired, or the browser was closed): keep it, then ask for a sign-in that
    leads back to the page, which shows what was typed."""
    kept = drafts.keep(request)
    messages.info(request, message("auth.session_kept" if kept else "auth.session_lost", {}))
    return redirect(f"{reverse('login')}?next={request.path}")
