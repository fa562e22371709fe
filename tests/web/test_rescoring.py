"""A stored self-evaluation's total and grade follow its project's targets: saving the targets (page, API) or
re-importing the department re-scores it in the same transaction, audits the change and marks the unit's kept sums,
so the overview, the department's list and the downloads agree with the self-evaluation page."""

from __future__ import annotations

import json
import re
from decimal import Decimal as D
from typing import Any

import pytest
from django.test import Client

from jixiao.domain import model as domain
from jixiao.domain.scoring import ProjectScore
from jixiao.domain.values import format_number
from jixiao.formats import read_path
from jixiao.formats.selfeval import read_selfeval_bytes
from jixiao.web.audit.models import AuditEntry
from jixiao.web.monitoring import figures, selectors
from jixiao.web.monitoring import services as monitoring
from jixiao.web.monitoring.models import Evaluation, UnitFigures
from jixiao.web.records import services
from jixiao.web.records.models import Department, Project
from tests.conftest import SEED

pytestmark = pytest.mark.django_db

CARE = "130304217IZ2UBLXPFIGE"  # 老干部局关心下一代工作经费: the demo's one self-evaluation (99.55, 优; 5.00 万元)
STORED = D("99.55")
RESCORED = "jixiao.evaluation.rescored"


def care(demo: dict[str, Department]) -> Project:
    return demo["seed"].projects.get(code=CARE)


def engine(row: Project) -> ProjectScore:
    """What the engine gives the stored entries under the project's current targets."""
    content = services.project_document(row)
    stored = Evaluation.objects.get(project=row)
    return selectors.scored(content, selectors.stored_input(content, stored), monitoring.project_paid(row))[1]


def save_targets(row: Project, change: Any = None) -> None:
    """Save the project's targets through the service, changed by ``change(content)`` when given."""
    row.refresh_from_db()
    content = services.project_document(row)
    if change is not None:
        change(content)
    services.project_save(project=row, content=content, base_revision=row.revision)


def rename_first(content: domain.Project) -> None:
    content.indicators[0].level3 = "改名后的指标"  # its actual "49人" is left behind as an orphan entry


def score_sum(department: Department) -> D:
    figures.refresh_stale(Department.objects.filter(pk=department.pk))
    total = UnitFigures.objects.get(department=department).score_sum
    assert total is not None
    return D(total).quantize(D("0.01"))  # SQLite keeps the column as floating point


def rescored() -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(action=RESCORED).order_by("pk"))


def test_renaming_an_indicator_with_an_actual_rescores_audits_and_reaches_the_overview_figures(
    editor: Client, demo: dict[str, Department]
) -> None:
    row = care(demo)
    assert score_sum(demo["seed"]) == STORED
    save_targets(row, rename_first)
    stored, score = Evaluation.objects.get(project=row), engine(row)
    assert stored.total == score.total and stored.grade == score.grade.value
    assert stored.total != STORED
    page = editor.get(f"/projects/{row.pk}/evaluation/").content.decode()
    assert re.findall(r"<strong data-total>([^<]+)</strong>", page) == [str(stored.total)]
    assert score_sum(demo["seed"]) == stored.total
    (entry,) = rescored()
    assert json.loads(entry.before) == {"total": "99.55", "grade": "优"}
    assert json.loads(entry.after) == {"total": format_number(stored.total), "grade": stored.grade}
    assert json.loads(entry.params) == {"project": row.pk, "because": "jixiao.project.saved"}


def test_rescoring_keeps_the_entries_revision_and_editor_of_the_self_evaluation(demo: dict[str, Department]) -> None:
    row = care(demo)
    before = Evaluation.objects.get(project=row)
    save_targets(row, rename_first)
    after = Evaluation.objects.get(project=row)
    assert (after.revision, after.updated_by_id, after.rows.count()) == (
        before.revision,
        before.updated_by_id,
        before.rows.count(),
    )


def test_a_budget_change_rescores_the_execution(demo: dict[str, Department]) -> None:
    row = care(demo)
    execution = engine(row).execution.score

    def double_budget(content: domain.Project) -> None:
        content.budget.total = D("10.00")

    save_targets(row, double_budget)
    score = engine(row)
    assert score.execution.score is not None and execution is not None and score.execution.score < execution
    stored = Evaluation.objects.get(project=row)
    assert stored.total == score.total < STORED and len(rescored()) == 1
    assert score_sum(demo["seed"]) == score.total


def test_a_self_evaluation_page_opened_before_a_budget_change_still_saves_and_scores_afresh(
    demo: dict[str, Department],
) -> None:
    row = care(demo)
    opened = Evaluation.objects.get(project=row)
    content = services.project_document(row)
    entered, keys = selectors.stored_input(content, opened), selectors.indicator_keys(content.indicators)

    def double_budget(content: domain.Project) -> None:
        content.budget.total = D("10.00")

    save_targets(row, double_budget)
    saved = monitoring.evaluation_save(project=row, entered=entered, keys=keys, base_revision=opened.revision)
    assert saved.total == engine(row).total < STORED


def test_a_save_that_changes_nothing_scored_writes_no_rescored_entry(demo: dict[str, Department]) -> None:
    row = care(demo)
    save_targets(row)

    def rename_project(content: domain.Project) -> None:
        content.name = "关心下一代工作经费（改名）"

    save_targets(row, rename_project)
    stored = Evaluation.objects.get(project=row)
    assert (stored.total, stored.grade) == (STORED, "优") and rescored() == []
    assert AuditEntry.objects.filter(action="jixiao.project.saved").count() == 2


def test_a_failed_targets_save_leaves_the_stored_score(demo: dict[str, Department]) -> None:
    row = care(demo)
    row.refresh_from_db()
    content = services.project_document(row)
    rename_first(content)
    with pytest.raises(services.ConflictError):
        services.project_save(project=row, content=content, base_revision=row.revision - 1)
    assert Evaluation.objects.get(project=row).total == STORED and rescored() == []


def test_the_api_indicator_endpoint_rescores_as_the_page_does(editor: Client, demo: dict[str, Department]) -> None:
    row = care(demo)
    indicator = json.loads(editor.get(f"/api/projects/{row.pk}/indicators/0").content)
    changed = {name: indicator[name] for name in ("level1", "level2")}
    changed.update(level3="改名后的指标", value=indicator["value"]["text"])
    response = editor.put(
        f"/api/projects/{row.pk}/indicators/0", json.dumps(changed, ensure_ascii=False), content_type="application/json"
    )
    assert response.status_code == 200, response.content
    (entry,) = rescored()
    assert entry.username == "unit287001"
    assert Evaluation.objects.get(project=row).total == engine(row).total != STORED


def replace(demo: dict[str, Department], document: domain.TargetDocument) -> None:
    services.department_import(document=document, organisation=demo["seed"].organisation, replace=True)


def test_a_re_import_rescores_the_projects_it_updates_in_place(demo: dict[str, Department]) -> None:
    document = read_path(SEED).document
    (target,) = [project for project in document.projects if project.code == CARE]
    rename_first(target)
    replace(demo, document)
    row = care(demo)
    stored = Evaluation.objects.get(project=row)
    assert stored.total == engine(row).total != STORED
    (entry,) = rescored()
    assert json.loads(entry.params) == {"project": row.pk, "because": "jixiao.department.imported"}
    assert score_sum(demo["seed"]) == stored.total


def test_re_importing_the_same_targets_writes_no_rescored_entry(demo: dict[str, Department]) -> None:
    replace(demo, read_path(SEED).document)
    assert Evaluation.objects.get(project=care(demo)).total == STORED and rescored() == []


@pytest.mark.parametrize("fmt", ["xlsx", "docx"])
def test_the_department_list_and_download_show_the_rescored_total(
    fmt: str, editor: Client, demo: dict[str, Department]
) -> None:
    row = care(demo)
    save_targets(row, rename_first)
    stored = Evaluation.objects.get(project=row)
    page = editor.get(f"/departments/{demo['seed'].pk}/evaluation/").content.decode()
    assert re.findall(r"data-total>([^<]+)<", page)[0] == str(stored.total)
    download = editor.get(f"/departments/{demo['seed'].pk}/evaluation/export/{fmt}/")
    published = {item.project.name: item.published_total for item in read_selfeval_bytes(download.content).evaluations}
    assert published[row.name] == stored.total  # the 自评表 carries no project code


def test_payments_rescore_a_self_evaluation_whose_execution_is_the_payments(demo: dict[str, Department]) -> None:
    import datetime as dt

    row = care(demo)
    assert Evaluation.objects.get(project=row).executed is None  # 全年执行数 left blank: the year's payments count
    before = Evaluation.objects.get(project=row).total
    start = len(rescored())
    payment = monitoring.payment_create(project=row, data=monitoring.PaymentData(dt.date(2021, 11, 1), D("1000.00")))
    assert len(rescored()) == start + 1 and json.loads(rescored()[-1].params)["because"] == "jixiao.payment.created"
    stored = Evaluation.objects.get(project=row)
    assert stored.total == engine(row).total and stored.total != before
    monitoring.payment_delete(payment=payment, base_revision=payment.revision)
    assert Evaluation.objects.get(project=row).total == before
    assert json.loads(rescored()[-1].params)["because"] == "jixiao.payment.deleted"


def test_payments_leave_a_self_evaluation_with_an_entered_execution_alone(demo: dict[str, Department]) -> None:
    import datetime as dt

    row = care(demo)
    Evaluation.objects.filter(project=row).update(executed=D("4.90"))  # 全年执行数 entered by the unit
    save_targets(row)
    before, start = Evaluation.objects.get(project=row).total, len(rescored())
    monitoring.payment_create(project=row, data=monitoring.PaymentData(dt.date(2021, 11, 1), D("1000.00")))
    assert len(rescored()) == start and Evaluation.objects.get(project=row).total == before
