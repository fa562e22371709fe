"""Registering rules: ``@rule(...)`` puts a check into ``RULES`` with its id, scope, title, severity and texts.

Rule ids are stable: ``T1``–``T16`` are the checks of docs/domain/review.md#checks under their numbers; a check split
into parts keeps its number with a dotted suffix (``T9.unit``); checks this project added have dotted ids by subject
(``category.time``, ``name.typo``). Ids are never reused for a different check.

A check's signature follows its scope: ``Scope.INDICATOR`` → ``(row, ctx) -> params | None`` (called once per
indicator row, None when all is well); ``Scope.PROJECT`` → ``(project, ctx) -> Iterable[Hit]``;
``Scope.DOCUMENT`` → ``(ctx) -> Iterable[Hit]`` (cross-project rules and Part 1).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from jixiao.domain.findings import register_wording
from jixiao.domain.review.model import RULES, Rule, Scope, Severity

F = TypeVar("F", bound=Callable[..., Any])


def rule(
    rule_id: str,
    scope: Scope,
    *,
    title: str,
    severity: Severity,
    basis: str,
    message: str,
    suggestion: str,
    example: str,
) -> Callable[[F], F]:
    """Register the decorated function as the check of rule ``rule_id``."""

    def decorate(check: F) -> F:
        if rule_id in RULES:
            raise ValueError(f"duplicate review rule id {rule_id}")
        RULES[rule_id] = Rule(
            rule_id, title, severity, basis, message, suggestion, example, scope, check, rank=len(RULES)
        )
        register_wording(rule_id, RULES[rule_id])  # a finding of this rule takes its words from the rule
        return check

    return decorate
