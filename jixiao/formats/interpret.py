"""From a stream of paragraphs and table rows to a :class:`TargetDocument`, whatever layout the rows came from.

The interpreter is label-driven: it recognises the printed labels of the official tables (项目编码, 预算数,
资金支出计划, 一级指标 …) and their common synonyms, and never relies on absolute positions. Parts it cannot place are
reported as :class:`ReadWarning` with their line, not dropped silently.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from jixiao.domain import frame
from jixiao.domain.errors import DocumentError, ReadWarning
from jixiao.domain.model import (
    Budget,
    Department,
    Indicator,
    IndicatorValue,
    Overall,
    Project,
    Safeguard,
    SpendingCheckpoint,
    SubGoal,
    TargetDocument,
    Unit,
)
from jixiao.domain.values import normalise, parse_value
from jixiao.formats.blocks import Block, Para, Row


@dataclass(slots=True)
class ReadResult:
    """What a reader recognised, the warnings about what it skipped, and the layout it detected."""

    document: TargetDocument
    warnings: list[ReadWarning] = field(default_factory=list)
    layout: str = ""


# ---------------------------------------------------------------------------------------------------------------
# Labels. Keys are compared after `_label_key` (no spaces, no colon, no "其中", no bracketed unit).

_HEADER_LABELS: dict[str, str] = {
    "项目编码": "code",
    "项目代码": "code",
    "项目编号": "code",
    "项目名称": "name",
    "预算数": "total",
    "年度预算数": "total",
    "预算金额": "total",
    "项目预算数": "total",
    "资金总额": "total",
    "年度资金总额": "total",
    "项目总金额": "total",
    "预算总额": "total",
    "财政资金": "fiscal",
    "财政拨款": "fiscal",
    "本年财政拨款": "fiscal",
    "当年财政拨款": "fiscal",
    "财政拨款资金": "fiscal",
    "其他资金": "other",
    "其它资金": "other",
}

_SECTION_LABELS: dict[str, str] = {
    "预算规模及资金用途": "fund",
    "资金用途": "fund",
    "项目资金": "fund",
    "资金支出计划": "plan",
    "资金支出计划(%)": "plan",
    "支出计划": "plan",
    "绩效目标": "goal",
    "年度绩效目标": "goal",
    "年度目标": "goal",
    "项目绩效目标": "goal",
    "总体目标": "goal",
    "中期目标": "midterm_goal",
    "中长期目标": "midterm_goal",
    "长期目标": "midterm_goal",
}

_COLUMN_LABELS: dict[str, str] = {
    "一级指标": "level1",
    "二级指标": "level2",
    "三级指标": "level3",
    "三级指标名称": "level3",
    "指标名称": "level3",
    "绩效指标": "level3",
    "绩效指标描述": "description",
    "指标描述": "description",
    "指标内容": "description",
    "指标解释": "description",
    "指标说明": "description",
    "指标值": "value",
    "目标值": "value",
    "年度指标值": "value",
    "年度目标值": "value",
    "指标值(年度)": "value",
    "年度": "value",
    "中期指标值": "midterm",
    "中期目标值": "midterm",
    "指标值(中期)": "midterm",
    "中期": "midterm",
    "指标值确定依据": "basis",
    "确定依据": "basis",
    "指标值设定依据": "basis",
    "指标值确定依据及说明": "basis",
    "权重": "weight",
    "指标权重": "weight",
    "分值": "weight",
    "指标性质": "comparator",
    "计算符号": "comparator",
    "度量单位": "unit",
    "计量单位": "unit",
    "备注": "remark",
}

_PROJECT_TITLE_RE = re.compile(
    r"^(?:\d{1,3}\s*[.、．]\s*(?P<numbered>\S.*?绩效目标(?:表|申报表)?)|(?P<title>\S.*?绩效目标(?:表|申报表)))\s*$"
)
_UNIT_LINE_RE = re.compile(r"^(?P<code>\d{3,12})\s*(?P<name>\S.*)$")
_AMOUNT_UNIT_RE = re.compile(r"^(?:金额)?单位[:：]\s*(?P<unit>万元|元|千元|亿元)$")
_MONTH_RE = re.compile(r"(\d{1,2})\s*月")
_YEAR_RE = re.compile(r"(20\d{2})\s*年")
_CN_ITEM_RE = re.compile(r"^[一二三四五六七八九十]{1,3}\s*[、.．]\s*(?P<rest>.*)$")
_CN_PAREN_ITEM_RE = re.compile(r"^[（(][一二三四五六七八九十]{1,3}[)）]\s*(?P<rest>.*)$")
_DIGIT_ITEM_RE = re.compile(r"^(?P<n>\d{1,2})(?![\d年月日%.．]\d)\s*[、.．)）]?\s*(?P<rest>\S.*)$")
_PAGE_NUMBER_RE = re.compile(r"^[-—\s]*\d{1,4}[-—\s]*$|^第\s*\d+\s*页(?:\s*共\s*\d+\s*页)?$")


def _label_key(text: str) -> str:
    key = normalise(text)
    key = re.sub(r"\s+", "", key)
    key = key.removeprefix("其中:").removeprefix("其中")
    key = key.rstrip(":")
    key = re.sub(r"\((?:万元|元|千元)\)$", "", key)
    return key


def _section_of(cell: str) -> str | None:
    key = _label_key(cell)
    if key in _SECTION_LABELS:
        return _SECTION_LABELS[key]
    if key.startswith("资金支出计划"):
        return "plan"
    return None


def parse_amount(text: str) -> Decimal | None:
    """An amount cell (``5.00``, ``50,000.00``, ``10.5万元``) as a Decimal, or None when it is no amount."""
    body = normalise(text).replace(",", "")
    body = re.sub(r"(万元|元|千元|亿元)$", "", body).strip()
    if not re.fullmatch(r"[+-]?\d+(?:\.\d+)?", body):
        return None
    try:
        return Decimal(body)
    except InvalidOperation:  # pragma: no cover - the regex admits only valid decimals
        return None


def parse_percent(text: str) -> Decimal | None:
    """A percentage cell (``25.00%``, ``25``, ``25百分比``) as the number of percent, or None."""
    body = normalise(text).rstrip("%").strip()
    return parse_amount(body)


# ---------------------------------------------------------------------------------------------------------------
# Part 1


_PART1_SECTIONS: list[tuple[str, str]] = [
    (r"总体.*目标|整体.*目标|年度.*总体", "goal"),
    (r"分项|职责|具体.*目标|主要.*目标", "subgoals"),
    (r"保障措施|保障", "safeguards"),
]


def _part1_section(text: str) -> str | None:
    match = _CN_ITEM_RE.match(text)
    if match is None:
        return None
    rest = match.group("rest")
    for pattern, name in _PART1_SECTIONS:
        if re.search(pattern, rest) and len(rest) <= 16:
            return name
    return None


def _read_overall(paras: Sequence[Para], warnings: list[ReadWarning]) -> Overall:
    overall = Overall()
    goal_lines: list[str] = []
    section: str | None = None
    for para in paras:
        text = para.text
        new_section = _part1_section(text)
        if new_section is not None:
            section = new_section
            continue
        if section == "goal":
            goal_lines.append(text)
        elif section == "subgoals":
            _add_subgoal_line(overall.subgoals, text, para, warnings)
        elif section == "safeguards":
            _add_safeguard_line(overall.safeguards, text, para, warnings)
        else:
            warnings.append(ReadWarning("overall.stray_text", para.line, {"text": text[:40]}))
    overall.goal = "\n".join(goal_lines) or None
    return overall


def _item_title(text: str) -> str | None:
    match = _CN_ITEM_RE.match(text) or _CN_PAREN_ITEM_RE.match(text)
    return match.group("rest").strip() if match else None


def _add_subgoal_line(subgoals: list[SubGoal], text: str, para: Para, warnings: list[ReadWarning]) -> None:
    title = _item_title(text)
    if title is not None:
        subgoals.append(SubGoal(title=title))
        return
    if not subgoals:
        warnings.append(ReadWarning("overall.stray_text", para.line, {"text": text[:40]}))
        return
    current = subgoals[-1]
    refinement = _DIGIT_ITEM_RE.match(text)
    if refinement is not None:
        current.refinements.append(refinement.group("rest").strip())
    else:
        current.description = f"{current.description}\n{text}" if current.description else text


def _add_safeguard_line(safeguards: list[Safeguard], text: str, para: Para, warnings: list[ReadWarning]) -> None:
    title = _item_title(text)
    if title is not None:
        safeguards.append(Safeguard(title=title))
    elif safeguards:
        current = safeguards[-1]
        current.description = f"{current.description}\n{text}" if current.description else text
    else:
        warnings.append(ReadWarning("overall.stray_text", para.line, {"text": text[:40]}))


# ---------------------------------------------------------------------------------------------------------------
# Part 2: project tables


@dataclass(slots=True)
class _Columns:
    """The indicator table's columns: role → index, and how many columns a full row has."""

    roles: dict[str, int]
    width: int

    @classmethod
    def from_header(cls, row: Row) -> _Columns | None:
        roles: dict[str, int] = {}
        for index, cell in enumerate(row.cells):
            role = _COLUMN_LABELS.get(_label_key(cell))
            if role is not None and role not in roles:
                roles[role] = index
        if "value" not in roles or not ({"level3", "level1"} <= roles.keys() or "level3" in roles):
            return None
        if "level1" not in roles and "level2" not in roles:
            return None
        return cls(roles=roles, width=len(row.cells))


def _is_indicator_header(row: Row) -> bool:
    keys = {_label_key(cell) for cell in row.cells}
    return "一级指标" in keys or ("二级指标" in keys and ("三级指标" in keys or "指标名称" in keys))


@dataclass(slots=True)
class _ProjectReader:
    """Reads the rows of one project table; a fresh one starts at each project title or 项目编码 row."""

    project: Project
    line: int
    amount_unit: str | None = None
    section: str | None = None
    plan_labels: list[str] = field(default_factory=list)
    columns: _Columns | None = None
    last_level1: str | None = None
    last_level2: str | None = None

    def feed(self, row: Row, warnings: list[ReadWarning]) -> None:
        if _is_indicator_header(row):
            self.columns = _Columns.from_header(row)
            self.section = "indicators"
            return
        if self.columns is not None and not self._has_header_label(row):
            self._indicator(row, warnings)
            return
        self._header_row(row, warnings)

    def _has_header_label(self, row: Row) -> bool:
        return any(_label_key(cell) in _HEADER_LABELS or _section_of(cell) for cell in row.cells)

    # -- project header rows ----------------------------------------------------------------------------------
    def _header_row(self, row: Row, warnings: list[ReadWarning]) -> None:
        cells = list(row.cells)
        if self._unit_row(row):
            return
        section = _section_of(cells[0]) if cells else None
        if section is not None:
            self.section = section
            self.columns = None
            rest = cells[1:]
            if section == "plan":
                self.plan_labels = [cell for cell in rest if cell]
                return
            if section in ("goal", "midterm_goal"):
                self._set_text(section, [cell for cell in rest if cell])
                return
            cells = rest
        elif cells and not cells[0] and self.section in ("fund", "plan", "goal", "midterm_goal"):
            self._continuation(row, warnings)
            return
        if not self._label_pairs(cells, row, warnings) and row.nonempty():
            if self.section in ("fund", "goal", "midterm_goal", "plan"):
                self._continuation(row, warnings)
            else:
                warnings.append(ReadWarning("table.stray_row", row.line, {"text": row.text()[:60]}))

    def _unit_row(self, row: Row) -> bool:
        found = False
        for cell in row.cells:
            match = _AMOUNT_UNIT_RE.match(_label_key(cell))
            if match:
                self.amount_unit = match.group("unit")
                found = True
        if not found:
            return False
        for cell in row.cells:
            unit_line = _UNIT_LINE_RE.match(cell)
            if cell and not _AMOUNT_UNIT_RE.match(_label_key(cell)):
                if unit_line:
                    self.project.unit = Unit(code=unit_line.group("code"), name=unit_line.group("name").strip())
                else:
                    self.project.unit = Unit(code=None, name=cell)
        return True

    def _label_pairs(self, cells: list[str], row: Row, warnings: list[ReadWarning]) -> bool:
        found = False
        index = 0
        while index < len(cells):
            role = _HEADER_LABELS.get(_label_key(cells[index]))
            if role is None:
                index += 1
                continue
            found = True
            value = cells[index + 1] if index + 1 < len(cells) else ""
            self._set_field(role, value, row, warnings)
            index += 2
        return found

    def _set_field(self, role: str, value: str, row: Row, warnings: list[ReadWarning]) -> None:
        if role in ("code", "name"):
            setattr(self.project, role, value or None)
            return
        amount = parse_amount(value) if value else None
        if value and amount is None:
            warnings.append(ReadWarning("project.amount", row.line, {"field": _FIELD_NAMES[role], "text": value}))
        setattr(self.project.budget, role, amount)

    def _set_text(self, section: str, texts: list[str]) -> None:
        if not texts:
            return
        text = "\n".join(texts)
        attribute = "goal" if section == "goal" else "midterm_goal" if section == "midterm_goal" else "fund_use"
        previous = getattr(self.project, attribute)
        setattr(self.project, attribute, f"{previous}\n{text}" if previous else text)

    def _continuation(self, row: Row, warnings: list[ReadWarning]) -> None:
        texts = row.nonempty()
        if not texts:
            return
        if self.section == "plan":
            self._plan_values(texts, row, warnings)
        elif self.section is not None:
            self._set_text(self.section, texts)

    def _plan_values(self, texts: list[str], row: Row, warnings: list[ReadWarning]) -> None:
        labels = self.plan_labels
        if len(labels) != len(texts):
            warnings.append(
                ReadWarning("project.plan_mismatch", row.line, {"labels": len(labels), "values": len(texts)})
            )
        for label, text in zip(labels, texts, strict=False):
            percent = parse_percent(text)
            if percent is None:
                warnings.append(ReadWarning("project.plan_percent", row.line, {"label": label, "text": text}))
            month = _MONTH_RE.search(label)
            self.project.spending_plan.append(
                SpendingCheckpoint(label=label, month=int(month.group(1)) if month else None, percent=percent)
            )
        self.section = None

    # -- indicator rows ---------------------------------------------------------------------------------------
    def _indicator(self, row: Row, warnings: list[ReadWarning]) -> None:
        assert self.columns is not None
        cells = self._align(list(row.cells))
        if cells is None:
            warnings.append(
                ReadWarning(
                    "indicator.short_row",
                    row.line,
                    {"found": len(row.cells), "expected": self.columns.width, "text": row.text()[:60]},
                )
            )
            return
        if not any(cells):
            return
        roles = self.columns.roles

        def cell(role: str) -> str | None:
            index = roles.get(role)
            return (cells[index] or None) if index is not None and index < len(cells) else None

        level1 = cell("level1") or self.last_level1
        level2 = cell("level2")
        if cell("level1"):
            self.last_level2 = None
        level2 = level2 or self.last_level2
        self.last_level1, self.last_level2 = level1, level2
        level3 = cell("level3")
        value = self._value(cell("value"), cell("comparator"), cell("unit"))
        if level1 is None:
            warnings.append(ReadWarning("indicator.no_level1", row.line, {"name": level3 or row.text()[:30]}))
        if not value.text and level3:
            warnings.append(ReadWarning("indicator.no_value", row.line, {"name": level3}))
        midterm_text = cell("midterm")
        weight_text = cell("weight")
        self.project.indicators.append(
            Indicator(
                level1=level1,
                level2=level2,
                level3=level3,
                value=value,
                description=cell("description"),
                basis=cell("basis"),
                weight=parse_amount(weight_text) if weight_text else None,
                midterm_value=self._value(midterm_text, None, None) if midterm_text else None,
            )
        )

    def _align(self, cells: list[str]) -> list[str] | None:
        """Pad a row whose merged level-1/level-2 cells were dropped, so every cell sits under its header."""
        assert self.columns is not None
        width = self.columns.width
        while cells and len(cells) > width and not cells[-1]:
            cells.pop()
        missing = width - len(cells)
        if missing <= 0:
            return cells
        has_level1 = "level1" in self.columns.roles
        has_level2 = "level2" in self.columns.roles
        first = cells[0] if cells else ""
        if frame.is_level1_name(first):
            return cells + [""] * missing
        if frame.is_level2_name(first) and has_level1:
            return [""] + cells + [""] * (missing - 1)
        leading = int(has_level1) + int(has_level2)
        if missing <= leading:
            return [""] * missing + cells
        if len(cells) >= 2:
            return [""] * leading + cells + [""] * (missing - leading)
        return None

    @staticmethod
    def _value(text: str | None, comparator: str | None, unit: str | None) -> IndicatorValue:
        if text is None:
            return IndicatorValue(text="")
        if comparator is None and unit is None:
            return parse_value(text)
        sign = _COMPARATOR_WORDS.get(_label_key(comparator or ""), comparator or "")
        if sign in ("定性", "qualitative"):
            return parse_value(text)
        return parse_value(f"{sign}{text}{unit or ''}")


_FIELD_NAMES = {"total": "预算数", "fiscal": "财政资金", "other": "其他资金"}

# 指标性质 columns print a symbol, a word, or the direction (正向/反向).
_COMPARATOR_WORDS = {
    "正向": "≥",
    "正向指标": "≥",
    "反向": "≤",
    "反向指标": "≤",
    "大于等于": "≥",
    "小于等于": "≤",
    "等于": "=",
    "大于": ">",
    "小于": "<",
    "定量": "",
    "定性": "定性",
}


# ---------------------------------------------------------------------------------------------------------------
# The whole document


def _is_part_marker(text: str, number: str) -> bool:
    return re.sub(r"\s+", "", text) == f"第{number}部分"


def _project_title(text: str) -> str | None:
    if len(text) > 80:
        return None
    match = _PROJECT_TITLE_RE.match(text)
    if match is None or "部门整体" in text or _CN_ITEM_RE.match(text):
        return None
    return match.group("numbered") or match.group("title")


def _split_parts(blocks: Sequence[Block]) -> tuple[list[Para], list[Block], list[Para]]:
    """Part 1's paragraphs, Part 2's blocks, and the heading paragraphs before either part."""
    part1: list[Para] = []
    part2: list[Block] = []
    preamble: list[Para] = []
    where = "preamble"
    for block in blocks:
        if isinstance(block, Para):
            text = block.text
            if _PAGE_NUMBER_RE.match(text):
                continue
            if _is_part_marker(text, "一") or (where == "preamble" and re.sub(r"\s", "", text) == "部门整体绩效目标"):
                where = "part1"
                continue
            if _is_part_marker(text, "二"):
                where = "part2"
                continue
            if where == "part1" and re.sub(r"\s", "", text) == "部门整体绩效目标":
                continue
            if where != "part2" and _project_title(text):
                where = "part2"
            if where == "part1" and _part1_section(text) is None and not part1 and _CN_ITEM_RE.match(text) is None:
                preamble.append(block)
                continue
            if where == "preamble" and _part1_section(text):
                where = "part1"
        elif where != "part2":
            where = "part2"
        if where == "part1" and isinstance(block, Para):
            part1.append(block)
        elif where == "part2":
            part2.append(block)
        elif isinstance(block, Para):
            preamble.append(block)
    return part1, part2, preamble


def _read_projects(blocks: Iterable[Block], warnings: list[ReadWarning]) -> tuple[list[_ProjectReader], str | None]:
    readers: list[_ProjectReader] = []
    pending_title: tuple[str, int] | None = None
    pending_unit: str | None = None
    for block in blocks:
        if isinstance(block, Para):
            title = _project_title(block.text)
            unit_match = _AMOUNT_UNIT_RE.match(_label_key(block.text))
            if title is not None:
                pending_title = (title, block.line)
            elif unit_match is not None:
                pending_unit = unit_match.group("unit")
                if readers and readers[-1].columns is None:
                    readers[-1].amount_unit = pending_unit
            elif readers:
                warnings.append(ReadWarning("table.stray_row", block.line, {"text": block.text[:60]}))
            continue
        current = readers[-1] if readers else None
        starts_new = pending_title is not None or current is None or _starts_new_table(block, current)
        if starts_new:
            title, line = pending_title if pending_title else (None, block.line)
            current = _ProjectReader(project=Project(code=None, name=None, title=title), line=line)
            current.amount_unit = pending_unit
            readers.append(current)
            pending_title = None
        current.feed(block, warnings)
    return readers, pending_unit


def _starts_new_table(row: Row, current: _ProjectReader) -> bool:
    """A 项目编码/项目名称 row after the current project already has them starts another table."""
    keys = [_HEADER_LABELS.get(_label_key(cell)) for cell in row.cells]
    project = current.project
    return ("code" in keys and project.code is not None) or (
        "name" in keys and "code" not in keys and project.name is not None
    )


def _infer_year(texts: Iterable[str], preferred: Iterable[str]) -> int | None:
    for text in preferred:
        match = _YEAR_RE.search(text)
        if match:
            return int(match.group(1))
    counts = Counter(int(match.group(1)) for text in texts for match in _YEAR_RE.finditer(text))
    return counts.most_common(1)[0][0] if counts else None


def _department(readers: Sequence[_ProjectReader], preamble: Sequence[Para]) -> Department:
    units = [reader.project.unit for reader in readers if reader.project.unit is not None]
    if units:
        codes = Counter(unit.code for unit in units if unit.code)
        first = units[0]
        code = codes.most_common(1)[0][0] if codes else None
        name = first.name
        if name:
            name = re.sub(r"[（(]\s*本级\s*[)）]$|本级$", "", name).strip() or name
        return Department(code=code, name=name)
    for para in preamble:
        match = re.match(r"^(?:20\d{2}\s*年度?)?\s*(?P<name>\S+?(?:局|委|办|院|部|中心|厅|所|站|会|处|馆|队))", para.text)
        if match:
            return Department(code=None, name=match.group("name"))
    return Department(code=None, name=None)


def interpret(blocks: Sequence[Block], *, layout: str = "") -> ReadResult:
    """Build the document from a block stream; raise :class:`DocumentError` when no target table is recognisable."""
    warnings: list[ReadWarning] = []
    part1, part2, preamble = _split_parts(blocks)
    overall = _read_overall(part1, warnings) if part1 else None
    readers, trailing_unit = _read_projects(part2, warnings)
    readers = [reader for reader in readers if _recognisable(reader, warnings)]
    if overall is None and not readers:
        first_line = blocks[0].line if blocks else None
        raise DocumentError("document.unrecognised", line=first_line)
    for reader in readers:
        _check_project(reader, warnings)
    units = [reader.amount_unit for reader in readers if reader.amount_unit] or ([trailing_unit] if trailing_unit else [])
    texts = [block.text for block in preamble] + [
        text for reader in readers for text in (reader.project.fund_use or "", reader.project.goal or "")
    ]
    titles = [para.text for para in preamble] + [reader.project.title or "" for reader in readers]
    document = TargetDocument(
        year=_infer_year(texts, [title for title in titles if "目标" in title]),
        amount_unit=units[0] if units else None,
        department=_department(readers, preamble),
        overall=overall,
        projects=[reader.project for reader in readers],
        title=next((para.text for para in preamble if "目标" in para.text), None),
    )
    return ReadResult(document=document, warnings=warnings, layout=layout)


def _recognisable(reader: _ProjectReader, warnings: list[ReadWarning]) -> bool:
    project = reader.project
    if project.code or project.name or project.indicators:
        return True
    return False


def _check_project(reader: _ProjectReader, warnings: list[ReadWarning]) -> None:
    project = reader.project
    label = project.name or project.title or project.code or "?"
    if not project.code:
        warnings.append(ReadWarning("project.no_code", reader.line, {"name": label}))
    if not project.name:
        warnings.append(ReadWarning("project.no_name", reader.line, {"code": project.code or "?"}))
    if not project.indicators:
        warnings.append(ReadWarning("project.no_indicators", reader.line, {"name": label}))
