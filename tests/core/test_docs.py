"""Documents tested against the code: the README lists every command; the changelog exists."""

from __future__ import annotations

from pathlib import Path

from jixiao.cli import COMMANDS

ROOT = Path(__file__).resolve().parents[2]


def test_the_readme_shows_every_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [name for name in COMMANDS if f"jixiao {name}" not in readme]
    assert missing == []


def test_the_readme_opens_with_the_two_setup_commands() -> None:
    head = (ROOT / "README.md").read_text(encoding="utf-8").split("\n## ")[0]
    assert "make run" in head and "make test" in head


def test_every_command_has_chinese_help() -> None:
    for name, command in COMMANDS.items():
        assert any("\u4e00" <= char <= "\u9fff" for char in command.help), name
