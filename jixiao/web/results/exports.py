"""The finance overview as a list download (CSV or XLSX), the same for the page's export buttons and
``jixiao export --document overview``."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from django.utils import timezone

from jixiao.domain.monitoring.spending import default_month, time_progress
from jixiao.formats.listing import ListExporter, Value
from jixiao.web.records import models as db
from jixiao.web.records.documents import ListDocument
from jixiao.web.results.selectors import Filters, figures, page_rows, row_of

COLUMNS = [
    "年度", "主管部门", "单位代码", "单位名称", "流程状态", "项目数", "预算", "金额单位", "已支付", "执行率（%）",
    "计划进度（%）", "时间进度（%）", "执行进度比（%）", "预警灯", "审核错误", "审核警告", "审核提示", "已自评项目",
    "平均自评得分", "自评等级",
]  # fmt: skip


def overview_lines(lines: list[dict[str, Any]], time: Decimal) -> Iterator[list[Value]]:
    for line in lines:
        row = row_of(line)
        yield [
            row["year"], row["parent_name"] or "", row["code"], row["name"], row["state"].label, row["project_count"],
            row["budget"], row["amount_unit"] or "", row["paid"], row["rate"], row["expected"], time, row["ratio"],
            row["light_label"], row["review_errors"], row["review_warnings"], row["review_infos"], row["evaluated"],
            row["score"], row["grade"],
        ]  # fmt: skip


def overview_exporter(lines: list[dict[str, Any]], filters: Filters) -> ListExporter:
    """The filtered units as a list: every column of the page, with the time progress of the chosen month."""
    rows = overview_lines(lines, time_progress(filters.month))
    return ListExporter("单位总览", COLUMNS, rows, filename_stem=f"overview-{filters.year}-{filters.month:02d}")


def _every_unit(year: int | None, month: int | None) -> ListExporter:
    """Every unit of ``year`` (the command line runs with the whole database in view), up to ``month``."""
    if year is None:
        year = db.Department.objects.filter(year__isnull=False).order_by("-year").values_list("year", flat=True).first()
    chosen = month or default_month(year, timezone.localdate())
    filters = Filters(year=year, month=chosen, state="", light="", query="", sort="code", descending=False)
    stmt = figures(db.Department.objects.filter(year=year), year or 1, chosen)
    return overview_exporter(page_rows(stmt, filters, limit=None), filters)


OVERVIEW = ListDocument("overview", "单位总览（财政部门）", _every_unit)
