"""Target review (绩效目标审核): rules that find what a finance-bureau reviewer would send back.

``review_document(document, profile=...)`` returns ``Finding``s; each names its rule, severity, location and carries
a Chinese message and fix suggestion. Rules live in ``jixiao.domain.review.rules`` and are listed in docs/rules.md.
"""

from jixiao.domain.review.engine import all_rules, effective_severity, has_errors, review_document
from jixiao.domain.review.model import RULES, Finding, Location, Part, Rule, Scope, Severity

__all__ = [
    "RULES",
    "Finding",
    "Location",
    "Part",
    "Rule",
    "Scope",
    "Severity",
    "all_rules",
    "effective_severity",
    "has_errors",
    "review_document",
]
