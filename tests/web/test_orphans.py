"""Entries whose indicator was renamed (orphans) are re-linked to the renamed indicator or deleted from the monitoring
and self-evaluation pages, and a whole month's monitoring or a self-evaluation is deleted after a confirmation, so
that a project created by mistake can be deleted once its payments are."""

from __future__ import annotations

import re
from decimal import Decimal as D
from typing import Any

import pytest
from django.test import Client

from jixiao.web.audit.models import AuditEntry
from jixiao.web.monitoring import selectors
from jixiao.web.monitoring import services as monitoring
from jixiao.web.monitoring.models import Evaluation, EvaluationRow, MonitoringReport, MonitoringRow, Payment
from jixiao.web.records import services
from jixiao.web.records.models import Department, Project

pytestmark = pytest.mark.django_db

CARE = "130304217IZ2UBLXPFIGE"  # 老干部局关心下一代工作经费: 4 payments, July monitoring and a self-evaluation (demo)
MONTH = 7
NEW = "改名后的指标"


def care(demo: dict[str, Department]) -> Project:
    return demo["seed"].projects.get(code=CARE)


def rename_first_indicator(row: Project, name: str = NEW) -> str:
    """Rename the project's first indicator through the project service; returns its old name."""
    row.refresh_from_db()
    content = services.project_document(row)
    old = content.indicators[0].level3 or ""
    content.indicators[0].level3 = name
    services.project_save(project=row, content=content, base_revision=row.revision)
    return old


def text(response: Any) -> str:
    return response.content.decode()


def report(row: Project) -> MonitoringReport:
    return MonitoringReport.objects.get(project=row, month=MONTH)


def orphan_entry(row: Project, old: str) -> MonitoringRow:
    return MonitoringRow.objects.get(report__project=row, key=f"{old}#0")


def orphan_score(row: Project, old: str) -> EvaluationRow:
    return EvaluationRow.objects.get(evaluation__project=row, key=f"{old}#0")


def shown_total(client: Client, row: Project) -> D:
    return D(re.findall(r"<strong data-total>([^<]+)</strong>", text(client.get(f"/projects/{row.pk}/evaluation/")))[0])


def messages_of(response: Any) -> str:
    return " ".join(str(message) for message in response.context["messages"])


# -- re-linking ---------------------------------------------------------------------------------------------------


def test_an_orphan_monitoring_entry_is_relinked_to_the_renamed_indicator_from_the_page(
    editor: Client, demo: dict[str, Department]
) -> None:
    row = care(demo)
    old = rename_first_indicator(row)
    entry = orphan_entry(row, old)
    page = text(editor.get(f"/projects/{row.pk}/monitoring/?month={MONTH}"))
    assert "以下 1 条监控记录的指标已不在目标中" in page
    assert '<option value="">关联到指标…</option>' in page and f'<option value="{NEW}#0">' in page
    assert page.count("<option value=") - page.count('<option value="">') >= 1
    assert f'action="/monitoring-entries/{entry.pk}/relink/"' in page and "删除此记录" in page
    revision = report(row).revision
    response = editor.post(
        f"/monitoring-entries/{entry.pk}/relink/", {"revision": revision, "key": f"{NEW}#0"}, follow=True
    )
    page = text(response)
    assert response.redirect_chain[-1][0] == f"/projects/{row.pk}/monitoring/?month={MONTH}#indicators"
    assert f"已将“{old}”的记录关联到指标“{NEW}”" in messages_of(response)
    assert "data-orphan-rows" not in page and "已不在目标中" not in page
    moved = MonitoringRow.objects.get(pk=entry.pk)
    assert (moved.key, moved.current, moved.forecast) == (f"{NEW}#0", entry.current, entry.forecast)
    assert f'value="{entry.current}"' in page  # shown in the renamed indicator's row of the form
    assert report(row).revision == revision + 1
    audit = AuditEntry.objects.get(action="jixiao.actual.relinked")
    assert audit.username == "unit287001" and f'"key":"{old}#0"' in audit.before and f'"key":"{NEW}#0"' in audit.after


def test_a_relinked_self_evaluation_entry_counts_in_the_score_again(
    editor: Client, demo: dict[str, Department]
) -> None:
    row = care(demo)
    original = shown_total(editor, row)
    old = rename_first_indicator(row)
    entry = orphan_score(row, old)
    assert entry.actual == "49人"
    orphaned = shown_total(editor, row)
    assert orphaned != original  # the renamed indicator has no actual: scored as not achieved
    page = text(editor.get(f"/projects/{row.pk}/evaluation/"))
    assert "以下 1 条自评记录的指标已不在目标中" in page and f'<option value="{NEW}#0">' in page
    evaluation = Evaluation.objects.get(project=row)
    response = editor.post(
        f"/evaluation-entries/{entry.pk}/relink/", {"revision": evaluation.revision, "key": f"{NEW}#0"}, follow=True
    )
    assert response.redirect_chain[-1][0] == f"/projects/{row.pk}/evaluation/"
    assert "总分已按关联后的数据重新计算" in messages_of(response)
    assert "data-orphan-rows" not in text(response) and 'value="49人"' in text(response)
    assert shown_total(editor, row) == original
    stored = Evaluation.objects.get(project=row)
    content = services.project_document(row)
    _, score = selectors.scored(content, selectors.stored_input(content, stored), monitoring.project_paid(row))
    assert stored.total == score.total == original and stored.revision == evaluation.revision + 1
    audit = AuditEntry.objects.get(action="jixiao.evaluation.relinked")
    assert f'"key":"{old}#0"' in audit.before and f'"total":"{original}"' in audit.after


def test_a_blank_entry_saved_for_the_renamed_indicator_is_replaced_by_the_relinked_one(
    editor: Client, demo: dict[str, Department]
) -> None:
    row = care(demo)
    old = rename_first_indicator(row)
    keys = selectors.indicator_keys(services.project_document(row).indicators)
    stored = {entry.key: entry for entry in report(row).rows.all()}
    entries = [monitoring.MonitoringEntry(key, stored[key].current if key in stored else "") for key in keys]
    monitoring.monitoring_save(project=row, month=MONTH, entries=entries, base_revision=report(row).revision)
    assert MonitoringRow.objects.get(report__project=row, key=f"{NEW}#0").current == ""
    entry = orphan_entry(row, old)
    assert f'<option value="{NEW}#0">' in text(editor.get(f"/projects/{row.pk}/monitoring/?month={MONTH}"))
    editor.post(f"/monitoring-entries/{entry.pk}/relink/", {"revision": report(row).revision, "key": f"{NEW}#0"})
    assert list(MonitoringRow.objects.filter(report__project=row, key=f"{NEW}#0")) == [entry]
    audit = AuditEntry.objects.get(action="jixiao.actual.relinked")
    assert f'"replaced":{{"key":"{NEW}#0"' in audit.before


def test_saving_the_self_evaluation_keeps_the_orphan_and_its_blank_namesake_can_take_its_place(
    editor: Client, demo: dict[str, Department]
) -> None:
    row = care(demo)
    old = rename_first_indicator(row)
    content = services.project_document(row)
    stored = Evaluation.objects.get(project=row)
    entered = selectors.stored_input(content, stored)
    keys = selectors.indicator_keys(content.indicators)
    monitoring.evaluation_save(project=row, entered=entered, keys=keys, base_revision=stored.revision)
    score = orphan_score(row, old)
    assert EvaluationRow.objects.get(evaluation__project=row, key=f"{NEW}#0").actual == ""
    revision = Evaluation.objects.get(project=row).revision
    editor.post(f"/evaluation-entries/{score.pk}/relink/", {"revision": revision, "key": f"{NEW}#0"})
    assert list(EvaluationRow.objects.filter(evaluation__project=row, key=f"{NEW}#0")) == [score]


def test_an_indicator_that_has_an_entry_is_not_offered_and_is_refused(
    editor: Client, demo: dict[str, Department]
) -> None:
    row = care(demo)
    old = rename_first_indicator(row)
    taken = selectors.indicator_keys(services.project_document(row).indicators)[1]
    page = text(editor.get(f"/projects/{row.pk}/monitoring/?month={MONTH}"))
    assert f'<option value="{taken}">' not in page
    entry = orphan_entry(row, old)
    for key, refusal in ((taken, "关联失败"), ("", "请选择要关联到的指标")):
        response = editor.post(
            f"/monitoring-entries/{entry.pk}/relink/", {"revision": report(row).revision, "key": key}, follow=True
        )
        assert refusal in messages_of(response)
    assert orphan_entry(row, old).pk == entry.pk
    assert not AuditEntry.objects.filter(action="jixiao.actual.relinked").exists()


def test_a_stale_revision_is_refused_and_changes_nothing(editor: Client, demo: dict[str, Department]) -> None:
    row = care(demo)
    old = rename_first_indicator(row)
    entry, score = orphan_entry(row, old), orphan_score(row, old)
    stale_report, stale_evaluation = report(row).revision - 1, Evaluation.objects.get(project=row).revision - 1
    attempts = [
        (f"/monitoring-entries/{entry.pk}/relink/", {"revision": stale_report, "key": f"{NEW}#0"}),
        (f"/monitoring-entries/{entry.pk}/delete/", {"revision": stale_report}),
        (f"/projects/{row.pk}/monitoring/delete/", {"revision": stale_report, "month": MONTH}),
        (f"/evaluation-entries/{score.pk}/relink/", {"revision": stale_evaluation, "key": f"{NEW}#0"}),
        (f"/evaluation-entries/{score.pk}/delete/", {"revision": stale_evaluation}),
        (f"/projects/{row.pk}/evaluation/delete/", {"revision": stale_evaluation}),
    ]
    for url, post in attempts:
        response = editor.post(url, post, follow=True)
        assert "操作未完成" in messages_of(response) and "在您打开此页后修改了" in messages_of(response), url
    assert orphan_entry(row, old).pk == entry.pk and orphan_score(row, old).pk == score.pk
    assert report(row) and Evaluation.objects.filter(project=row).exists()
    assert not AuditEntry.objects.filter(action__regex=r"relinked|deleted").exists()


# -- deleting an orphan entry -------------------------------------------------------------------------------------


def test_an_orphan_entry_is_deleted_after_a_confirmation_and_audited(
    editor: Client, demo: dict[str, Department]
) -> None:
    row = care(demo)
    old = rename_first_indicator(row)
    entry, score = orphan_entry(row, old), orphan_score(row, old)
    confirm = text(editor.get(f"/monitoring-entries/{entry.pk}/delete/"))
    assert f"原三级指标“{old}”" in confirm and f"<dd>{entry.current}</dd>" in confirm and "确认删除" in confirm
    response = editor.post(f"/monitoring-entries/{entry.pk}/delete/", {"revision": report(row).revision}, follow=True)
    assert f"已删除“{old}”的监控记录" in messages_of(response) and "data-orphan-rows" not in text(response)
    assert not MonitoringRow.objects.filter(pk=entry.pk).exists()
    confirm = text(editor.get(f"/evaluation-entries/{score.pk}/delete/"))
    assert "<dd>49人</dd>" in confirm
    revision = Evaluation.objects.get(project=row).revision
    response = editor.post(f"/evaluation-entries/{score.pk}/delete/", {"revision": revision}, follow=True)
    assert "data-orphan-rows" not in text(response) and not EvaluationRow.objects.filter(pk=score.pk).exists()
    deleted = AuditEntry.objects.get(action="jixiao.actual.entry_deleted")
    assert f'"current":"{entry.current}"' in deleted.before and f'"key":"{old}#0"' in deleted.before
    assert '"actual":"49人"' in AuditEntry.objects.get(action="jixiao.evaluation.entry_deleted").before


def test_an_entry_whose_indicator_is_back_in_the_targets_is_not_deleted(
    editor: Client, demo: dict[str, Department]
) -> None:
    row = care(demo)
    old = rename_first_indicator(row)
    entry = orphan_entry(row, old)
    revision = report(row).revision
    rename_first_indicator(row, old)  # someone renamed it back after the page was opened
    response = editor.post(f"/monitoring-entries/{entry.pk}/delete/", {"revision": revision}, follow=True)
    assert "现在又在目标中了" in messages_of(response)
    assert MonitoringRow.objects.filter(pk=entry.pk).exists()


# -- deleting a month's monitoring and a self-evaluation ----------------------------------------------------------


def test_a_months_monitoring_is_deleted_after_a_confirmation_listing_its_entries(
    editor: Client, demo: dict[str, Department]
) -> None:
    row = care(demo)
    stored = report(row)
    count, payments = stored.rows.count(), Payment.objects.filter(project=row).count()
    page = text(editor.get(f"/projects/{row.pk}/monitoring/?month={MONTH}"))
    assert f'href="/projects/{row.pk}/monitoring/delete/?month={MONTH}" data-delete-report' in page
    confirm = text(editor.get(f"/projects/{row.pk}/monitoring/delete/?month={MONTH}"))
    assert f"将删除以下 {count} 条指标监控记录" in confirm and "确认删除" in confirm
    assert confirm.count("<tr><td>") == count
    response = editor.post(
        f"/projects/{row.pk}/monitoring/delete/", {"revision": stored.revision, "month": MONTH}, follow=True
    )
    assert f"已删除 1-{MONTH} 月的指标监控" in messages_of(response)
    assert not MonitoringReport.objects.filter(pk=stored.pk).exists()
    assert Payment.objects.filter(project=row).count() == payments
    audit = AuditEntry.objects.get(action="jixiao.actual.deleted")
    assert audit.object_id == str(stored.pk) and audit.before.count('"key":') == count


def test_a_self_evaluation_is_deleted_after_a_confirmation_showing_its_score(
    editor: Client, demo: dict[str, Department]
) -> None:
    row = care(demo)
    stored = Evaluation.objects.get(project=row)
    page = text(editor.get(f"/projects/{row.pk}/evaluation/"))
    assert f'href="/projects/{row.pk}/evaluation/delete/" data-delete-evaluation' in page
    confirm = text(editor.get(f"/projects/{row.pk}/evaluation/delete/"))
    assert f"自评总分 {stored.total} 分" in confirm and f"自评等级“{stored.grade}”" in confirm
    response = editor.post(f"/projects/{row.pk}/evaluation/delete/", {"revision": stored.revision}, follow=True)
    assert "已删除本项目的绩效自评" in messages_of(response) and "尚未保存" in text(response)
    assert not Evaluation.objects.filter(project=row).exists()
    assert not EvaluationRow.objects.filter(evaluation_id=stored.pk).exists()
    audit = AuditEntry.objects.get(action="jixiao.evaluation.deleted")
    assert f'"total":"{stored.total}"' in audit.before and audit.username == "unit287001"


def test_a_project_created_by_mistake_is_deleted_once_its_in_year_data_is(
    editor: Client, demo: dict[str, Department]
) -> None:
    row = care(demo)
    refused = text(editor.post(f"/projects/{row.pk}/delete/", follow=True))
    assert "不能删除项目" in refused and "系统管理员" not in refused and "在绩效自评页删除其自评" in refused
    for payment in Payment.objects.filter(project=row):
        monitoring.payment_delete(payment=payment, base_revision=payment.revision)
    editor.post(f"/projects/{row.pk}/monitoring/delete/", {"revision": report(row).revision, "month": MONTH})
    editor.post(f"/projects/{row.pk}/evaluation/delete/", {"revision": Evaluation.objects.get(project=row).revision})
    assert editor.post(f"/projects/{row.pk}/delete/").status_code == 302
    assert not Project.objects.filter(pk=row.pk).exists()
    assert AuditEntry.objects.filter(action="jixiao.project.deleted").exists()


# -- who may ------------------------------------------------------------------------------------------------------


def _urls(row: Project, entry: MonitoringRow, score: EvaluationRow) -> list[tuple[str, dict[str, Any]]]:
    report_revision, evaluation_revision = entry.report.revision, score.evaluation.revision
    return [
        (f"/monitoring-entries/{entry.pk}/relink/", {"revision": report_revision, "key": f"{NEW}#0"}),
        (f"/monitoring-entries/{entry.pk}/delete/", {"revision": report_revision}),
        (f"/projects/{row.pk}/monitoring/delete/?month={MONTH}", {"revision": report_revision}),
        (f"/evaluation-entries/{score.pk}/relink/", {"revision": evaluation_revision, "key": f"{NEW}#0"}),
        (f"/evaluation-entries/{score.pk}/delete/", {"revision": evaluation_revision}),
        (f"/projects/{row.pk}/evaluation/delete/", {"revision": evaluation_revision}),
    ]


@pytest.mark.parametrize(("persona", "status"), [("finance", 403), ("dept", 403), ("other_editor", 404)])
def test_reviewers_and_outsiders_may_neither_relink_nor_delete(
    persona: str, status: int, request: pytest.FixtureRequest, demo: dict[str, Department]
) -> None:
    client: Client = request.getfixturevalue(persona)
    row = care(demo)
    old = rename_first_indicator(row)
    entry, score = orphan_entry(row, old), orphan_score(row, old)
    for url, post in _urls(row, entry, score):
        assert client.post(url, post).status_code == status, url
        if not url.endswith("/relink/"):
            assert client.get(url).status_code == status, url
    assert orphan_entry(row, old).pk == entry.pk and orphan_score(row, old).pk == score.pk
    assert MonitoringReport.objects.filter(project=row).exists() and Evaluation.objects.filter(project=row).exists()
    assert not AuditEntry.objects.filter(action__regex=r"relinked|deleted").exists()


def test_a_reviewer_sees_the_orphans_without_the_actions(finance: Client, demo: dict[str, Department]) -> None:
    row = care(demo)
    rename_first_indicator(row)
    for url in (f"/projects/{row.pk}/monitoring/?month={MONTH}", f"/projects/{row.pk}/evaluation/"):
        page = text(finance.get(url))
        assert "data-orphan-rows" in page
        assert "关联到指标" not in page and "删除此记录" not in page and "data-delete-" not in page


def test_the_approver_may_relink(approver: Client, demo: dict[str, Department]) -> None:
    row = care(demo)
    old = rename_first_indicator(row)
    entry = orphan_entry(row, old)
    approver.post(f"/monitoring-entries/{entry.pk}/relink/", {"revision": report(row).revision, "key": f"{NEW}#0"})
    assert MonitoringRow.objects.get(pk=entry.pk).key == f"{NEW}#0"
