"""Which published projects the public sees: publishing or withholding one project, with a reason."""

from __future__ import annotations

from typing import Any

from jixiao.web.audit.services import audit_record
from jixiao.web.records import models as db
from jixiao.web.records import permissions
from jixiao.web.records.services import ServiceError


def project_set_publication(*, project: db.Project, user: Any, publish: bool, reason: str | None) -> None:
    """Publish or withhold one project; withholding needs a reason (it is shown to reviewers, not to the public)."""
    if not permissions.can_manage_publication(user, project.department):
        raise ServiceError("web.forbidden")
    if not publish and not (reason or "").strip():
        raise ServiceError("workflow.withhold_reason")
    db.Project.objects.filter(pk=project.pk).update(publish=publish, withhold_reason=None if publish else reason)
    audit_record(
        action="jixiao.project.publication_set",
        actor=user,
        target=project,
        before={"publish": project.publish, "reason": project.withhold_reason},
        after={"publish": publish, "reason": None if publish else reason},
    )
