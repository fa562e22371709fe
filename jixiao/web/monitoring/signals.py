"""In-year data deleted with its project is recorded in the audit trail, so none disappears unrecorded.

The services never let that happen (``project_delete`` refuses a project holding payments, monitoring or a
self-evaluation; a re-import keeps such projects in place, see :mod:`jixiao.web.targets.in_year`); what remains is an
administrator deleting a whole department-year in the admin, whose projects cascade with their in-year data. The
admin itemises every row it deletes itself (:mod:`jixiao.web.audit.admin_trail`); this receiver then stands aside,
and records only deletions made elsewhere (a shell, a script).
"""

from __future__ import annotations

from typing import Any

from django.db.models.signals import pre_delete
from django.dispatch import receiver

from jixiao.domain.values import format_number
from jixiao.web.audit.admin_trail import admin_recording
from jixiao.web.audit.services import audit_record
from jixiao.web.monitoring import models as mdb
from jixiao.web.monitoring.services import payment_json, report_json
from jixiao.web.targets.models import Project


@receiver(pre_delete, sender=Project, dispatch_uid="jixiao.monitoring.project_deleted")
def record_in_year_data(sender: Any, instance: Project, **kwargs: Any) -> None:
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
