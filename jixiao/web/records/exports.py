"""Downloads: the same exporter classes as ``jixiao export`` (jixiao.formats.exporters), sent as attachments."""

from __future__ import annotations

from urllib.parse import quote

from django.http import Http404, HttpResponse

from jixiao.domain.model import Project, TargetDocument
from jixiao.formats.exporters import (
    JSON_FORMAT,
    RENDERERS,
    DepartmentTargetsExporter,
    Exporter,
    ProjectTargetsExporter,
)

LABELS = {"docx": "Word", "xlsx": "Excel", "pdf": "PDF", "html": "HTML", JSON_FORMAT: "JSON"}


def formats() -> list[tuple[str, str]]:
    """The download formats in the order a user should see them, with short labels for buttons."""
    return [(fmt, LABELS[fmt]) for fmt in (*RENDERERS, JSON_FORMAT)]


FORMATS = formats


def _send(exporter: Exporter, fmt: str) -> HttpResponse:
    if fmt not in exporter.formats:
        raise Http404("不支持的导出格式。")
    output = exporter.export(fmt)
    response = HttpResponse(output.data, content_type=output.media_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(output.filename)}"
    return response


def department_download(document: TargetDocument, fmt: str) -> HttpResponse:
    return _send(DepartmentTargetsExporter(document), fmt)


def project_download(document: TargetDocument, project: Project, fmt: str) -> HttpResponse:
    return _send(ProjectTargetsExporter(document, project), fmt)
