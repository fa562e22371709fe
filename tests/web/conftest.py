"""Personas and data for the web tests: the seed department and a second unit, with their demo accounts."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from jixiao.web.demo import DEMO_PASSWORD, demo_load
from jixiao.web.records.models import Department


@pytest.fixture
def demo(db: Any) -> dict[str, Department]:
    demo_load()
    seed = Department.objects.get(code="287001")
    second = Department.objects.exclude(pk=seed.pk).get()
    return {"seed": seed, "second": second}


def _client(username: str) -> Client:
    client = Client()
    assert client.login(username=username, password=DEMO_PASSWORD)
    return client


@pytest.fixture
def editor(demo: dict[str, Department]) -> Client:
    """The seed unit's editor (unit287001)."""
    return _client("unit287001")


@pytest.fixture
def other_editor(demo: dict[str, Department]) -> Client:
    """The second unit's editor (unit2): an outsider to the seed department."""
    return _client("unit2")


@pytest.fixture
def finance(demo: dict[str, Department]) -> Client:
    """The finance-bureau reviewer: sees every unit, edits none."""
    return _client("finance")


@pytest.fixture
def approver(demo: dict[str, Department]) -> Client:
    """The seed unit's approver (approver287001): submits and publishes."""
    return _client("approver287001")


@pytest.fixture
def dept(demo: dict[str, Department]) -> Client:
    """The competent department's reviewer (dept)."""
    return _client("dept")


@pytest.fixture
def auditor(demo: dict[str, Department]) -> Client:
    """The auditor: reads everything, changes nothing."""
    return _client("auditor")
