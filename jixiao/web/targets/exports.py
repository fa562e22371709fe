"""Downloads: the same exporters as ``jixiao export``, with the right content type and a Chinese file name."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import quote

from django.http import Http404, HttpResponse

from jixiao.domain.model import TargetDocument
from jixiao.formats import canonical
from jixiao.web.targets import models as db

CONTENT_TYPES = {
    "json": "application/json; charset=utf-8",
    "html": "text/html; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}
LABELS = {"docx": "Word", "xlsx": "Excel", "pdf": "PDF", "html": "HTML", "json": "JSON"}


def _json(document: TargetDocument) -> bytes:
    return canonical.to_json(document).encode("utf-8")


# Format → writer; the office formats come from jixiao.formats' exporters (the same ones `jixiao export` uses).
WRITERS: dict[str, Callable[[TargetDocument], bytes]] = {"json": _json}


def available() -> list[tuple[str, str]]:
    return [(fmt, LABELS[fmt]) for fmt in ("docx", "xlsx", "pdf", "html", "json") if fmt in WRITERS]


FORMATS = available


def render_bytes(document: TargetDocument, fmt: str) -> bytes:
    return WRITERS[fmt](document)


def download(document: TargetDocument, fmt: str, stem: str) -> HttpResponse:
    if fmt not in dict(available()):
        raise Http404("不支持的导出格式。")
    response = HttpResponse(render_bytes(document, fmt), content_type=CONTENT_TYPES[fmt])
    filename = f"{stem}.{fmt}"
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response


def department_filename(department: db.Department) -> str:
    return f"{department.year or ''}{department.name or department.code or '部门'}绩效目标"


def project_filename(project: db.Project) -> str:
    return f"{project.name or project.code or '项目'}绩效目标表"
