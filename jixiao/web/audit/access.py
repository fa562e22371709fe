"""Who may read the audit trail: auditors and administrators (by membership) and superusers."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from django.http import HttpRequest

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

# The membership roles (jixiao.web.records.models.Membership.Role) that read the trail; by value, so that the trail
# stays below every other app (tested against the model's choices).
AUDIT_ROLES = ("auditor", "admin")


def can_view_audit(user: User | AnonymousUser | None) -> bool:
    if user is None or not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return bool(user.memberships.filter(role__in=AUDIT_ROLES).exists())


def navigation(request: HttpRequest) -> dict[str, Callable[[], bool]]:
    """Context processor: ``can_view_audit`` for the nav link, evaluated only when a template asks."""
    return {"can_view_audit": lambda: can_view_audit(getattr(request, "user", None))}
