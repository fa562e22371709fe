"""A listing of many projects in one wide table: project columns, then the indicator columns, in one header.

Some provinces publish the whole department's targets as one table (``单位名称 | 项目名称 | 预算数 |
年度目标 | 一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位 | 权重``): a project's cells are merged
down over its indicator rows,
so a web copy prints them on the project's first row only, and a project whose unit repeats the one above drops
that cell too. Each row is cut where the indicator part begins (its first category name); the cells before it are
the project's, placed from the right (merged cells are dropped from the left); a row with project cells starts a
new project. A row of project cells without any indicator (a department's subtotal) is no project.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from jixiao.domain.errors import ReadWarning
from jixiao.domain.frame import is_level1_name, is_level2_name
from jixiao.domain.model import Project
from jixiao.formats.blocks import Row
from jixiao.formats.interpret.indicators import Columns, is_indicator_header
from jixiao.formats.interpret.labels import COLUMN_LABELS, HEADER_LABELS, label_key, section_of

_PROJECT_ROLES = {"name": "name", "code": "code", "unit": "unit", "department": "unit", "total": "total"}


def wide_header(row: Row) -> tuple[list[str], Row] | None:
    """The project columns' roles and the indicator part of a wide header, or None for an ordinary header."""
    if not is_indicator_header(row):
        return None
    first = next((index for index, cell in enumerate(row.cells) if COLUMN_LABELS.get(label_key(cell)) in
                  ("level1", "level2")), None)  # fmt: skip
    if not first:
        return None
    roles = [_project_role(cell) for cell in row.cells[:first]]
    if "name" not in roles:
        return None
    indicators = Row(cells=row.cells[first:], line=row.line)
    return (roles, indicators) if Columns.from_header(indicators) is not None else None


def _project_role(cell: str) -> str:
    role = HEADER_LABELS.get(label_key(cell))
    if role in _PROJECT_ROLES:
        return _PROJECT_ROLES[role]
    return "goal" if section_of(cell) == "goal" else ""


@dataclass(slots=True)
class WideRow:
    """One body row cut in two: the project's cells by role, and the indicator part as a row of its own."""

    project: dict[str, str] = field(default_factory=dict)
    indicators: Row | None = None


def split_wide_row(row: Row, roles: list[str]) -> WideRow:
    cells = list(row.cells)
    while cells and not cells[-1]:
        cells.pop()
    start = next((index for index, cell in enumerate(cells) if is_level1_name(cell) or is_level2_name(cell)), None)
    if start is None:
        filled = [cell for cell in cells if cell]
        if len(filled) <= len(roles) and len(cells) <= len(roles):
            return WideRow(project=dict(zip(roles[-len(filled) :], filled, strict=False)) if filled else {})
        return WideRow(indicators=row)
    head = [cell for cell in cells[:start] if cell]
    part = Row(cells=tuple(cells[start:]), line=row.line, doubtful=row.doubtful)
    placed = dict(zip(roles[len(roles) - len(head) :], head, strict=True)) if len(head) <= len(roles) else {}
    return WideRow(project={role: text for role, text in placed.items() if role}, indicators=part)


def is_listing_only(wide: WideRow) -> bool:
    """A row of project cells with no indicator and no project name: a subtotal (820-马踏镇部门 | 8,827,620.53)."""
    return wide.indicators is None and "name" not in wide.project


def stray(row: Row) -> ReadWarning:
    return ReadWarning("table.stray_row", row.line, {"text": row.text()[:60]})


def new_project() -> Project:
    return Project(code=None, name=None)
