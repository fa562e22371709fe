"""List downloads (CSV with BOM, XLSX): what a spreadsheet would run as a formula stays data."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import openpyxl
import pytest

from jixiao.formats.listing import ListExporter, defuse

HOSTILE = ['=HYPERLINK("http://x","点击")', "+1+1", "-2+3", "@SUM(A1)", "\tcmd", "＝1+1"]


@pytest.mark.parametrize("text", HOSTILE)
def test_text_a_spreadsheet_would_run_gets_an_apostrophe(text: str) -> None:
    assert defuse(text) == "'" + text


@pytest.mark.parametrize("text", ["老干部局", "≥95%", "50人", "'quoted", ""])
def test_ordinary_text_is_kept(text: str) -> None:
    assert defuse(text) == text


def _exporter(**options: bool) -> ListExporter:
    rows = [['=HYPERLINK("http://x")', Decimal("12.50"), -3, None, "第一行\x0b第二行"]]
    return ListExporter("单位总览", ["名称", "预算", "差额", "空", "说明"], rows, filename_stem="overview", **options)


def test_csv_has_a_bom_and_defused_cells_while_numbers_stay_numbers() -> None:
    output = _exporter().export("csv")
    text = output.data.decode("utf-8")
    assert text.startswith("\ufeff名称,") and output.filename == "overview.csv"
    (row,) = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))[1:]
    assert row == ['\'=HYPERLINK("http://x")', "12.50", "-3", "", "第一行\x0b第二行"]


def test_an_exact_csv_keeps_the_text_as_stored() -> None:
    text = _exporter(exact_csv=True).export("csv").data.decode("utf-8")
    assert '"=HYPERLINK(""http://x"")"' in text


def test_xlsx_cells_are_text_never_formulas_and_lose_characters_xml_forbids() -> None:
    book = openpyxl.load_workbook(io.BytesIO(_exporter().export("xlsx").data))
    sheet = book["单位总览"]
    name, budget, difference, empty, note = next(sheet.iter_rows(min_row=2))
    assert name.data_type == "s" and name.value == '=HYPERLINK("http://x")'
    assert budget.value == 12.5 and difference.value == -3 and empty.value is None
    assert note.value == "第一行第二行"
