"""Recording to and verifying the audit chain. :func:`audit_record` is the one entry point for every other module."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.db import models, transaction
from django.http import HttpRequest
from django.utils import timezone

from jixiao.domain.errors import JixiaoError, message
from jixiao.web.audit import chain, checkpoints
from jixiao.web.audit.context import client_ip, current_request, request_user, user_agent
from jixiao.web.audit.models import AuditEntry, AuditHead

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

ACTION = re.compile(r"[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+")
Target = models.Model | tuple[str, str | int] | None


def _target(target: Target) -> tuple[str, str, str]:
    """(object_type, object_id, default label) for a model instance or an explicit ``(type, id)`` pair."""
    if target is None:
        return "", "", ""
    if isinstance(target, tuple):
        return target[0], str(target[1]), ""
    return target._meta.label_lower, str(target.pk), str(target)


def _field(name: str) -> int | None:
    field = AuditEntry._meta.get_field(name)
    return field.max_length if isinstance(field, models.Field) else None


def audit_record(
    *,
    action: str,
    actor: User | AnonymousUser | None = None,
    target: Target = None,
    label: str = "",
    before: str | dict[str, Any] | list[Any] | None = None,
    after: str | dict[str, Any] | list[Any] | None = None,
    params: dict[str, Any] | None = None,
    request: HttpRequest | None = None,
) -> AuditEntry:
    """Append one entry to the chain and return it.

    ``action`` is a dotted code (``jixiao.project.saved``). ``actor`` defaults to the current request's user,
    ``request`` to the request being served (see :class:`~jixiao.web.audit.context.AuditContextMiddleware`).
    ``target`` is a model instance (type ``app.model``, its pk, ``str()`` as label) or ``(type, id)``. ``before`` and
    ``after`` are JSON text as given, or dicts/lists serialised canonically. Call it inside the service's transaction,
    as its last write: if the transaction rolls back, so does the entry; the chain head stays locked until commit.
    """
    if not ACTION.fullmatch(action):
        raise ValueError(f"audit action must be a dotted lowercase code, got {action!r}")
    request = request if request is not None else current_request()
    actor = actor if actor is not None else request_user(request)
    object_type, object_id, default_label = _target(target)
    fields: dict[str, Any] = {
        "user_id": getattr(actor, "pk", None),
        "username": chain.clean_text(actor.get_username() if actor is not None else "", _field("username")),
        "ip": client_ip(request),
        "user_agent": chain.clean_text(user_agent(request), _field("user_agent")),
        "action": action,
        "object_type": chain.clean_text(object_type, _field("object_type")),
        "object_id": chain.clean_text(object_id, _field("object_id")),
        "label": chain.clean_text(label or default_label, _field("label")),
        "before": chain.clean_text(chain.json_text(before)),
        "after": chain.clean_text(chain.json_text(after)),
        "params": chain.clean_text(chain.json_text(params or {})),
    }
    return _append(fields)


def _append(fields: dict[str, Any]) -> AuditEntry:
    # The head row lock serialises appends on PostgreSQL; on SQLite the IMMEDIATE transaction takes the write lock.
    with transaction.atomic():
        head, _ = AuditHead.objects.select_for_update().get_or_create(pk=1)
        entry = AuditEntry(seq=head.seq + 1, prev_hash=head.hash, at=timezone.now(), **fields)
        entry.hash = chain.entry_hash(entry.content())
        entry.save()
        AuditHead.objects.filter(pk=1).update(seq=entry.seq, hash=entry.hash)
        # Once committed, the new head goes outside the database too (a signed checkpoint, see checkpoints.py).
        transaction.on_commit(partial(checkpoints.after_append, entry.seq, entry.hash), robust=True)
    return entry


@dataclass(frozen=True)
class Verification:
    """The result of checking the chain: ``broken_at`` is the first bad sequence number (None when intact)."""

    count: int
    head_hash: str
    broken_at: int | None = None
    reason: str = ""
    anchored: int = 0  # how many signed checkpoints the chain was compared with
    latest: checkpoints.Checkpoint | None = None  # the latest of them

    @property
    def ok(self) -> bool:
        return self.broken_at is None


VERIFY_FIELDS = ("seq", "prev_hash", "hash", *[name for name in chain.FIELDS if name not in ("v", "seq", "prev")])


def _check(entry: AuditEntry, expected_seq: int, prev_hash: str) -> str | None:
    """The catalogue code of the first problem with ``entry``, or None."""
    if entry.seq != expected_seq:
        return "audit.gap"
    if entry.prev_hash != prev_hash:
        return "audit.link"
    if chain.entry_hash(entry.content()) != entry.hash:
        return "audit.altered"
    return None


def audit_verify(checkpoint_files: Sequence[Path] = ()) -> Verification:
    """Walk the chain from the first entry to the head; stop at the first entry that does not fit. Then hold it
    against the signed checkpoints (the data directory's file and ``checkpoint_files``): a chain that ends before
    the last checkpoint, or differs from one, lost or rewrote entries even when it is consistent in itself.

    The checkpoints are read first and the head next, so entries appended while the walk runs are left for the next
    check, and every checkpoint read covers an entry committed before the walk.
    """
    paths = [checkpoints.checkpoint_path(), *checkpoint_files]
    try:
        anchors = checkpoints.anchors(paths, required=checkpoint_files)
    except JixiaoError as error:
        if checkpoint_files:  # a file named on the command line: the check cannot be made (exit 2)
            raise
        anchors = checkpoints.Anchors(unreadable=str(error))  # the local file is there but cannot be read
    head = AuditHead.objects.filter(pk=1).first()
    last_seq, last_hash = (head.seq, head.hash) if head else (0, chain.GENESIS)
    expected, prev = 1, chain.GENESIS
    mismatch: AuditEntry | None = None
    entries = AuditEntry.objects.filter(seq__lte=last_seq).order_by("seq").only(*VERIFY_FIELDS)
    for entry in entries.iterator(chunk_size=2000):
        problem = _check(entry, expected, prev)
        if problem:
            params = {"seq": expected, "found": entry.seq, "last": entry.seq - 1}
            return Verification(expected - 1, prev, expected, message(problem, params))
        anchored = anchors.hashes.get(entry.seq)
        if mismatch is None and anchored is not None and anchored != bytes.fromhex(entry.hash):
            mismatch = entry
        expected, prev = expected + 1, entry.hash
    if expected - 1 != last_seq or prev != last_hash:
        reason = message("audit.truncated", {"head": last_seq, "last": expected - 1})
        return Verification(expected - 1, prev, expected, reason)
    if head is None and AuditEntry.objects.exists():
        return Verification(0, chain.GENESIS, 1, message("audit.no_head", {}))
    if anchors.unreadable:
        return Verification(last_seq, last_hash, 0, anchors.unreadable)
    if anchors.forged:
        reason = message("audit.checkpoint_forged", {"where": anchors.forged[0]})
        if anchors.forged_count > 1:
            reason += message("audit.more_problems", {"count": anchors.forged_count - 1})
        return Verification(last_seq, last_hash, 0, reason)
    if mismatch is not None:
        point = checkpoints.find(paths, mismatch.seq, anchors.hashes[mismatch.seq])
        where = {"at": point.at, "where": point.source} if point else {"at": "", "where": ""}
        reason = message("audit.checkpoint_mismatch", {"seq": mismatch.seq, **where})
        return Verification(last_seq, last_hash, mismatch.seq, reason)
    latest = anchors.latest
    if latest is not None and latest.seq > last_seq:
        code = "audit.checkpoint_wiped" if last_seq == 0 else "audit.checkpoint_beyond"
        found = {"seq": latest.seq, "last": last_seq, "at": latest.at, "where": latest.source}
        return Verification(last_seq, last_hash, last_seq + 1, message(code, found))
    return Verification(last_seq, last_hash, anchored=anchors.count, latest=latest)


def audit_checkpoint() -> tuple[Verification, checkpoints.Checkpoint | None]:
    """Verify the chain and, when it is intact, write a checkpoint of its head (``jixiao audit checkpoint``)."""
    result = audit_verify()
    if not result.ok:
        return result, None
    return result, checkpoints.write(result.count, result.head_hash)


def audit_restored() -> checkpoints.Checkpoint:
    """After ``jixiao restore``: a signed ``restored`` checkpoint of the restored head, so the checkpoints written
    before (which the restored chain may no longer reach) stop binding it."""
    head = AuditHead.objects.filter(pk=1).first()
    return checkpoints.write(head.seq if head else 0, head.hash if head else chain.GENESIS, event="restored")
