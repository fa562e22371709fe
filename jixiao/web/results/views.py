"""The finance bureau's overview page (总览): filters from the query string, one page of units with totals by light,
and the whole selection as CSV or XLSX. The figures come from :mod:`jixiao.web.results.selectors`."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from jixiao.domain.monitoring.spending import default_month, time_progress
from jixiao.domain.workflow import State
from jixiao.formats.listing import FORMATS
from jixiao.web.downloads import list_download
from jixiao.web.results.exports import overview_exporter
from jixiao.web.results.selectors import (
    LIGHT_LABELS,
    ORDER_COLUMNS,
    PAGE_SIZE,
    Figures,
    Filters,
    cents,
    figures,
    page_and_summary,
    page_rows,
    row_of,
    visible_for,
    years_visible,
)

SORT_LABELS = {
    "code": "单位代码",
    "name": "单位名称",
    "budget": "预算",
    "rate": "执行率",
    "ratio": "执行进度比",
    "errors": "审核问题",
    "score": "自评得分",
    "state": "流程状态",
}


def _int(text: str | None, low: int, high: int) -> int | None:
    try:
        number = int(text or "")
    except ValueError:
        return None
    return number if low <= number <= high else None


def filters_from(request: HttpRequest, years: list[int], today: dt.date) -> Filters:
    year = _int(request.GET.get("year"), 1900, 2999)
    year = year if year in years else (years[0] if years else None)
    month = _int(request.GET.get("month"), 1, 12) or default_month(year, today)
    state = request.GET.get("state", "")
    light = request.GET.get("light", "")
    sort = request.GET.get("sort", "code")
    descending = sort.startswith("-")
    sort = sort.lstrip("-")
    return Filters(
        year=year,
        month=month,
        state=state if state in {s.value for s in State} else "",
        light=light if light in LIGHT_LABELS else "",
        query=request.GET.get("q", "").strip()[:100],
        sort=sort if sort in ORDER_COLUMNS else "code",
        descending=descending,
    )


class _Rows:
    """The filtered units as the paginator sees them: a known count, and the page already fetched (slices other
    than that page are fetched with LIMIT/OFFSET)."""

    def __init__(self, stmt: Figures, filters: Filters, count: int, fetched: tuple[int, list[dict[str, Any]]]) -> None:
        self.stmt, self.filters, self.total, self.fetched = stmt, filters, count, fetched

    def __len__(self) -> int:
        return self.total

    def __getitem__(self, window: slice) -> list[dict[str, Any]]:
        start, stop = window.start or 0, window.stop if window.stop is not None else self.total
        if start == self.fetched[0]:
            return self.fetched[1]
        return page_rows(self.stmt, self.filters, limit=max(0, stop - start), offset=start)


MAX_PAGE = 1_000_000  # far past any real list; a larger number would overflow the database's OFFSET


def _page_number(text: str | None) -> int:
    try:
        return min(MAX_PAGE, max(1, int((text or "1")[:12])))
    except ValueError:
        return 1


@login_required
@require_GET
def overview(request: HttpRequest) -> HttpResponse | StreamingHttpResponse:
    years = years_visible(request.user)
    filters = filters_from(request, years, timezone.localdate())
    stmt = figures(visible_for(request.user, filters), filters.year or 1, filters.month)
    fmt = request.GET.get("format", "")
    if fmt in FORMATS:
        return _export(page_rows(stmt, filters, limit=None), filters, fmt)
    number = _page_number(request.GET.get("page"))
    rows, by_light = page_and_summary(stmt, filters, offset=(number - 1) * PAGE_SIZE)
    chosen = [by_light[filters.light]] if filters.light in by_light else [] if filters.light else by_light.values()
    count = sum(item["count"] for item in chosen)
    # A page past the end shows the last page (Paginator.get_page), fetched then by the paginator itself.
    rows_seen = _Rows(stmt, filters, count, ((number - 1) * PAGE_SIZE, rows))
    # [arg-type]: the stubs want a full sequence; Paginator only takes len() and slices, all that _Rows answers
    paginator: Paginator[dict[str, Any]] = Paginator(rows_seen, PAGE_SIZE)  # type: ignore[arg-type]
    page = paginator.get_page(number)
    context = {
        "filters": filters,
        "years": years,
        "months": range(1, 13),
        "states": list(State),
        "light_choices": [(key, label, by_light.get(key, {}).get("count", 0)) for key, label in LIGHT_LABELS.items()],
        "sorts": SORT_LABELS,
        "page": page,
        "rows": [row_of(line) for line in page.object_list],
        "totals": {
            "budget": cents(sum((Decimal(str(item["budget"] or 0)) for item in chosen), Decimal(0))),
            "paid": cents(sum((Decimal(str(item["paid"] or 0)) for item in chosen), Decimal(0))),
        },
        "time": time_progress(filters.month),
        "page_params": filters.params(),
    }
    return render(request, "results/overview.html", context)


def _export(lines: list[dict[str, Any]], filters: Filters, fmt: str) -> HttpResponse | StreamingHttpResponse:
    return list_download(overview_exporter(lines, filters), fmt)
