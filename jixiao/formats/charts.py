"""The budget-execution chart of monitoring (预算执行进度图): by month, the cumulative plan, the actual cumulative
execution and the time line (month/12), in percent of the budget
(docs/domain/monitoring.md#budget-execution-against-plan-and-time).

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
_LINES: dict[str, dict[str, Any]] = {
    name: {"color": _COLOURS[name], "label": label}
    for name, label in (("plan", PLAN_LABEL), ("time", TIME_LABEL), ("actual", ACTUAL_LABEL))
}
_SIZE = (7.5, 3.4)  # inches: fits the page's content column and an A4 landscape page at 160 mm
_DPI = 120  # 900 px across: sharp at the 160 mm a document prints it
_PNG: dict[str, Any] = {"metadata": {"Software": None}, "pil_kwargs": {"compress_level": 3}}  # 4× faster than 6
_MARGINS = {"left": 0.095, "right": 0.985, "top": 0.97, "bottom": 0.09}
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


def _top(series: Sequence[Sequence[MonthExecution]]) -> float:
    """The y axis' upper end: 100% and the highest execution rate, with room above."""
    rates = [float(row.rate) for months in series for row in months if row.rate is not None]
    return max([100.0, *rates]) * 1.08


class _Chart:
    """A figure whose lines are given each project's data in turn. Building the axes, ticks and legend and drawing
    their text cost far more than the lines, so a department's charts draw them once and blit the lines on top."""

    def __init__(self, month: int, top: float) -> None:
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure

        self.figure = Figure(figsize=_SIZE, dpi=_DPI)
        self.figure.subplots_adjust(**_MARGINS)  # fixed margins: constrained layout doubles the drawing time
        self.canvas: Any = FigureCanvasAgg(self.figure)  # its Agg methods carry no type hints
        self.axes = axes = self.figure.add_subplot()
        self.month = month
        axes.axvspan(0, month, color=_COLOURS["period"], alpha=0.35, linewidth=0, label=f"监控期（1-{month}月）")
        (self.plan,) = axes.plot([], [], marker="o", markersize=3, linewidth=1.6, **_LINES["plan"])
        axes.plot([0, 12], [0, 100], linestyle="--", linewidth=1.2, **_LINES["time"])
        (self.actual,) = axes.plot([], [], marker="s", markersize=3.5, linewidth=2, **_LINES["actual"])
        self.note = axes.text(0.5, 0.5, NO_BUDGET, transform=axes.transAxes, ha="center", va="center")
        self.note.set_color(_COLOURS["actual"])
        self.note.set_bbox({"facecolor": "white", "edgecolor": "none"})
        axes.set_xlim(-0.2, 12.4)
        axes.set_ylim(0, top)
        axes.set_xticks(range(0, 13), ["年初", *(f"{number}月" for number in range(1, 13))])
        axes.yaxis.set_major_formatter("{x:.0f}%")
        axes.set_ylabel("累计进度（占预算）")
        axes.grid(axis="y", color="#e3e8ee", linewidth=0.8)
        axes.spines[["top", "right"]].set_visible(False)
        self.legend = axes.legend(loc="upper left", frameon=False, fontsize=8)

    def show(self, months: Sequence[MonthExecution]) -> None:
        self.plan.set_data(range(13), [0.0, *(float(row.plan) for row in months)])
        self.plan.set_visible(any(row.plan for row in months))  # no spending plan: no line at 0%
        reached = [row for row in months if row.month <= self.month]
        drawn = bool(reached) and all(row.rate is not None for row in reached)
        rates = [0.0, *(float(row.rate or ZERO) for row in reached)] if drawn else []
        self.actual.set_data(range(len(rates)), rates)
        self.actual.set_visible(drawn)
        self.note.set_visible(not drawn)

    def save(self, fmt: ChartFormat) -> bytes:
        out = io.BytesIO()
        options: dict[str, Any] = {"metadata": {"Date": None}} if fmt == "svg" else _PNG
        self.figure.savefig(out, format=fmt, **options)
        return out.getvalue()

    def background(self) -> Any:
        """The figure drawn without the lines that change, the note and the legend (drawn over the lines)."""
        for artist in self._dynamic():
            artist.set_visible(False)
        self.canvas.draw()
        self.legend.set_visible(True)
        return self.canvas.copy_from_bbox(self.figure.bbox)

    def _dynamic(self) -> tuple[Any, ...]:
        return (self.plan, self.actual, self.note, self.legend)

    def blit_png(self, background: Any, months: Sequence[MonthExecution]) -> bytes:
        """One project's chart as PNG: the background, then its lines, the note and the legend drawn on it."""
        from PIL import Image

        self.show(months)
        self.canvas.restore_region(background)
        for artist in self._dynamic():
            if artist.get_visible():
                self.axes.draw_artist(artist)
        image = Image.frombuffer("RGBA", self.canvas.get_width_height(), self.canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
        out = io.BytesIO()
        image.save(out, format="PNG", **_PNG["pil_kwargs"])
        return out.getvalue()


def _check(series: Sequence[Sequence[MonthExecution]], month: int) -> None:
    if any(len(months) != 12 for months in series) or not 1 <= month <= 12:
        raise ValueError("a chart needs twelve months and a month of 1–12")


def execution_chart(months: Sequence[MonthExecution], *, month: int, fmt: ChartFormat = "svg") -> bytes:
    """The chart of a year's twelve :class:`MonthExecution` rows, the actual line drawn up to ``month`` (1–12);
    without a budget the plan and time lines are drawn and a note says why the actual line is missing."""
    _check([months], month)
    from matplotlib import rc_context

    with _LOCK, rc_context(_settings()):
        chart = _Chart(month, _top([months]))
        chart.show(months)
        return chart.save(fmt)


def execution_charts(series: Sequence[Sequence[MonthExecution]], *, month: int) -> list[bytes]:
    """One PNG chart per project (a department's export), on one y scale so that they compare at a glance."""
    _check(series, month)
    from matplotlib import rc_context

    with _LOCK, rc_context(_settings()):
        chart = _Chart(month, _top(series))
        background = chart.background()
        return [chart.blit_png(background, months) for months in series]
