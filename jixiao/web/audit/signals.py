"""Receivers that put logins, logouts, failed logins and admin changes on the audit trail."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.http import HttpRequest

from jixiao.web.audit import throttle
from jixiao.web.audit.admin_trail import admin_recording
from jixiao.web.audit.context import client_ip
from jixiao.web.audit.services import audit_record

if TYPE_CHECKING:
    from django.contrib.auth.models import User
    from django.contrib.contenttypes.models import ContentType


@receiver(user_logged_in, dispatch_uid="jixiao_audit_login")
def _logged_in(sender: type[User], request: HttpRequest | None, user: User, **kwargs: Any) -> None:
    throttle.register_success(user.get_username(), client_ip(request))
    audit_record(action="jixiao.auth.login", actor=user, target=user, request=request)


@receiver(user_logged_out, dispatch_uid="jixiao_audit_logout")
def _logged_out(sender: type[User] | type[None], request: HttpRequest | None, user: User | None, **kwargs: Any) -> None:
    if user is not None:
        audit_record(action="jixiao.auth.logout", actor=user, target=user, request=request)


@receiver(user_login_failed, dispatch_uid="jixiao_audit_login_failed")
def _login_failed(sender: str, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any) -> None:
    username = str(credentials.get("username", ""))
    ip = client_ip(request)
    params = {"username": username}
    if getattr(request, "jixiao_login_blocked", False):  # refused unchecked by LockoutBackend: not another guess
        audit_record(action="jixiao.auth.login_blocked", label=username, params=params, request=request)
        return
    audit_record(action="jixiao.auth.login_failed", label=username, params=params, request=request)
    until = throttle.register_failure(username, ip)
    if until is not None:
        locked = {**params, "until": until.isoformat()}
        audit_record(action="jixiao.auth.locked", label=username, params=locked, request=request)


ADMIN_ACTIONS = {ADDITION: "jixiao.admin.added", CHANGE: "jixiao.admin.changed", DELETION: "jixiao.admin.deleted"}


@receiver(post_save, sender=LogEntry, dispatch_uid="jixiao_audit_admin")
def _admin_change(sender: type[LogEntry], instance: LogEntry, created: bool, **kwargs: Any) -> None:
    """Admin log entries that no :class:`~jixiao.web.audit.admin_trail.AuditedAdmin` recorded itself (a safety net:
    every registered admin is one) reach the trail with the admin's change message."""
    if not created or instance.action_flag not in ADMIN_ACTIONS or admin_recording():
        return
    # django-stubs declares LogEntry's foreign keys without their types
    content_type = cast("ContentType | None", instance.content_type)
    object_type = f"{content_type.app_label}.{content_type.model}" if content_type else ""
    audit_record(
        action=ADMIN_ACTIONS[instance.action_flag],
        actor=cast("User", instance.user),
        target=(object_type, instance.object_id or ""),
        label=instance.object_repr,
        params={"change": instance.get_change_message()},
    )
