"""Twenty writers on SQLite, the zero-setup default: a real database file, one connection per writer, as twenty
server threads would have. SQLite takes one writer at a time (IMMEDIATE transactions, JIXIAO_SQLITE_TIMEOUT), so the
saves queue: no "database is locked", no lost update."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

SCRIPT = r"""
import dataclasses, threading
import django
django.setup()
from django.core.management import call_command
from django.db import connections
call_command("migrate", interactive=False, verbosity=0)
from jixiao.web.demo import demo_load
demo_load()
from jixiao.web.records import services
from jixiao.web.records.models import Department, Project
seed = Department.objects.get(code="287001")
template = services.project_document(seed.projects.order_by("position").first())
for n in range(20 - seed.projects.count()):
    services.project_create(department=seed, content=dataclasses.replace(template, code=f"S{n:03d}", name=f"并发{n}"))
projects = list(seed.projects.order_by("position", "id"))[:20]
barrier, failures, last = threading.Barrier(20), [], {}

def write(project):
    try:
        barrier.wait()
        for round_ in range(3):
            row = Project.objects.get(pk=project.pk)
            goal = f"第 {round_} 轮 {project.pk}"
            services.project_save(project=row, content=dataclasses.replace(services.project_document(row), goal=goal),
                                  base_revision=row.revision)
            last[project.pk] = goal
    except BaseException as error:
        failures.append(repr(error))
    finally:
        connections.close_all()

threads = [threading.Thread(target=write, args=(p,)) for p in projects]
for t in threads: t.start()
for t in threads: t.join(120)
lost = [p.pk for p in projects if services.project_document(Project.objects.get(pk=p.pk)).goal != last.get(p.pk)]
print("failures", len(failures), failures[:2], "lost", lost)
"""


def test_twenty_writers_on_a_sqlite_file_queue_without_errors_or_lost_updates(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JIXIAO_", "DJANGO_", "DATABASE_URL"))}
    env.update(
        {
            "JIXIAO_DATA_DIR": str(tmp_path),
            "DJANGO_SETTINGS_MODULE": "jixiao.web.settings",
            "JIXIAO_SECRET_KEY": "a-real-secret-for-this-test-only-0123456789",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'jixiao.sqlite3'}",
        }
    )
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True, check=False, timeout=600
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "failures 0 [] lost []" in result.stdout, result.stdout + result.stderr[-2000:]
