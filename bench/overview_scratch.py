"""The finance overview's figures aggregated from the base tables in raw SQL, as the overview computed them before
units kept their sums (jixiao.web.monitoring.figures): the benchmark's "same aggregate in raw SQL"
(the floor the overview is held to).

``scratch_query(year, month)`` returns the statement (and its parameters, in the driver's ``%s`` style) giving, for
every unit of the year, the same columns the overview's statement gives from the kept sums, sorted by execution ratio
descending: the sorted first page of 50 and the per-light summary in one ``UNION ALL``, as the page asks for them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

SCRATCH_SQL = """
WITH d AS (
  SELECT dep.id, dep.year, COALESCE(dep.code, org.code) AS code, COALESCE(dep.name, org.name) AS name,
         dep.state, dep.amount_unit, dep.review_errors, dep.review_warnings, dep.review_infos,
         parent.name AS parent_name
  FROM targets_department dep
  JOIN targets_organisation org ON org.id = dep.organisation_id
  LEFT JOIN targets_organisation parent ON parent.id = org.parent_id
  WHERE dep.id IN ({visible})
), reached AS (
  SELECT c.project_id, MAX(c.month) AS month FROM targets_spendingcheckpoint c
  WHERE c.month <= {month} AND c.percent IS NOT NULL
    AND c.project_id IN (SELECT pr.id FROM targets_project pr WHERE pr.department_id IN ({visible}))
  GROUP BY c.project_id
), earliest AS (
  SELECT c.project_id, MIN(c.position) AS position FROM targets_spendingcheckpoint c
  JOIN reached r ON r.project_id = c.project_id AND r.month = c.month
  WHERE c.percent IS NOT NULL GROUP BY c.project_id
), plan AS (
  SELECT c.project_id, CAST(c.percent AS NUMERIC) AS percent FROM targets_spendingcheckpoint c
  JOIN earliest e ON e.project_id = c.project_id AND e.position = c.position
), p AS (
  SELECT pr.department_id AS dept, COUNT(*) AS project_count,
         SUM(CAST(pr.budget_total AS NUMERIC)) AS budget,
         SUM(CAST(pr.budget_total AS NUMERIC) * COALESCE(plan.percent, {time})) AS planned
  FROM targets_project pr LEFT JOIN plan ON plan.project_id = pr.id
  WHERE pr.department_id IN ({visible}) GROUP BY pr.department_id
), pay AS (
  SELECT pr.department_id AS dept, SUM(CAST(m.amount AS NUMERIC)) AS paid_yuan
  FROM monitoring_payment m JOIN targets_project pr ON pr.id = m.project_id
  WHERE pr.department_id IN ({visible}) AND m.date >= {start} AND m.date < {end} GROUP BY pr.department_id
), ev AS (
  SELECT pr.department_id AS dept, COUNT(*) AS evaluated, AVG(CAST(e.total AS NUMERIC)) AS score
  FROM monitoring_evaluation e JOIN targets_project pr ON pr.id = e.project_id
  WHERE pr.department_id IN ({visible}) AND e.total IS NOT NULL GROUP BY pr.department_id
), f AS (
  SELECT d.*, COALESCE(p.project_count, 0) AS project_count, p.budget, p.planned,
         COALESCE(pay.paid_yuan, 0) / (CASE {factor} END) AS paid, COALESCE(ev.evaluated, 0) AS evaluated, ev.score
  FROM d LEFT JOIN p ON p.dept = d.id LEFT JOIN pay ON pay.dept = d.id LEFT JOIN ev ON ev.dept = d.id
), g AS (
  SELECT f.*, f.paid * 100 / NULLIF(f.budget, 0) AS rate, f.planned / NULLIF(f.budget, 0) AS expected FROM f
), h AS (
  SELECT g.*, g.rate * 100 / NULLIF(g.expected, 0) AS ratio FROM g
), k AS (
  SELECT h.*, CASE WHEN h.ratio IS NULL THEN 'none' {light_tests} ELSE 'green' END AS light FROM h
)
"""


def scratch_query(year: int, month: int) -> tuple[str, list[Any]]:
    """The from-scratch statement for every unit of ``year`` up to ``month`` (page of 50 by ratio + light summary)."""
    import importlib

    from jixiao.domain.monitoring.spending import time_progress

    page = importlib.import_module("jixiao.web.results.selectors")
    end = (dt.date(year, month, 1) + dt.timedelta(days=31)).replace(day=1)
    parts: dict[str, tuple[str, list[Any]]] = {
        "visible": ("SELECT id FROM targets_department WHERE year = %s", [year]),
        "month": ("CAST(%s AS INTEGER)", [month]),
        "time": (page.NUMBER, [str(time_progress(month))]),
        "start": ("%s", [dt.date(year, 1, 1).isoformat()]),
        "end": ("%s", [end.isoformat()]),
        "factor": (page.unit_factor("d.amount_unit"), []),
        **page.light_parts(),
    }
    sql, params = page.fill(SCRATCH_SQL, parts)
    last = "(CASE WHEN {0} IS NULL THEN 1 ELSE 0 END), {0} DESC"
    order = f"{last.format('ratio')}, {last.format('code')}, id"
    sql += (
        f"SELECT * FROM (SELECT 0 AS part, id, code, budget, paid, rate, expected, ratio, light FROM k ORDER BY {order}"
        " LIMIT 50) AS shown UNION ALL SELECT 1, COUNT(*), NULL, SUM(budget), SUM(paid), NULL, NULL, NULL, light"
        " FROM k GROUP BY light"
    )
    return sql, params
