"""Imported by the parsing sandbox's fork server only (:data:`jixiao.formats.sandbox.PRELOAD`): reads the demo
document once, so that what the readers load or compile on first use (the normalisation tables, the profile, regular
expressions) is in the fork server and every child starts with it, as a server process has it after its first read.
"""

from __future__ import annotations

from contextlib import suppress
from importlib import resources

from jixiao.domain.errors import JixiaoError
from jixiao.formats import read_bytes


def warm() -> None:
    with suppress(JixiaoError, OSError):  # a missing demo file only makes the first reads slower
        read_bytes(resources.files("jixiao.demo").joinpath("seed_287001_2021.txt").read_bytes())


warm()
