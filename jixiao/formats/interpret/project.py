"""One project table (项目支出绩效目标表): its header rows, spending plan, goals and indicator table."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

from jixiao.domain.errors import ReadWarning
from jixiao.domain.frame import is_level1_name
from jixiao.domain.model import Department, Project, SpendingCheckpoint, Unit
from jixiao.domain.values import normalise
from jixiao.formats.blocks import Row
from jixiao.formats.interpret.fit import split_rows
from jixiao.formats.interpret.indicators import Columns, IndicatorTable, is_indicator_header
from jixiao.formats.interpret.labels import (
    AMOUNT_ROLES,
    AMOUNT_UNIT_RE,
    FIELD_NAMES,
    FOOTER_RE,
    HEADER_LABELS,
    MONTH_RE,
    UNIT_LINE_RE,
    WEAK_COLUMN_LABELS,
    is_group_label,
    label_key,
    parse_amount,
    parse_percent,
    section_of,
)
from jixiao.formats.interpret.prose import sentence_indicators

_TEXT_SECTIONS = ("fund", "goal", "midterm_goal")
AMOUNT_IN_LABEL_RE = re.compile(r"\((?:金额)?(?:单位[:：]?)?\s*(?P<unit>万元|元|千元|亿元)\)")
_PERIOD_RE = re.compile(r"^(?P<period>中期|年度|本年|当年|全年)(?:资金总额|预算数|资金|预算|金额)")
_BARE_PERIODS = {"中期": "midterm", "年度": "annual", "本年": "annual", "当年": "annual", "全年": "annual"}


def period_of(cell: str) -> str | None:
    """ "midterm" or "annual" for an amount column header (中期资金总额, 年度资金总额), else None."""
    match = _PERIOD_RE.match(label_key(cell))
    if match is None:
        return None
    return "midterm" if match.group("period") == "中期" else "annual"


def column_period(cell: str) -> str | None:
    """:func:`period_of`, or a bare 中期/年度 printed over amount columns (a two-row amount header)."""
    key = label_key(cell)
    if key in _BARE_PERIODS:
        return _BARE_PERIODS[key]
    return period_of(cell)


_SENTENCE_RE = re.compile(r"[\u4e00-\u9fff].*[\u4e00-\u9fff，,；;。、]")


def _goes_on(texts: list[str]) -> bool:
    """Whether cells after a goal's text continue it: sentences (目标2：…), not short labels or numbers."""
    return all(len(text) >= 12 and _SENTENCE_RE.search(text) for text in texts)


_COLUMN_LABEL_RE = re.compile(r"[\u4e00-\u9fff]{2,12}")


def _goal_column_label(cell: str) -> bool:
    """A short label beside a goal label (总体目标 | 年度目标 | 年度总体目标完成情况): a column of the form, no goal."""
    key = label_key(cell)
    return "目标" in key and bool(_COLUMN_LABEL_RE.fullmatch(key))


def _rows_run_together(row: Row, columns: Columns) -> list[Row]:
    """A row holding more cells than the header has columns (a copy that lost the end of a row): cut into rows at
    the lowest cost (:func:`split_rows`); any other row as it is."""
    cells = [cell for cell in row.cells if cell and label_key(cell) not in WEAK_COLUMN_LABELS]
    if len(cells) <= columns.width:
        return [row]
    roles = columns.role_list()
    parts = split_rows(cells, roles)
    if any(len(fit.cells) != len(roles) for _, fit in parts):
        return [row]  # a cell that fits no column: the row is no run of indicator rows
    return [Row(cells=fit.cells, line=row.line, doubtful=row.doubtful) for _, fit in parts]


def _is_label_cell(cell: str) -> bool:
    key = label_key(cell)
    return key in HEADER_LABELS or section_of(cell) is not None or period_of(cell) is not None


def ends_table(row: Row) -> bool:
    """A row that closes the indicator table: a sign-off (经办人, 审核意见, 盖章 …) or a row of check boxes."""
    filled = row.nonempty()
    if not filled:
        return False
    return bool(FOOTER_RE.match(filled[0])) or sum(cell.count("□") + cell.count("☐") for cell in filled) >= 2


def parse_unit(text: str) -> Unit:
    """A unit cell (``287001XX局(本级)``, ``[126]XX局``, ``XX局``) as code and name."""
    match = UNIT_LINE_RE.match(text)
    if match is None:
        return Unit(code=None, name=text)
    return Unit(code=match.group("code"), name=match.group("name").strip())


@lru_cache(maxsize=8192)
def split_label(cell: str) -> tuple[str, str] | None:
    """``主管部门：XX局`` as (label, value) when the part before the colon is a header label, else None."""
    label, colon, value = normalise(cell).partition(":")
    if not colon or not value.strip() or label_key(label) not in HEADER_LABELS:
        return None
    return label, value.strip()


@dataclass(slots=True)
class ProjectReader:
    """Reads the rows of one project table; a fresh one starts at each project title or 项目编码 row."""

    project: Project
    line: int
    amount_unit: str | None = None
    unit_inherited: bool = False
    """Whether :attr:`amount_unit` comes from a 单位 line before the table (a label of its own overrides it)."""
    section: str | None = None
    plan_labels: list[str] = field(default_factory=list)
    table: IndicatorTable | None = None
    department: Department | None = None
    goal_columns: dict[int, str] = field(default_factory=dict)
    section_labels: dict[str, str] = field(default_factory=dict)
    """The label that opened each text section (整体目标 opens the mid-term goal, but may be a table's only goal)."""
    amount_offset: int = 0
    midterm_offset: int | None = None
    amount_columns: dict[str, int] = field(default_factory=dict)
    amount_width: int = 0
    generic_total: Decimal | None = None
    joined: set[str] = field(default_factory=set)
    last_row_line: int = 0
    """The line of the last indicator row read (a document cut there leaves that row incomplete)."""
    """Texts (goal, mid-term goal) put together from several cells: where one ends is a guess to check."""
    amount_count: int = 1
    flagged: list[int] = field(default_factory=list)
    """Indices in the warnings list of the warnings that name a field of this project (see :func:`locate`)."""

    @property
    def columns(self) -> Columns | None:
        return self.table.columns if self.table else None

    def feed(self, row: Row, warnings: list[ReadWarning]) -> None:
        before = len(warnings)
        self._feed(row, warnings)
        self.flagged.extend(index for index in range(before, len(warnings)) if warnings[index].field_name)

    def _feed(self, row: Row, warnings: list[ReadWarning]) -> None:
        if is_indicator_header(row):
            columns = Columns.from_header(row)
            if self.table is not None and columns == self.table.columns:
                return  # the header row repeated on a new page (or a 续表): the same table goes on
            self.table = IndicatorTable(columns) if columns else None
            self.section = "indicators"
            return
        if self.table is not None and ends_table(row):
            self.table, self.section = None, None  # the form goes on below the indicators (评价情况 □, 盖章 …)
            return
        if self.table is not None and not self._has_header_label(row):
            for part in _rows_run_together(row, self.table.columns):
                indicator = self.table.read(part, warnings, len(self.project.indicators))
                if indicator is not None:
                    self.project.indicators.append(indicator)
                    self.last_row_line = row.line
            return
        self._header_row(row, warnings)

    def _has_header_label(self, row: Row) -> bool:
        return any(label_key(cell) in HEADER_LABELS or section_of(cell) for cell in row.cells)

    # -- project header rows ----------------------------------------------------------------------------------
    def _header_row(self, row: Row, warnings: list[ReadWarning]) -> None:
        cells = list(row.cells)
        self._amount_unit_in(cells)
        if self._unit_row(row) or self._goal_columns(cells) or self._goal_values(cells):
            return
        lead = next((index for index, cell in enumerate(cells) if cell), 0)
        section = section_of(cells[lead]) if cells else None
        if section is not None:
            self._open_section(section, cells[lead])
            rest = cells[lead + 1 :]
            if section == "plan":
                self.plan_labels = [cell for cell in rest if cell]
                return
            if section in ("goal", "midterm_goal"):
                texts = [cell for cell in rest if cell and section_of(cell) != section]
                if self._sentence_indicators(texts, row, warnings):
                    return
                self._set_text(section, [cell for cell in texts if not _goal_column_label(cell)])
                return
            cells = rest
            if not any(rest):
                return
        if self._amount_columns(cells, row, warnings) or self._label_pairs(cells, row, warnings) or not row.nonempty():
            return
        if self.section in ("goal", "midterm_goal", "sentences") and self._sentence_indicators(
            [cell for cell in cells if cell], row, warnings
        ):
            return
        if self.section == "sentences":
            self.section = None  # the indicators stated as sentences are over
        if self.section in (*_TEXT_SECTIONS, "plan"):
            self._continuation([cell for cell in cells if cell], row, warnings)  # after the label, if any
        else:
            warnings.append(ReadWarning("table.stray_row", row.line, {"text": row.text()[:60]}))

    def _sentence_indicators(self, texts: list[str], row: Row, warnings: list[ReadWarning]) -> bool:
        """A goal cell that states indicators (年度绩效总目标 | 产出指标 | 开展巡查频次8次;编制资料数量3个;…): read as
        indicators under that level-1 name, each flagged, when no indicator table is read."""
        if len(texts) != 2 or not is_level1_name(texts[0]) or self.table is not None:
            return False
        found = sentence_indicators(texts[0], texts[1])
        for indicator in found:
            position = len(self.project.indicators)
            self.project.indicators.append(indicator)
            params = {"name": indicator.level3 or indicator.value.text}
            warnings.append(ReadWarning("prose.indicator", row.line, params, row=position, field_name="*"))
        if found:
            self.last_row_line, self.section = row.line, "sentences"
        return bool(found)

    def _amount_unit_in(self, cells: list[str]) -> None:
        """A label naming the amounts' unit (资金情况（万元）, 项目资金(单位:元)) sets it for the table."""
        if self.amount_unit is not None and not self.unit_inherited:
            return
        for cell in cells:
            found = AMOUNT_IN_LABEL_RE.search(normalise(cell)) if cell and len(cell) <= 30 else None
            if found:
                self.amount_unit, self.unit_inherited = found.group("unit"), False
                return

    def _open_section(self, section: str, label: str) -> None:
        self.section = section
        self.section_labels[section] = label_key(label)
        self.table = None
        unit = AMOUNT_IN_LABEL_RE.search(normalise(label))
        if unit and (self.amount_unit is None or self.unit_inherited):
            self.amount_unit, self.unit_inherited = unit.group("unit"), False

    def _goal_columns(self, cells: list[str]) -> bool:
        """A row of goal labels side by side (中期目标 | 年度目标): the next row holds their texts."""
        sections = {index: section_of(cell) for index, cell in enumerate(cells) if cell}
        if len(sections) < 2 or not all(section in ("goal", "midterm_goal") for section in sections.values()):
            return False
        first = min(sections)
        if len(sections) >= 3 or is_group_label(cells[first]):
            del sections[first]  # 总体目标 over 中期目标 | 年度目标: the group's label holds no text of its own
        self.goal_columns = {index: section for index, section in sections.items() if section}
        self.section = None
        return True

    def _goal_values(self, cells: list[str]) -> bool:
        columns, self.goal_columns = self.goal_columns, {}
        if not columns or any(section_of(cell) for cell in cells if cell):
            return False
        filled = [cell for cell in cells if cell]
        if all(index < len(cells) and cells[index] for index in columns) or len(filled) != len(columns):
            for index, section in columns.items():
                if index < len(cells) and cells[index]:
                    self._set_text(section, [cells[index]])
        else:  # the texts shifted left under their labels (a dropped merged cell before them)
            for text, section in zip(filled, columns.values(), strict=True):
                self._set_text(section, [text])
        return True

    def _amount_columns(self, cells: list[str], row: Row, warnings: list[ReadWarning]) -> bool:
        """Amount columns side by side (中期资金总额 | 年度资金总额, or 中期 | 年度 under 项目资金): the budget is
        read from the annual one; the mid-term column's total is kept as the mid-term budget."""
        labels = [cell for cell in cells if cell]
        periods = [column_period(cell) for cell in labels]
        if len(periods) < 2 or None in periods:
            return False
        self.amount_offset = periods.index("annual") if "annual" in periods else len(periods) - 1
        self.midterm_offset = periods.index("midterm") if "midterm" in periods else None
        self.amount_count = len(periods)
        positions = [index for index, cell in enumerate(row.cells) if cell and column_period(cell)]
        named = [period for period in periods if period is not None]
        self.amount_columns = dict(zip(named, positions, strict=False)) if len(positions) == len(named) else {}
        self.amount_width = len(row.cells)
        return True

    def _unit_row(self, row: Row) -> bool:
        found = False
        for cell in row.cells:
            match = AMOUNT_UNIT_RE.match(label_key(cell))
            if match:
                self.amount_unit, self.unit_inherited = match.group("unit"), False
                found = True
        if not found:
            return False
        for cell in row.cells:
            if cell and not AMOUNT_UNIT_RE.match(label_key(cell)):
                pair = split_label(cell)
                role = HEADER_LABELS[label_key(pair[0])] if pair else None
                if pair is not None and role in ("unit", "department"):
                    self._set_party(role, pair[1])
                else:
                    self.project.unit = parse_unit(cell)
        return True

    def _label_pairs(self, cells: list[str], row: Row, warnings: list[ReadWarning]) -> bool:
        found = False
        index = 0
        while index < len(cells):
            pair = split_label(cells[index])
            if pair is not None:
                found = True
                self.set_field(HEADER_LABELS[label_key(pair[0])], pair[1], row, warnings, label=pair[0])
                index += 1
                continue
            role = HEADER_LABELS.get(label_key(cells[index]))
            label, colon, inline = normalise(cells[index]).partition(":")
            if role is None and period_of(label) == "midterm":
                # 中期资金总额 | 1,500.00 (or 中期预算：1500): the mid-term budget, never taken for the annual one
                found = True
                text = (
                    inline.strip() if colon and inline.strip() else (cells[index + 1] if index + 1 < len(cells) else "")
                )
                self._set_midterm(text, row, warnings)
                index += 1 if colon and inline.strip() else 2
                continue
            if role is None:
                index += 1
                continue
            found = True
            if role in AMOUNT_ROLES and self.amount_count > 1:
                self.set_field(role, self._period_amount(row, cells[index + 1 :], "annual"), row, warnings)
                if role == "total" and self.midterm_offset is not None:
                    self._set_midterm(self._period_amount(row, cells[index + 1 :], "midterm"), row, warnings)
                return True
            after = self._value_after(cells, index)  # a label cell spanning columns leaves empty cells before its value
            value = cells[after] if after < len(cells) else ""
            self.set_field(role, value, row, warnings, label=cells[index])
            index = after + 1
        return found

    def _set_midterm(self, text: str, row: Row, warnings: list[ReadWarning]) -> None:
        amount = parse_amount(text) if text else None
        if text and amount is None:
            warnings.append(
                ReadWarning(
                    "project.amount", row.line, {"field": "中期资金总额", "text": text}, field_name="midterm_budget"
                )
            )
        self.project.budget.midterm = amount

    @staticmethod
    def _amount_at(cells: list[str], offset: int) -> str:
        amounts = [cell for cell in cells if cell]
        return amounts[offset] if offset < len(amounts) else ""

    @staticmethod
    def _value_after(cells: list[str], index: int) -> int:
        """The index of a label's value: the next non-empty cell, unless that is the next label."""
        after = index + 1
        while after < len(cells) and not cells[after]:
            after += 1
        if after >= len(cells) or _is_label_cell(cells[after]):
            return index + 1
        return after

    def _period_amount(self, row: Row, after: list[str], period: str) -> str:
        """The amount under the 中期 or 年度 column: by the column's position where the rows keep their cells in
        place (an office table, a pipe table), else by order among the amounts printed after the label."""
        column = self.amount_columns.get(period)
        if column is not None and len(row.cells) == self.amount_width:  # the row keeps its cells in place
            return row.cells[column]
        offset = self.amount_offset if period == "annual" else self.midterm_offset
        return self._amount_at(after, offset) if offset is not None else ""

    def _annual_amount(self, cells: list[str]) -> str:
        """The annual one of the amounts printed side by side after a label (中期 … 年度 …)."""
        amounts = [cell for cell in cells if cell]
        return amounts[self.amount_offset] if self.amount_offset < len(amounts) else ""

    def set_field(self, role: str, value: str, row: Row, warnings: list[ReadWarning], label: str = "") -> None:
        if role == "info":
            return  # a label of the form that the model does not keep (项目属性, 项目期 …)
        if role in ("code", "name"):
            setattr(self.project, role, value or None)
            return
        if role in ("unit", "department"):
            self._set_party(role, value)
            return
        amount = parse_amount(value) if value else None
        if value and amount is None:
            warnings.append(
                ReadWarning("project.amount", row.line, {"field": FIELD_NAMES[role], "text": value}, field_name=role)
            )
        if role == "total":
            self._set_total(amount, label, row, warnings)
            return
        setattr(self.project.budget, role, amount)

    def _set_total(self, amount: Decimal | None, label: str, row: Row, warnings: list[ReadWarning]) -> None:
        """资金总额 then 年度资金总额 in one table: the first is the whole period's (the mid-term budget), flagged."""
        budget = self.project.budget
        annual = period_of(label) == "annual"
        if annual and self.generic_total is not None and budget.midterm is None:
            budget.midterm, self.generic_total = self.generic_total, None
            warnings.append(
                ReadWarning("project.period_total", row.line, {"label": label}, field_name="midterm_budget")
            )
        elif not annual and amount is not None:
            self.generic_total = amount
        budget.total = amount

    def _set_party(self, role: str, value: str) -> None:
        """A 主管部门 (department) or 实施单位 (unit) cell, with its code when one is printed."""
        if not value:
            return
        unit = parse_unit(value)
        if role == "department":
            self.department = Department(code=unit.code, name=unit.name)
        else:
            self.project.unit = unit

    def _set_text(self, section: str, texts: list[str]) -> None:
        if not texts:
            return
        text = "\n".join(texts)
        attribute = "goal" if section == "goal" else "midterm_goal" if section == "midterm_goal" else "fund_use"
        previous = getattr(self.project, attribute)
        added = texts if previous else texts[1:]
        before = previous.split("\n")[-1] if previous else texts[0] if len(texts) > 1 else None
        if (added and not _goes_on(added)) or (before is not None and not _goes_on([before])):
            self.joined.add(attribute)  # short pieces after the text: cells of the form, not the goal's sentences
        setattr(self.project, attribute, f"{previous}\n{text}" if previous else text)

    def _continuation(self, texts: list[str], row: Row, warnings: list[ReadWarning]) -> None:
        if not texts:
            return
        if self.section == "plan":
            self._plan_values(texts, row, warnings)
        elif self.section in ("goal", "midterm_goal") and getattr(self.project, self.section) and not _goes_on(texts):
            self.section = None  # a goal's text is written; a short cell after it is the next part of the form
            warnings.append(ReadWarning("table.stray_row", row.line, {"text": row.text()[:60]}))
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
            month = MONTH_RE.search(label)
            self.project.spending_plan.append(
                SpendingCheckpoint(label=label, month=int(month.group(1)) if month else None, percent=percent)
            )
        self.section = None
