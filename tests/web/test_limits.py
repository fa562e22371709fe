"""Field limits hold alike on SQLite and PostgreSQL, in forms, the API and imports: a Chinese message, never a 500."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from jixiao.domain import limits
from jixiao.web.records import models as db
from jixiao.web.records.models import Department, Project
from tests.web.test_editing import form_data

pytestmark = pytest.mark.django_db


def _max_length(model: type[Any], name: str) -> int:
    return int(model._meta.get_field(name).max_length)


def test_the_text_limits_are_the_database_columns() -> None:
    pairs = [
        (db.Department, {"code": "code", "name": "name"}, limits.DEPARTMENT_TEXT),
        (db.Department, {"title": "title", "amount_unit": "amount_unit"}, limits.DOCUMENT_TEXT),
        (db.Project, {"code": "code", "name": "name", "title": "title"}, limits.PROJECT_TEXT),
        (db.Project, {"code": "unit_code", "name": "unit_name"}, limits.UNIT_TEXT),
        (db.Indicator, {"level1": "level1", "level2": "level2", "level3": "level3"}, limits.INDICATOR_TEXT),
        (db.Indicator, {"text": "value_text", "unit": "unit"}, limits.VALUE_TEXT),
    ]
    for model, columns, table in pairs:
        for field, column in columns.items():
            assert table[field][1] == _max_length(model, column), (model, field)
    assert limits.CHECKPOINT_LABEL[1] == _max_length(db.SpendingCheckpoint, "label")
    assert limits.PART_TEXT["title"][1] == _max_length(db.SubGoal, "title") == _max_length(db.Safeguard, "title")
    assert _max_length(db.Project, "budget_total") >= limits.NUMBER_CHARACTERS


def _project(demo: dict[str, Department]) -> Project:
    return demo["seed"].projects.get(code="130304217IZ2UBLXPFIGE")


def test_a_text_past_its_limit_is_refused_in_the_form_and_kept_on_the_page(
    editor: Client, demo: dict[str, Department]
) -> None:
    project = _project(demo)
    data = form_data(editor, project)
    data["goal"] = "保障老干部生活。" * 2600
    response = editor.post(f"/projects/{project.pk}/", data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "“绩效目标”有 20800 个字符，超过了 20000 个字符的上限" in page
    assert "保障老干部生活。保障老干部生活。" in page  # what was typed is still on the page
    assert Project.objects.get(pk=project.pk).goal != data["goal"]
    data["goal"], data["name"] = "保障生活", "很长的项目名称" * 50
    response = editor.post(f"/projects/{project.pk}/", data)
    assert response.status_code == 400 and "300" in response.content.decode()  # the form's own limit


def test_a_vertical_tab_from_word_is_saved_as_a_line_break(editor: Client, demo: dict[str, Department]) -> None:
    project = _project(demo)
    data = form_data(editor, project)
    data["goal"] = "保障生活\x0b按时发放"
    assert editor.post(f"/projects/{project.pk}/", data).status_code == 302
    assert Project.objects.get(pk=project.pk).goal == "保障生活\n按时发放"
    assert editor.get(f"/projects/{project.pk}/export/docx/").status_code == 200


def test_a_nul_in_a_search_is_a_400_with_a_chinese_message(editor: Client, finance: Client) -> None:
    for client, url in ((editor, "/?q=a%00b"), (finance, "/overview/?q=%00"), (editor, "/api/departments?x=%00")):
        response = client.get(url)
        assert response.status_code == 400
        assert "空字符" in response.content.decode("utf-8")


def test_an_absurd_page_number_shows_the_last_page(finance: Client) -> None:
    assert finance.get("/overview/?page=99999999999999999999").status_code == 200


def test_a_comment_with_a_control_character_is_refused(dept: Client, demo: dict[str, Department]) -> None:
    project = _project(demo)
    response = dept.post(f"/projects/{project.pk}/comments/", {"text": "请核对\x07金额"}, follow=True)
    assert "控制字符" in response.content.decode()
    assert not db.ReviewComment.objects.exists()
