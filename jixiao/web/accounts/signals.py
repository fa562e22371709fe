"""At sign-in, whether the user must first change a password an administrator reset (kept in the session, so that
pages need no query for it; a reset changes the password, which ends the user's other sessions anyway)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest

from jixiao.web.accounts.middleware import MUST_CHANGE_KEY
from jixiao.web.accounts.models import AccountState


@receiver(user_logged_in, dispatch_uid="jixiao_accounts_must_change")
def _signed_in(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    signed_in_here = request is not None and hasattr(request, "session")
    if signed_in_here and AccountState.objects.filter(user=user, must_change_password=True).exists():
        request.session[MUST_CHANGE_KEY] = True  # type: ignore[union-attr]  # request is not None here
