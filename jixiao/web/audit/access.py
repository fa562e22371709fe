"""Who may read the audit trail: auditors and administrators (by membership) and superusers."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from jixiao.web.targets.models import Membership

AUDIT_ROLES = (Membership.Role.AUDITOR, Membership.Role.ADMIN)


def can_view_audit(user: Any) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser:
        return True
    return Membership.objects.filter(user=user, role__in=AUDIT_ROLES).exists()


def navigation(request: HttpRequest) -> dict[str, Any]:
    """Context processor: ``can_view_audit`` for the nav link, evaluated only when a template asks."""
    return {"can_view_audit": lambda: can_view_audit(getattr(request, "user", None))}
