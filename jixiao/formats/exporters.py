"""Exporters: one class per output document, used by the CLI (``jixiao export``) and the web download alike.

An exporter knows *what* a document contains (it builds a :class:`~jixiao.formats.layout.Layout`); the renderers in
``RENDERERS`` know *how* a format draws any layout. A new official document (the monitoring table, the
self-evaluation table) subclasses :class:`Exporter`, implements :meth:`Exporter.layout`, and gets DOCX, XLSX, HTML and
PDF for free::

    exporter = DepartmentTargetsExporter(document)
    output = exporter.export("pdf")          # Output(data=b"%PDF…", filename="…pdf", media_type="application/pdf")
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar

from jixiao.domain.errors import JixiaoError
from jixiao.domain.model import Project, TargetDocument
from jixiao.formats import canonical
from jixiao.formats.layout import Layout
from jixiao.formats.target_layout import department_layout, project_layout


@dataclass(frozen=True, slots=True)
class Output:
    """An exported file: its bytes, a suggested file name and its media type."""

    data: bytes
    filename: str
    media_type: str


@dataclass(frozen=True, slots=True)
class Format:
    """A file format a layout can be rendered to."""

    name: str
    extension: str
    media_type: str
    verbose_name: str
    render: Callable[[Layout], bytes]


def _docx(layout: Layout) -> bytes:
    from jixiao.formats.docx import render_docx

    return render_docx(layout)


def _xlsx(layout: Layout) -> bytes:
    from jixiao.formats.xlsx import render_xlsx

    return render_xlsx(layout)


def _pdf(layout: Layout) -> bytes:
    from jixiao.formats.pdf import render_pdf

    return render_pdf(layout)


def _html(layout: Layout) -> bytes:
    from jixiao.formats.html import render_html

    return render_html(layout).encode("utf-8")


# The renderers import their libraries on first use: python-docx, openpyxl and reportlab together take longer to
# import than reading a document does.
RENDERERS: dict[str, Format] = {
    "docx": Format(
        "docx",
        ".docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "Word 文档",
        _docx,
    ),
    "xlsx": Format(
        "xlsx", ".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel 表格", _xlsx
    ),
    "pdf": Format("pdf", ".pdf", "application/pdf", "PDF 文档", _pdf),
    "html": Format("html", ".html", "text/html; charset=utf-8", "网页（HTML）", _html),
}

JSON_FORMAT = "json"


class Exporter(ABC):
    """Base of every exporter: ``layout()`` says what the document holds; ``export(fmt)`` renders it."""

    identifier: ClassVar[str]
    verbose_name: ClassVar[str]

    @property
    def formats(self) -> tuple[str, ...]:
        """The formats this exporter offers, in the order a user should see them."""
        return tuple(RENDERERS)

    @abstractmethod
    def layout(self) -> Layout:
        """The document as a format-neutral layout."""

    @abstractmethod
    def filename_stem(self) -> str:
        """A file name without extension, safe on every file system."""

    def export(self, fmt: str) -> Output:
        """The document in ``fmt``; an unknown format raises :class:`JixiaoError` (``export.format``)."""
        if fmt not in self.formats:
            raise JixiaoError("export.format", format=fmt, formats="、".join(self.formats))
        renderer = RENDERERS[fmt]
        return Output(renderer.render(self.layout()), self.filename_stem() + renderer.extension, renderer.media_type)


class _TargetsExporter(Exporter):
    """Target documents also export as canonical JSON, the lossless form."""

    document: TargetDocument

    @property
    def formats(self) -> tuple[str, ...]:
        return (*RENDERERS, JSON_FORMAT)

    def export(self, fmt: str) -> Output:
        if fmt == JSON_FORMAT:
            data = canonical.to_json(self.json_document()).encode("utf-8")
            return Output(data, self.filename_stem() + ".json", "application/json")
        return super().export(fmt)

    def json_document(self) -> TargetDocument:
        return self.document


class DepartmentTargetsExporter(_TargetsExporter):
    """部门绩效目标: the whole target document — Part 1 and every project table."""

    identifier = "department-targets"
    verbose_name = "部门绩效目标表"

    def __init__(self, document: TargetDocument) -> None:
        self.document = document

    def layout(self) -> Layout:
        return department_layout(self.document)

    def filename_stem(self) -> str:
        department = self.document.department
        year = f"{self.document.year}年" if self.document.year else ""
        return safe_filename(f"{year}{department.name or department.code or ''}绩效目标")


class ProjectTargetsExporter(_TargetsExporter):
    """项目支出绩效目标表: one project's table on its own."""

    identifier = "project-targets"
    verbose_name = "项目支出绩效目标表"

    def __init__(self, document: TargetDocument, project: Project) -> None:
        self.document = document
        self.project = project

    def layout(self) -> Layout:
        return project_layout(self.document, self.project)

    def json_document(self) -> TargetDocument:
        document = self.document
        return TargetDocument(
            year=document.year,
            amount_unit=document.amount_unit,
            department=document.department,
            projects=[self.project],
        )

    def filename_stem(self) -> str:
        return safe_filename(f"{self.project.code or ''}{self.project.name or ''}绩效目标表")


def find_project(document: TargetDocument, key: str) -> Project:
    """The project whose code (or else name) is ``key``; raises :class:`JixiaoError` (``export.no_project``)."""
    for project in document.projects:
        if key in (project.code, project.name):
            return project
    raise JixiaoError("export.no_project", key=key)


_UNSAFE_RE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def safe_filename(stem: str) -> str:
    """A file name stem without characters Windows or Unix refuse, at most 80 characters."""
    return _UNSAFE_RE.sub("_", stem).strip(" .")[:80] or "jixiao"


EXPORTERS: dict[str, type[Exporter]] = {
    DepartmentTargetsExporter.identifier: DepartmentTargetsExporter,
    ProjectTargetsExporter.identifier: ProjectTargetsExporter,
}
