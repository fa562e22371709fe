"""Locality profiles. Each module in this package that defines ``PROFILE`` is one locality: adding a province is
adding one file (copy ``sichuan.py``). ``get_profile("national")`` is the default.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache

from jixiao.domain.errors import JixiaoError
from jixiao.domain.frame import category_key
from jixiao.domain.profiles.base import (
    Aspect,
    Frame,
    Level1,
    Level2,
    Profile,
    ReviewSettings,
    Thresholds,
)

__all__ = [
    "DEFAULT_PROFILE",
    "Aspect",
    "Frame",
    "Level1",
    "Level2",
    "Profile",
    "ReviewSettings",
    "Thresholds",
    "available_profiles",
    "category_key",
    "get_profile",
]

DEFAULT_PROFILE = "national"


@cache
def available_profiles() -> dict[str, Profile]:
    """Every profile in this package by name, the default first."""
    found: dict[str, Profile] = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda info: (info.name != DEFAULT_PROFILE, info.name)):
        module = importlib.import_module(f"{__name__}.{info.name}")
        profile = getattr(module, "PROFILE", None)
        if isinstance(profile, Profile):
            found[profile.name] = profile
    return found


def get_profile(name: str | None = None) -> Profile:
    """The profile called ``name`` (its id or Chinese title); None gives the default; unknown raises JixiaoError."""
    profiles = available_profiles()
    wanted = name or DEFAULT_PROFILE
    for profile in profiles.values():
        if wanted in (profile.name, profile.title):
            return profile
    raise JixiaoError("profile.unknown", name=wanted, known="、".join(profiles))
