"""Users in the Django admin: every change itemised in the audit trail, and passwords reset by an administrator
(from the user's page, or the "重置密码" action) must be changed by their owner at the next sign-in."""

from __future__ import annotations

import secrets
import string
from typing import Any

from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect

from jixiao.domain.errors import message
from jixiao.web.accounts.models import AccountState
from jixiao.web.accounts.passwords import repeats
from jixiao.web.audit.admin_trail import AuditedAdmin
from jixiao.web.audit.services import audit_record

_ALPHABET = string.ascii_letters + string.digits + "!@#%+=?"


def temporary_password(length: int = 14) -> str:
    """A random password meeting the policy (four kinds of character, no repetition)."""
    while True:
        password = "".join(secrets.choice(_ALPHABET) for _ in range(length))
        kinds = (str.islower, str.isupper, str.isdigit, lambda c: not c.isalnum())
        if all(any(test(c) for c in password) for test in kinds) and not repeats(password):
            return password


def _must_change(user: Any, by: Any, request: HttpRequest) -> None:
    AccountState.objects.update_or_create(user=user, defaults={"must_change_password": True})
    audit_record(action="jixiao.auth.password_reset", actor=by, target=user, request=request)


class AccountsUserAdmin(AuditedAdmin, UserAdmin):  # type: ignore[type-arg]  # no type argument at run time
    actions = ["reset_passwords"]

    def user_change_password(self, request: HttpRequest, id: str, form_url: str = "") -> HttpResponse:
        response = super().user_change_password(request, id, form_url)
        if request.method == "POST" and isinstance(response, HttpResponseRedirect):
            user = get_user_model().objects.get(pk=id)
            if user.pk != request.user.pk:  # an administrator's own change is their own choice
                _must_change(user, request.user, request)
        return response

    @admin.action(description="重置密码（生成临时密码，用户下次登录须修改）")
    def reset_passwords(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        issued = []
        for user in queryset:
            password = temporary_password()
            user.set_password(password)
            user.save(update_fields=["password"])
            _must_change(user, request.user, request)
            issued.append(f"{user.get_username()}：{password}")
        text = message("password.reset_done", {"count": len(issued), "passwords": "；".join(issued)})
        self.message_user(request, text, messages.WARNING)


admin.site.unregister(get_user_model())
admin.site.register(get_user_model(), AccountsUserAdmin)
