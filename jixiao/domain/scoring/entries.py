"""Actuals entered apart from the target document (an actuals file, a form), matched to its projects and rows.

A :class:`ProjectEntry` names its project by code (or, without one, by name) and each :class:`IndicatorEntry`
names its row by position (1-based) or by 三级指标 name; :func:`build_evaluations` pairs them with the target
document and returns every problem at once, each naming where it is, so nothing is scored from half-matched data.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from decimal import Decimal

from jixiao.domain.errors import JixiaoError
from jixiao.domain.model import Project, TargetDocument
from jixiao.domain.scoring.model import Funds, IndicatorActual, SelfEvaluation


@dataclass(slots=True)
class IndicatorEntry:
    """The actual of one row, found by ``position`` or else by ``level3``; ``where`` names it in messages."""

    actual: IndicatorActual
    level3: str | None = None
    position: int | None = None
    where: str = ""


@dataclass(slots=True)
class ProjectEntry:
    """A project's actuals: funds, indicator rows, the overall result and, where known, the reported total."""

    code: str | None = None
    name: str | None = None
    funds: Funds = field(default_factory=Funds)
    indicators: list[IndicatorEntry] = field(default_factory=list)
    goal_result: str | None = None
    published_total: Decimal | None = None
    published_grade: str | None = None

    @property
    def key(self) -> str:
        return self.code or self.name or ""


def find_project(document: TargetDocument, entry: ProjectEntry) -> Project | None:
    """The document's project with the entry's code, or (when the entry gives no code) its name."""
    for project in document.projects:
        if entry.code and project.code == entry.code:
            return project
    if entry.code:
        return None
    return next((project for project in document.projects if entry.name and project.name == entry.name), None)


def _place(project: Project, entry: ProjectEntry, errors: list[JixiaoError]) -> list[IndicatorActual]:
    actuals = [IndicatorActual() for _ in project.indicators]
    taken: set[int] = set()
    for item in entry.indicators:
        index = _index(project, item, taken)
        if index is None:
            name = item.level3 or (f"第 {item.position} 行" if item.position else "")
            errors.append(JixiaoError("actuals.no_indicator", project=entry.key, name=name, where=item.where))
            continue
        taken.add(index)
        actuals[index] = item.actual
    return actuals


def _index(project: Project, item: IndicatorEntry, taken: set[int]) -> int | None:
    if item.position is not None:
        index = item.position - 1
        return index if 0 <= index < len(project.indicators) and index not in taken else None
    wanted = (item.level3 or "").strip()
    for index, indicator in enumerate(project.indicators):
        if index not in taken and (indicator.level3 or "").strip() == wanted:
            return index
    return None


def build_evaluations(
    document: TargetDocument, entries: list[ProjectEntry]
) -> tuple[list[SelfEvaluation], list[JixiaoError]]:
    """The self-evaluations of the entries' projects, in entry order, and every matching problem found."""
    evaluations: list[SelfEvaluation] = []
    errors: list[JixiaoError] = []
    for entry in entries:
        project = find_project(document, entry)
        if project is None:
            errors.append(JixiaoError("actuals.no_project", key=entry.key))
            continue
        funds = entry.funds
        if funds.budget is None and funds.initial is None:
            funds = replace(funds, budget=project.budget.total)  # the target table's 预算数 is the year's budget
        evaluations.append(
            SelfEvaluation(
                project=project,
                funds=funds,
                actuals=_place(project, entry, errors),
                goal_result=entry.goal_result,
                published_total=entry.published_total,
                published_grade=entry.published_grade,
            )
        )
    return evaluations, errors
