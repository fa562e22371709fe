"""Published self-evaluation tables (项目支出绩效自评表, 部门整体支出绩效自评表) → :class:`SelfEvaluation`\\ s.

Any format the target readers take (text layouts, DOCX, XLSX, PDF, HTML) is first turned into the block stream
(:mod:`jixiao.formats.blocks`); this module only interprets the rows, by their printed labels:

- header rows: 项目名称, 项目编码, 主管部门, 实施单位, 自评总分, 自评等级 (label, then its value);
- 项目资金 (or 预算执行情况, 部门预算执行情况): a header naming 年初预算数 / 全年预算数 (调整后预算数) / 全年执行数
  (预算执行数) / 分值 / 执行率 / 得分 in any order, then the rows 年度资金总额, 其中：本年财政拨款, 上年结转资金,
  其他资金 — or one unlabelled row of numbers;
- 年度总体目标: 预期目标 and 实际完成情况;
- 绩效指标: a header with 三级指标 (or 指标名称) and 实际完成值 (完成值, 全年完成值) and, in any order, 一级/二级指标,
  年度指标值 (指标值, 年初/调整指标值), 指标性质, 度量单位, 分值 (权重), 得分, 得分系数, 偏差原因分析及改进措施
  (未完成原因分析); the central layout, Sichuan's separate columns and tables with 分值 before 年度指标值 alike;
- the footer 总分 (its last number is the published total).

A table's own arithmetic is not checked here: the scoring engine compares it with ours.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from jixiao.domain.errors import DocumentError, ReadWarning
from jixiao.domain.model import Budget, Indicator, IndicatorValue, Project, Unit
from jixiao.domain.scoring.model import FundLine, Funds, IndicatorActual, SelfEvaluation
from jixiao.formats import detect_format
from jixiao.formats.blocks import Block, Para, Row
from jixiao.formats.interpret.indicators import indicator_value
from jixiao.formats.interpret.labels import AMOUNT_UNIT_RE, YEAR_RE, label_key, parse_amount, parse_percent
from jixiao.formats.text import decode_document, text_blocks

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
# Labels

_TAIL_RE = re.compile(r"\((?:[A-Za-z/]+|[A-Za-z]/[A-Za-z]|%|分|万元|元|\d+(?:\.\d+)?分)\)$")
_POINTS_RE = re.compile(r"[(（]\s*(\d+(?:\.\d+)?)\s*分\s*[)）]")


def key(text: str) -> str:
    """A label as a lookup key: :func:`label_key` without trailing ``(A)``, ``(B/A)``, ``(分)``, ``(%)``, ``(10分)``."""
    current = label_key(text)
    while True:
        stripped = _TAIL_RE.sub("", current)
        if stripped == current:
            return current
        current = stripped


FIELD_LABELS: dict[str, str] = {
    "项目名称": "name",
    "项目编码": "code",
    "项目代码": "code",
    "项目编号": "code",
    "主管部门": "department",
    "主管部门及代码": "department",
    "部门名称": "department",
    "预算部门": "department",
    "单位名称": "department",
    "实施单位": "unit",
    "预算单位": "unit",
    "项目单位": "unit",
    "项目实施单位": "unit",
    "自评总分": "total",
    "总分": "total",
    "合计总分": "total",
    "自评得分": "total",
    "综合得分": "total",
    "自评等级": "grade",
    "评价等级": "grade",
    "自评结论": "grade",
    "绩效等级": "grade",
    "自评等次": "grade",
    # labels whose values this reader does not keep; they stop the scan for the value of the label before them
    "财政处室": "",
    "联系人": "",
    "联系电话": "",
    "填报人": "",
    "填报日期": "",
}

FUND_COLUMNS: dict[str, str] = {
    "年初预算数": "initial",
    "年初预算": "initial",
    "全年预算数": "budget",
    "全年(调整)预算数": "budget",
    "全年调整预算数": "budget",
    "调整后预算数": "budget",
    "调整预算数": "budget",
    "全年执行数": "executed",
    "预算执行数": "executed",
    "执行数": "executed",
    "实际执行数": "executed",
    "全年实际执行数": "executed",
    "分值": "weight",
    "权重": "weight",
    "执行率权重": "weight",
    "执行率": "rate",
    "预算执行率": "rate",
    "得分": "score",
    "执行率得分": "score",
    "预算数": "plain_budget",  # the base when nothing better is printed, else 年初预算数
}

FUND_ROWS: dict[str, str] = {
    "年度资金总额": "total",
    "资金总额": "total",
    "年度资金合计": "total",
    "合计": "total",
    "本年财政拨款": "part",
    "当年财政拨款": "part",
    "财政拨款": "part",
    "财政资金": "part",
    "上年结转资金": "part",
    "上年结转": "part",
    "其他资金": "part",
    "其它资金": "part",
}

FUND_SECTIONS = ("项目资金", "预算执行情况", "部门预算执行情况", "资金情况", "项目资金情况")
GOAL_LABELS = frozenset({"年度总体目标", "总体目标", "年度总体目标完成情况", "当年绩效目标", "年度目标", "绩效目标"})
GOAL_HEADS = frozenset({"预期目标", "实际完成情况", "年初绩效目标", "全年(调整)绩效目标", "全年目标实际完成情况"})

INDICATOR_COLUMNS: dict[str, str] = {
    "一级指标": "level1",
    "二级指标": "level2",
    "三级指标": "level3",
    "三级指标名称": "level3",
    "指标名称": "level3",
    "指标性质": "comparator",
    "计算符号": "comparator",
    "年度指标值": "value",
    "指标值": "value",
    "年度目标值": "value",
    "全年指标值": "value",
    "目标值": "value",
    "预期指标值": "value",
    "年初指标值": "initial_value",
    "调整指标值": "adjusted_value",
    "度量单位": "unit",
    "计量单位": "unit",
    "实际完成值": "actual",
    "完成值": "actual",
    "全年完成值": "actual",
    "全年实际完成值": "actual",
    "实际值": "actual",
    "全年实际值": "actual",
    "分值": "weight",
    "权重": "weight",
    "指标权重": "weight",
    "得分": "score",
    "指标得分": "score",
    "得分系数": "coefficient",
    "偏差原因分析及改进措施": "reason",
    "偏差原因分析": "reason",
    "偏差原因": "reason",
    "未完成原因分析": "reason",
    "未完成原因分析及改进措施": "reason",
    "未完成原因和改进措施": "reason",
    "原因分析及改进措施": "reason",
}

_LEADING = frozenset({None, "level1", "level2"})  # columns a merged cell may drop from the left of a row
_SUBTOTALS = frozenset({"小计", "合计"})


def _fund_section(text: str) -> bool:
    bare = re.sub(r"\(.*?\)", "", key(text))
    return bare in FUND_SECTIONS


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
class _Columns:
    roles: dict[str, int]
    width: int

    def roles_in_order(self) -> list[str | None]:
        by_index = {index: role for role, index in self.roles.items()}
        return [by_index.get(index) for index in range(self.width)]


@dataclass(slots=True)
class _Draft:
    """One evaluation being read."""

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

    @property
    def started(self) -> bool:
        return bool(self.name or self.code or self.indicators or self.funds.budget is not None)

    def evaluation(self) -> SelfEvaluation:
        project = Project(
            code=self.code,
            name=self.name or self.department,  # a department-overall table names only its department
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
        self.funds: _Columns | None = None
        self.columns: _Columns | None = None
        self.levels: tuple[str | None, str | None] = (None, None)

    # -- the stream

    def read(self, blocks: Sequence[Block]) -> SelfEvaluationRead:
        for block in blocks:
            if isinstance(block, Para):
                self.paragraph(block.text, block.line)
            elif len(block.nonempty()) == 1 and not self._is_label_row(block):
                self.paragraph(block.nonempty()[0], block.line)
            else:
                self.row(block)
        self._close()
        department = next((draft.department for draft in self.drafts if draft.department), None)
        evaluations = [draft.evaluation() for draft in self.drafts if draft.has_actuals]
        return SelfEvaluationRead(evaluations, self.warnings, self.year, self.amount_unit, department)

    def paragraph(self, text: str, line: int) -> None:
        compact = re.sub(r"\s+", "", text)
        unit = AMOUNT_UNIT_RE.match(label_key(compact))
        if unit:
            self.amount_unit = unit.group("unit")
        if (year := YEAR_RE.search(compact)) and ("年度" in compact or "自评" in compact) and len(compact) <= 60:
            self.year = self.year or int(year.group(1))
        if "自评表" in compact and len(compact) <= 60:
            self._start(line, title=compact)

    def _start(self, line: int, title: str | None = None) -> None:
        if self.draft.started:
            self._close()
            self.draft = _Draft()
        self.draft.title = title or self.draft.title
        self.draft.line = self.draft.line or line
        self.section, self.funds, self.columns, self.levels = "", None, None, (None, None)

    def _close(self) -> None:
        if self.draft.started and self.draft not in self.drafts:
            if self.draft.has_actuals and not self.draft.indicators:
                name = self.draft.name or self.draft.title or ""
                self.warnings.append(ReadWarning("selfeval.no_indicators", self.draft.line, {"name": name}))
            self.drafts.append(self.draft)

    def _is_label_row(self, row: Row) -> bool:
        return any(key(cell) in FIELD_LABELS for cell in row.cells if cell)

    def row(self, row: Row) -> None:
        keys = [key(cell) for cell in row.cells]
        if self._indicator_header(row, keys) or self._fund_header(row, keys) or self._goal_row(row, keys):
            return
        if self._fields(row, keys):
            return
        if self.section == "funds":
            self._fund_row(row, keys)
        elif self.section == "goal":
            self._goal_values(row)
        elif self.section == "indicators":
            self._indicator_row(row)

    # -- header fields (项目名称, 主管部门, 自评总分 …)

    def _fields(self, row: Row, keys: list[str]) -> bool:
        found = False
        for index, label in enumerate(keys):
            role = FIELD_LABELS.get(label)
            if role is None or not row.cells[index]:
                continue
            if role == "total" and self.section == "indicators" and self.columns is not None:
                self.section = ""
            found = True
            values = self._values_after(row, keys, index)
            if role == "name" and values and self.draft.name and self.draft.name != values[0]:
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
        if role == "name":
            draft.name = first
        elif role == "code":
            draft.code = first
        elif role == "department":
            draft.department = first
        elif role == "unit":
            draft.unit = first
        elif role == "grade":
            draft.grade = first
        elif role == "total":
            numbers = [number for value in values if (number := parse_amount(value)) is not None]
            draft.total = numbers[-1] if numbers else draft.total

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
        self.funds, self.section = _Columns(roles, len(row.cells)), "funds"
        for cell in row.cells:
            if cell and _fund_section(cell):
                if points := _POINTS_RE.search(cell):
                    self.draft.funds.weight = Decimal(points.group(1))
                if unit := re.search(r"(万元|千元|亿元|元)", cell):
                    self.amount_unit = self.amount_unit or unit.group(1)
        return True

    def _fund_row(self, row: Row, keys: list[str]) -> None:
        columns = self.funds
        if columns is None:
            return
        label_index = next((i for i, label in enumerate(keys) if label in FUND_ROWS), None)
        if label_index is None and not any(parse_amount(cell) is not None for cell in row.cells if cell):
            self.section = ""
            return
        values = self._fund_values(row, columns, label_index)
        funds = self.draft.funds
        kind = FUND_ROWS[keys[label_index]] if label_index is not None else "total"
        if kind == "part" and label_index is not None:
            line = FundLine(row.cells[label_index], values.get("initial"), values.get("budget"), values.get("executed"))
            funds.parts.append(line)
            return
        self.draft.has_actuals = True
        funds.initial, funds.budget = values.get("initial"), values.get("budget")
        funds.executed, funds.score = values.get("executed"), values.get("score")
        funds.weight, funds.rate = values.get("weight", funds.weight), values.get("rate")

    def _fund_values(self, row: Row, columns: _Columns, label_index: int | None) -> dict[str, Decimal]:
        cells = list(row.cells)
        if len(cells) != columns.width and label_index is not None:
            # a merged 项目资金 cell dropped on the left: the cells after the label follow the header's roles
            ordered = sorted((index, role) for role, index in columns.roles.items())
            by_role = dict(zip([role for _, role in ordered], cells[label_index + 1 :], strict=False))
        else:
            by_role = {role: cells[index] for role, index in columns.roles.items() if index < len(cells)}
        values: dict[str, Decimal] = {}
        for role, text in by_role.items():
            number = parse_percent(text) if role == "rate" else parse_amount(text)
            if number is not None:
                values[role] = number
        return values

    # -- 年度总体目标

    def _goal_row(self, row: Row, keys: list[str]) -> bool:
        first = next((index for index, label in enumerate(keys) if label), None)
        if first is None or keys[first] not in GOAL_LABELS:
            return False
        rest = [cell for cell, label in zip(row.cells[first + 1 :], keys[first + 1 :], strict=True) if cell]
        self.section = "goal"
        if rest and not all(key(cell) in GOAL_HEADS for cell in rest):
            self._goal_values(Row(tuple(rest), row.line))
        return True

    def _goal_values(self, row: Row) -> None:
        texts = row.nonempty()
        if not texts:
            return
        self.draft.goal = texts[-2] if len(texts) >= 2 else texts[0]
        self.draft.goal_result = texts[-1] if len(texts) >= 2 else None
        self.section = ""

    # -- 绩效指标

    def _indicator_header(self, row: Row, keys: list[str]) -> bool:
        roles: dict[str, int] = {}
        for index, label in enumerate(keys):
            role = INDICATOR_COLUMNS.get(label)
            if role and role not in roles:
                roles[role] = index
        if "level3" not in roles or "actual" not in roles:
            return False
        self.columns, self.section, self.levels = _Columns(roles, len(row.cells)), "indicators", (None, None)
        self.draft.has_actuals = True
        return True

    def _align(self, row: Row, columns: _Columns) -> list[str] | None:
        cells = list(row.cells)
        while len(cells) > columns.width and not cells[-1]:
            cells.pop()
        if len(cells) > columns.width:
            return None
        missing = columns.width - len(cells)
        if missing and all(role in _LEADING for role in columns.roles_in_order()[:missing]):
            return [""] * missing + cells
        return cells if not missing else None

    def _indicator_row(self, row: Row) -> None:
        columns = self.columns
        if columns is None:
            return
        cells = self._align(row, columns)
        if cells is None:
            found, expected, text = len(row.cells), columns.width, row.text()[:60]
            code = "indicator.long_row" if found > expected else "indicator.short_row"
            self.warnings.append(ReadWarning(code, row.line, {"found": found, "expected": expected, "text": text}))
            return

        def cell(role: str) -> str | None:
            index = columns.roles.get(role)
            return (cells[index] or None) if index is not None else None

        if any(key(text) in _SUBTOTALS for text in cells if text):
            return
        level1, level2 = cell("level1"), cell("level2")
        if level1:
            self.levels = (level1, None)
        self.levels = (self.levels[0], level2 or self.levels[1])
        level3 = cell("level3")
        target_text = cell("adjusted_value") or cell("value") or cell("initial_value")
        if not level3 and not target_text:
            return
        self.draft.indicators.append(
            Indicator(
                level1=self.levels[0],
                level2=self.levels[1],
                level3=level3,
                value=_target(target_text, cell("comparator"), cell("unit")),
                weight=parse_amount(cell("weight") or ""),
            )
        )
        self.draft.actuals.append(
            IndicatorActual(
                actual=cell("actual"),
                score=_published_score(cell("score"), cell("coefficient"), cell("weight")),
                reason=cell("reason"),
            )
        )


def _target(text: str | None, comparator: str | None, unit: str | None) -> IndicatorValue:
    if text and unit and text.endswith(unit):
        unit = None  # the value already prints its unit (100%, with 计量单位 %)
    return indicator_value(text, comparator, unit)


def _published_score(score: str | None, coefficient: str | None, weight: str | None) -> Decimal | None:
    """得分 as printed; a table with only 得分系数(%) × 指标权重 (Chongqing) gives it through the coefficient."""
    if score and (number := parse_amount(score)) is not None:
        return number
    share, points = parse_percent(coefficient or ""), parse_amount(weight or "")
    if share is None or points is None:
        return None
    return share * points / 100


def read_selfeval_blocks(blocks: Sequence[Block], layout: str = "") -> SelfEvaluationRead:
    """Interpret a block stream as self-evaluation tables; none found raises ``selfeval.unrecognised``."""
    result = _Reader().read(blocks)
    if not result.evaluations:
        raise DocumentError("selfeval.unrecognised")
    result.layout = layout
    return result


def read_selfeval_bytes(data: bytes) -> SelfEvaluationRead:
    """Read self-evaluation tables from a file's bytes (format detected from the content)."""
    if not data.strip():
        raise DocumentError("document.empty")
    blocks, layout = document_blocks(data)
    return read_selfeval_blocks(blocks, layout)


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
