"""``jixiao review-all``: re-review every department after the locality profile (``JIXIAO_PROFILE``) or the rules
changed, so that the counts on home and the finance overview and the stored findings are current again before
anyone opens each department.

Departments go in small batches (:func:`services.departments_refresh_review`: the review outside any transaction,
one short transaction per batch to store), selected by primary key from where the last batch stopped, so memory
stays bounded whatever the number. One audit entry records the run.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from typing import Any, TextIO

from django.db.models import QuerySet

from jixiao.web.audit.services import audit_record
from jixiao.web.progress import progress_bar
from jixiao.web.records import models as db
from jixiao.web.records import review, services

# Departments per storing transaction. Storing one takes 10-20 ms (mostly the project counts' bulk update), so a
# batch holds its rows (PostgreSQL) or SQLite's write lock for about 0.2 s; the review runs outside it.
BATCH = 10


@dataclass(slots=True)
class Summary:
    """What a run did; ``busy`` are the departments a save held or changed meanwhile, even after one retry."""

    profile: str
    selected: int = 0
    reviewed: int = 0
    changed: int = 0
    busy: list[int] = field(default_factory=list)
    before: dict[str, int] = field(default_factory=lambda: {"error": 0, "warning": 0, "info": 0})
    after: dict[str, int] = field(default_factory=lambda: {"error": 0, "warning": 0, "info": 0})

    def params(self) -> dict[str, Any]:
        """The ``reviewall.done`` message's params: the counts, and the totals as ``errors_before`` etc."""
        totals = {
            f"{kind}s_{when}": counts[kind]
            for when, counts in (("before", self.before), ("after", self.after))
            for kind in counts
        }
        return {"reviewed": self.reviewed, "changed": self.changed, "profile": self.profile, **totals}

    def add(self, result: services.ReviewRefresh) -> None:
        self.reviewed += result.reviewed
        self.changed += result.changed
        for key in self.before:
            self.before[key] += result.before[key]
            self.after[key] += result.after[key]


def departments_to_review(*, year: int | None = None, stale_only: bool = True) -> QuerySet[db.Department]:
    """The departments of ``year`` (all years: None); with ``stale_only`` only those whose stored findings are
    missing or were computed under another profile or rule set (their counts were stored with them)."""
    rows = db.Department.objects.all()
    if year is not None:
        rows = rows.filter(year=year)
    if stale_only:
        name, fingerprint = review.stored_key()
        current = db.StoredReview.objects.filter(profile=name, fingerprint=fingerprint).values("department")
        rows = rows.exclude(pk__in=current)
    return rows


def review_all(
    *, year: int | None = None, stale_only: bool = True, batch: int = BATCH, stream: TextIO | None = sys.stderr
) -> Summary:
    """Re-review the selected departments batch by batch, retry once those a save held, and audit the run."""
    rows = departments_to_review(year=year, stale_only=stale_only)
    summary = Summary(profile=review.profile().name, selected=rows.count())
    progress = progress_bar(summary.selected, stream, verb="审核", noun="部门目标")
    busy: list[int] = []
    last = 0
    while pks := list(rows.filter(pk__gt=last).order_by("pk").values_list("pk", flat=True)[:batch]):
        last = pks[-1]
        result = services.departments_refresh_review(departments=pks)
        summary.add(result)
        busy.extend(result.busy)
        progress.update(len(pks) - len(result.busy))
    for first in range(0, len(busy), batch):
        result = services.departments_refresh_review(departments=busy[first : first + batch])
        summary.add(result)
        summary.busy.extend(result.busy)
        progress.update(result.reviewed)
    progress.close()
    if summary.selected:
        _audit(summary, year=year, stale_only=stale_only)
    return summary


def _audit(summary: Summary, *, year: int | None, stale_only: bool) -> None:
    audit_record(
        action="jixiao.system.reviewed",
        params={
            "profile": summary.profile,
            "fingerprint": review.stored_key()[1],
            "year": year,
            "stale_only": stale_only,
            "selected": summary.selected,
            "reviewed": summary.reviewed,
            "changed": summary.changed,
            "busy": summary.busy,
            "before": summary.before,
            "after": summary.after,
        },
    )
