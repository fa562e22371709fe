"""Template filters; each calls a small tested pure function."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template

from jixiao.domain.values import display_number, format_number

register = template.Library()


@register.filter
def amount(value: Decimal | int | None) -> str:
    """An amount in the site's one format (``2,000.00``; see :func:`display_number`), or a dash when absent."""
    if value is None or value == "":
        return "—"
    return display_number(Decimal(value))


@register.filter
def exact(value: Decimal | int | None) -> str:
    """A number that is not money exactly as written (an indicator's target ``99``, a weight ``10``), or a dash."""
    if value is None or value == "":
        return "—"
    return format_number(Decimal(value))


@register.filter
def total(value: Decimal | int | None) -> str:
    """A sum of amounts, in the same format as one amount."""
    return amount(value)


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
    # .all(): served by a prefetch of memberships__organisation where the list has one (no query per person)
    membership = min(user.memberships.all(), key=lambda m: m.pk, default=None)
    text = f"{name}（{membership.organisation.name}）" if membership else name
    user._jixiao_person = text
    return text
