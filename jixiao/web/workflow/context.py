"""Template context available on every page."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def site(request: HttpRequest) -> dict[str, bool | int]:
    """Demo flag, and for a logged-in user the unread notifications (shown in the header on every page)."""
    context: dict[str, bool | int] = {"jixiao_demo": settings.DEMO}
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        from jixiao.web.records.models import Notification

        context["unread_count"] = Notification.objects.filter(user=user, read_at__isnull=True).count()
    return context
