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
