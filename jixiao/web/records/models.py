"""Persistence of target documents: one row per department-year, project, indicator, as the canonical model has them.

Amounts and indicator numbers are stored as exact decimal text (``ExactDecimalField``) so that ``5.00`` comes back as
``5.00``: exporting what the web holds equals what the CLI produces from the same source.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from jixiao.domain.workflow import State

if TYPE_CHECKING:
    from django.db.backends.base.base import BaseDatabaseWrapper
    from django.db.models.expressions import Combinable, Expression

    # For django-stubs the attribute types come from the _pyi_private_* declarations below (CharField's say str);
    # Django's field classes take no type arguments at run time.
    _DecimalTextField = models.Field[Any, Any]
else:
    _DecimalTextField = models.CharField


class ExactDecimalField(_DecimalTextField):
    """A Decimal kept exactly as printed (scale included), stored as text; aggregate with ``Cast(…, DecimalField)``.

    The field is nullable unless told otherwise; model declarations say ``null=`` anyway, which is where django-stubs
    reads whether the attribute may be None.
    """

    if TYPE_CHECKING:
        _pyi_private_set_type: Decimal | str | int | Combinable
        _pyi_private_get_type: Decimal

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 40)
        kwargs.setdefault("null", True)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def deconstruct(self) -> tuple[str, str, Sequence[Any], dict[str, Any]]:
        """Always name ``null`` and ``blank``: Field leaves out ``False``, its default but not this field's."""
        name, path, args, kwargs = super().deconstruct()
        return name, path, args, {**kwargs, "null": self.null, "blank": self.blank}

    def from_db_value(
        self, value: str | None, expression: Expression, connection: BaseDatabaseWrapper
    ) -> Decimal | None:
        return None if value is None else Decimal(value)

    def to_python(self, value: Any) -> Decimal | None:
        if value is None or value == "":
            return None
        if isinstance(value, Decimal):
            return value
        try:
            return Decimal(str(value).strip())
        except InvalidOperation:
            from django.core.exceptions import ValidationError

            raise ValidationError(_("“%(value)s” 不是数字。"), params={"value": value}) from None

    def get_prep_value(self, value: Any) -> str | None:
        number = self.to_python(value)
        return None if number is None else format(number, "f")


class Organisation(models.Model):
    """A node of the government hierarchy: finance bureau → competent department → budget unit."""

    class Kind(models.TextChoices):
        FINANCE = "finance", _("财政局")
        DEPARTMENT = "department", _("主管部门")
        UNIT = "unit", _("预算单位")

    code = models.CharField(_("代码"), max_length=32, unique=True)
    name = models.CharField(_("名称"), max_length=200)
    kind = models.CharField(_("类型"), max_length=16, choices=Kind.choices)
    parent = models.ForeignKey("self", models.PROTECT, null=True, blank=True, related_name="children")
    path = models.CharField(max_length=500, db_index=True, editable=False, default="/")

    class Meta:
        verbose_name = _("组织")
        verbose_name_plural = _("组织")
        ordering = ["path"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        super().save(*args, **kwargs)
        path = f"{self.parent.path if self.parent else '/'}{self.pk}/"
        if path != self.path:
            self.path = path
            type(self).objects.filter(pk=self.pk).update(path=path)


class Membership(models.Model):
    """A user's role in an organisation; it reaches the organisation's whole subtree."""

    class Role(models.TextChoices):
        EDITOR = "editor", _("填报")
        APPROVER = "approver", _("单位审核")
        DEPARTMENT_REVIEWER = "dept_reviewer", _("主管部门审核")
        FINANCE_REVIEWER = "finance_reviewer", _("财政审核")
        AUDITOR = "auditor", _("审计（只读）")
        ADMIN = "admin", _("系统管理员")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(Organisation, models.CASCADE, related_name="memberships")
    role = models.CharField(_("角色"), max_length=24, choices=Role.choices)

    class Meta:
        verbose_name = _("成员")
        verbose_name_plural = _("成员")
        constraints = [models.UniqueConstraint(fields=["user", "organisation", "role"], name="unique_membership")]

    def __str__(self) -> str:
        return f"{self.user} · {self.organisation} · {self.get_role_display()}"


class ApiToken(models.Model):
    """A per-user API token; only its SHA-256 is stored."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("名称"), max_length=100)
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("API 令牌")
        verbose_name_plural = _("API 令牌")


class ReviewCounts:
    """Mixin: the stored review counts as the dict templates use."""

    review_errors: int
    review_warnings: int
    review_infos: int

    @property
    def review_counts(self) -> dict[str, int]:
        return {"error": self.review_errors, "warning": self.review_warnings, "info": self.review_infos}


class Department(ReviewCounts, models.Model):
    """One department's target document for one year: Part 1 and its projects."""

    organisation = models.ForeignKey(Organisation, models.PROTECT, related_name="documents")
    year = models.PositiveSmallIntegerField(_("年度"), null=True, blank=True)
    code = models.CharField(_("部门编码"), max_length=32, null=True, blank=True)
    name = models.CharField(_("部门名称"), max_length=200, null=True, blank=True)
    title = models.CharField(_("标题"), max_length=300, null=True, blank=True)
    amount_unit = models.CharField(_("金额单位"), max_length=8, null=True, blank=True)
    has_overall = models.BooleanField(_("有部门整体目标"), default=False)
    overall_goal = models.TextField(_("总体绩效目标"), null=True, blank=True)
    revision = models.PositiveIntegerField(default=1)
    state = models.CharField(_("状态"), max_length=20, choices=[(s.value, s.label) for s in State], default=State.DRAFT)
    version = models.PositiveIntegerField(_("版本"), default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Review counts kept current by the services on every save, so lists and overviews need no review run.
    review_errors = models.PositiveIntegerField(default=0)
    review_warnings = models.PositiveIntegerField(default=0)
    review_infos = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("部门目标")
        verbose_name_plural = _("部门目标")
        ordering = ["-year", "code"]
        constraints = [models.UniqueConstraint(fields=["organisation", "year"], name="one_document_per_year")]
        indexes = [models.Index(fields=["year", "code"])]

    def __str__(self) -> str:
        return f"{self.year or ''} {self.name or self.code or ''}".strip()


class StoredReview(models.Model):
    """A department's review findings as of its last save, so pages show them without re-running the review.

    Kept in its own table, not on ``Department``: lists of departments never read the findings. The findings are
    valid only for the ``profile`` and rules ``fingerprint`` they were computed under (see ``review.stored_key``).
    """

    department = models.OneToOneField(Department, models.CASCADE, primary_key=True, related_name="stored_review")
    profile = models.CharField(max_length=40)
    fingerprint = models.CharField(max_length=64)
    findings = models.BinaryField()  # review.pack(): the findings' records as compressed JSON, in the engine's order
    reviewed_at = models.DateTimeField(auto_now=True)


class SubGoal(models.Model):
    department = models.ForeignKey(Department, models.CASCADE, related_name="subgoals")
    position = models.PositiveIntegerField(default=0)
    title = models.CharField(_("分项目标"), max_length=500)
    description = models.TextField(_("说明"), null=True, blank=True)
    refinements = models.JSONField(_("细化目标"), default=list, blank=True)

    class Meta:
        ordering = ["position", "id"]


class Safeguard(models.Model):
    department = models.ForeignKey(Department, models.CASCADE, related_name="safeguards")
    position = models.PositiveIntegerField(default=0)
    title = models.CharField(_("保障措施"), max_length=500)
    description = models.TextField(_("说明"), null=True, blank=True)

    class Meta:
        ordering = ["position", "id"]


class Project(ReviewCounts, models.Model):
    """A project's target table (项目支出绩效目标表)."""

    department = models.ForeignKey(Department, models.CASCADE, related_name="projects")
    position = models.PositiveIntegerField(default=0)
    code = models.CharField(_("项目编码"), max_length=64, null=True, blank=True, db_index=True)
    name = models.CharField(_("项目名称"), max_length=300, null=True, blank=True)
    title = models.CharField(_("表名"), max_length=300, null=True, blank=True)
    has_unit = models.BooleanField(default=False)
    unit_code = models.CharField(_("单位编码"), max_length=32, null=True, blank=True)
    unit_name = models.CharField(_("单位名称"), max_length=300, null=True, blank=True)
    budget_total = ExactDecimalField(_("预算数"), null=True)
    budget_fiscal = ExactDecimalField(_("财政资金"), null=True)
    budget_other = ExactDecimalField(_("其他资金"), null=True)
    budget_midterm = ExactDecimalField(_("中期资金总额"), null=True)
    fund_use = models.TextField(_("资金用途"), null=True, blank=True)
    goal = models.TextField(_("绩效目标"), null=True, blank=True)
    midterm_goal = models.TextField(_("中期目标"), null=True, blank=True)
    publish = models.BooleanField(_("公开"), default=True)
    withhold_reason = models.TextField(_("不公开理由"), null=True, blank=True)
    revision = models.PositiveIntegerField(default=1)
    review_errors = models.PositiveIntegerField(default=0)
    review_warnings = models.PositiveIntegerField(default=0)
    review_infos = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        verbose_name = _("项目")
        verbose_name_plural = _("项目")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.name or self.code or f"#{self.pk}"


class SpendingCheckpoint(models.Model):
    project = models.ForeignKey(Project, models.CASCADE, related_name="checkpoints")
    position = models.PositiveIntegerField(default=0)
    label = models.CharField(_("时间点"), max_length=40)
    month = models.PositiveSmallIntegerField(_("月份"), null=True, blank=True)
    percent = ExactDecimalField(_("累计比例（%）"), null=True)

    class Meta:
        ordering = ["position", "id"]


class Indicator(models.Model):
    """A level-3 indicator row with its parsed value (the printed text is authoritative)."""

    project = models.ForeignKey(Project, models.CASCADE, related_name="indicators")
    position = models.PositiveIntegerField(default=0)
    level1 = models.CharField(_("一级指标"), max_length=100, null=True, blank=True)
    level2 = models.CharField(_("二级指标"), max_length=100, null=True, blank=True)
    level3 = models.CharField(_("三级指标"), max_length=300, null=True, blank=True)
    description = models.TextField(_("绩效指标描述"), null=True, blank=True)
    value_text = models.CharField(_("指标值"), max_length=300, blank=True, default="")
    comparator = models.CharField(max_length=2, null=True, blank=True)
    number = ExactDecimalField(null=True)
    unit = models.CharField(max_length=40, null=True, blank=True)
    kind = models.CharField(max_length=16, default="qualitative")
    upper = ExactDecimalField(null=True)
    tolerance = models.BooleanField(default=False)
    date = models.CharField(max_length=16, null=True, blank=True)
    basis = models.TextField(_("指标值确定依据"), null=True, blank=True)
    weight = ExactDecimalField(_("权重"), null=True)
    midterm_value = models.JSONField(null=True, blank=True)
    core = models.BooleanField(_("核心指标"), default=False)

    class Meta:
        verbose_name = _("绩效指标")
        verbose_name_plural = _("绩效指标")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return f"{self.level3 or ''} {self.value_text}".strip()


class ProjectSnapshot(models.Model):
    """The project as saved at one revision (canonical JSON): the base for conflict messages and history."""

    project = models.ForeignKey(Project, models.CASCADE, related_name="snapshots")
    revision = models.PositiveIntegerField()
    content = models.TextField()  # canonical JSON text of the project: exact numbers, unlike a JSONField
    saved_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+")
    saved_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["project", "revision"]
        constraints = [models.UniqueConstraint(fields=["project", "revision"], name="one_snapshot_per_revision")]


class TargetVersion(models.Model):
    """A frozen version of a department's targets, taken when finance approves it; published versions are public.

    ``content`` is the canonical JSON text of the whole document; ``withheld`` maps project codes (or names) to the
    reason they are not published. Rows are never changed after approval except to record publication.
    """

    department = models.ForeignKey(Department, models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("版本号"))
    content = models.TextField()
    withheld = models.JSONField(default=dict, blank=True)
    note = models.TextField(_("说明"), null=True, blank=True)
    approved_at = models.DateTimeField(auto_now_add=True)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["department", "number"]
        constraints = [models.UniqueConstraint(fields=["department", "number"], name="one_row_per_version")]


class WorkflowEvent(models.Model):
    """One workflow action on a department's targets: who did what, from which state to which, and why."""

    department = models.ForeignKey(Department, models.CASCADE, related_name="events")
    version = models.PositiveIntegerField()
    action = models.CharField(max_length=24)
    from_state = models.CharField(max_length=20)
    to_state = models.CharField(max_length=20)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")
    comment = models.TextField(null=True, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["department", "at", "id"]


class ReviewComment(models.Model):
    """A reviewer's comment on a project or one of its indicators (by level-3 name and row), or on Part 1."""

    department = models.ForeignKey(Department, models.CASCADE, related_name="comments")
    project = models.ForeignKey(Project, models.CASCADE, null=True, blank=True, related_name="comments")
    indicator = models.CharField(_("指标"), max_length=300, null=True, blank=True)
    version = models.PositiveIntegerField()
    author = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")
    text = models.TextField(_("审核意见"))
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]


class Acknowledgement(models.Model):
    """A unit's answer to a warning of the review: why a check that warns about a project (by its code, ``T10``) is
    not a problem there. Kept, audited and shown to reviewers; an acknowledged warning no longer counts as open.
    Errors cannot be acknowledged: they block submission until fixed."""

    project = models.ForeignKey(Project, models.CASCADE, related_name="acknowledgements")
    code = models.CharField(_("审核规则"), max_length=40)
    reason = models.TextField(_("说明"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")
    at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["project", "code"], name="one_acknowledgement_per_check")]


class Notification(models.Model):
    """An in-app notification: something awaits the user, or something of theirs changed state."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="notifications")
    text = models.CharField(max_length=500)
    url = models.CharField(max_length=300, blank=True, default="")
    at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["user", "read_at"])]
