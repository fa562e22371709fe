"""Every page, as every persona, in a real browser: no Content-Security-Policy violation, no console error, no
failed request (the pages load nothing from outside the server and run no inline code)."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import ConsoleMessage, Page

from jixiao.web.records.models import Department
from tests.browser.test_targets_in_the_browser import log_in, seed  # noqa: F401  (the fixture)

PERSONAS = {
    "unit287001": ["/", "/departments/{d}/", "/projects/{p}/", "/projects/{p}/monitoring/?month=7",
                   "/departments/{d}/monitoring/?month=7", "/projects/{p}/evaluation/", "/departments/{d}/evaluation/",
                   "/todo/", "/notifications/", "/tokens/", "/password/", "/departments/{d}/history/", "/import/"],
    "finance": ["/", "/overview/", "/departments/{d}/", "/projects/{p}/", "/departments/{d}/monitoring/?month=7"],
    "auditor": ["/audit/", "/audit/verify/"],
    None: ["/public/", "/login/"],
}  # fmt: skip


@pytest.mark.parametrize("username", list(PERSONAS), ids=lambda name: name or "anonymous")
def test_every_page_loads_without_a_policy_violation_or_a_console_error(
    page: Page,
    live_server: Any,
    seed: Department,  # noqa: F811  (the fixture imported above)
    username: str | None,
) -> None:
    problems: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        if message.type in ("error", "warning") and "favicon" not in message.text:
            problems.append(f"{page.url}: {message.type}: {message.text}")

    page.on("console", on_console)
    page.on("requestfailed", lambda request: problems.append(f"{page.url}: failed {request.url}"))
    page.on("pageerror", lambda error: problems.append(f"{page.url}: {error}"))
    if username is not None:
        log_in(page, live_server, username)
    project = seed.projects.order_by("position").first()
    assert project is not None
    for path in PERSONAS[username]:
        response = page.goto(live_server.url + path.format(d=seed.pk, p=project.pk))
        assert response is not None and response.status < 400, path
        page.wait_for_load_state("networkidle")
    assert problems == []
