"""The self-evaluation table (项目支出绩效自评表) and the monitoring table (项目支出绩效目标执行监控表) as layouts,
and their exporters (DOCX, XLSX, PDF, HTML through :mod:`jixiao.formats.exporters`); also the actuals template
(实际完成值填报表) a unit fills in for ``jixiao score --actuals``.

The self-evaluation table follows the central layout (docs/domain/scoring.md#table-layout): 项目名称, 主管部门/实施单位,
项目资金 with 年初预算数 / 全年预算数 / 全年执行数 / 分值 / 执行率 / 得分 and the fund rows, 年度总体目标 (预期目标,
实际完成情况), the indicator rows 一级/二级/三级指标 / 年度指标值 / 实际完成值 / 分值 / 得分 / 偏差原因分析及改进措施,
and 总分 with the grade. Reading an exported table back (:mod:`jixiao.formats.selfeval`) gives the same scores.

The monitoring table follows the monitoring grid (docs/domain/monitoring.md#the-monitoring-table): the budget part
(年度预算数, 1–N月执行数, 执行率, 时间进度, 计划进度, 预警) and per indicator 年度指标值, 1–N月执行情况,
全年预计完成情况, 完成目标可能性, the five 偏差原因 categories ticked, 原因说明, 预警 and 备注.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from itertools import groupby

from jixiao.domain.model import Project, TargetDocument
from jixiao.domain.monitoring import DeviationCategory, IndicatorProgress, SpendingStatus
from jixiao.domain.profiles.scoring import DEFAULT_SCHEME, WeightScheme
from jixiao.domain.scoring import IndicatorScore, ProjectScore, SelfEvaluation, default_weights
from jixiao.domain.values import format_number
from jixiao.formats.exporters import Exporter, safe_filename
from jixiao.formats.layout import Align, Cell, Image, Layout, Paragraph, RowKind, Section, Style, Table, TableRow

# ---------------------------------------------------------------------------------------------------------------
# Cells


def _label(text: str, *, rowspan: int = 1, colspan: int = 1) -> Cell:
    return Cell(text, rowspan=rowspan, colspan=colspan, header=True, align=Align.CENTER)


def _number(value: Decimal | None, *, colspan: int = 1, percent: bool = False) -> Cell:
    if value is None:
        return Cell("", colspan=colspan, align=Align.CENTER)
    text = format_number(value) + ("%" if percent else "")
    return Cell(text, colspan=colspan, align=Align.CENTER, number=value, percent=percent)


def _text(text: str | None, *, colspan: int = 1, rowspan: int = 1, align: Align = Align.LEFT) -> Cell:
    return Cell(text or "", colspan=colspan, rowspan=rowspan, align=align)


def _level1_text(level1: str, rows: Sequence[IndicatorScore]) -> str:
    """产出指标 → 产出指标（50分）, as official tables print the level-1's points; a printed one is kept."""
    if not level1 or "分" in level1:
        return level1
    points = sum((row.weight for row in rows), Decimal(0))
    return f"{level1}（{format_number(points)}分）"


# ---------------------------------------------------------------------------------------------------------------
# The self-evaluation table

_SELF_WIDTHS = (11, 13, 11, 17, 13, 13, 11, 11, 16)


def _selfeval_head(evaluation: SelfEvaluation, score: ProjectScore, department: str | None, amount_unit: str) -> Table:
    project, funds, execution = evaluation.project, evaluation.funds, score.execution
    unit = project.unit.name if project.unit else None
    fund_rows = 2 + len(funds.parts)
    rows = [
        TableRow((Cell("", colspan=7), Cell(f"单位：{amount_unit}", colspan=2, align=Align.RIGHT)), RowKind.CAPTION),
        TableRow((_label("项目名称"), _text(project.name, colspan=8))),
        TableRow(
            (_label("主管部门"), _text(department, colspan=3), _label("实施单位", colspan=2), _text(unit, colspan=3))
        ),
        TableRow(
            (
                _label(f"项目资金（{amount_unit}）", rowspan=fund_rows),
                _label(""),
                *(_label(text) for text in ("年初预算数", "全年预算数", "全年执行数", "分值", "执行率")),
                _label("得分", colspan=2),
            )
        ),
        TableRow(
            (
                _text("年度资金总额"),
                _number(funds.initial),
                _number(execution.budget),
                _number(execution.executed),
                _number(execution.weight),
                _number(execution.rate, percent=True),
                Cell("不适用", colspan=2, align=Align.CENTER)
                if execution.score is None
                else _number(execution.score, colspan=2),
            )
        ),
    ]
    for part in funds.parts:
        amounts = (_number(part.initial), _number(part.budget), _number(part.executed))
        rows.append(TableRow((_text(part.label), *amounts, _text("—"), _text("—"), _text("—", colspan=2))))
    rows.append(
        TableRow((_label("年度总体目标", rowspan=2), _label("预期目标", colspan=4), _label("实际完成情况", colspan=4)))
    )
    rows.append(TableRow((_text(project.goal, colspan=4), _text(evaluation.goal_result, colspan=4))))
    return Table(_SELF_WIDTHS, tuple(rows))


def _selfeval_indicators(evaluation: SelfEvaluation, score: ProjectScore) -> Table:
    headers = ("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分")
    rows = [
        TableRow((*(_label(text) for text in headers), _label("偏差原因分析及改进措施", colspan=2)), RowKind.HEADER)
    ]
    for level1, group1 in groupby(score.indicators, key=lambda row: row.level1 or ""):
        members1 = list(group1)
        first1 = True
        for level2, group2 in groupby(members1, key=lambda row: row.level2 or ""):
            members2 = list(group2)
            for index, row in enumerate(members2):
                cells: list[Cell] = []
                if first1:
                    cells.append(_text(_level1_text(level1, members1), rowspan=len(members1), align=Align.CENTER))
                    first1 = False
                if index == 0:
                    cells.append(_text(level2, rowspan=len(members2), align=Align.CENTER))
                reason = evaluation.actual(row.position - 1).reason
                scored = _text("不适用", align=Align.CENTER) if row.score is None else _number(row.score)
                cells.extend(
                    (
                        _text(row.level3),
                        _text(row.target, align=Align.CENTER),
                        _text(row.actual, align=Align.CENTER),
                        _number(row.weight),
                        scored,
                        _text(reason, colspan=2),
                    )
                )
                rows.append(TableRow(tuple(cells)))
    points = sum((row.weight for row in score.indicators), score.execution.weight)
    rows.append(TableRow((_label("总分", colspan=5), _number(points), _number(score.total), _text("", colspan=2))))
    rows.append(TableRow((_label("自评等级", colspan=5), _text(score.grade.value, colspan=4))))
    return Table(_SELF_WIDTHS, tuple(rows))


def selfeval_blocks(
    evaluation: SelfEvaluation, score: ProjectScore, *, year: int | None, department: str | None, amount_unit: str
) -> list[Paragraph | Table]:
    """One project's self-evaluation table: title, year line, the funds part and the indicator part."""
    return [
        Paragraph("项目支出绩效自评表", Style.TITLE),
        Paragraph(f"（{year}年度）" if year else "", Style.HEADING),
        _selfeval_head(evaluation, score, department, amount_unit),
        _selfeval_indicators(evaluation, score),
    ]


@dataclass(frozen=True, slots=True)
class ScoredProject:
    """A project's self-evaluation with its score: what the self-evaluation exporter prints."""

    evaluation: SelfEvaluation
    score: ProjectScore


class SelfEvaluationExporter(Exporter):
    """项目支出绩效自评表: one table per project (one sheet each in a spreadsheet)."""

    identifier = "self-evaluation"
    verbose_name = "项目支出绩效自评表"

    def __init__(
        self,
        projects: Sequence[ScoredProject],
        *,
        year: int | None = None,
        department: str | None = None,
        amount_unit: str = "万元",
    ) -> None:
        self.projects, self.year, self.department, self.amount_unit = list(projects), year, department, amount_unit

    def layout(self) -> Layout:
        sections = []
        for number, item in enumerate(self.projects, start=1):
            project = item.evaluation.project
            blocks = selfeval_blocks(
                item.evaluation, item.score, year=self.year, department=self.department, amount_unit=self.amount_unit
            )
            name = f"{number}.{project.name or project.code or '项目'}"
            sections.append(Section(name, list(blocks), page_break=number > 1))
        return Layout(title=self._title(), sections=sections)

    def _title(self) -> str:
        year = f"{self.year}年度" if self.year else ""
        if len(self.projects) == 1:
            project = self.projects[0].evaluation.project
            return f"{year}{project.name or project.code or ''}绩效自评表"
        return f"{year}{self.department or ''}项目支出绩效自评表"

    def filename_stem(self) -> str:
        return safe_filename(self._title())


# ---------------------------------------------------------------------------------------------------------------
# The monitoring table

_MONITOR_WIDTHS = (9, 10, 14, 10, 10, 10, 9, 5, 5, 5, 5, 5, 16, 6, 8)
CHART_CAPTION = "预算执行进度：累计计划支出进度、实际执行率与时间进度（月/12）"
_REASONS = tuple(DeviationCategory)


@dataclass(frozen=True, slots=True)
class MonitoredProject:
    """A project's monitoring for a period: its spending status and its indicator rows; ``chart`` is the execution
    chart as PNG (:func:`jixiao.formats.charts.execution_chart`), printed under the tables."""

    project: Project
    status: SpendingStatus
    indicators: Sequence[IndicatorProgress]
    unit: str | None = None
    chart: bytes | None = None


def _light(progress: IndicatorProgress | SpendingStatus) -> Cell:
    light = progress.light
    return _text(light.label if light is not None else "", align=Align.CENTER)


def _monitor_head(item: MonitoredProject, department: str | None, amount_unit: str) -> Table:
    status, month = item.status, item.status.month
    plan = f"{format_number(status.plan_progress)}%（{status.checkpoint}）" if status.plan_progress is not None else "—"
    rows = [
        TableRow((Cell("", colspan=12), Cell(f"单位：{amount_unit}", colspan=3, align=Align.RIGHT)), RowKind.CAPTION),
        TableRow(
            (
                _label("项目名称", colspan=2),
                _text(item.project.name, colspan=5),
                _label("项目编码", colspan=2),
                _text(item.project.code, colspan=6),
            )
        ),
        TableRow(
            (
                _label("主管部门", colspan=2),
                _text(department, colspan=5),
                _label("实施单位", colspan=2),
                _text(item.unit, colspan=6),
            )
        ),
        TableRow(
            (
                _label("项目资金", rowspan=2, colspan=2),
                _label("年度预算数"),
                _label(f"1-{month}月执行数"),
                _label("执行率"),
                _label("时间进度"),
                _label("计划进度", colspan=3),
                _label("执行进度比", colspan=3),
                _label("偏差说明"),
                _label("预警", colspan=2),
            )
        ),
        TableRow(
            (
                _number(status.budget),
                _number(status.executed),
                _number(status.rate, percent=True),
                _number(status.time_progress, percent=True),
                _text(plan, colspan=3, align=Align.CENTER),
                _number(
                    status.plan_ratio if status.plan_ratio is not None else status.time_ratio, colspan=3, percent=True
                ),
                _text(""),
                Cell(_light(status).text, colspan=2, align=Align.CENTER),
            )
        ),
    ]
    return Table(_MONITOR_WIDTHS, tuple(rows))


def _monitor_indicators(item: MonitoredProject) -> Table:
    month = item.status.month
    first = (
        _label("一级指标", rowspan=2),
        _label("二级指标", rowspan=2),
        _label("三级指标", rowspan=2),
        _label("年度指标值", rowspan=2),
        _label(f"1-{month}月执行情况", rowspan=2),
        _label("全年预计完成情况", rowspan=2),
        _label("完成目标可能性", rowspan=2),
        _label("偏差原因分析", colspan=5),
        _label("原因说明", rowspan=2),
        _label("预警", rowspan=2),
        _label("备注", rowspan=2),
    )
    second = tuple(_label(reason.value) for reason in _REASONS)
    rows = [TableRow(first, RowKind.HEADER), TableRow(second, RowKind.HEADER)]
    for row in item.indicators:
        report = row.report
        ticks = tuple(_text("√" if reason in report.reasons else "", align=Align.CENTER) for reason in _REASONS)
        rows.append(
            TableRow(
                (
                    _text(row.level1),
                    _text(row.level2),
                    _text(row.level3),
                    _text(row.target, align=Align.CENTER),
                    _text(report.current, align=Align.CENTER),
                    _text(report.forecast, align=Align.CENTER),
                    _text(report.likelihood.value if report.likelihood else "", align=Align.CENTER),
                    *ticks,
                    _text(report.reason_text),
                    _light(row),
                    _text(report.remark),
                )
            )
        )
    return Table(_MONITOR_WIDTHS, tuple(rows))


class MonitoringExporter(Exporter):
    """项目支出绩效目标执行监控表 for a period (landscape; one table per project)."""

    identifier = "monitoring"
    verbose_name = "项目支出绩效目标执行监控表"

    def __init__(
        self,
        projects: Sequence[MonitoredProject],
        *,
        year: int,
        department: str | None = None,
        amount_unit: str = "万元",
    ) -> None:
        self.projects, self.year, self.department, self.amount_unit = list(projects), year, department, amount_unit

    def layout(self) -> Layout:
        sections = []
        for number, item in enumerate(self.projects, start=1):
            blocks: list[Paragraph | Table] = [
                Paragraph("项目支出绩效目标执行监控表", Style.TITLE),
                Paragraph(f"（{self.year}年1-{item.status.month}月）", Style.HEADING),
                _monitor_head(item, self.department, self.amount_unit),
                _monitor_indicators(item),
            ]
            name = f"{number}.{item.project.name or item.project.code or '项目'}"
            images = [Image(item.chart, caption=CHART_CAPTION)] if item.chart else []
            sections.append(Section(name, list(blocks), page_break=number > 1, images=images))
        return Layout(title=self._title(), sections=sections, landscape=True)

    def _title(self) -> str:
        month = self.projects[0].status.month if self.projects else 12
        who = self.projects[0].project.name if len(self.projects) == 1 else self.department
        return f"{self.year}年1-{month}月{who or ''}绩效目标执行监控表"

    def filename_stem(self) -> str:
        return safe_filename(self._title())


# ---------------------------------------------------------------------------------------------------------------
# The actuals template (what a unit fills in and gives back to ``jixiao score --actuals``)

_ACTUAL_HEADERS = (
    *("项目编码", "项目名称", "序号", "一级指标", "二级指标", "三级指标"),
    *("年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"),
)
_FUND_HEADERS = ("项目编码", "项目名称", "年初预算数", "全年预算数", "全年执行数", "原因说明")


class ActualsTemplateExporter(Exporter):
    """实际完成值填报表: every indicator of a target document with its target and weight, and a funds sheet, for a
    unit to fill in; the workbook reads back as an actuals file (docs/format.md)."""

    identifier = "actuals-template"
    verbose_name = "实际完成值填报表"

    def __init__(self, document: TargetDocument, *, scheme: WeightScheme = DEFAULT_SCHEME) -> None:
        self.document, self.scheme = document, scheme

    def _indicator_rows(self) -> list[TableRow]:
        rows = [TableRow(tuple(_label(text) for text in _ACTUAL_HEADERS), RowKind.HEADER)]
        for project in self.document.projects:
            defaults = default_weights(project.indicators, self.scheme)
            for number, (indicator, default) in enumerate(zip(project.indicators, defaults, strict=True), start=1):
                weight = indicator.weight if indicator.weight is not None else default
                texts = (project.code, project.name, None, indicator.level1, indicator.level2, indicator.level3)
                cells = [_text(text) for text in texts]
                cells[2] = _number(Decimal(number))
                cells += [_text(indicator.value.text, align=Align.CENTER), _text(""), _number(weight), _text(""),
                          _text("")]  # fmt: skip
                rows.append(TableRow(tuple(cells)))
        return rows

    def _fund_rows(self) -> list[TableRow]:
        rows = [TableRow(tuple(_label(text) for text in _FUND_HEADERS), RowKind.HEADER)]
        for project in self.document.projects:
            total = project.budget.total
            cells = (_text(project.code), _text(project.name), _number(total), _number(total), _text(""), _text(""))
            rows.append(TableRow(cells))
        return rows

    def layout(self) -> Layout:
        unit = f"（金额单位：{self.document.amount_unit}）" if self.document.amount_unit else ""
        indicators = Section(
            "绩效指标",
            [Paragraph(f"绩效指标实际完成值{unit}", Style.HEADING),
             Table((22, 20, 5, 9, 11, 16, 11, 11, 6, 6, 20), tuple(self._indicator_rows()))],
        )  # fmt: skip
        funds = Section(
            "项目资金",
            [
                Paragraph(f"项目资金执行情况{unit}", Style.HEADING),
                Table((22, 24, 10, 10, 10, 24), tuple(self._fund_rows())),
            ],
            page_break=True,
        )
        return Layout(title=self._title(), sections=[indicators, funds], landscape=True)

    def _title(self) -> str:
        year = f"{self.document.year}年" if self.document.year else ""
        return f"{year}{self.document.department.name or ''}绩效自评实际完成值填报表"

    def filename_stem(self) -> str:
        return safe_filename(self._title())
