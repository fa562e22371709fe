"""Template filters; each calls a small tested pure function."""

from __future__ import annotations

from decimal import Decimal

from django import template

from jixiao.domain.values import format_number

register = template.Library()


@register.filter
def amount(value: Decimal | int | None) -> str:
    """An amount exactly as stored (``5.00``), or a dash when absent."""
    if value is None or value == "":
        return "—"
    return format_number(Decimal(value))
