"""A readable terminal view of a target document: headed sections and box tables with Chinese text aligned."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from decimal import Decimal

from jixiao.domain.model import Project, TargetDocument
from jixiao.domain.values import format_number


def display_width(text: str) -> int:
    """Columns a string takes in a terminal: wide (CJK, full-width) characters count two."""
    return sum(
        2 if unicodedata.east_asian_width(char) in "WF" else 0 if unicodedata.combining(char) else 1 for char in text
    )


def _pad(text: str, width: int) -> str:
    return text + " " * (width - display_width(text))


def _wrap(text: str, width: int) -> list[str]:
    lines: list[str] = []
    for paragraph in text.split("\n"):
        current = ""
        for char in paragraph:
            if display_width(current + char) > width:
                lines.append(current)
                current = ""
            current += char
        lines.append(current)
    return lines or [""]


def table(headers: Sequence[str], rows: Sequence[Sequence[str]], max_width: int = 24) -> str:
    """A box-drawn table; cells wider than ``max_width`` wrap onto further lines."""
    widths = [
        min(max_width, max([display_width(h)] + [display_width(r[i]) for r in rows])) for i, h in enumerate(headers)
    ]

    def render(cells: Sequence[str]) -> list[str]:
        wrapped = [_wrap(cell, widths[i]) for i, cell in enumerate(cells)]
        height = max(len(lines) for lines in wrapped)
        return [
            "│ "
            + " │ ".join(_pad(lines[k] if k < len(lines) else "", widths[i]) for i, lines in enumerate(wrapped))
            + " │"
            for k in range(height)
        ]

    def rule(left: str, middle: str, right: str) -> str:
        return left + middle.join("─" * (width + 2) for width in widths) + right

    out = [rule("┌", "┬", "┐"), *render(headers), rule("├", "┼", "┤")]
    for row in rows:
        out.extend(render(row))
    out.append(rule("└", "┴", "┘"))
    return "\n".join(out)


def _amount(value: Decimal | None) -> str:
    return "—" if value is None else format_number(value)


def _project(project: Project, index: int, amount_unit: str) -> list[str]:
    budget = project.budget
    out = [
        f"{index}. {project.name or project.title or '（无名称）'}",
        f"   项目编码：{project.code or '—'}",
    ]
    if project.unit:
        out.append(f"   预算单位：{project.unit.code or ''}{project.unit.name or ''}")
    split = f"财政资金 {_amount(budget.fiscal)}，其他资金 {_amount(budget.other)}"
    out.append(f"   预算数：{_amount(budget.total)} {amount_unit}（{split}）")
    if project.fund_use:
        out.append(f"   资金用途：{project.fund_use}")
    if project.spending_plan:
        plan = "，".join(f"{p.label} {_amount(p.percent)}%" for p in project.spending_plan)
        out.append(f"   资金支出计划：{plan}")
    if project.midterm_goal:
        out.append(f"   中期目标：{project.midterm_goal}")
    if project.goal:
        out.append(f"   绩效目标：{project.goal}")
    midterm = any(indicator.midterm_value is not None for indicator in project.indicators)
    rows = [
        [
            indicator.level1 or "",
            indicator.level2 or "",
            indicator.level3 or "",
            *([indicator.midterm_value.text if indicator.midterm_value else ""] if midterm else []),
            indicator.value.text,
            indicator.basis or "",
        ]
        for indicator in project.indicators
    ]
    if rows:  # a document printing 中期 | 年度 values gets both columns
        values = ["中期指标值", "年度指标值"] if midterm else ["指标值"]
        out.append(table(["一级指标", "二级指标", "三级指标", *values, "指标值确定依据"], rows))
    return out


def render_document(document: TargetDocument) -> str:
    """The whole document as terminal text."""
    department = document.department
    head = [
        f"{document.title or '绩效目标'}",
        f"部门：{department.code or ''} {department.name or '（未识别）'}    年度：{document.year or '—'}    "
        f"金额单位：{document.amount_unit or '—'}",
        "",
    ]
    out = head
    overall = document.overall
    if overall is not None:
        out.append("第一部分 部门整体绩效目标")
        out.append("一、总体绩效目标")
        out.append(f"   {overall.goal or '—'}")
        out.append("二、分项绩效目标")
        for number, goal in enumerate(overall.subgoals, start=1):
            out.append(f"  ({number}) {goal.title}")
            out.extend(f"      {index}. {text}" for index, text in enumerate(goal.refinements, start=1))
        out.append("三、工作保障措施")
        out.extend(f"  ({number}) {item.title}" for number, item in enumerate(overall.safeguards, start=1))
        out.append("")
    if document.projects:
        out.append(f"第二部分 预算项目绩效目标（{len(document.projects)} 个项目）")
        for index, project in enumerate(document.projects, start=1):
            out.extend(_project(project, index, document.amount_unit or ""))
            out.append("")
    return "\n".join(out).rstrip() + "\n"
