"""Benchmark: the department page and the project page with 20,000 projects / 300,000 indicators in SQLite.

Run: ``.venv/bin/python bench/bench_pages.py [--departments 2000] [--projects 10] [--indicators 15] [--rounds 50]``

The database is generated once into ``bench/.data/`` (bulk inserts of projects shaped like the seed's, about a
minute) and reused by later runs with the same sizes. Pages are rendered through Django's full stack (middleware,
session login, templates) by the test client, as an editor of one department would see them; the figures are
medians and p95 of wall time per request. Target (a page that feels instant): median < 100 ms for both pages.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))


def configure(path: Path) -> None:
    os.environ["JIXIAO_DATA_DIR"] = str(path.parent)
    os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    os.environ["JIXIAO_TESTING"] = "true"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jixiao.web.settings")
    import django

    django.setup()
    from django.conf import settings

    settings.ALLOWED_HOSTS = ["testserver"]
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def generate(departments: int, projects: int, indicators: int) -> None:
    """Bulk-insert departments of projects shaped like the seed's (values varied so rules have work to do)."""
    from django.contrib.auth import get_user_model
    from django.db import transaction

    from jixiao.formats import read_path
    from jixiao.web.records import conversion
    from jixiao.web.records import models as db

    seed = read_path(HERE.parent / "jixiao" / "demo" / "seed_287001_2021.txt").document
    template = [conversion.indicator_fields(i) for p in seed.projects for i in p.indicators]
    finance = db.Organisation.objects.create(code="F000", name="测试市财政局", kind="finance")
    with transaction.atomic():
        for d in range(departments):
            organisation = db.Organisation.objects.create(
                code=f"U{d:05d}", name=f"测试单位{d}", kind="unit", parent=finance
            )
            department = db.Department.objects.create(
                organisation=organisation,
                year=2021,
                code=f"U{d:05d}",
                name=f"测试单位{d}",
                amount_unit="万元",
                has_overall=True,
                overall_goal="做好本单位各项工作，提高服务对象满意度。",
            )
            rows = db.Project.objects.bulk_create(
                db.Project(
                    department=department,
                    position=p,
                    code=f"13030421{d:05d}{p:04d}XXXX",
                    name=f"测试项目{d}-{p}",
                    has_unit=True,
                    unit_code=f"U{d:05d}",
                    unit_name=f"测试单位{d}(本级)",
                    budget_total=Decimal("12.50"),
                    budget_fiscal=Decimal("12.50"),
                    budget_other=Decimal("0"),
                    fund_use="主要用于项目日常运转。",
                    goal="1.保障项目顺利实施。",
                )
                for p in range(projects)
            )
            db.Indicator.objects.bulk_create(
                db.Indicator(project=row, position=i, **{**template[(p * 7 + i) % len(template)], "level3": f"指标{i}"})
                for p, row in enumerate(rows)
                for i in range(indicators)
            )
        user = get_user_model().objects.create_user("bench", password="bench-password-1")
        db.Membership.objects.create(user=user, organisation=db.Organisation.objects.get(code="U00000"), role="editor")


def measure(url: str, rounds: int) -> tuple[float, float]:
    from django.test import Client

    client = Client()
    assert client.login(username="bench", password="bench-password-1")
    assert client.get(url).status_code == 200
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        response = client.get(url)
        times.append(time.perf_counter() - start)
        assert response.status_code == 200
    times.sort()
    return statistics.median(times) * 1000, times[max(0, int(len(times) * 0.95) - 1)] * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--departments", type=int, default=2000)
    parser.add_argument("--projects", type=int, default=10)
    parser.add_argument("--indicators", type=int, default=15)
    parser.add_argument("--rounds", type=int, default=50)
    args = parser.parse_args()
    path = HERE / ".data" / f"pages-{args.departments}x{args.projects}x{args.indicators}.sqlite3"
    fresh = not path.exists()
    path.parent.mkdir(exist_ok=True)
    start = time.perf_counter()
    configure(path)
    if fresh:
        generate(args.departments, args.projects, args.indicators)
        print(f"generated in {time.perf_counter() - start:.1f} s")
    from jixiao.web.records import models as db

    print(f"{db.Project.objects.count()} projects, {db.Indicator.objects.count()} indicators in SQLite")
    department = db.Department.objects.get(code="U00000")
    project = department.projects.order_by("position").first()
    assert project is not None
    for name, url in (
        ("department page", f"/departments/{department.pk}/"),
        ("project page", f"/projects/{project.pk}/"),
    ):
        median, p95 = measure(url, args.rounds)
        print(f"  {name:16s} median {median:7.1f} ms   p95 {p95:7.1f} ms")


if __name__ == "__main__":
    main()
