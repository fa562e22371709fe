"""The published layout of a target document (the seed's), as a :class:`~jixiao.formats.layout.Layout`.

Part 1 (部门整体绩效目标) is printed as numbered paragraphs; each project as its title line and one
ruled table: the unit line with 单位：万元, 项目编码/项目名称, 预算规模及资金用途 (预算数, 其中：财政资金,
其他资金, then the fund-use text), 资金支出计划 with its checkpoints, 绩效目标, and the indicator table
一级指标 / 二级指标 / 三级指标 / 绩效指标描述 / 指标值 / 指标值确定依据 with level-1 and level-2 cells merged
down. Every text is printed exactly as the model holds it, and nothing is printed that the model does not hold,
so reading the output gives the same document back.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from decimal import Decimal
from itertools import groupby

from jixiao.domain.model import Department, Indicator, Overall, Project, TargetDocument
from jixiao.formats.layout import Align, Block, Cell, Layout, Paragraph, RowKind, Section, Style, Table, TableRow

_CN_NUMBERS = "一二三四五六七八九十"

# The seed's grid: 预算数/财政资金/其他资金 with their amounts need seven columns; the indicator table's basis column
# spans the last two. More plan checkpoints or indicator columns widen the grid.
_BASE_COLUMNS = 7
_INDICATOR_WIDTHS = {
    "level1": 9,
    "level2": 11,
    "level3": 19,
    "description": 22,
    "midterm": 11,
    "value": 11,
    "weight": 7,
    "basis": 14,
}


def cn_number(number: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 21 → 二十一 (numbering of Part 1 items)."""
    if number <= 10:
        return _CN_NUMBERS[number - 1]
    tens, ones = divmod(number, 10)
    head = "十" if tens == 1 else f"{_CN_NUMBERS[tens - 1]}十"
    return head + (_CN_NUMBERS[ones - 1] if ones else "")


def _lines(text: str | None) -> list[str]:
    return [line for line in (text or "").split("\n") if line.strip()]


# ---------------------------------------------------------------------------------------------------------------
# Part 1


def overall_blocks(overall: Overall) -> list[Block]:
    """第一部分 部门整体绩效目标: the goal, the sub-goals with refinements, the safeguards."""
    blocks: list[Block] = [Paragraph("第一部分", Style.HEADING), Paragraph("部门整体绩效目标", Style.HEADING)]
    blocks.append(Paragraph("一、总体绩效目标", Style.SUBHEADING))
    blocks.extend(Paragraph(line) for line in _lines(overall.goal))
    blocks.append(Paragraph("二、分项绩效目标", Style.SUBHEADING))
    # Items are numbered （一） under sections numbered 一、 (the GB/T 9704 outline): an item titled "…保障…" is then
    # never taken for the 工作保障措施 heading.
    for number, goal in enumerate(overall.subgoals, start=1):
        blocks.append(Paragraph(f"（{cn_number(number)}）{goal.title}", Style.ITEM))
        blocks.extend(Paragraph(line) for line in _lines(goal.description))
        # "1、" rather than "1." keeps a refinement that starts with a year ("2021年…") a refinement.
        blocks.extend(Paragraph(f"{index}、{text}") for index, text in enumerate(goal.refinements, start=1))
    blocks.append(Paragraph("三、工作保障措施", Style.SUBHEADING))
    for number, safeguard in enumerate(overall.safeguards, start=1):
        blocks.append(Paragraph(f"（{cn_number(number)}）{safeguard.title}", Style.ITEM))
        blocks.extend(Paragraph(line) for line in _lines(safeguard.description))
    return blocks


# ---------------------------------------------------------------------------------------------------------------
# A project table


def _indicator_roles(indicators: Sequence[Indicator]) -> list[str]:
    roles = ["level1", "level2", "level3", "description"]
    if any(indicator.midterm_value for indicator in indicators):
        roles.append("midterm")
    roles.append("value")
    if any(indicator.weight is not None for indicator in indicators):
        roles.append("weight")
    roles.append("basis")
    return roles


_HEADERS = {
    "level1": "一级指标",
    "level2": "二级指标",
    "level3": "三级指标",
    "description": "绩效指标描述",
    "midterm": "中期指标值",
    "value": "指标值",
    "weight": "权重",
    "basis": "指标值确定依据",
}


def _label(text: str, *, rowspan: int = 1, colspan: int = 1) -> Cell:
    return Cell(text, rowspan=rowspan, colspan=colspan, header=True, align=Align.CENTER)


def _amount(value: Decimal | None, colspan: int = 1) -> Cell:
    return Cell("" if value is None else str(value), colspan=colspan, align=Align.RIGHT, number=value)


def _widths(roles: Sequence[str], columns: int) -> tuple[int, ...]:
    widths = [_INDICATOR_WIDTHS[role] for role in roles]
    while len(widths) < columns:
        widths.append(_INDICATOR_WIDTHS["basis"])
    return tuple(widths)


def _header_rows(project: Project, amount_unit: str | None, columns: int) -> list[TableRow]:
    rows: list[TableRow] = []
    unit = project.unit
    unit_text = "".join(part for part in (unit.code, unit.name) if part) if unit else ""
    if unit_text or amount_unit:
        unit_cell = Cell(f"单位：{amount_unit}" if amount_unit else "", colspan=2, align=Align.RIGHT)
        rows.append(TableRow((Cell(unit_text, colspan=columns - 2), unit_cell), RowKind.CAPTION))
    rows.append(
        TableRow(
            (
                _label("项目编码"),
                Cell(project.code or "", colspan=2),
                _label("项目名称"),
                Cell(project.name or "", colspan=columns - 4),
            )
        )
    )
    budget = project.budget
    rows.append(
        TableRow(
            (
                _label("预算规模及资金用途", rowspan=2),
                _label("预算数"),
                _amount(budget.total),
                _label("其中：财政资金"),
                _amount(budget.fiscal),
                _label("其他资金"),
                _amount(budget.other, colspan=columns - 6),
            )
        )
    )
    rows.append(TableRow((Cell(project.fund_use or "", colspan=columns - 1),)))
    if budget.midterm is not None:
        rows.append(TableRow((_label("中期资金总额"), _amount(budget.midterm, colspan=columns - 1))))
    rows.extend(_plan_rows(project, columns))
    if project.midterm_goal:
        rows.append(TableRow((_label("中期目标"), Cell(project.midterm_goal, colspan=columns - 1))))
    rows.append(TableRow((_label("绩效目标"), Cell(project.goal or "", colspan=columns - 1))))
    return rows


def _plan_rows(project: Project, columns: int) -> list[TableRow]:
    plan = project.spending_plan
    if not plan:
        return []
    last = columns - len(plan)  # the last checkpoint takes what is left of the grid
    labels = [_label(point.label, colspan=last if index == len(plan) - 1 else 1) for index, point in enumerate(plan)]
    values = [
        Cell(
            "" if point.percent is None else f"{point.percent}%",
            colspan=last if index == len(plan) - 1 else 1,
            align=Align.CENTER,
            number=point.percent,
            percent=True,
        )
        for index, point in enumerate(plan)
    ]
    return [
        TableRow((_label("资金支出计划（%）", rowspan=2), *labels)),
        TableRow(tuple(values)),
    ]


def _indicator_rows(indicators: Sequence[Indicator], roles: Sequence[str], columns: int) -> list[TableRow]:
    extra = columns - len(roles) + 1  # the last column (basis) takes what is left of the grid
    header = tuple(_label(_HEADERS[role], colspan=extra if role == "basis" else 1) for role in roles)
    if "midterm" in roles:
        header = tuple(_label("年度指标值") if cell.text == "指标值" else cell for cell in header)
    rows = [TableRow(header, RowKind.HEADER)]
    for level1, group1 in groupby(indicators, key=lambda indicator: indicator.level1 or ""):
        members1 = list(group1)
        first1 = True
        for level2, group2 in groupby(members1, key=lambda indicator: indicator.level2 or ""):
            members2 = list(group2)
            for index, indicator in enumerate(members2):
                cells: list[Cell] = []
                if first1:
                    cells.append(Cell(level1, rowspan=len(members1), align=Align.CENTER))
                    first1 = False
                if index == 0:
                    cells.append(Cell(level2, rowspan=len(members2), align=Align.CENTER))
                cells.extend(_indicator_cells(indicator, roles[2:], extra))
                rows.append(TableRow(tuple(cells)))
    return rows


def _indicator_cells(indicator: Indicator, roles: Sequence[str], extra: int) -> list[Cell]:
    texts = {
        "level3": indicator.level3 or "",
        "description": indicator.description or "",
        "midterm": indicator.midterm_value.text if indicator.midterm_value else "",
        "value": indicator.value.text,
        "weight": "" if indicator.weight is None else str(indicator.weight),
        "basis": indicator.basis or "",
    }
    cells = []
    for role in roles:
        if role == "weight":
            cells.append(_amount(indicator.weight))
        else:
            align = Align.CENTER if role in ("value", "midterm") else Align.LEFT
            cells.append(Cell(texts[role], colspan=extra if role == "basis" else 1, align=align))
    return cells


def project_blocks(project: Project, number: int, amount_unit: str | None) -> list[Block]:
    """A project's title line (when it has one) and its table, split into the header part and the indicators.

    The two parts share one column grid and are printed flush, so they read as one table; splitting them lets the
    indicator header row repeat on each page.
    """
    roles = _indicator_roles(project.indicators)
    columns = max(_BASE_COLUMNS, len(project.spending_plan) + 1, len(roles))
    widths = _widths(roles, columns)
    blocks: list[Block] = []
    if project.title:
        blocks.append(Paragraph(f"{number}.{project.title}", Style.HEADING))
    blocks.append(Table(widths, tuple(_header_rows(project, amount_unit, columns))))
    blocks.append(Table(widths, tuple(_indicator_rows(project.indicators, roles, columns))))
    return blocks


# ---------------------------------------------------------------------------------------------------------------
# Whole documents


def _listing(document: TargetDocument) -> Table:
    """The summary sheet's list of projects with their budgets and the totals (spreadsheets only)."""
    header = tuple(
        _label(text) for text in ("序号", "项目编码", "项目名称", "预算数", "财政资金", "其他资金", "指标数")
    )
    rows = [TableRow(header, RowKind.HEADER)]
    for number, project in enumerate(document.projects, start=1):
        budget = project.budget
        rows.append(
            TableRow(
                (
                    Cell(str(number), align=Align.CENTER, number=Decimal(number)),
                    Cell(project.code or ""),
                    Cell(project.name or ""),
                    _amount(budget.total),
                    _amount(budget.fiscal),
                    _amount(budget.other),
                    Cell(str(len(project.indicators)), align=Align.CENTER, number=Decimal(len(project.indicators))),
                )
            )
        )
    totals = [sum((getattr(p.budget, name) or Decimal(0) for p in document.projects), Decimal(0)) for name in _MONEY]
    rows.append(TableRow((_label("合计", colspan=3), *(_amount(total) for total in totals), Cell(""))))
    return Table((6, 24, 34, 10, 10, 10, 6), tuple(rows), spreadsheet_only=True)


_MONEY = ("total", "fiscal", "other")


def _sheet_name(number: int, project: Project) -> str:
    return f"{number}.{project.name or project.code or '项目'}"


def _units_department(document: TargetDocument) -> Department:
    """The department a reader infers from the projects' unit lines: their commonest code, the first one's name."""
    units = [project.unit for project in document.projects if project.unit is not None]
    codes = Counter(unit.code for unit in units if unit.code)
    name = units[0].name if units else None
    if name:
        name = re.sub(r"[（(]\s*本级\s*[)）]$|本级$", "", name).strip() or name
    return Department(code=codes.most_common(1)[0][0] if codes else None, name=name)


def department_line(document: TargetDocument) -> list[Block]:
    """``主管部门：…`` when the department is not the one the unit lines name (a unit of another department)."""
    department = document.department
    if not department.name or department == _units_department(document):
        return []
    return [Paragraph(f"主管部门：{department.code or ''}{department.name}")]


def department_layout(document: TargetDocument) -> Layout:
    """The whole document: title, Part 1, then every project; a spreadsheet gets a summary sheet first."""
    summary = Section("汇总")
    if document.title:
        summary.blocks.append(Paragraph(document.title, Style.TITLE))
    summary.blocks.extend(department_line(document))
    if document.overall is not None:
        summary.blocks.extend(overall_blocks(document.overall))
        if document.projects:
            summary.blocks.append(Paragraph("第二部分", Style.HEADING, page_break=True))
            summary.blocks.append(Paragraph("预算项目绩效目标", Style.HEADING))
    if document.projects:
        summary.blocks.append(_listing(document))
    sections = [summary]
    for number, project in enumerate(document.projects, start=1):
        blocks = project_blocks(project, number, document.amount_unit)
        sections.append(Section(_sheet_name(number, project), blocks, page_break=number > 1))
    return Layout(title=_document_title(document), sections=sections)


def project_layout(document: TargetDocument, project: Project) -> Layout:
    """One project's target table on its own."""
    blocks = department_line(document) + project_blocks(project, 1, document.amount_unit)
    section = Section(_sheet_name(1, project), blocks)
    title = project.title or f"{project.name or project.code or ''}绩效目标表"
    return Layout(title=title, sections=[section])


def _document_title(document: TargetDocument) -> str:
    if document.title:
        return document.title
    year = f"{document.year}年" if document.year else ""
    return f"{year}{document.department.name or ''}绩效目标"
