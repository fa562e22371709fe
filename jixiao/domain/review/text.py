"""Small text helpers the rules share: keyword patterns, comparable names, amounts in a document's unit."""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal
from functools import lru_cache

# 万元 vs 元 matters: a cost of "≤30万元" is 300,000 元 (docs/domain/values.md#cost-indicators).
MONEY_SCALE: dict[str, Decimal] = {
    "元": Decimal(1),
    "千元": Decimal(1000),
    "万元": Decimal(10000),
    "十万元": Decimal(100000),
    "百万元": Decimal(1000000),
    "亿元": Decimal(100000000),
}


def words(*alternatives: str) -> re.Pattern[str]:
    """One compiled pattern matching any of the given words or regular expressions."""
    return re.compile("|".join(alternatives))


_DROP = {ord(c): None for c in " \t\r\n　"}
_PUNCTUATION = {"P", "Z", "S"}  # punctuation, separators, symbols (Unicode categories)


def _compact(text: str) -> str:
    folded = unicodedata.normalize("NFKC", text.translate(_DROP))
    return "".join(c for c in folded if unicodedata.category(c)[0] not in _PUNCTUATION)


@lru_cache(maxsize=1 << 16)  # names repeat across projects: nearly free on large documents
def compact(text: str) -> str:
    """A name reduced for comparison: no spaces, punctuation or symbols, full-width folded (``资金使用效益。``)."""
    return _compact(text)


def to_document_unit(number: Decimal, unit: str | None, document_unit: str | None) -> Decimal | None:
    """An amount in the document's amount unit, or None when either unit is not a plain money unit (元/人 is not)."""
    if unit is None or document_unit is None:
        return None
    if unit == document_unit:
        return number
    scale, target = MONEY_SCALE.get(unit), MONEY_SCALE.get(document_unit)
    if scale is None or target is None:
        return None
    return number * scale / target


def is_money_unit(unit: str | None) -> bool:
    """Whether a unit is money (万元, 元, 元/人·天 …)."""
    return unit is not None and "元" in unit


def bigrams(text: str) -> set[str]:
    """The two-character words of a text, for a rough similarity between Chinese texts."""
    clean = _compact(text)
    return {clean[i : i + 2] for i in range(len(clean) - 1)}


def excerpt(text: str, limit: int = 40) -> str:
    """A text shortened for a message."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
