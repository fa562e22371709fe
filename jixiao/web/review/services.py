"""Reviewers' comments on a department's targets or one of its projects (and one indicator row)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Q

from jixiao.domain import limits
from jixiao.domain.findings import Severity
from jixiao.web.audit.services import audit_record
from jixiao.web.records import models as db
from jixiao.web.records import permissions
from jixiao.web.records import review as records_review
from jixiao.web.records.services import ServiceError, department_findings

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def comment_add(
    *, department: db.Department, user: User, text: str, project: db.Project | None = None, indicator: str | None = None
) -> db.ReviewComment:
    if not permissions.can_comment(user, department):
        raise ServiceError("web.forbidden")
    if not text.strip():
        raise ServiceError("workflow.comment_required", action="审核意见")
    text = limits.clean_text(text)
    limits.check_text("审核意见", "内容", limits.LONG_TEXT, text)
    limits.check_text("审核意见", "指标", 300, indicator)
    return db.ReviewComment.objects.create(
        department=department,
        project=project,
        indicator=indicator or None,
        version=department.version,
        author=user,
        text=text.strip(),
    )


@transaction.atomic
def acknowledge(*, project: db.Project, user: User, code: str, reason: str) -> db.Acknowledgement | None:
    """Record why a warning of the review is not a problem for ``project`` (an empty reason withdraws it). Only a
    warning or a hint the project has now can be acknowledged; errors must be fixed."""
    department = project.department
    if not permissions.can_edit(user, department):
        raise ServiceError("web.forbidden")
    reason = limits.clean_text(reason).strip()
    limits.check_text("说明", "理由", limits.LONG_TEXT, reason)
    if not reason:
        db.Acknowledgement.objects.filter(project=project, code=code).delete()
        audit_record(
            action="jixiao.review.acknowledgement_withdrawn", actor=user, target=project, params={"code": code}
        )
        return None
    before = Q(position__lt=project.position) | Q(position=project.position, pk__lt=project.pk)
    index = department.projects.filter(before).count()  # the project's place in its document (findings key on it)
    found = records_review.for_project(department_findings(department=department), project.code, index)
    if not any(f.code == code and f.severity is not Severity.ERROR for f in found):
        raise ServiceError("review.not_acknowledgeable", check=code)
    row, _ = db.Acknowledgement.objects.update_or_create(
        project=project, code=code, defaults={"reason": reason, "by": user}
    )
    audit_record(
        action="jixiao.review.acknowledged", actor=user, target=project, params={"code": code, "reason": reason}
    )
    return row


def acknowledgements_of(project: db.Project) -> dict[str, db.Acknowledgement]:
    """The unit's stated reasons for the project's warnings, by check (for :func:`records.review.grouped`)."""
    return {row.code: row for row in project.acknowledgements.select_related("by")}
