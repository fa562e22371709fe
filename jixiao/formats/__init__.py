"""Readers and writers of target documents. ``read_path``/``read_bytes`` detect the format from the content."""

from __future__ import annotations

from pathlib import Path

from jixiao.domain.errors import DocumentError
from jixiao.formats import canonical
from jixiao.formats.interpret import ReadResult
from jixiao.formats.text import decode, read_text

__all__ = ["ReadResult", "read_bytes", "read_path"]


def read_bytes(data: bytes, *, name: str = "") -> ReadResult:
    """Read a document of any supported format from its bytes; ``name`` only helps messages."""
    text = decode(data)
    if text.lstrip().startswith("{"):
        return ReadResult(document=canonical.from_json(text), layout="json")
    return read_text(text)


def read_path(path: str | Path) -> ReadResult:
    """Read a document from a file, with Chinese errors for a missing or unreadable file."""
    file = Path(path)
    try:
        data = file.read_bytes()
    except FileNotFoundError:
        raise DocumentError("document.no_file", path=str(path)) from None
    except OSError as error:
        raise DocumentError("document.unreadable", path=str(path), reason=error.strerror or str(error)) from None
    return read_bytes(data, name=file.name)
