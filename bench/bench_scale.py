"""Benchmark: page rendering at city scale on SQLite and PostgreSQL, and the finance overview against its SQL floor.

Run: ``.venv/bin/python bench/bench_scale.py [--units 2000] [--projects 10] [--indicators 12-18] [--rounds 30]
[--database sqlite|postgres|both]``

Data: ``jixiao demo generate`` with those sizes and seed 1 (12–18 indicators per project make the target city size:
300,000 indicators for 20,000 projects). The SQLite file is kept in ``bench/.data/`` and reused; PostgreSQL 15 runs in a
throw-away cluster (tests/pgcluster.py) and is generated afresh each run, so generation is timed there too.

Pages go through Django's whole stack (middleware, session, templates) with the test client, logged in once per
persona: home, the overview and its export as the finance reviewer (all units); a unit's department and project
pages as its editor. Figures are medians and p95 of wall time per request. The overview's floor is the same
statement it runs (the sorted page of 50 and the light summary, read from the units' kept sums) executed through the
bare DB-API cursor; the ratio is page median ÷ floor median (target ≤ 1.5). "From base tables" is the same
figures aggregated from projects, checkpoints and payments in raw SQL (bench/overview_scratch.py: how the overview
worked before units kept sums). Each database runs in its own child process (Django is configured once per process).
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))


def stats(times: list[float]) -> dict[str, float]:
    times = sorted(times)
    return {
        "median_ms": round(statistics.median(times) * 1000, 1),
        "p95_ms": round(times[max(0, int(len(times) * 0.95 + 0.5) - 1)] * 1000, 1),
        "n": len(times),
    }


def timed(call: Callable[[], Any], rounds: int) -> list[float]:
    call()  # warm: templates compiled, caches filled
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return times


def configure(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ["JIXIAO_TESTING"] = "true"
    os.environ["JIXIAO_DEBUG"] = "false"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jixiao.web.settings")
    import django

    django.setup()
    from django.conf import settings

    settings.ALLOWED_HOSTS = ["testserver"]
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def child(args: argparse.Namespace) -> dict[str, Any]:
    """Generate (if needed) and measure in this process; returns the figures."""
    configure(args.database_url)
    from django.test import Client

    from jixiao.web.generate import USER_PREFIX, Scale, generate
    from jixiao.web.records import models as db

    result: dict[str, Any] = {"database": args.database_url.split(":", 1)[0]}
    if not db.Organisation.objects.exists():
        low, _, high = args.indicators.partition("-")
        start = time.perf_counter()
        counts = generate(
            Scale(
                units=args.units,
                projects_per_unit=args.projects,
                seed=1,
                indicator_range=(int(low), int(high or low)),
            )
        )
        result["generate_s"] = round(time.perf_counter() - start, 1)
        result["generated"] = counts.rows
    result["rows"] = {
        "departments": db.Department.objects.count(),
        "projects": db.Project.objects.count(),
        "indicators": db.Indicator.objects.count(),
    }
    from django.db import connection

    from jixiao.web.monitoring import figures

    start = time.perf_counter()  # units kept no sums before migration 0002 (the SQLite file may predate it)
    filled = figures.refresh_stale(db.Department.objects.all())
    result["figures_fill"] = {"units": filled, "s": round(time.perf_counter() - start, 2)}
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    finance, editor = Client(), Client()
    assert finance.login(username=f"{USER_PREFIX}finance", password="jixiao-demo")
    assert editor.login(username=f"{USER_PREFIX}unit00001", password="jixiao-demo")
    department = db.Department.objects.get(code="U00001")
    project = department.projects.order_by("position").first()
    assert project is not None
    year = department.year
    pages: dict[str, tuple[Client, str]] = {
        "home (finance, all units, paged)": (finance, "/"),
        "department (editor)": (editor, f"/departments/{department.pk}/"),
        "project (editor)": (editor, f"/projects/{project.pk}/"),
        "overview (finance, sorted by code)": (finance, f"/overview/?year={year}"),
        "overview (finance, by ratio desc)": (finance, f"/overview/?year={year}&sort=-ratio"),
        "overview (finance, red lights)": (finance, f"/overview/?year={year}&light=red&sort=-budget"),
        "overview CSV export (all units)": (finance, f"/overview/?year={year}&format=csv"),
    }
    result["pages"] = {}
    for name, (client, url) in pages.items():

        def get(client: Client = client, url: str = url) -> None:
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)

        result["pages"][name] = stats(timed(get, args.rounds))

    def after_a_write() -> None:  # a unit's data changed since the last view: its sums are recomputed first
        figures.touch([department.pk])
        response = finance.get(f"/overview/?year={year}&sort=-ratio")
        assert response.status_code == 200

    result["pages"]["overview right after a unit's write"] = stats(timed(after_a_write, args.rounds))
    result["floor"] = floor(year, args.rounds)
    result["scratch"] = scratch(year, args.rounds)
    page = result["pages"]["overview (finance, by ratio desc)"]["median_ms"]
    result["overview_ratio"] = round(page / result["floor"]["median_ms"], 2)
    result["scratch_ratio"] = round(page / result["scratch"]["median_ms"], 2)
    return result


def _raw_timer(queries: list[tuple[str, list[Any]]], rounds: int) -> dict[str, float]:
    """Median and p95 of running ``queries`` through the bare DB-API cursor (on PostgreSQL each in a transaction
    with JIT off, as the page runs its statement)."""
    from django.db import connection

    connection.ensure_connection()
    raw = connection.connection  # the driver's own connection: no Django in the loop
    placeholder = "?" if connection.vendor == "sqlite" else "%s"
    # the driver's own parameter types: Django's SQLite backend passes dates and Decimals as text, so do we
    plain = [[p if isinstance(p, int | str) else str(p) for p in params] for _, params in queries]
    postgres = connection.vendor == "postgresql"

    def run() -> None:
        cursor = raw.cursor()
        for (sql, _), params in zip(queries, plain, strict=True):
            if postgres:
                cursor.execute("BEGIN")
                cursor.execute("SET LOCAL jit = off")
            cursor.execute(sql.replace("%s", placeholder), params)
            cursor.fetchall()
            if postgres:
                cursor.execute("COMMIT")
        cursor.close()

    return stats(timed(run, rounds))


def scratch(year: int, rounds: int) -> dict[str, float]:
    """The same figures aggregated from projects, checkpoints, payments and evaluations in raw SQL (no kept sums)."""
    from bench.overview_scratch import scratch_query

    return _raw_timer([scratch_query(year, 12)], rounds)


def floor(year: int, rounds: int) -> dict[str, float]:
    """The overview's own statement (sorted first page and light summary, from the kept sums) through the bare
    DB-API cursor."""
    from jixiao.web.records import models as db

    page = importlib.import_module("jixiao.web.results.selectors")

    statement = page.figures(db.Department.objects.filter(year=year), year, 12)
    filters = page.Filters(year=year, month=12, state="", light="", query="", sort="ratio", descending=True)
    return _raw_timer([page.page_and_summary_query(statement, filters, offset=0)], rounds)


def report(result: dict[str, Any]) -> None:
    print(f"== {result['database']}: {result['rows']}")
    if "generate_s" in result:
        print(f"  generated in {result['generate_s']} s: {result['generated']}")
    for name, figures in result["pages"].items():
        print(f"  {name:40s} median {figures['median_ms']:7.1f} ms   p95 {figures['p95_ms']:7.1f} ms")
    print(f"  kept sums filled for {result['figures_fill']['units']} units in {result['figures_fill']['s']} s")
    print(f"  {'overview SQL floor (raw cursor)':40s} median {result['floor']['median_ms']:7.1f} ms", end="")
    print(f"   p95 {result['floor']['p95_ms']:7.1f} ms   ratio {result['overview_ratio']}×")
    print(f"  {'same aggregate from base tables (raw)':40s} median {result['scratch']['median_ms']:7.1f} ms", end="")
    print(f"   p95 {result['scratch']['p95_ms']:7.1f} ms   ratio {result['scratch_ratio']}×")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--units", type=int, default=2000)
    parser.add_argument("--projects", type=int, default=10)
    parser.add_argument("--indicators", default="12-18")
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--database", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--database-url", help=argparse.SUPPRESS)  # the child's database
    args = parser.parse_args()
    if args.database_url:
        print(json.dumps(child(args)))
        return
    forward = ["--units", str(args.units), "--projects", str(args.projects), "--indicators", args.indicators]
    forward += ["--rounds", str(args.rounds)]

    def run(url: str) -> None:
        output = subprocess.run(
            [sys.executable, __file__, *forward, "--database-url", url], check=True, stdout=subprocess.PIPE, text=True
        ).stdout
        report(json.loads(output.strip().splitlines()[-1]))

    if args.database in ("sqlite", "both"):
        path = HERE / ".data" / f"scale-{args.units}x{args.projects}x{args.indicators}.sqlite3"
        path.parent.mkdir(exist_ok=True)
        run(f"sqlite:///{path}")
    if args.database in ("postgres", "both"):
        from tests.pgcluster import cluster

        with cluster() as url:
            run(url)


if __name__ == "__main__":
    main()
