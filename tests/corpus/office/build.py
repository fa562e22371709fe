"""Build DOCX / XLSX / PDF files from corpus readings the way finance-bureau templates look, with their readings.

``python -m tests.corpus.office.build`` reads the source readings listed in :data:`BUILDS` (``expected/NNN.json``),
lays each one out as a table grid the way the published templates print it (merged label cells, 一级/二级 indicator
cells merged down their group, a 绩效指标 column over the whole indicator block, two-row headers, split 指标性质 /
指标值 / 度量单位 columns, 分值 columns, 中期 columns, amounts in 元 or with the unit in the cell, self-evaluation
fund blocks …) and writes the grid with python-docx, openpyxl or reportlab directly — nothing from
``jixiao.formats`` is used but the font finder, so the files do not imitate what Jixiao's own writers print.

Each file gets an expected reading beside it (``office/<stem>.json``): the source's reading restricted to what the
file prints. The grid is drawn from that restricted reading (the *view*), so the expectation holds by construction:
a field the layout has no cell for is null in the view, and every cell the layout fills comes from the view.

The output is deterministic: fixed document properties and zip timestamps, reportlab's invariant mode.
"""

from __future__ import annotations

import copy
import io
import json
import math
import re
import sys
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from tests.corpus.harness import norm_text
from tests.corpus.schema import EXPECTED, check

OFFICE = Path(__file__).resolve().parent
FIXED_TIME = datetime(2024, 1, 1, 0, 0, 0)
ZIP_TIME = (2024, 1, 1, 0, 0, 0)

GLYPH = {">=": "≥", "<=": "≤", ">": ">", "<": "<", "=": "="}

# ---------------------------------------------------------------------------------------------------------------
# The builds: which source reading, which layout, which format, with which template features


@dataclass(frozen=True)
class Spec:
    source: str  # the source reading's number (expected/NNN.json)
    name: str  # the start of the source's first project / evaluation name: a renumbered source is not built
    stem: str  # the output file's name without extension
    fmt: str  # docx | xlsx | pdf
    layout: str  # target | selfeval
    features: str  # the template features, for the notes and the README
    opts: dict[str, Any] = field(default_factory=dict)
    patch: Callable[[dict[str, Any]], None] | None = None  # a change made to the copy of the reading
    patch_note: str = ""


# filled below, after the patch helpers
BUILDS: list[Spec] = []


# ---------------------------------------------------------------------------------------------------------------
# Numbers


def dec_str(value: Decimal) -> str:
    """A decimal printed without exponent and without trailing zeros after the point."""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"


def to_yuan(value: str | None) -> str | None:
    """万元 → 元, printed with two decimals as bureau tables print yuan amounts."""
    if value is None:
        return None
    return format((Decimal(value) * 10000).quantize(Decimal("0.01")), "f")


def decimals(text: str) -> int:
    return len(text.split(".", 1)[1]) if "." in text else 0


def number_format(text: str) -> str:
    """An Excel number format that shows the printed decimals."""
    places = decimals(text)
    return "0" + ("." + "0" * places if places else "")


# ---------------------------------------------------------------------------------------------------------------
# Views: the reading restricted to what a layout prints


def split_parts(indicator: dict[str, Any]) -> tuple[str, str, str] | None:
    """(指标性质, 指标值, 度量单位) when the value is exactly comparator + number + unit, else None."""
    number, value = indicator.get("number"), indicator.get("value")
    if number is None or value is None:
        return None
    glyph = GLYPH.get(indicator.get("comparator") or "", "")
    unit = indicator.get("unit") or ""
    if norm_text(glyph + number + unit) != norm_text(value):
        return None
    return glyph, number, unit


def _indicator_view(row: dict[str, Any], keep: set[str], split: bool) -> dict[str, Any]:
    keys = ("level1", "level2", "level3", "description", "value", "comparator", "number", "unit", "midterm",
            "weight", "basis", "core", "actual", "score")  # fmt: skip
    out: dict[str, Any] = {}
    for key in keys:
        if key not in row and key in ("actual", "score"):
            continue
        if key == "core":
            out[key] = False
        elif key in ("level1", "level2", "level3", "value", "comparator", "number", "unit") or key in keep:
            out[key] = row.get(key)
        else:
            out[key] = None
    if split:
        parts = split_parts(out)
        if parts is not None:
            out["value"] = "".join(parts)
    return out


def target_view(project: dict[str, Any], opts: dict[str, Any]) -> dict[str, Any]:
    yuan = opts.get("yuan", False)
    keep = {"weight"} if opts.get("weight") else set()
    if opts.get("midterm"):
        keep.add("midterm")
    if opts.get("basis"):
        keep.add("basis")
    if opts.get("description"):
        keep.add("description")
    budget = dict(project.get("budget") or {})
    budget = {key: budget.get(key) for key in ("total", "fiscal", "other")}
    midterm_budget = project.get("midterm_budget") if opts.get("midterm_budget") else None
    if yuan:
        budget = {key: to_yuan(value) for key, value in budget.items()}
        midterm_budget = to_yuan(midterm_budget)
    return {
        "name": project.get("name"),
        "code": project.get("code") if opts.get("code") else None,
        "unit": project.get("unit"),
        "unit_code": project.get("unit_code") if project.get("unit") else None,
        "department": project.get("department"),
        "budget": budget,
        "midterm_budget": midterm_budget,
        "spending_plan": [],
        "goal": project.get("goal"),
        "midterm_goal": project.get("midterm_goal") if opts.get("midterm") else None,
        "indicators": [_indicator_view(row, keep, opts.get("split", False)) for row in project.get("indicators", [])],
    }


def evaluation_view(evaluation: dict[str, Any], opts: dict[str, Any]) -> dict[str, Any]:
    funds = dict(evaluation.get("funds") or {})
    funds = {key: funds.get(key) for key in ("initial", "budget", "executed", "weight", "rate", "score")}
    if opts.get("yuan"):
        for key in ("initial", "budget", "executed"):
            funds[key] = to_yuan(funds[key])
    rows = []
    for row in evaluation.get("indicators", []):
        view = _indicator_view(row, {"weight", "actual", "score"}, opts.get("split", False))
        view["actual"], view["score"] = row.get("actual"), row.get("score")
        rows.append(view)
    return {
        "name": evaluation.get("name"),
        "code": evaluation.get("code") if opts.get("code") else None,
        "unit": evaluation.get("unit"),
        "unit_code": evaluation.get("unit_code") if evaluation.get("unit") else None,
        "department": evaluation.get("department"),
        "funds": funds,
        "goal": evaluation.get("goal"),
        "goal_result": evaluation.get("goal_result"),
        "indicators": rows,
        "total": evaluation.get("total"),
        "grade": evaluation.get("grade"),
    }


# ---------------------------------------------------------------------------------------------------------------
# The grid: cells with spans, drawn by each format's backend


@dataclass
class Cell:
    row: int
    col: int
    text: str
    rows: int = 1
    cols: int = 1
    bold: bool = False
    align: str = "center"  # center | left
    number: Decimal | None = None  # the value an XLSX cell stores (DOCX / PDF print text)
    fmt: str | None = None  # the XLSX number format
    vertical: bool = False  # one character a line (the narrow 绩效指标 column)


@dataclass
class Grid:
    widths: list[float]  # column widths in millimetres (scaled to the page)
    cells: list[Cell] = field(default_factory=list)
    nrows: int = 0
    repeat: tuple[int, int] | None = None  # the indicator header rows (first, last), repeated on a new page
    body: int = 0  # the first indicator row
    print_titles: bool = True

    @property
    def ncols(self) -> int:
        return len(self.widths)

    def put(self, row: int, col: int, text: str | None, rows: int = 1, cols: int = 1, **kw: Any) -> Cell:
        cell = Cell(row, col, text or "", rows, cols, **kw)
        self.cells.append(cell)
        self.nrows = max(self.nrows, row + rows)
        return cell

    def tiled(self) -> list[Cell]:
        """The cells with every uncovered position filled by an empty cell; raises on overlap."""
        seen: dict[tuple[int, int], Cell] = {}
        for cell in self.cells:
            if cell.col + cell.cols > self.ncols:
                raise ValueError(f"cell {cell.text!r} at {cell.row},{cell.col} runs past column {self.ncols}")
            for r in range(cell.row, cell.row + cell.rows):
                for c in range(cell.col, cell.col + cell.cols):
                    if (r, c) in seen:
                        raise ValueError(f"cells {seen[(r, c)].text!r} and {cell.text!r} overlap at {r},{c}")
                    seen[(r, c)] = cell
        cells = list(self.cells)
        for r in range(self.nrows):
            for c in range(self.ncols):
                if (r, c) not in seen:
                    cells.append(Cell(r, c, ""))
        return sorted(cells, key=lambda cell: (cell.row, cell.col))


@dataclass
class Block:
    kind: str  # title | subtitle | line | caption | grid | pagebreak
    text: str = ""
    right: str = ""
    grid: Grid | None = None


def amount_cell(grid: Grid, row: int, col: int, value: str | None, cols: int, unit: str, in_cell: bool) -> None:
    if value is None:
        grid.put(row, col, "", cols=cols)
    elif in_cell:
        grid.put(row, col, f"{value}{unit}", cols=cols)
    else:
        grid.put(row, col, value, cols=cols, number=Decimal(value), fmt=number_format(value))


def level_groups(rows: list[dict[str, Any]], key: str, parent: str | None) -> list[tuple[int, int, str | None]]:
    """(first row, row count, name) for runs of equal `key` (not crossing a change of `parent`)."""
    groups: list[tuple[int, int, str | None]] = []
    for index, row in enumerate(rows):
        name = row.get(key)
        if groups:
            first, count, last = groups[-1]
            same_parent = parent is None or rows[first].get(parent) == row.get(parent)
            if last == name and same_parent and name is not None:
                groups[-1] = (first, count + 1, name)
                continue
        groups.append((index, 1, name))
    return groups


def middle(widths: list[float]) -> int:
    """The column of the second label in a 主管部门 | … | 实施单位 | … row: both values as wide as can be."""
    candidates = range(3, len(widths) - 1)
    return max(candidates, key=lambda h: (min(sum(widths[2:h]), sum(widths[h + 1 :])), -h))


@dataclass(frozen=True)
class Column:
    key: str
    head: str
    width: float
    group: str | None = None  # the upper header cell of a two-row header


class Ruler:
    """Rows laid out on different column boundaries (a Word table's irregular rows): the grid is their union."""

    def __init__(self, *layouts: list[float]) -> None:
        total = sum(layouts[0])
        self.edges_of: list[list[float]] = []
        edges: set[float] = set()
        for layout in layouts:
            scale = total / sum(layout)
            running, cut = 0.0, [0.0]
            for width in layout:
                running += width * scale
                cut.append(round(running, 3))
            self.edges_of.append(cut)
            edges.update(cut)
        self.edges = sorted(edges)

    @property
    def widths(self) -> list[float]:
        return [right - left for left, right in zip(self.edges, self.edges[1:], strict=False)]

    def span(self, layout: int, first: int, last: int | None = None) -> tuple[int, int]:
        """(grid column, column count) of cells first..last of a layout."""
        cut = self.edges_of[layout]
        start = self.edges.index(cut[first])
        end = self.edges.index(cut[(first if last is None else last) + 1])
        return start, end - start


def indicator_block(grid: Grid, top: int, columns: list[Column], rows: list[dict[str, Any]], xlsx_numbers: bool,
                    spans: list[tuple[int, int]] | None = None, title: str = "绩效指标") -> int:  # fmt: skip
    """The indicator header and rows from `top`; the first column is 绩效指标 over the whole block.

    `spans` gives each column's (grid column, column count), 绩效指标 first; by default one grid column each."""
    if spans is None:
        spans = [(index, 1) for index in range(len(columns) + 1)]
    two_rows = any(column.group for column in columns)
    heads = 2 if two_rows else 1
    grid.repeat = (top, top + heads - 1)
    index = 0
    while index < len(columns):
        column = columns[index]
        col, cols = spans[index + 1]
        if column.group:
            count = 1
            while index + count < len(columns) and columns[index + count].group == column.group:
                count += 1
            last, last_cols = spans[index + count]
            grid.put(top, col, column.group, cols=last + last_cols - col, bold=True)
            for offset in range(count):
                sub, sub_cols = spans[index + 1 + offset]
                grid.put(top + 1, sub, columns[index + offset].head, cols=sub_cols, bold=True)
            index += count
        else:
            grid.put(top, col, column.head, rows=heads, cols=cols, bold=True)
            index += 1
    body = top + heads
    grid.body = body
    grid.put(top, spans[0][0], title, rows=heads + len(rows), cols=spans[0][1], bold=True, vertical=True)
    keys = [column.key for column in columns]
    for key, parent in (("level1", None), ("level2", "level1")):
        if key in keys:
            col, cols = spans[1 + keys.index(key)]
            for first, count, name in level_groups(rows, key, parent):
                grid.put(body + first, col, name, rows=count, cols=cols)
    for offset, row in enumerate(rows):
        parts = split_parts(row)
        for position, column in enumerate(columns):
            col, cols = spans[1 + position]
            key = column.key
            if key in ("level1", "level2"):
                continue
            text: str | None
            number: Decimal | None = None
            fmt = None
            align = "center"
            if key == "level3":
                text, align = row.get("level3"), "left"
            elif key == "kind":
                text = parts[0] if parts else ""
            elif key == "num":
                text = parts[1] if parts else row.get("value")
                if parts and xlsx_numbers:
                    number, fmt = Decimal(parts[1]), number_format(parts[1])
            elif key == "measure":
                text = parts[2] if parts else ""
            elif key in ("weight", "score") and row.get(key) is not None:
                text = str(row[key])
                if xlsx_numbers:
                    number, fmt = Decimal(text), number_format(text)
            elif key == "blank":
                text = ""
            else:
                text = row.get(key)
                if key in ("basis", "description"):
                    align = "left"
            grid.put(body + offset, col, text, cols=cols, align=align, number=number, fmt=fmt)
    return body + len(rows)


# ---------------------------------------------------------------------------------------------------------------
# Target layouts


def target_columns(opts: dict[str, Any]) -> list[Column]:
    columns = [Column("level1", "一级指标", 20), Column("level2", "二级指标", 22), Column("level3", "三级指标", 46)]
    value: list[Column]
    midterm = opts.get("midterm")
    if opts.get("split"):
        value = [Column("kind", "指标性质", 14), Column("num", "指标值", 18), Column("measure", "度量单位", 16)]
        if midterm:
            value = [Column("midterm", "中期指标值", 22), *value]
    elif midterm == "zq-nd":
        value = [Column("midterm", "中期", 24, "指标值"), Column("value", "年度", 24, "指标值")]
    elif midterm == "goal":
        value = [Column("midterm", "中期目标值", 26, "指标值"), Column("value", "年度目标值", 26, "指标值")]
    else:
        value = [Column("value", "指标值", 30)]
    weight = [Column("weight", opts.get("weight_head", "分值"), 12)]
    if opts.get("weight") == "before":
        columns += weight + value
    elif opts.get("weight") == "after":
        columns += value + weight
    else:
        columns += value
    if opts.get("description"):
        columns.insert(3, Column("description", "指标解释", 40))
    if opts.get("basis"):
        columns.append(Column("basis", opts.get("basis_head", "备注"), 30))
    elif opts.get("remark", True):
        columns.append(Column("blank", "备注", 18))
    return columns


def target_grid(view: dict[str, Any], opts: dict[str, Any], fmt: str) -> Grid:
    columns = target_columns(opts)
    grid = Grid([10.0] + [column.width for column in columns])
    n = grid.ncols
    half = middle(grid.widths)
    unit = opts["_unit"]
    in_cell = opts.get("amount_in_cell", False)
    row = 0
    if view.get("code"):
        grid.put(row, 0, "项目名称", cols=2, bold=True)
        grid.put(row, 2, view["name"], cols=half - 2)
        grid.put(row, half, "项目编码", bold=True)
        grid.put(row, half + 1, view["code"], cols=n - half - 1)
    else:
        grid.put(row, 0, "项目名称", cols=2, bold=True)
        grid.put(row, 2, view["name"], cols=n - 2)
    row += 1
    unit_text = view.get("unit") or ""
    if view.get("unit_code") and unit_text:
        unit_text = f"[{view['unit_code']}]{unit_text}"
    grid.put(row, 0, opts.get("department_label", "主管部门"), cols=2, bold=True)
    grid.put(row, 2, view.get("department"), cols=half - 2)
    grid.put(row, half, opts.get("unit_label", "实施单位"), bold=True)
    grid.put(row, half + 1, unit_text, cols=n - half - 1)
    row += 1
    budget = view["budget"]
    label = opts.get("fund_label", "项目资金（{unit}）").format(unit=unit)
    style = "midterm" if opts.get("midterm_budget") else opts.get("fund_style", "annual")
    if style == "inline":
        grid.put(row, 0, label, rows=3, cols=2, bold=True)
        for offset, (name, key) in enumerate((("年度资金总额：", "total"), ("其中：财政拨款", "fiscal"),
                                              ("其他资金", "other"))):  # fmt: skip
            grid.put(row + offset, 2, name, cols=half - 2)
            amount_cell(grid, row + offset, half, budget[key], n - half, unit, in_cell)
        row += 3
    elif style == "midterm":
        grid.put(row, 0, label, rows=4, cols=2, bold=True)
        grid.put(row, 2, "", cols=n - 6)
        grid.put(row, n - 4, "中期资金总额", cols=2, bold=True)
        grid.put(row, n - 2, "年度资金总额", cols=2, bold=True)
        grid.put(row + 1, 2, "资金总额", cols=n - 6)
        amount_cell(grid, row + 1, n - 4, view.get("midterm_budget"), 2, unit, in_cell)
        amount_cell(grid, row + 1, n - 2, budget["total"], 2, unit, in_cell)
        grid.put(row + 2, 2, "其中：财政拨款", cols=n - 6)
        grid.put(row + 2, n - 4, "", cols=2)
        amount_cell(grid, row + 2, n - 2, budget["fiscal"], 2, unit, in_cell)
        grid.put(row + 3, 2, "其他资金", cols=n - 6)
        grid.put(row + 3, n - 4, "", cols=2)
        amount_cell(grid, row + 3, n - 2, budget["other"], 2, unit, in_cell)
        row += 4
    else:  # annual: a 资金来源 | 预算数 header, 预算数 over two columns
        grid.put(row, 0, label, rows=4, cols=2, bold=True)
        grid.put(row, 2, "资金来源", cols=n - 4, bold=True)
        grid.put(row, n - 2, "预算数", cols=2, bold=True)
        for offset, (name, key) in enumerate((("年度资金总额", "total"), ("其中：财政拨款", "fiscal"),
                                              ("其他资金", "other")), start=1):  # fmt: skip
            grid.put(row + offset, 2, name, cols=n - 4)
            amount_cell(grid, row + offset, n - 2, budget[key], 2, unit, in_cell)
        row += 4
    if opts.get("midterm"):
        grid.put(row, 0, "总体目标", rows=2, cols=2, bold=True)
        grid.put(row, 2, opts.get("midterm_goal_head", "中期目标"), cols=half - 2, bold=True)
        grid.put(row, half, "年度目标", cols=n - half, bold=True)
        grid.put(row + 1, 2, view.get("midterm_goal"), cols=half - 2, align="left")
        grid.put(row + 1, half, view.get("goal"), cols=n - half, align="left")
        row += 2
    else:
        grid.put(row, 0, opts.get("goal_label", "年度总体目标"), cols=2, bold=True)
        grid.put(row, 2, view.get("goal"), cols=n - 2, align="left")
        row += 1
    indicator_block(grid, row, columns, view["indicators"], fmt == "xlsx")
    return grid


def target_blocks(source: dict[str, Any], view: dict[str, Any], opts: dict[str, Any], fmt: str) -> list[Block]:
    blocks = [Block("title", opts.get("title", "项目支出绩效目标表"))]
    if source.get("year"):
        blocks.append(Block("subtitle", f"（{source['year']}年度）"))
    if opts.get("unit_line"):
        blocks.append(Block("line", opts["unit_line"], f"单位：{opts['_unit']}"))
    blocks.append(Block("grid", grid=target_grid(view, opts, fmt)))
    return blocks


# ---------------------------------------------------------------------------------------------------------------
# Self-evaluation layout (财政部 项目支出绩效自评表, optionally with the Yunnan split value columns)


def selfeval_grid(view: dict[str, Any], opts: dict[str, Any], fmt: str) -> Grid:
    columns = [Column("level1", "一级指标", 16), Column("level2", "二级指标", 18)]
    if opts.get("split"):
        columns += [
            Column("level3", "三级指标", 32),
            Column("kind", "指标性质", 12, "年度指标值"),
            Column("num", "指标值", 15, "年度指标值"),
            Column("measure", "度量单位", 13, "年度指标值"),
        ]
    else:
        columns += [Column("level3", "三级指标", 40), Column("value", "年度指标值", 22)]
    columns += [
        Column("actual", "实际完成值", 22 if not opts.get("split") else 20),
        Column("weight", "分值", 14),
        Column("score", "得分", 15),
        Column("blank", "偏差原因分析及改进措施", 0),
    ]
    used = 8 + sum(column.width for column in columns)
    columns[-1] = Column("blank", "偏差原因分析及改进措施", 180 - used)
    # the fund block's own boundaries: label | row name | 年初预算数 全年预算数 全年执行数 分值 执行率 得分
    ruler = Ruler([8.0] + [column.width for column in columns], [24, 36, 22, 22, 22, 16, 18, 20])
    IND, FUND = 0, 1
    grid = Grid(ruler.widths)
    xlsx = fmt == "xlsx"
    unit = opts["_unit"]
    in_cell = opts.get("amount_in_cell", False)

    def put(layout: int, row: int, first: int, last: int | None, text: str | None, **kw: Any) -> None:
        col, cols = ruler.span(layout, first, last)
        grid.put(row, col, text, cols=cols, **kw)

    def fill(layout: int, row: int) -> None:
        """Blank cells for the layout's cells of `row` that nothing covers (no stray grid lines)."""
        covered = {(r, c) for cell in grid.cells for r in range(cell.row, cell.row + cell.rows)
                   for c in range(cell.col, cell.col + cell.cols)}  # fmt: skip
        for index in range(len(ruler.edges_of[layout]) - 1):
            col, cols = ruler.span(layout, index)
            if not any((row, c) in covered for c in range(col, col + cols)):
                grid.put(row, col, "", cols=cols)

    def number(layout: int, row: int, first: int, value: str | None) -> None:
        if value is not None and xlsx:
            put(layout, row, first, None, value, number=Decimal(value), fmt=number_format(value))
        else:
            put(layout, row, first, None, value)

    row = 0
    put(FUND, row, 0, None, "项目名称", bold=True)
    put(FUND, row, 1, 7, view["name"])
    row += 1
    unit_text = view.get("unit") or ""
    if view.get("unit_code") and unit_text:
        unit_text = f"[{view['unit_code']}]{unit_text}"
    put(FUND, row, 0, None, "主管部门", bold=True)
    put(FUND, row, 1, 2, view.get("department"))
    put(FUND, row, 3, None, "实施单位", bold=True)
    put(FUND, row, 4, 7, unit_text)
    row += 1
    funds = view["funds"]
    label = opts.get("fund_label", "项目资金（{unit}）").format(unit=unit)
    col, cols = ruler.span(FUND, 0)
    grid.put(row, col, label, rows=5, cols=cols, bold=True)
    put(FUND, row, 1, None, "")
    for offset, head in enumerate(("年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分")):
        put(FUND, row, 2 + offset, None, head, bold=True)
    put(FUND, row + 1, 1, None, "年度资金总额")
    for offset, key in enumerate(("initial", "budget", "executed")):
        col, cols = ruler.span(FUND, 2 + offset)
        amount_cell(grid, row + 1, col, funds[key], cols, unit, in_cell)
    number(FUND, row + 1, 5, funds["weight"])
    number(FUND, row + 1, 7, funds["score"])
    rate = funds["rate"]
    if rate is not None and xlsx and opts.get("rate_number"):
        places = decimals(rate)
        put(FUND, row + 1, 6, None, f"{rate}%", number=Decimal(rate) / 100,
            fmt="0" + ("." + "0" * places if places else "") + "%")  # fmt: skip
    else:
        put(FUND, row + 1, 6, None, f"{rate}%" if rate is not None else "")
    for offset, name in enumerate(("其中：当年财政拨款", "上年结转资金", "其他资金"), start=2):
        put(FUND, row + offset, 1, None, name)
        put(FUND, row + offset, 5, None, "—")
        put(FUND, row + offset, 7, None, "—")
    row += 5
    col, cols = ruler.span(FUND, 0)
    grid.put(row, col, "年度总体目标", rows=2, cols=cols, bold=True)
    put(FUND, row, 1, 3, "预期目标", bold=True)
    put(FUND, row, 4, 7, "实际完成情况", bold=True)
    put(FUND, row + 1, 1, 3, view.get("goal"), align="left")
    put(FUND, row + 1, 4, 7, view.get("goal_result"), align="left")
    row += 2
    spans = [ruler.span(IND, index) for index in range(len(columns) + 1)]
    row = indicator_block(grid, row, columns, view["indicators"], xlsx, spans)
    for index in range(row):
        fill(FUND if index < grid.repeat[0] else IND, index)  # type: ignore[index]
    if view.get("total") is None and view.get("grade") is None:
        return grid  # the reading has no 总分 (the excerpt stops before it): the table ends with the indicators
    score = 1 + [column.key for column in columns].index("score")
    put(IND, row, 0, score - 1, "总分", bold=True)
    number(IND, row, score, view.get("total"))
    if opts.get("grade_row"):
        put(IND, row, score + 1, len(columns), "")
        if view.get("grade") is not None:
            put(IND, row + 1, 0, score - 1, "自评等级", bold=True)
            put(IND, row + 1, score, len(columns), view["grade"])
    else:
        put(IND, row, score + 1, len(columns), view.get("grade"))
    return grid


def selfeval_blocks(source: dict[str, Any], view: dict[str, Any], opts: dict[str, Any], fmt: str) -> list[Block]:
    blocks = [Block("title", opts.get("title", "项目支出绩效自评表"))]
    if source.get("year"):
        blocks.append(Block("subtitle", f"（{source['year']}年度）"))
    if opts.get("unit_line"):
        blocks.append(Block("line", opts["unit_line"], f"单位：{opts['_unit']}"))
    blocks.append(Block("grid", grid=selfeval_grid(view, opts, fmt)))
    return blocks


# ---------------------------------------------------------------------------------------------------------------
# DOCX (python-docx)


def normalise_zip(data: bytes, core_xml: Callable[[str], str] | None = None) -> bytes:
    """The same archive with fixed timestamps (and the core properties rewritten), so a rebuild is identical."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if core_xml and info.filename == "docProps/core.xml":
                content = core_xml(content.decode("utf-8")).encode("utf-8")
            item = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            item.compress_type = zipfile.ZIP_DEFLATED
            item.external_attr = 0o600 << 16
            target.writestr(item, content)
    return out.getvalue()


def fixed_core(xml: str) -> str:
    stamp = FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ")
    xml = re.sub(r"(<dcterms:created[^>]*>)[^<]*(</dcterms:created>)", rf"\g<1>{stamp}\g<2>", xml)
    return re.sub(r"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)", rf"\g<1>{stamp}\g<2>", xml)


def render_docx(pages: list[list[Block]], opts: dict[str, Any]) -> bytes:
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    document = Document()
    props = document.core_properties
    props.author = opts.get("author", "财政局")
    props.last_modified_by = props.author
    props.title = ""
    props.comments = ""
    props.created = props.modified = props.last_printed = FIXED_TIME
    props.revision = 1
    section = document.sections[0]
    landscape = opts.get("landscape", False)
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (Mm(297), Mm(210)) if landscape else (Mm(210), Mm(297))
    section.left_margin = section.right_margin = Mm(18)
    section.top_margin = section.bottom_margin = Mm(20)
    text_width = (297 if landscape else 210) - 36
    body_font = opts.get("docx_font", "仿宋_GB2312")

    def font(run: Any, size: float, east: str, bold: bool = False) -> None:
        run.font.size = Pt(size)
        run.font.bold = bold
        run.font.name = "Times New Roman"
        rpr = run._element.get_or_add_rPr()
        rpr.get_or_add_rFonts().set(qn("w:eastAsia"), east)

    normal = document.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "宋体")
    normal.font.size = Pt(10.5)

    first_page = True
    for blocks in pages:
        if not first_page:
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        first_page = False
        for block in blocks:
            if block.kind in ("title", "subtitle"):
                paragraph = document.add_paragraph()
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
                big = block.kind == "title"
                font(paragraph.add_run(block.text), 18 if big else 12, "方正小标宋简体" if big else "楷体_GB2312", big)
            elif block.kind == "line":
                paragraph = document.add_paragraph()
                paragraph.paragraph_format.tab_stops.add_tab_stop(Mm(text_width - 2), alignment=2)  # right tab
                font(paragraph.add_run(f"{block.text}\t{block.right}"), 10.5, body_font)
            elif block.kind == "caption":
                paragraph = document.add_paragraph()
                font(paragraph.add_run(block.text), 10.5, "黑体")
            elif block.kind == "grid" and block.grid is not None:
                grid = block.grid
                scale = text_width / sum(grid.widths)
                table = document.add_table(rows=grid.nrows, cols=grid.ncols)
                table.style = "Table Grid"
                table.alignment = WD_TABLE_ALIGNMENT.CENTER
                table.autofit = False
                for index, width in enumerate(grid.widths):
                    table.columns[index].width = Mm(width * scale)
                    for cell in table.columns[index].cells:
                        cell.width = Mm(width * scale)
                cells = grid.tiled()
                for cell in cells:
                    if cell.rows > 1 or cell.cols > 1:
                        table.cell(cell.row, cell.col).merge(
                            table.cell(cell.row + cell.rows - 1, cell.col + cell.cols - 1)
                        )
                for cell in cells:
                    target = table.cell(cell.row, cell.col)
                    target.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
                    paragraph = target.paragraphs[0]
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT if cell.align == "left" else WD_ALIGN_PARAGRAPH.CENTER
                    if cell.text:
                        font(paragraph.add_run(cell.text), 9, "黑体" if cell.bold else body_font, False)
                document.add_paragraph()
    buffer = io.BytesIO()
    document.save(buffer)
    return normalise_zip(buffer.getvalue(), fixed_core)


# ---------------------------------------------------------------------------------------------------------------
# XLSX (openpyxl)


def _lines(text: str, width_mm: float) -> int:
    """About how many lines a wrapped cell takes (a 10-point CJK character is about 3.6 mm wide)."""
    per_line = max(width_mm / 3.6, 1.0)
    total = 0
    for part in text.split("\n"):
        units = sum(1.0 if ord(char) > 0x2E80 else 0.55 for char in part)
        total += max(1, math.ceil(units / per_line))
    return total


def render_xlsx(sheets: list[tuple[str, list[Block]]], opts: dict[str, Any]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    workbook.remove(workbook.active)
    props = workbook.properties
    props.creator = opts.get("author", "财政局")
    props.lastModifiedBy = props.creator
    props.created = props.modified = FIXED_TIME
    thin = Side(style="thin", color="000000")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    body_font = Font(name="宋体", size=10)
    bold_font = Font(name="宋体", size=10, bold=True)
    for title, blocks in sheets:
        ws = workbook.create_sheet(title)
        grids = [block.grid for block in blocks if block.grid is not None]
        width = grids[0].ncols
        widths = grids[0].widths
        for index, mm in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(index)].width = round(mm / 1.9 + 1, 1)
        row = 1
        for block in blocks:
            last = get_column_letter(width)
            if block.kind in ("title", "subtitle"):
                ws.merge_cells(f"A{row}:{last}{row}")
                cell = ws.cell(row=row, column=1, value=block.text)
                big = block.kind == "title"
                cell.font = Font(name="方正小标宋简体" if big else "楷体", size=18 if big else 12, bold=big)
                cell.alignment = Alignment(horizontal="center", vertical="center")
                ws.row_dimensions[row].height = 32 if big else 20
                row += 1
            elif block.kind == "line":
                split = max(width - 2, 1)
                ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=split)
                ws.cell(row=row, column=1, value=block.text).font = body_font
                ws.merge_cells(start_row=row, start_column=split + 1, end_row=row, end_column=width)
                right = ws.cell(row=row, column=split + 1, value=block.right)
                right.font = body_font
                right.alignment = Alignment(horizontal="right")
                row += 1
            elif block.kind == "grid" and block.grid is not None:
                grid = block.grid
                top = row
                heights = [1] * grid.nrows
                for cell in grid.tiled():
                    r, c = top + cell.row, 1 + cell.col
                    for rr in range(r, r + cell.rows):
                        for cc in range(c, c + cell.cols):
                            ws.cell(row=rr, column=cc).border = border
                    if cell.rows > 1 or cell.cols > 1:
                        ws.merge_cells(start_row=r, start_column=c, end_row=r + cell.rows - 1,
                                       end_column=c + cell.cols - 1)  # fmt: skip
                    target = ws.cell(row=r, column=c)
                    if cell.number is not None:
                        target.value = int(cell.number) if cell.number == cell.number.to_integral_value() and \
                            "." not in str(cell.number) else cell.number  # fmt: skip
                        target.number_format = cell.fmt or "General"
                    else:
                        target.value = cell.text or None
                        if cell.text.startswith("="):
                            target.data_type = "s"  # text typed as "=11个", not a formula
                    target.font = bold_font if cell.bold else body_font
                    target.alignment = Alignment(horizontal="left" if cell.align == "left" else "center",
                                                 vertical="center", wrap_text=True)  # fmt: skip
                    if cell.rows == 1 and cell.text:
                        span = sum(grid.widths[cell.col : cell.col + cell.cols])
                        heights[cell.row] = max(heights[cell.row], _lines(cell.text, span))
                for index, lines in enumerate(heights):
                    ws.row_dimensions[top + index].height = max(18, 14 * lines + 4)
                if grid.repeat and grid.print_titles:
                    ws.print_title_rows = f"{top + grid.repeat[0]}:{top + grid.repeat[1]}"
                row += grid.nrows
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.orientation = "landscape" if opts.get("landscape") else "portrait"
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.print_options.horizontalCentered = True
    buffer = io.BytesIO()
    workbook.save(buffer)
    return normalise_zip(buffer.getvalue(), fixed_core)


# ---------------------------------------------------------------------------------------------------------------
# PDF (reportlab): one table per page, the indicator header repeated on each continuation page


def render_pdf(pages: list[list[Block]], opts: dict[str, Any]) -> tuple[bytes, int, bool]:
    """The PDF, its page count, and whether an indicator table continues onto a new page."""
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER, TA_LEFT
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    from jixiao.formats.fonts import reportlab_font

    font = reportlab_font()
    size = opts.get("pdf_size", 9.0)
    centre = ParagraphStyle("c", fontName=font, fontSize=size, leading=size * 1.35, alignment=TA_CENTER,
                            wordWrap="CJK")  # fmt: skip
    left = ParagraphStyle("l", parent=centre, alignment=TA_LEFT)
    title_style = ParagraphStyle("t", fontName=font, fontSize=17, leading=24, alignment=TA_CENTER)
    subtitle_style = ParagraphStyle("s", fontName=font, fontSize=11, leading=16, alignment=TA_CENTER)
    line_style = ParagraphStyle("n", fontName=font, fontSize=10, leading=14, alignment=TA_LEFT)
    pagesize = landscape(A4) if opts.get("landscape") else A4
    margin = 16 * mm
    buffer = io.BytesIO()
    document = SimpleDocTemplate(buffer, pagesize=pagesize, leftMargin=margin, rightMargin=margin, topMargin=margin,
                                 bottomMargin=margin, invariant=1, title=opts.get("pdf_title", ""),
                                 author=opts.get("author", "财政局"), creator="", subject="")  # fmt: skip
    frame_width = document.width - 12
    frame_height = document.height - 12 - 8  # the frame's padding and a little slack

    def paragraph(text: str, style: Any) -> Paragraph:
        escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br/>")
        return Paragraph(escaped, style)

    def table_for(grid: Grid, rows: list[int]) -> Table:
        """The grid's `rows` (original indexes, in order) as one table; spans cut to the rows present."""
        scale = frame_width / sum(grid.widths)
        position = {original: local for local, original in enumerate(rows)}
        data: list[list[Any]] = [["" for _ in range(grid.ncols)] for _ in rows]
        commands: list[tuple[Any, ...]] = [
            ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
            ("BOX", (0, 0), (-1, -1), 1.0, colors.black),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), 2.5),
            ("RIGHTPADDING", (0, 0), (-1, -1), 2.5),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ]
        for cell in grid.tiled():
            present = [position[r] for r in range(cell.row, cell.row + cell.rows) if r in position]
            if not present:
                continue
            top, bottom = min(present), max(present)
            text = "\n".join(cell.text) if cell.vertical else cell.text
            if text:
                data[top][cell.col] = paragraph(text, left if cell.align == "left" else centre)
            if bottom > top or cell.cols > 1:
                commands.append(("SPAN", (cell.col, top), (cell.col + cell.cols - 1, bottom)))
        return Table(data, colWidths=[width * scale for width in grid.widths], style=TableStyle(commands))

    story: list[Any] = []
    page_count = 0
    continued = False
    for number, blocks in enumerate(pages):
        if number:
            story.append(PageBreak())
        used = 0.0
        page_count += 1
        for block in blocks:
            if block.kind in ("title", "subtitle", "line"):
                style = {"title": title_style, "subtitle": subtitle_style, "line": line_style}[block.kind]
                text = block.text
                if block.kind == "line":
                    gap = "&nbsp;" * 60
                    item = Paragraph(f"{text}{gap}{block.right}", style)
                else:
                    item = paragraph(text, style)
                used += item.wrap(frame_width, frame_height)[1]
                story.append(item)
                if block.kind != "title":
                    story.append(Spacer(1, 4))
                    used += 4
            elif block.kind == "grid" and block.grid is not None:
                grid = block.grid
                whole = table_for(grid, list(range(grid.nrows)))
                whole.wrap(frame_width, 10**6)
                heights = list(whole._rowHeights)
                repeat = list(range(grid.repeat[0], grid.repeat[1] + 1)) if grid.repeat else []
                caption = opts.get("continued_caption")
                chunks: list[list[int]] = [[]]
                room = frame_height - used
                for r in range(grid.nrows):
                    if r >= grid.body and chunks[-1] and sum(heights[i] for i in chunks[-1]) + heights[r] > room:
                        chunks.append(list(repeat))
                        room = frame_height - (16 if caption else 0)
                    chunks[-1].append(r)
                continued = continued or len(chunks) > 1
                for index, chunk in enumerate(chunks):
                    if index:
                        story.append(PageBreak())
                        page_count += 1
                        if caption:
                            story.append(Paragraph(caption, line_style))
                            story.append(Spacer(1, 2))
                    story.append(table_for(grid, chunk))

    def page_number(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont(font, 9)
        canvas.drawCentredString(pagesize[0] / 2, 8 * mm, f"— {doc.page} —")
        canvas.restoreState()

    document.build(story, onFirstPage=page_number, onLaterPages=page_number)
    return buffer.getvalue(), page_count, continued


# ---------------------------------------------------------------------------------------------------------------
# One build


def feature_list(opts: dict[str, Any], kind: str, items: list[dict[str, Any]]) -> list[str]:
    found: set[str] = set()
    rows = [row for item in items for row in item["indicators"]]
    if opts.get("split") and any(split_parts(row) for row in rows):
        found.add("split-value")
    if opts.get("midterm") or opts.get("midterm_budget"):
        found.add("midterm")
    if opts.get("weight") and kind == "target":
        found.add("weight")
    if opts["_unit"] == "元":
        found.add("yuan")
    if opts.get("amount_in_cell"):
        found.add("amount-in-cell")
    if opts.get("midterm") in ("zq-nd", "goal") or (kind == "selfeval" and opts.get("split")):
        found.add("two-row-header")
    if any(str(row.get("level3") or "").startswith("其中") for row in rows):
        found.add("subrows")
    if len(items) > 1:
        found.add("multi-project")
    if any(row.get("level1") is None for row in rows):
        found.add("two-level")
    return sorted(found)


def build(spec: Spec) -> tuple[Path, Path, int]:
    source = json.loads((EXPECTED / f"{spec.source}.json").read_text(encoding="utf-8"))
    reading = copy.deepcopy(source)
    if spec.patch:
        spec.patch(reading)
    kind = reading["kind"]
    opts = dict(spec.opts)
    opts["_unit"] = "元" if opts.get("yuan") or reading.get("amount_unit") == "元" else "万元"
    pages: list[list[Block]] = []
    names: list[str] = []
    if kind == "target":
        items = [target_view(project, opts) for project in reading["projects"][: opts.get("limit")]]
        for view in items:
            pages.append(target_blocks(reading, view, opts, spec.fmt))
            names.append(view["name"])
    elif kind == "selfeval":
        items = [evaluation_view(evaluation, opts) for evaluation in reading["evaluations"][: opts.get("limit")]]
        for view in items:
            pages.append(selfeval_blocks(reading, view, opts, spec.fmt))
            names.append(view["name"])
    else:
        raise ValueError(f"{spec.source}: layout for {kind} not built")
    page_count = 1
    if spec.fmt == "docx":
        data = render_docx(pages, opts)
    elif spec.fmt == "xlsx":
        titles = [opts.get("sheet", "绩效目标表" if kind == "target" else "绩效自评表")]
        if len(pages) > 1:
            titles = [f"{titles[0]}{index + 1}" for index in range(len(pages))]
        data = render_xlsx(list(zip(titles, pages, strict=True)), opts)
    else:
        data, page_count, continued = render_pdf(pages, opts)
        if opts.get("continues") and not continued:
            raise ValueError(f"{spec.stem}: the indicator table was to continue onto a new page but fits on one")
    amounts = any(value for item in items for value in (item.get("budget") or item.get("funds") or {}).values())
    amount_unit = opts["_unit"] if amounts else None
    note = f"built from {spec.source}: {spec.features}"
    if spec.patch_note:
        note += f"; {spec.patch_note}"
    expected = {
        "file": f"{spec.stem}.{spec.fmt}",
        "kind": kind,
        "source_url": source["source_url"],
        "province": source.get("province"),
        "unit": source.get("unit"),
        "year": source.get("year"),
        "family": spec.fmt,
        "features": feature_list(opts, kind, items),
        "notes": note,
        "truncated": False,
        "amount_unit": amount_unit,
        "projects" if kind == "target" else "evaluations": items,
    }
    office_path = OFFICE / f"{spec.stem}.{spec.fmt}"
    json_path = OFFICE / f"{spec.stem}.json"
    office_path.write_bytes(data)
    json_path.write_text(json.dumps(expected, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    problems = check(expected, json_path.name, OFFICE)
    if problems:
        raise ValueError("\n".join(problems))
    return office_path, json_path, page_count


# ---------------------------------------------------------------------------------------------------------------
# Patches: changes made to the copy of a reading (said in the notes)


def add_midterm_count(reading: dict[str, Any]) -> None:
    """An indicator whose 中期 value is ≥171个 and 年度 value ≥57个, after the last 数量指标 row, and a three-year
    中期资金总额 (three times the annual total), so that 中期 and 年度 differ everywhere."""
    project = reading["projects"][0]
    rows = project["indicators"]
    at = max((index for index, row in enumerate(rows) if row.get("level2") == "数量指标"), default=-1) + 1
    template = rows[at - 1] if at > 0 else {"level1": "产出指标", "level2": "数量指标"}
    rows.insert(at, {
        "level1": template.get("level1"), "level2": template.get("level2"), "level3": "学校设施设备更新改造项目数量",
        "description": None, "value": "≥57个", "comparator": ">=", "number": "57", "unit": "个",
        "midterm": "≥171个", "weight": None, "basis": None, "core": False,
    })  # fmt: skip
    total = (project.get("budget") or {}).get("total")
    if total is not None:
        project["midterm_budget"] = dec_str(Decimal(total) * 3)


def source_problem(spec: Spec) -> str | None:
    """Why a build's source cannot be used (gone, or renumbered to another document), else None."""
    path = EXPECTED / f"{spec.source}.json"
    if not path.is_file():
        return f"expected/{spec.source}.json is gone"
    data = json.loads(path.read_text(encoding="utf-8"))
    items = data.get("projects") or data.get("evaluations") or []
    name = str(items[0].get("name") or "") if items else ""
    if not name.startswith(spec.name):
        return f"expected/{spec.source}.json is now another document ({name[:30]!r})"
    if data.get("kind") != spec.layout:
        return f"expected/{spec.source}.json is now a {data.get('kind')} reading, not a {spec.layout}"
    return None


README_START = "<!-- files: written by build.py -->"
README_END = "<!-- end of files -->"


def write_readme_list(built: list[Spec]) -> None:
    """The file list in README.md (between its markers), from the builds that were made."""
    readme = OFFICE / "README.md"
    if not readme.is_file():
        return
    text = readme.read_text(encoding="utf-8")
    if README_START not in text or README_END not in text:
        return
    lines = [README_START, "", "| file | from | kind | template features |", "| --- | --- | --- | --- |"]
    for spec in built:
        note = spec.features + (f" ({spec.patch_note})" if spec.patch_note else "")
        note = note.replace("|", "\\|")
        lines.append(f"| `{spec.stem}.{spec.fmt}` | {spec.source} | {spec.layout} | {note} |")
    lines += ["", README_END]
    head, rest = text.split(README_START, 1)
    tail = rest.split(README_END, 1)[1]
    readme.write_text(head + "\n".join(lines) + tail, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    selected = [spec for spec in BUILDS if not args or spec.stem in args or spec.source in args]
    for old in sorted(OFFICE.glob("*")):
        if old.suffix in (".docx", ".xlsx", ".pdf", ".json") and not args:
            old.unlink()
    built: list[Spec] = []
    for spec in selected:
        problem = source_problem(spec)
        if problem:
            print(f"{spec.stem}: skipped, {problem}", file=sys.stderr)
            continue
        office_path, _, pages = build(spec)
        built.append(spec)
        extra = f", {pages} pages" if spec.fmt == "pdf" else ""
        print(f"{office_path.name}: from {spec.source}{extra}")
    if not args:
        write_readme_list(built)
    return 0


# Sources chosen for clean, complete readings (no OCR damage, levels filled); each template feature in two or more
# files across the formats. Order: targets, then self-evaluations.
BUILDS += [
    # --- targets ---------------------------------------------------------------------------------------------------
    Spec(
        "001",
        "2018年市级专项扶贫资金",
        "001-split-continued",
        "pdf",
        "target",
        "Hunan 资金情况 block (年度资金总额：/其中：财政拨款/其他资金 beside a label over three rows), [code]unit, "
        "split 指标性质/指标值/度量单位 columns, 绩效指标 over the indicator block, 一级/二级 drawn over their rows, "
        "小四 type so the table continues on page 2 under a 续表 caption with the header row repeated",
        {
            "split": True,
            "fund_style": "inline",
            "fund_label": "资金情况（{unit}）",
            "pdf_size": 12,
            "continues": True,
            "continued_caption": "续表",
        },
    ),
    Spec(
        "103",
        "岳阳县2022年高标准农田",
        "103-amount-in-cell",
        "docx",
        "target",
        "项目资金（万元） label over four rows with a 资金来源 | 预算数 header (预算数 over two columns), amounts "
        "printed with their unit (854万元), 一级/二级 vMerge, 绩效指标 vMerge over the block, 填报单位/单位 line",
        {"amount_in_cell": True, "unit_line": "填报单位（盖章）：岳阳县农业农村局"},
    ),
    Spec(
        "162",
        "教育系统基础设施建设",
        "162-midterm",
        "docx",
        "target",
        "中期资金总额 beside 年度资金总额, 中期目标 | 年度目标, two-row header 指标值 over 中期 | 年度 (an indicator "
        "reads 中期 ≥171个, 年度 ≥57个), amounts with 万元 in the cell, vMerge level cells",
        {"midterm": "zq-nd", "midterm_budget": True, "amount_in_cell": True},
        add_midterm_count,
        "added the indicator 学校设施设备更新改造项目数量 (中期 ≥171个, 年度 ≥57个) after the 数量指标 rows and set "
        "中期资金总额 to three times the annual total (the source prints the same amount in both)",
    ),
    Spec(
        "162",
        "教育系统基础设施建设",
        "162-midterm-goal",
        "xlsx",
        "target",
        "title row merged across the sheet, header block in merged cells, 中期资金总额 beside 年度资金总额, two-row "
        "header 指标值 over 中期目标值 | 年度目标值, merge_cells level cells and 绩效指标 column",
        {"midterm": "goal", "midterm_budget": True, "landscape": True},
    ),
    Spec(
        "192",
        "第一师六团",
        "192-midterm",
        "pdf",
        "target",
        "中期资金总额 beside 年度资金总额 with 万元 in the amount cells, 中期目标 | 年度目标, two-row header 指标值 "
        "over 中期 | 年度, level cells drawn over their rows",
        {"midterm": "zq-nd", "midterm_budget": True, "amount_in_cell": True},
    ),
    Spec(
        "010",
        "原州区2022年南部水源涵养林",
        "010-yuan",
        "xlsx",
        "target",
        "amounts converted to 元 (项目资金（元）, two decimals, number cells), title row merged across the sheet, "
        "header block merged, 其中 sub-rows, merge_cells level cells",
        {"yuan": True, "unit_line": "填报单位：固原市原州区自然资源局"},
        None,
        "amounts printed in 元 (the source's 万元 × 10000)",
    ),
    Spec(
        "164",
        "特困家庭再扶助",
        "164-split",
        "docx",
        "target",
        "Sichuan split 指标性质 | 指标值 | 度量单位 columns (qualitative values whole in 指标值), 项目资金 label over "
        "four rows with 预算数 over two columns, vMerge level cells",
        {"split": True, "title": "项目支出绩效目标表", "unit_line": "填报单位：区卫生健康局"},
    ),
    Spec(
        "138",
        "小学教育公用经费",
        "138-split",
        "xlsx",
        "target",
        "split 指标性质 | 指标值 | 度量单位 columns with 指标值 as number cells, title row merged across the sheet, "
        "header block merged, merge_cells level cells",
        {"split": True, "fund_label": "资金情况（{unit}）", "fund_style": "inline"},
    ),
    Spec(
        "166",
        "疫情期间区域病媒防治",
        "166-split",
        "pdf",
        "target",
        "split 指标性质 | 指标值 | 度量单位 columns, 预算数 over two columns, level cells drawn over their rows, "
        "landscape; the table continues on page 2 with the header rows repeated (no caption)",
        {"split": True, "landscape": True, "pdf_size": 11, "continues": True},
    ),
    Spec(
        "132",
        "村组干部报酬",
        "132-weight",
        "xlsx",
        "target",
        "two projects on two sheets, 分值 column before 指标值, amounts in 元 as printed by the source, title row "
        "merged, header block merged, [code]unit",
        {"weight": "before", "unit_line": "填报单位：井研县马踏镇人民政府"},
    ),
    Spec(
        "132",
        "村组干部报酬",
        "132-split-weight",
        "pdf",
        "target",
        "two projects, each on its own page: split 指标性质 | 指标值 | 度量单位 columns followed by a 权重 column, "
        "amounts in 元",
        {"split": True, "weight": "after", "weight_head": "权重"},
    ),
    Spec(
        "101",
        "2025金安国际网球",
        "101-two-projects",
        "docx",
        "target",
        "two projects in one document (page break between), 资金情况（万元） label over three rows "
        "(年度资金总额：), vMerge level cells",
        {"fund_style": "inline", "fund_label": "资金情况（{unit}）", "title": "项目支出绩效目标申报表"},
    ),
    Spec(
        "150",
        "雾炮车降尘抑尘服务",
        "150-basis",
        "docx",
        "target",
        "指标值设定依据 column after 指标值, 预算数 over two columns, vMerge level cells",
        {"basis": True, "basis_head": "指标值设定依据"},
    ),
    # --- self-evaluations --------------------------------------------------------------------------------------------
    Spec(
        "013",
        "义务教育营养改善计划",
        "013-selfeval-split",
        "xlsx",
        "selfeval",
        "Yunnan self-evaluation: 项目资金（元） block (年初预算数/全年预算数/全年执行数/分值/执行率/得分), 年度指标值 "
        "over 指标性质 | 指标值 | 度量单位 (two-row header), 执行率 as a percent number cell, title row merged, "
        "总分 row with the grade",
        {"split": True, "rate_number": True},
    ),
    Spec(
        "141",
        "2020年省级自然资源卫片执法",
        "141-selfeval-split",
        "docx",
        "selfeval",
        "self-evaluation with 年度指标值 over 指标性质 | 指标值 | 度量单位 (two-row header), 项目资金（万元） block "
        "over five rows, vMerge level cells",
        {"split": True},
    ),
    Spec(
        "104",
        "中江县农业水价综合改革",
        "104-selfeval",
        "docx",
        "selfeval",
        "财政部 self-evaluation table: 项目资金（万元） block over five rows, 年度总体目标 预期目标 | 实际完成情况, "
        "绩效指标 vMerge over the block, 年度指标值/实际完成值/分值/得分, 总分 row",
        {},
    ),
    Spec(
        "118",
        "村级补助及运转经费",
        "118-selfeval",
        "docx",
        "selfeval",
        "财政部 self-evaluation table, long goal texts, vMerge level cells",
        {},
    ),
    Spec(
        "110",
        "委托业务项目",
        "110-selfeval",
        "xlsx",
        "selfeval",
        "self-evaluation sheet: title row merged, 项目资金 block merged, merge_cells level cells, 分值/得分 as "
        "number cells, level-1 names with their points (产出指标(50分))",
        {},
    ),
    Spec(
        "140",
        "建档立卡个人缴费县级配套资金",
        "140-selfeval-amount",
        "xlsx",
        "selfeval",
        "self-evaluation sheet with amounts printed with their unit (65.66万元) as text cells, title row merged, "
        "merge_cells level cells, 总分 row",
        {"amount_in_cell": True, "fund_label": "项目资金"},
    ),
    Spec(
        "144",
        "河西村特色种养补贴到户",
        "144-selfeval-continued",
        "pdf",
        "selfeval",
        "self-evaluation with 其中 sub-rows (no 分值 of their own), the indicator table continues on page 2 with "
        "the header row repeated",
        {"pdf_size": 12, "continues": True},
    ),
    Spec(
        "197",
        "昌宁县昌龙鸿运牧业",
        "197-selfeval-long",
        "xlsx",
        "selfeval",
        "a long self-evaluation sheet (19 indicator rows under one 数量指标 cell), title row merged, fund block "
        "merged, the indicator header set as print titles",
        {},
    ),
    Spec(
        "196",
        "南华县乡村振兴示范园",
        "196-selfeval-yuan",
        "pdf",
        "selfeval",
        "self-evaluation, 项目资金（元） block (amounts × 10000), level cells drawn over their rows",
        {"yuan": True},
        None,
        "amounts printed in 元 (the source's 万元 × 10000)",
    ),
]

if __name__ == "__main__":
    sys.exit(main())
