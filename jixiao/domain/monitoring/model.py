"""Monitoring's vocabulary (绩效运行监控, docs/domain/monitoring.md#lights): payments, lights, likelihoods and deviation
reasons."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from jixiao.domain.profiles.scoring import LightBands


class Light(StrEnum):
    """A warning light (预警灯): red, yellow, green, and blue for progress running far ahead (V8); ``OVER`` (purple)
    for money spent beyond the budget, or far beyond the plan: never green, whatever the ratio says."""

    RED = "red"
    YELLOW = "yellow"
    GREEN = "green"
    BLUE = "blue"
    OVER = "over"

    @property
    def label(self) -> str:
        return _LIGHT_LABELS[self]


_LIGHT_LABELS = {Light.RED: "红灯", Light.YELLOW: "黄灯", Light.GREEN: "绿灯", Light.BLUE: "蓝灯", Light.OVER: "超支"}
OVER_BUDGET = Decimal(100)  # an execution rate (paid ÷ budget, %) above this: more was paid than the budget holds


class Likelihood(StrEnum):
    """完成目标可能性 (V7, V6 ``complete_rate``)."""

    CERTAIN = "确定能"
    POSSIBLE = "有可能"
    IMPOSSIBLE = "完全不可能"


class DeviationCategory(StrEnum):
    """The deviation-reason categories of the monitoring grid (V10): 经费/制度/人员/硬件保障 and 其他."""

    FUNDS = "经费保障"
    RULES = "制度保障"
    STAFF = "人员保障"
    HARDWARE = "硬件保障"
    OTHER = "其他"


@dataclass(frozen=True, slots=True)
class Payment:
    """One payment of a project: when, how much (in the project's amount unit), to whom or for what, which voucher.

    ``project`` is the project code when a ledger covers several projects; ``line`` is the ledger row it came from.
    """

    date: dt.date
    amount: Decimal
    project: str | None = None
    payee: str | None = None
    purpose: str | None = None
    voucher: str | None = None
    line: int | None = None


LightTest = tuple[Light, str, Decimal]  # (light, "<" or ">=", threshold in percent)
LIGHT_OTHERWISE = Light.GREEN


def light_steps(bands: LightBands) -> tuple[LightTest, ...]:
    """The light rule as ordered tests: the first that holds gives the light, else :data:`LIGHT_OTHERWISE`.
    :func:`light_for` applies it, and the finance overview's statement is generated from it, so the two agree."""
    over: tuple[LightTest, ...] = () if bands.over_from is None else ((Light.OVER, ">=", bands.over_from),)
    blue: tuple[LightTest, ...] = () if bands.blue_from is None else ((Light.BLUE, ">=", bands.blue_from),)
    return (*over, *blue, (Light.RED, "<", bands.red_below), (Light.YELLOW, "<", bands.green_from))


def spending_light(rate: Decimal | None, progress: Decimal | None, bands: LightBands) -> Light | None:
    """The light of a project's spending: ``OVER`` when more was paid than the budget (``rate`` above
    :data:`OVER_BUDGET`), else the light of its progress against expectation (None when there is none)."""
    if rate is not None and rate > OVER_BUDGET:
        return Light.OVER
    return None if progress is None else light_for(progress, bands)


def light_for(progress: Decimal, bands: LightBands) -> Light:
    """The light of a progress ratio in percent of what was expected: <60 red, 60–80 yellow, ≥80 green (V8, V3);
    blue from ``bands.blue_from`` when the locality uses blue."""
    for light, comparison, threshold in light_steps(bands):
        if (progress >= threshold) if comparison == ">=" else (progress < threshold):
            return light
    return LIGHT_OTHERWISE
