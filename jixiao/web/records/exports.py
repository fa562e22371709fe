"""The target tables as registered documents: a department's whole target document and one project's table."""

from __future__ import annotations

from jixiao.formats.exporters import JSON_FORMAT, RENDERERS, DepartmentTargetsExporter, Exporter, ProjectTargetsExporter
from jixiao.formats.listing import ListExporter
from jixiao.web.audit import exports as audit_exports
from jixiao.web.audit.models import AuditEntry
from jixiao.web.records import services
from jixiao.web.records.documents import Document, ListDocument, Scope
from jixiao.web.records.lookup import document_at

TARGET_FORMATS = (*RENDERERS, JSON_FORMAT)


def _department_targets(scope: Scope) -> Exporter:
    return DepartmentTargetsExporter(services.department_document(scope.department))


def _project_targets(scope: Scope) -> Exporter:
    assert scope.project is not None  # documents.exporter() checks the scope
    document, position = document_at(scope.project)
    return ProjectTargetsExporter(document, document.projects[position])


DEPARTMENT_TARGETS = Document(
    DepartmentTargetsExporter.identifier,
    DepartmentTargetsExporter.verbose_name,
    _department_targets,
    TARGET_FORMATS,
    for_project=False,
)
PROJECT_TARGETS = Document(
    ProjectTargetsExporter.identifier,
    ProjectTargetsExporter.verbose_name,
    _project_targets,
    TARGET_FORMATS,
    for_department=False,
)


def _audit_trail(year: int | None, month: int | None) -> ListExporter:
    """The whole audit trail (or one year's, or one month's of it), as the auditors' export gives it."""
    entries = AuditEntry.objects.all()
    if year is not None:
        entries = entries.filter(at__year=year)
        if month is not None:
            entries = entries.filter(at__month=month)
    return audit_exports.exporter(entries)


AUDIT_TRAIL = ListDocument("audit", "审计日志", _audit_trail)
