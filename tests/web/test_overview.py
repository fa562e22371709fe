"""The finance bureau's overview: who sees which units, the execution figures and lights, filters, sorting, paging
and the CSV/XLSX exports."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from decimal import Decimal

import openpyxl
import pytest
from django.db import connection
from django.test import Client

from jixiao.domain.model import SpendingCheckpoint
from jixiao.domain.monitoring.model import LIGHT_OTHERWISE, spending_light
from jixiao.domain.monitoring.spending import reached_checkpoint, time_progress
from jixiao.domain.profiles.scoring import LightBands
from jixiao.web.generate import USER_PREFIX, Scale, generate
from jixiao.web.monitoring import models as mdb
from jixiao.web.records import services
from jixiao.web.records.models import Department
from jixiao.web.results import selectors

pytestmark = pytest.mark.django_db


@pytest.fixture
def units(demo: dict[str, Department]) -> dict[str, Department]:
    """The demo's two units in one year (the second unit's document is of 2023), and their organisation codes."""
    Department.objects.filter(pk=demo["second"].pk).update(year=2021)
    return {key: Department.objects.select_related("organisation").get(pk=d.pk) for key, d in demo.items()}


def _code(department: Department) -> str:
    return department.code or department.organisation.code


def _units(client: Client, query: str = "") -> list[str]:
    response = client.get(f"/overview/{query}")
    assert response.status_code == 200
    return re.findall(r'data-unit="([^"]+)"', response.content.decode())


def _csv(client: Client, query: str) -> list[dict[str, str]]:
    response = client.get(f"/overview/?format=csv&{query}")
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith(".csv")
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def _pay(department: Department, amounts: dict[int, Decimal], date: dt.date) -> None:
    mdb.Payment.objects.filter(project__department__organisation__isnull=False).delete()
    mdb.Evaluation.objects.all().delete()
    for project in department.projects.order_by("position"):
        if amounts.get(project.position):
            mdb.Payment.objects.create(project=project, date=date, amount=amounts[project.position])


def test_finance_sees_every_unit_and_a_unit_only_itself(
    finance: Client, other_editor: Client, units: dict[str, Department]
) -> None:
    assert set(_units(finance, "?year=2021")) == {_code(units["seed"]), _code(units["second"])}
    assert _units(other_editor, "?year=2021") == [_code(units["second"])]


def test_anonymous_visitors_are_sent_to_the_login_page() -> None:
    response = Client().get("/overview/")
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_execution_is_payments_against_budget_with_the_plan_weighted_by_budget(
    finance: Client, demo: dict[str, Department]
) -> None:
    seed = demo["seed"]
    _pay(seed, {0: Decimal("25000"), 2: Decimal("10500.50")}, dt.date(2021, 5, 20))  # 元, the ledger's unit
    mdb.Payment.objects.create(project=seed.projects.get(position=1), date=dt.date(2021, 8, 1), amount=Decimal(9))
    line = next(row for row in _csv(finance, "year=2021&month=6") if row["单位代码"] == seed.code)
    content = services.department_document(seed)
    budget = sum((p.budget.total or Decimal(0) for p in content.projects), Decimal(0))
    expected = sum((p.budget.total or Decimal(0)) * _expected(p.spending_plan, 6) for p in content.projects) / budget
    paid = (Decimal("25000") + Decimal("10500.50")) / 10000  # the August payment is after the period
    assert Decimal(line["预算"]) == budget
    assert Decimal(line["已支付"]) == paid.quantize(Decimal("0.01"))
    assert Decimal(line["执行率（%）"]) == (paid * 100 / budget).quantize(Decimal("0.01"))
    assert Decimal(line["计划进度（%）"]) == expected.quantize(Decimal("0.01"))
    assert Decimal(line["执行进度比（%）"]) == (paid * 100 / budget * 100 / expected).quantize(Decimal("0.01"))
    assert line["预警灯"] == "红灯"  # about 46 % of what the plan expects: under 60


def _expected(plan: list[SpendingCheckpoint], month: int) -> Decimal:
    point = reached_checkpoint(plan, month)
    return point.percent if point and point.percent is not None else time_progress(month)


def test_lights_follow_the_bands_and_filter_the_list(finance: Client, units: dict[str, Department]) -> None:
    seed = units["seed"]
    projects = list(seed.projects.order_by("position"))
    _pay(seed, {p.position: (p.budget_total or Decimal(0)) * 10000 / 2 for p in projects}, dt.date(2021, 6, 1))
    assert _units(finance, "?year=2021&month=6&light=green") == [seed.code]  # 50 % paid, 50 % planned
    assert _units(finance, "?year=2021&month=12&light=red") == sorted([seed.code, _code(units["second"])])
    page = finance.get("/overview/?year=2021&month=6").content.decode()
    assert re.search(r'data-light-count="green">绿灯 1<', page)


def test_filters_by_state_and_search_text(finance: Client, units: dict[str, Department]) -> None:
    seed, second = units["seed"], units["second"]
    Department.objects.filter(pk=seed.pk).update(state="submitted")
    assert _units(finance, "?year=2021&state=submitted") == [seed.code]
    assert _units(finance, f"?year=2021&q={second.organisation.name}") == [_code(second)]
    assert _units(finance, "?year=2021&q=没有这个单位") == []


def test_sorting_and_self_evaluation_scores(finance: Client, units: dict[str, Department]) -> None:
    seed, second = units["seed"], units["second"]
    for position, total in ((0, "92.50"), (1, "81.00")):
        mdb.Evaluation.objects.update_or_create(
            project=seed.projects.get(position=position), defaults={"total": Decimal(total), "grade": "优"}
        )
    by_budget = _units(finance, "?year=2021&sort=-budget")
    budgets = {row["单位代码"]: Decimal(row["预算"]) for row in _csv(finance, "year=2021")}
    assert by_budget == sorted(budgets, key=lambda code: budgets[code], reverse=True)
    scored = next(row for row in _csv(finance, "year=2021") if row["单位代码"] == seed.code)
    assert (scored["已自评项目"], scored["平均自评得分"], scored["自评等级"]) == ("2", "86.75", "良")
    assert _units(finance, "?year=2021&sort=-score")[-1] == _code(second)  # units without a score sort last


def test_it_pages_fifty_units_at_a_time_and_exports_all_of_them_to_excel(db: None) -> None:
    generate(Scale(units=60, projects_per_unit=1, seed=2, first_year=2024, indicator_range=(8, 8)), stream=None)
    client = Client()
    assert client.login(username=f"{USER_PREFIX}finance", password="jixiao-demo")
    first, second = _units(client, "?year=2024"), _units(client, "?year=2024&page=2")
    assert len(first) == 50 and len(second) == 10 and not set(first) & set(second)
    response = client.get("/overview/?year=2024&format=xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][2] == "单位代码" and len(rows) == 61
    unit = Client()
    assert unit.login(username=f"{USER_PREFIX}unit00007", password="jixiao-demo")
    assert _units(unit, "?year=2024") == ["U00007"]


LIGHT_CASES = [Decimal(text) for text in ("0", "59.99", "60", "79.99", "80", "100", "119.99", "120", "250", "-5")]
RATE_CASES = [None, Decimal("50"), Decimal("100"), Decimal("100.01"), Decimal("180")]
BANDS = [
    LightBands(),
    LightBands(red_below=Decimal(50), green_from=Decimal(90), over_from=None),
    LightBands(blue_from=Decimal(120)),
    LightBands(red_below=Decimal("59.5"), green_from=Decimal("79.5"), blue_from=Decimal(0), over_from=Decimal(150)),
]


@pytest.mark.django_db
@pytest.mark.parametrize("bands", BANDS, ids=repr)
def test_the_overview_statement_gives_the_domain_light_on_every_case(bands: LightBands) -> None:
    """The statement's CASE is generated from the domain's light steps; on both databases it agrees with
    spending_light (over budget first, then the progress light) on a table of rates and ratios."""
    template = (
        "WITH h AS (SELECT CAST(%s AS NUMERIC) AS rate, CAST(%s AS NUMERIC) AS ratio)"
        " SELECT CASE WHEN h.rate > {over_budget} THEN 'over' WHEN h.ratio IS NULL THEN 'none' {light_tests}"
        " ELSE '{otherwise}' END FROM h"
    )
    sql, params = selectors.fill(template, {**selectors.light_parts(bands), "otherwise": (LIGHT_OTHERWISE.value, [])})
    for rate in RATE_CASES:
        for ratio in [*LIGHT_CASES, None]:
            with connection.cursor() as cursor:
                cursor.execute(
                    sql, [None if rate is None else str(rate), None if ratio is None else str(ratio), *params]
                )
                (light,) = cursor.fetchone()
            expected = spending_light(rate, ratio, bands)
            assert light == (expected.value if expected else "none"), (rate, ratio, bands)


def test_a_name_that_looks_like_a_formula_is_data_in_both_exports(finance: Client, demo: dict[str, Department]) -> None:
    seed = demo["seed"]
    Department.objects.filter(pk=seed.pk).update(name='=HYPERLINK("http://evil.example","点此")')
    line = next(row for row in _csv(finance, "year=2021&month=6") if row["单位代码"] == seed.code)
    assert line["单位名称"] == '\'=HYPERLINK("http://evil.example","点此")'
    response = finance.get("/overview/?format=xlsx&year=2021&month=6")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    header = [cell.value for cell in sheet[1]]
    cells = [row[header.index("单位名称")] for row in sheet.iter_rows(min_row=2)]
    hostile = [cell for cell in cells if str(cell.value).startswith("=HYPERLINK")]
    assert hostile and all(cell.data_type == "s" for cell in hostile)
