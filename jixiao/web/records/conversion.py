"""Conversion between the domain model (jixiao.domain.model) and the database rows, both ways, field for field."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from jixiao.domain import model as domain
from jixiao.formats import canonical
from jixiao.web.records import models as db


def value_fields(value: domain.IndicatorValue) -> dict[str, Any]:
    """The indicator row's value columns: the canonical value dict, its ``text`` stored as ``value_text``."""
    fields = canonical.value_to_dict(value)
    fields["value_text"] = fields.pop("text")
    return fields


def value_of(row: db.Indicator) -> domain.IndicatorValue:
    return domain.IndicatorValue(
        text=row.value_text,
        comparator=domain.Comparator(row.comparator) if row.comparator else None,
        number=row.number,
        unit=row.unit,
        kind=domain.ValueKind(row.kind),
        upper=row.upper,
        tolerance=row.tolerance,
        date=row.date,
    )


def _midterm_value(data: dict[str, Any] | None) -> domain.IndicatorValue | None:
    """A stored 中期 value: the canonical dict with its numbers kept as exact text."""
    if not data:
        return None
    numbers = {key: Decimal(data[key]) for key in ("number", "upper") if data.get(key) is not None}
    return canonical.value_from_dict({**data, **numbers})


def _midterm_json(value: domain.IndicatorValue | None) -> dict[str, Any] | None:
    if value is None:
        return None
    data = canonical.value_to_dict(value)
    return {key: format(item, "f") if isinstance(item, Decimal) else item for key, item in data.items()}


def indicator_fields(indicator: domain.Indicator) -> dict[str, Any]:
    return {
        "level1": indicator.level1,
        "level2": indicator.level2,
        "level3": indicator.level3,
        "description": indicator.description,
        "basis": indicator.basis,
        "weight": indicator.weight,
        "midterm_value": _midterm_json(indicator.midterm_value),
        "core": indicator.core,
        **value_fields(indicator.value),
    }


def indicator_of(row: db.Indicator) -> domain.Indicator:
    return domain.Indicator(
        level1=row.level1,
        level2=row.level2,
        level3=row.level3,
        value=value_of(row),
        description=row.description,
        basis=row.basis,
        weight=row.weight,
        midterm_value=_midterm_value(row.midterm_value),
        core=row.core,
    )


def project_fields(project: domain.Project) -> dict[str, Any]:
    unit = project.unit
    return {
        "code": project.code,
        "name": project.name,
        "title": project.title,
        "has_unit": unit is not None,
        "unit_code": unit.code if unit else None,
        "unit_name": unit.name if unit else None,
        "budget_total": project.budget.total,
        "budget_fiscal": project.budget.fiscal,
        "budget_other": project.budget.other,
        "budget_midterm": project.budget.midterm,
        "fund_use": project.fund_use,
        "goal": project.goal,
        "midterm_goal": project.midterm_goal,
    }


def project_of(row: db.Project) -> domain.Project:
    """The domain project; ``row`` should come with checkpoints and indicators prefetched."""
    return domain.Project(
        code=row.code,
        name=row.name,
        title=row.title,
        unit=domain.Unit(code=row.unit_code, name=row.unit_name) if row.has_unit else None,
        budget=domain.Budget(
            total=row.budget_total, fiscal=row.budget_fiscal, other=row.budget_other, midterm=row.budget_midterm
        ),
        fund_use=row.fund_use,
        spending_plan=[
            domain.SpendingCheckpoint(label=point.label, month=point.month, percent=point.percent)
            for point in row.checkpoints.all()
        ],
        goal=row.goal,
        midterm_goal=row.midterm_goal,
        indicators=[indicator_of(indicator) for indicator in row.indicators.all()],
    )


def department_fields(document: domain.TargetDocument) -> dict[str, Any]:
    return {
        "year": document.year,
        "code": document.department.code,
        "name": document.department.name,
        "title": document.title,
        "amount_unit": document.amount_unit,
        "has_overall": document.overall is not None,
        "overall_goal": document.overall.goal if document.overall else None,
    }


def overall_of(row: db.Department) -> domain.Overall | None:
    if not row.has_overall:
        return None
    return domain.Overall(
        goal=row.overall_goal,
        subgoals=[
            domain.SubGoal(title=goal.title, description=goal.description, refinements=list(goal.refinements))
            for goal in row.subgoals.all()
        ],
        safeguards=[domain.Safeguard(title=item.title, description=item.description) for item in row.safeguards.all()],
    )


def document_of(row: db.Department, projects: list[db.Project]) -> domain.TargetDocument:
    return domain.TargetDocument(
        year=row.year,
        amount_unit=row.amount_unit,
        department=domain.Department(code=row.code, name=row.name),
        overall=overall_of(row),
        projects=[project_of(project) for project in projects],
        title=row.title,
    )
