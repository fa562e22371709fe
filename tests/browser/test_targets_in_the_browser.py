"""A unit's finance officer at work in a real browser: log in, edit, review, export, import."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from jixiao.web.demo import DEMO_PASSWORD, demo_load
from jixiao.web.records.models import Department

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DOCS = Path(__file__).resolve().parents[2] / "docs" / "images"


@pytest.fixture
def seed(live_server: Any) -> Department:
    demo_load()
    return Department.objects.get(code="287001")


def log_in(page: Page, live_server: Any, username: str = "unit287001") -> None:
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_role("heading", name="我的部门")).to_be_visible()


def open_project(page: Page, name: str) -> None:
    page.get_by_role("link", name="中国共产党秦皇岛市北戴河区委员会老干部局").click()
    page.get_by_role("link", name=name).click()
    expect(page.get_by_role("heading", name=re.compile(name))).to_be_visible()


def row(page: Page, level3: str) -> Any:
    return page.locator(f'tr.indicator-row[data-indicator="{level3}"]')


def test_changing_a_rate_to_100_percent_brings_the_review_warning(
    page: Page, live_server: Any, seed: Department
) -> None:
    log_in(page, live_server)
    open_project(page, "老干部局关心下一代工作经费")
    target = row(page, "关心下一代经费发放准确率")
    expect(target.locator('[data-rule="T10"]')).to_have_count(0)
    value = target.get_by_label("指标值", exact=True)
    value.fill("≥100%")
    expect(target.locator(".preview")).to_contain_text("≥ 100")
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_text("已保存")).to_be_visible()
    expect(row(page, "关心下一代经费发放准确率").locator('[data-rule="T10"]')).to_have_count(1)


def test_a_new_row_is_added_saved_and_reviewed(page: Page, live_server: Any, seed: Department) -> None:
    log_in(page, live_server)
    open_project(page, "老干部活动经费")
    expect(page.locator("tr.indicator-row")).to_have_count(9)
    page.get_by_role("button", name="添加指标行").click()
    expect(page.locator("tr.indicator-row")).to_have_count(10)
    new = page.locator("tr.indicator-row").last
    new.locator("select").first.select_option("产出指标")
    new.locator("select").nth(1).select_option("数量指标")
    new.locator('input[name$="-level3"]').fill("组织参观学习次数")
    new.get_by_label("指标值", exact=True).fill("≥4次")
    expect(new.locator(".preview")).to_contain_text("定量")
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_text("已保存")).to_be_visible()
    expect(page.locator("tr.indicator-row")).to_have_count(10)
    expect(row(page, "组织参观学习次数")).to_be_visible()


def test_a_broken_upload_shows_where_and_why(page: Page, live_server: Any, seed: Department, tmp_path: Path) -> None:
    broken = tmp_path / "损坏的目标表.txt"
    broken.write_text("这是一段没有任何表格的文字。\n第二行。", encoding="utf-8")
    log_in(page, live_server)
    page.get_by_role("link", name="导入").click()
    page.get_by_label("目标表文件").set_input_files(str(broken))
    page.get_by_role("button", name="上传并预览").click()
    error = page.locator("[data-import-error]")
    expect(error).to_contain_text("损坏的目标表.txt")
    expect(error).to_contain_text("没有找到绩效目标表")


def test_an_outsider_sees_nothing_of_the_seed(page: Page, live_server: Any, seed: Department) -> None:
    log_in(page, live_server, "unit2")
    expect(page.get_by_text("老干部局")).to_have_count(0)
    response = page.goto(f"{live_server.url}/departments/{seed.pk}/")
    assert response is not None and response.status == 404


def test_screenshots_of_the_main_pages(page: Page, live_server: Any, seed: Department) -> None:
    DOCS.mkdir(parents=True, exist_ok=True)
    log_in(page, live_server)
    page.screenshot(path=str(DOCS / "web-home.png"))
    page.get_by_role("link", name="中国共产党秦皇岛市北戴河区委员会老干部局").click()
    expect(page.locator('[data-table="projects"] tbody tr')).to_have_count(4)
    page.screenshot(path=str(DOCS / "web-department.png"), full_page=True)
    page.get_by_role("link", name="老干部局特困退休干部帮扶资金").click()
    expect(page.locator("tr.indicator-row")).to_have_count(9)
    page.screenshot(path=str(DOCS / "web-project.png"), full_page=True)
    page.get_by_role("link", name="导入").click()
    page.screenshot(path=str(DOCS / "web-import.png"))


def test_a_docx_export_imports_again_unchanged(page: Page, live_server: Any, seed: Department, tmp_path: Path) -> None:
    from jixiao.web.records import services

    before = services.department_document(seed)
    log_in(page, live_server)
    page.get_by_role("link", name="中国共产党秦皇岛市北戴河区委员会老干部局").click()
    with page.expect_download() as download:
        page.locator('[data-export="docx"]').click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    assert saved.suffix == ".docx"
    page.get_by_role("link", name="导入").click()
    page.get_by_label("目标表文件").set_input_files(str(saved))
    page.get_by_label("替换已有年度").check()
    page.get_by_role("button", name="上传并预览").click()
    expect(page.get_by_text("4 个项目、36 条指标")).to_be_visible()
    page.locator("[data-confirm-import]").click()
    expect(page.get_by_text("已导入 4 个项目")).to_be_visible()
    assert services.department_document(Department.objects.get(pk=seed.pk)) == before


def test_screenshots_of_the_workflow_and_the_public_page(page: Page, live_server: Any, seed: Department) -> None:
    from django.contrib.auth import get_user_model

    from jixiao.domain.workflow import Action
    from jixiao.web.workflow import services as workflow

    users = get_user_model().objects
    for username, action in (
        ("approver287001", Action.SUBMIT),
        ("dept", Action.APPROVE_DEPARTMENT),
        ("finance", Action.APPROVE_FINANCE),
        ("approver287001", Action.PUBLISH),
    ):
        workflow.department_act(department=seed, action=action, user=users.get(username=username))
    workflow.department_act(
        department=seed, action=Action.ADJUST, user=users.get(username="unit287001"), comment="年中调整"
    )
    DOCS.mkdir(parents=True, exist_ok=True)
    page.goto(f"{live_server.url}/public/departments/{seed.pk}/")
    expect(page.locator("[data-public-version]")).to_contain_text("第 1 版")
    page.screenshot(path=str(DOCS / "web-public.png"), full_page=True)
    log_in(page, live_server, "dept")
    page.get_by_role("link", name="通知").click()
    page.screenshot(path=str(DOCS / "web-notifications.png"))
    page.goto(f"{live_server.url}/departments/{seed.pk}/history/?a=1&b=current")
    expect(page.locator("[data-changes]")).to_be_visible()
    page.screenshot(path=str(DOCS / "web-history.png"), full_page=True)


def test_the_grid_moves_with_enter_and_arrows_and_saves_with_ctrl_s(
    page: Page, live_server: Any, seed: Department
) -> None:
    """The usability report: Enter in a cell saved the whole form ("10人" became "10人0"). Enter now moves down a row,
    arrows move between rows and cells, Ctrl+S saves, and leaving with unsaved edits asks first."""
    log_in(page, live_server)
    open_project(page, "老干部活动经费")
    rows = page.locator("tr.indicator-row")
    first = rows.nth(0).get_by_label("指标值", exact=True)
    second = rows.nth(1).get_by_label("指标值", exact=True)
    first.click()
    first.press("End")
    first.press("Enter")
    expect(second).to_be_focused()  # moved down, nothing submitted
    expect(page.get_by_text("已保存")).to_have_count(0)
    second.press("Shift+Enter")
    expect(first).to_be_focused()
    first.press("ArrowDown")
    expect(second).to_be_focused()
    level3 = rows.nth(1).locator('input[name$="-level3"]')
    second.press("Home")
    second.press("ArrowLeft")  # at the start of the text: the cell to the left (the description, then 三级指标)
    page.keyboard.press("Shift+Tab")
    expect(level3).to_be_focused()
    level3.fill("参观学习次数（改）")
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.dismiss()))
    page.get_by_role("link", name="首页").first.click()
    assert dialogs == ["beforeunload"]  # unsaved edits: the browser asks before leaving
    level3.press("Control+s")
    expect(page.get_by_text("已保存")).to_be_visible()
    expect(row(page, "参观学习次数（改）")).to_be_visible()


def test_ten_rows_pasted_from_excel_become_ten_rows_of_the_grid(page: Page, live_server: Any, seed: Department) -> None:
    log_in(page, live_server)
    open_project(page, "老干部活动经费")
    rows = page.locator("tr.indicator-row")
    expect(rows).to_have_count(9)
    lines = ["产出指标\t数量指标\t参观学习次数\t≥4次"]
    lines += [f"\t\t座谈会场次{n}\t≥{n}场" for n in range(1, 9)]
    lines += ["满意度指标\t服务对象满意度指标\t老干部满意度\t≥90%\t按问卷统计"]  # a fifth cell: reported, not placed
    cell = rows.last.locator('input[name$="-level3"]')
    cell.click()
    page.evaluate(
        """(text) => {
            const data = new DataTransfer();
            data.setData("text/plain", text);
            document.activeElement.dispatchEvent(new ClipboardEvent("paste", {clipboardData: data, bubbles: true}));
        }""",
        "\r\n".join(lines) + "\r\n",
    )
    expect(rows).to_have_count(19)
    expect(page.locator("[data-paste-note]")).to_contain_text("按问卷统计")
    tenth = rows.nth(17)
    expect(tenth.locator('input[name$="-level3"]')).to_have_value("座谈会场次8")
    expect(tenth.locator("select").first).to_have_value("产出指标")  # the merged level cells continue the group
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_text("已保存")).to_be_visible()
    expect(page.locator("tr.indicator-row")).to_have_count(19)
