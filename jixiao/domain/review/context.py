"""What the rules look at: each indicator row and project with the facts several rules need, computed once.

Rules read ``Row`` and ``ProjectFacts`` instead of the raw model so that name normalisation and category lookup happen
once per row (a million-indicator document must stay linear), and document-wide tallies are computed lazily, once.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from functools import cached_property

from jixiao.domain.model import Indicator, IndicatorValue, Project, TargetDocument
from jixiao.domain.profiles import Aspect, Level1, Level2, Profile
from jixiao.domain.review.model import Location, Part
from jixiao.domain.review.text import compact


class ProjectFacts:
    """A project, its index in the document and its rows."""

    __slots__ = ("__dict__", "index", "project", "rows")

    def __init__(self, project: Project, index: int) -> None:
        self.project = project
        self.index = index
        self.rows: list[Row] = []

    @cached_property
    def location(self) -> Location:
        return Location(Part.PROJECT, self.project.code, self.index)

    @property
    def label(self) -> str:
        """The project as an officer names it."""
        return self.project.name or self.project.code or f"第 {self.index + 1} 个项目"


class Row:
    """One indicator row with its normalised name and its categories as the profile's frame reads them.

    ``level2`` is the category under the printed level-1 when it belongs there; otherwise the same-named category
    anywhere in the frame (so a misplaced row still tells what it measures) and ``placed`` is False.
    """

    __slots__ = (
        "aspect1",
        "aspect2",
        "cost",
        "facts",
        "indicator",
        "key",
        "level1",
        "level2",
        "name",
        "placed",
        "position",
        "value",
    )

    def __init__(self, facts: ProjectFacts, position: int, indicator: Indicator, ctx: Context) -> None:
        self.facts = facts
        self.position = position
        self.indicator = indicator
        self.value: IndicatorValue = indicator.value
        self.name = (indicator.level3 or "").strip()
        self.key = ctx.key(self.name)
        self.level1, self.level2, self.placed = ctx.categories(indicator.level1, indicator.level2)
        self.aspect1: Aspect | None = self.level1.aspect if self.level1 else None
        self.aspect2: Aspect | None = self.level2.aspect if self.level2 else None
        # A cost row: a 成本 level-2, or a row straight under the 2021-style level-1 成本指标.
        self.cost = self.aspect2 is Aspect.COST or (self.aspect1 is Aspect.COST and self.level2 is None)

    @property
    def location(self) -> Location:
        project = self.facts.project
        return Location(Part.INDICATOR, project.code, self.facts.index, self.name or None, self.position)


class Context:
    """The document under review with its profile, optional explicit project → sub-goal links and shared tallies."""

    def __init__(self, document: TargetDocument, profile: Profile, links: Mapping[str, str] | None = None) -> None:
        self.document = document
        self.profile = profile
        self.links: Mapping[str, str] = links or {}
        self._categories: dict[tuple[str | None, str | None], tuple[Level1 | None, Level2 | None, bool]] = {}
        self._keys: dict[str, str] = {}
        self.projects = [ProjectFacts(project, index) for index, project in enumerate(document.projects)]
        self.rows: list[Row] = []
        for facts in self.projects:
            facts.rows = [Row(facts, n, item, self) for n, item in enumerate(facts.project.indicators, start=1)]
            self.rows.extend(facts.rows)

    def key(self, name: str) -> str:
        """The comparable form of a level-3 name, computed once per distinct name in the document."""
        key = self._keys.get(name)
        if key is None:
            key = self._keys[name] = compact(name)
        return key

    def categories(self, level1: str | None, level2: str | None) -> tuple[Level1 | None, Level2 | None, bool]:
        """The frame's level-1 and level-2 for printed names, and whether the level-2 belongs to the level-1."""
        cached = self._categories.get((level1, level2))
        if cached is None:
            frame = self.profile.frame
            first = frame.find_level1(level1) if level1 else None
            second = frame.find_level2(first, level2) if first and level2 else None
            placed = second is not None
            if second is None and level2:
                second = frame.any_level2(level2)
            cached = self._categories[(level1, level2)] = (first, second, placed)
        return cached

    @property
    def amount_unit(self) -> str | None:
        return self.document.amount_unit

    @cached_property
    def name_counts(self) -> Counter[str]:
        """How many rows of the document carry each normalised level-3 name."""
        return Counter(row.key for row in self.rows if row.key)

    @cached_property
    def printed_names(self) -> dict[str, str]:
        """The first printed form of each normalised name (for messages)."""
        names: dict[str, str] = {}
        for row in self.rows:
            names.setdefault(row.key, row.name)
        return names

    @cached_property
    def common_keys(self) -> dict[str, str]:
        """The profile's 共性指标, normalised → printed."""
        return {compact(name): name for name in self.profile.review.common_indicators}
