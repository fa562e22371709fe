"""The Content-Security-Policy in a real browser: the pages and htmx work under it, and it is not a dead letter."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import ConsoleMessage, Page, expect

from jixiao.web.demo import DEMO_PASSWORD, demo_load
from jixiao.web.records.models import Department

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_pages_and_htmx_run_under_the_policy_which_refuses_inline_code(page: Page, live_server: Any) -> None:
    demo_load()
    project = Department.objects.get(code="287001").projects.get(name="老干部活动经费")
    refused: list[str] = []
    page.on("console", lambda message: _collect(message, refused))
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("用户名").fill("unit287001")
    page.get_by_label("密码").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.goto(f"{live_server.url}/projects/{project.pk}/")
    rows = page.locator("tr.indicator-row")
    expect(rows).to_have_count(9)
    page.get_by_role("button", name="添加指标行").click()  # htmx request with hx-vals and the CSRF hx-headers
    expect(rows).to_have_count(10)
    rows.last.get_by_label("指标值", exact=True).fill("≥4次")
    expect(rows.last.locator(".preview")).to_contain_text("定量")
    assert refused == []
    # Inline code is refused: the policy is in force, not only sent.
    with page.expect_console_message(lambda message: "inline event handler" in message.text):
        page.evaluate("document.body.insertAdjacentHTML('beforeend', '<img src=/none.png onerror=\"window.pwned=1\">')")
    assert page.evaluate("window.pwned") is None


def _collect(message: ConsoleMessage, refused: list[str]) -> None:
    if "Content Security Policy" in message.text:
        refused.append(message.text)
