"""The in-year data follow their project: recorded when deleted with it, re-scored when its targets change.

The targets app does not import this app; it announces its writes with Django signals, and these receivers
(connected in :meth:`MonitoringConfig.ready`) act inside the writing transaction.

Re-scoring: a stored self-evaluation's total and grade are the engine's result for the project's targets and the
stored entries, so when ``project_save`` or a re-import (projects updated in place) replaces the targets
(:data:`jixiao.web.records.services.targets_replaced`), :func:`~jixiao.web.monitoring.services.evaluation_rescore`
stores them again; the finance overview, the department's lists and the exports read those stored figures.

Deletion: in-year data deleted with its project is recorded in the audit trail, so none disappears unrecorded.
The services never let that happen (``project_delete`` refuses a project holding payments, monitoring or a
self-evaluation; a re-import keeps such projects in place, see :mod:`jixiao.web.records.import_plan`); what
remains is an administrator deleting a whole department-year in the admin, whose projects cascade with their
in-year data. The admin itemises every row it deletes itself (:mod:`jixiao.web.audit.admin_trail`); this receiver
then stands aside, and records only deletions made elsewhere (a shell, a script).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models.signals import pre_delete
from django.dispatch import receiver

from jixiao.domain.values import format_number
from jixiao.web.audit.admin_trail import admin_recording
from jixiao.web.audit.services import audit_record
from jixiao.web.monitoring import models as mdb
from jixiao.web.monitoring.services import evaluation_rescore, payment_json, report_json
from jixiao.web.records import services as targets
from jixiao.web.records.models import Project

if TYPE_CHECKING:
    from django.contrib.auth.models import User


@receiver(pre_delete, sender=Project, dispatch_uid="jixiao.monitoring.project_deleted")
def record_in_year_data(sender: type[Project], instance: Project, **kwargs: Any) -> None:
    if admin_recording():
        return
    target, params = ("targets.project", instance.pk), {"project": instance.pk, "because": "project.deleted"}
    payments = [payment_json(row) for row in mdb.Payment.objects.filter(project=instance)]
    if payments:
        audit_record(
            action="jixiao.payment.deleted", target=target, label=str(instance), before=payments, params=params
        )
    reports = {str(row.month): report_json(row) for row in mdb.MonitoringReport.objects.filter(project=instance)}
    if reports:
        audit_record(action="jixiao.actual.deleted", target=target, label=str(instance), before=reports, params=params)
    evaluation = mdb.Evaluation.objects.filter(project=instance).first()
    if evaluation is not None:
        total = None if evaluation.total is None else format_number(evaluation.total)
        before = {"total": total, "grade": evaluation.grade, "rows": evaluation.rows.count()}
        audit_record(
            action="jixiao.evaluation.deleted", target=target, label=str(instance), before=before, params=params
        )


@receiver(targets.targets_replaced, sender=Project, dispatch_uid="jixiao.monitoring.targets_replaced")
def rescore_evaluation(
    sender: type[Project], project: Project, cause: str, user: User | None = None, **kwargs: Any
) -> None:
    """A stored self-evaluation's total and grade follow its project's targets (budget, indicators) when they change."""
    evaluation_rescore(project=project, cause=cause, user=user)
