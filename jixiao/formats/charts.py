"""The budget-execution chart of monitoring (预算执行进度图): by month, the cumulative plan, the actual cumulative
execution and the time line (month/12), in percent of the budget (domain.md §4).

Drawn with matplotlib on its Agg canvas (no pyplot, no GUI) in the CJK font the PDFs embed (a Python package,
:mod:`jixiao.formats.fonts`), as SVG for the web page — glyphs as paths, so the picture needs no font and no outside
style — and as PNG for the exported documents. matplotlib's settings are process-wide, so a chart is drawn under a
lock with its own ``rc_context``.
"""

from __future__ import annotations

import io
import threading
from collections.abc import Sequence
from decimal import Decimal
from functools import cache
from typing import Any, Literal

from jixiao.domain.monitoring import MonthExecution
from jixiao.domain.scoring.model import HUNDRED, q2

ChartFormat = Literal["svg", "png"]

PLAN_LABEL = "计划支出进度（累计）"
ACTUAL_LABEL = "实际执行率（累计）"
TIME_LABEL = "时间进度（月/12）"
NO_BUDGET = "预算数为 0 或未填写，无法计算执行率"
_COLOURS = {"plan": "#1f5fae", "actual": "#b3261e", "time": "#8a96a3", "period": "#d5dbe3"}
_SIZE = (7.5, 3.4)  # inches: fits the page's content column and an A4 landscape page at 160 mm
_DPI = 150
_LOCK = threading.Lock()
ZERO = Decimal(0)


@cache
def _font_name() -> str:
    """Register the packaged CJK font with matplotlib once; its family name."""
    from matplotlib import font_manager

    from jixiao.formats.fonts import font_path

    path = str(font_path())
    font_manager.fontManager.addfont(path)
    return str(font_manager.FontProperties(fname=path).get_name())


def _settings() -> dict[Any, Any]:
    return {
        "font.family": "sans-serif",
        "font.sans-serif": [_font_name(), "DejaVu Sans"],
        "axes.unicode_minus": False,  # the font's hyphen, not U+2212, which CJK fonts may lack
        "svg.fonttype": "path",
        "svg.hashsalt": "jixiao",  # stable element ids: the same data gives the same SVG
        "font.size": 9,
    }


def combine_months(projects: Sequence[tuple[Decimal | None, Sequence[MonthExecution]]]) -> list[MonthExecution]:
    """A department's months from its projects' (budget, months): amounts summed, the rate on the summed budget,
    the plan weighted by budget; projects without a budget add their payments but no plan."""
    budget = sum((amount or ZERO for amount, _ in projects), ZERO)
    months: list[MonthExecution] = []
    for index in range(12):
        rows = [(amount or ZERO, series[index]) for amount, series in projects]
        paid = sum((row.paid for _, row in rows), ZERO)
        cumulative = sum((row.cumulative for _, row in rows), ZERO)
        plan = q2(sum((amount * row.plan for amount, row in rows), ZERO) / budget) if budget else ZERO
        rate = q2(cumulative * HUNDRED / budget) if budget else None
        months.append(MonthExecution(index + 1, paid, cumulative, rate, plan, q2(Decimal(index + 1) * HUNDRED / 12)))
    return months


def _draw(axes: Any, months: Sequence[MonthExecution], month: int) -> None:
    span = [0, *(row.month for row in months)]
    axes.axvspan(0, month, color=_COLOURS["period"], alpha=0.35, linewidth=0, label=f"监控期（1-{month}月）")
    plan = [0.0, *(float(row.plan) for row in months)]
    axes.plot(span, plan, color=_COLOURS["plan"], marker="o", markersize=3, linewidth=1.6, label=PLAN_LABEL)
    axes.plot([0, 12], [0, 100], color=_COLOURS["time"], linestyle="--", linewidth=1.2, label=TIME_LABEL)
    reached = [row for row in months if row.month <= month]
    if reached and all(row.rate is not None for row in reached):
        rates = [0.0, *(float(row.rate or ZERO) for row in reached)]
        axes.plot(span[: len(rates)], rates, color=_COLOURS["actual"], marker="s", markersize=3.5, linewidth=2,
                  label=ACTUAL_LABEL)  # fmt: skip
    else:
        axes.text(0.5, 0.5, NO_BUDGET, transform=axes.transAxes, ha="center", va="center", color=_COLOURS["actual"])


def _style(axes: Any, months: Sequence[MonthExecution]) -> None:
    top = max([100.0, *(float(row.rate) for row in months if row.rate is not None)])
    axes.set_xlim(-0.2, 12.4)
    axes.set_ylim(0, top * 1.08)
    axes.set_xticks(range(0, 13), ["年初", *(f"{number}月" for number in range(1, 13))])
    axes.yaxis.set_major_formatter("{x:.0f}%")
    axes.set_ylabel("累计进度（占预算）")
    axes.grid(axis="y", color="#e3e8ee", linewidth=0.8)
    axes.spines[["top", "right"]].set_visible(False)
    axes.legend(loc="upper left", frameon=False, fontsize=8)


def execution_chart(months: Sequence[MonthExecution], *, month: int, fmt: ChartFormat = "svg") -> bytes:
    """The chart of a year's twelve :class:`MonthExecution` rows, the actual line drawn up to ``month`` (1–12);
    without a budget the plan and time lines are drawn and a note says why the actual line is missing."""
    if len(months) != 12 or not 1 <= month <= 12:
        raise ValueError("the chart needs twelve months and a month of 1–12")
    from matplotlib import rc_context
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    with _LOCK, rc_context(_settings()):
        figure = Figure(figsize=_SIZE, layout="constrained")
        FigureCanvasAgg(figure)
        axes = figure.add_subplot()
        _draw(axes, months, month)
        _style(axes, months)
        out = io.BytesIO()
        metadata = {"Date": None} if fmt == "svg" else {"Software": None}
        figure.savefig(out, format=fmt, dpi=_DPI, metadata=metadata)
    return out.getvalue()
