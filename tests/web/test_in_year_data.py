"""In-year data is never lost: a project holding payments, monitoring or a self-evaluation cannot be deleted, and
replacing a department's targets keeps each such project (and its data) in place or refuses, writing nothing."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal as D
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from jixiao.domain import model as domain
from jixiao.formats import canonical, read_path
from jixiao.web.audit.models import AuditEntry
from jixiao.web.monitoring.models import Evaluation, MonitoringReport, MonitoringRow, Payment
from jixiao.web.records import import_plan, services
from jixiao.web.records.models import Department, Project
from tests.conftest import SEED

pytestmark = pytest.mark.django_db

CARE = "130304217IZ2UBLXPFIGE"  # 老干部局关心下一代工作经费: 4 payments, July monitoring and a self-evaluation (demo)
HELP = "130304219BN52UPM55EI7"  # 老干部局特困退休干部帮扶资金


def seed_project(demo: dict[str, Department], code: str = CARE) -> Project:
    return demo["seed"].projects.get(code=code)


def in_year_rows(department: Department) -> list[tuple[int, int, int, int]]:
    """Per project id: payments, monitoring rows, self-evaluation rows, all of the department's."""
    return [
        (
            row.pk,
            Payment.objects.filter(project=row).count(),
            MonitoringRow.objects.filter(report__project=row).count(),
            Evaluation.objects.filter(project=row).values_list("rows").count(),
        )
        for row in department.projects.order_by("pk")
    ]


def blank_project(department: Department, name: str = "新建项目") -> Project:
    return services.project_create(department=department, content=domain.Project(code=None, name=name))


def seed_document() -> domain.TargetDocument:
    return read_path(SEED).document


# -- deleting a project -------------------------------------------------------------------------------------------


def test_a_project_with_in_year_data_is_not_deleted_from_the_page(editor: Client, demo: dict[str, Department]) -> None:
    row = seed_project(demo)
    before = in_year_rows(demo["seed"])
    response = editor.post(f"/projects/{row.pk}/delete/", follow=True)
    page = response.content.decode()
    assert response.redirect_chain == [(f"/projects/{row.pk}/", 302)]
    assert "不能删除项目“老干部局关心下一代工作经费”（编码 130304217IZ2UBLXPFIGE）" in page
    assert "支付记录 4 笔" in page and "绩效监控 1 期" in page and "绩效自评 1 份" in page
    assert "设为不公开" in page and "删除其支付记录" in page
    assert in_year_rows(demo["seed"]) == before
    assert not AuditEntry.objects.filter(action="jixiao.project.deleted").exists()


def test_the_delete_page_explains_the_refusal_and_offers_no_button(editor: Client, demo: dict[str, Department]) -> None:
    page = editor.get(f"/projects/{seed_project(demo).pk}/delete/").content.decode()
    assert "data-delete-refused" in page and "支付记录 4 笔" in page
    assert "确认删除" not in page


def test_the_api_answers_409_with_the_reason_and_keeps_the_project(editor: Client, demo: dict[str, Department]) -> None:
    row = seed_project(demo, HELP)
    response = editor.delete(f"/api/projects/{row.pk}")
    assert response.status_code == 409
    body = json.loads(response.content)
    assert body["code"] == "web.project_has_data"
    assert "支付记录 2 笔" in body["error"] and "绩效监控 1 期" in body["error"]
    assert Project.objects.filter(pk=row.pk).exists() and Payment.objects.filter(project=row).count() == 2


@pytest.mark.parametrize("kind", ["payment", "report", "evaluation"])
def test_any_one_kind_of_in_year_data_is_enough_to_refuse(kind: str, demo: dict[str, Department]) -> None:
    row = blank_project(demo["seed"])
    if kind == "payment":
        Payment.objects.create(project=row, date=dt.date(2021, 3, 1), amount=D("100.00"))
        expected = "支付记录 1 笔"
    elif kind == "report":
        report = MonitoringReport.objects.create(project=row, month=6)
        MonitoringRow.objects.create(report=report, key="老旧指标#0", current="3人")
        expected = "绩效监控 1 期（1 条指标记录）"
    else:
        Evaluation.objects.create(project=row, total=D("90"), grade="优")
        expected = "绩效自评 1 份（0 条指标记录）"
    with pytest.raises(services.InYearDataError) as refused:
        services.project_delete(project=row)
    assert refused.value.code == "web.project_has_data" and expected in str(refused.value)
    assert Project.objects.filter(pk=row.pk).exists()


def test_a_project_without_in_year_data_is_deleted_as_before(editor: Client, demo: dict[str, Department]) -> None:
    by_page, by_api = blank_project(demo["seed"], "页面删除"), blank_project(demo["seed"], "接口删除")
    assert editor.post(f"/projects/{by_page.pk}/delete/").status_code == 302
    assert editor.delete(f"/api/projects/{by_api.pk}").status_code == 204
    assert not Project.objects.filter(pk__in=[by_page.pk, by_api.pk]).exists()


# -- replacing a department's targets -----------------------------------------------------------------------------


def replace(demo: dict[str, Department], document: domain.TargetDocument) -> Department:
    return services.department_import(document=document, organisation=demo["seed"].organisation, replace=True)


def test_a_re_import_keeps_every_project_its_id_and_its_in_year_data(demo: dict[str, Department]) -> None:
    seed = demo["seed"]
    before = in_year_rows(seed)
    document = seed_document()
    document.projects[0].name = "老干部局关心下一代工作经费（调整）"
    document.projects[0].budget = domain.Budget(total=D("6.00"))
    replace(demo, document)
    assert in_year_rows(seed) == before  # same project ids, same payments, monitoring and self-evaluation
    row = seed_project(demo)
    assert row.name == "老干部局关心下一代工作经费（调整）" and row.budget_total == D("6.00")
    assert services.department_document(Department.objects.get(pk=seed.pk)) == document
    entry = AuditEntry.objects.filter(action="jixiao.department.imported").order_by("seq").last()
    assert entry is not None
    params = json.loads(entry.params)
    assert params["updated"] == 4 and params["deleted"] == 0 and row.pk in params["kept_in_year_data"]
    assert not AuditEntry.objects.filter(action="jixiao.payment.deleted").exists()


def test_a_re_import_keeps_the_publication_choice_and_the_review_comments(demo: dict[str, Department]) -> None:
    from jixiao.web.records.models import ReviewComment

    row = seed_project(demo)
    Project.objects.filter(pk=row.pk).update(publish=False, withhold_reason="涉密")
    ReviewComment.objects.create(department=demo["seed"], project=row, version=1, text="请细化数量指标")
    replace(demo, seed_document())
    row.refresh_from_db()
    assert (row.publish, row.withhold_reason) == (False, "涉密")
    assert row.comments.get().text == "请细化数量指标"


def test_a_re_import_that_drops_a_project_with_in_year_data_is_refused_and_writes_nothing(
    demo: dict[str, Department],
) -> None:
    seed = demo["seed"]
    before, rows = services.department_document(seed), in_year_rows(seed)
    document = seed_document()
    dropped = next(p for p in document.projects if p.code == CARE)
    document.projects.remove(dropped)
    document.projects[0].name = "改了也不写入"
    with pytest.raises(services.InYearDataError) as refused:
        replace(demo, document)
    assert refused.value.code == "web.import_loses_data"
    assert "“老干部局关心下一代工作经费”（编码 130304217IZ2UBLXPFIGE）：支付记录 4 笔" in str(refused.value)
    assert "未导入（没有写入任何内容）" in str(refused.value)
    assert services.department_document(Department.objects.get(pk=seed.pk)) == before
    assert in_year_rows(seed) == rows


def test_a_project_without_in_year_data_is_dropped_and_a_new_one_created(demo: dict[str, Department]) -> None:
    seed = demo["seed"]
    extra = blank_project(seed, "临时项目")
    document = seed_document()
    document.projects.append(domain.Project(code="NEW0001", name="新增项目"))
    replace(demo, document)
    assert not Project.objects.filter(pk=extra.pk).exists()
    names = list(Department.objects.get(pk=seed.pk).projects.order_by("position").values_list("name", flat=True))
    assert names == [p.name for p in document.projects]


def test_projects_without_a_code_are_matched_by_name(demo: dict[str, Department]) -> None:
    seed = demo["seed"]
    row = blank_project(seed, "无编码项目")
    Payment.objects.create(project=row, date=dt.date(2021, 5, 1), amount=D("10.00"))
    document = seed_document()
    document.projects.append(domain.Project(code=None, name="无编码项目", goal="补充目标"))
    replace(demo, document)
    row.refresh_from_db()
    assert row.goal == "补充目标" and row.payments.count() == 1


def test_a_project_whose_code_the_file_lost_is_matched_by_its_name(demo: dict[str, Department]) -> None:
    row = seed_project(demo)
    document = seed_document()
    document.projects[0].code = None  # the reader warns "没有项目编码"; the name still says which project it is
    replace(demo, document)
    row.refresh_from_db()
    assert row.code is None and row.payments.count() == 4


def test_two_different_codes_never_match_even_with_the_same_name(demo: dict[str, Department]) -> None:
    document = seed_document()
    document.projects[0].code = "OTHER0001"
    with pytest.raises(services.InYearDataError):
        replace(demo, document)


def test_the_plan_matches_codes_first_and_each_project_once(demo: dict[str, Department]) -> None:
    seed = demo["seed"]
    existing = list(seed.projects.order_by("position"))
    projects = [
        domain.Project(code=None, name=existing[1].name),
        domain.Project(code=existing[1].code, name="改名"),
        domain.Project(code=existing[1].code, name="重复编码"),
    ]
    matches = import_plan.match_projects(existing, projects)
    assert matches == {1: existing[1]}


# -- the import preview -------------------------------------------------------------------------------------------


def upload(client: Client, demo: dict[str, Department], document: domain.TargetDocument) -> None:
    data = canonical.to_json(document).encode()
    file = SimpleUploadedFile("目标.json", data)
    response = client.post("/import/", {"file": file, "organisation": demo["seed"].organisation.pk, "replace": "on"})
    assert response.status_code == 302


def test_the_preview_names_the_projects_that_keep_their_data(editor: Client, demo: dict[str, Department]) -> None:
    document = seed_document()
    document.projects[0].indicators[0].level3 = "改名后的指标"
    renamed = seed_document().projects[0].indicators[0].level3
    upload(editor, demo, document)
    page = editor.get("/import/preview/").content.decode()
    assert "4 个项目原地更新" in page and "data-kept-projects" in page
    assert "支付记录 4 笔" in page and "绩效自评 1 份" in page
    assert "以下指标已不在新目标中" in page and f"{renamed}" in page
    assert "data-confirm-import" in page
    assert editor.post("/import/preview/").status_code == 302
    assert Payment.objects.filter(project__department=demo["seed"]).count() == 4 + 2 + 4 + 12


def test_the_preview_warns_of_a_refusal_and_confirming_changes_nothing(
    editor: Client, demo: dict[str, Department]
) -> None:
    seed = demo["seed"]
    before = services.department_document(seed)
    document = seed_document()
    document.projects = [p for p in document.projects if p.code != CARE]
    upload(editor, demo, document)
    page = editor.get("/import/preview/").content.decode()
    assert "data-import-refused" in page and "老干部局关心下一代工作经费" in page
    assert "data-confirm-import" not in page
    done: Any = editor.post("/import/preview/", follow=True)
    assert "未导入（没有写入任何内容）" in done.content.decode()
    assert services.department_document(Department.objects.get(pk=seed.pk)) == before


def test_a_copy_to_a_new_year_leaves_the_in_year_data_where_it_was(demo: dict[str, Department]) -> None:
    seed = demo["seed"]
    before = in_year_rows(seed)
    copy = services.department_copy_to_year(department=seed, year=2022)
    assert in_year_rows(seed) == before
    assert not Payment.objects.filter(project__department=copy).exists()


# -- entries whose indicator was renamed --------------------------------------------------------------------------


def test_entries_of_a_renamed_indicator_are_listed_not_hidden(editor: Client, demo: dict[str, Department]) -> None:
    row = seed_project(demo)
    document = seed_document()
    content = next(p for p in document.projects if p.code == CARE)
    old = content.indicators[0].level3
    content.indicators[0].level3 = "改名后的指标"
    replace(demo, document)
    stored = MonitoringRow.objects.get(report__project=row, key=f"{old}#0")
    monitoring = editor.get(f"/projects/{row.pk}/monitoring/?month=7").content.decode()
    assert "以下 1 条监控记录的指标已不在目标中" in monitoring and "data-orphan-rows" in monitoring
    assert f"<td>{old}</td><td>{stored.current}</td>" in monitoring
    evaluation = editor.get(f"/projects/{row.pk}/evaluation/").content.decode()
    assert "以下 1 条自评记录的指标已不在目标中" in evaluation and f"<td>{old}</td>" in evaluation


def test_a_key_reads_as_the_indicator_and_its_namesake() -> None:
    from jixiao.web.monitoring.selectors import key_label

    assert [key_label(key) for key in ("受益人数#0", "受益人数#1", "#0", "无序号")] == [
        "受益人数",
        "受益人数（第 2 个同名指标）",
        "（未命名指标）",
        "无序号",
    ]
