"""Services: plain transactional functions named ``<noun>_<verb>`` that views, the API and commands share."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import OperationalError, connections, transaction
from django.db.models import Prefetch, QuerySet, prefetch_related_objects
from django.dispatch import Signal

from jixiao.domain import limits
from jixiao.domain import model as domain
from jixiao.domain.diff import Change, diff_projects
from jixiao.domain.errors import JixiaoError
from jixiao.domain.review import Finding
from jixiao.domain.workflow import State
from jixiao.formats import canonical
from jixiao.web.audit.services import audit_record
from jixiao.web.records import conversion, import_plan, review
from jixiao.web.records import models as db
from jixiao.web.requests import Visitor

if TYPE_CHECKING:
    from django.contrib.auth.models import User


class ServiceError(JixiaoError):
    """A request the data does not allow (a conflict, a duplicate year …); the message says why in Chinese."""


class ConflictError(ServiceError):
    """The project was saved by someone else since the user opened it; ``changes`` lists what they changed."""

    def __init__(self, *, changes: list[Change], saved_by: str, revision: int) -> None:
        self.changes = changes
        super().__init__("web.conflict", saved_by=saved_by, count=len(changes))
        self.revision = revision


class InYearDataError(ServiceError):
    """The change would delete a project's payments, monitoring or self-evaluation: refused, nothing written."""


targets_replaced = Signal()
"""Sent after a stored project's targets (budget, spending plan, indicators) were replaced in place, inside the
writing transaction, with ``project`` (the saved row), ``cause`` (the write's audit action) and ``user``.

What the targets app does not own but derives from the targets listens here, so that this module needs no import
of it: the monitoring app re-scores the project's stored self-evaluation (:mod:`jixiao.web.monitoring.signals`).
Receivers write in the same transaction; an error in one undoes the save. A new project is not announced (it
holds no in-year data yet).
"""


def _project_queryset() -> QuerySet[db.Project]:
    return db.Project.objects.prefetch_related(
        Prefetch("checkpoints", queryset=db.SpendingCheckpoint.objects.order_by("position", "id")),
        Prefetch("indicators", queryset=db.Indicator.objects.order_by("position", "id")),
    )


def department_document(department: db.Department) -> domain.TargetDocument:
    """The whole canonical document a department holds, in two queries per table."""
    row = db.Department.objects.prefetch_related("subgoals", "safeguards").get(pk=department.pk)
    projects = list(_project_queryset().filter(department=row).order_by("position", "id"))
    return conversion.document_of(row, projects)


def department_overall(department: db.Department) -> domain.Overall | None:
    """Part 1 alone (its sub-goals and safeguards), for pages that show the projects from their rows."""
    if department.has_overall:
        prefetch_related_objects([department], "subgoals", "safeguards")
    return conversion.overall_of(department)


def project_document(project: db.Project) -> domain.Project:
    return conversion.project_of(_project_queryset().get(pk=project.pk))


def _write_children(project: db.Project, content: domain.Project) -> None:
    project.checkpoints.all().delete()
    project.indicators.all().delete()
    db.SpendingCheckpoint.objects.bulk_create(
        db.SpendingCheckpoint(project=project, position=index, label=p.label, month=p.month, percent=p.percent)
        for index, p in enumerate(content.spending_plan)
    )
    db.Indicator.objects.bulk_create(
        db.Indicator(project=project, position=index, **conversion.indicator_fields(indicator))
        for index, indicator in enumerate(content.indicators)
    )


def _snapshot(project: db.Project, content: domain.Project, user: User | None) -> None:
    text = canonical.dumps(canonical.project_to_dict(content))
    db.ProjectSnapshot.objects.create(project=project, revision=project.revision, content=text, saved_by=user)


def _snapshot_project(snapshot: db.ProjectSnapshot) -> domain.Project:
    data = {"schema": canonical.SCHEMA_ID, "projects": [canonical.loads(snapshot.content)]}
    return canonical.from_dict(data).projects[0]


def _project_json(content: domain.Project) -> str:
    return canonical.dumps(canonical.project_to_dict(content))


def _document_json(document: domain.TargetDocument) -> str:
    return canonical.to_json(document)


def _user_or_none(user: Visitor | None) -> User | None:
    return user if user is not None and user.is_authenticated else None


def department_refresh_review(*, department: db.Department) -> dict[str, int]:
    """Re-run the review over the whole department (rules compare projects) and store the counts and findings;
    returns the total counts (also set on ``department``). Saves call it inside their transaction."""
    findings = review.findings(department_document(department))
    return _store(department, findings)


def _store(department: db.Department, findings: list[Finding], stored: dict[str, Any] | None = None) -> dict[str, int]:
    """The counts first, then the findings: the order in which every writer takes the rows' locks. ``stored``: the
    ``StoredReview`` fields when already computed (``review.stored_fields(findings)``)."""
    rows = list(department.projects.order_by("position", "id"))
    for row, counts in zip(rows, review.counts_by_project(findings, len(rows)), strict=True):
        row.review_errors, row.review_warnings, row.review_infos = counts["error"], counts["warning"], counts["info"]
    db.Project.objects.bulk_update(rows, ["review_errors", "review_warnings", "review_infos"])
    total = review.counts(findings)
    fields = {"review_errors": total["error"], "review_warnings": total["warning"], "review_infos": total["info"]}
    db.Department.objects.filter(pk=department.pk).update(**fields)
    for field, value in fields.items():
        setattr(department, field, value)  # the caller's instance shows the new counts too
    db.StoredReview.objects.update_or_create(department=department, defaults=stored or review.stored_fields(findings))
    return total


def department_findings(
    *, department: db.Department, project_index: int | None = None, overall: bool = False
) -> list[Finding]:
    """The department's findings as of its last save: the project's at ``project_index``, or with ``overall`` only
    those about Part 1 and the whole document, else all.

    Findings missing (a department stored before they were kept, or generated in bulk) or computed under another
    profile or rule set are recomputed and stored, with the counts, on the way.
    """
    wanted = review.about(project_index, overall=overall)
    stored = db.StoredReview.objects.filter(department=department).values_list("profile", "fingerprint", "findings")
    for profile_name, fingerprint, data in stored:
        found = review.stored_findings(profile_name, fingerprint, data, wanted)
        if found is not None:
            return found
    return [finding for finding in _review_on_view(department) if wanted(finding.location.project_index)]


def _review_on_view(department: db.Department) -> list[Finding]:
    """Review and store while holding the department's rows, so that no save in progress is overwritten with older
    findings. The locks are taken without waiting: when a save holds one, this view shows a live review and the
    save stores its own (waiting could deadlock with it on PostgreSQL)."""
    try:
        with transaction.atomic():
            list(db.Department.objects.select_for_update(nowait=True).filter(pk=department.pk).values_list("pk"))
            list(db.Project.objects.select_for_update(nowait=True).filter(department=department).values_list("pk"))
            findings = review.findings(department_document(department))
            _store(department, findings)
            return findings
    except OperationalError:
        return review.findings(department_document(department))


@dataclass(frozen=True, slots=True)
class ReviewRefresh:
    """What :func:`departments_refresh_review` did with one batch; ``before``/``after`` sum the reviewed departments'
    counts (``{"error": …, "warning": …, "info": …}``)."""

    reviewed: int  # departments re-reviewed (stored, or found already current)
    changed: int  # of those, departments whose counts (their own or one of their projects') changed
    busy: tuple[int, ...]  # left alone: a save held or changed them meanwhile
    before: dict[str, int]
    after: dict[str, int]


def departments_refresh_review(*, departments: Sequence[int]) -> ReviewRefresh:
    """Re-review these departments (by pk) under the site's profile and rules and store what differs from what is
    stored, for ``jixiao review-all``: no revision, state, timestamp or audit entry changes (the command records
    the run once).

    The review runs outside any transaction; one short transaction then stores the departments whose rows are still
    those reviewed and that no save holds (PostgreSQL: locks are skipped, never waited for), so users never wait
    for the review and a newer save is never overwritten. The others come back in ``busy``.
    """
    stored = {
        pk: (name, fingerprint, bytes(data))
        for pk, name, fingerprint, data in db.StoredReview.objects.filter(department__in=departments).values_list(
            "department", "profile", "fingerprint", "findings"
        )
    }
    read = _content_digests(departments)  # before the documents: a save committed after this is caught below
    pending: dict[int, tuple[str, list[Finding], dict[str, Any]]] = {}
    tallies: dict[int, _Tally] = {}
    for row, projects in _departments_with_projects(departments):
        findings = review.findings(conversion.document_of(row, projects))
        tallies[row.pk] = tally = _tally(row, projects, findings)
        fields = review.stored_fields(findings)
        if tally.changed or stored.get(row.pk) != (fields["profile"], fields["fingerprint"], fields["findings"]):
            pending[row.pk] = (read[row.pk], findings, fields)
    busy = _store_if_unchanged(pending)
    done = [tally for pk, tally in tallies.items() if pk not in busy]
    return ReviewRefresh(
        reviewed=len(done),
        changed=sum(tally.changed for tally in done),
        busy=tuple(busy),
        before=_sum_counts(tally.before for tally in done),
        after=_sum_counts(tally.after for tally in done),
    )


@dataclass(frozen=True, slots=True)
class _Tally:
    before: dict[str, int]
    after: dict[str, int]
    changed: bool


def _tally(row: db.Department, projects: list[db.Project], findings: list[Finding]) -> _Tally:
    """The department's stored and new counts; changed if its own or one of its projects' counts differ."""
    after = review.counts(findings)
    per_project = review.counts_by_project(findings, len(projects))
    changed = after != row.review_counts or per_project != [p.review_counts for p in projects]
    return _Tally(before=row.review_counts, after=after, changed=changed)


def _departments_with_projects(pks: Sequence[int]) -> list[tuple[db.Department, list[db.Project]]]:
    """Departments with Part 1 and their projects (children prefetched, in page order): five queries for all."""
    rows = list(db.Department.objects.filter(pk__in=pks).prefetch_related("subgoals", "safeguards").order_by("pk"))
    projects: dict[int, list[db.Project]] = {row.pk: [] for row in rows}
    for project in _project_queryset().filter(department__in=list(projects)).order_by("department", "position", "id"):
        projects[project.department_id].append(project)
    return [(row, projects[row.pk]) for row in rows]


_CONTENT = [  # every table a department's document is read from, and the path from its rows to the department
    (db.Department, "pk"),
    (db.SubGoal, "department"),
    (db.Safeguard, "department"),
    (db.Project, "department"),
    (db.SpendingCheckpoint, "project__department"),
    (db.Indicator, "project__department"),
]


def _content_digests(pks: Sequence[int]) -> dict[int, str]:
    """A digest of every column of every row each department's document is read from: any write to them changes
    it. The rows are read as the database returns them (no model instances, no field conversions): 3,000 indicator
    rows take a few hundredths of a second, inside the storing transaction too."""
    digests = {pk: hashlib.sha256() for pk in pks}
    for model, path in _CONTENT:
        columns = [field.attname for field in model._meta.concrete_fields]
        rows = model._default_manager.filter(**{f"{path}__in": pks}).order_by("pk").values_list(path, *columns)
        with connections[rows.db].cursor() as cursor:
            cursor.execute(*rows.query.sql_with_params())
            for department, *values in cursor.fetchall():
                digests[department].update(repr(values).encode())
    return {pk: digest.hexdigest() for pk, digest in digests.items()}


def _store_if_unchanged(pending: dict[int, tuple[str, list[Finding], dict[str, Any]]]) -> list[int]:
    """Store each department's counts and findings if its rows are still those reviewed; returns those it did not."""
    if not pending:
        return []
    stored: list[int] = []
    with transaction.atomic():
        free = db.Department.objects.select_for_update(skip_locked=True).filter(pk__in=pending)
        free_pks = sorted(free.values_list("pk", flat=True))
        projects = db.Project.objects.filter(department__in=free_pks)
        held = set(projects.select_for_update(skip_locked=True).values_list("pk", flat=True))
        busy = {department for pk, department in projects.values_list("pk", "department") if pk not in held}
        digests = _content_digests(free_pks)
        for row in db.Department.objects.filter(pk__in=free_pks):
            read, findings, fields = pending[row.pk]
            if row.pk not in busy and digests[row.pk] == read:
                _store(row, findings, fields)
                stored.append(row.pk)
    return sorted(set(pending) - set(stored))


def _sum_counts(items: Iterable[dict[str, int]]) -> dict[str, int]:
    total = {"error": 0, "warning": 0, "info": 0}
    for counts in items:
        for key in total:
            total[key] += counts[key]
    return total


def _create(department: db.Department, content: domain.Project, user: Visitor | None, position: int) -> db.Project:
    project = db.Project.objects.create(
        department=department, position=position, updated_by=_user_or_none(user), **conversion.project_fields(content)
    )
    _write_children(project, content)
    _snapshot(project, content, _user_or_none(user))
    return project


@transaction.atomic
def project_create(*, department: db.Department, content: domain.Project, user: Visitor | None = None) -> db.Project:
    """Add a project at the end of the department's list."""
    content = _within_limits(content)
    department = _lock_department(department.pk)
    _require_editable(department)
    project = _create(department, content, user, department.projects.count())
    department_refresh_review(department=department)
    audit_record(
        action="jixiao.project.created", actor=_user_or_none(user), target=project, after=_project_json(content)
    )
    return project


@transaction.atomic
def project_save(
    *, project: db.Project, content: domain.Project, base_revision: int, user: Visitor | None = None
) -> db.Project:
    """Replace a project's content if nobody saved it since ``base_revision``; else raise :class:`ConflictError`."""
    content = _within_limits(content)
    department = _lock_department(project.department_id)
    locked = db.Project.objects.select_for_update().get(pk=project.pk, department=department)
    locked.department = department
    _require_editable(department)
    if locked.revision != base_revision:
        raise _conflict(locked, base_revision)
    before = _project_json(project_document(locked))
    _replace_content(locked, content, user)
    department_refresh_review(department=locked.department)
    audit_record(
        action="jixiao.project.saved",
        actor=locked.updated_by,
        target=locked,
        before=before,
        after=_project_json(content),
        params={"revision": locked.revision},
    )
    targets_replaced.send(sender=db.Project, project=locked, cause="jixiao.project.saved", user=locked.updated_by)
    return locked


def _within_limits(content: domain.Project) -> domain.Project:
    """The project with line-break characters made plain line breaks, once every field is within its limit
    (:mod:`jixiao.domain.limits`: the same lengths, characters and number sizes on SQLite and PostgreSQL)."""
    content = limits.cleaned(content)
    limits.check_project(content)
    return content


def _lock_department(pk: int) -> db.Department:
    """Lock the department's row before any of its projects: every writer of a department's targets takes its locks
    in this order (department, then projects), so two saves of different projects of one department queue instead of
    deadlocking on the review counts each writes to every project row."""
    return db.Department.objects.select_for_update().get(pk=pk)


def _require_editable(department: db.Department) -> None:
    """Approved, published or under-review targets are frozen (what was submitted or approved is
    what the reviewers saw and what is published): no service may change them."""
    state = State(department.state)
    if not state.editable:
        raise ServiceError("workflow.frozen", state=state.label)


def _conflict(current: db.Project, base_revision: int) -> ConflictError:
    base = db.ProjectSnapshot.objects.filter(project=current, revision=base_revision).first()
    now = project_document(current)
    changes = diff_projects(_snapshot_project(base), now) if base else []
    who = current.updated_by.get_username() if current.updated_by else "其他用户"
    return ConflictError(changes=changes, saved_by=who, revision=current.revision)


def _locked_projects(rows: QuerySet[db.Project]) -> list[db.Project]:
    """Lock the project rows first: a payment saved meanwhile waits (its foreign key) and is counted, not lost."""
    return list(rows.select_for_update().order_by("position", "id"))


@transaction.atomic
def project_delete(*, project: db.Project, user: Visitor | None = None) -> None:
    """Delete a project with its targets; refused (:class:`InYearDataError`) while it holds in-year data."""
    department = _lock_department(project.department_id)
    _require_editable(department)
    _locked_projects(db.Project.objects.filter(pk=project.pk))
    data = import_plan.in_year_data([project.pk]).get(project.pk)
    if data:
        raise InYearDataError("web.project_has_data", project=import_plan.project_label(project), data=str(data))
    before, label, pk = _project_json(project_document(project)), str(project), project.pk
    project.delete()
    audit_record(
        action="jixiao.project.deleted",
        actor=_user_or_none(user),
        target=("targets.project", pk),
        label=label,
        before=before,
    )
    for index, row in enumerate(department.projects.order_by("position", "id")):
        if row.position != index:
            db.Project.objects.filter(pk=row.pk).update(position=index)
    department_refresh_review(department=department)


def _write_overall(department: db.Department, overall: domain.Overall | None) -> None:
    department.subgoals.all().delete()
    department.safeguards.all().delete()
    if overall is None:
        return
    db.SubGoal.objects.bulk_create(
        db.SubGoal(
            department=department, position=i, title=g.title, description=g.description, refinements=g.refinements
        )
        for i, g in enumerate(overall.subgoals)
    )
    db.Safeguard.objects.bulk_create(
        db.Safeguard(department=department, position=i, title=s.title, description=s.description)
        for i, s in enumerate(overall.safeguards)
    )


@transaction.atomic
def department_save_overall(
    *, department: db.Department, overall: domain.Overall | None, base_revision: int, user: Visitor | None = None
) -> db.Department:
    """Replace Part 1 if nobody saved it since ``base_revision``."""
    overall = limits.cleaned(overall)
    limits.check_overall(overall)
    locked = db.Department.objects.select_for_update().get(pk=department.pk)
    _require_editable(locked)
    if locked.revision != base_revision:
        raise ServiceError("web.overall_conflict")
    before = _document_json(department_document(locked))
    locked.has_overall = overall is not None
    locked.overall_goal = overall.goal if overall else None
    locked.revision += 1
    locked.save()
    _write_overall(locked, overall)
    department_refresh_review(department=locked)
    audit_record(
        action="jixiao.department.overall_saved",
        actor=_user_or_none(user),
        target=locked,
        before=before,
        after=_document_json(department_document(locked)),
    )
    return locked


def _names_agree(found: str, known: str) -> bool:
    """The same department by name: equal without spaces, or one the other's end (老干部局 in 中国共产党…老干部局)."""
    found, known = "".join(found.split()), "".join(known.split())
    return bool(found and known) and (found == known or found.endswith(known) or known.endswith(found))


def _check_identity(document: domain.TargetDocument, organisation: db.Organisation) -> None:
    """An import writes only the chosen organisation's targets: a document naming another department (by code, or
    by name when it has no code) is refused, so that no unit can file targets under another's code and name."""
    code = (document.department.code or "").strip()
    name = (document.department.name or "").strip()
    if (code and code != organisation.code) or (not code and name and not _names_agree(name, organisation.name)):
        found = " ".join(part for part in (code, name) if part)
        raise ServiceError("import.wrong_department", found=found, organisation=organisation.name)


@transaction.atomic
def department_import(
    *,
    document: domain.TargetDocument,
    organisation: db.Organisation,
    user: Visitor | None = None,
    replace: bool = False,
    own_copy: bool = False,
) -> db.Department:
    """Store a whole document for the organisation and year, all or nothing; an existing year needs ``replace``.
    The document must be the organisation's own (``_check_identity``), unless it is ``own_copy``: one of the
    organisation's stored departments copied to another year.

    Replacing updates the existing projects in place, matched by code (by name when one side has none), so their
    payments, monitoring and self-evaluation stay with them; an unmatched project holding any makes the whole
    import fail with :class:`InYearDataError`. Unmatched projects without in-year data are deleted.
    """
    document = limits.cleaned(document)
    limits.check_document(document)
    if not own_copy:
        _check_identity(document, organisation)
    fields = conversion.department_fields(document)
    existing = db.Department.objects.select_for_update().filter(organisation=organisation, year=document.year).first()
    if existing is not None and not replace:
        raise ServiceError("web.year_exists", year=document.year or "未知", name=organisation.name)
    before, plan = None, import_plan.ImportPlan()
    if existing is not None:
        _require_editable(existing)
        before = _document_json(department_document(existing))
        plan = import_plan.import_plan(existing=_locked_projects(existing.projects.all()), document=document)
        if plan.lost:
            raise InYearDataError("web.import_loses_data", projects=plan.lost_text())
        db.Project.objects.filter(pk__in=[row.pk for row in plan.removed]).delete()
        for field, value in fields.items():
            setattr(existing, field, value)
        existing.revision += 1
        existing.save()
        department = existing
    else:
        department = db.Department.objects.create(organisation=organisation, **fields)
    _write_overall(department, document.overall)
    for position, project in enumerate(document.projects):
        row = plan.matches.get(position)
        if row is None:
            _create(department, project, user, position)
        else:
            _replace_content(row, project, user, position)
    department_refresh_review(department=department)
    audit_record(
        action="jixiao.department.imported",
        actor=_user_or_none(user),
        target=department,
        before=before,
        after=_document_json(document),
        params={
            "projects": len(document.projects),
            "replaced": before is not None,
            "updated": len(plan.matches),
            "deleted": len(plan.removed),
            "kept_in_year_data": [row.project.pk for row in plan.kept],
        },
    )
    for row in plan.matches.values():  # updated in place: their in-year data stayed with them
        targets_replaced.send(sender=db.Project, project=row, cause="jixiao.department.imported", user=row.updated_by)
    return department


def _replace_content(
    row: db.Project, content: domain.Project, user: Visitor | None, position: int | None = None
) -> None:
    """Write ``content`` over a stored project as its next revision, keeping its id (and so its in-year data,
    comments and publication choice); ``position`` moves it (a re-import)."""
    for field, value in conversion.project_fields(content).items():
        setattr(row, field, value)
    if position is not None:
        row.position = position
    row.revision += 1
    row.updated_by = _user_or_none(user)
    row.save()
    _write_children(row, content)
    _snapshot(row, content, row.updated_by)


@transaction.atomic
def copy_source(department: db.Department) -> tuple[domain.TargetDocument, int | None]:
    """What a copy to a new year starts from: the latest approved version (so an adjustment still being drafted is
    not carried into the new year), else the working document; and that version's number (None: the draft)."""
    version = department.versions.order_by("-number").first()
    if version is None:
        return department_document(department), None
    return canonical.from_json(version.content), version.number


def year_specific(document: domain.TargetDocument, year: int | None) -> list[str]:
    """Where a document names its own year (2021年, 2021 年度) in a goal or an indicator: texts a copy keeps that the
    new year's targets probably must change, as people name them (项目“…”的绩效目标)."""
    if year is None:
        return []
    mark = re.compile(rf"{year}\s*年")
    found = []
    for project in document.projects:
        name = f"项目“{project.name or project.code or ''}”"
        for label, text in (("绩效目标", project.goal), ("资金用途", project.fund_use)):
            if text and mark.search(text):
                found.append(f"{name}的{label}")
        for indicator in project.indicators:
            texts = (indicator.level3, indicator.value.text, indicator.description, indicator.basis)
            if any(text and mark.search(text) for text in texts):
                found.append(f"{name}的指标“{indicator.level3 or ''}”")
    return found


def department_copy_to_year(*, department: db.Department, year: int, user: Visitor | None = None) -> db.Department:
    """A new department-year with the same Part 1 and projects (targets as a starting point for the new year), from
    the latest approved version when there is one (:func:`copy_source`)."""
    document, version = copy_source(department)
    document.year = year
    copy = department_import(document=document, organisation=department.organisation, user=user, own_copy=True)
    audit_record(
        action="jixiao.department.copied",
        actor=_user_or_none(user),
        target=copy,
        params={"from_department": department.pk, "from_year": department.year, "year": year, "version": version},
    )
    return copy
