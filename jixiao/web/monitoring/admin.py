"""Monitoring data has no admin pages; what a department or project deleted in the admin takes along is recorded as
the monitoring services record their own deletions (payments, a month's monitoring, a self-evaluation)."""

from __future__ import annotations

from jixiao.web.audit.admin_trail import derived_rows, itemise_deletions
from jixiao.web.monitoring import models as mdb
from jixiao.web.monitoring.services import _evaluation_json, payment_json, report_json

itemise_deletions(mdb.Payment, action="jixiao.payment.deleted", content=payment_json)
itemise_deletions(
    mdb.MonitoringReport,
    action="jixiao.actual.deleted",
    content=report_json,
    includes=(mdb.MonitoringRow,),
    label=lambda report: f"{report.project} 1-{report.month}月绩效监控",
)
itemise_deletions(
    mdb.Evaluation,
    action="jixiao.evaluation.deleted",
    content=_evaluation_json,
    includes=(mdb.EvaluationRow,),
    label=lambda evaluation: f"{evaluation.project} 绩效自评",
)
derived_rows(mdb.UnitFigures)  # the overview's kept sums: recomputed from what the trail records
