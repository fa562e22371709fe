"""Small documents built in code: a clean project that no rule objects to, and helpers to spoil one thing."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from jixiao.domain.model import (
    Budget,
    Department,
    Indicator,
    Overall,
    Project,
    SpendingCheckpoint,
    SubGoal,
    TargetDocument,
    Unit,
)
from jixiao.domain.profiles import Profile
from jixiao.domain.review import Finding, review_document
from jixiao.domain.values import parse_value

D = Decimal


def row(
    level1: str, level2: str, level3: str, value: str, description: str | None = "", basis: str | None = ""
) -> Indicator:
    """An indicator; by default with a real description and a basis."""
    return Indicator(
        level1,
        level2,
        level3,
        parse_value(value),
        description=f"{level3}的统计口径：以年度台账为准" if description == "" else description,
        basis="计划标准：年度工作计划" if basis == "" else basis,
    )


def clean_rows(topic: str = "送戏下乡") -> list[Indicator]:
    """Six indicators in the three required level-1 categories, named after ``topic`` so projects differ."""
    return [
        row("产出指标", "数量指标", f"{topic}演出场次", "≥120场"),
        row("产出指标", "质量指标", f"{topic}节目审查合格率", "=100%"),
        row("产出指标", "时效指标", f"{topic}计划按月完成率", "≥95%"),
        row("产出指标", "成本指标", "项目总成本", "≤36万元"),
        row("效益指标", "社会效益指标", f"{topic}观众人次", "≥30000人次"),
        row("满意度指标", "服务对象满意度指标", f"{topic}观众满意度", "≥90%"),
    ]


PLAN = [
    SpendingCheckpoint("3月底", 3, D("25")),
    SpendingCheckpoint("6月底", 6, D("50")),
    SpendingCheckpoint("10月底", 10, D("75")),
    SpendingCheckpoint("12月底", 12, D("100")),
]


def project(code: str = "P001", topic: str = "送戏下乡", **changes: object) -> Project:
    """A clean project (budget 36 万元, all fiscal); keyword arguments replace its fields."""
    base = Project(
        code=code,
        name=f"{topic}惠民演出经费",
        unit=Unit("412001", "某县文化广电和旅游局(本级)"),
        budget=Budget(D("36.00"), D("36.00"), D("0")),
        fund_use="预算数36万元，其中财政资金36万元，用于演出费和交通费。",
        spending_plan=list(PLAN),
        goal=f"全年开展{topic}演出120场，观众3万人次。",
        indicators=clean_rows(topic),
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def with_row(base: Project, position: int, indicator: Indicator) -> Project:
    """The project with its row at ``position`` (1-based) replaced."""
    rows = list(base.indicators)
    rows[position - 1] = indicator
    return replace(base, indicators=rows)


def document(*projects: Project, overall: Overall | None = None, unit: str = "万元") -> TargetDocument:
    return TargetDocument(
        2022, unit, Department("412001", "某县文化广电和旅游局"), overall, list(projects or [project()])
    )


def overall(*subgoals: SubGoal, goal: str = "2022年送戏下乡演出不少于120场，群众满意度达到90%以上。") -> Overall:
    return Overall(goal=goal, subgoals=list(subgoals))


def findings(doc: TargetDocument, rule_id: str, *, profile: Profile | None = None, **kwargs: object) -> list[Finding]:
    """The findings of one rule on a document."""
    return [f for f in review_document(doc, profile=profile, **kwargs) if f.rule == rule_id]  # type: ignore[arg-type]
