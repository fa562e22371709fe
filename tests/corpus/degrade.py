"""Degraded renderings of a target document: its project tables as text, the way real published copies print them.

Each family prints every project's header block (项目名称, 项目编码 when there is one, 主管部门/实施单位,
资金情况（万元） with 年度资金总额 / 其中：财政拨款 / 其他资金, 年度目标) and its indicator table, shaped
like the corpus documents it names, and nothing a real copy would not print: no Part 1, fund use, spending plan,
description, basis or weight.
``tests/core/formats/test_degraded.py`` reads every rendering back through :func:`jixiao.formats.read_bytes`.

Two variants degrade a rendering further: :func:`ocr_labels` (scanner confusions in label words, as printed by a
renderer's ``label`` hook) and :func:`traditional` (a mirror's Traditional Chinese with pinyin injected after some
characters). Both are what the normalisation stage (:mod:`jixiao.formats.normalise`) undoes.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from jixiao.domain.model import Indicator, IndicatorValue, Project, TargetDocument, ValueKind
from jixiao.formats.normalise import _LABEL_CONFUSIONS  # the confusions the normalisation stage repairs

Label = Callable[[str], str]


def as_printed(word: str) -> str:
    """The ``label`` hook of a clean copy: every label word printed as it is."""
    return word


# ---------------------------------------------------------------------------------------------------------------
# What every family prints


@dataclass(frozen=True, slots=True)
class Line:
    """One indicator row: its level cells (None where a merged cell covers them) and the cells after them."""

    level1: str | None
    level2: str | None
    indicator: Indicator


def indicator_lines(indicators: Sequence[Indicator]) -> Iterator[Line]:
    """The rows of an indicator table with merged level cells printed on their group's first row only."""
    previous: Indicator | None = None
    for indicator in indicators:
        new1 = previous is None or indicator.level1 != previous.level1
        new2 = new1 or previous is None or indicator.level2 != previous.level2
        yield Line(
            indicator.level1 or "" if new1 else None,
            indicator.level2 or "" if new2 else None,
            indicator,
        )
        previous = indicator


def has_midterm(project: Project) -> bool:
    return any(indicator.midterm_value is not None for indicator in project.indicators)


def amount(value: Decimal | None, *, grouped: bool = False) -> str:
    """An amount as a table prints it (``85.60``; ``1,500.00`` with thousands grouped); empty when there is none."""
    if value is None:
        return ""
    return f"{value:,f}" if grouped else f"{value:f}"


def _party(code: str | None, name: str | None) -> str:
    """A 主管部门 or 实施单位 cell: ``[126]江州市科学技术局`` (the code bracketed, as 008.txt and 001.txt print it)."""
    return f"[{code}]{name or ''}" if code else name or ""


def _parties(document: TargetDocument, project: Project, label: Label) -> list[str]:
    """主管部门 | … | 实施单位 | … as one row prints them."""
    department, unit = document.department, project.unit
    unit_cell = _party(unit.code, unit.name) if unit else ""
    return [label("主管部门"), _party(department.code, department.name), label("实施单位"), unit_cell]


def _year(document: TargetDocument) -> str:
    return f"（{document.year}年度）" if document.year else ""


def _money_label(document: TargetDocument, label: Label) -> str:
    return f"{label('资金情况')}（{document.amount_unit or '万元'}）"


def _split_value(value: IndicatorValue) -> tuple[str, str, str]:
    """指标性质 | 指标值 | 度量单位 as split tables print a value: the comparator's symbol (定量 for a quantity that
    states none), the number (``80-90`` for a range) and the unit; 定性 and the whole text for anything else."""
    if value.kind is not ValueKind.QUANTITATIVE or value.number is None:
        return "定性", value.text, ""
    number = f"{value.number:f}" + (f"-{value.upper:f}" if value.upper is not None else "")
    return value.comparator.symbol if value.comparator else "定量", number, value.unit or ""


def split_value_text(value: IndicatorValue) -> str:
    """The value a reader gives back from the split cells: the cells joined (``≥`` ``95`` ``%`` → ``≥95%``)."""
    nature, number, unit = _split_value(value)
    return number if nature == "定性" else ("" if nature == "定量" else nature) + number + unit


def _values(line: Line, midterm: bool) -> list[str]:
    """The value cells of a row: the mid-term value before the annual one where the table has both."""
    indicator = line.indicator
    annual = indicator.value.text
    return [indicator.midterm_value.text if indicator.midterm_value else "", annual] if midterm else [annual]


def _body(line: Line, midterm: bool) -> list[str]:
    """A row's cells with the merged (dropped) level cells left out: later cells shift left, as a web copy does."""
    levels = [cell for cell in (line.level1, line.level2) if cell is not None]
    return [*levels, line.indicator.level3 or "", *_values(line, midterm)]


def _header(label: Label, content: str = "三级指标") -> list[str]:
    """一级指标 | 二级指标 | 三级指标 | 指标值 (指标值 spans 中期 | 年度 where a second header row follows)."""
    return [label("一级指标"), label("二级指标"), label(content), label("指标值")]


def _spaced(word: str) -> str:
    """A vertical merged label (绩/效/指/标 one above the other) as a web copy flattens it: ``绩 效 指 标``."""
    return " ".join(word)


# ---------------------------------------------------------------------------------------------------------------
# Pipe rows, merged cells dropped (010.txt, 191.txt)


def _pipe_line(cells: Sequence[str], width: int) -> str:
    """``a | b | |||``: the cells, then a bar for each empty cell up to the table's width."""
    return " | ".join(cells) + " | " + "|" * max(1, width - len(cells))


def _pipe_rows(document: TargetDocument, project: Project, label: Label) -> list[list[str]]:
    """The header block as web-table rows: each label followed by its value, amounts under 资金情况."""
    rows = [[label("项目支出绩效目标申报表")], [_year(document)] if document.year else []]
    rows.append([label("项目名称"), project.name or ""])
    if project.code:
        rows.append([label("项目编码"), project.code])
    rows.append(_parties(document, project, label))
    budget = project.budget
    rows.append([_money_label(document, label), f"{label('年度资金总额')}:", amount(budget.total)])
    rows.append([f"其中:{label('财政拨款')}", amount(budget.fiscal)])
    rows.append([label("其他资金"), amount(budget.other)])
    rows.append([label("年度目标"), project.goal or ""])
    return [row for row in rows if row]


def pipe_dropped(document: TargetDocument, *, label: Label = as_printed) -> str:
    """Pipe rows copied from a web page whose merged cells were dropped (010.txt, 191.txt).

    A level-1 or level-2 name is printed on its group's first row only, and the cells after it shift left; the
    header row starts with the vertical ``绩 效 指 标`` cell that spans the indicator block; every row is padded with
    ``| ||||`` empty cells to the table's width. Mid-term values come as a two-row header, 指标值 over ``中期 | 年度``,
    whose second row lost its merged cells too and starts at the left edge.
    """
    lines: list[str] = []
    for project in document.projects:
        midterm = has_midterm(project)
        width = 7 if midterm else 6
        lines.extend(_pipe_line(row, width) for row in _pipe_rows(document, project, label))
        header = [_spaced(label("绩效指标")), *_header(label)]
        lines.append(_pipe_line(header, width))
        if midterm:
            lines.append(_pipe_line([label("中期"), label("年度")], width))
        lines.extend(_pipe_line(_body(line, midterm), width) for line in indicator_lines(project.indicators))
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------------------------------------------
# One cell per line ending " |" (008.txt, 195.txt)


def pipe_cells(document: TargetDocument, *, label: Label = as_printed) -> str:
    """A web table flattened one cell per line, each cell followed by `` |`` (008.txt, 195.txt).

    An empty cell inside a row is a line `` |``; a line of bars, one per empty cell up to the table's width, closes
    each row. Merged cells are dropped as in :func:`pipe_dropped`, and the mid-term header's second row likewise.
    """
    lines: list[str] = []
    width = 8

    def row(cells: Sequence[str]) -> None:
        lines.extend(f"{cell} |" if cell else " |" for cell in cells)
        lines.append("|" * max(1, width - len(cells)))

    for project in document.projects:
        midterm = has_midterm(project)
        for cells in _pipe_rows(document, project, label):
            row(cells)
        row([_spaced(label("绩效指标")), *_header(label)])
        if midterm:
            row([label("中期"), label("年度")])
        for line in indicator_lines(project.indicators):
            row(_body(line, midterm))
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------------------------------------------
# One cell per line, no marks (tests/fixtures/text/lines_pdf.txt)


def pdf_lines(document: TargetDocument, *, label: Label = as_printed) -> str:
    """Text copied from a PDF: one cell per line, no marks, every empty cell and every row boundary lost
    (tests/fixtures/text/lines_pdf.txt).

    The document's title and unit line come first; a page mark ``— n —`` follows each project table. A merged level
    cell is printed once, on its group's first row. Mid-term values come under a two-row header flattened into one
    run of labels (``指标值`` then ``中期`` ``年度``).
    """
    year = f"{document.year}年" if document.year else ""
    lines = [f"{document.department.name or ''}{year}部门预算项目{label('绩效目标表')}"]
    lines.append(f"单位：{document.amount_unit or '万元'}")
    for page, project in enumerate(document.projects, start=1):
        midterm = has_midterm(project)
        lines += [label("项目名称"), project.name or ""]
        if project.code:
            lines += [label("项目编码"), project.code]
        department, unit = document.department, project.unit
        lines += [label("主管部门"), _party(department.code, department.name)]
        if unit is not None:
            lines += [label("实施单位"), _party(unit.code, unit.name)]
        budget = project.budget
        lines += [label("项目资金"), label("年度资金总额"), amount(budget.total)]
        lines += [f"其中：{label('财政拨款')}", amount(budget.fiscal), label("其他资金"), amount(budget.other)]
        lines += [label("年度目标"), project.goal or ""]
        lines += _header(label)
        if midterm:
            lines += [label("中期"), label("年度")]
        for line in indicator_lines(project.indicators):
            lines += _body(line, midterm)
        lines.append(f"— {page} —")
    return "\n".join(line for line in lines if line) + "\n"


# ---------------------------------------------------------------------------------------------------------------
# Space-separated rows (001.txt, 006.txt)


def space_rows(document: TargetDocument, *, label: Label = as_printed) -> str:
    """Text extracted from Word or PDF with one table row per line and spaces between the cells (001.txt, 006.txt).

    Empty cells leave nothing; the goal's text is on the line under its ``总体目标 年度目标`` labels; a merged level
    cell is printed on its group's first row only, and a long level-2 name wraps in its narrow column (``经济效益`` /
    ``指标``, then the rest of the row on a line of its own, as 006.txt prints it). Mid-term values are a column of
    their own (中期指标值 before 年度指标值).
    """
    lines: list[str] = []
    for project in document.projects:
        midterm = has_midterm(project)
        department, unit, budget = document.department, project.unit, project.budget
        lines += [f"            {label('绩效目标申报表')}", _year(document)]
        lines.append(f"{label('项目名称')} {project.name or ''}")
        if project.code:
            lines.append(f"{label('项目编码')} {project.code}")
        parties = f"{label('主管部门')} {_party(department.code, department.name)}"
        lines.append(parties + (f" {label('实施单位')} {_party(unit.code, unit.name)}" if unit else ""))
        lines.append(f"{_money_label(document, label)} {label('年度资金总额')}: {amount(budget.total)}")
        lines.append(f"其中:{label('财政拨款')} {amount(budget.fiscal)}")
        lines.append(f"{label('其他资金')} {amount(budget.other)}")
        lines += [f"{label('总体目标')} {label('年度目标')}", project.goal or ""]
        values = [label("中期指标值"), label("年度指标值")] if midterm else [label("指标值")]
        lines.append(" ".join([label("绩效指标"), *_header(label)[:3], *values]))
        for line in indicator_lines(project.indicators):
            lines += _wrapped_row(line, _body(line, midterm))
    return "\n".join(line.rstrip() for line in lines if line.strip()) + "\n"


def _wrapped_row(line: Line, cells: list[str]) -> list[str]:
    """A space-separated row, its level-2 name wrapped where the column is narrow: 服务对象 / 满意度指标."""
    if line.level2 is None or len(line.level2) <= 5 or not line.level2.endswith("指标"):
        return [" ".join(cells)]
    name = line.level2
    head = name[:-2] if len(name) <= 7 else name[:4]
    before = cells[: cells.index(name)]
    return [" ".join([*before, head]), name[len(head) :], " ".join(cells[len(before) + 1 :])]


# ---------------------------------------------------------------------------------------------------------------
# Run-on text (161.txt)


def run_on(document: TargetDocument, *, label: Label = as_printed) -> str:
    """A Word or PDF copy that lost every separator: each row's cells fused into one line (161.txt).

    A label runs into its value (``项目名称农村…``), the indicator header is one run of labels, and each indicator row
    is its level names (on a group's first row), its name and its value with nothing between them. Only the annual
    value is printed: two values fused side by side could not be told apart on paper either.
    """
    lines: list[str] = []
    for project in document.projects:
        department, unit, budget = document.department, project.unit, project.budget
        lines += [label("绩效目标表"), _year(document)]
        lines.append(f"{label('项目名称')}{project.name or ''}")
        if project.code:
            lines.append(f"{label('项目编码')}{project.code}")
        parties = f"{label('项目主管部门')}{_party(department.code, department.name)}"
        lines.append(parties + (f"{label('项目执行单位')}{_party(unit.code, unit.name)}" if unit else ""))
        lines += [label("资金情况"), f"({document.amount_unit or '万元'})"]
        lines.append(f"{label('年度资金总额')}:{amount(budget.total)}")
        lines.append(f"    其中 :{label('财政拨款')}{amount(budget.fiscal)}")
        lines.append(f"{label('其他资金')}{amount(budget.other)}")
        lines += [f"{label('总体目标')}{label('年度目标')}", project.goal or ""]
        lines.append(label("绩效指标") + "".join(_header(label, "指标内容")))
        lines.extend("".join(_body(line, False)) for line in indicator_lines(project.indicators))
    return "\n".join(line for line in lines if line) + "\n"


# ---------------------------------------------------------------------------------------------------------------
# Split value columns (132.txt, 133.txt)


def split_columns(document: TargetDocument, *, label: Label = as_printed) -> str:
    """Pipe rows of a table that prints a value in three columns, 指标性质 | 指标值 | 度量单位 (132.txt, 133.txt).

    An exporter filled the merged cells, so every row repeats its level names; rows start and end with a bar, amounts
    group thousands (``1,500.00``), and the unit line ``金额单位:万元`` stands above the table. Only the annual value
    is printed.
    """
    width = 8

    def line(cells: Sequence[str]) -> str:
        return "| " + " | ".join(cells) + " | " + "|" * (width - len(cells))

    lines: list[str] = []
    for project in document.projects:
        budget = project.budget
        code = [label("项目编码"), project.code] if project.code else []
        lines.append(line([f"项目支出{label('绩效目标表')}{_year(document)}"]))
        lines.append(line([f"金额单位:{document.amount_unit or '万元'}"]))
        lines.append(line([label("项目名称"), project.name or "", *code]))
        lines.append(line(_parties(document, project, label)))
        lines.append(line([label("资金情况"), label("年度资金总额"), amount(budget.total, grouped=True)]))
        lines.append(line([f"其中:{label('财政拨款')}", amount(budget.fiscal, grouped=True)]))
        lines.append(line([label("其他资金"), amount(budget.other, grouped=True)]))
        lines.append(line([label("年度目标"), project.goal or ""]))
        labels = ("一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位")
        lines.append(line([label(word) for word in labels]))
        for indicator in project.indicators:
            cells = [indicator.level1 or "", indicator.level2 or "", indicator.level3 or ""]
            lines.append(line(cells + list(_split_value(indicator.value))))
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------------------------------------------
# Variants: OCR confusions in label words, Traditional Chinese with injected pinyin

# One-character scanner errors in header labels, matched by the label registry (jixiao.formats.interpret.labels).
_HEADER_CONFUSIONS: dict[str, tuple[str, ...]] = {"项目名称": ("项目名陈",), "年度资金总额": ("年度资金总頟",)}


def ocr_labels(seed: int, *, fused: bool = False) -> Label:
    """A ``label`` hook that prints label words with the confusions scans of printed tables show in them, chosen by
    ``seed``: the normalisation stage's list, and one-character errors in header labels. Names and values, which
    renderers never pass through the hook, stay as they are.

    ``fused``: the family runs cells together. A header label one character off is then left out: the label
    registry recognises it as a cell of its own, and cutting look-alikes out of run-on text would cut names too
    (项目名单公示率 is no 项目名称)."""
    rng = random.Random(seed)
    confusions = _LABEL_CONFUSIONS if fused else {**_LABEL_CONFUSIONS, **_HEADER_CONFUSIONS}

    def label(word: str) -> str:
        for right in sorted(confusions, key=len, reverse=True):
            if right in word and rng.random() < 0.7:
                return word.replace(right, rng.choice(confusions[right]))
        return word

    return label


# Characters mirrors annotate with pinyin (005.txt: 學(xué), 標(biāo), 關(guān), 區(qū)).
_PINYIN = {"標": "biāo", "學": "xué", "關": "guān", "區": "qū", "經": "jīng", "務": "wù", "費": "fèi", "護": "hù"}


@cache
def _s2t() -> Callable[[str], str]:
    from opencc import OpenCC

    converter = OpenCC("s2t")
    return lambda text: str(converter.convert(text))


def to_traditional(text: str) -> str:
    """Simplified text in Traditional characters (OpenCC's tables)."""
    return _s2t()(text)


def traditional(text: str, *, seed: int) -> str:
    """A mirror's copy: the whole text in Traditional characters, with tone-marked pinyin in brackets injected after
    some of the characters it annotates (005.txt); ``seed`` chooses which occurrences."""
    rng = random.Random(seed)
    converted = to_traditional(text)
    return "".join(f"{char}({_PINYIN[char]})" if char in _PINYIN and rng.random() < 0.6 else char for char in converted)


# ---------------------------------------------------------------------------------------------------------------
# The families


@dataclass(frozen=True, slots=True)
class Family:
    """A layout family: its renderer and what of the compared fields it prints."""

    name: str
    render: Callable[..., str]
    midterm: bool = False
    """Mid-term values are printed (when the document has them)."""
    fused: bool = False
    """Cells run together with nothing between them."""
    value_text: Callable[[IndicatorValue], str] = lambda value: value.text
    """The 指标值 text a reader gets back from what the family prints of a value."""


FAMILIES = (
    Family("pipe", pipe_dropped, midterm=True),
    Family("pipelines", pipe_cells, midterm=True),
    Family("lines", pdf_lines, midterm=True),
    Family("space", space_rows, midterm=True),
    Family("runon", run_on, fused=True),
    Family("split", split_columns, value_text=split_value_text),
)
