"""The money side of a project: budget arithmetic, fund-use text against the budget, the spending plan (T16)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from itertools import pairwise

from jixiao.domain.review.context import Context, ProjectFacts
from jixiao.domain.review.model import Hit, Scope, Severity
from jixiao.domain.review.registry import rule
from jixiao.domain.review.text import to_document_unit

_HUNDRED = Decimal(100)
_AMOUNT = re.compile(r"(\d+(?:,\d{3})*(?:\.\d+)?)\s*(亿元|百万元|十万元|万元|千元|元)(?![/／每])")
# The closest label before an amount says which budget figure it states.
_LABELS = (
    ("fiscal", ("财政",)),
    ("other", ("其他资金", "自筹", "单位资金", "其他")),
    ("total", ("预算", "总", "合计")),
)
_FIELD_NAMES = {"total": "预算数", "fiscal": "财政资金", "other": "其他资金"}


@rule(
    "T16",
    Scope.PROJECT,
    title="资金支出计划不是逐步累计",
    severity=Severity.ERROR,
    basis="docs/domain/review.md#t16-spending-plan：累计支出计划（如 3/6/10/12 月）必须逐期不减",
    message="资金支出计划在“{label}”是 {percent}%，比前一期“{previous_label}”的 {previous}% 还少；累计比例不能下降。",
    suggestion="按累计口径填写，每一期不少于上一期，例如 25%、50%、75%、100%。",
    example="3月底 30%，6月底 20%",
)
def plan_monotonic(facts: ProjectFacts, ctx: Context) -> Iterator[Hit]:
    points = [point for point in facts.project.spending_plan if point.percent is not None]
    for before, after in pairwise(points):
        if after.percent is not None and before.percent is not None and after.percent < before.percent:
            yield Hit(
                facts.location,
                {
                    "label": after.label,
                    "percent": after.percent,
                    "previous_label": before.label,
                    "previous": before.percent,
                },
            )
            return


@rule(
    "T16.end",
    Scope.PROJECT,
    title="资金支出计划最后一期不是 100%",
    severity=Severity.ERROR,
    basis="docs/domain/review.md#t16-spending-plan：累计支出计划须在最后一期达到 100%，即全部预算",
    message="资金支出计划最后一期“{label}”是 {percent}%，没有达到 100%。",
    suggestion="最后一期（通常是 12 月底）的累计比例应为 100%。",
    example="3月底 25%，6月底 50%，10月底 75%，12月底 90%",
)
def plan_ends_at_100(facts: ProjectFacts, ctx: Context) -> Iterator[Hit]:
    points = [point for point in facts.project.spending_plan if point.percent is not None]
    if points and points[-1].percent != _HUNDRED:
        yield Hit(facts.location, {"label": points[-1].label, "percent": points[-1].percent})


@rule(
    "budget.sum",
    Scope.PROJECT,
    title="预算数不等于财政资金加其他资金",
    severity=Severity.ERROR,
    basis=(
        "docs/domain/review.md#budget-figures：预算数 = 财政资金 + 其他资金，"
        "即自评表项目资金各行的口径（docs/domain/scoring.md#table-layout）"
    ),
    message="预算数 {total}{unit} 不等于财政资金 {fiscal}{unit} 加其他资金 {other}{unit}（合计 {sum}{unit}）。",
    suggestion="核对三个金额，使预算数 = 财政资金 + 其他资金。",
    example="预算数 10.50，财政资金 10.00，其他资金 0",
)
def budget_adds_up(facts: ProjectFacts, ctx: Context) -> Iterator[Hit]:
    budget = facts.project.budget
    if budget.total is None or budget.fiscal is None or budget.other is None:
        return
    if budget.fiscal + budget.other != budget.total:
        unit = ctx.amount_unit or ""
        yield Hit(
            facts.location,
            {
                "total": budget.total,
                "fiscal": budget.fiscal,
                "other": budget.other,
                "sum": budget.fiscal + budget.other,
                "unit": unit,
            },
        )


def _label(before: str) -> str | None:
    best, where = None, -1
    for field, keys in _LABELS:
        for key in keys:
            position = before.rfind(key)
            if position > where:
                best, where = field, position
    return best


def stated_amounts(text: str, document_unit: str | None) -> Iterator[tuple[str | None, str, Decimal]]:
    """Amounts printed in a fund-use text as (budget field or None, printed text, amount in the document's unit)."""
    previous_end = 0
    for match in _AMOUNT.finditer(text):
        try:
            number = Decimal(match.group(1).replace(",", ""))
        except InvalidOperation:  # pragma: no cover - the pattern only matches numbers
            continue
        amount = to_document_unit(number, match.group(2), document_unit)
        before = text[max(previous_end, match.start() - 10) : match.start()]
        previous_end = match.end()
        if amount is not None:
            yield _label(before), match.group(), amount


@rule(
    "budget.fund_use",
    Scope.PROJECT,
    title="资金用途中的金额与预算不一致",
    severity=Severity.WARNING,
    basis=(
        "docs/domain/review.md#budget-figures："
        "预算规模及资金用途一栏中的金额应与上方的预算数、财政资金、其他资金一致（金额按文件的金额单位换算）"
    ),
    message="资金用途写的“{printed}”与{field} {expected}{unit} 不一致。",
    suggestion="改正资金用途中的金额，或核对预算数；注意“万元”与“元”的区别。",
    example="预算数 5.00 万元，资金用途却写“预算资金8万元”",
)
def fund_use_matches_budget(facts: ProjectFacts, ctx: Context) -> Iterator[Hit]:
    budget, unit = facts.project.budget, ctx.amount_unit
    for field, printed, amount in stated_amounts(facts.project.fund_use or "", unit):
        expected = getattr(budget, field) if field else budget.total
        if expected is None or (field is None and amount <= expected) or amount == expected:
            continue
        name = _FIELD_NAMES[field] if field else "预算数"
        yield Hit(facts.location, {"printed": printed, "field": name, "expected": expected, "unit": unit})
