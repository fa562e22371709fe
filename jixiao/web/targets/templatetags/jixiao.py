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


@register.filter
def total(value: Decimal | int | None) -> str:
    """A sum of amounts: trailing zeros a database adds are dropped, but at least two decimals are kept."""
    if value is None or value == "":
        return "—"
    number = Decimal(value).normalize()
    # [operator]: the exponent is a letter only for NaN and infinities, which no sum of amounts is
    if number.as_tuple().exponent > -2:  # type: ignore[operator]
        number = number.quantize(Decimal("0.01"))
    return format_number(number)
