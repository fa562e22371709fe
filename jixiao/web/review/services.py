"""Reviewers' comments on a department's targets or one of its projects (and one indicator row)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from jixiao.domain import limits
from jixiao.web.records import models as db
from jixiao.web.records import permissions
from jixiao.web.records.services import ServiceError

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
