"""The in-year data a project holds (payments, monitoring, self-evaluation) and how a re-import keeps it.

"Data is never lost": a project's payments, monitoring reports and self-evaluation hang on the project row, so the
services refuse to delete a project that has any, and a re-import updates the existing projects in place, matched
by 项目编码 (by 项目名称 when one side has no code), instead of deleting and recreating them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from django.core.exceptions import ImproperlyConfigured

from jixiao.domain import model as domain
from jixiao.domain.monitoring.keys import indicator_keys, key_label  # the one definition of an entry's key
from jixiao.web.records import models as db


@dataclass(frozen=True, slots=True)
class InYearData:
    """How much in-year data one project has; ``keys`` are the indicator keys its monitoring/evaluation rows use."""

    payments: int = 0
    reports: int = 0
    report_rows: int = 0
    evaluation_rows: int | None = None  # None: no self-evaluation saved
    keys: frozenset[str] = frozenset()

    def __bool__(self) -> bool:
        return bool(self.payments or self.reports or self.evaluation_rows is not None)

    def __str__(self) -> str:
        parts = []
        if self.payments:
            parts.append(f"支付记录 {self.payments} 笔")
        if self.reports:
            parts.append(f"绩效监控 {self.reports} 期（{self.report_rows} 条指标记录）")
        if self.evaluation_rows is not None:
            parts.append(f"绩效自评 1 份（{self.evaluation_rows} 条指标记录）")
        return "、".join(parts)


InYearCounter = Callable[[list[int]], dict[int, InYearData]]
_counters: list[InYearCounter] = []


def register_counter(counter: InYearCounter) -> None:
    """The app that stores in-year data (monitoring) registers how to count it, so this app need not import it."""
    if counter not in _counters:
        _counters.append(counter)


def in_year_data(project_ids: Iterable[int]) -> dict[int, InYearData]:
    """The in-year data of the given projects, by project id (only those with some).

    Refuses to answer when no app has registered a counter: "no data" would let a project holding payments be
    deleted."""
    if not _counters:
        raise ImproperlyConfigured("no in-year data counter registered (is jixiao.web.monitoring installed?)")
    ids = list(project_ids)
    found: dict[int, InYearData] = {}
    for counter in _counters:
        found.update(counter(ids))
    return found


def project_label(row: db.Project) -> str:
    """“名称”（编码 …） as messages name a project."""
    name = f"“{row.name or row.code or f'#{row.pk}'}”"
    return f"{name}（编码 {row.code}）" if row.code else name


def _clean(text: str | None) -> str:
    return (text or "").strip()


def match_projects(existing: Sequence[db.Project], projects: Sequence[domain.Project]) -> dict[int, db.Project]:
    """Document index → existing project. Where both have a code the code decides (two codes never match);
    otherwise the same name does. Each project matches at most once, the earlier ones first."""
    by_code: dict[str, list[db.Project]] = defaultdict(list)
    for row in existing:
        if _clean(row.code):
            by_code[_clean(row.code)].append(row)
    matches = {}
    for index, project in enumerate(projects):
        if by_code.get(_clean(project.code)):
            matches[index] = by_code[_clean(project.code)].pop(0)
    taken = {row.pk for row in matches.values()}
    by_name: dict[str, list[db.Project]] = defaultdict(list)
    for row in existing:
        if row.pk not in taken and _clean(row.name):
            by_name[_clean(row.name)].append(row)
    for index, project in enumerate(projects):
        if index in matches or not _clean(project.name):
            continue
        candidates = by_name[_clean(project.name)]
        found = next((row for row in candidates if not (_clean(project.code) and _clean(row.code))), None)
        if found is not None:
            candidates.remove(found)
            matches[index] = found
    return matches


@dataclass(frozen=True, slots=True)
class Kept:
    """An existing project matched to the document's project at ``index``; its in-year data stays on it."""

    project: db.Project
    index: int
    data: InYearData
    unmatched_keys: tuple[str, ...]  # monitoring/evaluation entries whose indicator the new targets no longer have

    @property
    def unmatched_names(self) -> list[str]:
        """The unmatched keys as people read them: the 三级指标, and which of its namesakes (``名称#1`` → 第 2 个)."""
        return [key_label(key) for key in self.unmatched_keys]


@dataclass(frozen=True, slots=True)
class ImportPlan:
    """How replacing a department's targets treats its projects: updated in place, created, or deleted."""

    matches: dict[int, db.Project] = field(default_factory=dict)  # document index → existing project
    removed: list[db.Project] = field(default_factory=list)  # existing projects the document no longer has
    data: dict[int, InYearData] = field(default_factory=dict)  # in-year data by existing project id
    kept: list[Kept] = field(default_factory=list)

    @property
    def lost(self) -> list[tuple[db.Project, InYearData]]:
        """Removed projects that have in-year data: replacing would delete it, so the import is refused."""
        return [(row, self.data[row.pk]) for row in self.removed if row.pk in self.data]

    def lost_text(self) -> str:
        return "；".join(f"{project_label(row)}：{data}" for row, data in self.lost)


def import_plan(*, existing: Sequence[db.Project], document: domain.TargetDocument) -> ImportPlan:
    """What replacing ``existing`` (in their order) by the document's projects does; reads the in-year data."""
    matches = match_projects(existing, document.projects)
    matched = {row.pk for row in matches.values()}
    data = in_year_data(row.pk for row in existing)
    kept = []
    for index, row in matches.items():
        if row.pk in data:
            unmatched = sorted(data[row.pk].keys - set(indicator_keys(document.projects[index].indicators)))
            kept.append(Kept(row, index, data[row.pk], tuple(unmatched)))
    removed = [row for row in existing if row.pk not in matched]
    return ImportPlan(matches=matches, removed=removed, data=data, kept=kept)
