"""Services of the in-year data: payments, the ledger import, indicator monitoring and the self-evaluation.

Plain transactional functions (``<noun>_<verb>``, keyword-only). Where two people could edit the same record they
check the revision the user started from, as ``project_save`` does; each records an audit entry as its last write.
None of them looks at the targets' workflow state: monitoring and self-evaluation happen after the targets are
approved, so an approved (frozen) target set must not stop them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypeVar

from django.db import IntegrityError, models, transaction
from django.utils import timezone

from jixiao.domain.monitoring import LedgerMapping
from jixiao.domain.values import format_number
from jixiao.web.audit.services import audit_record
from jixiao.web.monitoring import figures, selectors
from jixiao.web.monitoring import models as mdb
from jixiao.web.records import models as db
from jixiao.web.records import services as targets
from jixiao.web.records.services import ServiceError
from jixiao.web.requests import Visitor

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from jixiao.domain import model as domain


def _user(user: Visitor | None) -> User | None:
    return user if user is not None and user.is_authenticated else None


def _code(project: db.Project) -> str:
    """How an audit label names a project: its code (unique and searchable), else its id."""
    return project.code or f"项目#{project.pk}"


def _who(row: mdb.Payment | mdb.MonitoringReport | mdb.Evaluation) -> str:
    return row.updated_by.get_username() if row.updated_by else "其他用户"


# -- payments -----------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PaymentData:
    """A payment as entered: the date, the amount in 元 and the texts."""

    date: dt.date
    amount: Decimal
    payee: str = ""
    purpose: str = ""
    voucher: str = ""


def payment_json(payment: mdb.Payment) -> dict[str, Any]:
    return {
        "project": payment.project_id,
        "date": payment.date.isoformat(),
        "amount": format_number(payment.amount),
        "payee": payment.payee,
        "purpose": payment.purpose,
        "voucher": payment.voucher,
        "source": payment.source,
    }


@transaction.atomic
def payment_create(*, project: db.Project, data: PaymentData, user: Visitor | None = None) -> mdb.Payment:
    payment = mdb.Payment.objects.create(project=project, updated_by=_user(user), **asdict(data))
    audit_record(action="jixiao.payment.created", actor=_user(user), target=payment, after=payment_json(payment))
    evaluation_rescore(project=project, cause="jixiao.payment.created", user=user)  # 执行数 may be the payments
    return payment


Row = TypeVar("Row", mdb.Payment, mdb.MonitoringReport, mdb.Evaluation)
Entry = TypeVar("Entry", mdb.MonitoringRow, mdb.EvaluationRow)


def _locked_for_write(row: Row, base_revision: int, gone: tuple[str, dict[str, Any]], changed: str) -> Row:
    """``row`` locked for writing, as stored; ServiceError ``gone`` when it was deleted, ``changed`` (with who saved it
    and the row's own ``_conflict_params``) when it was saved since ``base_revision``."""
    locked = (
        type(row).objects.select_for_update(of=("self",)).select_related(*_RELATED[type(row)]).filter(pk=row.pk).first()
    )
    if locked is None:
        raise ServiceError(gone[0], **gone[1])
    if locked.revision != base_revision:
        raise ServiceError(changed, saved_by=_who(locked), **_conflict_params(locked))
    return locked


_RELATED: dict[type[models.Model], tuple[str, ...]] = {
    mdb.Payment: ("updated_by",),
    mdb.MonitoringReport: ("updated_by", "project"),
    mdb.Evaluation: ("updated_by", "project"),
}


def _conflict_params(row: mdb.Payment | mdb.MonitoringReport | mdb.Evaluation) -> dict[str, object]:
    if isinstance(row, mdb.Payment):
        return {"date": row.date, "amount": format_number(row.amount)}
    if isinstance(row, mdb.MonitoringReport):
        return {"month": row.month}
    return {}


def _locked(payment: mdb.Payment, base_revision: int) -> mdb.Payment:
    return _locked_for_write(payment, base_revision, ("payment.gone", {}), "payment.conflict")


@transaction.atomic
def payment_save(
    *, payment: mdb.Payment, data: PaymentData, base_revision: int, user: Visitor | None = None
) -> mdb.Payment:
    """Change a payment unless someone changed or deleted it since ``base_revision``."""
    locked = _locked(payment, base_revision)
    before = payment_json(locked)
    for name, value in asdict(data).items():
        setattr(locked, name, value)
    locked.revision += 1
    locked.updated_by = _user(user)
    locked.save()
    audit_record(
        action="jixiao.payment.saved",
        actor=_user(user),
        target=locked,
        before=before,
        after=payment_json(locked),
        params={"revision": locked.revision},
    )
    evaluation_rescore(project=locked.project, cause="jixiao.payment.saved", user=user)
    return locked


@transaction.atomic
def payment_delete(*, payment: mdb.Payment, base_revision: int, user: Visitor | None = None) -> None:
    """Delete a payment unless someone changed it since ``base_revision`` (the confirmation showed that version)."""
    locked = _locked(payment, base_revision)
    before, label, pk, project = payment_json(locked), str(locked), locked.pk, locked.project
    locked.delete()
    audit_record(
        action="jixiao.payment.deleted",
        actor=_user(user),
        target=("monitoring.payment", pk),
        label=label,
        before=before,
    )
    evaluation_rescore(project=project, cause="jixiao.payment.deleted", user=user)


# -- the ledger import --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LedgerPayment:
    """A payment read from a ledger and matched to a project, waiting for confirmation (amount in 元)."""

    project: int
    date: dt.date
    amount: Decimal
    payee: str
    purpose: str
    voucher: str
    line: int | None

    def key(self) -> tuple[int, dt.date, Decimal, str]:
        return (self.project, self.date, self.amount, self.voucher)


def already_imported(department: db.Department, payments: Sequence[LedgerPayment]) -> set[int]:
    """Indexes of the payments stored before: same project, date, amount and voucher (a voucher is required)."""
    stored = {
        (row.project_id, row.date, row.amount, row.voucher)
        for row in mdb.Payment.objects.filter(project__department=department).exclude(voucher="")
    }
    return {index for index, payment in enumerate(payments) if payment.voucher and payment.key() in stored}


def _save_mapping(organisation: db.Organisation, mapping: LedgerMapping, user: Visitor | None) -> None:
    row, _ = mdb.LedgerSettings.objects.select_for_update().get_or_create(organisation=organisation)
    if row.mapping == mapping.to_dict():
        return
    before = row.mapping or None
    row.mapping, row.updated_by = mapping.to_dict(), _user(user)
    row.save()
    audit_record(
        action="jixiao.settings.saved",
        actor=_user(user),
        target=row,
        label=f"{organisation.name} 台账列映射",
        before=before,
        after=row.mapping,
    )


@transaction.atomic
def ledger_import(
    *,
    department: db.Department,
    payments: Sequence[LedgerPayment],
    mapping: LedgerMapping,
    file_name: str,
    user: Visitor | None = None,
) -> list[mdb.Payment]:
    """Store a previewed ledger's new payments all at once (those imported before are skipped) and remember the
    column mapping for the organisation's next import."""
    projects = set(department.projects.values_list("pk", flat=True))
    if any(payment.project not in projects for payment in payments):
        raise ServiceError("ledger.stale")
    skipped = already_imported(department, payments)
    fresh = [payment for index, payment in enumerate(payments) if index not in skipped]
    if not fresh:
        raise ServiceError("ledger.nothing_new")
    rows = mdb.Payment.objects.bulk_create(
        mdb.Payment(
            project_id=item.project,
            date=item.date,
            amount=item.amount,
            payee=item.payee,
            purpose=item.purpose,
            voucher=item.voucher,
            source=mdb.Payment.Source.LEDGER,
            ledger_file=file_name[:200],
            ledger_line=item.line,
            updated_by=_user(user),
        )
        for item in fresh
    )
    figures.touch([department.pk])  # bulk_create sends no signals
    paid = department.projects.filter(pk__in={item.project for item in fresh}, evaluation__isnull=False)
    for project in paid.order_by("pk"):  # only a self-evaluation can need re-scoring
        evaluation_rescore(project=project, cause="jixiao.ledger.imported", user=user)
    _save_mapping(department.organisation, mapping, user)
    total = sum((item.amount for item in fresh), Decimal(0))
    audit_record(
        action="jixiao.ledger.imported",
        actor=_user(user),
        target=department,
        after=[{**asdict(item), "date": item.date.isoformat(), "amount": format_number(item.amount)} for item in fresh],
        params={"file": file_name, "count": len(fresh), "skipped": len(skipped), "total": format_number(total)},
    )
    return rows


# -- indicator monitoring -----------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MonitoringEntry:
    """One indicator's monitoring entry as submitted, with the key of the indicator the user saw."""

    key: str
    current: str = ""
    forecast: str = ""
    likelihood: str = ""
    reasons: tuple[str, ...] = ()
    reason_text: str = ""
    remark: str = ""


def report_json(report: mdb.MonitoringReport | None) -> list[dict[str, Any]] | None:
    if report is None:
        return None
    return [monitoring_row_json(row) for row in report.rows.all()]


def monitoring_row_json(row: mdb.MonitoringRow) -> dict[str, Any]:
    fields = ("key", "current", "forecast", "likelihood", "reasons", "reason_text", "remark")
    return {name: getattr(row, name) for name in fields}


def _check_keys(project: db.Project, keys: Sequence[str]) -> None:
    if list(keys) != selectors.indicator_keys(targets.project_document(project).indicators):
        raise ServiceError("web.targets_changed")


def _report_for(project: db.Project, month: int, base_revision: int, user: Visitor | None) -> mdb.MonitoringReport:
    """The month's report locked for writing, or a new one; ServiceError when it moved on from ``base_revision``."""
    report = mdb.MonitoringReport.objects.select_for_update().filter(project=project, month=month).first()
    if report is None and base_revision == 0:
        try:
            with transaction.atomic():
                return mdb.MonitoringReport.objects.create(project=project, month=month, updated_by=_user(user))
        except IntegrityError:  # someone created it a moment ago
            report = mdb.MonitoringReport.objects.select_for_update().get(project=project, month=month)
    if report is None or report.revision != base_revision:
        raise ServiceError("monitoring.conflict", saved_by=_who(report) if report else "其他用户", month=month)
    report.revision += 1
    report.updated_by = _user(user)
    report.save()
    return report


@transaction.atomic
def monitoring_save(
    *,
    project: db.Project,
    month: int,
    entries: Sequence[MonitoringEntry],
    base_revision: int,
    user: Visitor | None = None,
) -> mdb.MonitoringReport:
    """Replace the project's indicator monitoring for January–``month``; ``base_revision`` 0 means none existed.

    Entries whose indicator was renamed or removed are kept (re-linked or deleted on their own, see below).
    """
    _check_keys(project, [entry.key for entry in entries])
    existing = mdb.MonitoringReport.objects.filter(project=project, month=month).first()
    before = report_json(existing)
    report = _report_for(project, month, base_revision, user)
    report.rows.filter(key__in=[entry.key for entry in entries]).delete()  # orphan entries stay until dealt with
    mdb.MonitoringRow.objects.bulk_create(
        mdb.MonitoringRow(report=report, position=index, **{**asdict(entry), "reasons": list(entry.reasons)})
        for index, entry in enumerate(entries)
    )
    audit_record(
        action="jixiao.actual.saved",
        actor=_user(user),
        target=report,
        label=f"{_code(project)} 1-{month}月绩效监控",
        before=before,
        after=report_json(report),
        params={"project": project.pk, "month": month, "revision": report.revision},
    )
    return report


# -- the self-evaluation ------------------------------------------------------------------------------------------


def _evaluation_json(evaluation: mdb.Evaluation | None) -> dict[str, Any] | None:
    if evaluation is None:
        return None
    amounts = ("initial", "budget", "executed", "total")
    texts = ("execution_reason", "goal_result", "report", "grade")
    result: dict[str, Any] = {name: _text(getattr(evaluation, name)) for name in amounts}
    result.update({name: getattr(evaluation, name) for name in texts})
    result["rows"] = [_evaluation_row_json(row) for row in evaluation.rows.all()]
    return result


def _evaluation_row_json(row: mdb.EvaluationRow) -> dict[str, Any]:
    return {
        "key": row.key,
        "actual": row.actual,
        "weight": _text(row.weight),
        "score": _text(row.score),
        "not_applicable": row.not_applicable,
        "reason": row.reason,
    }


def _text(number: Decimal | None) -> str | None:
    return None if number is None else format_number(number)


def _evaluation_for(project: db.Project, base_revision: int, user: Visitor | None) -> mdb.Evaluation:
    evaluation = mdb.Evaluation.objects.select_for_update().filter(project=project).first()
    if evaluation is None and base_revision == 0:
        try:
            with transaction.atomic():
                return mdb.Evaluation.objects.create(project=project, updated_by=_user(user))
        except IntegrityError:
            evaluation = mdb.Evaluation.objects.select_for_update().get(project=project)
    if evaluation is None or evaluation.revision != base_revision:
        raise ServiceError("evaluation.conflict", saved_by=_who(evaluation) if evaluation else "其他用户")
    evaluation.revision += 1
    return evaluation


@transaction.atomic
def evaluation_save(
    *,
    project: db.Project,
    entered: selectors.EvaluationInput,
    keys: Sequence[str],
    base_revision: int,
    user: Visitor | None = None,
) -> mdb.Evaluation:
    """Store a project's self-evaluation with the total and grade the engine gives it under the site's profile.

    The project's row is held first (as a targets save holds it, though payments may still be added): a targets save
    either finishes before the targets are read here, or waits and then re-scores what this stores
    (:func:`evaluation_rescore`).
    """
    list(db.Project.objects.select_for_update(no_key=True).filter(pk=project.pk).values_list("pk"))
    content = targets.project_document(project)
    if list(keys) != selectors.indicator_keys(content.indicators):
        raise ServiceError("web.targets_changed")
    before = _evaluation_json(mdb.Evaluation.objects.filter(project=project).first())
    evaluation = _evaluation_for(project, base_revision, user)
    paid = project_paid(project)
    _, score = selectors.scored(content, entered, paid)
    for name in ("initial", "budget", "executed", "execution_reason", "goal_result", "report"):
        setattr(evaluation, name, getattr(entered, name))
    evaluation.total, evaluation.grade, evaluation.updated_by = score.total, score.grade.value, _user(user)
    evaluation.save()
    evaluation.rows.filter(key__in=list(keys)).delete()  # orphan entries stay until dealt with
    mdb.EvaluationRow.objects.bulk_create(
        mdb.EvaluationRow(evaluation=evaluation, position=index, key=key, **asdict(entry))
        for index, (key, entry) in enumerate(zip(keys, entered.rows, strict=True))
    )
    audit_record(
        action="jixiao.evaluation.saved",
        actor=_user(user),
        target=evaluation,
        label=f"{_code(project)} 绩效自评",
        before=before,
        after=_evaluation_json(evaluation),
        params={"project": project.pk, "total": format_number(score.total), "grade": score.grade.value},
    )
    return evaluation


@transaction.atomic
def evaluation_rescore(*, project: db.Project, cause: str, user: Visitor | None = None) -> mdb.Evaluation | None:
    """Store the total and grade the project's self-evaluation gets under its current targets; ``cause`` is the audit
    action of the write that changed them (call inside it, after the new targets are written).

    Only the derived total and grade change: the entries, revision and last editor stay (an open self-evaluation page
    can still be saved, and is scored afresh). An audit entry is written only when the total or the grade changed.
    Returns the evaluation, or None when the project has none.
    """
    evaluation = (
        mdb.Evaluation.objects.select_for_update(of=("self",))
        .select_related("project__department")
        .filter(project=project)
        .first()
    )
    if evaluation is None:
        return None
    content = targets.project_document(evaluation.project)
    _, score = selectors.scored(content, selectors.stored_input(content, evaluation), project_paid(evaluation.project))
    before = {"total": _text(evaluation.total), "grade": evaluation.grade}
    if evaluation.total == score.total and evaluation.grade == score.grade.value:
        return evaluation
    evaluation.total, evaluation.grade = score.total, score.grade.value
    evaluation.save(update_fields=["total", "grade"])  # through the ORM: the unit's kept sums are marked (figures)
    audit_record(
        action="jixiao.evaluation.rescored",
        actor=_user(user),
        target=evaluation,
        label=f"{_code(evaluation.project)} 绩效自评",
        before=before,
        after={"total": _text(evaluation.total), "grade": evaluation.grade},
        params={"project": evaluation.project_id, "because": cause},
    )
    return evaluation


def project_paid(project: db.Project) -> Decimal:
    """The year's payments of a project in its department's amount unit (the default 全年执行数)."""
    department = project.department
    year = department.year or timezone.localdate().year
    return selectors.paid_in_year(mdb.Payment.objects.filter(project=project), year, selectors.amount_unit(department))


# -- deleting a month's monitoring or a self-evaluation -----------------------------------------------------------


def _locked_report(report: mdb.MonitoringReport, base_revision: int) -> mdb.MonitoringReport:
    return _locked_for_write(report, base_revision, ("monitoring.gone", {"month": report.month}), "monitoring.changed")


def _locked_evaluation(evaluation: mdb.Evaluation, base_revision: int) -> mdb.Evaluation:
    return _locked_for_write(evaluation, base_revision, ("evaluation.gone", {}), "evaluation.changed")


@transaction.atomic
def monitoring_delete(*, report: mdb.MonitoringReport, base_revision: int, user: Visitor | None = None) -> None:
    """Delete a month's indicator monitoring unless someone changed it since ``base_revision`` (the confirmation
    showed that version); payments are not part of it and stay."""
    locked = _locked_report(report, base_revision)
    project, month, pk = locked.project, locked.month, locked.pk
    before = report_json(locked)
    locked.delete()
    audit_record(
        action="jixiao.actual.deleted",
        actor=_user(user),
        target=("monitoring.monitoringreport", pk),
        label=f"{_code(project)} 1-{month}月绩效监控",
        before=before,
        params={"project": project.pk, "month": month},
    )


@transaction.atomic
def evaluation_delete(*, evaluation: mdb.Evaluation, base_revision: int, user: Visitor | None = None) -> None:
    """Delete a project's self-evaluation unless someone changed it since ``base_revision``.

    Deleted through the ORM so that the unit's sums (:mod:`jixiao.web.monitoring.figures`) are marked out of date.
    """
    locked = _locked_evaluation(evaluation, base_revision)
    project, pk = locked.project, locked.pk
    before = _evaluation_json(locked)
    locked.delete()
    audit_record(
        action="jixiao.evaluation.deleted",
        actor=_user(user),
        target=("monitoring.evaluation", pk),
        label=f"{_code(project)} 绩效自评",
        before=before,
        params={"project": project.pk},
    )


# -- entries whose indicator was renamed or removed ---------------------------------------------------------------
# An orphan entry keeps its values; re-linking rewrites its key to a current indicator's, which has no entry yet or a
# blank one (replaced). Both change the report's or evaluation's revision, like a save of the page.


def _orphan_row(rows: models.Manager[Entry], pk: int, keys: Sequence[str]) -> Entry:
    """The entry ``pk`` of the locked parent, which must still be an orphan."""
    row = rows.filter(pk=pk).first()
    if row is None:
        raise ServiceError("web.not_found")
    if row.key in keys:
        raise ServiceError("orphan.matched", name=selectors.key_label(row.key))
    return row


def _relink(
    row: Entry, rows: models.Manager[Entry], key: str, keys: Sequence[str], open_keys: Sequence[str]
) -> dict[str, Any] | None:
    """Give ``row`` the key ``key`` (one of ``open_keys``); returns the blank entry it replaces, if any."""
    if not key:
        raise ServiceError("orphan.no_choice")
    if key not in open_keys:
        raise ServiceError("orphan.not_open", name=selectors.key_label(key))
    blank = rows.filter(key=key).first()
    replaced = {"key": blank.key, "position": blank.position} if blank else None
    if blank is not None:
        blank.delete()
    row.key, row.position = key, list(keys).index(key)
    row.save(update_fields=["key", "position"])
    return replaced


def _bump(parent: mdb.MonitoringReport | mdb.Evaluation, user: Visitor | None) -> None:
    parent.revision += 1
    parent.updated_by = _user(user)
    parent.save()


@transaction.atomic
def monitoring_row_relink(
    *, row: mdb.MonitoringRow, key: str, base_revision: int, user: Visitor | None = None
) -> mdb.MonitoringReport:
    """Attach an orphan monitoring entry to the current indicator ``key``, values kept."""
    report = _locked_report(row.report, base_revision)
    indicators = targets.project_document(report.project).indicators
    keys = selectors.indicator_keys(indicators)
    locked = _orphan_row(report.rows, row.pk, keys)
    open_keys = [
        found for found, _ in selectors.open_indicators(indicators, report.rows.all(), selectors.monitoring_blank)
    ]
    before = locked.key
    replaced = _relink(locked, report.rows, key, keys, open_keys)
    _bump(report, user)
    audit_record(
        action="jixiao.actual.relinked",
        actor=_user(user),
        target=report,
        label=f"{_code(report.project)} 1-{report.month}月绩效监控",
        before={"key": before, "replaced": replaced},
        after={"key": key},
        params={"project": report.project_id, "month": report.month, "revision": report.revision},
    )
    return report


@transaction.atomic
def monitoring_row_delete(
    *, row: mdb.MonitoringRow, base_revision: int, user: Visitor | None = None
) -> mdb.MonitoringReport:
    """Delete an orphan monitoring entry (refused once its indicator is back in the targets)."""
    report = _locked_report(row.report, base_revision)
    keys = selectors.indicator_keys(targets.project_document(report.project).indicators)
    locked = _orphan_row(report.rows, row.pk, keys)
    before = monitoring_row_json(locked)
    locked.delete()
    _bump(report, user)
    audit_record(
        action="jixiao.actual.entry_deleted",
        actor=_user(user),
        target=report,
        label=f"{_code(report.project)} 1-{report.month}月绩效监控",
        before=before,
        params={"project": report.project_id, "month": report.month, "revision": report.revision},
    )
    return report


def _rescore(evaluation: mdb.Evaluation, content: domain.Project, user: Visitor | None) -> None:
    """Store the total and grade the evaluation's entries now give, with a new revision (its figures follow)."""
    entered = selectors.stored_input(content, evaluation)
    _, score = selectors.scored(content, entered, project_paid(evaluation.project))
    evaluation.total, evaluation.grade = score.total, score.grade.value
    _bump(evaluation, user)


@transaction.atomic
def evaluation_row_relink(
    *, row: mdb.EvaluationRow, key: str, base_revision: int, user: Visitor | None = None
) -> mdb.Evaluation:
    """Attach an orphan self-evaluation entry to the current indicator ``key``, values kept, and re-score."""
    evaluation = _locked_evaluation(row.evaluation, base_revision)
    content = targets.project_document(evaluation.project)
    keys = selectors.indicator_keys(content.indicators)
    locked = _orphan_row(evaluation.rows, row.pk, keys)
    rows = evaluation.rows.all()
    open_keys = [found for found, _ in selectors.open_indicators(content.indicators, rows, selectors.evaluation_blank)]
    before = {"key": locked.key, "total": _text(evaluation.total), "grade": evaluation.grade}
    replaced = _relink(locked, evaluation.rows, key, keys, open_keys)
    _rescore(evaluation, content, user)
    audit_record(
        action="jixiao.evaluation.relinked",
        actor=_user(user),
        target=evaluation,
        label=f"{_code(evaluation.project)} 绩效自评",
        before={**before, "replaced": replaced},
        after={"key": key, "total": _text(evaluation.total), "grade": evaluation.grade},
        params={"project": evaluation.project_id, "revision": evaluation.revision},
    )
    return evaluation


@transaction.atomic
def evaluation_row_delete(*, row: mdb.EvaluationRow, base_revision: int, user: Visitor | None = None) -> mdb.Evaluation:
    """Delete an orphan self-evaluation entry (it did not count in the total; the total is re-scored all the same)."""
    evaluation = _locked_evaluation(row.evaluation, base_revision)
    content = targets.project_document(evaluation.project)
    locked = _orphan_row(evaluation.rows, row.pk, selectors.indicator_keys(content.indicators))
    before = _evaluation_row_json(locked)
    locked.delete()
    _rescore(evaluation, content, user)
    audit_record(
        action="jixiao.evaluation.entry_deleted",
        actor=_user(user),
        target=evaluation,
        label=f"{_code(evaluation.project)} 绩效自评",
        before=before,
        params={"project": evaluation.project_id, "revision": evaluation.revision},
    )
    return evaluation
