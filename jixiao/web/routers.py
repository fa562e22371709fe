"""Reports read from a PostgreSQL hot standby (``DATABASE_REPLICA_URL``, docs/deploy.md §2.4); everything else reads the
primary.

Reads go to the replica only inside :func:`reading_from_replica` (or :func:`read_from_replica`,
:func:`stream_from_replica`), only for the report apps' tables, and never inside a transaction on the primary, so a
service that reads in order to write always reads what it is about to change. Writes always go to the primary.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from time import monotonic
from typing import Any, TypeVar

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.db import DEFAULT_DB_ALIAS, OperationalError, connections, models

T = TypeVar("T")

REPLICA = "replica"
PRIMARY: str = DEFAULT_DB_ALIAS
# Only the tables reports read. Users, sessions and permissions stay on the primary: a login or a new password that has
# not reached the standby yet must not log anybody out.
REPORT_APPS = frozenset({"targets", "monitoring", "audit"})
# After a failed connection the replica is left alone this long, so that a standby that is down costs one connection
# timeout per process and half-minute, not one per download.
RETRY_AFTER_SECONDS = 30.0

logger = logging.getLogger(__name__)
_routed: ContextVar[bool] = ContextVar("jixiao_reading_from_replica", default=False)
_down_until = 0.0


def replica_alias() -> str | None:
    """The database alias reports read from (``JIXIAO_READ_REPLICA``), or None without a replica."""
    alias: str | None = getattr(settings, "JIXIAO_READ_REPLICA", None)
    return alias


def _usable() -> bool:
    """Whether a replica is configured and answers; a refusal is logged and remembered for a while."""
    global _down_until
    alias = replica_alias()
    if alias is None or monotonic() < _down_until:
        return False
    try:
        connections[alias].ensure_connection()
    except OperationalError as error:
        _down_until = monotonic() + RETRY_AFTER_SECONDS
        logger.warning("只读副本 %s 无法连接，%d 秒内改读主库：%s", alias, RETRY_AFTER_SECONDS, error)
        return False
    return True


@contextmanager
def _routing(on: bool) -> Iterator[bool]:
    token = _routed.set(on)
    try:
        yield on
    finally:
        _routed.reset(token)


@contextmanager
def reading_from_replica() -> Iterator[bool]:
    """Reads of the report tables inside go to the replica; yields whether they do (False: none, or unreachable)."""
    with _routing(_usable()) as on:
        yield on


def read_from_replica(read: Callable[[], T]) -> T:
    """``read()`` on the replica; on the primary instead when the replica lacks a row or fails mid-read.

    A standby lags its primary by a moment: a project saved just before a download may not be there yet, and a long
    query may be cancelled by a recovery conflict. ``read`` must not write (it may run twice).
    """
    with reading_from_replica() as on:
        try:
            return read()
        except (ObjectDoesNotExist, OperationalError) as error:
            if not on:
                raise
            logger.warning("只读副本读取失败，改读主库：%r", error)
    return read()


def stream_from_replica(items: Iterable[T]) -> Iterator[T]:
    """``items`` pulled with reads on the replica, for a streamed response (read after its view has returned)."""
    on = _usable()
    iterator = iter(items)
    while True:
        with _routing(on):
            try:
                item = next(iterator)
            except StopIteration:
                return
        yield item


class ReplicaRouter:
    """Django database router: see the module docstring."""

    def db_for_read(self, model: type[models.Model], **hints: Any) -> str:
        alias = replica_alias()
        if (
            alias is not None
            and _routed.get()
            and model._meta.app_label in REPORT_APPS
            and not connections[PRIMARY].in_atomic_block
        ):
            return alias
        # Said explicitly: without an answer Django would follow an instance's own database, and an object read from
        # the replica would drag the reads of its relations there after the context has ended.
        return PRIMARY

    def db_for_write(self, model: type[models.Model], **hints: Any) -> str:
        return PRIMARY

    def allow_relation(self, first: models.Model, second: models.Model, **hints: Any) -> bool:
        # Both aliases are the same database (one replays the other), so objects from either may be related.
        return True

    def allow_migrate(self, db: str, app_label: str, model_name: str | None = None, **hints: Any) -> bool:
        return db == PRIMARY
