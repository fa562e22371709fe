"""Settings: every environment variable is documented, and bad values fail loudly in Chinese."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from jixiao.web.env import SettingError, env_bool, parse_database_url

ROOT = Path(__file__).resolve().parents[2]


def test_every_setting_read_from_the_environment_is_in_env_example() -> None:
    source = (ROOT / "jixiao" / "web" / "settings.py").read_text(encoding="utf-8")
    read = set(re.findall(r'env_(?:str|bool|list)\("([A-Z_]+)"', source))
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


def test_the_site_refuses_to_start_with_debug_off_and_the_development_secret(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if not k.startswith(("JIXIAO_", "DJANGO_"))}
    env.update({"JIXIAO_DATA_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "jixiao.web.settings"})
    code = "import django; django.setup()"
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False)
    assert result.returncode != 0
    assert "JIXIAO_SECRET_KEY" in result.stderr
    env["JIXIAO_SECRET_KEY"] = "a-real-secret-for-this-test-only-0123456789"
    ok = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False)
    assert ok.returncode == 0, ok.stderr
