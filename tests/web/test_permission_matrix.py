"""Every role × every endpoint × own and other organisation: no unauthorised read or write (docs/security.md).

Each persona is tried on every page, export and API endpoint of its own department and of another unit's. A denied
request must answer 401/403/404 (or the login redirect) and change nothing; an allowed one must not be refused.
Writes run inside a transaction that is rolled back, so every request starts from the same data.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

import pytest
from django.db import transaction
from django.test import Client

from jixiao.formats import canonical
from jixiao.web.demo import DEMO_PASSWORD
from jixiao.web.records import services
from jixiao.web.records.models import Department, Project

pytestmark = pytest.mark.django_db

DENIED = {302, 401, 403, 404}

# Which capability each persona has over the seed's department ("own") and over the other unit's ("other").
CAPABILITIES: dict[str | None, dict[str, set[str]]] = {
    "unit287001": {"own": {"view", "edit", "enter"}, "other": set()},
    "approver287001": {"own": {"view", "edit", "publication", "enter"}, "other": set()},
    "dept": {"own": {"view", "comment"}, "other": set()},
    "finance": {"own": {"view", "comment", "publication"}, "other": {"view", "comment", "publication"}},
    "auditor": {"own": {"view"}, "other": {"view"}},
    "unit2": {"own": set(), "other": {"view", "edit", "enter"}},
    None: {"own": set(), "other": set()},
}


@dataclass(frozen=True)
class Endpoint:
    name: str
    needs: str
    call: Callable[[Client, Department, Project], Any]


def _json(client: Client, method: str, url: str, data: Any) -> Any:
    return getattr(client, method)(url, canonical.dumps(data), content_type="application/json")


def _project_json(project: Project) -> dict[str, Any]:
    data: dict[str, Any] = canonical.project_to_dict(services.project_document(project))
    return {**data, "revision": project.revision, "name": "改名"}


ENDPOINTS = [
    Endpoint("department page", "view", lambda c, d, p: c.get(f"/departments/{d.pk}/")),
    Endpoint("history page", "view", lambda c, d, p: c.get(f"/departments/{d.pk}/history/")),
    Endpoint("department export", "view", lambda c, d, p: c.get(f"/departments/{d.pk}/export/json/")),
    Endpoint("project page", "view", lambda c, d, p: c.get(f"/projects/{p.pk}/")),
    Endpoint("project export", "view", lambda c, d, p: c.get(f"/projects/{p.pk}/export/html/")),
    Endpoint("api document", "view", lambda c, d, p: c.get(f"/api/departments/{d.pk}/document")),
    Endpoint("api project", "view", lambda c, d, p: c.get(f"/api/projects/{p.pk}")),
    Endpoint("api indicators", "view", lambda c, d, p: c.get(f"/api/projects/{p.pk}/indicators")),
    Endpoint("api projects", "view", lambda c, d, p: c.get(f"/api/departments/{d.pk}/projects")),
    Endpoint("finance overview row", "view", lambda c, d, p: _overview_row(c, d)),
    Endpoint("delete confirmation", "edit", lambda c, d, p: c.get(f"/projects/{p.pk}/delete/")),
    Endpoint("save project", "edit", lambda c, d, p: c.post(f"/projects/{p.pk}/", {"name": "改名", "revision": 1})),
    Endpoint("delete project", "edit", lambda c, d, p: c.post(f"/projects/{p.pk}/delete/")),
    Endpoint("new project", "edit", lambda c, d, p: c.post(f"/departments/{d.pk}/projects/new/", {"name": "新项目"})),
    Endpoint("new project form", "edit", lambda c, d, p: c.get(f"/departments/{d.pk}/projects/new/")),
    Endpoint(
        "save part 1",
        "edit",
        lambda c, d, p: c.post(
            f"/departments/{d.pk}/overall/",
            {"goal": "改", "revision": d.revision, **_empty_formsets("subgoals", "safeguards")},
        ),
    ),
    Endpoint("copy year", "edit", lambda c, d, p: c.post(f"/departments/{d.pk}/copy/", {"year": 2030})),
    Endpoint("api put project", "edit", lambda c, d, p: _json(c, "put", f"/api/projects/{p.pk}", _project_json(p))),
    Endpoint("api delete project", "edit", lambda c, d, p: c.delete(f"/api/projects/{p.pk}")),
    Endpoint(
        "api new project", "edit", lambda c, d, p: _json(c, "post", f"/api/departments/{d.pk}/projects", {"name": "新"})
    ),
    Endpoint(
        "api new indicator",
        "edit",
        lambda c, d, p: _json(c, "post", f"/api/projects/{p.pk}/indicators", {"level3": "新指标", "value": "1次"}),
    ),
    Endpoint("api delete indicator", "edit", lambda c, d, p: c.delete(f"/api/projects/{p.pk}/indicators/0")),
    Endpoint("comment", "comment", lambda c, d, p: c.post(f"/projects/{p.pk}/comments/", {"text": "意见"})),
    Endpoint(
        "withhold",
        "publication",
        lambda c, d, p: c.post(f"/projects/{p.pk}/publication/", {"publish": "no", "reason": "r"}),
    ),
]


def _overview_row(client: Client, department: Department) -> Any:
    """The overview lists only visible units: a unit missing from its year's export counts as refused (404)."""
    response = client.get(f"/overview/?year={department.year}&format=csv")
    if response.status_code != 200:
        return response
    code = department.code or department.organisation.code
    return SimpleNamespace(status_code=200 if f",{code}," in response.content.decode("utf-8-sig") else 404)


# Monitoring and self-evaluation: "enter" is entering in-year data, which approval does not freeze.
def _payment(project: Project) -> Any:
    from jixiao.web.monitoring.models import Payment

    return Payment.objects.filter(project=project).order_by("pk").first()


def _ledger(client: Client, department: Department) -> Any:
    import io

    upload = io.BytesIO(f"日期,金额\n{department.year}-03-01,100\n".encode())
    upload.name = "台账.csv"
    project = department.projects.order_by("position").first()
    fields = {"date": "日期", "amount": "金额", "amount_unit": "元", "default_project": project.pk if project else ""}
    return client.post(f"/departments/{department.pk}/ledger/", {"file": upload, **fields})


ENDPOINTS += [
    Endpoint("monitoring page", "view", lambda c, d, p: c.get(f"/projects/{p.pk}/monitoring/?month=7")),
    Endpoint("monitoring chart", "view", lambda c, d, p: c.get(f"/projects/{p.pk}/monitoring/chart.svg?month=7")),
    Endpoint("monitoring export", "view", lambda c, d, p: c.get(f"/projects/{p.pk}/monitoring/export/pdf/")),
    Endpoint("department monitoring", "view", lambda c, d, p: c.get(f"/departments/{d.pk}/monitoring/")),
    Endpoint("department chart", "view", lambda c, d, p: c.get(f"/departments/{d.pk}/monitoring/chart.svg")),
    Endpoint(
        "department monitoring export", "view", lambda c, d, p: c.get(f"/departments/{d.pk}/monitoring/export/pdf/")
    ),
    Endpoint("evaluation page", "view", lambda c, d, p: c.get(f"/projects/{p.pk}/evaluation/")),
    Endpoint("evaluation export", "view", lambda c, d, p: c.get(f"/projects/{p.pk}/evaluation/export/pdf/")),
    Endpoint("department evaluations", "view", lambda c, d, p: c.get(f"/departments/{d.pk}/evaluation/")),
    Endpoint("evaluations export", "view", lambda c, d, p: c.get(f"/departments/{d.pk}/evaluation/export/pdf/")),
    Endpoint(
        "add payment",
        "enter",
        lambda c, d, p: c.post(
            f"/projects/{p.pk}/payments/new/", {"date": f"{d.year}-03-01", "amount": "100", "unit": "元"}
        ),
    ),
    Endpoint("payment edit page", "enter", lambda c, d, p: c.get(f"/payments/{_payment(p).pk}/edit/")),
    Endpoint(
        "edit payment",
        "enter",
        lambda c, d, p: c.post(
            f"/payments/{_payment(p).pk}/edit/", {"date": f"{d.year}-03-02", "amount": "1", "unit": "元", "revision": 1}
        ),
    ),
    Endpoint("payment delete confirmation", "enter", lambda c, d, p: c.get(f"/payments/{_payment(p).pk}/delete/")),
    Endpoint("delete payment", "enter", lambda c, d, p: c.post(f"/payments/{_payment(p).pk}/delete/", {"revision": 1})),
    Endpoint(
        "save monitoring",
        "enter",
        lambda c, d, p: c.post(
            f"/projects/{p.pk}/monitoring/indicators/",
            {"month": 7, "revision": 1, **_empty_formsets("rows")},
        ),
    ),
    Endpoint(
        "save self-evaluation",
        "enter",
        lambda c, d, p: c.post(f"/projects/{p.pk}/evaluation/", {"revision": 0, **_empty_formsets("rows")}),
    ),
    Endpoint("ledger page", "enter", lambda c, d, p: c.get(f"/departments/{d.pk}/ledger/")),
    Endpoint("ledger upload", "enter", lambda c, d, p: _ledger(c, d)),
    Endpoint("ledger preview", "enter", lambda c, d, p: c.post(f"/departments/{d.pk}/ledger/preview/")),
]


def _empty_formsets(*prefixes: str) -> dict[str, str]:
    data = {}
    for prefix in prefixes:
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    return data


def _state() -> str:
    """Everything a write could change: every department's canonical document, and the comment/flag rows."""
    from jixiao.web.records.models import ReviewComment

    documents = [canonical.to_json(services.department_document(d)) for d in Department.objects.order_by("pk")]
    flags = list(Project.objects.order_by("pk").values_list("publish", "withhold_reason"))
    return "\n".join(documents) + repr(flags) + repr(ReviewComment.objects.count()) + _in_year_state()


def _in_year_state() -> str:
    """Payments, monitoring and self-evaluations: the in-year data a unit enters after approval."""
    from jixiao.web.monitoring.models import Evaluation, EvaluationRow, MonitoringRow, Payment

    rows = [
        list(Payment.objects.order_by("pk").values_list("pk", "date", "amount", "revision")),
        list(MonitoringRow.objects.order_by("pk").values_list("pk", "current", "report__revision")),
        list(Evaluation.objects.order_by("pk").values_list("pk", "revision", "total")),
        EvaluationRow.objects.count(),
    ]
    return repr(rows)


def _changed(result: Any) -> bool:
    return result.status_code not in DENIED


@pytest.mark.parametrize("username", list(CAPABILITIES), ids=lambda u: u or "anonymous")
def test_each_role_reaches_exactly_what_it_may(username: str | None, demo: dict[str, Department]) -> None:
    client = Client()
    if username:
        assert client.login(username=username, password=DEMO_PASSWORD)
    failures = []
    for side, department in (("own", demo["seed"]), ("other", demo["second"])):
        project = department.projects.order_by("position").first()
        assert project is not None
        allowed = CAPABILITIES[username][side]
        for endpoint in ENDPOINTS:
            with transaction.atomic():
                before = _state()
                response = endpoint.call(client, department, project)
                after = _state()
                transaction.set_rollback(True)
            if endpoint.needs in allowed:
                if response.status_code in {401, 403, 404}:
                    failures.append(f"{side} {endpoint.name}: refused ({response.status_code}) but should be allowed")
            else:
                if response.status_code not in DENIED:
                    failures.append(f"{side} {endpoint.name}: answered {response.status_code} but should be refused")
                if before != after:
                    failures.append(f"{side} {endpoint.name}: data changed although refused")
                if response.status_code == 302 and "/login/" not in response.get("Location", ""):
                    failures.append(f"{side} {endpoint.name}: redirected to {response['Location']}, not to login")
    assert failures == []
