"""The review's vocabulary: what a check returns and a rule's registration.

Severities, locations and the finding itself are the core's one finding shape (:mod:`jixiao.domain.findings`),
shared with scoring and monitoring; they are imported here under their old names for the rules and callers.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from jixiao.domain.findings import Finding as Finding
from jixiao.domain.findings import Location as Location
from jixiao.domain.findings import Params as Params
from jixiao.domain.findings import Part as Part
from jixiao.domain.findings import Severity as Severity

if TYPE_CHECKING:
    from jixiao.domain.review.context import Context, ProjectFacts, Row


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
