"""Editing a project in the browser's forms: save, validation, reordering, and two people at once."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from jixiao.web.records import services
from jixiao.web.records.models import Department, Project

pytestmark = pytest.mark.django_db


def form_data(client: Client, project: Project) -> dict[str, Any]:
    """The project form as the page renders it: every input's current value."""
    response = client.get(f"/projects/{project.pk}/")
    context = response.context
    data: dict[str, Any] = {}
    for form in (context["form"],):
        for field in form:
            data[field.html_name] = "" if field.value() is None else field.value()
    for formset in (context["checkpoints"], context["indicators"]):
        management = formset.management_form
        for field in management:
            data[field.html_name] = field.value()
        for form in formset.forms:
            for field in form:
                value = field.value()
                if field.name == "DELETE":
                    continue
                data[field.html_name] = "" if value is None else value
    return data


@pytest.fixture
def project(demo: dict[str, Department]) -> Project:
    return demo["seed"].projects.get(code="130304217IZ2UBLXPFIGE")


def test_changing_a_value_saves_and_reparses_it(editor: Client, project: Project) -> None:
    data = form_data(editor, project)
    assert data["indicators-1-value_text"] == "≥99%"
    data["indicators-1-value_text"] = "≥100%"
    response = editor.post(f"/projects/{project.pk}/", data)
    assert response.status_code == 302
    saved = services.project_document(project)
    value = saved.indicators[1].value
    assert (value.text, str(value.number), value.comparator) == ("≥100%", "100", ">=")
    page = editor.get(f"/projects/{project.pk}/").content.decode()
    row_start = page.index('data-indicator="关心下一代经费发放准确率"')
    assert "100%" in page[row_start : page.index("</tr>", row_start)]


def test_saving_unchanged_keeps_the_document_identical(editor: Client, project: Project) -> None:
    before = services.project_document(project)
    assert editor.post(f"/projects/{project.pk}/", form_data(editor, project)).status_code == 302
    assert services.project_document(project) == before


def test_a_row_can_be_added_removed_and_moved(editor: Client, project: Project) -> None:
    data = form_data(editor, project)
    data["indicators-TOTAL_FORMS"] = "10"
    data.update(
        {
            "indicators-9-level1": "产出指标",
            "indicators-9-level2": "数量指标",
            "indicators-9-level3": "开展关爱活动次数",
            "indicators-9-value_text": "≥4次",
            "indicators-9-ORDER": "0",
            "indicators-0-DELETE": "on",
        }
    )
    assert editor.post(f"/projects/{project.pk}/", data).status_code == 302
    names = [i.level3 for i in services.project_document(project).indicators]
    assert names[0] == "开展关爱活动次数"
    assert "关心下一代人员数量" not in names
    assert len(names) == 9


def test_a_bad_amount_is_refused_with_a_chinese_message_and_nothing_is_saved(editor: Client, project: Project) -> None:
    before = services.project_document(project)
    data = form_data(editor, project)
    data["budget_total"] = "五万"
    data["indicators-2-value_text"] = ""
    response = editor.post(f"/projects/{project.pk}/", data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "不是金额" in page
    assert "请填写指标值" in page
    assert services.project_document(project) == before


def test_the_later_of_two_saves_is_refused_and_shows_what_changed(editor: Client, project: Project) -> None:
    first = form_data(editor, project)
    second = form_data(editor, project)
    first["indicators-0-value_text"] = "60人"
    assert editor.post(f"/projects/{project.pk}/", first).status_code == 302
    second["goal"] = "我的新目标"
    response = editor.post(f"/projects/{project.pk}/", second)
    assert response.status_code == 409
    page = response.content.decode()
    assert "保存失败" in page
    assert "指标“关心下一代人员数量”的指标值：“50人” → “60人”" in page
    assert "我的新目标" in page  # the user's own typing is kept in the form
    assert services.project_document(project).indicators[0].value.text == "60人"
    assert services.project_document(project).goal != "我的新目标"


def test_an_empty_project_can_be_created_and_deleted_after_confirmation(
    editor: Client, demo: dict[str, Department]
) -> None:
    before = demo["seed"].projects.count()
    page = editor.get(f"/departments/{demo['seed'].pk}/projects/new/").content.decode()
    assert "取消则不保存任何内容" in page
    assert demo["seed"].projects.count() == before  # nothing stored by opening the form (no junk project)
    refused = editor.post(f"/departments/{demo['seed'].pk}/projects/new/", {"name": ""})
    assert refused.status_code == 200 and "请填写项目名称" in refused.content.decode()
    response = editor.post(
        f"/departments/{demo['seed'].pk}/projects/new/", {"name": "新建项目", "budget_total": "12.5"}
    )
    assert response.status_code == 302
    created = demo["seed"].projects.get(name="新建项目")
    assert str(created.budget_total) == "12.5"
    confirm = editor.get(f"/projects/{created.pk}/delete/")
    assert "确认删除" in confirm.content.decode()
    assert Project.objects.filter(pk=created.pk).exists()
    editor.post(f"/projects/{created.pk}/delete/")
    assert not Project.objects.filter(pk=created.pk).exists()


def test_part_one_is_editable(editor: Client, demo: dict[str, Department]) -> None:
    seed = demo["seed"]
    page = editor.get(f"/departments/{seed.pk}/")
    subgoals = page.context["subgoal_forms"]
    data: dict[str, Any] = {"goal": "新的总体目标", "revision": seed.revision}
    for formset in (subgoals, page.context["safeguard_forms"]):
        for field in formset.management_form:
            data[field.html_name] = field.value()
        for form in formset.forms:
            for field in form:
                if field.name != "DELETE":
                    data[field.html_name] = field.value() or ""
    data["subgoals-0-refinements"] = "第一条\n第二条"
    assert editor.post(f"/departments/{seed.pk}/overall/", data).status_code == 302
    document = services.department_document(seed)
    assert document.overall is not None
    assert document.overall.goal == "新的总体目标"
    assert document.overall.subgoals[0].refinements == ["第一条", "第二条"]
    assert len(document.overall.subgoals) == 3
    assert len(document.overall.safeguards) == 4


def test_copying_into_a_new_year_creates_a_draft_with_the_same_targets(
    editor: Client, demo: dict[str, Department]
) -> None:
    seed = demo["seed"]
    response = editor.post(f"/departments/{seed.pk}/copy/", {"year": 2022})
    assert response.status_code == 302
    copy = Department.objects.get(organisation=seed.organisation, year=2022)
    original, copied = services.department_document(seed), services.department_document(copy)
    assert copied.year == 2022
    copied.year = original.year
    assert copied == original
    again = editor.post(f"/departments/{seed.pk}/copy/", {"year": 2022}, follow=True)
    assert "已有 2022 年度的绩效目标" in again.content.decode()


def test_a_spending_plan_can_be_started_in_the_blank_rows_and_nothing_typed_is_dropped(
    editor: Client, project: Project
) -> None:
    """The usability report: no row could be added to the 资金支出计划, so a new project had no plan."""
    data = form_data(editor, project)
    total = int(data["plan-TOTAL_FORMS"])
    assert total >= 2  # the blank rows are there
    last = total - 1
    data[f"plan-{last}-label"], data[f"plan-{last}-month"], data[f"plan-{last}-percent"] = "", "6", "50"
    assert editor.post(f"/projects/{project.pk}/", data).status_code == 302
    plan = services.project_document(Project.objects.get(pk=project.pk)).spending_plan
    assert ("6月", 6) in [(point.label, point.month) for point in plan]
    data = form_data(editor, Project.objects.get(pk=project.pk))
    last = int(data["plan-TOTAL_FORMS"]) - 1
    data[f"plan-{last}-percent"] = "80"  # a share with neither a 时间点 nor a month: refused, not dropped
    response = editor.post(f"/projects/{project.pk}/", data)
    assert response.status_code == 400 and "请填写时间点或月份" in response.content.decode()
