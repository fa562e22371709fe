"""Reading uploaded files: the size checked before the upload is read, the reading done in a child process with
the site's time and memory budget (:mod:`jixiao.formats.sandbox`), the document's limits from the settings
(``JIXIAO_LIMIT_*``, ``JIXIAO_PARSE_*``); and the bounded previews kept in the session between upload and confirm.
"""

from __future__ import annotations

import base64
import json
import zlib
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile

from jixiao.domain.errors import JixiaoError
from jixiao.domain.monitoring.ledger import LedgerRow
from jixiao.formats import ReadResult, read_bytes
from jixiao.formats.ledger import ledger_rows
from jixiao.formats.limits import MB, ReadLimits, check_upload, size_text
from jixiao.formats.sandbox import Budget, run_isolated


def limits() -> ReadLimits:
    configured: ReadLimits = settings.JIXIAO_READ_LIMITS
    return configured


def budget() -> Budget:
    return Budget(seconds=float(settings.JIXIAO_PARSE_SECONDS), memory_bytes=settings.JIXIAO_PARSE_MEMORY_MB * MB)


def _data(upload: UploadedFile) -> bytes:
    check_upload(upload.size or 0, limits())  # before the file is read into memory
    data: bytes = upload.read(limits().upload_bytes + 1)
    return data


def read_document(upload: UploadedFile) -> ReadResult:
    """A target document from an upload; a refusal or damage raises :class:`DocumentError` with its message."""
    data = _data(upload)
    if settings.JIXIAO_PARSE_ISOLATED:
        result: ReadResult = run_isolated("targets", data, name=upload.name or "", limits=limits(), budget=budget())
        return result
    return read_bytes(data, name=upload.name or "", limits=limits())


def read_ledger(upload: UploadedFile) -> list[LedgerRow]:
    """A finance ledger's rows from an upload, read as :func:`read_document` reads a document."""
    data = _data(upload)
    if settings.JIXIAO_PARSE_ISOLATED:
        rows: list[LedgerRow] = run_isolated("ledger", data, name=upload.name or "", limits=limits(), budget=budget())
        return rows
    return ledger_rows(data, limits())


# -- previews in the session ---------------------------------------------------------------------------------------


def pack_preview(value: Any) -> str:
    """``value`` as compressed JSON for the session, refused (``web.preview_too_large``) past JIXIAO_PREVIEW_MAX_KB."""
    packed = base64.b64encode(zlib.compress(json.dumps(value, ensure_ascii=False).encode("utf-8"), 6)).decode("ascii")
    limit = settings.JIXIAO_PREVIEW_MAX_KB * 1024
    if len(packed) > limit:
        raise JixiaoError("web.preview_too_large", size=size_text(len(packed)), limit=size_text(limit))
    return packed


def unpack_preview(packed: Any) -> Any:
    """What :func:`pack_preview` packed; ``None`` for anything else (a session from before, or damaged)."""
    if not isinstance(packed, str):
        return None
    try:
        return json.loads(zlib.decompress(base64.b64decode(packed), bufsize=64 * 1024))
    except (ValueError, zlib.error):
        return None
