"""Plain tables (a header row and rows of values) as CSV or XLSX: every list download of the application.

The finance overview, the audit trail and the registers are lists, not published documents: one ``ListExporter``
writes them all. CSV is UTF-8 with a byte-order mark (Excel reads the Chinese correctly) and is streamed; in XLSX every
text cell is stored as text. Text that a spreadsheet would run as a formula (a department name typed as
``=HYPERLINK(…)`` in an imported document) is defused: in XLSX by the text type, in CSV by a leading apostrophe,
which Excel and LibreOffice show as nothing. Characters that XML forbids (Word's manual line break ``\\x0b``) are
dropped from XLSX cells, and a cell is cut at Excel's 32,767 characters.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from jixiao.formats.exporters import Output

Value = str | int | float | Decimal | dt.date | None
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
XLSX_CELL_LIMIT = 32767
ILLEGAL_XML_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
MEDIA_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
FORMATS = tuple(MEDIA_TYPES)


def defuse(text: str) -> str:
    """Text that a spreadsheet would read as a formula, made plain data with a leading apostrophe."""
    return "'" + text if text.startswith(FORMULA_START) else text


def _csv_value(value: Value, exact: bool) -> Value:
    if value is None:
        return ""
    if isinstance(value, str) and not exact:
        return defuse(value)
    return value


class _Line:
    """A file-like object whose write() hands the text back, for streaming csv.writer output."""

    def write(self, text: str) -> str:
        return text


@dataclass(frozen=True)
class ListExporter:
    """A list download: ``sheet`` names the XLSX sheet, ``headers`` the columns; ``rows`` may be a generator (read
    once). ``exact_csv`` keeps CSV text exactly as stored (the audit trail, whose hashes are re-checked from it)."""

    sheet: str
    headers: Sequence[str]
    rows: Iterable[Sequence[Value]]
    filename_stem: str
    exact_csv: bool = False

    def csv_chunks(self) -> Iterator[str]:
        """The CSV as lines of text, the first one with the byte-order mark: for a streamed response."""
        writer = csv.writer(_Line())
        yield "\ufeff" + writer.writerow(list(self.headers))
        for row in self.rows:
            yield writer.writerow([_csv_value(value, self.exact_csv) for value in row])

    def xlsx_bytes(self) -> bytes:
        from openpyxl import Workbook
        from openpyxl.cell import WriteOnlyCell

        book = Workbook(write_only=True)
        sheet = book.create_sheet(self.sheet[:31])
        sheet.append([_xlsx_cell(sheet, WriteOnlyCell, text) for text in self.headers])
        for row in self.rows:
            sheet.append([_xlsx_cell(sheet, WriteOnlyCell, value) for value in row])
        buffer = io.BytesIO()
        book.save(buffer)
        return buffer.getvalue()

    def export(self, fmt: str) -> Output:
        """The whole file in ``fmt`` (``csv`` or ``xlsx``)."""
        data = "".join(self.csv_chunks()).encode("utf-8") if fmt == "csv" else self.xlsx_bytes()
        return Output(data, f"{self.filename_stem}.{fmt}", MEDIA_TYPES[fmt])


def _xlsx_cell(sheet: Any, cell_type: Any, value: Value) -> Any:
    if isinstance(value, Decimal):
        return float(value)  # figures are rounded to cents before they get here: exact in a float
    if not isinstance(value, str):
        return value
    cell = cell_type(sheet, value=ILLEGAL_XML_RE.sub("", value)[:XLSX_CELL_LIMIT])
    cell.data_type = "s"  # text, never a formula, whatever it starts with
    return cell
