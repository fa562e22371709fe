"""Login throttling: after ``JIXIAO_LOGIN_FAILURE_LIMIT`` failures for one username from one address within the lock
period, that pair is locked for ``JIXIAO_LOGIN_LOCK_MINUTES``. Kept in the database, so every process sees it.

Keyed on username *and* address: a guesser is stopped without letting anyone elsewhere lock the real user out.
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from jixiao.web.audit.models import LoginThrottle


def _limit() -> int:
    return int(getattr(settings, "JIXIAO_LOGIN_FAILURE_LIMIT", 5))


def _period() -> timedelta:
    return timedelta(minutes=int(getattr(settings, "JIXIAO_LOGIN_LOCK_MINUTES", 15)))


def _key(username: str) -> str:
    return username.strip().casefold()[:150]


def locked_until(username: str, ip: str) -> datetime | None:
    """When the lock on (username, ip) ends, or None if it is not locked now."""
    row = LoginThrottle.objects.filter(username=_key(username), ip=ip, locked_until__gt=timezone.now()).first()
    return row.locked_until if row else None


def minutes_left(until: datetime) -> int:
    return max(1, math.ceil((until - timezone.now()).total_seconds() / 60))


@transaction.atomic
def register_failure(username: str, ip: str) -> datetime | None:
    """Count one failed login; return the lock's end if this failure locked the pair, else None."""
    now = timezone.now()
    LoginThrottle.objects.filter(
        Q(window_start__lt=now - _period()) & (Q(locked_until__isnull=True) | Q(locked_until__lt=now))
    ).delete()  # forget stale counters, so the table stays small
    row, _ = LoginThrottle.objects.select_for_update().get_or_create(
        username=_key(username), ip=ip, defaults={"window_start": now}
    )
    if row.window_start < now - _period():
        row.failures, row.window_start, row.locked_until = 0, now, None
    row.failures += 1
    locking = row.failures >= _limit() and not (row.locked_until and row.locked_until > now)
    if locking:
        row.locked_until = now + _period()
    row.save()
    return row.locked_until if locking else None


def register_success(username: str, ip: str) -> None:
    LoginThrottle.objects.filter(username=_key(username), ip=ip).delete()
