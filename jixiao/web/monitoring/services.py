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
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from jixiao.domain.monitoring import LedgerMapping
from jixiao.domain.values import format_number
from jixiao.web.audit.services import audit_record
from jixiao.web.monitoring import data, figures
from jixiao.web.monitoring import models as mdb
from jixiao.web.targets import models as db
from jixiao.web.targets import services as targets
from jixiao.web.targets.services import ServiceError


def _user(user: Any) -> Any:
    return user if user is not None and getattr(user, "is_authenticated", False) else None


def _code(project: db.Project) -> str:
    """How an audit label names a project: its code (unique and searchable), else its id."""
    return project.code or f"项目#{project.pk}"


def _who(row: Any) -> str:
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
def payment_create(*, project: db.Project, data: PaymentData, user: Any = None) -> mdb.Payment:
    payment = mdb.Payment.objects.create(project=project, updated_by=_user(user), **asdict(data))
    audit_record(action="jixiao.payment.created", actor=_user(user), target=payment, after=payment_json(payment))
    return payment


def _locked(payment: mdb.Payment, base_revision: int) -> mdb.Payment:
    locked = (
        mdb.Payment.objects.select_for_update(of=("self",)).select_related("updated_by").filter(pk=payment.pk).first()
    )
    if locked is None:
        raise ServiceError("payment.gone")
    if locked.revision != base_revision:
        raise ServiceError(
            "payment.conflict", saved_by=_who(locked), date=locked.date, amount=format_number(locked.amount)
        )
    return locked


@transaction.atomic
def payment_save(*, payment: mdb.Payment, data: PaymentData, base_revision: int, user: Any = None) -> mdb.Payment:
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
    return locked


@transaction.atomic
def payment_delete(*, payment: mdb.Payment, base_revision: int, user: Any = None) -> None:
    """Delete a payment unless someone changed it since ``base_revision`` (the confirmation showed that version)."""
    locked = _locked(payment, base_revision)
    before, label, pk = payment_json(locked), str(locked), locked.pk
    locked.delete()
    audit_record(
        action="jixiao.payment.deleted",
        actor=_user(user),
        target=("monitoring.payment", pk),
        label=label,
        before=before,
    )


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


def _save_mapping(organisation: db.Organisation, mapping: LedgerMapping, user: Any) -> None:
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
    user: Any = None,
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
    fields = ("key", "current", "forecast", "likelihood", "reasons", "reason_text", "remark")
    return [{name: getattr(row, name) for name in fields} for row in report.rows.all()]


def _check_keys(project: db.Project, keys: Sequence[str]) -> None:
    if list(keys) != data.indicator_keys(targets.project_document(project).indicators):
        raise ServiceError("web.targets_changed")


def _report_for(project: db.Project, month: int, base_revision: int, user: Any) -> mdb.MonitoringReport:
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
    *, project: db.Project, month: int, entries: Sequence[MonitoringEntry], base_revision: int, user: Any = None
) -> mdb.MonitoringReport:
    """Replace the project's indicator monitoring for January–``month``; ``base_revision`` 0 means none existed."""
    _check_keys(project, [entry.key for entry in entries])
    existing = mdb.MonitoringReport.objects.filter(project=project, month=month).first()
    before = report_json(existing)
    report = _report_for(project, month, base_revision, user)
    report.rows.all().delete()
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
    result["rows"] = [
        {
            "key": row.key,
            "actual": row.actual,
            "weight": _text(row.weight),
            "score": _text(row.score),
            "not_applicable": row.not_applicable,
            "reason": row.reason,
        }
        for row in evaluation.rows.all()
    ]
    return result


def _text(number: Decimal | None) -> str | None:
    return None if number is None else format_number(number)


def _evaluation_for(project: db.Project, base_revision: int, user: Any) -> mdb.Evaluation:
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
    *, project: db.Project, entered: data.EvaluationInput, keys: Sequence[str], base_revision: int, user: Any = None
) -> mdb.Evaluation:
    """Store a project's self-evaluation with the total and grade the engine gives it under the site's profile."""
    content = targets.project_document(project)
    if list(keys) != data.indicator_keys(content.indicators):
        raise ServiceError("web.targets_changed")
    before = _evaluation_json(mdb.Evaluation.objects.filter(project=project).first())
    evaluation = _evaluation_for(project, base_revision, user)
    paid = project_paid(project)
    _, score = data.scored(content, entered, paid)
    for name in ("initial", "budget", "executed", "execution_reason", "goal_result", "report"):
        setattr(evaluation, name, getattr(entered, name))
    evaluation.total, evaluation.grade, evaluation.updated_by = score.total, score.grade.value, _user(user)
    evaluation.save()
    evaluation.rows.all().delete()
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


def project_paid(project: db.Project) -> Decimal:
    """The year's payments of a project in its department's amount unit (the default 全年执行数)."""
    department = project.department
    year = department.year or timezone.localdate().year
    return data.paid_in_year(mdb.Payment.objects.filter(project=project), year, data.amount_unit(department))
