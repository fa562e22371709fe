"""What the import preview shows of a document as read: every project and indicator field, with the fields the
reader was not sure of marked and their reasons beside them, so the user checks them before confirming."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from jixiao.domain.errors import ReadWarning
from jixiao.domain.model import Indicator, Project, TargetDocument
from jixiao.domain.values import format_number

# Fields a warning can name, and where their text is shown.
_PROJECT_FIELDS = ("code", "name", "unit", "total", "fiscal", "other", "midterm_budget", "goal")
_ROW_FIELDS = ("level1", "level2", "level3", "value", "midterm", "weight", "basis")
_ALIASES = {"comparator": "value", "number": "value", "unit_of_value": "value", "description": "level3"}


@dataclass(frozen=True, slots=True)
class Flag:
    """A field the reader is not sure of: where it is and why (the warning's Chinese text)."""

    table: int
    row: int | None
    field: str
    message: str

    def as_dict(self) -> dict[str, Any]:
        return {"table": self.table, "row": self.row, "field": self.field, "message": self.message}


def flags_of(warnings: Iterable[ReadWarning]) -> list[Flag]:
    """The warnings that name a field of the document."""
    return [
        Flag(warning.table, warning.row, _ALIASES.get(warning.field_name, warning.field_name), str(warning))
        for warning in warnings
        if warning.field_name is not None and warning.table is not None
    ]


def flags_from(stored: Sequence[Mapping[str, Any]]) -> list[Flag]:
    return [Flag(item["table"], item["row"], item["field"], item["message"]) for item in stored]


@dataclass(slots=True)
class Cell:
    text: str
    notes: list[str] = field(default_factory=list)

    @property
    def flagged(self) -> bool:
        return bool(self.notes)


@dataclass(slots=True)
class RowPreview:
    number: int
    cells: list[Cell]

    @property
    def flagged(self) -> bool:
        return any(cell.flagged for cell in self.cells)


@dataclass(slots=True)
class ProjectPreview:
    title: str
    fields: list[tuple[str, Cell]]
    rows: list[RowPreview]
    notes: list[str]

    @property
    def flag_count(self) -> int:
        return sum(cell.flagged for _, cell in self.fields) + sum(
            sum(cell.flagged for cell in row.cells) for row in self.rows
        ) + len(self.notes)  # fmt: skip


_LABELS = {"code": "项目编码", "name": "项目名称", "unit": "实施单位", "total": "预算数", "fiscal": "财政资金",
           "other": "其他资金", "midterm_budget": "中期资金总额", "goal": "年度目标"}  # fmt: skip
ROW_HEADERS = ("一级指标", "二级指标", "三级指标", "指标值", "中期指标值", "分值", "指标值确定依据")


def preview(document: TargetDocument, flags: Sequence[Flag]) -> list[ProjectPreview]:
    """Each project's fields and indicator rows as read, with the reasons the reader flagged any of them."""
    by_place: dict[tuple[int, int | None, str], list[str]] = defaultdict(list)
    for flag in flags:
        by_place[(flag.table, flag.row, flag.field)].append(flag.message)
    return [_project(index, project, by_place) for index, project in enumerate(document.projects)]


def _project(index: int, project: Project, notes: Mapping[tuple[int, int | None, str], list[str]]) -> ProjectPreview:
    texts = _project_texts(project)
    fields = [(_LABELS[name], Cell(texts[name], list(notes.get((index, None, name), [])))) for name in _PROJECT_FIELDS]
    rows = [
        RowPreview(
            number,
            [
                Cell(
                    text, list(notes.get((index, number - 1, name), [])) + list(notes.get((index, number - 1, "*"), []))
                )
                for name, text in zip(_ROW_FIELDS, _row_texts(indicator), strict=True)
            ],
        )
        for number, indicator in enumerate(project.indicators, start=1)
    ]
    whole = list(notes.get((index, None, "*"), []))
    return ProjectPreview(title=project.name or project.code or "", fields=fields, rows=rows, notes=whole)


def _amount(number: Decimal | None) -> str:
    return "" if number is None else format_number(number)


def _project_texts(project: Project) -> dict[str, str]:
    budget = project.budget
    return {
        "code": project.code or "",
        "name": project.name or "",
        "unit": (project.unit.name or "") if project.unit else "",
        "total": _amount(budget.total),
        "fiscal": _amount(budget.fiscal),
        "other": _amount(budget.other),
        "midterm_budget": _amount(budget.midterm),
        "goal": project.goal or "",
    }


def _row_texts(indicator: Indicator) -> list[str]:
    return [
        indicator.level1 or "",
        indicator.level2 or "",
        indicator.level3 or "",
        indicator.value.text,
        indicator.midterm_value.text if indicator.midterm_value else "",
        _amount(indicator.weight),
        indicator.basis or "",
    ]
