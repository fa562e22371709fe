"""The audit trail as CSV (complete, exact) and XLSX (for reading; long cells cut at Excel's limit).

Both carry every hashed field, the UTC timestamp exactly as hashed, and the hashes, so that an export can be checked
against the chain without the database (docs/security.md shows how).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from jixiao.web.audit import chain
from jixiao.web.audit.models import AuditEntry

HEADERS = (
    "序号",
    "时间（北京时间）",
    "时间（UTC，参与哈希）",
    "用户 ID",
    "用户",
    "IP 地址",
    "浏览器",
    "操作",
    "对象类型",
    "对象 ID",
    "对象",
    "修改前",
    "修改后",
    "参数",
    "前一哈希",
    "哈希",
)
XLSX_CELL_LIMIT = 32767


def rows(entries: QuerySet[AuditEntry]) -> Iterator[list[Any]]:
    for entry in entries.order_by("seq").iterator(chunk_size=2000):
        yield [
            entry.seq,
            timezone.localtime(entry.at).strftime("%Y-%m-%d %H:%M:%S"),
            chain.timestamp(entry.at),
            "" if entry.user_id is None else entry.user_id,
            entry.username,
            entry.ip,
            entry.user_agent,
            entry.action,
            entry.object_type,
            entry.object_id,
            entry.label,
            entry.before,
            entry.after,
            entry.params,
            entry.prev_hash,
            entry.hash,
        ]


class _Line:
    """A file-like object whose write() hands back the text, for streaming csv.writer output."""

    def write(self, text: str) -> str:
        return text


def csv_stream(entries: QuerySet[AuditEntry]) -> Iterator[str]:
    """UTF-8 CSV lines, starting with a byte-order mark so that Excel reads the Chinese correctly."""
    writer = csv.writer(_Line())
    yield "\ufeff" + writer.writerow(HEADERS)
    for row in rows(entries):
        yield writer.writerow(row)


def xlsx_bytes(entries: QuerySet[AuditEntry]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    book = Workbook(write_only=True)
    sheet = book.create_sheet("审计日志")
    sheet.append(list(HEADERS))
    for row in rows(entries):
        sheet.append([_cell(sheet, value, WriteOnlyCell, ILLEGAL_CHARACTERS_RE) for value in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _cell(sheet: Any, value: Any, cell_type: Any, illegal: Any) -> Any:
    if not isinstance(value, str):
        return value
    cell = cell_type(sheet, value=illegal.sub("", value)[:XLSX_CELL_LIMIT])
    cell.data_type = "s"  # never a formula, whatever the text starts with ("=…" typed into a label)
    return cell
