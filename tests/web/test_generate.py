"""``jixiao demo generate``: same seed → same data; the counts, tree, review counts and states hold together."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.db.models import Count

from jixiao.cli import main
from jixiao.domain.errors import JixiaoError
from jixiao.domain.workflow import State
from jixiao.web.generate import FINANCE_CODE, USER_PREFIX, Scale, generate
from jixiao.web.monitoring import models as mdb
from jixiao.web.monitoring.selectors import scored, stored_input
from jixiao.web.records import models as db
from jixiao.web.records import review, services

SMALL = Scale(units=20, projects_per_unit=3, years=2, seed=7, batch=6)


def _fingerprint() -> list[tuple[Any, ...]]:
    """Everything generated, without database ids."""
    organisations = list(db.Organisation.objects.order_by("code").values_list("code", "name", "kind", "parent__code"))
    departments = list(
        db.Department.objects.order_by("code", "year").values_list(
            "code", "year", "state", "review_errors", "review_warnings", "review_infos"
        )
    )
    projects = list(db.Project.objects.order_by("code").values_list("code", "name", "budget_total", "goal"))
    indicators = list(
        db.Indicator.objects.order_by("project__code", "position").values_list(
            "project__code", "position", "level1", "level2", "level3", "value_text", "number", "basis"
        )
    )
    return [*organisations, *departments, *projects, *indicators]


def _wipe() -> None:
    db.Department.objects.all().delete()
    db.Membership.objects.all().delete()
    get_user_model().objects.filter(username__startswith=USER_PREFIX).delete()
    for kind in ("unit", "department", "finance"):
        db.Organisation.objects.filter(kind=kind).delete()


@pytest.mark.django_db
def test_it_generates_the_same_data_from_the_same_seed_whatever_the_batch_size() -> None:
    generate(SMALL, stream=None)
    first = _fingerprint()
    _wipe()
    generate(Scale(units=20, projects_per_unit=3, years=2, seed=7, batch=20), stream=None)
    assert _fingerprint() == first
    _wipe()
    generate(Scale(units=20, projects_per_unit=3, years=2, seed=8, batch=6), stream=None)
    assert _fingerprint() != first


@pytest.mark.django_db
def test_it_writes_the_counts_the_scale_asks_for() -> None:
    counts = generate(SMALL, stream=None).rows
    assert counts["departments"] == db.Department.objects.count() == 20 * 2
    assert counts["projects"] == db.Project.objects.count() == 20 * 3 * 2
    per_project = db.Project.objects.annotate(n=Count("indicators")).values_list("n", flat=True)
    assert min(per_project) >= 8 and max(per_project) <= 15
    assert counts["indicators"] == db.Indicator.objects.count()
    assert db.Organisation.objects.filter(kind="department").count() == SMALL.departments == 2
    assert get_user_model().objects.filter(username__startswith=USER_PREFIX).count() == counts["users"] == 20 + 2 + 2


@pytest.mark.django_db
def test_it_builds_a_tree_whose_paths_follow_the_parents() -> None:
    generate(SMALL, stream=None)
    bureau = db.Organisation.objects.get(code=FINANCE_CODE)
    assert bureau.path == f"/{bureau.pk}/"
    for organisation in db.Organisation.objects.exclude(pk=bureau.pk).select_related("parent"):
        assert organisation.parent is not None
        assert organisation.path == f"{organisation.parent.path}{organisation.pk}/"
    assert db.Organisation.objects.filter(kind="unit", path__startswith=bureau.path).count() == 20


@pytest.mark.django_db
def test_its_stored_review_counts_are_what_the_review_finds() -> None:
    generate(SMALL, stream=None)
    for department in db.Department.objects.order_by("code", "year")[:6]:
        stored = department.review_counts
        projects = {p.pk: p.review_counts for p in department.projects.all()}
        kept = db.StoredReview.objects.get(department=department)
        assert review.stored_findings(kept.profile, kept.fingerprint, kept.findings, review.about(None)) == (
            review.findings(services.department_document(department))
        )  # the pages show the generated findings without reviewing again
        total = services.department_refresh_review(department=department)
        assert total == stored
        assert {p.pk: p.review_counts for p in department.projects.all()} == projects


@pytest.mark.django_db
def test_it_spreads_states_without_letting_a_set_with_errors_past_review() -> None:
    generate(Scale(units=60, projects_per_unit=2, seed=1, batch=60), stream=None)
    states = set(db.Department.objects.values_list("state", flat=True))
    assert {State.DRAFT, State.SUBMITTED, State.PUBLISHED} <= states
    assert not db.Department.objects.filter(review_errors__gt=0).exclude(state__in=["draft", "returned"]).exists()
    frozen = db.Department.objects.filter(state__in=["finance_approved", "published"])
    assert db.TargetVersion.objects.count() == frozen.count()
    assert not db.TargetVersion.objects.filter(department__state="published", published_at__isnull=True).exists()


@pytest.mark.django_db
def test_it_refuses_to_generate_twice_into_one_database() -> None:
    generate(Scale(units=1, projects_per_unit=1), stream=None)
    with pytest.raises(JixiaoError) as raised:
        generate(Scale(units=1, projects_per_unit=1), stream=None)
    assert raised.value.code == "generate.exists"


@pytest.mark.django_db
def test_the_command_reports_what_it_wrote_and_draws_progress_on_stderr() -> None:
    out, err = io.StringIO(), io.StringIO()
    assert main(["demo", "generate", "--units", "3", "--projects-per-unit", "2", "--seed", "5"], out, err) == 0
    assert "projects 6" in out.getvalue()
    assert "3/3 单位" in err.getvalue()
    assert get_user_model().objects.get(username=f"{USER_PREFIX}unit00001").check_password("jixiao-demo")


@pytest.mark.django_db
def test_payments_stay_within_the_budget_and_the_period() -> None:
    generate(Scale(units=6, projects_per_unit=3, years=2, seed=4, first_year=2024, month=7), stream=None)
    for project in db.Project.objects.select_related("department"):
        payments = list(mdb.Payment.objects.filter(project=project))
        assert sum((p.amount for p in payments), Decimal(0)) <= (project.budget_total or Decimal(0)) * 10000
        last = 7 if project.department.year == 2025 else 12
        assert all(p.date.year == project.department.year and p.date.month <= last for p in payments)
    assert mdb.Payment.objects.count() > 6 * 3 * 2


@pytest.mark.django_db
def test_closed_years_are_self_evaluated_with_the_totals_the_engine_gives() -> None:
    generate(Scale(units=4, projects_per_unit=3, years=2, seed=4, first_year=2024, month=7), stream=None)
    evaluations = mdb.Evaluation.objects.select_related("project__department")
    assert {e.project.department.year for e in evaluations} == {2024}
    assert evaluations.count() == 4 * 3
    for evaluation in evaluations[:5]:
        content = services.project_document(evaluation.project)
        _, score = scored(content, stored_input(content, evaluation), evaluation.executed or Decimal(0))
        assert (evaluation.total, evaluation.grade) == (score.total, score.grade.value)
        assert evaluation.rows.count() == len(content.indicators)
