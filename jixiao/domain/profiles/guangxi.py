"""Guangxi (广西壮族自治区), from the deployed vendor system's Guangxi configuration [V5].

Differences from the national profile: an actual of 130% of the target or more needs a deviation reason (偏差原因)
in the self-evaluation; review and frame as national.
"""

from __future__ import annotations

from dataclasses import replace

from jixiao.domain.profiles import national
from jixiao.domain.profiles.scoring import GUANGXI_SCORING

PROFILE = replace(
    national.PROFILE,
    name="guangxi",
    title="广西壮族自治区",
    sources="V5 (Guangxi ≥130% rule); otherwise as national",
    scoring=GUANGXI_SCORING,
)
