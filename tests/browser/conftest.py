"""Playwright on Debian's Chromium against a live server; a CJK font from a Python package via fontconfig.

``make test`` installs Chromium (apt) when it is missing. Requests go only to the live server on 127.0.0.1.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # the sync Playwright API runs an event loop


def _fonts_conf() -> str:
    import pylopdf_fonts_zh_cn as fonts

    folder = Path(fonts.sans_path()).parent
    directory = Path(tempfile.mkdtemp(prefix="jixiao-fonts-"))
    conf = directory / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
        f'<include ignore_missing="yes">/etc/fonts/fonts.conf</include><dir>{folder}</dir>'
        f"<cachedir>{directory / 'cache'}</cachedir></fontconfig>",
        encoding="utf-8",
    )
    return str(conf)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium is missing: run `make test`, which installs it (apt-get install chromium).")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": FLAGS,
        "env": {**os.environ, "FONTCONFIG_FILE": _fonts_conf()},
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    return {
        **browser_context_args,
        "locale": "zh-CN",
        "viewport": {"width": 1400, "height": 900},
        "accept_downloads": True,
    }
