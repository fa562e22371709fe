"""Files sent to the browser: a document or a list as an attachment, named so that every browser keeps the Chinese."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import quote

from django.http import HttpResponse, StreamingHttpResponse

from jixiao.formats.exporters import Output
from jixiao.formats.listing import MEDIA_TYPES, ListExporter


def _disposition(filename: str) -> str:
    return f"attachment; filename*=UTF-8''{quote(filename)}"


def attachment(output: Output) -> HttpResponse:
    """An exported file as a download."""
    response = HttpResponse(output.data, content_type=output.media_type)
    response["Content-Disposition"] = _disposition(output.filename)
    return response


def list_download(
    exporter: ListExporter, fmt: str, *, stream: Iterator[str] | None = None
) -> HttpResponse | StreamingHttpResponse:
    """A list as CSV or XLSX. ``stream``: the CSV chunks wrapped by the caller (read on a replica, say), streamed
    instead of built in memory; XLSX is always built whole."""
    if fmt == "csv" and stream is not None:
        response = StreamingHttpResponse(stream, content_type=MEDIA_TYPES["csv"])
        response["Content-Disposition"] = _disposition(f"{exporter.filename_stem}.csv")
        return response
    return attachment(exporter.export(fmt))
