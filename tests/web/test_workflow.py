"""The target set's way through review: submit, return, resubmit, approvals, publication and an adjustment."""

from __future__ import annotations

import pytest
from django.test import Client

from jixiao.web.records import services
from jixiao.web.records.models import Department, Notification, TargetVersion
from tests.web.test_editing import form_data

pytestmark = pytest.mark.django_db


def act(client: Client, department: Department, action: str, comment: str = "") -> str:
    data = {"comment": comment, "confirmed": "yes"}  # as posted from the confirmation page where one is shown
    response = client.post(f"/departments/{department.pk}/act/{action}/", data, follow=True)
    assert response.status_code == 200
    return response.content.decode()


def state(department: Department) -> str:
    return Department.objects.get(pk=department.pk).state


def test_the_seed_walks_the_whole_way_and_an_adjustment_keeps_the_published_version_public(
    editor: Client, approver: Client, dept: Client, finance: Client, demo: dict[str, Department]
) -> None:
    seed = demo["seed"]
    project = seed.projects.get(code="130304217IZ2UBLXPFIGE")
    assert "您的角色不能执行" in act(editor, seed, "submit")  # an editor prepares; the unit's approver submits
    act(approver, seed, "submit")
    assert state(seed) == "submitted"
    assert editor.post(f"/projects/{project.pk}/", form_data(editor, project)).status_code == 403  # frozen
    assert "需要填写意见" in act(dept, seed, "return")
    act(dept, seed, "return", "“自己使用效益”应为“资金使用效益”，成本指标方向写反。")
    assert state(seed) == "returned"
    assert Notification.objects.filter(user__username="unit287001", text__contains="退回修改").exists()
    data = form_data(editor, project)
    data["indicators-3-value_text"] = "≤5万元"
    assert editor.post(f"/projects/{project.pk}/", data).status_code == 302
    act(approver, seed, "submit")
    act(dept, seed, "approve_department")
    assert state(seed) == "dept_approved"
    assert "您的角色不能执行" in act(dept, seed, "approve_finance")
    act(finance, seed, "approve_finance")
    assert state(seed) == "finance_approved"
    assert Client().get(f"/public/departments/{seed.pk}/").status_code == 404  # approved is not yet published
    act(approver, seed, "publish")
    assert state(seed) == "published"
    public = Client().get(f"/public/departments/{seed.pk}/").content.decode()
    assert "≤5万元" in public and "老干部局劳务派遣人员经费" in public

    act(editor, seed, "adjust", "年中预算调整：活动经费增加 2 万元。")
    assert (state(seed), Department.objects.get(pk=seed.pk).version) == ("draft", 2)
    data = form_data(editor, project)
    data["budget_total"] = "7.00"
    assert editor.post(f"/projects/{project.pk}/", data).status_code == 302
    act(approver, seed, "submit")
    public = Client().get(f"/public/departments/{seed.pk}/").content.decode()
    assert 'data-public-version="1"' in public  # the published version stays public during the adjustment
    assert "7.00" not in public
    history = editor.get(f"/departments/{seed.pk}/history/", {"a": "1", "b": "current"}).content.decode()
    assert "项目“老干部局关心下一代工作经费”：预算数：“5.00” → “7.00”" in history
    assert TargetVersion.objects.filter(department=seed).count() == 1


def test_review_errors_block_submission(approver: Client, demo: dict[str, Department]) -> None:
    seed = demo["seed"]
    project = seed.projects.first()
    assert project is not None
    content = services.project_document(project)
    content.indicators = [i for i in content.indicators if i.level1 != "满意度指标"]  # T2: a level-1 is missing
    services.project_save(project=project, content=content, base_revision=project.revision)
    page = act(approver, seed, "submit")
    assert "须修改后才能提交" in page
    assert state(seed) == "draft"


def test_a_withheld_project_is_not_exposed_on_the_public_page(
    approver: Client, dept: Client, finance: Client, demo: dict[str, Department]
) -> None:
    seed = demo["seed"]
    project = seed.projects.get(code="13030421X9KKCDI4024X6")
    refused = approver.post(f"/projects/{project.pk}/publication/", {"publish": "no", "reason": ""}, follow=True)
    assert "须写明理由" in refused.content.decode()
    approver.post(f"/projects/{project.pk}/publication/", {"publish": "no", "reason": "涉及个人信息"})
    for client, action in ((approver, "submit"), (dept, "approve_department"), (finance, "approve_finance")):
        act(client, seed, action)
    act(approver, seed, "publish")
    anonymous = Client()
    page = anonymous.get(f"/public/departments/{seed.pk}/").content.decode()
    assert "老干部活动经费" in page
    assert "劳务派遣" not in page
    for fmt in ("json", "html", "docx"):
        download = anonymous.get(f"/public/departments/{seed.pk}/download/{fmt}/")
        assert download.status_code == 200
        assert "劳务派遣".encode() not in download.content or fmt == "docx"
    from jixiao.formats import read_bytes

    document = read_bytes(anonymous.get(f"/public/departments/{seed.pk}/download/docx/").content).document
    assert [p.code for p in document.projects] == [
        "130304217IZ2UBLXPFIGE",
        "130304219BN52UPM55EI7",
        "13030421LP5A2WUGC1RUX",
    ]
    assert "老干部局" in anonymous.get("/public/").content.decode()


def test_the_todo_list_shows_what_awaits_each_persona(
    editor: Client, approver: Client, dept: Client, finance: Client, demo: dict[str, Department]
) -> None:
    seed = demo["seed"]

    def listed(client: Client) -> bool:
        return 'data-todo="287001"' in client.get("/todo/").content.decode()

    assert listed(approver) and not listed(dept) and not listed(finance)
    act(approver, seed, "submit")
    assert listed(dept) and not listed(approver)
    act(dept, seed, "return", "请补充指标值确定依据。")
    assert listed(editor)
    assert "returned" in editor.get("/todo/").content.decode()
    notifications = editor.get("/notifications/").content.decode()
    assert "请补充指标值确定依据" in notifications
    assert 'data-unread="0"' not in notifications
    editor.post("/notifications/")
    assert 'data-unread="0"' in editor.get("/notifications/").content.decode()


def test_reviewers_comment_on_an_indicator_and_editors_cannot(
    editor: Client, dept: Client, demo: dict[str, Department]
) -> None:
    project = demo["seed"].projects.get(code="130304219BN52UPM55EI7")
    dept.post(f"/projects/{project.pk}/comments/", {"indicator": "自己使用效益", "text": "疑为“资金使用效益”。"})
    page = editor.get(f"/projects/{project.pk}/").content.decode()
    assert "指标“自己使用效益”：疑为“资金使用效益”。" in page
    refused = editor.post(f"/projects/{project.pk}/comments/", {"text": "自己批准"})
    assert refused.status_code == 403 and "没有权限" in refused.content.decode()


def test_the_auditor_reads_everything_and_changes_nothing(auditor: Client, demo: dict[str, Department]) -> None:
    seed = demo["seed"]
    project = seed.projects.first()
    assert project is not None
    home = auditor.get("/").content.decode()
    assert "老干部局" in home and "河西市生态环境局" in home
    assert auditor.get(f"/projects/{project.pk}/").status_code == 200
    assert auditor.post(f"/projects/{project.pk}/", {"name": "x"}).status_code == 403
    assert "您的角色不能执行" in act(auditor, seed, "submit")
    assert auditor.delete(f"/api/projects/{project.pk}").status_code == 403


def test_every_change_and_workflow_action_is_on_the_audit_trail_and_the_chain_verifies(
    editor: Client, approver: Client, dept: Client, demo: dict[str, Department]
) -> None:
    from jixiao.web.audit.models import AuditEntry
    from jixiao.web.audit.services import audit_verify

    seed = demo["seed"]
    project = seed.projects.get(code="130304217IZ2UBLXPFIGE")
    data = form_data(editor, project)
    data["indicators-1-value_text"] = "≥100%"
    editor.post(f"/projects/{project.pk}/", data)
    act(approver, seed, "submit")
    act(dept, seed, "return", "请修改")
    act(approver, seed, "submit")
    entries = list(AuditEntry.objects.order_by("seq").values_list("action", "username"))
    assert ("jixiao.project.saved", "unit287001") in entries
    assert [a for a, _ in entries if a.startswith("jixiao.department.") and a != "jixiao.department.imported"] == [
        "jixiao.department.submitted",
        "jixiao.department.returned",
        "jixiao.department.resubmitted",
    ]
    saved = AuditEntry.objects.get(action="jixiao.project.saved")
    assert "≥99%" in saved.before and "≥100%" in saved.after
    assert audit_verify().ok


def test_withholding_after_publication_hides_the_project_at_once_and_publishing_shows_it_again(
    approver: Client, dept: Client, finance: Client, demo: dict[str, Department]
) -> None:
    seed = demo["seed"]
    for client, action in ((approver, "submit"), (dept, "approve_department"), (finance, "approve_finance")):
        act(client, seed, action)
    act(approver, seed, "publish")
    project = seed.projects.get(code="13030421X9KKCDI4024X6")
    anonymous = Client()

    def public() -> tuple[str, str]:
        page = anonymous.get(f"/public/departments/{seed.pk}/").content.decode()
        return page, anonymous.get(f"/public/departments/{seed.pk}/download/json/").content.decode()

    assert all("劳务派遣" in text for text in public())
    approver.post(f"/projects/{project.pk}/publication/", {"publish": "no", "reason": "涉及个人信息"})
    assert not any("劳务派遣" in text for text in public())
    approver.post(f"/projects/{project.pk}/publication/", {"publish": "yes"})
    assert all("劳务派遣" in text for text in public())


def test_irreversible_steps_are_confirmed_on_a_page_that_says_what_they_do(
    approver: Client, dept: Client, finance: Client, demo: dict[str, Department]
) -> None:
    seed = demo["seed"]
    act(approver, seed, "submit")
    page = dept.get(f"/departments/{seed.pk}/").content.decode()
    assert f'href="/departments/{seed.pk}/act/approve_department/"' in page  # a link to the page, not a post
    assert 'aria-current="step"' in page and "主管部门审核通过或退回" in page  # the stepper: here, and who acts
    unconfirmed = dept.post(f"/departments/{seed.pk}/act/approve_department/", {"comment": ""})
    assert unconfirmed.status_code == 200 and "送财政部门审核，单位不能再修改" in unconfirmed.content.decode()
    assert state(seed) == "submitted"  # nothing happened without the confirmation
    act(dept, seed, "approve_department")
    assert state(seed) == "dept_approved"
    act(finance, seed, "approve_finance")
    confirm = approver.get(f"/departments/{seed.pk}/act/publish/").content.decode()
    assert "公开不能撤回" in confirm and "data-confirmed" in confirm
    act(approver, seed, "publish")
    assert state(seed) == "published"


def test_copying_to_a_new_year_takes_the_approved_version_and_names_the_texts_of_the_old_year(
    approver: Client, dept: Client, finance: Client, editor: Client, demo: dict[str, Department]
) -> None:
    """The usability report: 复制到新年度 copied the unapproved draft of an adjustment and kept year-specific text
    without a word."""
    from tests.web.test_editing import form_data

    seed = demo["seed"]
    project = seed.projects.get(code="130304217IZ2UBLXPFIGE")
    data = form_data(editor, project)
    data["goal"] = "2021年完成全部发放"
    assert editor.post(f"/projects/{project.pk}/", data).status_code == 302
    for client, action in ((approver, "submit"), (dept, "approve_department"), (finance, "approve_finance")):
        act(client, seed, action)
    act(approver, seed, "adjust", comment="调整")
    data = form_data(editor, project)
    data["goal"] = "调整中的草稿目标"
    assert editor.post(f"/projects/{project.pk}/", data).status_code == 302
    page = editor.post(f"/departments/{seed.pk}/copy/", {"year": 2022}, follow=True).content.decode()
    assert "复制的是已批准的第 1 版" in page
    assert "写有“2021年”" in page and "老干部局关心下一代工作经费" in page.split("写有“2021年”")[1]
    copy = Department.objects.get(organisation=seed.organisation, year=2022)
    goals = [services.project_document(p).goal for p in copy.projects.all()]
    assert "2021年完成全部发放" in goals and "调整中的草稿目标" not in goals


def test_after_an_adjustment_the_state_says_which_version_is_in_force(
    approver: Client, dept: Client, finance: Client, demo: dict[str, Department]
) -> None:
    """The usability report: after 发起调整 the home page said 编制中 although version 1 was published and in force."""
    seed = demo["seed"]
    for client, action in ((approver, "submit"), (dept, "approve_department"), (finance, "approve_finance")):
        act(client, seed, action)
    act(approver, seed, "publish")
    assert "第1版 已公开" in approver.get("/").content.decode()
    act(approver, seed, "adjust", comment="预算调整")
    assert "第1版 已公开（第2版 编制中）" in approver.get("/").content.decode()
    assert "第1版 已公开（第2版 编制中）" in approver.get(f"/departments/{seed.pk}/").content.decode()
