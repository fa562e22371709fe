"""What a locality (地区) decides: its indicator frame, review thresholds and how severe each review rule is.

A ``Profile`` is plain frozen data in sections so that later settings (such as the scoring scheme) are one more
section, not a change to the others. Category names are matched by ``frame.category_key``: spaces, a printed weight
(``产出指标(50分)``) and a trailing 指标/目标 are ignored, so ``产出``, ``产出指标`` and ``产出目标`` are one category.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from jixiao.domain.frame import category_key
from jixiao.domain.profiles.scoring import ScoringSettings


class Aspect(StrEnum):
    """What a category measures; review rules reason about aspects, never about printed names."""

    OUTPUT = "output"  # 产出
    BENEFIT = "benefit"  # 效益
    SATISFACTION = "satisfaction"  # 满意度
    COST = "cost"  # 成本 (level-2 under 产出, or the level-1 of the 2021-style frame)
    QUANTITY = "quantity"  # 数量
    QUALITY = "quality"  # 质量
    TIMELINESS = "timeliness"  # 时效
    ECONOMIC = "economic"  # 经济效益
    SOCIAL = "social"  # 社会效益
    ECOLOGICAL = "ecological"  # 生态效益 / 环境效益
    SUSTAINABLE = "sustainable"  # 可持续影响
    INPUT = "input"  # 投入 (old input–output–outcome frame)
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class Level2:
    """A level-2 category (二级指标) with the names other eras print for it."""

    name: str
    aspect: Aspect
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Level1:
    """A level-1 category (一级指标); ``required`` ones must appear in every project
    (docs/domain/review.md#t2-required-level-1-categories)."""

    name: str
    aspect: Aspect
    level2: tuple[Level2, ...]
    required: bool = True
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Frame:
    """The category frame: which level-2 names belong under which level-1
    (docs/domain/frames.md#the-frame-the-code-uses)."""

    level1: tuple[Level1, ...]
    _by_key: dict[str, Level1] = field(init=False, repr=False, compare=False)
    _level2_by_key: dict[tuple[str, str], Level2] = field(init=False, repr=False, compare=False)
    _any_level2: dict[str, Level2] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_key: dict[str, Level1] = {}
        level2_by_key: dict[tuple[str, str], Level2] = {}
        any_level2: dict[str, Level2] = {}
        for first in self.level1:
            for name in (first.name, *first.aliases):
                by_key.setdefault(category_key(name), first)
            for second in first.level2:
                for name in (second.name, *second.aliases):
                    level2_by_key.setdefault((first.name, category_key(name)), second)
                    any_level2.setdefault(category_key(name), second)
        object.__setattr__(self, "_by_key", by_key)
        object.__setattr__(self, "_level2_by_key", level2_by_key)
        object.__setattr__(self, "_any_level2", any_level2)

    def find_level1(self, printed: str) -> Level1 | None:
        """The level-1 category a printed name stands for, or None when the frame does not have it."""
        return self._by_key.get(category_key(printed))

    def find_level2(self, level1: Level1, printed: str) -> Level2 | None:
        """The level-2 category under ``level1`` a printed name stands for, or None when it does not belong there."""
        return self._level2_by_key.get((level1.name, category_key(printed)))

    def any_level2(self, printed: str) -> Level2 | None:
        """The level-2 category of that name under any level-1 (to know what a misplaced row measures)."""
        return self._any_level2.get(category_key(printed))

    @property
    def required(self) -> tuple[Level1, ...]:
        return tuple(first for first in self.level1 if first.required)

    def with_level2(self, level1_name: str, *extra: Level2) -> Frame:
        """A copy of the frame with more level-2 categories under one level-1 (how a province extends it)."""
        return Frame(
            tuple(
                Level1(first.name, first.aspect, first.level2 + extra, first.required, first.aliases)
                if first.name == level1_name
                else first
                for first in self.level1
            )
        )


@dataclass(frozen=True, slots=True)
class Thresholds:
    """Numbers the review rules compare against; each is a locality's choice, not a national rule."""

    satisfaction_min: int = 80  # T14: plausible range of a satisfaction target, E1/E2 (a default, not a rule)
    satisfaction_max: int = 100
    min_indicators: int = 3  # T4: one local template asks for at least 3 (S6)
    max_name_length: int = 100  # T7: the vendor's column limit (V11)
    boilerplate_share: float = 0.5  # an indicator in more than half of the projects is boilerplate …
    boilerplate_min_projects: int = 3  # … once it is in at least this many projects
    link_min_shared: int = 2  # words a project must share with a sub-goal to count as supporting it (a guess)


@dataclass(frozen=True)
class ReviewSettings:
    """How the review runs here.

    ``severity`` maps a rule id to ``"error"``, ``"warning"``, ``"info"`` or ``"off"`` and overrides the rule's own
    severity. ``basis_column`` says whether the locality's table has 指标值确定依据 (T15 only applies if it does).
    ``common_indicators`` are 共性指标 that every project may legitimately share: they never count as boilerplate,
    and a near miss of one is a likely typo.
    """

    severity: Mapping[str, str] = field(default_factory=dict)
    basis_column: bool = True
    required_indicator_fields: tuple[str, ...] = ("level1", "level2", "level3", "description", "value")
    common_indicators: tuple[str, ...] = ()


@dataclass(frozen=True)
class Profile:
    """A locality's settings, one section per concern (frame, thresholds, review, scoring)."""

    name: str
    title: str
    sources: str
    frame: Frame
    thresholds: Thresholds = field(default_factory=Thresholds)
    review: ReviewSettings = field(default_factory=ReviewSettings)
    scoring: ScoringSettings = field(default_factory=ScoringSettings)  # self-evaluation and monitoring
