"""Excel: numbers stored as numbers that print as the document prints them; merged cells; sheets."""

from __future__ import annotations

import io
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from jixiao.domain.values import parse_value
from jixiao.formats import read_bytes, read_path
from jixiao.formats.exporters import DepartmentTargetsExporter
from jixiao.formats.xlsx import format_number, number_format
from tests.conftest import SEED


@pytest.mark.parametrize(
    ("value", "fmt", "text"),
    [
        (5.0, "0.00", "5.00"),
        (5, "General", "5"),
        (10.44, None, "10.44"),
        (0.1 + 0.2, "General", "0.3"),
        (0.25, "0%", "25%"),
        (0.25, "0.00%", "25.00%"),
        (1234.5, "#,##0.00", "1,234.50"),
        (1234.5, "#,##0.00_ ", "1,234.50"),
        (50, '0"人"', "50人"),
        (99.5, '0.0"%"', "99.5%"),
        (-3, "0.00;(0.00)", "(3.00)"),
        (0.00001, "General", "0.00001"),
        (2.5, "[Red]0.0", "2.5"),
        (Decimal("3860000"), "#,##0", "3,860,000"),
    ],
)
def test_a_number_reads_as_its_number_format_prints_it(value: float, fmt: str | None, text: str) -> None:
    assert format_number(value, fmt) == text


@pytest.mark.parametrize(
    ("number", "percent", "fmt"),
    [(Decimal("5.00"), False, "0.00"), (Decimal("0"), False, "0"), (Decimal("25.00"), True, "0.00%")],
)
def test_the_written_number_format_keeps_the_printed_decimals(number: Decimal, percent: bool, fmt: str) -> None:
    assert number_format(number, percent) == fmt


def test_a_summary_sheet_comes_first_then_one_sheet_per_project(exported: Callable[[Path, str], bytes]) -> None:
    workbook = load_workbook(io.BytesIO(exported(SEED, "xlsx")))
    assert workbook.sheetnames[0] == "汇总"
    assert workbook.sheetnames[1] == "1.老干部局关心下一代工作经费"
    assert len(workbook.sheetnames) == 5
    summary = workbook["汇总"]
    values = [cell.value for row in summary.iter_rows() for cell in row if cell.value is not None]
    assert "项目编码" in values and "合计" in values


def test_amounts_and_plan_percentages_are_numbers_with_formats(exported: Callable[[Path, str], bytes]) -> None:
    sheet = load_workbook(io.BytesIO(exported(SEED, "xlsx")))["1.老干部局关心下一代工作经费"]
    cells = {cell.value: cell for row in sheet.iter_rows() for cell in row if cell.value is not None}
    budget = next(cell for cell in sheet["C"] if cell.number_format == "0.00")
    assert budget.value == 5 and budget.data_type == "n"
    percent = next(cell for row in sheet.iter_rows() for cell in row if cell.number_format == "0.00%")
    assert percent.value == Decimal("0.25") or percent.value == 0.25
    assert cells["一级指标"].font.name == "黑体" and cells["≥99%"].font.name == "宋体"
    assert sheet.print_title_rows is not None


def test_level_one_cells_are_merged_over_their_rows(exported: Callable[[Path, str], bytes]) -> None:
    sheet = load_workbook(io.BytesIO(exported(SEED, "xlsx")))["1.老干部局关心下一代工作经费"]
    top = next(cell for cell in sheet["A"] if cell.value == "产出指标")
    merged = next(rng for rng in sheet.merged_cells.ranges if rng.min_row == top.row and rng.min_col == 1)
    assert merged.max_row - merged.min_row + 1 == 4


def test_text_that_looks_like_a_formula_is_stored_as_text() -> None:
    document = read_path(SEED).document
    document.projects[0].indicators[0].value = parse_value("=100%")
    data = DepartmentTargetsExporter(document).export("xlsx").data
    sheet = load_workbook(io.BytesIO(data))["1.老干部局关心下一代工作经费"]
    (cell,) = [cell for row in sheet.iter_rows() for cell in row if cell.value == "=100%"]
    assert cell.data_type == "s"
    assert read_bytes(data).document.projects[0].indicators[0].value.text == "=100%"
