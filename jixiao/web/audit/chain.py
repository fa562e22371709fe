"""The audit chain's canonical form and hash: pure functions, no Django.

Format ``jixiao.audit/1`` (see docs/security.md). An entry's content is the JSON object with exactly the keys of
:data:`FIELDS`, serialised with sorted keys, no whitespace (``","`` and ``":"`` separators), non-ASCII characters
written as themselves (``ensure_ascii=False``), and encoded as UTF-8. The entry's hash is the lowercase hex SHA-256
of those bytes. Because ``prev`` (the previous entry's hash; 64 zeros for the first) and ``seq`` are part of the
content, changing, removing, inserting or reordering any entry breaks every later link. This text is a stable
contract: old chains must keep verifying, so a change to it needs a new ``v``.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any
from uuid import UUID

VERSION = 1
GENESIS = "0" * 64
FIELDS = (
    "v",
    "seq",
    "prev",
    "at",
    "user_id",
    "username",
    "ip",
    "user_agent",
    "action",
    "object_type",
    "object_id",
    "label",
    "before",
    "after",
    "params",
)


def timestamp(moment: datetime) -> str:
    """UTC with microseconds and a ``Z``: ``2021-03-04T05:06:07.000008Z``; naive datetimes are refused."""
    if moment.tzinfo is None:
        raise ValueError("audit timestamps must be timezone-aware")
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def canonical(content: Mapping[str, Any]) -> bytes:
    """The bytes that are hashed; ``content`` must have exactly the keys of :data:`FIELDS`."""
    if set(content) != set(FIELDS):
        raise ValueError(f"audit content keys differ from the format: {sorted(set(content) ^ set(FIELDS))}")
    return json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def entry_hash(content: Mapping[str, Any]) -> str:
    return hashlib.sha256(canonical(content)).hexdigest()


def _json_default(value: Any) -> Any:
    if isinstance(value, Decimal | UUID):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, set | frozenset | tuple):
        return sorted(value, key=str) if isinstance(value, set | frozenset) else list(value)
    raise TypeError(f"{type(value).__name__} cannot be written to the audit trail")


def json_text(value: Any) -> str:
    """A value as canonical JSON text (sorted keys, compact); Decimals and dates as strings, None as ``""``."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=_json_default)


def clean_text(value: str, limit: int | None = None) -> str:
    """Text as it will be stored: no NUL characters (PostgreSQL refuses them), cut to ``limit`` characters."""
    text = value.replace("\x00", "")
    return text if limit is None else text[:limit]
