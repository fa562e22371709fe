"""What changed between two versions of a project, in words a finance officer reads (conflicts, history).

Indicators are matched by their level-3 name where names are unique, otherwise by position; a changed, added or
removed indicator is one change each.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from jixiao.domain.model import Indicator, Overall, Project, TargetDocument
from jixiao.domain.values import format_number


@dataclass(frozen=True, slots=True)
class Change:
    """One difference: where (a Chinese label), the text before and after (None when absent)."""

    where: str
    before: str | None
    after: str | None

    def __str__(self) -> str:
        return f"{self.where}：“{self.before or '（空）'}” → “{self.after or '（空）'}”"


def _text(value: object) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, Decimal):
        return format_number(value)
    return str(value)


_PROJECT_FIELDS: list[tuple[str, Callable[[Project], object]]] = [
    ("项目编码", lambda p: p.code),
    ("项目名称", lambda p: p.name),
    ("预算数", lambda p: p.budget.total),
    ("财政资金", lambda p: p.budget.fiscal),
    ("其他资金", lambda p: p.budget.other),
    ("资金用途", lambda p: p.fund_use),
    ("资金支出计划", lambda p: "，".join(f"{c.label} {_text(c.percent) or ''}%" for c in p.spending_plan)),
    ("绩效目标", lambda p: p.goal),
    ("中期目标", lambda p: p.midterm_goal),
]

_INDICATOR_FIELDS: list[tuple[str, Callable[[Indicator], object]]] = [
    ("一级指标", lambda i: i.level1),
    ("二级指标", lambda i: i.level2),
    ("三级指标", lambda i: i.level3),
    ("绩效指标描述", lambda i: i.description),
    ("指标值", lambda i: i.value.text),
    ("指标值确定依据", lambda i: i.basis),
    ("权重", lambda i: i.weight),
]


def _unique_names(indicators: list[Indicator]) -> bool:
    names = [indicator.level3 for indicator in indicators]
    return None not in names and len(set(names)) == len(names)


def diff_projects(before: Project, after: Project) -> list[Change]:
    """Every difference between two versions of one project, in table order."""
    changes = [
        Change(label, _text(get(before)), _text(get(after)))
        for label, get in _PROJECT_FIELDS
        if _text(get(before)) != _text(get(after))
    ]
    return changes + _diff_indicators(before.indicators, after.indicators)


def _diff_indicators(before: list[Indicator], after: list[Indicator]) -> list[Change]:
    by_name = _unique_names(before) and _unique_names(after)
    old: dict[object, Indicator] = {item.level3 if by_name else index: item for index, item in enumerate(before)}
    new: dict[object, Indicator] = {item.level3 if by_name else index: item for index, item in enumerate(after)}
    changes: list[Change] = []
    for key, item in old.items():
        name = item.level3 or f"第 {before.index(item) + 1} 行"
        if key not in new:
            changes.append(Change(f"删除指标“{name}”", item.value.text or None, None))
            continue
        for label, get in _INDICATOR_FIELDS:
            if _text(get(item)) != _text(get(new[key])):
                changes.append(Change(f"指标“{name}”的{label}", _text(get(item)), _text(get(new[key]))))
    for key, item in new.items():
        if key not in old:
            changes.append(Change(f"新增指标“{item.level3 or '（未命名）'}”", None, item.value.text or None))
    if not changes and [i.level3 for i in before] != [i.level3 for i in after]:
        changes.append(
            Change("指标顺序", "、".join(i.level3 or "" for i in before), "、".join(i.level3 or "" for i in after))
        )
    return changes


def _project_key(project: Project, index: int) -> object:
    return project.code or project.name or index


def _diff_overall(before: TargetDocument, after: TargetDocument) -> list[Change]:
    old, new = before.overall, after.overall
    changes: list[Change] = []
    if _text(old.goal if old else None) != _text(new.goal if new else None):
        changes.append(Change("总体绩效目标", _text(old.goal if old else None), _text(new.goal if new else None)))
    parts: list[tuple[str, Callable[[Overall], str]]] = [
        ("分项绩效目标", lambda o: "；".join(f"{g.title}（{'、'.join(g.refinements)}）" for g in o.subgoals)),
        ("工作保障措施", lambda o: "；".join(s.title for s in o.safeguards)),
    ]
    for label, get in parts:
        first, second = (get(old) if old else None), (get(new) if new else None)
        if _text(first) != _text(second):
            changes.append(Change(label, _text(first), _text(second)))
    return changes


def diff_documents(before: TargetDocument, after: TargetDocument) -> list[Change]:
    """Every difference between two versions of a department's targets: Part 1, then each project by code."""
    changes = _diff_overall(before, after)
    old = {_project_key(p, i): p for i, p in enumerate(before.projects)}
    new = {_project_key(p, i): p for i, p in enumerate(after.projects)}
    for key, project in old.items():
        name = project.name or project.code or "（未命名项目）"
        if key not in new:
            changes.append(Change(f"删除项目“{name}”", _text(project.budget.total), None))
            continue
        changes.extend(Change(f"项目“{name}”：{c.where}", c.before, c.after) for c in diff_projects(project, new[key]))
    for key, project in new.items():
        if key not in old:
            changes.append(Change(f"新增项目“{project.name or project.code or ''}”", None, _text(project.budget.total)))
    return changes
