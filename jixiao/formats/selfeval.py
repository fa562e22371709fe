"""Published self-evaluation tables (项目支出绩效自评表, 部门整体支出绩效自评表, 计分表) → :class:`SelfEvaluation`\\ s.

Any format the target readers take (text layouts, DOCX, XLSX, PDF, HTML) is first turned into the block stream
(:mod:`jixiao.formats.blocks`). A text is tried in every plausible layout (:func:`jixiao.formats.text.
candidate_layouts`, and the self-evaluation's own cell streams), each also with its rows put back by the labels
(:mod:`jixiao.formats.selfeval_layouts`); the reading that recognises the most is kept (:func:`reading_score`).
This module interprets the rows, by their printed labels (:mod:`jixiao.formats.selfeval_labels`):

- header rows: 项目名称, 项目编码, 主管部门, 实施单位, 部门(单位)名称, 自评总分, 自评等级 (label, then its value);
- 项目资金 (or 预算执行情况, 部门预算执行情况): a header naming 年初预算数 / 全年预算数 (调整后预算数) / 全年执行数
  (预算执行数) / 分值 / 执行率 / 得分 in any order, then the rows 年度资金总额, 其中：本年财政拨款, 上年结转资金,
  其他资金 — or one unlabelled row of numbers;
- 年度总体目标: 预期目标 and 实际完成情况;
- 绩效指标: a header with 三级指标 (or 指标名称) and 实际完成值 or 得分, and in any order 一级/二级指标, 年度指标值,
  指标性质, 度量单位, 分值 (权重, 指标分值), 得分 (自评得分), 得分系数, 指标解释, 评分标准, 偏差原因分析 …; an
  evaluation-framework score sheet (项目决策 / 项目过程 …, 指标分值, 自评得分) gives indicators with weight, score and
  description only;
- the footer 总分 (the score, not the sum of the weights) and a grade word.

Where the reader is not sure — a cell placed by guess because the layout lost cells, a row cut off by the end of
the document — a :class:`ReadWarning` names the field (``table`` = the evaluation's index, ``row`` = the indicator's
index). A table's own arithmetic is read as printed, never checked or corrected here: the scoring engine compares it
with ours.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from jixiao.domain.errors import DocumentError, ReadWarning
from jixiao.domain.frame import is_level1_name, is_level2_name
from jixiao.domain.model import Budget, Indicator, IndicatorValue, Project, Unit
from jixiao.domain.scoring.model import FundLine, Funds, IndicatorActual, SelfEvaluation
from jixiao.formats import detect_format
from jixiao.formats.blocks import Block, Para, Row
from jixiao.formats.interpret.fit import Kind, kind_of
from jixiao.formats.interpret.header import merge_header_rows
from jixiao.formats.interpret.indicators import indicator_value
from jixiao.formats.interpret.labels import AMOUNT_UNIT_RE, YEAR_RE, label_key, parse_amount, parse_percent
from jixiao.formats.selfeval_fit import place_row
from jixiao.formats.selfeval_labels import (
    FIELD_LABELS,
    FUND_COLUMNS,
    FUND_ROWS,
    GOAL_HEADS,
    GOAL_LABELS,
    fund_section,
    key,
    points_of,
)
from jixiao.formats.selfeval_layouts import PlacedRow, header_roles, is_framework, text_streams
from jixiao.formats.text import decode_document, text_blocks

__all__ = ["SelfEvaluationRead", "document_blocks", "key", "read_selfeval", "read_selfeval_bytes"]

# ---------------------------------------------------------------------------------------------------------------
# Blocks of any format


def document_blocks(data: bytes) -> tuple[list[Block], str]:
    """The block stream of a document of any supported format, and the format (or text layout) read."""
    fmt = detect_format(data) if data.strip() else "text"
    if fmt == "docx":
        from jixiao.formats.docx import docx_blocks

        return docx_blocks(data), "docx"
    if fmt == "xlsx":
        from jixiao.formats.xlsx import xlsx_blocks

        return xlsx_blocks(data), "xlsx"
    if fmt == "pdf":
        from jixiao.formats.pdf import pdf_blocks

        blocks = pdf_blocks(data)
        if not blocks:
            raise DocumentError("document.no_text", format="PDF")
        return blocks, "pdf"
    text = decode_document(data)
    if fmt == "html":
        from jixiao.formats.html import html_blocks

        return html_blocks(text), "html"
    return text_blocks(text)


# ---------------------------------------------------------------------------------------------------------------
# The result


@dataclass(slots=True)
class SelfEvaluationRead:
    """What a self-evaluation table held: one evaluation per project (or department), and read warnings."""

    evaluations: list[SelfEvaluation]
    warnings: list[ReadWarning] = field(default_factory=list)
    year: int | None = None
    amount_unit: str | None = None
    department: str | None = None
    layout: str = ""


@dataclass(slots=True)
class _Draft:
    """One evaluation being read; ``notes`` are its warnings that name a field (their table is set at the end)."""

    title: str | None = None
    code: str | None = None
    name: str | None = None
    department: str | None = None
    unit: str | None = None
    goal: str | None = None
    goal_result: str | None = None
    funds: Funds = field(default_factory=Funds)
    indicators: list[Indicator] = field(default_factory=list)
    actuals: list[IndicatorActual] = field(default_factory=list)
    total: Decimal | None = None
    grade: str | None = None
    line: int = 0
    has_actuals: bool = False
    funds_read: bool = False  # the total row was read: an unlabelled row after it is a part
    name_label: bool = False  # a 项目名称 label was printed: the table names a project, not only its department
    notes: list[ReadWarning] = field(default_factory=list)

    @property
    def started(self) -> bool:
        return bool(self.name or self.code or self.indicators or self.funds.budget is not None)

    def evaluation(self) -> SelfEvaluation:
        project = Project(
            code=self.code,
            # a department-overall table names only its department
            name=self.name or (None if self.name_label else self.department),
            unit=Unit(None, self.unit) if self.unit else None,
            budget=Budget(total=self.funds.budget if self.funds.budget is not None else self.funds.initial),
            goal=self.goal,
            indicators=list(self.indicators),
            title=self.title,
        )
        return SelfEvaluation(
            project=project,
            funds=self.funds,
            actuals=list(self.actuals),
            goal_result=self.goal_result,
            published_total=self.total,
            published_grade=self.grade,
            title=self.title,
        )


# The field a warning names for a column's role (the harness and the import preview know these names).
_INDICATOR_FIELDS = {
    "level1": "level1",
    "level2": "level2",
    "level3": "level3",
    "description": "description",
    "comparator": "value",
    "value": "value",
    "unit": "value",
    "initial_value": "value",
    "adjusted_value": "value",
    "actual": "actual",
    "weight": "weight",
    "score": "score",
    "coefficient": "score",
}
_FUND_FIELDS = {
    "initial": "initial",
    "budget": "budget",
    "executed": "executed",
    "rate": "rate",
    "weight": "fund_weight",
    "score": "fund_score",
}
_COLUMN_NAMES = {
    "level1": "一级指标",
    "level2": "二级指标",
    "level3": "三级指标",
    "description": "指标解释",
    "value": "指标值",
    "actual": "实际完成值",
    "weight": "分值",
    "score": "得分",
    "initial": "年初预算数",
    "budget": "全年预算数",
    "executed": "全年执行数",
    "rate": "执行率",
    "fund_weight": "分值",
    "fund_score": "得分",
}
_SUBTOTALS = frozenset({"小计", "合计"})
# A self-evaluation report's sections whose paragraph says the goal or what became of it.
_REPORT_SECTIONS = {
    "绩效目标情况": "goal",
    "总体绩效目标完成情况分析": "goal_result",
    "总体绩效目标完成情况": "goal_result",
}
_SECTION_NUMBER_RE = re.compile(r"^(?:[(（][一二三四五六七八九十]{1,3}[)）]|[一二三四五六七八九十]{1,3}[、.．])")
_GRADE_WORDS = frozenset({"优", "良", "中", "差", "优秀", "良好", "合格", "不合格", "较好", "一般"})
_CORE_MARK_RE = re.compile(r"^\s*[★☆]+\s*")
_ELLIPSIS_RE = re.compile(r"[.。…·]{2,}|…")
# A title that names its project: 服务贸易项目绩效自评表, 2023年度农村公路养护项目支出绩效自评表.
_TITLE_PROJECT_RE = re.compile(r"^(?:\d{4}年度?)?(?P<name>[^年]{2,}?项目)(?:支出)?(?:绩效)?(?:目标)?自评表$")
_OVERALL_RE = re.compile(r"整体|部门")
_PLACEHOLDER_NAME_RE = re.compile(r"指标\s*\d{0,2}\s*[:：]?|[.。…·]+")
_UNIT_CODE_RE = re.compile(r"^[\[【(（]?\d{3,12}[\]】)）]?\s*[-－—_]?\s*(?=\D)")
_CODE_NAME_RE = re.compile(r"^(?P<code>[0-9A-Z]{12,})\s*[-－—_]\s*(?P<name>\S.*)$")
_UNIT_IN_LABEL_RE = re.compile(r"[(（]\s*(万元|千元|亿元|元)\s*[)）]")


# ---------------------------------------------------------------------------------------------------------------
# The interpreter


class _Reader:
    def __init__(self) -> None:
        self.drafts: list[_Draft] = []
        self.draft = _Draft()
        self.warnings: list[ReadWarning] = []
        self.year: int | None = None
        self.amount_unit: str | None = None
        self.section = ""  # "", "funds", "goal", "indicators"
        self.fund_roles: dict[str, int] | None = None
        self.roles: list[str | None] = []
        self.framework = False
        self.levels: tuple[str | None, str | None] = (None, None)
        self.awaiting_name = False  # a 项目名称 label printed its value on the next line
        self.short_tail: tuple[int, int, str] | None = None  # the last row read lost cells: (position, line, name)
        self.report_heading: str | None = None  # a report's section heading whose paragraph is the goal or result
        self.report_texts: dict[str, tuple[str, int]] = {}  # goal / goal_result said in the report's prose

    # -- the stream

    def read(self, blocks: Sequence[Block]) -> SelfEvaluationRead:
        for block in blocks:
            if isinstance(block, Para):
                self.paragraph(block.text, block.line)
            elif isinstance(block, PlacedRow):
                self.placed(block)
            elif len(block.nonempty()) == 1 and not self._is_label_row(block):
                self.paragraph(block.nonempty()[0], block.line)
            else:
                self.row(block)
        self._note_cut_tail()
        self._close()
        department = next((draft.department for draft in self.drafts if draft.department), None)
        kept = [draft for draft in self.drafts if draft.has_actuals]
        warnings = self.warnings + [
            dataclasses.replace(note, table=table) for table, draft in enumerate(kept) for note in draft.notes
        ]
        evaluations = [draft.evaluation() for draft in kept]
        return SelfEvaluationRead(evaluations, warnings, self.year, self.amount_unit, department)

    def paragraph(self, text: str, line: int) -> None:
        compact = re.sub(r"\s+", "", text)
        heading, self.report_heading = self.report_heading, _REPORT_SECTIONS.get(_SECTION_NUMBER_RE.sub("", compact))
        if heading is not None and self.report_heading is None and not self.draft.has_actuals:
            self.report_texts.setdefault(heading, (text.strip(), line))  # (一)绩效目标情况 / 建设8个代表之家…
        if self.awaiting_name:
            self.awaiting_name = False
            self._field("name", [text.strip()], line)
            return
        if self.section == "indicators" and (is_level1_name(compact) or is_level2_name(compact)):
            # a category the layout left on a line of its own, before its rows' cells
            level2 = is_level2_name(compact)  # 成本指标 names either level: the lower, as rows below name their own
            self.levels = (self.levels[0], compact) if level2 else (compact, None)
            return
        unit = AMOUNT_UNIT_RE.match(label_key(compact))
        if unit:
            self.amount_unit = unit.group("unit")
        if (year := YEAR_RE.search(compact)) and ("年度" in compact or "自评" in compact) and len(compact) <= 60:
            self.year = self.year or int(year.group(1))
        if ("自评表" in compact or "计分表" in compact) and len(compact) <= 60:
            self._start(line, title=compact)

    def _start(self, line: int, title: str | None = None) -> None:
        if self.draft.started:
            self._close()
            self.draft = _Draft()
        self.draft.title = title or self.draft.title
        self.draft.line = self.draft.line or line
        self.section, self.fund_roles, self.roles, self.levels = "", None, [], (None, None)

    def _close(self) -> None:
        if self.draft.started and self.draft not in self.drafts:
            self._name_from_title()
            self._report_goal()
            if self.draft.has_actuals and not self.draft.indicators:
                name = self.draft.name or self.draft.title or ""
                self.warnings.append(ReadWarning("selfeval.no_indicators", self.draft.line, {"name": name}))
            self.drafts.append(self.draft)

    def _report_goal(self) -> None:
        """A table whose goal cells say nothing takes the goal and its result from the report's prose before it
        (一、项目基本情况 (一)绩效目标情况 …), flagged: they are sentences, not the table's cells."""
        draft = self.draft
        for name in ("goal", "goal_result"):
            said = self.report_texts.pop(name, None)
            if said is None or getattr(draft, name):
                continue
            setattr(draft, name, said[0])
            params = {"field": "年度目标" if name == "goal" else "目标完成情况"}
            draft.notes.append(ReadWarning("prose.field", said[1], params, field_name=name))

    def _name_from_title(self) -> None:
        """A table that prints no 项目名称 is named by its title (服务贸易项目绩效自评表); failing that it is taken
        for a department-overall table, named by its department, which is said unless the title says so (部门整体)."""
        draft = self.draft
        if draft.name or draft.name_label:
            return
        title = re.sub(r"\s+", "", draft.title or "")
        if found := _TITLE_PROJECT_RE.match(title):
            draft.name = found.group("name")
        elif draft.department and not _OVERALL_RE.search(title):
            params = {"department": draft.department}
            draft.notes.append(ReadWarning("selfeval.name_assumed", draft.line, params, field_name="name"))

    def _is_label_row(self, row: Row) -> bool:
        return any(key(cell) in FIELD_LABELS for cell in row.cells if cell)

    def _note_cut_tail(self) -> None:
        """A document that ends on an indicator row that lost cells was cut inside that row: its cells may have
        shifted under other columns (a weight read as the target value)."""
        if self.short_tail is not None and self.section == "indicators":
            position, line, name = self.short_tail
            note = ReadWarning("selfeval.cut_row", line, {"name": name}, row=position, field_name="*")
            self.draft.notes.append(note)

    def row(self, row: Row) -> None:
        self.awaiting_name = False
        self.short_tail = None
        keys = [key(cell) for cell in row.cells]
        if self._indicator_header(row) or self._fund_header(row, keys) or self._goal_row(row, keys):
            return
        if self._fields(row, keys):
            return
        if self.section == "funds":
            self._fund_row(row, keys)
        elif self.section == "goal":
            self._goal_values(row)
        elif self.section == "indicators":
            self._indicator_row(row)

    def placed(self, row: PlacedRow) -> None:
        """A row the segmenter placed under its header: a funds row (its roles given) or an indicator row."""
        self.awaiting_name = False
        self.short_tail = None
        if row.roles:
            self._placed_fund_row(row)
        elif self.section == "indicators" and len(row.cells) == len(self.roles):
            self._indicator(list(row.cells), row.line, row.guessed, cut=row.cut)
        elif self.section == "indicators":
            self.warnings.append(ReadWarning("table.stray_row", row.line, {"text": row.text()[:60]}))

    # -- header fields (项目名称, 主管部门, 自评总分 …)

    def _fields(self, row: Row, keys: list[str]) -> bool:
        found = False
        for index, label in enumerate(keys):
            role = FIELD_LABELS.get(label)
            if role is None or not row.cells[index]:
                continue
            if role == "total" and self.section == "indicators":
                self.section = ""
            found = True
            values = self._values_after(row, keys, index)
            if role == "name":
                self.draft.name_label = True
                self.awaiting_name = not values and all(not label for label in keys[index + 1 :])
            if role == "name" and values and self.draft.name and self.draft.name != _name_and_code(values[0])[0]:
                self._start(row.line)
            if role:
                self._field(role, values, row.line)
        return found

    @staticmethod
    def _values_after(row: Row, keys: list[str], index: int) -> list[str]:
        values: list[str] = []
        for cell, label in zip(row.cells[index + 1 :], keys[index + 1 :], strict=True):
            if label in FIELD_LABELS:
                break
            if cell:
                values.append(cell)
        return values

    def _field(self, role: str, values: list[str], line: int) -> None:
        draft = self.draft
        draft.line = draft.line or line
        first = values[0] if values else None
        if role == "name" and first:
            draft.name, code = _name_and_code(first)
            draft.code = draft.code or code
        elif role == "code":
            draft.code = first
        elif role == "department":
            draft.department = _without_code(first)
        elif role == "unit":
            draft.unit = _without_code(first)
        elif role == "entity" and first:
            draft.name, draft.unit = draft.name or first, draft.unit or first
        elif role == "grade":
            draft.grade = first
        elif role == "total":
            numbers = [
                number for value in values if (number := parse_amount(value.strip().removesuffix("分"))) is not None
            ]
            draft.total = numbers[-1] if numbers else draft.total  # 总分 | 96, or 100分
            grades = [value.strip() for value in values if value.strip() in _GRADE_WORDS]
            draft.grade = draft.grade or (grades[-1] if grades else None)  # 总分 | 96 | 优: the grade beside it

    # -- 项目资金

    def _fund_header(self, row: Row, keys: list[str]) -> bool:
        roles: dict[str, int] = {}
        for index, label in enumerate(keys):
            role = FUND_COLUMNS.get(label)
            if role and role not in roles:
                roles[role] = index
        if not ({"executed", "rate"} & roles.keys()) or len(roles) < 3:
            return False
        if "plain_budget" in roles:
            target = "initial" if "budget" in roles else "budget"
            roles.setdefault(target, roles.pop("plain_budget"))
            roles.pop("plain_budget", None)
        self.fund_roles, self.section = roles, "funds"
        for cell in row.cells:
            if cell and fund_section(cell):
                if (points := points_of(cell)) is not None:
                    self.draft.funds.weight = Decimal(points)
                if unit := _UNIT_IN_LABEL_RE.search(cell):
                    self.amount_unit = self.amount_unit or unit.group(1)
        return True

    def _fund_row(self, row: Row, keys: list[str]) -> None:
        roles = self.fund_roles
        if roles is None:
            return
        label_index = next((i for i, label in enumerate(keys) if label in FUND_ROWS), None)
        if label_index is None and not any(parse_amount(cell) is not None for cell in row.cells if cell):
            self.section = ""
            return
        cells = list(row.cells)
        positional = {role: cells[index] for role, index in roles.items() if index < len(cells)}
        if len(cells) != max(roles.values()) + 1 and label_index is not None:
            # a merged 项目资金 cell dropped on the left: the cells after the label follow the header's roles
            ordered = sorted((index, role) for role, index in roles.items() if role != "label")
            by_role = dict(zip([role for _, role in ordered], cells[label_index + 1 :], strict=False))
            if len(cells) > max(roles.values()) and _amounts(positional) > _amounts(by_role):
                by_role = positional  # a grid padded on the right, its cells still under their labels
        else:
            by_role = positional
        label = row.cells[label_index] if label_index is not None else ""
        self._fund_values(label, by_role, frozenset(), row.line)

    def _placed_fund_row(self, row: PlacedRow) -> None:
        by_role = {role: text for role, text in zip(row.roles, row.cells, strict=True) if role}
        self._fund_values(by_role.pop("label", ""), by_role, row.guessed, row.line)

    def _fund_values(self, label: str, by_role: dict[str, str], doubtful: frozenset[str], line: int) -> None:
        values: dict[str, Decimal] = {}
        for role, text in by_role.items():
            number = parse_percent(text) if role == "rate" else _fund_amount(text)
            if number is not None:
                values[role] = number
        funds = self.draft.funds
        part = FUND_ROWS.get(key(label)) == "part" if label else self.draft.funds_read
        if part:
            # without a label or an amount it is a row a copy wrapped (the total row's 分值 and 得分 alone)
            if label or {"initial", "budget", "executed"} & values.keys():
                funds.parts.append(FundLine(label, values.get("initial"), values.get("budget"), values.get("executed")))
            return
        self.draft.has_actuals = self.draft.funds_read = True
        funds.initial, funds.budget = values.get("initial"), values.get("budget")
        funds.executed, funds.score = values.get("executed"), values.get("score")
        funds.weight, funds.rate = values.get("weight", funds.weight), values.get("rate")
        for role in sorted(doubtful & _FUND_FIELDS.keys()):
            name = _FUND_FIELDS[role]
            params = {"label": label or "年度资金总额", "column": _COLUMN_NAMES[name]}
            self.draft.notes.append(ReadWarning("selfeval.fund_doubtful", line, params, field_name=name))

    # -- 年度总体目标

    def _goal_row(self, row: Row, keys: list[str]) -> bool:
        first = next((index for index, label in enumerate(keys) if label), None)
        if first is None or keys[first] not in GOAL_LABELS:
            return False
        rest = [cell for cell, label in zip(row.cells[first + 1 :], keys[first + 1 :], strict=True) if cell]
        self.section = "goal"
        if rest and not all(key(cell) in GOAL_HEADS for cell in rest):
            self._goal_values(Row(tuple(cell for cell in rest if key(cell) not in GOAL_HEADS), row.line))
        return True

    def _goal_values(self, row: Row) -> None:
        texts = row.nonempty()
        if not texts:
            return
        if len(texts) == 1:
            texts = _goal_and_result(texts[0])
        self.draft.goal = texts[-2] if len(texts) >= 2 else texts[0]
        self.draft.goal_result = texts[-1] if len(texts) >= 2 else None
        self.section = ""

    # -- 绩效指标

    def _indicator_header(self, row: Row) -> bool:
        roles = header_roles(row.cells)
        named = "level3" in roles or ("level1" in roles and "level2" in roles)
        if not named or not ({"actual", "score", "coefficient"} & set(roles)):
            return False
        width = len(roles)
        while width > 1 and not row.cells[width - 1]:
            width -= 1  # a web table padded with empty cells
        self.roles, self.section, self.levels = roles[:width], "indicators", (None, None)
        self.framework = is_framework(self.roles)
        self.draft.has_actuals = True
        return True

    def _indicator_row(self, row: Row) -> None:
        """A row as a layout gave it: full rows as they are; a row that lost cells placed under the columns."""
        cells = list(row.cells)
        width = len(self.roles)
        while len(cells) > width and not cells[-1]:
            cells.pop()
        if len(cells) == width:
            self._indicator(cells, row.line, self._guessed_cells(cells, row))
            return
        placement = place_row(cells, self.roles, first=self.levels == (None, None), framework=self.framework)
        if len(cells) > width or not placement.cells:
            code = "indicator.long_row" if len(cells) > width else "indicator.short_row"
            params = {"found": len(cells), "expected": width, "text": row.text()[:60]}
            self.warnings.append(ReadWarning(code, row.line, params))
            return
        doubtful = frozenset(self.roles[index] or "" for index in placement.doubtful)
        count = len(self.draft.indicators)
        self._indicator(list(placement.cells), row.line, doubtful | self._guessed_cells(placement.cells, row))
        if len(self.draft.indicators) > count:
            self.short_tail = (count, row.line, self.draft.indicators[-1].level3 or "")

    def _guessed_cells(self, cells: Sequence[str], row: Row) -> frozenset[str]:
        """The roles of the cells whose boundaries the layout guessed (a value cut off a name in a run of text)."""
        return frozenset(role for role, text in zip(self.roles, cells, strict=False) if role and text in row.doubtful)

    def _indicator(self, cells: list[str], line: int, doubtful: frozenset[str], *, cut: bool = False) -> None:
        cells = ["" if _ELLIPSIS_RE.fullmatch(text) else text for text in cells]
        cell = _by_role(self.roles, cells)
        if any(key(text) in _SUBTOTALS for text in cells if text):
            return
        level1, level2 = cell("level1"), cell("level2")
        if level1:
            self.levels = (level1, None)
        self.levels = (self.levels[0], level2 or self.levels[1])
        printed = cell("level3") or ""
        level3 = _CORE_MARK_RE.sub("", printed) or None  # ★ marks a core indicator, not its name
        core = printed.lstrip().startswith("★") or (cell("core") or "").strip() in ("是", "★", "√")
        target_text = cell("adjusted_value") or cell("value") or cell("initial_value")
        actual, score = cell("actual"), _published_score(cell("score"), cell("coefficient"), cell("weight"))
        named = level3 or (level2 if "level3" not in self.roles else None)  # a two-level table names by level 2
        if not named and not target_text and not actual:
            return
        if not target_text and not actual and score is None:
            if is_level2_name(level3):
                self.levels = (self.levels[0], level3)  # a category with no indicator under it (生态效益指标)
            if is_level2_name(level3) or _PLACEHOLDER_NAME_RE.fullmatch(level3 or ""):
                return  # or a template's empty 指标2 row
            if self.framework and not level1 and not level2 and points_of(level3 or "") is not None:
                self.levels = (level3, None)  # a framework category on a line of its own: 规划 (15分)
                return
        if cut and actual is None and score is None:
            self.warnings.append(ReadWarning("selfeval.cut_row", line, {"name": level3 or ""}))
            return
        weight = parse_amount(cell("weight") or "")
        self.draft.indicators.append(
            Indicator(
                level1=self.levels[0],
                level2=self.levels[1],
                level3=level3,
                value=_target(target_text, cell("comparator"), cell("unit")),
                description=cell("description"),
                weight=weight if weight is not None else _points(level3) if self.framework else None,
                core=core,
            )
        )
        self.draft.actuals.append(IndicatorActual(actual=actual, score=score, reason=cell("reason")))
        self._note_doubts(level3 or "", line, doubtful, cut)
        if level3 and not _plausible_name(level3):  # 100% as the name: a value out of its column
            position = len(self.draft.indicators) - 1
            note = ReadWarning("selfeval.odd_name", line, {"name": level3}, row=position, field_name="level3")
            self.draft.notes.append(note)
        for field_name, text in (("value", target_text), ("actual", actual)):
            if alternative := _sign_read_as_two(text):
                params = {"name": level3 or "", "text": text or "", "alternative": alternative}
                position = len(self.draft.indicators) - 1
                note = ReadWarning("selfeval.sign_as_digit", line, params, row=position, field_name=field_name)
                self.draft.notes.append(note)

    def _note_doubts(self, name: str, line: int, doubtful: frozenset[str], cut: bool) -> None:
        position = len(self.draft.indicators) - 1
        for field_name in sorted({_INDICATOR_FIELDS[role] for role in doubtful if role in _INDICATOR_FIELDS}):
            params = {"name": name, "column": _COLUMN_NAMES[field_name]}
            self.draft.notes.append(
                ReadWarning("selfeval.doubtful_cell", line, params, row=position, field_name=field_name)
            )
        if cut:
            self.draft.notes.append(ReadWarning("selfeval.cut_row", line, {"name": name}, row=position, field_name="*"))
        elif "level3" in doubtful:  # where the name ends in a run of text is a guess: so is every cell after it
            self.draft.notes.append(
                ReadWarning("selfeval.doubtful_name", line, {"name": name}, row=position, field_name="*")
            )


_TWO_SIGN_RE = re.compile(r"^\s*2(?P<rest>[1-9]\d?(?:\.\d+)?|100)\s*%\s*$")


def _fund_amount(text: str) -> Decimal | None:
    """A funds cell as an amount; ``3359.62万`` (万 for 万元 in a block headed 资金投入情况（万元）) too."""
    body = text.strip()
    return parse_amount(body[:-1] + "万元" if body.endswith("万") else body)


def _amounts(by_role: dict[str, str]) -> int:
    """How many of a funds row's cells read as amounts under their roles."""
    amounts = ("initial", "budget", "executed", "weight", "rate", "score")
    return sum(
        1
        for role, text in by_role.items()
        if role in amounts and (parse_percent(text) if role == "rate" else _fund_amount(text)) is not None
    )


def _sign_read_as_two(text: str | None) -> str | None:
    """``≥90%`` for ``290%``: a PDF's text layer often gives ≥ as 2, and no share is read over 200% without a doubt."""
    found = _TWO_SIGN_RE.match(text or "")
    return f"≥{found.group('rest')}%" if found else None


_ECHO = 8  # characters the result repeats of the goal's opening, in a run of text where the two cells ran together


def _goal_and_result(text: str) -> list[str]:
    """A goal cell and its result cell run together, the result opening as the goal does (提高医疗保障水平,推进… twice):
    the two texts; else the text alone."""
    compact = re.sub(r"\s+", "", text)
    opening = compact[:_ECHO]
    at = compact.find(opening, _ECHO) if len(compact) >= 2 * _ECHO else -1
    return [compact[:at], compact[at:]] if at > 0 else [text]


def _by_role(roles: Sequence[str | None], cells: Sequence[str]) -> Callable[[str], str | None]:
    """The text under the column of a role; None when the table has no such column or the cell is empty."""

    def cell(role: str) -> str | None:
        index = roles.index(role) if role in roles else None
        return (cells[index] or None) if index is not None and index < len(cells) else None

    return cell


def _without_code(text: str | None) -> str | None:
    """A unit or department cell without the budget code printed before the name (``219001-XX镇人民政府``)."""
    return _UNIT_CODE_RE.sub("", text) or text if text else text


def _name_and_code(text: str) -> tuple[str, str | None]:
    """A 项目名称 cell that prints the project code before the name (``51000021R0000…-工资性支出``)."""
    match = _CODE_NAME_RE.match(text)
    return (match.group("name"), match.group("code")) if match else (text, None)


def _points(name: str | None) -> Decimal | None:
    points = points_of(name or "")
    return Decimal(points) if points is not None else None


def _target(text: str | None, comparator: str | None, unit: str | None) -> IndicatorValue:
    if text and unit and text.endswith(unit):
        unit = None  # the value already prints its unit (100%, with 计量单位 %)
    if comparator and comparator.strip() in ("═", "〓"):
        comparator = "="  # a box-drawing glyph printed for =
    return indicator_value(text, comparator, unit)


def _published_score(score: str | None, coefficient: str | None, weight: str | None) -> Decimal | None:
    """得分 as printed; a table with only 得分系数(%) × 指标权重 (Chongqing) gives it through the coefficient."""
    if score and (number := parse_amount(score)) is not None:
        return number
    share, points = parse_percent(coefficient or ""), parse_amount(weight or "")
    if share is None or points is None:
        return None
    return share * points / 100


# ---------------------------------------------------------------------------------------------------------------
# Choosing the reading

_DOUBTS = frozenset({"selfeval.doubtful_cell", "selfeval.fund_doubtful", "indicator.short_row", "indicator.long_row"})


def reading_score(read: SelfEvaluationRead) -> float:
    """How much of a document a reading recognised: indicators with a name and a target, actual or score count
    most, then their levels, actuals and scores, then each evaluation's name, funds, goal and total; cells placed
    by guess and rows the reader could not place count against it."""
    score = 0.0
    for evaluation in read.evaluations:
        project, funds = evaluation.project, evaluation.funds
        score += 1.0 * bool(project.name) + 0.5 * bool(project.goal) + 0.5 * (evaluation.published_total is not None)
        score += 1.0 * (funds.budget is not None or funds.initial is not None) + 1.0 * (funds.executed is not None)
        for index, indicator in enumerate(project.indicators):
            actual = evaluation.actual(index)
            filled = bool(indicator.value.text or actual.actual or actual.score is not None)
            if not _plausible_name(indicator.level3 or indicator.level2) or not filled:
                score -= 1.0
                continue
            score += 2.0 + 0.5 * bool(indicator.level1) + 0.5 * bool(indicator.level2)
            score += (
                0.5 * bool(actual.actual) + 0.5 * (actual.score is not None) + 0.25 * (indicator.weight is not None)
            )
    return score - 0.25 * sum(1 for warning in read.warnings if warning.code in _DOUBTS)


def _plausible_name(name: str | None) -> bool:
    """Whether an indicator name reads as a name: text, not a number, a value, a unit or a comparator."""
    return bool(name) and kind_of(name or "") in (Kind.TEXT, Kind.LEVEL_EITHER, Kind.LEVEL2) and len(name or "") >= 2


def read_selfeval_blocks(blocks: Sequence[Block], layout: str = "") -> SelfEvaluationRead:
    """Interpret a block stream as self-evaluation tables; none found raises ``selfeval.unrecognised``."""
    result = _Reader().read(merge_header_rows(blocks))
    if not result.evaluations:
        raise DocumentError("selfeval.unrecognised")
    result.layout = layout
    return result


def _best(candidates: Iterator[tuple[str, list[Block]]]) -> SelfEvaluationRead:
    best: SelfEvaluationRead | None = None
    for layout, blocks in candidates:
        try:
            read = read_selfeval_blocks(blocks, layout)
        except DocumentError:
            continue
        if best is None or reading_score(read) > reading_score(best):
            best = read
    if best is None:
        raise DocumentError("selfeval.unrecognised")
    return best


def read_selfeval_bytes(data: bytes) -> SelfEvaluationRead:
    """Read self-evaluation tables from a file's bytes (format detected from the content)."""
    if not data.strip():
        raise DocumentError("document.empty")
    fmt = detect_format(data)
    if fmt in ("text", "json") or fmt not in ("docx", "xlsx", "pdf", "html"):
        return _best(text_streams(decode_document(data)))
    blocks, layout = document_blocks(data)
    return _best(iter([(layout, blocks), *_segmented(layout, blocks)]))


def _segmented(layout: str, blocks: list[Block]) -> list[tuple[str, list[Block]]]:
    from jixiao.formats.selfeval_layouts import block_stream, segment

    return [(f"{layout}+labels", segment(block_stream(blocks)))]


def read_selfeval(path: str | Path) -> SelfEvaluationRead:
    """Read self-evaluation tables from a file, with Chinese errors for a missing or unreadable file."""
    file = Path(path)
    try:
        data = file.read_bytes()
    except FileNotFoundError:
        raise DocumentError("document.no_file", path=str(path)) from None
    except OSError as error:
        raise DocumentError("document.unreadable", path=str(path), reason=error.strerror or str(error)) from None
    return read_selfeval_bytes(data)
