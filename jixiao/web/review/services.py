"""Reviewers' comments on a department's targets or one of its projects (and one indicator row)."""

from __future__ import annotations

from typing import Any

from jixiao.web.records import models as db
from jixiao.web.records import permissions
from jixiao.web.records.services import ServiceError


def comment_add(
    *, department: db.Department, user: Any, text: str, project: db.Project | None = None, indicator: str | None = None
) -> db.ReviewComment:
    if not permissions.can_comment(user, department):
        raise ServiceError("web.forbidden")
    if not text.strip():
        raise ServiceError("workflow.comment_required", action="审核意见")
    return db.ReviewComment.objects.create(
        department=department,
        project=project,
        indicator=indicator or None,
        version=department.version,
        author=user,
        text=text.strip(),
    )
