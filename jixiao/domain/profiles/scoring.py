"""What a locality decides for monitoring and self-evaluation scoring (docs/domain/profiles.md#settings).

Every threshold and formula of the self-evaluation is a per-locality choice (docs/domain/profiles.md#what-varies: the
sources disagree on each):
the weight scheme, the reverse-indicator formula, the qualitative bands, the grade cut-offs, the extra explanation
triggers and the monitoring lights. The defaults are the national ones: 10/50/30/10, reverse R1, bands 80/60,
grades 90/80/60, lights 60/80 without blue.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum


class ReverseFormula(StrEnum):
    """How a reverse (≤, <) indicator that overshoots its target is scored (docs/domain/scoring.md#reverse)."""

    LINEAR = "linear"  # R1, the deployed vendor system: w × (1 − (a − t)/t), zero from a = 2t
    RATIO = "ratio"  # R2, the published templates: w × t/a, never above w


@dataclass(frozen=True, slots=True)
class WeightScheme:
    """Points for budget execution and for the indicators (docs/domain/scoring.md#weights).

    ``level1`` gives each level-1 category's fixed points (产出 50, 效益 30, 满意度 10); when it is empty the
    ``indicators`` points are spread freely over all rows (Sichuan's 90, the city scheme's 80). ``fold`` files a
    level-1 the scheme does not name under one it does (the 2021-style 成本指标 level-1 counts as 产出).
    """

    name: str
    title: str
    execution: Decimal
    indicators: Decimal
    level1: tuple[tuple[str, Decimal], ...] = ()
    fold: tuple[tuple[str, str], ...] = ()

    @property
    def total(self) -> Decimal:
        return self.execution + self.indicators

    @property
    def by_level1(self) -> bool:
        return bool(self.level1)


# The central template (S7, E1): 预算执行率 10, 产出 50, 效益 30, 满意度 10.
DEFAULT_SCHEME = WeightScheme(
    name="10-50-30-10",
    title="预算执行率10分，产出指标50分、效益指标30分、满意度指标10分",
    execution=Decimal(10),
    indicators=Decimal(90),
    level1=(("产出指标", Decimal(50)), ("效益指标", Decimal(30)), ("满意度指标", Decimal(10))),
    fold=(("成本指标", "产出指标"),),
)
# Sichuan 2023 (G7, E11, E12): 预算执行情况(10分), 绩效指标(90分) spread freely.
FREE_90_SCHEME = WeightScheme(
    name="10-90", title="预算执行情况10分，绩效指标90分自由分配", execution=Decimal(10), indicators=Decimal(90)
)
# A city-district template (E2, 2020): execution rate × 20, 80 points over the indicators.
CITY_20_SCHEME = WeightScheme(
    name="20-80", title="预算执行率20分，绩效指标80分自由分配", execution=Decimal(20), indicators=Decimal(80)
)


@dataclass(frozen=True, slots=True)
class QualitativeBands:
    """Lower bounds, as shares of the weight, of the 达成 and 部分达成 bands; 未达成 runs from 0
    (docs/domain/scoring.md#qualitative).

    Vendor (V2, V5): [0.8w, w], [0.6w, 0.8w), [0, 0.6w). One city template (E2): 80/50.
    """

    achieved: Decimal = Decimal("0.8")
    partial: Decimal = Decimal("0.6")


@dataclass(frozen=True, slots=True)
class GradeCutoffs:
    """Lowest totals of 优, 良 and 中 as half-open intervals (89.5 → 良); below ``passing`` is 差
    (docs/domain/scoring.md#total-and-grade)."""

    excellent: Decimal = Decimal(90)
    good: Decimal = Decimal(80)
    passing: Decimal = Decimal(60)


@dataclass(frozen=True, slots=True)
class LightBands:
    """Monitoring lights on progress against expectation, in percent (docs/domain/monitoring.md#lights; V8, V3).

    Below ``red_below`` red, below ``green_from`` yellow, else green; ``blue_from`` (None: no blue) marks progress
    running that far ahead of expectation, ``over_from`` (checked first) progress so far ahead that it is a warning.
    """

    red_below: Decimal = Decimal(60)
    green_from: Decimal = Decimal(80)
    blue_from: Decimal | None = None
    # progress at or above this (twice what the plan or time expects) is the 超支 light: money paid far ahead of the
    # plan is as much a warning as money behind it (a guess of this project's, docs/domain/monitoring.md); None: off
    over_from: Decimal | None = Decimal(200)


@dataclass(frozen=True, slots=True)
class ScoringSettings:
    """A locality's self-evaluation and monitoring settings.

    ``execution_reason_below``: an execution rate (percent) under which the reason is mandatory (Sichuan 90, G7).
    ``overachievement_reason_from``: an actual at or above this percent of a positive target needs a deviation
    reason (Guangxi 130, V5). ``consistency_margin``: the vendor's red consistency warning when the indicators'
    achievement runs more than this share ahead of the budget execution (V3: 5%). ``execution_warning_below``:
    the vendor's yellow warning for a low execution rate (V3: 80%). ``tolerance``: the largest difference between
    our score and a published one that is only rounding.
    """

    scheme: WeightScheme = DEFAULT_SCHEME
    reverse: ReverseFormula = ReverseFormula.LINEAR
    bands: QualitativeBands = field(default_factory=QualitativeBands)
    grades: GradeCutoffs = field(default_factory=GradeCutoffs)
    execution_reason_below: Decimal | None = None
    overachievement_reason_from: Decimal | None = None
    consistency_margin: Decimal = Decimal("0.05")
    execution_warning_below: Decimal = Decimal(80)
    lights: LightBands = field(default_factory=LightBands)
    tolerance: Decimal = Decimal("0.01")
    # the score of an actual equal to a strict target (95% against ">95%"), as a share of the weight; None: the
    # proportional rule (which gives the full weight at equality). Either way the row is not completed, with a finding.
    strict_boundary_share: Decimal | None = None


DEFAULT_SCORING = ScoringSettings()
SICHUAN_SCORING = ScoringSettings(scheme=FREE_90_SCHEME, execution_reason_below=Decimal(90))
# Guangxi (V5): an actual at or above 130% of its target must be explained (profile `guangxi`).
GUANGXI_SCORING = ScoringSettings(overachievement_reason_from=Decimal(130))
# The 2020 city-district template (E2; profile `city20`): 20 points for execution, 80 spread, reverse t/a, bands 80/50.
CITY_20_SCORING = ScoringSettings(
    scheme=CITY_20_SCHEME,
    reverse=ReverseFormula.RATIO,
    bands=QualitativeBands(achieved=Decimal("0.8"), partial=Decimal("0.5")),
)
