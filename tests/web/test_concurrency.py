"""Twenty people saving the projects of one department at once: no deadlock, no lost update, conflicts only.

PostgreSQL runs these writers truly in parallel (row locks); SQLite serialises writers itself and is covered by the
locked-database answer in tests/web/test_busy.py.
"""

from __future__ import annotations

import dataclasses
import threading

import pytest
from django.db import connection, connections

from jixiao.web.records import services
from jixiao.web.records.models import Department, Project
from jixiao.web.records.services import ConflictError

POSTGRES = connection.vendor == "postgresql"
WRITERS, ROUNDS = 20, 3

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not POSTGRES, reason="SQLite serialises every writer; PostgreSQL's row locks can deadlock"),
]


def _department_with(count: int, demo: dict[str, Department]) -> list[Project]:
    seed = demo["seed"]
    template = services.project_document(seed.projects.order_by("position").first())
    for number in range(count - seed.projects.count()):
        content = dataclasses.replace(template, code=f"C{number:04d}", name=f"并发项目{number}")
        services.project_create(department=seed, content=content)
    return list(seed.projects.order_by("position", "id"))[:count]


def _run(workers: list[threading.Thread]) -> None:
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=120)
    assert not any(worker.is_alive() for worker in workers), "a writer hung"


def test_saves_of_different_projects_of_one_department_never_deadlock(demo: dict[str, Department]) -> None:
    projects = _department_with(WRITERS, demo)
    barrier = threading.Barrier(WRITERS)
    failures: list[BaseException] = []
    last_goal: dict[int, str] = {}

    def write(project: Project) -> None:
        try:
            barrier.wait()
            for round_ in range(ROUNDS):
                row = Project.objects.get(pk=project.pk)
                goal = f"第 {round_} 轮：{project.pk} 的目标"
                content = dataclasses.replace(services.project_document(row), goal=goal)
                services.project_save(project=row, content=content, base_revision=row.revision)
                last_goal[project.pk] = goal
        except BaseException as error:  # reported below, with its type (a deadlock is an OperationalError)
            failures.append(error)
        finally:
            connections.close_all()

    _run([threading.Thread(target=write, args=(project,)) for project in projects])
    assert failures == []
    for project in projects:
        row = Project.objects.get(pk=project.pk)
        assert services.project_document(row).goal == last_goal[project.pk]  # nothing lost
        assert row.revision == project.revision + ROUNDS


def test_two_people_saving_one_project_at_once_get_a_conflict_not_an_error(demo: dict[str, Department]) -> None:
    (project,) = _department_with(1, demo)
    row = Project.objects.get(pk=project.pk)
    barrier = threading.Barrier(WRITERS)
    outcomes: list[str] = []

    def write(number: int) -> None:
        try:
            content = dataclasses.replace(services.project_document(row), goal=f"第 {number} 人的目标")
            barrier.wait()
            services.project_save(project=row, content=content, base_revision=row.revision)
            outcomes.append("saved")
        except ConflictError:
            outcomes.append("conflict")
        except BaseException as error:  # pragma: no cover - the assertion below names it
            outcomes.append(repr(error))
        finally:
            connections.close_all()

    _run([threading.Thread(target=write, args=(number,)) for number in range(WRITERS)])
    assert sorted(outcomes) == ["conflict"] * (WRITERS - 1) + ["saved"]
