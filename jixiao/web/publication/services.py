"""Which published projects the public sees: publishing or withholding one project, with a reason."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction

from jixiao.domain import limits
from jixiao.web.audit.services import audit_record
from jixiao.web.records import models as db
from jixiao.web.records import permissions
from jixiao.web.records.services import ServiceError

if TYPE_CHECKING:
    from django.contrib.auth.models import User


@transaction.atomic
def project_set_publication(*, project: db.Project, user: User, publish: bool, reason: str | None) -> None:
    """Publish or withhold one project; withholding needs a reason (it is shown to reviewers, not to the public).

    The choice applies at once to what is already published: the public page and downloads of the department's
    published versions stop (or start) showing the project."""
    if not permissions.can_manage_publication(user, project.department):
        raise ServiceError("web.forbidden")
    if not publish and not (reason or "").strip():
        raise ServiceError("workflow.withhold_reason")
    limits.check_text("不公开理由", "理由", limits.LONG_TEXT, reason)
    db.Project.objects.filter(pk=project.pk).update(publish=publish, withhold_reason=None if publish else reason)
    _apply_to_published(project, publish, reason or "")
    audit_record(
        action="jixiao.project.publication_set",
        actor=user,
        target=project,
        before={"publish": project.publish, "reason": project.withhold_reason},
        after={"publish": publish, "reason": None if publish else reason},
    )


def _apply_to_published(project: db.Project, publish: bool, reason: str) -> None:
    """Update the withheld projects of every published version of the project's department (a version keys its
    projects by code, else name, as it was frozen)."""
    key = project.code or project.name or str(project.pk)
    versions = db.TargetVersion.objects.select_for_update().filter(
        department_id=project.department_id, published_at__isnull=False
    )
    for version in versions:
        withheld = dict(version.withheld)
        if publish:
            withheld.pop(key, None)
        else:
            withheld[key] = reason
        if withheld != version.withheld:
            version.withheld = withheld
            version.save(update_fields=["withheld"])
