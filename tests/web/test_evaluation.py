"""Self-evaluation in the web application: actuals, weights, chosen scores and not-applicable rows scored by the
domain engine under the site's profile, the draft report, the 自评表 downloads, and who may do what."""

from __future__ import annotations

import io
import re
import subprocess
from decimal import Decimal as D
from typing import Any

import pytest
from django.test import Client

from jixiao.domain.scoring import Funds, IndicatorActual, SelfEvaluation, score_evaluation
from jixiao.domain.workflow import State
from jixiao.formats.selfeval import read_selfeval_bytes
from jixiao.web.audit.models import AuditEntry
from jixiao.web.monitoring import selectors
from jixiao.web.monitoring.models import Evaluation
from jixiao.web.records import services
from jixiao.web.records.models import Department, Project

pytestmark = pytest.mark.django_db

CARE = "130304217IZ2UBLXPFIGE"  # 老干部局关心下一代工作经费: the demo's saved self-evaluation (5.00 万元, 4.90 paid)
HELP = "130304219BN52UPM55EI7"  # 老干部局特困退休干部帮扶资金: none saved (5.00 万元, 3.80 paid)


def project(demo: dict[str, Department], code: str = HELP) -> Project:
    return demo["seed"].projects.get(code=code)


def text(response: Any) -> str:
    return response.content.decode()


def post_data(row: Project, rows: dict[int, dict[str, Any]], **funds: Any) -> dict[str, Any]:
    """A complete self-evaluation form: each row's actual is its target's number unless given."""
    content = services.project_document(row)
    keys = selectors.indicator_keys(content.indicators)
    stored = Evaluation.objects.filter(project=row).first()
    post: dict[str, Any] = {
        "revision": stored.revision if stored else 0,
        "report": "",
        "rows-TOTAL_FORMS": len(keys),
        "rows-INITIAL_FORMS": len(keys),
        **funds,
    }
    for index, (key, indicator) in enumerate(zip(keys, content.indicators, strict=True)):
        post[f"rows-{index}-key"] = key
        post[f"rows-{index}-actual"] = indicator.value.text.lstrip("≥≤<>=")
        for name, value in rows.get(index, {}).items():
            post[f"rows-{index}-{name}"] = value
    return post


def engine(row: Project, actuals: list[IndicatorActual], executed: D, budget: D = D("5.00")) -> Any:
    content = services.project_document(row)
    evaluation = SelfEvaluation(content, Funds(initial=budget, budget=budget, executed=executed), actuals)
    return score_evaluation(evaluation)


def test_the_scores_shown_are_the_domain_engines(finance: Client, demo: dict[str, Department]) -> None:
    row = project(demo, CARE)
    content = services.project_document(row)
    actuals = [IndicatorActual(actual=i.value.text.lstrip("≥≤<>=")) for i in content.indicators]
    actuals[0] = IndicatorActual(actual="49人", reason="迁出")
    ours = engine(row, actuals, executed=D("4.90"))
    page = text(finance.get(f"/projects/{row.pk}/evaluation/"))
    shown = re.findall(r"data-score>([^<]+)<", page)
    assert shown == [str(scored.score) for scored in ours.indicators]
    assert f"<strong data-total>{ours.total}</strong>" in page and ours.total == D("99.55")
    assert f'data-grade class="grade g-excellent">{ours.grade.value}<' in page
    assert "留空取支付记录合计 4.90" in page and ">98.00%<" in page  # executed defaults to the payments


def test_saving_actuals_scores_them_stores_total_and_grade_and_audits(
    editor: Client, demo: dict[str, Department]
) -> None:
    row = project(demo)
    response = editor.post(
        f"/projects/{row.pk}/evaluation/", post_data(row, {0: {"actual": "8人", "reason": "2人去世"}})
    )
    assert response.status_code == 302
    stored = Evaluation.objects.get(project=row)
    content = services.project_document(row)
    actuals = [IndicatorActual(actual=i.value.text.lstrip("≥≤<>=")) for i in content.indicators]
    actuals[0] = IndicatorActual(actual="8人", reason="2人去世")
    ours = engine(row, actuals, executed=D("3.80"))
    assert (stored.total, stored.grade) == (ours.total, ours.grade.value)
    assert stored.executed is None and stored.rows.get(position=0).reason == "2人去世"
    assert "2021年度老干部局特困退休干部帮扶资金绩效自评报告（草稿）" not in stored.report  # nothing was asked for
    page = text(editor.get(f"/projects/{row.pk}/evaluation/"))
    assert f"绩效自评已保存：总分 {ours.total} 分" in page
    entry = AuditEntry.objects.filter(action="jixiao.evaluation.saved").order_by("seq").last()
    assert entry is not None and f'"total":"{ours.total}"' in entry.params.replace(" ", "")


def test_the_executed_amount_and_weights_can_be_overridden(editor: Client, demo: dict[str, Department]) -> None:
    row = project(demo)
    weights = {index: {"weight": "10"} for index in range(9)}
    post = post_data(row, weights, executed="2.5", budget="5")
    assert editor.post(f"/projects/{row.pk}/evaluation/", post).status_code == 302
    stored = Evaluation.objects.get(project=row)
    assert stored.executed == D("2.5") and stored.total == D("95.00")  # 2.5/5 × 10 = 5 + 9 × 10
    page = text(editor.get(f"/projects/{row.pk}/evaluation/"))
    assert "data-execution-score>5.00<" in page


def test_a_chosen_score_outside_its_band_is_refused_naming_the_row(editor: Client, demo: dict[str, Department]) -> None:
    row = project(demo)
    # a word on a quantitative target is graded: 部分达成 lies in [0.6w, 0.8w) = [7.50, 10.00) of the default 12.50
    post = post_data(row, {0: {"actual": "部分达成", "score": "12.5"}})
    response = editor.post(f"/projects/{row.pk}/evaluation/", post)
    page = text(response)
    assert response.status_code == 400
    assert "第 1 行指标“保障特困老干部数量”：完成情况为“部分达成年度指标并具有一定效果”，评分人得分应在" in page
    assert "填写的是 12.5 分" in page
    assert not Evaluation.objects.filter(project=row).exists()
    post = post_data(row, {0: {"actual": "部分达成", "score": "9"}})
    assert editor.post(f"/projects/{row.pk}/evaluation/", post).status_code == 302
    assert "9" in text(editor.get(f"/projects/{row.pk}/evaluation/")).split("data-score>")[1][:6]


def test_a_not_applicable_row_is_left_out_and_the_rest_rescaled(editor: Client, demo: dict[str, Department]) -> None:
    row = project(demo)
    post = post_data(row, {8: {"not_applicable": "on"}}, executed="5")
    assert editor.post(f"/projects/{row.pk}/evaluation/", post).status_code == 302
    page = text(editor.get(f"/projects/{row.pk}/evaluation/"))
    assert page.split("data-score>")[9].startswith("不适用") and 'data-code="score.rescaled"' in page
    assert Evaluation.objects.get(project=row).total == D("100.00")


def test_a_stale_self_evaluation_is_not_overwritten(
    editor: Client, approver: Client, demo: dict[str, Department]
) -> None:
    row = project(demo)
    first = post_data(row, {})
    assert approver.post(f"/projects/{row.pk}/evaluation/", first).status_code == 302
    response = editor.post(f"/projects/{row.pk}/evaluation/", {**first, "executed": "1"})
    assert response.status_code == 409 and "approver287001 在您打开此页后已保存了本项目的绩效自评" in text(response)
    assert Evaluation.objects.get(project=row).executed is None


def test_indicators_changed_since_the_page_was_opened_are_refused(editor: Client, demo: dict[str, Department]) -> None:
    row = project(demo)
    post = post_data(row, {})
    post["rows-8-key"] = "改名的指标#0"
    response = editor.post(f"/projects/{row.pk}/evaluation/", post)
    assert response.status_code == 409 and "项目的绩效指标已被修改" in text(response)


def test_wrong_numbers_are_refused_with_chinese_errors(editor: Client, demo: dict[str, Department]) -> None:
    row = project(demo)
    response = editor.post(f"/projects/{row.pk}/evaluation/", post_data(row, {2: {"weight": "十分"}}, executed="-1"))
    page = text(response)
    assert response.status_code == 400 and "“十分” 不是金额" in page and "金额不能为负数" in page


def test_the_draft_report_is_offered_saved_and_regenerated_on_request(
    editor: Client, demo: dict[str, Department]
) -> None:
    row = project(demo)
    page = text(editor.get(f"/projects/{row.pk}/evaluation/"))
    assert "2021年度老干部局特困退休干部帮扶资金绩效自评报告（草稿）" in page and "一、项目基本情况" in page
    edited = post_data(row, {}, report="我们自己写的报告。")
    assert editor.post(f"/projects/{row.pk}/evaluation/", edited).status_code == 302
    assert Evaluation.objects.get(project=row).report == "我们自己写的报告。"
    assert "我们自己写的报告。" in text(editor.get(f"/projects/{row.pk}/evaluation/"))
    again = post_data(row, {}, report="我们自己写的报告。", action="draft")
    assert editor.post(f"/projects/{row.pk}/evaluation/", again).status_code == 302
    assert Evaluation.objects.get(project=row).report.startswith(
        "2021年度老干部局特困退休干部帮扶资金绩效自评报告（草稿）"
    )


def test_approved_targets_do_not_freeze_the_self_evaluation(editor: Client, demo: dict[str, Department]) -> None:
    Department.objects.filter(pk=demo["seed"].pk).update(state=State.PUBLISHED)
    row = project(demo)
    assert editor.post(f"/projects/{row.pk}/evaluation/", post_data(row, {})).status_code == 302


@pytest.mark.parametrize("persona", ["finance", "auditor", "dept"])
def test_reviewers_and_auditors_read_but_do_not_evaluate(persona: str, demo: dict[str, Department]) -> None:
    from jixiao.web.demo import DEMO_PASSWORD

    client = Client()
    assert client.login(username=persona, password=DEMO_PASSWORD)
    row = project(demo)
    page = text(client.get(f"/projects/{row.pk}/evaluation/"))
    assert "data-save-evaluation" not in page and '<fieldset class="card" disabled>' in page
    assert client.post(f"/projects/{row.pk}/evaluation/", post_data(row, {})).status_code == 403
    assert not Evaluation.objects.filter(project=row).exists()


def test_an_outsider_finds_no_self_evaluation(other_editor: Client, demo: dict[str, Department]) -> None:
    row = project(demo)
    for url in (
        f"/projects/{row.pk}/evaluation/",
        f"/projects/{row.pk}/evaluation/export/docx/",
        f"/departments/{row.department_id}/evaluation/",
        f"/departments/{row.department_id}/evaluation/export/xlsx/",
    ):
        assert other_editor.get(url).status_code == 404, url
    assert other_editor.post(f"/projects/{row.pk}/evaluation/", post_data(row, {})).status_code == 404


def test_the_department_summary_lists_each_projects_engine_score(auditor: Client, demo: dict[str, Department]) -> None:
    page = text(auditor.get(f"/departments/{demo['seed'].pk}/evaluation/"))
    assert "已保存自评 1 / 4 个项目" in page
    totals = re.findall(r"data-total>([^<]+)<", page)
    assert totals[0] == "99.55" and len(totals) == 4


# -- downloads ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["xlsx", "docx", "pdf"])
def test_the_self_evaluation_table_downloads_and_reads_back_with_the_same_scores(
    fmt: str, editor: Client, demo: dict[str, Department]
) -> None:
    row = project(demo, CARE)
    response = editor.get(f"/projects/{row.pk}/evaluation/export/{fmt}/")
    assert response["Content-Disposition"].endswith(f".{fmt}")
    read = read_selfeval_bytes(response.content)
    (again,) = read.evaluations
    assert again.project.name == "老干部局关心下一代工作经费" and read.year == 2021
    assert again.published_total == D("99.55") and again.published_grade == "优"
    assert [actual.actual for actual in again.actuals][:2] == ["49人", "99%"]
    assert score_evaluation(again).total == D("99.55")


def test_the_pdf_table_prints_the_scores(editor: Client, demo: dict[str, Department]) -> None:
    response = editor.get(f"/departments/{demo['seed'].pk}/evaluation/export/pdf/")
    plain = subprocess.run(["pdftotext", "-", "-"], input=response.content, capture_output=True, check=True).stdout
    words = re.sub(r"\s+", "", plain.decode())
    assert words.count("项目支出绩效自评表") == 4 and "99.55" in words and "1名关心对象年中迁出本区" in words


def test_the_department_table_downloads_one_sheet_per_project(editor: Client, demo: dict[str, Department]) -> None:
    from openpyxl import load_workbook

    response = editor.get(f"/departments/{demo['seed'].pk}/evaluation/export/xlsx/")
    workbook = load_workbook(io.BytesIO(response.content))
    assert len(workbook.worksheets) == 4 and workbook.worksheets[0].title.startswith("1.")


def test_the_sites_profile_decides_the_default_weights(
    editor: Client, demo: dict[str, Department], settings: Any
) -> None:
    settings.JIXIAO_PROFILE = "sichuan"  # 10 for execution, 90 spread freely: 10 for each of the nine rows
    page = text(editor.get(f"/projects/{project(demo).pk}/evaluation/"))
    assert page.count("计 10.00</span>") == 9 and "绩效指标90分自由分配" in page
    assert "计 12.50" not in page
