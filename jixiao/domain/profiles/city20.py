"""A city-district scheme with 20 points for budget execution and 80 over the indicators [E2].

Its template scores execution as 20 × 执行率 and spreads 80 points over the indicators (e.g. 20/10/10 … 40 for
satisfaction), with qualitative bands 100–80% / 80–50% / 50–0%; review and frame as national.
"""

from __future__ import annotations

from dataclasses import replace

from jixiao.domain.profiles import national
from jixiao.domain.profiles.scoring import CITY_20_SCORING

PROFILE = replace(
    national.PROFILE,
    name="city20",
    title="市县 20 分制",
    sources="E2 (2020 district self-evaluation, 20-point execution scheme); otherwise as national",
    scoring=CITY_20_SCORING,
)
