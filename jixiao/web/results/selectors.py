"""The finance overview's figures (总览): every unit the user may see for one year — budget, execution against the
spending plan and time with its light, review status, workflow state and self-evaluation — in one statement.

Every figure comes from one statement over the units' kept sums (:mod:`jixiao.web.monitoring.figures`, brought up to
date first), so the page costs the same few queries for ten units or twenty thousand. Execution follows
docs/domain/monitoring.md#budget-execution-against-plan-and-time and :mod:`jixiao.domain.monitoring.spending`: payments
of the year up to the end of the chosen month, in the document's amount unit, against the budget; the expectation is
each project's latest reached plan checkpoint (time progress, month/12, for a project without a plan), weighted by
budget; the light's ratio is execution ÷ expectation × 100, tested as :func:`jixiao.domain.monitoring.model.light_for`
tests it (the statement's branches are generated from the same steps; tests/web/test_overview.py checks they agree).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import connection, transaction
from django.db.models import Q, QuerySet

from jixiao.domain.monitoring.ledger import UNIT_FACTORS
from jixiao.domain.monitoring.model import LIGHT_OTHERWISE, OVER_BUDGET, Light, light_steps
from jixiao.domain.profiles.scoring import LightBands
from jixiao.domain.scoring.engine import grade_for
from jixiao.domain.workflow import State
from jixiao.web.monitoring import figures as unit_figures
from jixiao.web.monitoring.selectors import scoring
from jixiao.web.records import models as db
from jixiao.web.records import permissions
from jixiao.web.requests import Visitor

PAGE_SIZE = 50
NO_LIGHT = "none"
LIGHT_LABELS = {**{light.value: light.label for light in Light}, NO_LIGHT: "无预算"}


@dataclass(frozen=True, slots=True)
class Filters:
    """The page's query string, validated: unknown values fall back to the defaults rather than erroring."""

    year: int | None
    month: int
    state: str
    light: str
    query: str
    sort: str
    descending: bool

    def params(self, **changes: Any) -> str:
        """The query string of these filters with ``changes`` (for sort links, pages and exports)."""
        from urllib.parse import urlencode

        values = {
            "year": self.year or "",
            "month": self.month,
            "state": self.state,
            "light": self.light,
            "q": self.query,
            "sort": ("-" if self.descending else "") + self.sort,
            **changes,
        }
        return urlencode({key: value for key, value in values.items() if value not in ("", None)})


# The overview in one statement over the units' kept sums (jixiao.web.monitoring.figures: one row per unit, brought
# up to date before the statement runs), so its cost is one pass over the visible units, whatever their number of
# projects and payments. The month chooses the columns of plan and payments; the light and the sort keys are computed
# once per unit from named columns.
FIGURES_SQL = """
WITH d AS (
  SELECT dep.id, dep.year, COALESCE(dep.code, org.code) AS code, COALESCE(dep.name, org.name) AS name,
         dep.state, dep.amount_unit, dep.review_errors, dep.review_warnings, dep.review_infos,
         parent.name AS parent_name, COALESCE(f.project_count, 0) AS project_count, f.budget,
         f.{planned} AS planned, COALESCE(f.{paid}, 0) / (CASE {factor} END) AS paid,
         COALESCE(f.evaluated, 0) AS evaluated, f.score_sum / NULLIF(f.evaluated, 0) AS score
  FROM targets_department dep
  JOIN targets_organisation org ON org.id = dep.organisation_id
  LEFT JOIN targets_organisation parent ON parent.id = org.parent_id
  LEFT JOIN monitoring_unitfigures f ON f.department_id = dep.id
  WHERE dep.id IN ({visible})
), g AS (
  SELECT d.*, d.paid * 100 / NULLIF(d.budget, 0) AS rate, d.planned * 100 / NULLIF(d.budget, 0) AS expected FROM d
), h AS (
  SELECT g.*, g.rate * 100 / NULLIF(g.expected, 0) AS ratio FROM g
), k AS (
  SELECT h.*, CASE WHEN h.rate > {over_budget} THEN 'over' WHEN h.ratio IS NULL THEN 'none' {light_tests}
                   ELSE '{otherwise}' END AS light FROM h
)
"""
FIELDS = [
    "id", "year", "code", "name", "state", "amount_unit", "review_errors", "review_warnings", "review_infos",
    "parent_name", "project_count", "budget", "planned", "paid", "evaluated", "score", "rate", "expected", "ratio",
    "light",
]  # fmt: skip
ORDER_COLUMNS = {
    "code": ["code"],
    "name": ["name", "code"],
    "budget": ["budget", "code"],
    "rate": ["rate", "code"],
    "ratio": ["ratio", "code"],
    "errors": ["review_errors", "review_warnings", "code"],
    "score": ["score", "code"],
    "state": ["state", "code"],
}


@dataclass(frozen=True, slots=True)
class Figures:
    """The overview's statement for one user and filter set: ``sql`` ends at the CTEs; select from ``k``."""

    sql: str
    params: list[Any]


def figures(departments: QuerySet[db.Department], year: int, month: int) -> Figures:
    """The statement computing every overview figure for ``departments`` in ``year`` up to ``month`` (after
    bringing their kept sums up to date)."""
    unit_figures.refresh_stale(departments)
    visible = departments.order_by().values("pk").query.sql_with_params()
    parts: dict[str, tuple[str, list[Any]]] = {
        "visible": (visible[0], list(visible[1])),
        "planned": (unit_figures.planned_column(month), []),
        "paid": (unit_figures.paid_column(month), []),
        "factor": (unit_factor("dep.amount_unit"), []),
        **light_parts(),
        "otherwise": (LIGHT_OTHERWISE.value, []),
    }
    return Figures(*fill(FIGURES_SQL, parts))


NUMBER = "CAST(%s AS NUMERIC)"  # SQLite would compare a number with a text parameter as always smaller


def unit_factor(column: str) -> str:
    """The CASE branches turning 元 into the amount unit named in ``column`` (an unknown unit counts as 万元, as
    monitoring does)."""
    factor = " ".join(f"WHEN {column} = '{unit}' THEN {factor}" for unit, factor in UNIT_FACTORS.items())
    return factor + f" ELSE {UNIT_FACTORS['万元']}"


def light_parts(bands: LightBands | None = None) -> dict[str, tuple[str, list[Any]]]:
    """The light's tests (the domain's :func:`~jixiao.domain.monitoring.model.light_steps` with the site profile's
    bands) as the statement part ``{light_tests}``: ``WHEN`` branches in the same order, with bound thresholds; and
    ``{over_budget}``, the execution rate above which the light is 超支 whatever the ratio (as ``spending_light``)."""
    steps = light_steps(bands or scoring().lights)
    sql = " ".join(f"WHEN h.ratio {comparison} {NUMBER} THEN '{light.value}'" for light, comparison, _ in steps)
    return {
        "over_budget": (NUMBER, [str(OVER_BUDGET)]),
        "light_tests": (sql, [str(threshold) for _, _, threshold in steps]),
    }


def fill(template: str, parts: dict[str, tuple[str, list[Any]]]) -> tuple[str, list[Any]]:
    """``template`` with each ``{name}`` replaced by its part's SQL, and the parts' parameters in statement order."""
    params: list[Any] = []

    def bind(match: re.Match[str]) -> str:
        sql, values = parts[match.group(1)]
        params.extend(values)
        return sql

    return re.sub(r"\{(\w+)\}", bind, template), params


def _fetch(sql: str, params: list[Any]) -> list[tuple[Any, ...]]:
    """Run one overview statement. On PostgreSQL without JIT: the statement's estimated cost passes the JIT threshold
    at city scale, and compiling it took 270 ms of an 850 ms run (for nothing: it runs once). ``SET LOCAL`` lasts
    only for this transaction, so it is safe behind PgBouncer's transaction pooling."""
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL jit = off")
        cursor.execute(sql, params)
        return list(cursor.fetchall())


def _by_light(lines: list[tuple[Any, ...]]) -> dict[str, dict[str, Any]]:
    return {light: {"count": n, "budget": budget, "paid": paid} for light, n, budget, paid in lines}


def page_and_summary_query(stmt: Figures, filters: Filters, *, offset: int) -> tuple[str, list[Any]]:
    """One page of units and the per-light summary in one statement: ``k`` is computed once for both (the
    aggregates are the whole cost); the summary's lines come after the page's as ``part`` 1, and ``seq`` keeps the
    page's order through the UNION."""
    columns = ", ".join(FIELDS)
    tally = {"id": "COUNT(*)", "budget": "SUM(budget)", "paid": "SUM(paid)", "light": "light"}
    padded = ", ".join(tally.get(name, "NULL") for name in FIELDS)
    where, params = ("WHERE light = %s", [filters.light]) if filters.light else ("", [])
    order = _order(filters)
    sql = (
        f"{stmt.sql}SELECT * FROM (SELECT 0 AS part, ROW_NUMBER() OVER (ORDER BY {order}) AS seq, {columns} FROM k"
        f" {where} ORDER BY {order} LIMIT %s OFFSET %s) AS shown"
        f" UNION ALL SELECT 1, NULL, {padded} FROM k GROUP BY light ORDER BY 1, 2"
    )
    return sql, [*stmt.params, *params, PAGE_SIZE, offset]


def page_and_summary(
    stmt: Figures, filters: Filters, *, offset: int
) -> tuple[list[dict[str, Any]], dict[str, dict[str, Any]]]:
    """The page's units (dicts of :data:`FIELDS`) and, per light, how many units and their budget and payments."""
    rows, lights = [], []
    for part, _, *line in _fetch(*page_and_summary_query(stmt, filters, offset=offset)):
        record = dict(zip(FIELDS, line, strict=True))
        if part == 0:
            rows.append(record)
        else:
            lights.append((record["light"], record["id"], record["budget"], record["paid"]))
    return rows, _by_light(lights)


def _order(filters: Filters) -> str:
    """The ORDER BY of the chosen sort: empty figures last in both directions, the id as the final tie-break."""
    direction = "DESC" if filters.descending else "ASC"
    keys = [f"(CASE WHEN {name} IS NULL THEN 1 ELSE 0 END), {name} {direction}" for name in ORDER_COLUMNS[filters.sort]]
    return ", ".join([*keys, "id"])


def page_query(stmt: Figures, filters: Filters, *, limit: int | None, offset: int = 0) -> tuple[str, list[Any]]:
    """The statement selecting one page (or all, ``limit=None``) of :data:`FIELDS`, filtered by light and sorted."""
    sql = stmt.sql + f"SELECT {', '.join(FIELDS)} FROM k"
    params = list(stmt.params)
    if filters.light:
        sql += " WHERE light = %s"
        params.append(filters.light)
    sql += f" ORDER BY {_order(filters)}"
    if limit is not None:
        sql += " LIMIT %s OFFSET %s"
        params += [limit, offset]
    return sql, params


def page_rows(stmt: Figures, filters: Filters, *, limit: int | None, offset: int = 0) -> list[dict[str, Any]]:
    """The units of one page (or all) as dicts of :data:`FIELDS`."""
    return [
        dict(zip(FIELDS, line, strict=True)) for line in _fetch(*page_query(stmt, filters, limit=limit, offset=offset))
    ]


def visible_for(user: Visitor, filters: Filters) -> QuerySet[db.Department]:
    """The departments the user may see in the filtered year, by state and search text (light is filtered later)."""
    departments = permissions.visible_departments(user).filter(year=filters.year)
    if filters.state:
        departments = departments.filter(state=filters.state)
    if filters.query:
        q = filters.query
        departments = departments.filter(
            Q(name__icontains=q)
            | Q(code__icontains=q)
            | Q(organisation__name__icontains=q)
            | Q(organisation__parent__name__icontains=q)
        )
    return departments


def years_visible(user: Visitor) -> list[int]:
    visible = permissions.visible_departments(user).filter(year__isnull=False)
    return [year for year in visible.order_by("-year").values_list("year", flat=True).distinct() if year is not None]


def cents(value: Decimal | float | int | None) -> Decimal | None:
    """A figure rounded for display to two decimals (amounts in the document's unit, percentages, scores)."""
    return None if value is None else Decimal(str(value)).quantize(Decimal("0.01"))


def row_of(line: dict[str, Any]) -> dict[str, Any]:
    """What a table row or an export line shows of one unit (figures rounded to 0.01; SQLite returns floats)."""
    score = cents(line["score"])
    return {
        **line,
        **{key: cents(line[key]) for key in ("budget", "paid", "rate", "expected", "ratio")},
        "state": State(line["state"]),
        "light_label": LIGHT_LABELS[line["light"]],
        "counts": {"error": line["review_errors"], "warning": line["review_warnings"], "info": line["review_infos"]},
        "score": score,
        "grade": grade_for(score, scoring().grades).value if score is not None else "",
    }
