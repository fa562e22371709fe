"""Finance-system ledgers (XLSX or CSV) as plain rows for :func:`jixiao.domain.monitoring.ledger.import_ledger`.

An XLSX is read through the workbook reader (:func:`jixiao.formats.xlsx.sheet_blocks`: numbers as their number
format prints them, dates as ``2021年3月15日``, merged cells empty), first visible sheet only; a CSV is decoded like
any text (UTF-8, GB18030 — what Chinese Excel writes — or UTF-16) and split on commas, tabs or semicolons.
"""

from __future__ import annotations

import csv
import io
import zipfile

from jixiao.domain.errors import DocumentError
from jixiao.domain.monitoring.ledger import LedgerRow
from jixiao.formats import detect_format
from jixiao.formats.blocks import Para, Row
from jixiao.formats.text import decode


def _xlsx_rows(data: bytes) -> list[LedgerRow]:
    from openpyxl import load_workbook

    from jixiao.formats.xlsx import sheet_blocks

    try:
        workbook = load_workbook(io.BytesIO(data), data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError) as error:
        raise DocumentError("document.corrupt", format="Excel", reason=str(error) or type(error).__name__) from None
    sheet = next((ws for ws in workbook.worksheets if ws.sheet_state == "visible"), None)
    if sheet is None:
        return []
    rows: list[LedgerRow] = []
    for block in sheet_blocks(sheet):
        if isinstance(block, Row):
            rows.append((block.line, block.cells))
        elif isinstance(block, Para):
            rows.append((block.line, (block.text,)))
    return rows


def _csv_rows(text: str) -> list[LedgerRow]:
    sample = text[:4096]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=",\t;")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    return [(reader.line_num, tuple(cells)) for cells in reader]


def ledger_rows(data: bytes) -> list[LedgerRow]:
    """The rows of a ledger file, each with its line (spreadsheet row or CSV line)."""
    if not data.strip():
        raise DocumentError("document.empty")
    if detect_format(data) == "xlsx":
        return _xlsx_rows(data)
    return _csv_rows(decode(data))
