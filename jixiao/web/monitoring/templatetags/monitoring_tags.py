"""Template filters of the monitoring pages; each calls a small pure function."""

from __future__ import annotations

from decimal import Decimal

from django import template

from jixiao.domain.scoring import Finding, Method, ProjectScore
from jixiao.domain.values import display_number

register = template.Library()


@register.filter
def percent(value: Decimal | None) -> str:
    """A percentage with two decimals (``58.33%``, ``50.00%``), or a dash when there is none (no budget, no
    checkpoint yet)."""
    if value is None or value == "":
        return "—"
    return display_number(Decimal(value)) + "%"


@register.filter
def first_of(value: Decimal | None, fallback: Decimal | None) -> Decimal | None:
    """``value`` unless it is None (unlike ``default``, a 0 is kept)."""
    return fallback if value is None else value


@register.filter
def method_label(method: Method | str) -> str:
    """How a row was scored, in Chinese: the label the scoring method declares; a code the core does not know is
    shown as it is rather than failing the page."""
    try:
        return Method(method).label
    except ValueError:
        return str(method)


@register.filter
def findings_at(score: ProjectScore, position: int) -> list[Finding]:
    """The scoring findings about one indicator row."""
    return score.findings_for(position)
