"""The review's vocabulary: severities, where a finding is, the finding itself, and a rule's registration."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from jixiao.domain.review.context import Context, ProjectFacts, Row


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
    """Where a finding is: the project (code, name, index in the document) and the indicator row (1-based)."""

    part: Part
    project: str | None = None
    project_name: str | None = None
    project_index: int | None = None
    indicator: str | None = None
    position: int | None = None
    subgoal: str | None = None

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


Params = dict[str, Any]


@dataclass(frozen=True, slots=True)
class Hit:
    """What a project- or document-scope check returns: a location and the values its message needs."""

    location: Location
    params: Params = field(default_factory=dict)


class Scope(StrEnum):
    """What a rule's check is called with: once per indicator row, once per project, or once per document."""

    INDICATOR = "indicator"
    PROJECT = "project"
    DOCUMENT = "document"


IndicatorCheck = Callable[["Row", "Context"], Params | None]
ProjectCheck = Callable[["ProjectFacts", "Context"], Iterable[Hit]]
DocumentCheck = Callable[["Context"], Iterable[Hit]]


@dataclass(frozen=True)
class Rule:
    """A registered review rule: its stable id, Chinese title, default severity, basis, texts and its check.

    ``message`` and ``suggestion`` are ``str.format`` templates over the params the check returns; ``example`` is a
    failing case, quoted in docs/rules.md.
    """

    id: str
    title: str
    severity: Severity
    basis: str
    message: str
    suggestion: str
    example: str
    scope: Scope
    check: Callable[..., Any]
    rank: int = 0

    def render(self, template: str, params: Mapping[str, Any]) -> str:
        return template.format_map(params)


# Every rule by id, in registration order; filled by the decorators in ``registry`` when the rule modules load.
RULES: dict[str, Rule] = {}


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing a reviewer would send back: which rule, how severe, where, and the values for its message."""

    rule: str
    severity: Severity
    location: Location
    params: Mapping[str, Any] = field(default_factory=dict)

    @property
    def message(self) -> str:
        """The Chinese message for the officer."""
        return RULES[self.rule].render(RULES[self.rule].message, self.params)

    @property
    def suggestion(self) -> str:
        """How to fix it, in Chinese."""
        return RULES[self.rule].render(RULES[self.rule].suggestion, self.params)

    @property
    def title(self) -> str:
        return RULES[self.rule].title

    def to_dict(self) -> dict[str, str | None]:
        """The ``jixiao check --json`` record: rule, severity, project, indicator, message, suggestion."""
        return {
            "rule": self.rule,
            "severity": self.severity.value,
            "project": self.location.project,
            "indicator": self.location.indicator,
            "message": self.message,
            "suggestion": self.suggestion,
        }
