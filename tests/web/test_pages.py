"""The pages as the personas see them."""

from __future__ import annotations

import pytest
from django.test import Client

from jixiao.web.records.models import Department

pytestmark = pytest.mark.django_db


def test_the_home_page_asks_for_login() -> None:
    response = Client().get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_the_seed_editor_sees_the_seed_department_with_its_four_projects(
    editor: Client, demo: dict[str, Department]
) -> None:
    home = editor.get("/").content.decode()
    assert "中国共产党秦皇岛市北戴河区委员会老干部局" in home
    assert "河西市生态环境局" not in home
    page = editor.get(f"/departments/{demo['seed'].pk}/").content.decode()
    for code in ("130304217IZ2UBLXPFIGE", "130304219BN52UPM55EI7", "13030421LP5A2WUGC1RUX", "13030421X9KKCDI4024X6"):
        assert f'data-project="{code}"' in page
    assert "认真贯彻十九大精神" in page
    assert "规范财务资产管理。" in page
    assert "错误" in page or "警告" in page


def test_an_outsider_cannot_see_the_seed_department_or_its_projects(
    other_editor: Client, demo: dict[str, Department]
) -> None:
    seed = demo["seed"]
    project = seed.projects.first()
    assert project is not None
    assert "老干部局" not in other_editor.get("/").content.decode()
    assert "老干部局" not in other_editor.get("/?q=老干部").content.decode()
    for url in (
        f"/departments/{seed.pk}/",
        f"/projects/{project.pk}/",
        f"/departments/{seed.pk}/export/json/",
        f"/projects/{project.pk}/export/json/",
        f"/projects/{project.pk}/delete/",
    ):
        assert other_editor.get(url).status_code == 404, url
    response = other_editor.post(f"/projects/{project.pk}/", {"name": "篡改"})
    assert response.status_code == 404


def test_the_finance_reviewer_sees_both_units_but_cannot_edit(finance: Client, demo: dict[str, Department]) -> None:
    home = finance.get("/").content.decode()
    assert "老干部局" in home and "河西市生态环境局" in home
    project = demo["seed"].projects.first()
    assert project is not None
    page = finance.get(f"/projects/{project.pk}/").content.decode()
    assert "data-save" not in page
    assert finance.post(f"/projects/{project.pk}/", {"name": "x"}).status_code == 403


def test_the_project_page_shows_findings_beside_the_rows_they_concern(
    editor: Client, demo: dict[str, Department]
) -> None:
    project = demo["seed"].projects.get(code="130304219BN52UPM55EI7")
    page = editor.get(f"/projects/{project.pk}/").content.decode()
    row_start = page.index('data-indicator="自己使用效益"')
    row = page[row_start : page.index("</tr>", row_start)]
    assert "finding" in row and "资金使用效益" in row
    assert 'value="≥100%"' in page


def test_search_finds_a_project_by_name(editor: Client) -> None:
    page = editor.get("/?q=劳务派遣").content.decode()
    assert "老干部局劳务派遣人员经费" in page


def test_the_value_preview_explains_what_was_typed(editor: Client) -> None:
    assert "定量：≥ 99 单位“%”" in editor.get("/fragments/value/", {"text": "≧９９％"}).content.decode()
    assert "时限" in editor.get("/fragments/value/", {"text": "12月底前"}).content.decode()
    assert "定性" in editor.get("/fragments/value/", {"text": "效果明显"}).content.decode()


def test_the_json_download_equals_the_cli_import(editor: Client, demo: dict[str, Department]) -> None:
    from jixiao.formats import canonical, read_path
    from tests.conftest import SEED

    response = editor.get(f"/departments/{demo['seed'].pk}/export/json/")
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    assert response.content.decode() == canonical.to_json(read_path(SEED).document)


@pytest.mark.parametrize("fmt", ["docx", "xlsx", "pdf", "html"])
def test_every_download_reads_back_as_the_same_document(editor: Client, demo: dict[str, Department], fmt: str) -> None:
    from jixiao.formats import canonical, read_bytes, read_path
    from tests.conftest import SEED

    response = editor.get(f"/departments/{demo['seed'].pk}/export/{fmt}/")
    assert response.status_code == 200
    assert f".{fmt}" in response["Content-Disposition"]
    back = read_bytes(response.content, name=f"x.{fmt}").document
    assert canonical.to_json(back) == canonical.to_json(read_path(SEED).document)


def test_a_project_download_holds_only_that_project(editor: Client, demo: dict[str, Department]) -> None:
    from jixiao.formats import read_bytes

    project = demo["seed"].projects.get(code="13030421LP5A2WUGC1RUX")
    response = editor.get(f"/projects/{project.pk}/export/docx/")
    document = read_bytes(response.content, name="p.docx").document
    assert [p.code for p in document.projects] == ["13030421LP5A2WUGC1RUX"]
    assert editor.get(f"/projects/{project.pk}/export/exe/").status_code == 404


def test_the_home_page_shows_each_department_state(
    editor: Client, approver: Client, demo: dict[str, Department]
) -> None:
    assert 'data-state="draft">编制中' in editor.get("/").content.decode()
    approver.post(f"/departments/{demo['seed'].pk}/act/submit/")
    assert "已提交，待主管部门审核" in editor.get("/").content.decode()


def test_an_unknown_address_gets_a_chinese_page_with_a_way_back(editor: Client) -> None:
    response = editor.get("/no-such-page/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "<title>页面不存在 · 绩效目标管理</title>" in page and "返回首页" in page


def test_the_workflow_history_names_actions_and_states_in_chinese(
    editor: Client, approver: Client, demo: dict[str, Department]
) -> None:
    approver.post(f"/departments/{demo['seed'].pk}/act/submit/")
    page = editor.get(f"/departments/{demo['seed'].pk}/history/").content.decode()
    assert ">提交审核</td>" in page and "编制中 → 已提交，待主管部门审核" in page
    assert "draft →" not in page


def test_the_site_has_its_own_favicon() -> None:
    from django.test import Client

    response = Client().get("/favicon.ico")
    assert response.status_code == 301 and response["Location"].endswith("/static/jixiao/favicon.svg")
    icon = Client().get(response["Location"])
    assert icon.status_code == 200 and b"<svg" in b"".join(icon.streaming_content)  # type: ignore[attr-defined]


def test_people_appear_by_name_and_unit_not_by_login(dept: Client, demo: dict[str, Department]) -> None:
    from jixiao.web.records.models import Project

    project = Project.objects.get(code="130304217IZ2UBLXPFIGE")
    dept.post(f"/projects/{project.pk}/comments/", {"text": "请补充测算依据"})
    page = dept.get(f"/projects/{project.pk}/").content.decode()
    assert "赵敏（中国共产党秦皇岛市北戴河区委员会老干部局）" in page  # the comment's author
    assert ">赵敏<" in page  # the header
    assert "· dept ·" not in page and "· dept：" not in page
