"""One finding shape for the whole core: what the review, the scoring and the monitoring report about a document.

A :class:`Finding` has a stable ``code``, a :class:`Severity`, a :class:`Location` and the ``params`` its message
needs. Its words come from one of two places, looked up by code: a review rule registers its own title, message and
fix suggestion (:func:`register_wording`; the code is the rule's id, ``T4``), every other code is a message of the
catalogue in :mod:`jixiao.domain.errors` (``score.mismatch``, ``weights.sum``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Protocol

from jixiao.domain.errors import message as catalogue_message

Params = dict[str, Any]


class Severity(StrEnum):
    """error blocks submission; warning is a reviewer's flag; info is a hint the officer may ignore."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def label(self) -> str:
        return _LABELS[self]

    @property
    def rank(self) -> int:
        return _RANKS[self]


_LABELS = {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.INFO: "提示"}
_RANKS = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


class Part(StrEnum):
    """Which part of the document a finding is about."""

    DOCUMENT = "document"
    OVERALL = "overall"  # 部门整体绩效目标 (Part 1)
    PROJECT = "project"
    INDICATOR = "indicator"


@dataclass(frozen=True, slots=True)
class Location:
    """Where a finding is: the project (code, index in the document) and the indicator row (1-based)."""

    part: Part
    project: str | None = None
    project_index: int | None = None
    indicator: str | None = None
    position: int | None = None
    subgoal: str | None = None

    @classmethod
    def row(cls, position: int, indicator: str | None = None) -> Location:
        """An indicator row of the project at hand (scoring and monitoring look at one project at a time)."""
        return cls(Part.INDICATOR, indicator=indicator or None, position=position)

    def describe(self) -> str:
        """The location in words, e.g. ``第 4 行指标“控制在预算资金内”``."""
        if self.part is Part.INDICATOR:
            return f"第 {self.position} 行指标“{self.indicator or ''}”"
        if self.part is Part.OVERALL:
            return f"部门整体目标“{self.subgoal}”" if self.subgoal else "部门整体目标"
        if self.part is Part.PROJECT:
            return "项目"
        return "文件"

    def sort_key(self) -> tuple[int, int]:
        return (-1 if self.project_index is None else self.project_index, self.position or 0)


PROJECT = Location(Part.PROJECT)


class Wording(Protocol):
    """A kind of finding's own words (a review rule): a title, and ``str.format`` templates over its params."""

    @property
    def title(self) -> str: ...

    @property
    def message(self) -> str: ...

    @property
    def suggestion(self) -> str: ...


# Codes with words of their own, filled when the review rules register; the other codes are catalogue messages.
WORDINGS: dict[str, Wording] = {}


def register_wording(code: str, wording: Wording) -> None:
    WORDINGS[code] = wording


@dataclass(frozen=True, slots=True)
class Finding:
    """Something a reviewer or scorer should look at: its code, how severe, where, and the values for its message.

    ``Finding(code, severity, params)`` is about the project as a whole; a finding about a row carries
    ``Location.row(position, name)``, a review finding the full location of its rule's hit.
    """

    code: str
    severity: Severity
    params: Mapping[str, Any] = field(default_factory=dict)
    location: Location = PROJECT

    @property
    def rule(self) -> str:
        """A review finding's code: the id of the rule that found it."""
        return self.code

    @property
    def position(self) -> int | None:
        """The 1-based indicator row, None for the project or the document."""
        return self.location.position

    @property
    def message(self) -> str:
        """The Chinese message for the officer."""
        wording = WORDINGS.get(self.code)
        if wording is None:
            return catalogue_message(self.code, self.params)
        return wording.message.format_map(self.params)

    @property
    def suggestion(self) -> str:
        """How to fix it, in Chinese; empty where the finding's words name none."""
        wording = WORDINGS.get(self.code)
        return wording.suggestion.format_map(self.params) if wording else ""

    @property
    def title(self) -> str:
        """The title of the check that found it; empty where the finding's words name none."""
        wording = WORDINGS.get(self.code)
        return wording.title if wording else ""

    def to_dict(self) -> dict[str, str | None]:
        """The ``jixiao check --json`` record: rule, severity, project, indicator, message, suggestion."""
        return {
            "rule": self.code,
            "severity": self.severity.value,
            "project": self.location.project,
            "indicator": self.location.indicator,
            "message": self.message,
            "suggestion": self.suggestion,
        }

    def __str__(self) -> str:
        return self.message
