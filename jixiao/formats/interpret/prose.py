"""Targets written as running sentences (a 公示 notice): the last resort when no layout finds a table.

``一、产出指标`` heads a level-1 group; ``数量指标：资助建档立卡贫困子女1966人；…`` gives a level-2 and its indicators,
each a name with its value at the end (``…(≥**株)>=17600株``), separated by ``；`` ``。`` or a comma after a value. The
project is what the sentences say: ``资金用于…项目`` / ``实施…项目`` (its name), ``资金总额500万元`` (its amount),
``总体绩效目标是：…。`` (its goal). Nothing of this is a table, so every field read is flagged for the user to check.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from jixiao.domain.errors import ReadWarning
from jixiao.domain.frame import is_level1_name, is_level2_name
from jixiao.domain.model import Budget, Department, Indicator, Project, TargetDocument, Unit, ValueKind
from jixiao.domain.values import parse_value
from jixiao.formats.interpret.tokens import value_start

if TYPE_CHECKING:
    from jixiao.formats.interpret.document import ReadResult

# A category name followed by a colon or a comma (数量指标：, 社会效益目标：, 服务对象满意度指标，).
_CATEGORY_RE = re.compile(r"(?P<name>[\u4e00-\u9fff]{2,14}?(?:指标|目标))\s*[:：,，]")
# A heading line naming a level-1 category: 一、产出指标 / （一）产出指标 / 1.产出指标.
_HEADING_RE = re.compile(
    r"^\s*(?:[一二三四五六七八九十]{1,3}\s*[、.．]|[（(][一二三四五六七八九十]{1,3}[)）]|\d{1,2}\s*[、.．])\s*(?P<name>\S{2,14})\s*$"
)
_ITEM_NUMBER_RE = re.compile(r"^\s*(?:\d{1,2}\s*[、.．]|[（(]\d{1,2}[)）])\s*")
_CORE_RE = re.compile(r"^[★]+")
_LAST_SIGN_RE = re.compile(r"(?:[≥≤><=]=?|大于等于|小于等于|不低于|不高于|不少于|不超过)\s*\d[^≥≤><=]*$")
_GOAL_RE = re.compile(r"总体(?:绩效)?目标(?:是|为)?\s*[:：]?\s*(?P<goal>[^。\n]{6,300}。)")
_TOTAL_RE = re.compile(r"资金(?:总额|规模)?\s*[:：]?\s*(?P<amount>\d+(?:\.\d+)?)\s*万元")
_FISCAL_RE = re.compile(r"财政资金\s*[:：]?\s*(?P<amount>\d+(?:\.\d+)?)\s*万元")
_NAME_RES = (
    re.compile(r"(?:资金用于|实施)(?P<name>[^,，。;；《》:：\n]{4,60}?项目)[,，。;；]"),
    re.compile(r"(?P<name>\d{4}年[^,，。;；《》:：\n]{2,60}?项目)由(?P<unit>[^,，。;；\n]{2,30}?)实施"),
)


def read_prose(text: str) -> ReadResult | None:
    """The targets a notice states in sentences, or None when it states no indicator so."""
    from jixiao.formats.interpret.document import ReadResult  # the document reader uses this module's sentences

    indicators, line = _indicators(text)
    if not indicators:
        return None
    project = Project(code=None, name=None)
    warnings: list[ReadWarning] = []
    guessed: list[str] = []
    for pattern in _NAME_RES:
        if found := pattern.search(text):
            project.name = found.group("name").strip()
            guessed.append("name")
            if "unit" in pattern.groupindex:
                project.unit = Unit(code=None, name=found.group("unit").strip())
                guessed.append("unit")
            break
    if found := _GOAL_RE.search(text):
        project.goal = found.group("goal").strip()
        guessed.append("goal")
    total, fiscal = first_amount(_TOTAL_RE, text), first_amount(_FISCAL_RE, text)
    project.budget = Budget(total=total if total is not None else fiscal, fiscal=fiscal)
    guessed += [name for name in ("total", "fiscal") if getattr(project.budget, name) is not None]
    project.indicators = [indicator for indicator, _ in indicators]
    for name in guessed:
        warnings.append(ReadWarning("prose.field", line, {"field": _FIELDS[name]}, table=0, field_name=name))
    for position, (indicator, item_line) in enumerate(indicators):
        name = indicator.level3 or indicator.value.text
        warnings.append(
            ReadWarning("prose.indicator", item_line, {"name": name}, table=0, row=position, field_name="*")
        )
    amounts = project.budget.total is not None or project.budget.fiscal is not None
    document = TargetDocument(
        year=None, amount_unit="万元" if amounts else None, department=Department(code=None, name=None)
    )
    document.projects.append(project)
    return ReadResult(document=document, warnings=warnings, layout="prose")


_FIELDS = {"name": "项目名称", "unit": "实施单位", "goal": "年度目标", "total": "预算数", "fiscal": "财政资金"}


def first_amount(pattern: re.Pattern[str], text: str) -> Decimal | None:
    """The ``amount`` group of the first match of ``pattern`` in ``text`` as a Decimal, or None."""
    found = pattern.search(text)
    if found is None:
        return None
    try:
        return Decimal(found.group("amount"))
    except InvalidOperation:  # pragma: no cover - the pattern admits only decimals
        return None


def _indicators(text: str) -> tuple[list[tuple[Indicator, int]], int]:
    """Each indicator the sentences state, with its line; the line of the first category."""
    found: list[tuple[Indicator, int]] = []
    level1: str | None = None
    first = 0
    for number, line in enumerate(text.split("\n"), start=1):
        heading = _HEADING_RE.match(line)
        if heading and is_level1_name(heading.group("name")):
            level1, first = heading.group("name"), first or number
            continue
        marks = [match for match in _CATEGORY_RE.finditer(line) if _category(match.group("name"))]
        if not marks:
            continue
        first = first or number
        level2: str | None = None
        for index, match in enumerate(marks):
            name = _ITEM_NUMBER_RE.sub("", match.group("name"))
            end = marks[index + 1].start() if index + 1 < len(marks) else len(line)
            if is_level1_name(name) and not is_level2_name(name):
                level1, level2 = name, None
            else:
                level2 = name
            if level1 is None:
                continue
            for item in _items(line[match.end() : end]):
                found.append((_indicator(level1, level2, item), number))
    if found and found[-1][0].level3 is None and text.rstrip().endswith(found[-1][0].value.text):
        found.pop()  # the notice is cut inside its last sentence (…平方米,环): no indicator
    return found, first


def sentence_indicators(level1: str, text: str) -> list[Indicator]:
    """The indicators a cell states as a sentence under a level-1 name (产出指标 | 开展巡查频次8次;编制资料数量3个;…);
    empty unless at least two of its items carry a value."""
    items = _items(text)
    if sum(1 for item in items if value_start(_CORE_RE.sub("", item).strip()) is not None) < 2:
        return []
    return [_indicator(level1, None, item) for item in items]


def _category(name: str) -> bool:
    name = _ITEM_NUMBER_RE.sub("", name)
    return is_level1_name(name) or is_level2_name(name)


def _items(text: str) -> list[str]:
    """The indicators of one category's sentence: cut at ；。 and at a comma after a value (a comma inside a name,
    ``补助各类瓜果蔬菜种植数量，黄金蜜种植数量(≥**株)>=17600株``, is no cut)."""
    items: list[str] = []
    for part in re.split(r"[;；。]", text):
        pending = ""
        for piece in re.split(r"[,，]", part):
            pending = f"{pending},{piece}" if pending else piece
            if value_start(pending.strip()) is not None:
                items.append(pending.strip())
                pending = ""
        if pending.strip():
            items.append(pending.strip())
    return [item for item in items if item]


def _indicator(level1: str, level2: str | None, item: str) -> Indicator:
    core = bool(_CORE_RE.match(item))
    item = _CORE_RE.sub("", item).strip()
    start = value_start(item)
    if start is None and (sign := _LAST_SIGN_RE.search(item)) is not None and sign.start() > 0:
        start = sign.start()  # ≤28.40/株: a comparator and a number the value grammar leaves as text
    if start is None:  # a qualitative statement with no name of its own (生态修复功能提高)
        return Indicator(level1=level1, level2=level2, level3=None, value=parse_value(item), core=core)
    name, value = item[:start].strip(), item[start:].strip()
    parsed = parse_value(value)
    if parsed.kind is ValueKind.QUALITATIVE and not re.search(r"\d", value):
        return Indicator(level1=level1, level2=level2, level3=None, value=parse_value(item), core=core)
    return Indicator(level1=level1, level2=level2, level3=name or None, value=parsed, core=core)
