"""The execution chart (SVG for pages, PNG for documents) and pictures in the DOCX, XLSX and HTML exports."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from decimal import Decimal as D

import pytest

from jixiao.domain.model import Project, SpendingCheckpoint
from jixiao.domain.monitoring import MonthExecution, Payment, monthly_execution, spending_status
from jixiao.formats.charts import combine_months, execution_chart, execution_charts
from jixiao.formats.evaluation_export import MonitoredProject, MonitoringExporter

PLAN = [SpendingCheckpoint(f"{m}月底", m, D(p)) for m, p in ((3, 25), (6, 50), (10, 75), (12, 100))]
PNG = b"\x89PNG\r\n\x1a\n"


def months(budget: D | None = D("5.00"), amount: str = "0.40") -> list[MonthExecution]:
    payments = [Payment(dt.date(2021, month, 10), D(amount)) for month in range(1, 8)]
    return monthly_execution(payments, year=2021, budget=budget, plan=PLAN)


def test_the_svg_draws_its_text_as_paths_and_is_the_same_for_the_same_data() -> None:
    svg = execution_chart(months(), month=7)
    assert svg.startswith(b"<?xml") and b"<svg" in svg
    assert b"<text" not in svg  # glyphs are paths: the picture needs no font on the viewer's side
    assert b"font-family" not in svg
    assert execution_chart(months(), month=7) == svg


def test_a_png_is_drawn_for_documents() -> None:
    assert execution_chart(months(), month=7, fmt="png").startswith(PNG)


def test_a_departments_charts_are_drawn_in_one_batch_on_one_scale() -> None:
    slow, fast = months(amount="0.10"), months(amount="1.00")  # 7.00 of 5.00 by July: 140%
    batch = execution_charts([slow, fast, slow], month=7)
    assert len(batch) == 3 and all(png.startswith(PNG) for png in batch)
    assert batch[0] == batch[2] != batch[1]
    assert batch[0] != execution_chart(slow, month=7, fmt="png")  # alone, its axis would end at 108%, not 151%


def test_without_a_budget_the_chart_still_draws_the_plan_and_says_why_no_actual_line() -> None:
    with_budget = execution_chart(months(), month=7)
    without = execution_chart(months(budget=None), month=7)
    assert without != with_budget and without.startswith(b"<?xml")


@pytest.mark.parametrize("month", [0, 13])
def test_a_month_outside_the_year_is_refused(month: int) -> None:
    with pytest.raises(ValueError):
        execution_chart(months(), month=month)


def test_a_department_combines_its_projects_weighted_by_budget() -> None:
    big = monthly_execution([Payment(dt.date(2021, 1, 5), D(30))], year=2021, budget=D(60), plan=PLAN)
    small = monthly_execution([], year=2021, budget=D(40), plan=[SpendingCheckpoint("12月底", 12, D(100))])
    combined = combine_months([(D(60), big), (D(40), small)])
    assert combined[0].cumulative == D(30) and combined[0].rate == D("30.00")
    assert combined[2].plan == D("0.6") * 25 + D("0.4") * (D(100) * 3 / 12)
    assert combined[11].plan == D(100) and combined[11].time == D("100.00")
    assert combine_months([(None, big)])[0].rate is None


def monitored(chart: bytes | None) -> MonitoredProject:
    status = spending_status([], year=2021, month=7, budget=D(5), plan=PLAN)
    return MonitoredProject(Project(code="P1", name="测试项目"), status, [], chart=chart)


@pytest.mark.parametrize(("fmt", "picture"), [("docx", "word/media/"), ("xlsx", "xl/media/")])
def test_the_monitoring_table_carries_its_chart_in_office_documents(fmt: str, picture: str) -> None:
    chart = execution_chart(months(), month=7, fmt="png")
    data = MonitoringExporter([monitored(chart)], year=2021).export(fmt).data
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert any(name.startswith(picture) for name in names)
    plain = MonitoringExporter([monitored(None)], year=2021).export(fmt).data
    assert not any(name.startswith(picture) for name in zipfile.ZipFile(io.BytesIO(plain)).namelist())


def test_the_html_export_inlines_the_chart_with_its_caption() -> None:
    chart = execution_chart(months(), month=7, fmt="png")
    page = MonitoringExporter([monitored(chart)], year=2021).export("html").data.decode()
    assert '<img src="data:image/png;base64,' in page and "<figcaption>预算执行进度" in page
