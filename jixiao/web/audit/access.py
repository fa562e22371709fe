"""Who may read the audit trail: auditors and administrators (by membership) and superusers."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

# The membership roles (jixiao.web.records.models.Membership.Role) that read the trail; by value, so that the trail
# stays below every other app (tested against the model's choices).
AUDIT_ROLES = ("auditor", "admin")


def can_view_audit(user: Any) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser:
        return True
    return bool(user.memberships.filter(role__in=AUDIT_ROLES).exists())


def navigation(request: HttpRequest) -> dict[str, Any]:
    """Context processor: ``can_view_audit`` for the nav link, evaluated only when a template asks."""
    return {"can_view_audit": lambda: can_view_audit(getattr(request, "user", None))}
