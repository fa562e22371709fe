"""Actuals files for ``jixiao score TARGETS --actuals FILE``: JSON (``jixiao.actuals/1``) or an Excel workbook.

The format is documented in docs/format.md ("Actuals"). JSON numbers are read exactly (Decimal); an actual may be
a string or a number. The workbook has an indicator sheet (项目编码 · 项目名称 · 三级指标 · 实际完成值 · 分值 · 得分 ·
偏差原因分析及改进措施) and optionally a funds sheet (项目编码 · 项目名称 · 年初预算数 · 全年预算数 · 全年执行数 ·
分值 · 原因说明); columns are found by their header labels, in any order, on any sheet.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

from jixiao.domain.errors import DocumentError
from jixiao.domain.scoring.entries import IndicatorEntry, ProjectEntry
from jixiao.domain.scoring.model import Funds, IndicatorActual
from jixiao.domain.values import format_number
from jixiao.formats import canonical, detect_format
from jixiao.formats.blocks import Row
from jixiao.formats.interpret.labels import parse_amount
from jixiao.formats.selfeval import key
from jixiao.formats.text import decode

SCHEMA = "jixiao.actuals/1"

# ---------------------------------------------------------------------------------------------------------------
# JSON


class _Json:
    """A JSON object with its path, giving typed fields or ``actuals.schema`` errors that name the path."""

    def __init__(self, data: Any, where: str) -> None:
        if not isinstance(data, dict):
            raise DocumentError("actuals.schema", where=where or "/", reason="应为对象")
        self.data, self.where = data, where

    def _fail(self, name: str, reason: str) -> DocumentError:
        return DocumentError("actuals.schema", where=f"{self.where}/{name}", reason=reason)

    def text(self, name: str) -> str | None:
        value = self.data.get(name)
        if value is None:
            return None
        if isinstance(value, bool):
            raise self._fail(name, "应为字符串")
        if isinstance(value, int | Decimal):
            return format_number(Decimal(value))
        if not isinstance(value, str):
            raise self._fail(name, "应为字符串")
        return value

    def number(self, name: str) -> Decimal | None:
        value = self.data.get(name)
        if value is None:
            return None
        if isinstance(value, str) and (amount := parse_amount(value)) is not None:
            return amount
        if isinstance(value, bool) or not isinstance(value, int | Decimal):
            raise self._fail(name, "应为数字")
        return Decimal(value)

    def integer(self, name: str) -> int | None:
        value = self.data.get(name)
        if value is None:
            return None
        if isinstance(value, int) and not isinstance(value, bool) and value >= 1:
            return value
        raise self._fail(name, "应为正整数")

    def items(self, name: str) -> list[_Json]:
        value = self.data.get(name, [])
        if not isinstance(value, list):
            raise self._fail(name, "应为数组")
        return [_Json(item, f"{self.where}/{name}/{index}") for index, item in enumerate(value)]

    def child(self, name: str) -> _Json | None:
        value = self.data.get(name)
        return None if value is None else _Json(value, f"{self.where}/{name}")


def _indicator_from(item: _Json, index: int) -> IndicatorEntry:
    actual = IndicatorActual(
        actual=item.text("actual"), weight=item.number("weight"), score=item.number("score"), reason=item.text("reason")
    )
    return IndicatorEntry(actual, item.text("level3"), item.integer("position"), where=f"（{item.where}）")


def _project_from(item: _Json) -> ProjectEntry:
    funds = item.child("funds")
    entry = ProjectEntry(
        code=item.text("code"),
        name=item.text("name"),
        goal_result=item.text("goal_result"),
        published_total=item.number("total"),
        published_grade=item.text("grade"),
    )
    if funds is not None:
        entry.funds = Funds(
            initial=funds.number("initial"),
            budget=funds.number("budget"),
            executed=funds.number("executed"),
            weight=funds.number("weight"),
            score=funds.number("score"),
            reason=funds.text("reason"),
        )
    entry.indicators = [_indicator_from(indicator, n) for n, indicator in enumerate(item.items("indicators"))]
    if not (entry.code or entry.name):
        raise DocumentError("actuals.schema", where=f"{item.where}/code", reason="项目应有 code 或 name")
    return entry


def actuals_from_json(text: str) -> list[ProjectEntry]:
    """The project entries of a ``jixiao.actuals/1`` document."""
    root = _Json(canonical.loads(text), "")
    schema = root.text("schema")
    if schema != SCHEMA:
        raise DocumentError("actuals.wrong_schema", found=schema or "")
    return [_project_from(item) for item in root.items("projects")]


# ---------------------------------------------------------------------------------------------------------------
# Excel

_COLUMNS: dict[str, str] = {
    "项目编码": "code",
    "项目代码": "code",
    "项目名称": "name",
    "序号": "position",
    "行号": "position",
    "三级指标": "level3",
    "指标名称": "level3",
    "实际完成值": "actual",
    "完成值": "actual",
    "全年完成值": "actual",
    "分值": "weight",
    "权重": "weight",
    "得分": "score",
    "偏差原因分析及改进措施": "reason",
    "偏差原因分析": "reason",
    "偏差原因": "reason",
    "未完成原因分析": "reason",
    "原因说明": "reason",
    "年初预算数": "initial",
    "全年预算数": "budget",
    "调整后预算数": "budget",
    "全年执行数": "executed",
    "执行数": "executed",
    "预算执行数": "executed",
    "实际完成情况": "goal_result",
    "自评总分": "total",
    "总分": "total",
}

Cells = dict[str, str]


def _header(row: Row) -> dict[str, int] | None:
    roles: dict[str, int] = {}
    for index, cell in enumerate(row.cells):
        role = _COLUMNS.get(key(cell)) if cell else None
        if role and role not in roles:
            roles[role] = index
    if not ({"code", "name"} & roles.keys()):
        return None
    if {"level3", "actual"} <= roles.keys() or "executed" in roles:
        return roles
    return None


def _tables(rows: list[Row]) -> list[tuple[dict[str, int], list[tuple[int, Cells]]]]:
    """Each header found in a sheet with the rows below it (up to the next header)."""
    tables: list[tuple[dict[str, int], list[tuple[int, Cells]]]] = []
    for row in rows:
        roles = _header(row)
        if roles is not None:
            tables.append((roles, []))
        elif tables:
            roles = tables[-1][0]
            cells = {role: row.cells[index] for role, index in roles.items() if index < len(row.cells)}
            if any(cells.values()):
                tables[-1][1].append((row.line, cells))
    return tables


def _number(cells: Cells, role: str, line: int, header: str) -> Decimal | None:
    text = cells.get(role, "")
    if not text or text in ("—", "-", "/"):
        return None
    number = parse_amount(text.rstrip("%"))
    if number is None:
        raise DocumentError("actuals.number", line=line, header=header, text=text)
    return number


class _Workbook:
    def __init__(self) -> None:
        self.entries: dict[str, ProjectEntry] = {}

    def entry(self, cells: Cells) -> ProjectEntry:
        code, name = cells.get("code") or None, cells.get("name") or None
        found = self.entries.get(code or name or "")
        if found is None:
            found = self.entries.setdefault(code or name or "", ProjectEntry(code=code, name=name))
        return found

    def indicator(self, line: int, cells: Cells) -> None:
        position = _number(cells, "position", line, "序号")
        item = IndicatorEntry(
            IndicatorActual(
                actual=cells.get("actual") or None,
                weight=_number(cells, "weight", line, "分值"),
                score=_number(cells, "score", line, "得分"),
                reason=cells.get("reason") or None,
            ),
            level3=cells.get("level3") or None,
            position=int(position) if position is not None else None,
            where=f"（第 {line} 行）",
        )
        self.entry(cells).indicators.append(item)

    def funds(self, line: int, cells: Cells) -> None:
        entry = self.entry(cells)
        entry.funds = Funds(
            initial=_number(cells, "initial", line, "年初预算数"),
            budget=_number(cells, "budget", line, "全年预算数"),
            executed=_number(cells, "executed", line, "全年执行数"),
            weight=_number(cells, "weight", line, "分值"),
            score=_number(cells, "score", line, "得分"),
            reason=cells.get("reason") or None,
        )
        entry.goal_result = cells.get("goal_result") or entry.goal_result
        entry.published_total = _number(cells, "total", line, "自评总分")


def actuals_from_xlsx(data: bytes) -> list[ProjectEntry]:
    """The project entries of an actuals workbook (every visible sheet is searched for the two tables)."""
    from jixiao.formats.xlsx import open_workbook, sheet_blocks

    workbook = open_workbook(data)  # checked against the limits, and any damage a DocumentError
    reader, found = _Workbook(), False
    for ws in workbook.worksheets:
        if ws.sheet_state != "visible":
            continue
        rows = [block for block in sheet_blocks(ws) if isinstance(block, Row)]
        for roles, body in _tables(rows):
            found = True
            add: Callable[[int, Cells], None] = reader.indicator if "level3" in roles else reader.funds
            for line, cells in body:
                add(line, cells)
    if not found:
        raise DocumentError("actuals.no_sheet")
    return list(reader.entries.values())


def read_actuals(path: str | Path) -> list[ProjectEntry]:
    """An actuals file (JSON or XLSX, told apart by content)."""
    file = Path(path)
    try:
        data = file.read_bytes()
    except FileNotFoundError:
        raise DocumentError("document.no_file", path=str(path)) from None
    except OSError as error:
        raise DocumentError("document.unreadable", path=str(path), reason=error.strerror or str(error)) from None
    if data.strip() and detect_format(data) == "xlsx":
        return actuals_from_xlsx(data)
    return actuals_from_json(decode(data))
