"""In-year data of a project: payments, indicator monitoring per month, and the year-end self-evaluation.

These are not targets: they are entered after the targets are approved, so the targets' workflow state does not
freeze them. Indicator rows are matched to the project's indicators by
:func:`jixiao.domain.monitoring.keys.indicator_keys` (三级指标 name and its occurrence), because saving a project's
targets rewrites its indicator rows. Payments are held in 元, the unit of finance ledgers; computations convert them
to the department's amount unit exactly.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from jixiao.domain.monitoring import Likelihood
from jixiao.web.records.models import ExactDecimalField, Organisation, Project

if TYPE_CHECKING:
    from decimal import Decimal

    from django.db.models.expressions import Combinable
    from django_stubs_ext import StrOrPromise


class Payment(models.Model):
    """One payment of a project (支付记录), entered by hand or imported from a finance-system ledger."""

    class Source(models.TextChoices):
        MANUAL = "manual", _("手工录入")
        LEDGER = "ledger", _("台账导入")

    project = models.ForeignKey(Project, models.CASCADE, related_name="payments")
    date = models.DateField(_("支付日期"))
    amount = ExactDecimalField(_("金额（元）"), null=False, blank=False)
    payee = models.CharField(_("收款人"), max_length=200, blank=True, default="")
    purpose = models.CharField(_("用途"), max_length=300, blank=True, default="")
    voucher = models.CharField(_("凭证号"), max_length=64, blank=True, default="")
    source = models.CharField(_("来源"), max_length=8, choices=Source.choices, default=Source.MANUAL)
    ledger_file = models.CharField(_("台账文件"), max_length=200, blank=True, default="")
    ledger_line = models.PositiveIntegerField(_("台账行"), null=True, blank=True)
    revision = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        verbose_name = _("支付记录")
        verbose_name_plural = _("支付记录")
        ordering = ["date", "id"]
        indexes = [models.Index(fields=["project", "date"])]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.amount} 元 {self.purpose or self.payee}".strip()


class LedgerSettings(models.Model):
    """The column mapping of an organisation's finance ledger (jixiao.domain.monitoring.LedgerMapping as JSON),
    saved at each import and offered again at the next."""

    organisation = models.OneToOneField(Organisation, models.CASCADE, related_name="ledger_settings")
    mapping = models.JSONField(default=dict)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        verbose_name = _("台账列映射")
        verbose_name_plural = _("台账列映射")


class MonitoringReport(models.Model):
    """A project's indicator monitoring (绩效目标执行监控) for the period January to ``month``."""

    project = models.ForeignKey(Project, models.CASCADE, related_name="monitoring_reports")
    month = models.PositiveSmallIntegerField(_("监控期（截至月份）"))
    revision = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        verbose_name = _("绩效监控")
        verbose_name_plural = _("绩效监控")
        constraints = [models.UniqueConstraint(fields=["project", "month"], name="one_report_per_month")]


class MonitoringRow(models.Model):
    """One indicator's entry in a monitoring report."""

    report = models.ForeignKey(MonitoringReport, models.CASCADE, related_name="rows")
    position = models.PositiveIntegerField(default=0)
    key = models.CharField(max_length=320)
    current = models.CharField(_("当前完成值"), max_length=200, blank=True, default="")
    forecast = models.CharField(_("全年预计完成情况"), max_length=200, blank=True, default="")
    likelihood = models.CharField(
        _("完成目标可能性"), max_length=8, blank=True, default="", choices=[(i.value, i.value) for i in Likelihood]
    )
    reasons = models.JSONField(_("偏差原因类别"), default=list, blank=True)
    reason_text = models.TextField(_("偏差原因说明"), blank=True, default="")
    remark = models.TextField(_("备注"), blank=True, default="")

    class Meta:
        ordering = ["position", "id"]


class Evaluation(models.Model):
    """A project's year-end self-evaluation (绩效自评); ``total`` and ``grade`` are the scores of the last save."""

    project = models.OneToOneField(Project, models.CASCADE, related_name="evaluation")
    initial = ExactDecimalField(_("年初预算数"), null=True)
    budget = ExactDecimalField(_("全年预算数"), null=True)
    executed = ExactDecimalField(_("全年执行数"), null=True)
    execution_reason = models.TextField(_("预算执行偏差原因"), blank=True, default="")
    goal_result = models.TextField(_("年度总体目标实际完成情况"), blank=True, default="")
    report = models.TextField(_("自评报告"), blank=True, default="")
    total = ExactDecimalField(_("自评总分"), null=True)
    grade = models.CharField(_("自评等级"), max_length=2, blank=True, default="")
    revision = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        verbose_name = _("绩效自评")
        verbose_name_plural = _("绩效自评")


class EvaluationRow(models.Model):
    """One indicator's actual, weight, the scorer's chosen score and the deviation reason."""

    evaluation = models.ForeignKey(Evaluation, models.CASCADE, related_name="rows")
    position = models.PositiveIntegerField(default=0)
    key = models.CharField(max_length=320)
    actual = models.CharField(_("实际完成值"), max_length=300, blank=True, default="")
    weight = ExactDecimalField(_("分值"), null=True)
    score = ExactDecimalField(_("评分人得分"), null=True)
    not_applicable = models.BooleanField(_("不适用"), default=False)
    reason = models.TextField(_("偏差原因分析及改进措施"), blank=True, default="")

    class Meta:
        ordering = ["position", "id"]


def _amount(label: StrOrPromise) -> models.DecimalField[Decimal | str | float | Combinable | None, Decimal | None]:
    return models.DecimalField(label, max_digits=34, decimal_places=10, null=True, blank=True)


class UnitFigures(models.Model):
    """A unit's sums for the finance overview, kept beside the data they sum (:mod:`jixiao.web.monitoring.figures`).

    ``changes`` counts the writes to the unit's projects, plan, payments and self-evaluations (bumped in the writing
    transaction); ``computed`` is the value of ``changes`` the figures were computed at, so the figures are current
    when the two are equal. ``planned_MM`` is the amount the spending plan expects spent by the end of month MM (in
    the document's amount unit: the budget times the reached checkpoint's percent, or the time progress for a project
    without a plan); ``paid_MM`` the payments of the unit's year up to the end of month MM, in 元.
    """

    department = models.OneToOneField(
        "targets.Department", models.CASCADE, primary_key=True, related_name="figures", verbose_name=_("年度目标")
    )
    changes = models.PositiveBigIntegerField(default=1)
    computed = models.PositiveBigIntegerField(default=0)
    project_count = models.PositiveIntegerField(default=0)
    budget = _amount(_("预算"))
    evaluated = models.PositiveIntegerField(default=0)
    score_sum = _amount(_("自评得分合计"))

    class Meta:
        verbose_name = _("单位汇总数")
        verbose_name_plural = _("单位汇总数")


MONTHS = range(1, 13)
for _month in MONTHS:
    UnitFigures.add_to_class(f"planned_{_month:02d}", _amount(_(f"{_month}月底计划支出")))
    UnitFigures.add_to_class(f"paid_{_month:02d}", _amount(_(f"{_month}月底累计支付（元）")))
