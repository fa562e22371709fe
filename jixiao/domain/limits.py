"""What a target document may hold: text lengths, characters and number sizes, the same for forms, the API and imports.

The lengths are the database's (jixiao/web/records/models.py; a test keeps them equal), so that SQLite, which would
store a 100,000-character name, and PostgreSQL, which would refuse it with a server error, both give the same Chinese
message naming the field. Control characters other than tab and line breaks are refused (PostgreSQL cannot store NUL;
no page shows them); Word's manual line break (``\\x0b``) is a line break and is kept as one by :func:`clean_text`.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from jixiao.domain.errors import JixiaoError
from jixiao.domain.model import Indicator, IndicatorValue, Overall, Project, TargetDocument

LONG_TEXT = 20000  # goals, descriptions, bases: a page of text is a few thousand characters
NUMBER_CHARACTERS = 40  # an amount, a percentage or a target as printed (the column holds 40 characters)
NUMBER_DIGITS = 24  # significant digits: far beyond any budget in 元, far below a pasted 200-digit string

DEPARTMENT_TEXT = {"code": ("部门编码", 32), "name": ("部门名称", 200)}
DOCUMENT_TEXT = {"title": ("标题", 300), "amount_unit": ("金额单位", 8)}
PROJECT_TEXT = {
    "code": ("项目编码", 64),
    "name": ("项目名称", 300),
    "title": ("表名", 300),
    "fund_use": ("资金用途", LONG_TEXT),
    "goal": ("绩效目标", LONG_TEXT),
    "midterm_goal": ("中期目标", LONG_TEXT),
}
UNIT_TEXT = {"code": ("单位编码", 32), "name": ("单位名称", 300)}
INDICATOR_TEXT = {
    "level1": ("一级指标", 100),
    "level2": ("二级指标", 100),
    "level3": ("三级指标", 300),
    "description": ("绩效指标描述", LONG_TEXT),
    "basis": ("指标值确定依据", LONG_TEXT),
}
VALUE_TEXT = {"text": ("指标值", 300), "unit": ("度量单位", 40)}
CHECKPOINT_LABEL = ("资金支出计划时间点", 40)
BUDGET_FIELDS = (("total", "预算数"), ("fiscal", "财政资金"), ("other", "其他资金"), ("midterm", "中期资金总额"))
OVERALL_TEXT = {"goal": ("总体绩效目标", LONG_TEXT)}
PART_TEXT = {"title": ("标题", 500), "description": ("说明", LONG_TEXT)}

_LINE_BREAKS_RE = re.compile("[\x0b\x0c\u2028\u2029]")
_CONTROL_RE = re.compile("[\x00-\x08\x0e-\x1f\x7f]")


def clean_text(text: str) -> str:
    """Word's manual line break, a form feed and the Unicode line and paragraph separators as plain line breaks."""
    return _LINE_BREAKS_RE.sub("\n", text) if _LINE_BREAKS_RE.search(text) else text


def check_text(where: str, label: str, limit: int, text: str | None) -> None:
    """Raise ``limits.too_long`` or ``limits.control`` when ``text`` is longer than ``limit`` or holds a control
    character other than tab and line breaks."""
    if not text:
        return
    if len(text) > limit:
        raise JixiaoError("limits.too_long", where=where, field=label, limit=limit, length=len(text))
    found = _CONTROL_RE.search(text)
    if found:
        code = f"U+{ord(found.group()):04X}"
        raise JixiaoError("limits.control", where=where, field=label, character=code)


def _number(where: str, label: str, number: Decimal | None) -> None:
    if number is None:
        return
    if not number.is_finite():
        raise JixiaoError("limits.number", where=where, field=label, text=str(number))
    printed = format(number, "f")
    if len(printed) > NUMBER_CHARACTERS or len(number.as_tuple().digits) > NUMBER_DIGITS:
        raise JixiaoError("limits.number", where=where, field=label, text=printed[:30] + "…")


def _fields(where: str, item: Any, table: dict[str, tuple[str, int]]) -> None:
    for name, (label, limit) in table.items():
        check_text(where, label, limit, getattr(item, name))


def _value(where: str, value: IndicatorValue, prefix: str = "") -> None:
    for name, (label, limit) in VALUE_TEXT.items():
        check_text(where, prefix + label, limit, getattr(value, name))
    _number(where, prefix + "指标值", value.number)
    _number(where, prefix + "指标值上限", value.upper)


def _indicator(where: str, indicator: Indicator) -> None:
    _fields(where, indicator, INDICATOR_TEXT)
    _value(where, indicator.value)
    if indicator.midterm_value is not None:
        _value(where, indicator.midterm_value, "中期")
    _number(where, "权重", indicator.weight)


def check_project(project: Project) -> None:
    """Raise ``limits.*`` (a :class:`JixiaoError` naming the project, row and field) at the first field that a form,
    the API or an import must not store."""
    where = f"项目“{(project.name or project.code or '')[:40]}”"
    _fields(where, project, PROJECT_TEXT)
    if project.unit is not None:
        _fields(where, project.unit, UNIT_TEXT)
    for name, label in (
        ("total", "预算数"),
        ("fiscal", "财政资金"),
        ("other", "其他资金"),
        ("midterm", "中期资金总额"),
    ):
        _number(where, label, getattr(project.budget, name))
    for checkpoint in project.spending_plan:
        check_text(where, *CHECKPOINT_LABEL, checkpoint.label)
        _number(where, f"资金支出计划“{checkpoint.label[:20]}”", checkpoint.percent)
    for position, indicator in enumerate(project.indicators, start=1):
        _indicator(f"{where}第 {position} 行指标", indicator)


def check_overall(overall: Overall | None) -> None:
    """The department-overall part: its goal, sub-goals with their refinements, and safeguards."""
    if overall is None:
        return
    _fields("部门整体目标", overall, OVERALL_TEXT)
    for number, part in enumerate([*overall.subgoals, *overall.safeguards], start=1):
        _fields(f"部门整体目标第 {number} 项", part, PART_TEXT)
        for refinement in getattr(part, "refinements", []):
            check_text(f"部门整体目标第 {number} 项", "细化内容", LONG_TEXT, refinement)


def check_document(document: TargetDocument) -> None:
    """The whole document: its department, title, Part 1 and every project."""
    _fields("文档", document.department, DEPARTMENT_TEXT)
    _fields("文档", document, DOCUMENT_TEXT)
    check_overall(document.overall)
    for project in document.projects:
        check_project(project)


def cleaned(item: Any) -> Any:
    """``item`` (a document, project or any part) with every text field passed through :func:`clean_text`."""
    if isinstance(item, str):
        return clean_text(item)
    if isinstance(item, list):
        return [cleaned(part) for part in item]
    if dataclasses.is_dataclass(item) and not isinstance(item, type):
        changes = {f.name: cleaned(getattr(item, f.name)) for f in dataclasses.fields(item) if f.init}
        return dataclasses.replace(item, **changes)
    return item


def texts(item: Any) -> Iterator[str]:
    """Every text in ``item``, for tests and scans."""
    if isinstance(item, str):
        yield item
    elif isinstance(item, list):
        for part in item:
            yield from texts(part)
    elif dataclasses.is_dataclass(item) and not isinstance(item, type):
        for f in dataclasses.fields(item):
            yield from texts(getattr(item, f.name))
