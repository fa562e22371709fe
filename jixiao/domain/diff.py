"""What changed between two versions of a project, in words a finance officer reads (conflicts, history).

Indicators are matched by their level-3 name, the n-th row of a name with the n-th row of that name in the other
version (so duplicated rows pair up in order and an inserted row is one addition, not a cascade); a changed, added or
removed indicator is one change each, named by its row number where its name repeats. Linear in the rows.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable, Sequence
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


def _keys(names: Sequence[str]) -> list[tuple[str, int]]:
    """Each item's name with how many items of that name came before it: the n-th row of a name in one version
    matches the n-th row of that name in the other, whatever moved around them (one pass, no search)."""
    seen: Counter[str] = Counter()
    keys = []
    for name in names:
        keys.append((name, seen[name]))
        seen[name] += 1
    return keys


def _indicator_name(indicator: Indicator) -> str:
    return (indicator.level3 or "").strip()


def _signature(indicator: Indicator) -> tuple[str | None, ...]:
    return tuple(_text(get(indicator)) for _, get in _INDICATOR_FIELDS)


def _pair_rows(before: list[Indicator], after: list[Indicator]) -> tuple[dict[int, int], list[int], list[int]]:
    """Which rows of the two versions are the same row (before index → after index), then the indices of the
    removed and of the added rows. Linear in the rows.

    The unchanged rows at the start and the end pair by position, so a single edit is always placed on its own row
    even among identical rows. Between them, the n-th copy of an unchanged row pairs with its n-th copy, and the rows
    still unpaired pair up by name, the n-th of a name with the n-th (a changed row).
    """
    old, new = [_signature(row) for row in before], [_signature(row) for row in after]
    start = 0
    while start < min(len(old), len(new)) and old[start] == new[start]:
        start += 1
    end = 0
    while end < min(len(old), len(new)) - start and old[-1 - end] == new[-1 - end]:
        end += 1
    pairs = {i: i for i in range(start)}
    pairs.update((len(old) - end + k, len(new) - end + k) for k in range(end))
    old_rest, new_rest = list(range(start, len(old) - end)), list(range(start, len(new) - end))
    names = [_indicator_name(row) for row in before], [_indicator_name(row) for row in after]
    for old_keys, new_keys in ((old, new), names):
        waiting: dict[Hashable, list[int]] = {}
        for j in reversed(new_rest):
            waiting.setdefault(new_keys[j], []).append(j)
        unpaired = []
        for i in old_rest:
            queue = waiting.get(old_keys[i])
            if queue:
                pairs[i] = queue.pop()
            else:
                unpaired.append(i)
        taken = set(pairs.values())
        old_rest, new_rest = unpaired, [j for j in new_rest if j not in taken]
    return pairs, old_rest, new_rest


def diff_projects(before: Project, after: Project) -> list[Change]:
    """Every difference between two versions of one project, in table order."""
    changes = [
        Change(label, _text(get(before)), _text(get(after)))
        for label, get in _PROJECT_FIELDS
        if _text(get(before)) != _text(get(after))
    ]
    return changes + _diff_indicators(before.indicators, after.indicators)


def _diff_indicators(before: list[Indicator], after: list[Indicator]) -> list[Change]:
    """A row is named by its 三级指标 where that is unique in both versions, and by its row number as well
    (``第 3 行指标“…”``) where the name repeats or is missing: the row before the change for a changed or removed
    row, the row after it for an added one."""
    old_names = [_indicator_name(item) for item in before]
    new_names = [_indicator_name(item) for item in after]
    counts = Counter(old_names) | Counter(new_names)

    def label(name: str, index: int) -> str:
        if name and counts[name] == 1:
            return f"指标“{name}”"
        return f"第 {index + 1} 行指标“{name}”" if name else f"第 {index + 1} 行指标"

    paired, removed, added = _pair_rows(before, after)
    changes: list[Change] = []
    gone = set(removed)
    for i, item in enumerate(before):
        if i in gone:
            changes.append(Change(f"删除{label(old_names[i], i)}", item.value.text or None, None))
            continue
        other = after[paired[i]]
        for field, get in _INDICATOR_FIELDS:
            if _text(get(item)) != _text(get(other)):
                changes.append(Change(f"{label(old_names[i], i)}的{field}", _text(get(item)), _text(get(other))))
    for j in added:
        changes.append(Change(f"新增{label(new_names[j], j)}", None, after[j].value.text or None))
    if not changes and old_names != new_names:
        changes.append(
            Change("指标顺序", "、".join(i.level3 or "" for i in before), "、".join(i.level3 or "" for i in after))
        )
    return changes


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
    """Every difference between two versions of a department's targets: Part 1, then each project by code (else by
    name), the n-th project of a code matched with the n-th of that code in the other version."""
    changes = _diff_overall(before, after)
    old_keys = [project.code or project.name or "" for project in before.projects]
    new_keys = [project.code or project.name or "" for project in after.projects]
    new = dict(zip(_keys(new_keys), after.projects, strict=True))
    matched: set[tuple[str, int]] = set()
    for key, project in zip(_keys(old_keys), before.projects, strict=True):
        name = project.name or project.code or "（未命名项目）"
        if key not in new:
            changes.append(Change(f"删除项目“{name}”", _text(project.budget.total), None))
            continue
        matched.add(key)
        changes.extend(Change(f"项目“{name}”：{c.where}", c.before, c.after) for c in diff_projects(project, new[key]))
    for key, project in new.items():
        if key not in matched:
            changes.append(Change(f"新增项目“{project.name or project.code or ''}”", None, _text(project.budget.total)))
    return changes
