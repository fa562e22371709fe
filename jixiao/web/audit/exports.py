"""The audit trail as CSV (complete, exact) and XLSX (for reading; long cells cut at Excel's limit).

Both carry every hashed field, the UTC timestamp exactly as hashed, and the hashes, so that an export can be checked
against the chain without the database (docs/security.md shows how).
"""

from __future__ import annotations

from collections.abc import Iterator

from django.db.models import QuerySet
from django.utils import timezone

from jixiao.formats.listing import ListExporter
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


def rows(entries: QuerySet[AuditEntry]) -> Iterator[list[str | int]]:
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


def exporter(entries: QuerySet[AuditEntry]) -> ListExporter:
    """The selection as a list download; CSV exact (the hashes are re-checked from it), XLSX all text."""
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    return ListExporter("审计日志", HEADERS, rows(entries), filename_stem=f"audit-{stamp}", exact_csv=True)
