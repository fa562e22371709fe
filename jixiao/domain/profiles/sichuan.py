"""Sichuan (四川省), from its 2023 tables [G7, E11, E12].

Differences from the national profile: the cost sub-types 经济成本/社会成本/生态环境成本 are filed as level-2 under
产出 ("成本控制数 ≤30万元" under 产出/经济成本指标, E11); the table has a separate 指标性质 column (=, ≥, ≤), so a value
printed without a comparator is incomplete and an error rather than a hint.
"""

from __future__ import annotations

from dataclasses import replace

from jixiao.domain.profiles import national
from jixiao.domain.profiles.base import Profile
from jixiao.domain.profiles.scoring import SICHUAN_SCORING

PROFILE = Profile(
    name="sichuan",
    title="四川省",
    sources="G7, E11, E12 (Sichuan 2023 project tables); otherwise as national",
    frame=national.FRAME.with_level2("产出指标", *national.COST_SUBTYPES),
    thresholds=national.PROFILE.thresholds,
    review=replace(national.PROFILE.review, severity={"T5.comparator": "error"}),
    scoring=SICHUAN_SCORING,  # 10 + 90 spread freely; a reason below 90% execution (G7)
)
