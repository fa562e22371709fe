"""Tiny typed readers of environment variables that fail loudly on bad values (no framework imports)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlparse


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


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def parse_database_url(url: str, sqlite_default: Path) -> dict[str, Any]:
    """Django DATABASES entry for ``sqlite:///path`` or ``postgresql://user:pass@host:port/name?host=/socket``."""
    if not url:
        return _sqlite(sqlite_default)
    parsed = urlparse(url)
    if parsed.scheme == "sqlite":
        path = unquote(parsed.path)
        return _sqlite(Path(path[1:] if path.startswith("//") else path))
    if parsed.scheme in ("postgres", "postgresql", "pgsql"):
        query = parse_qs(parsed.query)
        host = query.get("host", [parsed.hostname or ""])[0]
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": unquote(parsed.path.lstrip("/")) or "jixiao",
            "USER": unquote(parsed.username or ""),
            "PASSWORD": unquote(parsed.password or ""),
            "HOST": host,
            "PORT": str(parsed.port or query.get("port", [""])[0]),
            "CONN_MAX_AGE": 60,
            "CONN_HEALTH_CHECKS": True,
        }
    raise SettingError(f"DATABASE_URL 的协议 “{parsed.scheme}” 不受支持：请使用 sqlite:/// 或 postgresql://。")


def _sqlite(path: Path) -> dict[str, Any]:
    path.parent.mkdir(parents=True, exist_ok=True)
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(path),
        "OPTIONS": {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
        },
    }
