"""Template filters; each calls a small tested pure function."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

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


@register.filter
def person(user: Any) -> str:
    """A person as people name them: 姓名（单位） (the full name, else the login name; the organisation of the first
    membership), or a dash for nobody. Kept on the user object: a list names the same people again and again."""
    if user is None or not getattr(user, "pk", None):
        return "—"
    cached = getattr(user, "_jixiao_person", None)
    if isinstance(cached, str):
        return cached
    name = user.get_full_name() or user.get_username()
    membership = user.memberships.select_related("organisation").order_by("pk").first()
    text = f"{name}（{membership.organisation.name}）" if membership else name
    user._jixiao_person = text
    return text
