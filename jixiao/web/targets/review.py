"""The review engine as the pages use it: findings of a document under the site's locality profile, grouped."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from django.conf import settings

from jixiao.domain.model import TargetDocument
from jixiao.domain.profiles import get_profile
from jixiao.domain.review import Finding, Part, review_document


def findings(document: TargetDocument) -> list[Finding]:
    return review_document(document, profile=get_profile(settings.JIXIAO_PROFILE))


def counts(items: Iterable[Finding]) -> dict[str, int]:
    tally = Counter(finding.severity.value for finding in items)
    return {"error": tally["error"], "warning": tally["warning"], "info": tally["info"]}


def for_project(items: Iterable[Finding], code: str | None, index: int) -> list[Finding]:
    """The findings about the project at ``index`` of the document (its indicators included)."""
    return [f for f in items if f.location.project_index == index]


def for_indicator(items: Iterable[Finding], index: int) -> list[Finding]:
    """The findings about the indicator row at 0-based ``index``."""
    return [f for f in items if f.location.part is Part.INDICATOR and f.location.position == index + 1]


def project_level(items: Iterable[Finding]) -> list[Finding]:
    return [f for f in items if f.location.part is Part.PROJECT]


def for_overall(items: Iterable[Finding]) -> list[Finding]:
    return [f for f in items if f.location.part in (Part.OVERALL, Part.DOCUMENT)]
