"""The reviewer's view: the document in full and read-only, a checklist of projects, changes, and the actions."""

from __future__ import annotations

import pytest
from django.test import Client

from jixiao.web.records.models import Department
from tests.web.test_workflow import act

pytestmark = pytest.mark.django_db


def test_a_department_reviewer_reads_the_document_and_acts_from_one_page(
    approver: Client, dept: Client, demo: dict[str, Department]
) -> None:
    seed = demo["seed"]
    act(approver, seed, "submit")
    response = dept.get(f"/departments/{seed.pk}/review/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "目标表全文" in page and "老干部局关心下一代工作经费" in page and "关心下一代经费发放准确率" in page
    assert "项目清单：4/4 个项目没有错误" in page  # the seed has warnings, no errors
    assert f'href="/departments/{seed.pk}/act/approve_department/"' in page  # the action on the same page
    assert "<script" not in page.split("data-document")[1]  # the document is escaped text, no markup smuggled in
    assert 'name="text"' not in page.split("data-document")[1]  # read-only: no inputs in the document
    assert Client().get(f"/departments/{seed.pk}/review/").status_code == 302  # signed-in only


def test_an_outsider_cannot_open_another_units_review_view(other_editor: Client, demo: dict[str, Department]) -> None:
    assert other_editor.get(f"/departments/{demo['seed'].pk}/review/").status_code == 404


def test_after_an_adjustment_the_view_lists_the_changes_since_the_approved_version(
    approver: Client, dept: Client, finance: Client, editor: Client, demo: dict[str, Department]
) -> None:
    seed = demo["seed"]
    for client, action in ((approver, "submit"), (dept, "approve_department"), (finance, "approve_finance")):
        act(client, seed, action)
    act(approver, seed, "adjust", comment="预算调整")
    from tests.web.test_editing import form_data

    project = seed.projects.get(code="130304217IZ2UBLXPFIGE")
    data = form_data(editor, project)
    data["goal"] = "调整后的目标"
    assert editor.post(f"/projects/{project.pk}/", data).status_code == 302
    page = dept.get(f"/departments/{seed.pk}/review/").content.decode()
    assert "与第 1 版相比的改动（1 处）" in page and "调整后的目标" in page


def test_a_warning_can_be_acknowledged_with_a_reason_that_reviewers_see_and_errors_cannot(
    editor: Client, dept: Client, demo: dict[str, Department]
) -> None:
    from jixiao.web.audit.models import AuditEntry
    from jixiao.web.records.models import Acknowledgement, Project

    project = Project.objects.get(code="130304217IZ2UBLXPFIGE")
    groups = editor.get(f"/projects/{project.pk}/").context["finding_groups"]
    warning = next(group for group in groups if group.severity.value == "warning")
    reason = "确定依据已在项目申报书中写明，此处沿用"
    response = editor.post(
        f"/projects/{project.pk}/acknowledge/", {"code": warning.code, "reason": reason}, follow=True
    )
    assert "已记录说明" in response.content.decode()
    answered = next(group for group in response.context["finding_groups"] if group.code == warning.code)
    assert answered.acknowledgement.reason == reason
    assert response.context["finding_groups"][-1].code == warning.code  # answered: after the open ones
    assert reason in dept.get(f"/departments/{project.department_id}/review/").content.decode()
    assert AuditEntry.objects.filter(action="jixiao.review.acknowledged").count() == 1
    refused = editor.post(f"/projects/{project.pk}/acknowledge/", {"code": "T4", "reason": "不是问题"}, follow=True)
    assert "不能说明原因" in refused.content.decode()  # not a warning this project has (or an error): refused
    assert dept.post(f"/projects/{project.pk}/acknowledge/", {"code": warning.code, "reason": "x"}).status_code == 302
    assert Acknowledgement.objects.get().reason == reason  # a reviewer cannot answer for the unit
    editor.post(f"/projects/{project.pk}/acknowledge/", {"code": warning.code, "reason": ""})
    assert not Acknowledgement.objects.exists()  # withdrawn
