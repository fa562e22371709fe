"""Pages show the findings stored at the last save instead of reviewing the department on every view
(a page at city scale must not re-run the review of thousands of indicators)."""

from __future__ import annotations

import dataclasses
import json
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.db.models import Count, DecimalField, Sum
from django.db.models.functions import Cast
from django.db.models.signals import post_init
from django.test import Client

from jixiao.domain import review as engine
from jixiao.formats import read_path
from jixiao.web.records import permissions, review, services
from jixiao.web.records.models import Department, Indicator, Organisation, Project, StoredReview
from tests.conftest import SEED
from tests.web.locking import held_by_a_save
from tests.web.test_editing import form_data

pytestmark = pytest.mark.django_db

PROJECT = "130304217IZ2UBLXPFIGE"


def live(department: Department) -> list[engine.Finding]:
    return review.findings(services.department_document(department))


def live_for(project: Project) -> list[engine.Finding]:
    index = list(project.department.projects.order_by("position", "id")).index(project)
    return review.for_project(live(project.department), project.code, index)


def page_findings(client: Client, project: Project) -> list[engine.Finding]:
    """Every finding the project page shows: the project's own and each indicator row's."""
    context = client.get(f"/projects/{project.pk}/").context
    return [*context["project_findings"], *(f for row in context["rows"] for f in row["findings"])]


def refuse_reviews(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make any review run fail from now on, so a page that still reviews on GET is caught."""

    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("a GET page ran the review engine")

    monkeypatch.setattr(review, "review_document", refuse)


def same(shown: list[engine.Finding], expected: list[engine.Finding]) -> bool:
    return sorted(shown, key=repr) == sorted(expected, key=repr)


def test_a_finding_survives_its_json_record_unchanged() -> None:
    findings = engine.review_document(read_path(SEED).document)
    assert any(isinstance(value, Decimal) for f in findings for value in f.params.values())
    records = json.loads(json.dumps([review.finding_record(f) for f in findings]))
    assert [review.finding_of(record) for record in records] == findings


def test_packed_findings_unpack_to_the_same_records() -> None:
    findings = engine.review_document(read_path(SEED).document)
    assert review.unpack(review.pack(findings)) == json.loads(json.dumps([review.finding_record(f) for f in findings]))


def test_the_record_keeps_what_the_check_json_record_says() -> None:
    for finding in engine.review_document(read_path(SEED).document):
        again = review.finding_of(review.finding_record(finding))
        assert again.to_dict() == finding.to_dict()


def test_every_stored_department_has_its_findings_after_import(demo: dict[str, Department]) -> None:
    for department in demo.values():
        stored = StoredReview.objects.get(department=department)
        assert (stored.profile, stored.fingerprint) == review.stored_key()
        assert [review.finding_of(record) for record in review.unpack(stored.findings)] == live(department)


def test_the_project_page_shows_what_a_live_review_finds_without_reviewing(
    editor: Client, demo: dict[str, Department], monkeypatch: pytest.MonkeyPatch
) -> None:
    projects = list(demo["seed"].projects.order_by("position", "id"))
    expected = {project.pk: live_for(project) for project in projects}
    refuse_reviews(monkeypatch)
    for project in projects:
        assert same(page_findings(editor, project), expected[project.pk])
        assert editor.get(f"/projects/{project.pk}/").context["counts"] == review.counts(expected[project.pk])


def test_the_department_page_shows_the_stored_findings_and_counts_without_reviewing(
    editor: Client, demo: dict[str, Department], monkeypatch: pytest.MonkeyPatch
) -> None:
    seed = demo["seed"]
    findings = live(seed)
    refuse_reviews(monkeypatch)
    context = editor.get(f"/departments/{seed.pk}/").context
    assert context["overall_findings"] == review.for_overall(findings)
    rows = list(seed.projects.order_by("position", "id"))
    assert [item["counts"] for item in context["project_rows"]] == [
        review.counts(review.for_project(findings, row.code, index)) for index, row in enumerate(rows)
    ]
    assert [item["row"].indicator_count for item in context["project_rows"]] == [row.indicators.count() for row in rows]


def test_the_project_page_reads_only_its_own_project_of_a_growing_department(
    editor: Client, demo: dict[str, Department]
) -> None:
    project = demo["seed"].projects.get(code=PROJECT)
    template = services.project_document(project)
    for index in range(3):
        copy = dataclasses.replace(template, code=f"G{index}", name=f"复制项目{index}")
        services.project_create(department=demo["seed"], content=copy)
    loaded: list[Any] = []

    def count(sender: type, instance: Any, **kwargs: Any) -> None:
        loaded.append(instance)

    post_init.connect(count, sender=Indicator)
    try:
        assert editor.get(f"/projects/{project.pk}/").status_code == 200
    finally:
        post_init.disconnect(count, sender=Indicator)
    assert {row.project_id for row in loaded} == {project.pk}
    assert len(loaded) == len(template.indicators)


def test_saving_a_project_stores_its_new_findings(editor: Client, demo: dict[str, Department]) -> None:
    project = demo["seed"].projects.get(code=PROJECT)
    content = services.project_document(project)
    assert not [f for f in page_findings(editor, project) if f.rule == "T4"]
    emptied = dataclasses.replace(content, indicators=content.indicators[:1])
    services.project_save(project=project, content=emptied, base_revision=project.revision)
    shown = page_findings(editor, project)
    assert [f.rule for f in shown if f.rule == "T4"] == ["T4"]  # too few indicators now
    assert same(shown, live_for(project))


def test_a_changed_profile_recomputes_the_findings_instead_of_showing_stale_ones(
    editor: Client, demo: dict[str, Department], settings: Any
) -> None:
    seed = demo["seed"]
    before = editor.get(f"/departments/{seed.pk}/").context["counts"]
    settings.JIXIAO_PROFILE = "sichuan"  # makes four of the national warnings errors on the seed
    response = editor.get(f"/departments/{seed.pk}/")
    assert response.context["counts"] == review.counts(live(seed)) != before
    stored = StoredReview.objects.get(department=seed)
    assert stored.profile == "sichuan"
    assert Department.objects.get(pk=seed.pk).review_counts == review.counts(live(seed))
    project = seed.projects.get(code=PROJECT)
    assert same(page_findings(editor, project), live_for(project))


def test_a_changed_rule_set_recomputes_the_findings(editor: Client, demo: dict[str, Department]) -> None:
    seed = demo["seed"]
    StoredReview.objects.filter(department=seed).update(
        fingerprint="rules of an older release", findings=review.pack([])
    )
    project = seed.projects.get(code=PROJECT)
    assert same(page_findings(editor, project), live_for(project))
    assert StoredReview.objects.get(department=seed).fingerprint == review.stored_key()[1]


def test_a_department_stored_without_findings_gets_them_on_its_first_view(
    editor: Client, demo: dict[str, Department]
) -> None:
    seed = demo["seed"]
    StoredReview.objects.filter(department=seed).delete()
    project = seed.projects.get(code=PROJECT)
    assert same(page_findings(editor, project), live_for(project))
    stored = StoredReview.objects.get(department=seed)
    assert [review.finding_of(record) for record in review.unpack(stored.findings)] == live(seed)


def test_a_rejected_edit_is_reviewed_as_typed(editor: Client, demo: dict[str, Department]) -> None:
    project = demo["seed"].projects.get(code=PROJECT)
    data = form_data(editor, project)
    data["indicators-TOTAL_FORMS"] = "1"
    saved = services.project_document(project)
    services.project_save(project=project, content=saved, base_revision=project.revision)  # someone else saves
    response = editor.post(f"/projects/{project.pk}/", data)
    assert response.status_code == 409
    assert "T4" in {f.rule for f in response.context["project_findings"]}  # the one typed row, not the saved rows
    assert "T4" not in {f.rule for f in page_findings(editor, project)}


# -- home -------------------------------------------------------------------------------------------------------


def many_departments(count: int) -> None:
    """Departments with no, one or several projects, some without a budget, without running the review."""
    root = Organisation.objects.get(code="130304000")
    for index in range(count):
        unit = Organisation.objects.create(code=f"H{index:03d}", name=f"首页单位{index}", kind="unit", parent=root)
        department = Department.objects.create(organisation=unit, year=2020 + index % 3, code=f"H{index:03d}")
        Project.objects.bulk_create(
            Project(department=department, position=p, code=f"H{index:03d}P{p}", budget_total=_budget(index, p))
            for p in range(index % 4)
        )


def _budget(index: int, position: int) -> Decimal | None:
    return None if (index + position) % 5 == 0 else Decimal(f"{index}.{position}5")


def before(user: Any, query: str = "") -> list[tuple[int, int, Decimal | None]]:
    """Home's rows as the page computed them before paging first: annotated over every visible department."""
    from django.db.models import Q

    departments = permissions.visible_departments(user)
    if query:
        matching = Project.objects.filter(Q(name__icontains=query) | Q(code__icontains=query))
        departments = departments.filter(
            Q(name__icontains=query) | Q(code__icontains=query) | Q(pk__in=matching.values("department"))
        )
    annotated = departments.annotate(
        project_count=Count("projects", distinct=True),
        budget_sum=Sum(Cast("projects__budget_total", DecimalField(max_digits=20, decimal_places=6))),
    ).order_by("-year", "code", "pk")
    return [(d.pk, d.project_count, d.budget_sum) for d in annotated]


def shown(client: Client, url: str) -> list[tuple[int, int, Decimal | None]]:
    return [(row["department"].pk, row["projects"], row["budget"]) for row in client.get(url).context["rows"]]


def test_home_shows_the_counts_and_budgets_it_showed_before_paging_first(finance: Client) -> None:
    many_departments(45)
    user = finance.get("/").wsgi_request.user
    rows = before(user)
    assert len(rows) > 40
    assert shown(finance, "/") == rows[:20]
    assert shown(finance, "/?page=2") == rows[20:40]
    assert shown(finance, "/?page=3") == rows[40:60]
    assert shown(finance, "/?q=H01") == before(user, "H01")[:20]
    assert shown(finance, "/?q=H002P1") == before(user, "H002P1")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks: SQLite locks the whole file instead")
@pytest.mark.django_db(transaction=True)
def test_a_view_neither_waits_for_nor_overwrites_a_save_in_progress(
    editor: Client, demo: dict[str, Department]
) -> None:
    seed = demo["seed"]
    project = seed.projects.get(code=PROJECT)
    expected = live_for(project)
    StoredReview.objects.filter(department=seed).delete()
    with held_by_a_save(project):
        assert same(page_findings(editor, project), expected)  # a live review, shown at once
        assert not StoredReview.objects.filter(department=seed).exists()  # left for the save to store
    assert same(page_findings(editor, project), expected)
    assert StoredReview.objects.filter(department=seed).exists()


def test_findings_are_said_once_per_check_with_their_rows(editor: Client, demo: dict[str, Department]) -> None:
    """The usability report: 123 warnings on the seed, 2–5 per row, none grouped. Each page now lists each check once
    (the rows it found beside it); the per-row marks stay in the grid."""
    seed = demo["seed"]
    lines = 0
    for project in seed.projects.all():
        response = editor.get(f"/projects/{project.pk}/")
        groups = response.context["finding_groups"]
        codes = [group.code for group in groups]
        assert len(codes) == len(set(codes))  # each check once
        assert sum(group.count for group in groups) == len(live_for(project))  # nothing dropped
        lines += len(groups)
        page = response.content.decode()
        assert page.count("data-count=") == len(groups)
    overall = editor.get(f"/departments/{seed.pk}/").context["overall_groups"]
    lines += len(overall)
    assert 0 < lines <= 40
