"""Signed checkpoints of the audit chain's head, kept outside the database (format ``jixiao.audit.checkpoint/1``).

A checkpoint says "this database's chain had entry ``seq`` with hash ``hash`` at time ``at``", signed with
HMAC-SHA256 under :func:`key` (``JIXIAO_AUDIT_KEY``, or a key derived from ``SECRET_KEY``). After a committed append
(at most one per ``JIXIAO_AUDIT_CHECKPOINT_SECONDS``; 0, the default: after every one), on ``jixiao audit checkpoint``
and after a restore, one JSON line is appended to ``JIXIAO_AUDIT_CHECKPOINT_FILE`` (``audit-checkpoints.jsonl`` in
the data directory; opened append-only, mode 0600) and logged at INFO to the ``jixiao.audit.checkpoint`` logger
(the console, i.e. the system log under systemd). The database can then be emptied, or its last entries deleted with
the head moved back, but the chain no longer reaches the last checkpoint: :func:`problems` and so
``jixiao audit verify`` say so.

A line is the JSON object with the keys ``v``, ``event`` (``checkpoint``, or ``restored`` after ``jixiao restore``:
the chain legitimately went back to that entry, and earlier checkpoints no longer bind it), ``db`` (which database,
from its connection settings), ``seq``, ``hash``, ``at`` (UTC, as in the chain) and ``mac``: the lowercase hex
HMAC-SHA256 of the object without ``mac`` in the chain's canonical form (sorted keys, compact, UTF-8). Text around
the object is ignored, so a log excerpt (``journalctl … | grep jixiao.audit.checkpoint``) is a valid checkpoint file.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import os
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connections
from django.utils import timezone

from jixiao.domain.errors import JixiaoError, message
from jixiao.web.audit import chain

VERSION = "jixiao.audit.checkpoint/1"
EVENTS = ("checkpoint", "restored")
LOGGER = logging.getLogger("jixiao.audit.checkpoint")


@dataclass(frozen=True)
class Checkpoint:
    event: str
    database: str
    seq: int
    hash: str
    at: str
    mac: str = ""
    source: str = ""  # where it was read: "file:line"

    def fields(self) -> dict[str, Any]:
        return {
            "v": VERSION,
            "event": self.event,
            "db": self.database,
            "seq": self.seq,
            "hash": self.hash,
            "at": self.at,
        }

    def line(self) -> str:
        return json.dumps({**self.fields(), "mac": self.mac}, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def key() -> bytes:
    """The HMAC key: ``JIXIAO_AUDIT_KEY`` when set, else derived from ``SECRET_KEY`` for this one purpose."""
    configured = str(getattr(settings, "JIXIAO_AUDIT_KEY", "") or "")
    if configured:
        return configured.encode("utf-8")
    return hmac.new(str(settings.SECRET_KEY).encode("utf-8"), VERSION.encode("utf-8"), hashlib.sha256).digest()


def sign(fields: dict[str, Any], secret: bytes | None = None) -> str:
    text = json.dumps(fields, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return hmac.new(secret if secret is not None else key(), text, hashlib.sha256).hexdigest()


def database_label(alias: str = "default") -> str:
    """The database the chain lives in, from its connection settings (a file path, or host:port/name)."""
    settings_dict = connections[alias].settings_dict
    name = str(settings_dict.get("NAME") or "")
    if connections[alias].vendor == "sqlite":
        return f"sqlite:{name if name.startswith('file:') or name == ':memory:' else Path(name).resolve()}"
    host = settings_dict.get("HOST") or "local"
    return f"{connections[alias].vendor}://{host}:{settings_dict.get('PORT') or 5432}/{name}"


def checkpoint_path() -> Path:
    return Path(settings.JIXIAO_AUDIT_CHECKPOINT_FILE)


def write(seq: int, head_hash: str, *, event: str = "checkpoint", alias: str = "default") -> Checkpoint:
    """Sign a checkpoint, log it and append it to the checkpoint file; a file that cannot be written is logged as
    an error (the entry it covers is committed already, and the log still has the checkpoint)."""
    draft = Checkpoint(event, database_label(alias), seq, head_hash, chain.timestamp(timezone.now()))
    point = replace(draft, mac=sign(draft.fields()))
    LOGGER.info("jixiao.audit.checkpoint %s", point.line())
    path = checkpoint_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        created = not path.exists()
        descriptor = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        try:
            folder = path.parent.stat()
            if created and os.geteuid() == 0 and folder.st_uid != 0:
                # made by a command run as root (`sudo jixiao backup`): the service, owner of the data directory,
                # must still be able to append to it
                os.fchown(descriptor, folder.st_uid, folder.st_gid)
            os.write(descriptor, (point.line() + "\n").encode("utf-8"))
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
    except OSError as error:
        LOGGER.error("%s", message("audit.checkpoint_unwritable", {"path": path, "reason": error.strerror or error}))
    return point


def after_append(seq: int, head_hash: str, alias: str = "default") -> None:
    """Called once an append has committed: a checkpoint when the last one is old enough (or always, with 0 s)."""
    interval = int(getattr(settings, "JIXIAO_AUDIT_CHECKPOINT_SECONDS", 0))
    if interval > 0:
        try:
            if time.time() - checkpoint_path().stat().st_mtime < interval:
                return
        except OSError:
            pass
    write(seq, head_hash, alias=alias)


@dataclass(frozen=True)
class Forged:
    """A line that looks like a checkpoint but whose signature does not match."""

    where: str


def _parse(text: str, where: str, secret: bytes) -> Checkpoint | Forged | None:
    """The checkpoint on one line; None when the line holds none (another log line), Forged when its signature (or
    its form) is wrong."""
    start, end = text.find("{"), text.rfind("}")
    if start < 0 or end < start or VERSION not in text:
        return None
    try:
        data = json.loads(text[start : end + 1])
        point = Checkpoint(
            str(data["event"]), str(data["db"]), int(data["seq"]), str(data["hash"]), str(data["at"]),
            str(data["mac"]), where,
        )  # fmt: skip
        valid = data["v"] == VERSION and point.event in EVENTS and set(data) == {*point.fields(), "mac"}
    except (ValueError, KeyError, TypeError, AttributeError):
        return Forged(where)
    return point if valid and hmac.compare_digest(point.mac, sign(point.fields(), secret)) else Forged(where)


def scan(paths: Sequence[Path], *, required: Sequence[Path] = ()) -> Iterator[Checkpoint | Forged]:
    """Every checkpoint of the files, one at a time, read as it goes; a missing file has none, unless it is in
    ``required`` (named on the command line)."""
    secret = key()
    for path in paths:
        try:
            with path.open(encoding="utf-8", errors="replace") as file:
                for number, text in enumerate(file, 1):
                    point = _parse(text, f"{path}:{number}", secret)
                    if point is not None:
                        yield point
        except FileNotFoundError:
            if path in required:
                raise JixiaoError("document.no_file", path=str(path)) from None
        except OSError as error:
            raise JixiaoError("audit.checkpoint_unreadable", path=str(path), reason=error.strerror or error) from None


@dataclass
class Anchors:
    """What the checkpoints say about one database's chain now: those written since its last restore (by time).

    Kept small, since a busy site has one checkpoint per entry: the hash (32 bytes) per sequence number, the count,
    the latest, and the first few forged lines."""

    hashes: dict[int, bytes] = field(default_factory=dict)
    count: int = 0
    latest: Checkpoint | None = None
    forged: list[str] = field(default_factory=list)
    forged_count: int = 0
    unreadable: str = ""  # why the data directory's file could not be read


def anchors(paths: Sequence[Path], *, required: Sequence[Path] = (), alias: str = "default") -> Anchors:
    """Two passes over the files: the time of the last restore, then the checkpoints from then on."""
    label = database_label(alias)
    found = Anchors()
    since = ""
    for point in scan(paths, required=required):
        if isinstance(point, Forged):
            found.forged_count += 1
            if len(found.forged) < 3:
                found.forged.append(point.where)
        elif point.database == label and point.event == "restored":
            since = max(since, point.at)
    for point in scan(paths, required=required):
        if isinstance(point, Checkpoint) and point.database == label and point.at >= since:
            found.count += 1
            found.hashes.setdefault(point.seq, bytes.fromhex(point.hash))
            if found.latest is None or (point.seq, point.at) > (found.latest.seq, found.latest.at):
                found.latest = point
    return found


def find(paths: Sequence[Path], seq: int, digest: bytes, alias: str = "default") -> Checkpoint | None:
    """This database's first checkpoint of entry ``seq`` with that hash (to say where a mismatch was found)."""
    label = database_label(alias)
    for point in scan(paths):
        if isinstance(point, Checkpoint) and (point.database, point.seq, point.hash) == (label, seq, digest.hex()):
            return point
    return None
