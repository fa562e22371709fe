"""Each page's number of queries does not grow with the number of rows it shows (no N+1)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from jixiao.formats import read_path
from jixiao.web.targets import services
from jixiao.web.targets.demo import DEMO_PASSWORD
from jixiao.web.targets.models import Department, Membership, Organisation
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
        services.department_import(document=document, organisation=organisation)


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


def test_the_todo_and_api_lists(finance_client: Client) -> None:
    compare(finance_client, lambda: "/api/departments", lambda: add_departments(4))
    Membership.objects.filter(user__username="finance").update(role="dept_reviewer")
    compare(finance_client, lambda: "/todo/", lambda: add_departments(4))
