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


def _forget_stale(now: datetime) -> None:
    """Delete counters whose window has passed and that hold no lock, so the table stays small."""
    LoginThrottle.objects.filter(
        Q(window_start__lt=now - _period()) & (Q(locked_until__isnull=True) | Q(locked_until__lt=now))
    ).delete()


@transaction.atomic
def begin_attempt(username: str, ip: str) -> bool:
    """Count a password check *before* it runs; True when it may run.

    Counting first bounds the guesses whatever the concurrency: parallel attempts take the pair's row lock in turn,
    and those past the limit are refused without their password being checked (counting after the check let twenty
    simultaneous guesses all be checked before the fifth failure locked the pair). A success clears the count.
    """
    now = timezone.now()
    _forget_stale(now)
    row, _ = LoginThrottle.objects.select_for_update().get_or_create(
        username=_key(username), ip=ip, defaults={"window_start": now}
    )
    if row.locked_until and row.locked_until > now:
        return False
    if row.window_start < now - _period():
        row.failures, row.window_start, row.locked_until = 0, now, None
    if row.failures >= _limit():
        row.locked_until = now + _period()
        row.save()
        return False
    row.failures += 1
    row.save()
    return True


@transaction.atomic
def register_failure(username: str, ip: str) -> datetime | None:
    """After a failed check (counted already by :func:`begin_attempt`): lock the pair when its count reached the
    limit; return the lock's end if this failure locked it, else None."""
    now = timezone.now()
    row = LoginThrottle.objects.select_for_update().filter(username=_key(username), ip=ip).first()
    if row is None:  # a check that did not go through begin_attempt (no request): count it now
        row = LoginThrottle.objects.create(username=_key(username), ip=ip, window_start=now, failures=1)
    if row.failures < _limit() or (row.locked_until and row.locked_until > now):
        return None
    row.locked_until = now + _period()
    row.save()
    return row.locked_until


def register_success(username: str, ip: str) -> None:
    LoginThrottle.objects.filter(username=_key(username), ip=ip).delete()
