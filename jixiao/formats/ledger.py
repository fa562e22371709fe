"""Finance-system ledgers (XLSX or CSV) as plain rows for :func:`jixiao.domain.monitoring.ledger.import_ledger`.

An XLSX is read through the workbook reader (:func:`jixiao.formats.xlsx.sheet_blocks`: numbers as their number
format prints them, dates as ``2021年3月15日``, merged cells empty), first visible sheet only; a CSV is decoded like
any text (UTF-8, GB18030 — what Chinese Excel writes — or UTF-16) and split on commas, tabs or semicolons.
"""

from __future__ import annotations

import csv
import io

from jixiao.domain.errors import DocumentError
from jixiao.domain.monitoring.ledger import LedgerRow
from jixiao.formats import detect_format
from jixiao.formats.blocks import Para, Row
from jixiao.formats.limits import ReadLimits, check_text, check_upload
from jixiao.formats.text import decode


def _xlsx_rows(data: bytes, limits: ReadLimits | None) -> list[LedgerRow]:
    from jixiao.formats.xlsx import open_workbook, sheet_blocks

    workbook = open_workbook(data, limits)
    sheet = next((ws for ws in workbook.worksheets if ws.sheet_state == "visible"), None)
    if sheet is None:
        return []
    rows: list[LedgerRow] = []
    for block in sheet_blocks(sheet, limits):
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


def ledger_rows(data: bytes, limits: ReadLimits | None = None) -> list[LedgerRow]:
    """The rows of a ledger file, each with its line (spreadsheet row or CSV line), within ``limits``
    (:mod:`jixiao.formats.limits`: size, and the workbook's or the text's)."""
    check_upload(len(data), limits)
    if not data.strip():
        raise DocumentError("document.empty")
    if detect_format(data, limits) == "xlsx":
        return _xlsx_rows(data, limits)
    text = decode(data)
    check_text(text, limits, lines=True)
    return _csv_rows(text)
