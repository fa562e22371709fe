"""Every document the application writes out, in one registry shared by the web downloads and ``jixiao export``.

An app registers the documents of its stage in its ``AppConfig.ready`` (targets here, the monitoring table in
monitoring, the self-evaluation table and the actuals template in evaluation), so this module needs none of them.
A document is made for a department-year or for one of its projects (a :class:`Scope`); its builder reads the
database and returns an exporter of :mod:`jixiao.formats`, which renders it in any of its formats.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.http import Http404, HttpResponse

from jixiao.domain.errors import JixiaoError
from jixiao.formats.exporters import JSON_FORMAT, Exporter
from jixiao.formats.listing import FORMATS as LIST_FORMATS
from jixiao.formats.listing import ListExporter
from jixiao.web.downloads import attachment
from jixiao.web.records import models as db
from jixiao.web.routers import read_from_replica

FORMAT_LABELS = {"docx": "Word", "xlsx": "Excel", "pdf": "PDF", "html": "HTML", JSON_FORMAT: "JSON"}


@dataclass(frozen=True, slots=True)
class Scope:
    """What a document is made for: a department-year, or one of its projects; ``month`` for monitoring tables."""

    department: db.Department
    project: db.Project | None = None
    month: int | None = None


@dataclass(frozen=True, slots=True)
class Document:
    """One kind of output document: its identifier (``jixiao export --document``), name and builder."""

    identifier: str
    verbose_name: str
    build: Callable[[Scope], Exporter]
    formats: tuple[str, ...]
    for_department: bool = True  # can be made for a whole department-year
    for_project: bool = True  # can be made for one project

    def format_choices(self) -> list[tuple[str, str]]:
        """The formats with the short labels of the download buttons, in the order a user should see them."""
        return [(fmt, FORMAT_LABELS.get(fmt, fmt.upper())) for fmt in self.formats]


_DOCUMENTS: dict[str, Document] = {}


def register(document: Document) -> None:
    """Add a document kind; registering the same identifier twice with another builder is a programming error."""
    known = _DOCUMENTS.get(document.identifier)
    if known is not None and known != document:
        raise ValueError(f"document {document.identifier!r} registered twice")
    _DOCUMENTS[document.identifier] = document


def documents() -> list[Document]:
    """Every registered document kind, in registration order (targets, monitoring, self-evaluation, …)."""
    return list(_DOCUMENTS.values())


def document(identifier: str) -> Document:
    """The registered document; an unknown identifier raises ``export.document`` naming the known ones."""
    found = _DOCUMENTS.get(identifier)
    if found is None:
        raise JixiaoError("export.document", document=identifier, documents="、".join(_DOCUMENTS))
    return found


def exporter(identifier: str, scope: Scope) -> Exporter:
    """The exporter of the document for the scope; a scope the document is not made for raises ``export.scope``."""
    kind = document(identifier)
    wanted = kind.for_project if scope.project is not None else kind.for_department
    if not wanted:
        raise JixiaoError("export.scope", document=kind.verbose_name, scope="项目" if scope.project else "部门")
    return kind.build(scope)


def download(identifier: str, scope: Scope, fmt: str) -> HttpResponse:
    """The document as an attachment; the data are read from the replica when there is one (permission has been
    checked on the primary by the view). An unknown format is a 404."""
    if fmt not in document(identifier).formats:
        raise Http404("不支持的导出格式。")
    return send(read_from_replica(lambda: exporter(identifier, scope)), fmt)


def send(made: Exporter, fmt: str) -> HttpResponse:
    """An exporter's document as an attachment (a published version's, say); an unknown format is a 404."""
    if fmt not in made.formats:
        raise Http404("不支持的导出格式。")
    return attachment(made.export(fmt))


# -- lists: the downloads that are tables of many departments or entries, not documents of one ------------------


@dataclass(frozen=True, slots=True)
class ListDocument:
    """A list download (the finance overview, the audit trail): CSV or XLSX of a year (and month) of everything."""

    identifier: str
    verbose_name: str
    build: Callable[[int | None, int | None], ListExporter]
    formats: tuple[str, ...] = LIST_FORMATS


_LISTS: dict[str, ListDocument] = {}


def register_list(document: ListDocument) -> None:
    known = _LISTS.get(document.identifier)
    if (known is not None and known != document) or document.identifier in _DOCUMENTS:
        raise ValueError(f"list {document.identifier!r} registered twice")
    _LISTS[document.identifier] = document


def lists() -> list[ListDocument]:
    return list(_LISTS.values())


def list_document(identifier: str) -> ListDocument | None:
    return _LISTS.get(identifier)
