"""One project table (项目支出绩效目标表): its header rows, spending plan, goals and indicator table."""

from __future__ import annotations

from dataclasses import dataclass, field

from jixiao.domain.errors import ReadWarning
from jixiao.domain.model import Project, SpendingCheckpoint, Unit
from jixiao.formats.blocks import Row
from jixiao.formats.interpret.indicators import Columns, IndicatorTable, is_indicator_header
from jixiao.formats.interpret.labels import (
    AMOUNT_UNIT_RE,
    FIELD_NAMES,
    HEADER_LABELS,
    MONTH_RE,
    UNIT_LINE_RE,
    label_key,
    parse_amount,
    parse_percent,
    section_of,
)

_TEXT_SECTIONS = ("fund", "goal", "midterm_goal")


@dataclass(slots=True)
class ProjectReader:
    """Reads the rows of one project table; a fresh one starts at each project title or 项目编码 row."""

    project: Project
    line: int
    amount_unit: str | None = None
    section: str | None = None
    plan_labels: list[str] = field(default_factory=list)
    table: IndicatorTable | None = None

    @property
    def columns(self) -> Columns | None:
        return self.table.columns if self.table else None

    def feed(self, row: Row, warnings: list[ReadWarning]) -> None:
        if is_indicator_header(row):
            columns = Columns.from_header(row)
            self.table = IndicatorTable(columns) if columns else None
            self.section = "indicators"
            return
        if self.table is not None and not self._has_header_label(row):
            indicator = self.table.read(row, warnings)
            if indicator is not None:
                self.project.indicators.append(indicator)
            return
        self._header_row(row, warnings)

    def _has_header_label(self, row: Row) -> bool:
        return any(label_key(cell) in HEADER_LABELS or section_of(cell) for cell in row.cells)

    # -- project header rows ----------------------------------------------------------------------------------
    def _header_row(self, row: Row, warnings: list[ReadWarning]) -> None:
        cells = list(row.cells)
        if self._unit_row(row):
            return
        section = section_of(cells[0]) if cells else None
        if section is not None:
            self.section = section
            self.table = None
            rest = cells[1:]
            if section == "plan":
                self.plan_labels = [cell for cell in rest if cell]
                return
            if section in ("goal", "midterm_goal"):
                self._set_text(section, [cell for cell in rest if cell])
                return
            cells = rest
        elif cells and not cells[0] and self.section in (*_TEXT_SECTIONS, "plan"):
            self._continuation(row, warnings)
            return
        if not self._label_pairs(cells, row, warnings) and row.nonempty():
            if self.section in (*_TEXT_SECTIONS, "plan"):
                self._continuation(row, warnings)
            else:
                warnings.append(ReadWarning("table.stray_row", row.line, {"text": row.text()[:60]}))

    def _unit_row(self, row: Row) -> bool:
        found = False
        for cell in row.cells:
            match = AMOUNT_UNIT_RE.match(label_key(cell))
            if match:
                self.amount_unit = match.group("unit")
                found = True
        if not found:
            return False
        for cell in row.cells:
            unit_line = UNIT_LINE_RE.match(cell)
            if cell and not AMOUNT_UNIT_RE.match(label_key(cell)):
                if unit_line:
                    self.project.unit = Unit(code=unit_line.group("code"), name=unit_line.group("name").strip())
                else:
                    self.project.unit = Unit(code=None, name=cell)
        return True

    def _label_pairs(self, cells: list[str], row: Row, warnings: list[ReadWarning]) -> bool:
        found = False
        index = 0
        while index < len(cells):
            role = HEADER_LABELS.get(label_key(cells[index]))
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
            warnings.append(ReadWarning("project.amount", row.line, {"field": FIELD_NAMES[role], "text": value}))
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
            month = MONTH_RE.search(label)
            self.project.spending_plan.append(
                SpendingCheckpoint(label=label, month=int(month.group(1)) if month else None, percent=percent)
            )
        self.section = None
