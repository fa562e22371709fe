"""``jixiao review-all``: after a profile or rules change, every department's counts and stored findings become what
a live review gives, without touching revisions, states or the audit trail beyond one entry for the run."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from django.db import connection
from django.db.models import F, Value
from django.db.models.functions import Concat

from jixiao.cli import main
from jixiao.domain import review as engine
from jixiao.web import commands
from jixiao.web.audit.models import AuditEntry
from jixiao.web.generate import Scale, generate
from jixiao.web.records import review, services
from jixiao.web.records.models import Department, Indicator, Project, ProjectSnapshot, StoredReview
from tests.web.locking import held_by_a_save

pytestmark = pytest.mark.django_db


def run(*arguments: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(["review-all", *arguments], out, err)
    return code, out.getvalue(), err.getvalue()


def live(department: Department) -> list[engine.Finding]:
    return review.findings(services.department_document(department))


def assert_current(department: Department) -> None:
    """Stored counts and findings are what a live review under the site's profile and rules gives now."""
    findings = live(department)
    stored = StoredReview.objects.get(department=department)
    assert (stored.profile, stored.fingerprint) == review.stored_key()
    assert [review.finding_of(record) for record in review.unpack(stored.findings)] == findings
    assert Department.objects.get(pk=department.pk).review_counts == review.counts(findings)
    for index, project in enumerate(department.projects.order_by("position", "id")):
        assert project.review_counts == review.counts(review.for_project(findings, project.code, index))


def reviewed_documents(monkeypatch: pytest.MonkeyPatch) -> list[str | None]:
    """Record the department code of every document the review engine is run on from now on."""
    seen: list[str | None] = []
    original = review.findings

    def spy(document: Any) -> list[engine.Finding]:
        seen.append(document.department.code)
        return original(document)

    monkeypatch.setattr(review, "findings", spy)
    return seen


def untouched(department: Department) -> list[Any]:
    """What a re-review must leave alone: revisions, states, versions, timestamps, history."""
    row = Department.objects.filter(pk=department.pk)
    projects = Project.objects.filter(department=department).order_by("pk")
    return [
        *row.values_list("revision", "state", "version", "updated_at"),
        *projects.values_list("pk", "revision", "updated_at", "updated_by"),
        department.events.count(),
        department.versions.count(),
        ProjectSnapshot.objects.filter(project__department=department).count(),
    ]


def test_after_a_profile_change_it_stores_what_a_live_review_gives(demo: dict[str, Department], settings: Any) -> None:
    seed = demo["seed"]
    national = Department.objects.get(pk=seed.pk).review_counts
    errors = sum(department.review_errors for department in Department.objects.all())
    settings.JIXIAO_PROFILE = "sichuan"  # makes four of the national warnings errors on the seed
    code, out, err = run()
    assert code == 0
    assert Department.objects.get(pk=seed.pk).review_counts != national
    for department in demo.values():
        assert_current(department)
    now = sum(review.counts(live(department))["error"] for department in demo.values())
    assert out.startswith("重新审核完成：2 个部门目标（地区配置 sichuan），其中 2 个的问题数有变化")
    assert f"合计错误 {errors} → {now}，" in out
    assert "2/2 部门目标" in err


def test_it_changes_no_revision_state_timestamp_or_history(demo: dict[str, Department], settings: Any) -> None:
    before = {name: untouched(department) for name, department in demo.items()}
    settings.JIXIAO_PROFILE = "sichuan"
    assert run("--all")[0] == 0
    assert {name: untouched(department) for name, department in demo.items()} == before


def test_it_records_the_run_in_one_audit_entry_with_its_counts(demo: dict[str, Department], settings: Any) -> None:
    last = AuditEntry.objects.order_by("-seq").values_list("seq", flat=True).first() or 0
    settings.JIXIAO_PROFILE = "sichuan"
    assert run()[0] == 0
    entries = list(AuditEntry.objects.filter(seq__gt=last))
    assert [entry.action for entry in entries] == ["jixiao.system.reviewed"]
    params = json.loads(entries[0].params)
    assert (params["profile"], params["selected"], params["reviewed"], params["changed"]) == ("sichuan", 2, 2, 2)
    assert params["after"]["error"] > params["before"]["error"]
    assert main(["audit", "verify"], io.StringIO(), io.StringIO()) == 0


def test_by_default_it_reviews_only_departments_whose_findings_are_stale(
    demo: dict[str, Department], monkeypatch: pytest.MonkeyPatch
) -> None:
    seed = demo["seed"]
    StoredReview.objects.filter(department=seed).update(fingerprint="rules of an older release")
    seen = reviewed_documents(monkeypatch)
    code, out, _ = run()
    assert (code, seen) == (0, [seed.code])
    assert "重新审核完成：1 个部门目标" in out
    assert_current(seed)


def test_a_department_without_stored_findings_is_stale(demo: dict[str, Department]) -> None:
    second = demo["second"]
    StoredReview.objects.filter(department=second).delete()
    assert run()[0] == 0
    assert_current(second)


def test_with_all_it_reviews_every_department_and_rewrites_nothing_current(
    demo: dict[str, Department], monkeypatch: pytest.MonkeyPatch
) -> None:
    stamps = dict(StoredReview.objects.values_list("department", "reviewed_at"))
    seen = reviewed_documents(monkeypatch)
    code, out, _ = run("--all")
    assert code == 0
    assert sorted(seen, key=str) == sorted((d.code for d in demo.values()), key=str)
    assert "重新审核完成：2 个部门目标（地区配置 national），其中 0 个的问题数有变化" in out
    assert dict(StoredReview.objects.values_list("department", "reviewed_at")) == stamps


def test_with_all_it_also_repairs_counts_that_disagree_with_current_findings(demo: dict[str, Department]) -> None:
    seed = demo["seed"]
    Department.objects.filter(pk=seed.pk).update(review_errors=99)
    Project.objects.filter(department=seed).update(review_infos=7)
    assert run()[0] == 0  # the stored findings are current: nothing selected
    assert Department.objects.get(pk=seed.pk).review_errors == 99
    code, out, _ = run("--all")
    assert code == 0
    assert "其中 1 个的问题数有变化" in out
    assert_current(seed)


def test_it_says_so_when_nothing_is_stale_and_records_no_audit_entry(demo: dict[str, Department]) -> None:
    entries = AuditEntry.objects.count()
    code, out, _ = run()
    assert code == 0
    assert "没有需要重新审核的部门目标：审核结果都已按地区配置 national 和当前规则算好" in out
    assert AuditEntry.objects.count() == entries


def test_year_limits_the_run_to_that_year(demo: dict[str, Department], settings: Any) -> None:
    seed, second = demo["seed"], demo["second"]
    if second.year == seed.year:
        Department.objects.filter(pk=second.pk).update(year=(seed.year or 2021) + 1)
    settings.JIXIAO_PROFILE = "sichuan"
    code, out, _ = run("--year", str(seed.year))
    assert code == 0
    assert_current(seed)
    assert StoredReview.objects.get(department=second).profile == "national"
    assert "1 个部门目标" in out
    assert run("--all", "--year", "1999")[1].startswith("没有 1999 年的部门目标")


def test_batches_of_any_size_give_the_same_result(db: Any, settings: Any) -> None:
    generate(Scale(units=5, projects_per_unit=2, seed=3), stream=None)
    settings.JIXIAO_PROFILE = "sichuan"
    code, _, err = run("--batch", "2")
    assert code == 0
    assert "5/5 部门目标" in err
    for department in Department.objects.all():
        assert_current(department)


def test_a_department_saved_during_its_review_is_retried_not_overwritten(
    demo: dict[str, Department], settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    seed = demo["seed"]
    project = seed.projects.order_by("position", "id")[0]
    settings.JIXIAO_PROFILE = "sichuan"
    original, saves = review.findings, []

    def saved_meanwhile(document: Any) -> list[engine.Finding]:
        findings = original(document)
        if document.department.code == seed.code and not saves:
            # someone cuts the project to one indicator while the command reviews the department (T4 then fires)
            saves.append(Indicator.objects.filter(project=project).exclude(position=0).delete())
        return findings

    monkeypatch.setattr(review, "findings", saved_meanwhile)
    assert run()[0] == 0
    assert len(saves) == 1
    assert_current(seed)  # reviewed again on the retry, as it is now
    assert "T4" in {f.rule for f in review.findings(services.department_document(seed))}


def test_it_exits_1_when_saves_keep_changing_a_department(
    demo: dict[str, Department], settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    seed = demo["seed"]
    settings.JIXIAO_PROFILE = "sichuan"
    original = review.findings

    def always_saved_meanwhile(document: Any) -> list[engine.Finding]:
        if document.department.code == seed.code:
            Department.objects.filter(pk=seed.pk).update(title=Concat(F("title"), Value("+")))
        return original(document)

    monkeypatch.setattr(review, "findings", always_saved_meanwhile)
    code, out, err = run()
    assert code == 1
    assert "重新审核完成：1 个部门目标" in out
    assert "1 个部门目标在审核期间正被保存，未重新审核：请稍后再次运行本命令。" in err
    assert StoredReview.objects.get(department=seed).profile == "national"  # not overwritten with older findings
    assert_current(demo["second"])


def test_it_refuses_a_wrong_profile_setting_with_exit_2(demo: dict[str, Department], settings: Any) -> None:
    settings.JIXIAO_PROFILE = "nowhere"
    code, out, err = run()
    assert (code, out) == (2, "")
    assert err.startswith("错误：") and "nowhere" in err


def test_it_refuses_an_unmigrated_database_with_exit_2(
    demo: dict[str, Department], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert not commands._unmigrated()
    monkeypatch.setattr(commands, "_unmigrated", lambda: True)
    code, out, err = run("--all")
    assert (code, out) == (2, "")
    assert "请先运行 jixiao manage migrate" in err


@pytest.mark.parametrize("arguments", [["--all", "--stale-only"], ["--batch", "0"], ["--year", "next"]])
def test_a_wrong_command_line_exits_2(demo: dict[str, Department], arguments: list[str]) -> None:
    err = io.StringIO()
    try:
        code = main(["review-all", *arguments], io.StringIO(), err)
    except SystemExit as stopped:  # argparse's own errors
        code = int(str(stopped.code))
    assert code == 2
    assert "错误：" in err.getvalue()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks: SQLite locks the whole file instead")
@pytest.mark.django_db(transaction=True)
def test_it_neither_waits_for_nor_overwrites_a_save_in_progress(demo: dict[str, Department], settings: Any) -> None:
    seed = demo["seed"]
    project = seed.projects.order_by("position", "id").first()
    assert project is not None
    settings.JIXIAO_PROFILE = "sichuan"
    with held_by_a_save(project):
        code, _, err = run()
        assert code == 1 and "1 个部门目标在审核期间正被保存" in err
        assert StoredReview.objects.get(department=seed).profile == "national"
        assert_current(demo["second"])
    assert run()[0] == 0
    assert_current(seed)
