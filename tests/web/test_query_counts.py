"""Each page's number of queries does not grow with the number of rows it shows (no N+1)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from jixiao.domain.model import Department as DomainDepartment
from jixiao.formats import read_path
from jixiao.web.demo import DEMO_PASSWORD
from jixiao.web.records import services
from jixiao.web.records.models import Department, Membership, Organisation
from tests.conftest import SEED

pytestmark = pytest.mark.django_db


def queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def grow(department: Department, projects: int) -> None:
    template = read_path(SEED).document.projects[0]
    for index in range(projects):
        copy = dataclasses.replace(template, code=f"X{index:020d}", name=f"复制项目{index}")
        services.project_create(department=department, content=copy)


def add_departments(count: int) -> None:
    root = Organisation.objects.get(code="130304000")
    document = read_path(SEED).document
    start = Organisation.objects.count()
    for index in range(start, start + count):
        organisation = Organisation.objects.create(code=f"T{index}", name=f"测试单位{index}", kind="unit", parent=root)
        own = dataclasses.replace(document, department=DomainDepartment(code=organisation.code, name=organisation.name))
        services.department_import(document=own, organisation=organisation)


@pytest.fixture
def finance_client(demo: dict[str, Department]) -> Client:
    client = Client()
    assert client.login(username="finance", password=DEMO_PASSWORD)
    return client


def compare(client: Client, url: Callable[[], str], enlarge: Callable[[], Any]) -> None:
    client.get(url())  # warm caches (content types, sessions)
    small = queries(client, url())
    enlarge()
    large = queries(client, url())
    assert large == small, f"{url()}: {small} queries with few rows, {large} with more"


def test_the_home_page(finance_client: Client) -> None:
    compare(finance_client, lambda: "/", lambda: add_departments(6))


def test_the_department_page(finance_client: Client, demo: dict[str, Department]) -> None:
    seed = demo["seed"]
    compare(finance_client, lambda: f"/departments/{seed.pk}/", lambda: grow(seed, 6))


def test_the_project_page(finance_client: Client, demo: dict[str, Department]) -> None:
    seed = demo["seed"]
    project = seed.projects.get(code="130304217IZ2UBLXPFIGE")
    compare(finance_client, lambda: f"/projects/{project.pk}/", lambda: grow(seed, 6))


def add_in_year_data(department: Department, projects: int) -> None:
    """More projects, each with payments, a July monitoring report and a saved self-evaluation
    (so the counted pages load in-year data too)."""
    from decimal import Decimal

    from jixiao.web.monitoring import selectors
    from jixiao.web.monitoring import services as monitoring

    grow(department, projects)
    for row in department.projects.filter(payments__isnull=True):
        content = services.project_document(row)
        keys = selectors.indicator_keys(content.indicators)
        add_payments(row, 3)
        entries = [monitoring.MonitoringEntry(key, current="1人") for key in keys]
        monitoring.monitoring_save(project=row, month=7, entries=entries, base_revision=0)
        rows = [selectors.EvaluationEntry(actual="1人", weight=Decimal(10)) for _ in keys]
        monitoring.evaluation_save(
            project=row, entered=selectors.EvaluationInput(rows=rows), keys=keys, base_revision=0
        )


def add_payments(project: Any, count: int) -> None:
    import datetime as dt
    from decimal import Decimal

    from jixiao.web.monitoring import services as monitoring

    for index in range(count):
        payment = monitoring.PaymentData(dt.date(2021, 1 + index % 12, 5), Decimal("100.00"), voucher=f"V{index}")
        monitoring.payment_create(project=project, data=payment)


def test_the_monitoring_pages(finance_client: Client, demo: dict[str, Department]) -> None:
    seed = demo["seed"]
    project = seed.projects.get(code="130304217IZ2UBLXPFIGE")
    compare(finance_client, lambda: f"/projects/{project.pk}/monitoring/?month=7", lambda: add_payments(project, 12))
    compare(finance_client, lambda: f"/departments/{seed.pk}/monitoring/?month=7", lambda: add_in_year_data(seed, 4))


def test_the_self_evaluation_pages(finance_client: Client, demo: dict[str, Department]) -> None:
    seed = demo["seed"]
    project = seed.projects.get(code="130304217IZ2UBLXPFIGE")
    compare(finance_client, lambda: f"/projects/{project.pk}/evaluation/", lambda: add_payments(project, 12))
    compare(finance_client, lambda: f"/departments/{seed.pk}/evaluation/", lambda: add_in_year_data(seed, 4))


def test_the_todo_and_api_lists(finance_client: Client) -> None:
    compare(finance_client, lambda: "/api/departments", lambda: add_departments(4))
    Membership.objects.filter(user__username="finance").update(role="dept_reviewer")
    compare(finance_client, lambda: "/todo/", lambda: add_departments(4))


def add_departments_with_figures(count: int) -> None:
    """More units, their kept sums brought up to date (the refresh's own queries do not grow either:
    tests/web/test_figures.py)."""
    from jixiao.web.monitoring import figures

    add_departments(count)
    figures.refresh_stale(Department.objects.all())


def test_the_finance_overview(finance_client: Client) -> None:
    compare(finance_client, lambda: "/overview/?year=2021", lambda: add_departments_with_figures(6))
    compare(
        finance_client, lambda: "/overview/?year=2021&sort=-ratio&light=red", lambda: add_departments_with_figures(3)
    )
