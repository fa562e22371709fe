"""The review rules, one module per subject; importing this package registers them all (in this order)."""

from jixiao.domain.review.rules import category, content, money, overall, structure, values, wording

__all__ = ["category", "content", "money", "overall", "structure", "values", "wording"]
