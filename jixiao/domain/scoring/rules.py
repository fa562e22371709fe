"""The indicator scoring rules (docs/domain/scoring.md#indicator-score), one small named function each, by method.

A numeric rule takes the target number ``t``, the actual ``a`` and the weight ``w`` and returns the unrounded score
in [0, w]; the engine rounds once, to 2 decimals. Qualitative rows are scored by band: the scorer chooses a score
inside the band of the grade reached, the rules only check it.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from functools import lru_cache

from jixiao.domain.model import Comparator, IndicatorValue, ValueKind
from jixiao.domain.profiles.scoring import QualitativeBands, ReverseFormula, ScoringSettings
from jixiao.domain.scoring.actuals import Actual
from jixiao.domain.scoring.model import CENT, Achievement, Method
from jixiao.domain.values import normalise

ZERO = Decimal(0)

NumericRule = Callable[[Decimal, Decimal, Decimal], Decimal]


def positive(t: Decimal, a: Decimal, w: Decimal) -> Decimal:
    """≥/> (V2; E2 "得分=权重×B/A"): a ≥ t → w, else w × a/t; a target ≤ 0 that is missed, or a ≤ 0, scores 0."""
    if a >= t:
        return w
    if t <= 0 or a <= 0:
        return ZERO
    return w * a / t


def reverse_linear(t: Decimal, a: Decimal, w: Decimal) -> Decimal:
    """R1, the vendor's (V2): a ≤ t → w; t < a < 2t → w × (1 − (a − t)/t); a ≥ 2t → 0."""
    if a <= t:
        return w
    if t <= 0:
        return ZERO
    return max(ZERO, w * (1 - (a - t) / t))


def reverse_ratio(t: Decimal, a: Decimal, w: Decimal) -> Decimal:
    """R2, the templates' (E2 "得分=权重×A/B，得分不得突破权重"; E9): a ≤ t → w, else w × t/a."""
    if a <= t:
        return w
    if t <= 0:
        return ZERO
    return min(w, w * t / a)


def equal(t: Decimal, a: Decimal, w: Decimal) -> Decimal:
    """= (V2): a target of 0 is met only by a ≤ 0 (all or nothing); any other target is scored as positive."""
    if t == 0:
        return w if a <= 0 else ZERO
    return positive(t, a, w)


REVERSE_RULES: dict[ReverseFormula, NumericRule] = {
    ReverseFormula.LINEAR: reverse_linear,
    ReverseFormula.RATIO: reverse_ratio,
}


def reverse(t: Decimal, a: Decimal, w: Decimal, formula: ReverseFormula) -> Decimal:
    """A reverse target of 0 ("事故数 ≤ 0") uses the equal rule: both R1 and R2 would divide by zero
    (docs/domain/scoring.md#reverse)."""
    return equal(t, a, w) if t == 0 else REVERSE_RULES[formula](t, a, w)


# ---------------------------------------------------------------------------------------------------------------
# Methods: which rule a target calls for, and the numeric rule of each method


def method_of(target: IndicatorValue) -> Method:
    """The scoring method a target calls for; a quantity without a comparator is read as "=" (reach the number)."""
    if target.kind is ValueKind.QUALITATIVE or target.number is None:
        return Method.QUALITATIVE
    if target.kind is ValueKind.DEADLINE:
        return Method.QUALITATIVE
    if target.upper is not None:
        return Method.RANGE
    if target.tolerance:
        return Method.TOLERANCE
    comparator = target.comparator
    if comparator is not None and comparator.is_lower_bound:
        return Method.POSITIVE
    if comparator is not None and comparator.is_upper_bound:
        return Method.REVERSE
    return Method.EQUAL


def _positive(target: IndicatorValue, a: Decimal, w: Decimal, settings: ScoringSettings) -> Decimal:
    return positive(_number(target), a, w)


def _reverse(target: IndicatorValue, a: Decimal, w: Decimal, settings: ScoringSettings) -> Decimal:
    return reverse(_number(target), a, w, settings.reverse)


def _equal(target: IndicatorValue, a: Decimal, w: Decimal, settings: ScoringSettings) -> Decimal:
    return equal(_number(target), a, w)


def _range(target: IndicatorValue, a: Decimal, w: Decimal, settings: ScoringSettings) -> Decimal:
    """Inside [low, high] → w; below it scored as positive on low, above it as reverse on high."""
    low, high = _number(target), target.upper if target.upper is not None else _number(target)
    if a < low:
        return positive(low, a, w)
    return reverse(high, a, w, settings.reverse) if a > high else w


def _tolerance(target: IndicatorValue, a: Decimal, w: Decimal, settings: ScoringSettings) -> Decimal:
    """±t: the size of the deviation is a reverse indicator against t."""
    return reverse(_number(target), abs(a), w, settings.reverse)


def strict_boundary(target: IndicatorValue, a: Decimal) -> bool:
    """Whether ``a`` equals a strict target (``>95%`` or ``<5%``): the number is reached but the comparison, which
    excludes it, is not — the row is not completed (docs/domain/scoring.md)."""
    return target.comparator in (Comparator.GT, Comparator.LT) and target.number is not None and a == target.number


def _number(target: IndicatorValue) -> Decimal:
    if target.number is None:  # pragma: no cover - method_of sends only quantities here
        raise ValueError("a numeric rule needs a target number")
    return target.number


NUMERIC_RULES: dict[Method, Callable[[IndicatorValue, Decimal, Decimal, ScoringSettings], Decimal]] = {
    Method.POSITIVE: _positive,
    Method.REVERSE: _reverse,
    Method.EQUAL: _equal,
    Method.RANGE: _range,
    Method.TOLERANCE: _tolerance,
}


# ---------------------------------------------------------------------------------------------------------------
# Qualitative bands (V2, V5; E2 for the 80/50 variant)


def band(grade: Achievement, w: Decimal, bands: QualitativeBands) -> tuple[Decimal, Decimal]:
    """The grade's score band as (low, high): [0.8w, w] for 达成, [0.6w, 0.8w) and [0, 0.6w) below (default)."""
    if grade is Achievement.ACHIEVED:
        return w * bands.achieved, w
    if grade is Achievement.PARTIAL:
        return w * bands.partial, w * bands.achieved
    return ZERO, w * bands.partial


def in_band(grade: Achievement, score: Decimal, w: Decimal, bands: QualitativeBands) -> bool:
    """Whether a chosen score lies in the grade's band; only 达成's band includes its upper end."""
    low, high = band(grade, w, bands)
    return low <= score and (score <= high if grade is Achievement.ACHIEVED else score < high)


def default_score(grade: Achievement, w: Decimal, bands: QualitativeBands) -> Decimal:
    """The score when the scorer chose none: full marks for 达成, the band's lowest score otherwise (conservative)."""
    return w if grade is Achievement.ACHIEVED else band(grade, w, bands)[0]


def nearest_in_band(grade: Achievement, score: Decimal, w: Decimal, bands: QualitativeBands) -> Decimal:
    """The allowed score closest to a chosen one outside the band (a half-open band ends one cent below)."""
    low, high = band(grade, w, bands)
    if score < low:
        return low
    return high if grade is Achievement.ACHIEVED else max(low, high - CENT)


# ---------------------------------------------------------------------------------------------------------------
# Deadlines


def _date_key(iso: str) -> tuple[int | None, int, int]:
    """(year or None, month, day) of an ISO date as values.py writes it; a missing month or day is the latest."""
    year_text, _, rest = iso.partition("-") if not iso.startswith("--") else ("", "", iso[2:])
    parts = [int(part) for part in rest.split("-") if part]
    month = parts[0] if parts else 12
    day = parts[1] if len(parts) > 1 else 31
    return (int(year_text) if year_text else None), month, day


def deadline_met(target_date: str, actual_date: str) -> bool:
    """Whether an actual date is on or before the target's; without a year on either side, month and day decide."""
    target, actual = _date_key(target_date), _date_key(actual_date)
    if target[0] is None or actual[0] is None:
        return actual[1:] <= target[1:]
    return actual <= target


def achievement_of(target: IndicatorValue, actual: Actual) -> Achievement | None:
    """The grade an actual reached on a qualitative or deadline target: a date decides a deadline, else the words."""
    if target.kind is ValueKind.DEADLINE and target.date and actual.date:
        return Achievement.ACHIEVED if deadline_met(target.date, actual.date) else Achievement.NOT_ACHIEVED
    if actual.grade is None and actual.text and _plain(actual.text) == _plain(target.text):
        return Achievement.ACHIEVED  # the actual repeats the target's words (健全 → 健全): reached as stated
    return actual.grade


@lru_cache(maxsize=65536)
def _plain(text: str) -> str:
    return normalise(text).replace(" ", "")
