"""A busy database answers 503 with Retry-After and a Chinese message, never a 500; API requests get JSON."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import OperationalError
from django.test import Client
from django.utils import timezone

from jixiao.web import failures
from jixiao.web.accounts.tokens import token_create
from jixiao.web.records.models import ApiToken, Department

pytestmark = pytest.mark.django_db


def _locked(*args: Any, **kwargs: Any) -> None:
    raise OperationalError("database is locked")


@pytest.mark.parametrize(
    "error",
    [
        OperationalError("database is locked"),
        OperationalError("deadlock detected\nDETAIL:  Process 1 waits for ShareLock on transaction 2"),
        OperationalError("could not serialize access due to concurrent update"),
    ],
)
def test_busy_database_errors_are_told_apart(error: OperationalError) -> None:
    assert failures.is_busy(error)
    wrapped = RuntimeError("while saving")
    wrapped.__cause__ = error
    assert failures.is_busy(wrapped)


def test_other_errors_are_not_busy() -> None:
    assert not failures.is_busy(OperationalError("no such table: targets_project"))
    assert not failures.is_busy(ValueError("database is locked"))


def test_a_save_that_finds_the_database_locked_gets_503_with_retry_after(
    demo: dict[str, Department], monkeypatch: pytest.MonkeyPatch
) -> None:
    client = Client(raise_request_exception=False)
    assert client.login(username="unit287001", password="jixiao-demo")
    monkeypatch.setattr("jixiao.web.targets.views.services.project_create", _locked)
    response = client.post(f"/departments/{demo['seed'].pk}/projects/new/", {"name": "新项目"})
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    text = response.content.decode()
    assert "系统正忙" in text and "没有丢失" in text


def test_an_api_request_gets_json(demo: dict[str, Department], monkeypatch: pytest.MonkeyPatch) -> None:
    user = demo["seed"].organisation.memberships.first().user  # type: ignore[union-attr]
    secret = token_create(user=user, name="测试")
    monkeypatch.setattr("jixiao.web.records.permissions.visible_departments", _locked)
    client = Client(raise_request_exception=False, HTTP_AUTHORIZATION=f"Token {secret}")
    response = client.get("/api/departments")
    assert response.status_code == 503
    assert response.json()["code"] == "web.busy" and "系统正忙" in response.json()["error"]


def test_any_other_failure_is_a_plain_chinese_500(demo: dict[str, Department], monkeypatch: pytest.MonkeyPatch) -> None:
    client = Client(raise_request_exception=False)
    assert client.login(username="unit287001", password="jixiao-demo")

    def broken(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("jixiao.web.targets.views.services.project_create", broken)
    response = client.post(f"/departments/{demo['seed'].pk}/projects/new/", {"name": "新项目"})
    assert response.status_code == 500
    assert "服务器处理请求时出错" in response.content.decode() and "boom" not in response.content.decode()


def test_a_token_request_writes_its_last_use_at_most_once_a_minute(demo: dict[str, Department]) -> None:
    user = demo["seed"].organisation.memberships.first().user  # type: ignore[union-attr]
    secret = token_create(user=user, name="测试")
    client = Client(HTTP_AUTHORIZATION=f"Token {secret}")
    assert client.get("/api/departments").status_code == 200
    first = ApiToken.objects.get().last_used_at
    assert first is not None
    assert client.get("/api/departments").status_code == 200
    assert ApiToken.objects.get().last_used_at == first  # a read needs no write
    ApiToken.objects.update(last_used_at=timezone.now() - dt.timedelta(minutes=2))
    assert client.get("/api/departments").status_code == 200
    assert ApiToken.objects.get().last_used_at > first
