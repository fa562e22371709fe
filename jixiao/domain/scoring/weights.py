"""The default weight split (docs/domain/scoring.md#weights): each level-1's points spread evenly over its rows,
editable after.

With the default scheme 产出 50 / 效益 30 / 满意度 10 go to the rows of each level-1; a free scheme (Sichuan's 90)
spreads its points over all rows. Shares are rounded to 2 decimals and the last row of a group takes the remainder,
so a group always sums to its points exactly (50 over 3 rows: 16.67, 16.67, 16.66).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_DOWN, Decimal
from functools import lru_cache

from jixiao.domain.frame import category_key
from jixiao.domain.model import Indicator
from jixiao.domain.profiles.scoring import WeightScheme
from jixiao.domain.scoring.model import CENT


def spread(points: Decimal, count: int) -> list[Decimal]:
    """``points`` over ``count`` rows in cents: equal shares rounded half up, the last row taking the remainder."""
    if count <= 0:
        return []
    share = (points / count).quantize(CENT)
    if share * (count - 1) > points:  # rounding up would leave the last row negative
        share = (points / count).quantize(CENT, rounding=ROUND_DOWN)
    return [share] * (count - 1) + [points - share * (count - 1)]


@lru_cache(maxsize=4096)
def _level1_for(printed: str, scheme: WeightScheme) -> str | None:
    key = category_key(printed)
    names = {category_key(name): name for name, _ in scheme.level1}
    folds = {category_key(name): target for name, target in scheme.fold}
    return names.get(key) or folds.get(key)


def level1_of(indicator: Indicator, scheme: WeightScheme) -> str | None:
    """The scheme's level-1 a row counts under (folds applied), or None when the scheme does not name it."""
    return _level1_for(indicator.level1 or "", scheme)


def default_weights(indicators: Sequence[Indicator], scheme: WeightScheme) -> list[Decimal]:
    """The scheme's weight for each row, in order.

    By level-1 when the scheme fixes level-1 points and every row's level-1 is one it names; otherwise (a free
    scheme, or rows without a known level-1, as in department-overall tables) the indicator points spread evenly.
    """
    groups = [level1_of(indicator, scheme) for indicator in indicators] if scheme.by_level1 else []
    if not scheme.by_level1 or None in groups:
        return spread(scheme.indicators, len(indicators))
    weights = [Decimal(0)] * len(indicators)
    for name, points in scheme.level1:
        rows = [index for index, group in enumerate(groups) if group == name]
        for index, share in zip(rows, spread(points, len(rows)), strict=True):
            weights[index] = share
    return weights


def missing_level1(indicators: Sequence[Indicator], scheme: WeightScheme) -> list[tuple[str, Decimal]]:
    """The scheme's level-1 categories (with their points) that no row falls under."""
    present = {level1_of(indicator, scheme) for indicator in indicators}
    return [(name, points) for name, points in scheme.level1 if name not in present]
