"""Settings: every environment variable is documented, and bad values fail loudly in Chinese."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from jixiao.web.audit import exports
from jixiao.web.audit.models import AuditEntry
from jixiao.web.audit.services import audit_record, audit_verify
from jixiao.web.env import POOLERS, SettingError, env_bool, env_choice, env_int, parse_database_url

ROOT = Path(__file__).resolve().parents[2]


def test_every_setting_read_from_the_environment_is_in_env_example() -> None:
    source = (ROOT / "jixiao" / "web" / "settings.py").read_text(encoding="utf-8")
    read = set(re.findall(r'env_(?:str|bool|int|choice|list)\("([A-Z_]+)"', source))
    read |= set(re.findall(r'environ\.get\("([A-Z_]+)"', source))
    documented = set(re.findall(r"^([A-Z_]+)=", (ROOT / ".env.example").read_text(encoding="utf-8"), re.MULTILINE))
    assert read, "no settings found: the pattern no longer matches settings.py"
    assert read - documented == set()


def test_a_bad_boolean_names_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JIXIAO_DEBUG", "maybe")
    with pytest.raises(SettingError, match="JIXIAO_DEBUG"):
        env_bool("JIXIAO_DEBUG", False)


def test_database_urls(tmp_path: Path) -> None:
    sqlite = parse_database_url("", tmp_path / "a.sqlite3")
    assert sqlite["ENGINE"].endswith("sqlite3") and sqlite["NAME"] == str(tmp_path / "a.sqlite3")
    socket = parse_database_url("postgresql://postgres@/jixiao?host=/tmp/sock", tmp_path / "x")
    assert (socket["NAME"], socket["USER"], socket["HOST"]) == ("jixiao", "postgres", "/tmp/sock")
    tcp = parse_database_url("postgres://u:p%40ss@db.local:5433/j", tmp_path / "x")
    assert (tcp["HOST"], tcp["PORT"], tcp["PASSWORD"]) == ("db.local", "5433", "p@ss")
    with pytest.raises(SettingError, match="mysql"):
        parse_database_url("mysql://x/y", tmp_path / "x")


def test_postgresql_connections_live_60_seconds_with_server_side_cursors_unless_told_otherwise(tmp_path: Path) -> None:
    url = "postgresql://u@db.local/j"
    default = parse_database_url(url, tmp_path / "x")
    assert (default["CONN_MAX_AGE"], default["DISABLE_SERVER_SIDE_CURSORS"]) == (60, False)
    closed = parse_database_url(url, tmp_path / "x", conn_max_age=0, pooler="pgbouncer")
    assert (closed["CONN_MAX_AGE"], closed["DISABLE_SERVER_SIDE_CURSORS"]) == (0, True)


def test_a_pooler_in_front_of_sqlite_is_refused(tmp_path: Path) -> None:
    with pytest.raises(SettingError, match="JIXIAO_DB_POOLER=pgbouncer 只适用于 PostgreSQL"):
        parse_database_url("", tmp_path / "a.sqlite3", pooler="pgbouncer")


@pytest.mark.parametrize("raw", ["-1", "sixty", "1.5"])
def test_a_bad_connection_lifetime_names_the_variable(monkeypatch: pytest.MonkeyPatch, raw: str) -> None:
    monkeypatch.setenv("JIXIAO_DB_CONN_MAX_AGE", raw)
    with pytest.raises(SettingError, match=f"环境变量 JIXIAO_DB_CONN_MAX_AGE 应为不小于 0 的整数，实际是 “{raw}”"):
        env_int("JIXIAO_DB_CONN_MAX_AGE", 60)


def test_integer_and_choice_settings_read_their_values(monkeypatch: pytest.MonkeyPatch) -> None:
    assert env_int("JIXIAO_DB_CONN_MAX_AGE", 60) == 60
    monkeypatch.setenv("JIXIAO_DB_CONN_MAX_AGE", " 0 ")
    monkeypatch.setenv("JIXIAO_DB_POOLER", "PgBouncer")
    assert env_int("JIXIAO_DB_CONN_MAX_AGE", 60) == 0
    assert env_choice("JIXIAO_DB_POOLER", "none", POOLERS) == "pgbouncer"


def test_an_unknown_pooler_names_the_variable_and_the_choices(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JIXIAO_DB_POOLER", "pgpool")
    with pytest.raises(SettingError, match="环境变量 JIXIAO_DB_POOLER 应为 none、pgbouncer 之一，实际是 “pgpool”"):
        env_choice("JIXIAO_DB_POOLER", "none", POOLERS)


def test_the_settings_read_the_connection_variables(tmp_path: Path) -> None:
    code = "from django.conf import settings; db = settings.DATABASES['default']; "
    code += "print(db['CONN_MAX_AGE'], db['DISABLE_SERVER_SIDE_CURSORS'])"
    extra = {"DATABASE_URL": "postgresql://u@db.local/j", "JIXIAO_DB_POOLER": "pgbouncer"}
    extra["JIXIAO_DB_CONN_MAX_AGE"] = "0"
    result = _run_settings(tmp_path, code, extra)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["0", "True"]
    refused = _run_settings(tmp_path, code, {**extra, "JIXIAO_DB_CONN_MAX_AGE": "forever"})
    assert refused.returncode != 0 and "JIXIAO_DB_CONN_MAX_AGE" in refused.stderr


def _run_settings(tmp_path: Path, code: str, extra: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """``code`` in a fresh interpreter whose environment holds only ``extra`` of Jixiao's variables."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JIXIAO_", "DJANGO_", "DATABASE_URL"))}
    env.update({"JIXIAO_DATA_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "jixiao.web.settings"})
    env.update({"JIXIAO_SECRET_KEY": "a-real-secret-for-this-test-only-0123456789", **extra})
    return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False)


def test_the_site_refuses_to_start_with_debug_off_and_the_development_secret(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JIXIAO_", "DJANGO_"))}
    env.update({"JIXIAO_DATA_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "jixiao.web.settings"})
    code = "import django; django.setup()"
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False)
    assert result.returncode != 0
    assert "JIXIAO_SECRET_KEY" in result.stderr
    env["JIXIAO_SECRET_KEY"] = "a-real-secret-for-this-test-only-0123456789"
    ok = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False)
    assert ok.returncode == 0, ok.stderr


def _open_cursors() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_cursors")
        count: int = cursor.fetchone()[0]
    return count


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="server-side cursors exist on PostgreSQL only")
@pytest.mark.parametrize("disabled", [False, True])
def test_behind_pgbouncer_the_audit_export_and_verify_keep_no_cursor_open_on_the_server(
    monkeypatch: pytest.MonkeyPatch, disabled: bool
) -> None:
    for n in range(3):
        audit_record(action=f"jixiao.test.step{n}")
    monkeypatch.setitem(connection.settings_dict, "DISABLE_SERVER_SIDE_CURSORS", disabled)
    stream = exports.rows(AuditEntry.objects.all())
    first = next(stream)
    assert _open_cursors() == (0 if disabled else 1)  # a named cursor would be lost when PgBouncer switches servers
    assert [first[0], *(row[0] for row in stream)] == [1, 2, 3]
    assert audit_verify().ok


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("JIXIAO_LOGIN_FAILURE_LIMIT", "0"),
        ("JIXIAO_LOGIN_LOCK_MINUTES", "十五"),
        ("JIXIAO_SESSION_SECONDS", "30"),
        ("JIXIAO_PROXY_COUNT", "-1"),
    ],
)
def test_a_bad_number_in_any_setting_names_the_variable(name: str, value: str) -> None:
    env = {**os.environ, name: value, "JIXIAO_DEBUG": "true", "DJANGO_SETTINGS_MODULE": "jixiao.web.settings"}
    result = subprocess.run(
        [sys.executable, "-c", "import jixiao.web.settings"], env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode != 0
    assert f"环境变量 {name} 应为不小于" in result.stderr
