"""The published target document as a registered document: what the public page shows and downloads (the latest
published version, without the projects withheld from publication), for ``jixiao export --document published``."""

from __future__ import annotations

from jixiao.domain.errors import JixiaoError
from jixiao.formats.exporters import DepartmentTargetsExporter, Exporter
from jixiao.web.records import models as db
from jixiao.web.records.documents import Document, Scope
from jixiao.web.records.exports import TARGET_FORMATS
from jixiao.web.workflow import services as workflow


def latest_published(department_id: int) -> db.TargetVersion | None:
    """The department's latest published version, or None."""
    published = db.TargetVersion.objects.filter(department_id=department_id, published_at__isnull=False)
    return published.select_related("department").order_by("-number").first()


def _published(scope: Scope) -> Exporter:
    version = latest_published(scope.department.pk)
    if version is None:
        raise JixiaoError("export.not_published", department=scope.department.name or scope.department.code or "")
    return DepartmentTargetsExporter(workflow.version_document(version, public=True))


PUBLISHED = Document("published", "公开的部门绩效目标表", _published, TARGET_FORMATS, for_project=False)
