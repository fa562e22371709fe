"""Readers and writers of target documents. ``read_path``/``read_bytes`` detect the format from the content."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from jixiao.domain.errors import DocumentError, register_messages
from jixiao.formats.messages import FORMATS_MESSAGES

register_messages("formats", FORMATS_MESSAGES)

from jixiao.formats import canonical  # noqa: E402  (after the messages: readers raise their codes)
from jixiao.formats.interpret import ReadResult  # noqa: E402
from jixiao.formats.limits import ReadLimits, check_text, check_upload, current_limits  # noqa: E402
from jixiao.formats.text import decode_document, read_text  # noqa: E402

__all__ = ["ReadLimits", "ReadResult", "detect_format", "read_bytes", "read_path"]


_HTML_RE = re.compile(
    rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|table|div|p)\b", re.I | re.S
)
_TABLE_RE = re.compile(rb"<table\b", re.I)
_CELL_RE = re.compile(rb"<t[dr]\b", re.I)


def detect_format(data: bytes, limits: ReadLimits | None = None) -> str:
    """The format of a document from its first bytes: docx, xlsx, pdf, html, json or text.

    A zip is Word or Excel by the parts it holds (``word/``, ``xl/``), whatever its file name says.
    """
    head = data[:2048].lstrip(b"\xef\xbb\xbf")
    if data.startswith(b"PK\x03\x04"):
        return _zip_format(data, limits)
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        raise DocumentError("document.legacy_office")
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if _HTML_RE.match(head) or _HTML_RE.match(_utf16_head(head)):
        return "html"
    if _TABLE_RE.search(head) and _CELL_RE.search(data[:65536]):
        return "html"  # a fragment copied from a web page: text, then the table
    return "text"


def _utf16_head(head: bytes) -> bytes:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return head.decode("utf-16", errors="ignore").encode("utf-8", errors="ignore")
    return b""


def _zip_format(data: bytes, limits: ReadLimits | None) -> str:
    limit = current_limits(limits).zip_members
    if data.count(b"PK\x01\x02") > limit:  # before zipfile makes an object of every directory entry
        raise DocumentError("limit.zip_members", format="ZIP", count=data.count(b"PK\x01\x02"), limit=limit)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, NotImplementedError, ValueError, OSError, EOFError, RuntimeError) as error:
        raise DocumentError("document.corrupt", format="ZIP", reason=str(error) or type(error).__name__) from None
    if "word/document.xml" in names:
        return "docx"
    if any(name.startswith("xl/") for name in names):
        return "xlsx"
    raise DocumentError("document.unknown_zip")


def read_bytes(data: bytes, *, name: str = "", limits: ReadLimits | None = None) -> ReadResult:
    """Read a document of any supported format from its bytes; ``name`` only helps messages.

    The format comes from the content (:func:`detect_format`); office readers are imported on first use. What the
    file may hold is bounded by ``limits`` (the module default when None, :mod:`jixiao.formats.limits`), each checked
    before the work it would make expensive.
    """
    check_upload(len(data), limits)
    fmt = detect_format(data, limits) if data.strip() else "text"
    if fmt == "docx":
        from jixiao.formats.docx import read_docx

        return read_docx(data, limits)
    if fmt == "xlsx":
        from jixiao.formats.xlsx import read_xlsx

        return read_xlsx(data, limits)
    if fmt == "pdf":
        from jixiao.formats.pdf import read_pdf

        return read_pdf(data, limits)
    if len(data) > 4 * current_limits(limits).text_chars:  # more characters than the limit in any encoding
        raise DocumentError("limit.text_chars", chars=f"{len(data) // 4} 多", limit=current_limits(limits).text_chars)
    text = decode_document(data)
    check_text(text, limits)
    if fmt == "html":
        from jixiao.formats.html import read_html

        return read_html(text, limits)
    if text.lstrip().startswith("{"):
        return ReadResult(document=canonical.from_dict(canonical.loads(text, limits)), layout="json")
    check_text(text, limits, lines=True)
    return read_text(text)


def read_path(path: str | Path, *, limits: ReadLimits | None = None) -> ReadResult:
    """Read a document from a file, with Chinese errors for a missing or unreadable file (or one past the upload
    size limit, refused before it is read)."""
    file = Path(path)
    try:
        check_upload(file.stat().st_size, limits)
        data = file.read_bytes()
    except FileNotFoundError:
        raise DocumentError("document.no_file", path=str(path)) from None
    except OSError as error:
        raise DocumentError("document.unreadable", path=str(path), reason=error.strerror or str(error)) from None
    return read_bytes(data, name=file.name, limits=limits)
