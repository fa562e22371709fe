"""Tiny typed readers of environment variables that fail loudly on bad values (no framework imports)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any
from urllib.parse import ParseResult, parse_qs, unquote, urlparse

from jixiao.formats.limits import ReadLimits


class SettingError(ValueError):
    """A setting has a value that cannot be used; the message names the variable."""


def env_str(name: str, default: str) -> str:
    """A string setting; ``NAME_FILE`` (a path) takes precedence for secrets."""
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off"):
        return False
    raise SettingError(f"环境变量 {name} 应为 true 或 false，实际是 “{raw}”。")


def env_int(name: str, default: int, *, minimum: int = 0) -> int:
    """A whole number no smaller than ``minimum``; unset or empty gives ``default``."""
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw.strip())
    except ValueError:
        value = minimum - 1
    if value < minimum:
        raise SettingError(f"环境变量 {name} 应为不小于 {minimum} 的整数，实际是 “{raw}”。")
    return value


def env_choice(name: str, default: str, choices: tuple[str, ...]) -> str:
    """One of ``choices`` (case-insensitive); unset or empty gives ``default``."""
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    value = raw.strip().lower()
    if value not in choices:
        raise SettingError(f"环境变量 {name} 应为 {'、'.join(choices)} 之一，实际是 “{raw}”。")
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


POOLERS = ("none", "pgbouncer")


def parse_database_url(
    url: str, sqlite_default: Path, *, conn_max_age: int = 60, pooler: str = "none"
) -> dict[str, Any]:
    """Django DATABASES entry for ``sqlite:///path`` or ``postgresql://user:pass@host:port/name?host=/socket``.

    ``conn_max_age`` (seconds a PostgreSQL connection is kept between requests, 0 = closed after each) and ``pooler``
    (``pgbouncer``: a transaction-pooling PgBouncer sits in front) apply to PostgreSQL only; a pooler with SQLite is
    refused.
    """
    parsed = urlparse(url)
    if parsed.scheme in ("postgres", "postgresql", "pgsql"):
        return _postgresql(parsed, conn_max_age=conn_max_age, pooler=pooler)
    if pooler != "none":
        raise SettingError(
            f"JIXIAO_DB_POOLER={pooler} 只适用于 PostgreSQL：请同时把 DATABASE_URL 设为 postgresql://…。"
        )
    if not url:
        return _sqlite(sqlite_default)
    if parsed.scheme == "sqlite":
        path = unquote(parsed.path)
        return _sqlite(Path(path[1:] if path.startswith("//") else path))
    raise SettingError(f"DATABASE_URL 的协议 “{parsed.scheme}” 不受支持：请使用 sqlite:/// 或 postgresql://。")


# Seconds to wait for the read replica before its reads go to the primary (jixiao.web.routers); the primary has no
# such limit, since nothing could be shown without it.
REPLICA_CONNECT_TIMEOUT = 3


def parse_replica_url(
    url: str, primary: dict[str, Any], *, conn_max_age: int = 60, pooler: str = "none"
) -> dict[str, Any] | None:
    """DATABASES entry for the read replica ``DATABASE_REPLICA_URL`` (options as for the primary), or None when unset.

    A hot standby replays its primary, so both must be PostgreSQL; anything else is refused.
    """
    if not url.strip():
        return None
    parsed = urlparse(url)
    if parsed.scheme not in ("postgres", "postgresql", "pgsql") or not primary["ENGINE"].endswith("postgresql"):
        raise SettingError("DATABASE_REPLICA_URL 只适用于 PostgreSQL：DATABASE_URL 与它都应是 postgresql://…。")
    entry = _postgresql(parsed, conn_max_age=conn_max_age, pooler=pooler)
    entry["OPTIONS"] = {"connect_timeout": REPLICA_CONNECT_TIMEOUT}
    return entry


def _postgresql(parsed: ParseResult, *, conn_max_age: int, pooler: str) -> dict[str, Any]:
    query = parse_qs(parsed.query)
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": unquote(parsed.path.lstrip("/")) or "jixiao",
        "USER": unquote(parsed.username or ""),
        "PASSWORD": unquote(parsed.password or ""),
        "HOST": query.get("host", [parsed.hostname or ""])[0],
        "PORT": str(parsed.port or query.get("port", [""])[0]),
        "CONN_MAX_AGE": conn_max_age,
        "CONN_HEALTH_CHECKS": True,
        # Transaction pooling lends a server connection for one transaction only, and a named (server-side) cursor
        # lives on the connection that declared it: .iterator() must fetch client-side (Django's PostgreSQL notes,
        # "Transaction pooling and server-side cursors"). Prepared statements stay off, Django's default with psycopg 3.
        "DISABLE_SERVER_SIDE_CURSORS": pooler == "pgbouncer",
    }


def _sqlite(path: Path) -> dict[str, Any]:
    path.parent.mkdir(parents=True, exist_ok=True)
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(path),
        "OPTIONS": {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            # how long a writer waits for another's write lock before the request answers 503 (jixiao.web.failures)
            "timeout": env_int("JIXIAO_SQLITE_TIMEOUT", 20),
        },
    }


# Each read limit (jixiao.formats.limits.ReadLimits) and its variable; sizes in MB, everything else as counted.
READ_LIMIT_VARIABLES: dict[str, tuple[str, int]] = {
    "upload_bytes": ("JIXIAO_LIMIT_UPLOAD_MB", 1024 * 1024),
    "zip_members": ("JIXIAO_LIMIT_ZIP_MEMBERS", 1),
    "zip_member_bytes": ("JIXIAO_LIMIT_ZIP_MEMBER_MB", 1024 * 1024),
    "zip_total_bytes": ("JIXIAO_LIMIT_ZIP_TOTAL_MB", 1024 * 1024),
    "zip_ratio": ("JIXIAO_LIMIT_ZIP_RATIO", 1),
    "sheet_rows": ("JIXIAO_LIMIT_SHEET_ROWS", 1),
    "sheet_columns": ("JIXIAO_LIMIT_SHEET_COLUMNS", 1),
    "sheet_cells": ("JIXIAO_LIMIT_SHEET_CELLS", 1),
    "pdf_pages": ("JIXIAO_LIMIT_PDF_PAGES", 1),
    "pdf_stream_bytes": ("JIXIAO_LIMIT_PDF_STREAM_MB", 1024 * 1024),
    "pdf_objects": ("JIXIAO_LIMIT_PDF_OBJECTS", 1),
    "rows": ("JIXIAO_LIMIT_ROWS", 1),
    "text_chars": ("JIXIAO_LIMIT_TEXT_CHARS", 1),
    "json_depth": ("JIXIAO_LIMIT_JSON_DEPTH", 1),
    "json_number_chars": ("JIXIAO_LIMIT_JSON_NUMBER_CHARS", 1),
}


def env_read_limits() -> ReadLimits:
    """The readers' limits: each ``JIXIAO_LIMIT_*`` variable set replaces its default (a whole number ≥ 1)."""
    defaults = ReadLimits()
    changes: dict[str, int] = {}
    for field_name, (variable, unit) in READ_LIMIT_VARIABLES.items():
        default = getattr(defaults, field_name)
        value = env_int(variable, default // unit, minimum=1)
        if value != default // unit:
            changes[field_name] = value * unit
    return defaults.replace(**changes)
