"""Whatever an administrator does in the Django admin is itemised on the audit trail: every row a deletion takes
(with what CASCADE takes along), every change with its fields before and after, every addition."""

from __future__ import annotations

import datetime as dt
import io
import json
from decimal import Decimal as D
from typing import Any

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.test import Client

from jixiao.cli import main
from jixiao.web.audit.admin_trail import AuditedAdmin, check_every_admin_is_audited, delete_recorded
from jixiao.web.audit.models import AuditEntry, AuditImmutableError
from jixiao.web.demo import DEMO_PASSWORD
from jixiao.web.monitoring.models import Evaluation, EvaluationRow, MonitoringReport, MonitoringRow, Payment
from jixiao.web.records.models import ApiToken, Department, Indicator, Organisation, Project


@pytest.fixture
def admin_client(demo: dict[str, Department]) -> Client:
    client = Client()
    assert client.login(username="admin", password=DEMO_PASSWORD)
    return client


def entries_after(start: int) -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(seq__gt=start).order_by("seq"))


def last_seq() -> int:
    return AuditEntry.objects.order_by("-seq").values_list("seq", flat=True).first() or 0


def by_object(entries: list[AuditEntry]) -> dict[tuple[str, str], list[AuditEntry]]:
    found: dict[tuple[str, str], list[AuditEntry]] = {}
    for entry in entries:
        found.setdefault((entry.object_type, entry.object_id), []).append(entry)
    return found


def verify_passes() -> bool:
    return main(["audit", "verify"], out=io.StringIO(), err=io.StringIO()) == 0


def in_year_data(project: Project) -> dict[str, Any]:
    """A payment, a month's monitoring and a self-evaluation with one row each, on ``project``."""
    payment = Payment.objects.create(project=project, date=dt.date(2021, 3, 9), amount=D("120.50"), payee="某公司")
    report = MonitoringReport.objects.create(project=project, month=6)
    row = MonitoringRow.objects.create(report=report, key="指标#0", current="3人")
    evaluation = Evaluation.objects.create(project=project, total=D("90"), grade="优")
    scored = EvaluationRow.objects.create(evaluation=evaluation, key="指标#0", weight=D("10"), score=D("9"))
    return {"payment": payment, "report": report, "row": row, "evaluation": evaluation, "scored": scored}


def bulk_delete(client: Client, url: str, pks: list[int]) -> Any:
    return client.post(url, {"action": "delete_selected", "_selected_action": pks, "post": "yes"})


def test_a_bulk_delete_itemises_every_row_it_takes_along_with_the_acting_user(
    admin_client: Client, demo: dict[str, Department]
) -> None:
    seed, second = demo["seed"], demo["second"]
    projects = list(Project.objects.filter(department__in=[seed, second]))
    first = Project.objects.filter(department=seed, evaluation__isnull=True).first()
    assert first is not None
    data = in_year_data(first)
    start = last_seq()
    response = bulk_delete(admin_client, "/admin/targets/department/", [seed.pk, second.pk])
    assert response.status_code == 302
    assert not Department.objects.filter(pk__in=[seed.pk, second.pk]).exists()
    entries = entries_after(start)
    found = by_object(entries)
    assert all(entry.username == "admin" for entry in entries)
    assert all(len(same) == 1 for same in found.values()), "no row is recorded twice"
    for department in (seed, second):
        (entry,) = found[("targets.department", str(department.pk))]
        assert entry.action == "jixiao.admin.deleted" and json.loads(entry.before)["name"] == department.name
    for project in projects:
        (entry,) = found[("targets.project", str(project.pk))]
        assert entry.action == "jixiao.project.deleted" and json.loads(entry.before)["name"] == project.name
    (payment,) = found[("monitoring.payment", str(data["payment"].pk))]
    assert payment.action == "jixiao.payment.deleted" and json.loads(payment.before)["amount"] == "120.50"
    (report,) = found[("monitoring.monitoringreport", str(data["report"].pk))]
    assert report.action == "jixiao.actual.deleted" and json.loads(report.before)[0]["current"] == "3人"
    (evaluation,) = found[("monitoring.evaluation", str(data["evaluation"].pk))]
    assert evaluation.action == "jixiao.evaluation.deleted"
    assert json.loads(evaluation.before)["grade"] == "优" and json.loads(evaluation.before)["rows"][0]["score"] == "9"
    assert not [kind for kind, _ in found if kind in ("monitoring.monitoringrow", "monitoring.evaluationrow")]
    assert json.loads(payment.params)["with"] == f"targets.project#{first.pk}"


def test_indicators_are_recorded_inside_their_project_not_one_by_one(
    admin_client: Client, demo: dict[str, Department]
) -> None:
    seed = demo["seed"]
    project = Project.objects.filter(department=seed, indicators__isnull=False).first()
    assert project is not None
    names = list(Indicator.objects.filter(project=project).order_by("position", "id").values_list("level3", flat=True))
    start = last_seq()
    bulk_delete(admin_client, "/admin/targets/department/", [seed.pk])
    entries = entries_after(start)
    assert not [entry for entry in entries if entry.object_type == "targets.indicator"]
    (entry,) = [e for e in entries if (e.object_type, e.object_id) == ("targets.project", str(project.pk))]
    recorded = [indicator["level3"] for indicator in json.loads(entry.before)["indicators"]]
    assert recorded == names


def test_the_department_entry_counts_what_went_along(admin_client: Client, demo: dict[str, Department]) -> None:
    seed = demo["seed"]
    count = Project.objects.filter(department=seed).count()
    start = last_seq()
    bulk_delete(admin_client, "/admin/targets/department/", [seed.pk])
    root = entries_after(start)[0]
    assert (root.object_type, root.object_id) == ("targets.department", str(seed.pk))
    params = json.loads(root.params)
    assert params["via"] == "admin" and params["cascade"]["targets.project"] == count
    derived = {"monitoring.unitfigures", "targets.storedreview"}  # recomputed rows: not itemised, not counted
    assert not derived & set(params["cascade"])
    assert not [entry for entry in entries_after(start) if entry.object_type in derived]


def test_a_single_delete_is_itemised_once(admin_client: Client, demo: dict[str, Department]) -> None:
    second = demo["second"]
    project_pks = {str(pk) for pk in Project.objects.filter(department=second).values_list("pk", flat=True)}
    start = last_seq()
    response = admin_client.post(f"/admin/targets/department/{second.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302 and not Department.objects.filter(pk=second.pk).exists()
    found = by_object(entries_after(start))
    assert len(found[("targets.department", str(second.pk))]) == 1
    assert project_pks == {object_id for kind, object_id in found if kind == "targets.project"}
    assert verify_passes()


def test_a_refused_delete_records_nothing(admin_client: Client, demo: dict[str, Department]) -> None:
    organisation = demo["seed"].organisation  # its departments are protected
    start = last_seq()
    bulk_delete(admin_client, "/admin/targets/organisation/", [organisation.pk])
    assert Organisation.objects.filter(pk=organisation.pk).exists()
    assert entries_after(start) == []


def test_a_deleted_user_takes_its_token_along_without_its_secrets(
    admin_client: Client, demo: dict[str, Department]
) -> None:
    user = get_user_model().objects.get(username="unit2")
    token = ApiToken.objects.create(user=user, name="脚本", digest="d" * 64)
    start = last_seq()
    bulk_delete(admin_client, "/admin/auth/user/", [user.pk])
    assert not get_user_model().objects.filter(pk=user.pk).exists()
    entries = entries_after(start)
    found = by_object(entries)
    assert found[("auth.user", str(user.pk))][0].action == "jixiao.admin.deleted"
    assert found[("targets.apitoken", str(token.pk))][0].action == "jixiao.admin.deleted"
    text = "".join(entry.before for entry in entries)
    assert "d" * 64 not in text and user.password not in text
    assert verify_passes()


def test_a_change_records_the_changed_fields_before_and_after(
    admin_client: Client, demo: dict[str, Department]
) -> None:
    organisation = demo["second"].organisation
    old_name = organisation.name
    start = last_seq()
    form = {"code": organisation.code, "name": "改名后的单位", "kind": organisation.kind}
    form["parent"] = str(organisation.parent_id or "")
    response = admin_client.post(f"/admin/targets/organisation/{organisation.pk}/change/", form)
    assert response.status_code == 302
    (entry,) = entries_after(start)
    assert (entry.action, entry.username, entry.object_type) == (
        "jixiao.admin.changed",
        "admin",
        "targets.organisation",
    )
    assert json.loads(entry.before) == {"name": old_name}
    assert json.loads(entry.after) == {"name": "改名后的单位"}


def test_an_addition_records_the_new_row(admin_client: Client, demo: dict[str, Department]) -> None:
    parent = demo["second"].organisation.parent
    assert parent is not None
    start = last_seq()
    form = {"code": "999001", "name": "新单位", "kind": demo["second"].organisation.kind, "parent": str(parent.pk)}
    assert admin_client.post("/admin/targets/organisation/add/", form).status_code == 302
    (entry,) = entries_after(start)
    added = Organisation.objects.get(code="999001")
    assert (entry.action, entry.object_id) == ("jixiao.admin.added", str(added.pk))
    assert json.loads(entry.after)["name"] == "新单位"


def test_a_password_change_is_recorded_without_the_hash(admin_client: Client, demo: dict[str, Department]) -> None:
    user = get_user_model().objects.get(username="unit2")
    start = last_seq()
    form = {"password1": "another-Strong-pass-123", "password2": "another-Strong-pass-123"}
    assert admin_client.post(f"/admin/auth/user/{user.pk}/password/", form).status_code == 302
    user.refresh_from_db()
    entry, reset = entries_after(start)
    assert (entry.action, entry.object_type, entry.object_id) == ("jixiao.admin.changed", "auth.user", str(user.pk))
    assert "password" in entry.after and user.password not in entry.after + entry.before
    assert (reset.action, reset.object_id) == ("jixiao.auth.password_reset", str(user.pk))  # changed at next sign-in


def test_audit_entries_cannot_be_deleted_in_bulk_either(admin_client: Client, demo: dict[str, Department]) -> None:
    before = AuditEntry.objects.count()
    pks = list(AuditEntry.objects.values_list("seq", flat=True)[:3])
    response = bulk_delete(admin_client, "/admin/audit/auditentry/", pks)
    assert response.status_code in (200, 302, 403)
    assert AuditEntry.objects.filter(seq__in=pks).count() == len(pks)
    assert AuditEntry.objects.count() >= before and verify_passes()


def test_every_registered_admin_records_to_the_trail() -> None:
    assert all(isinstance(model_admin, AuditedAdmin) for model_admin in admin.site._registry.values())
    assert check_every_admin_is_audited(None) == []


def test_the_system_check_refuses_an_admin_that_would_change_data_off_the_trail() -> None:
    site = admin.AdminSite(name="unaudited")
    site.register(Organisation, admin.ModelAdmin)
    errors = check_every_admin_is_audited(None)
    assert [error.id for error in errors] == ["jixiao.E001"] and "Organisation" in errors[0].msg


def test_the_deletion_code_refuses_audit_entries(demo: dict[str, Department]) -> None:
    entry = AuditEntry.objects.order_by("seq").first()
    assert entry is not None
    with pytest.raises(AuditImmutableError):
        delete_recorded([entry], request=None)
    assert AuditEntry.objects.filter(seq=entry.seq).exists() and verify_passes()
