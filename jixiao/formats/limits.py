"""Limits on what a reader will take on, checked before the expensive work, so that a small hostile file cannot
exhaust memory or time: a 17 KB workbook declaring cell ``XFD1048576``, a PDF whose 40 MB content stream is
compressed into 80 KB, a Word file whose ``document.xml`` unpacks to 190 MB, JSON nested ten thousand deep.

Each refusal is a :class:`~jixiao.domain.errors.DocumentError` whose Chinese message names the limit (codes
``limit.*``). The limits are a frozen :class:`ReadLimits`; a reader takes one as ``limits=`` or uses the module's
default (:func:`current_limits`, replaced with :func:`set_default_limits`). The web settings build one from
``JIXIAO_LIMIT_*`` environment variables (``jixiao.web.env.env_read_limits``); the core never reads the environment.

What is checked where:

- ``upload_bytes``: the size of the file, first thing in :func:`jixiao.formats.read_bytes` (and by the web forms
  before the upload is read).
- ``zip_members``, ``zip_member_bytes``, ``zip_total_bytes``, ``zip_ratio``: a Word or Excel file's parts, from
  the zip directory before anything is unpacked (:func:`check_zip`); ``zipfile`` never unpacks more than a part's
  declared size, so the declared sizes bound what is read. Parts holding a DTD (``<!DOCTYPE``/``<!ENTITY``, never
  in Office files: entity expansion) are refused as corrupt.
- ``sheet_rows``, ``sheet_columns``, ``sheet_cells``: every worksheet's cells and merged ranges, scanned in the
  unpacked XML before openpyxl loads it (openpyxl makes an object for every cell of a merged range and
  ``iter_rows`` for every cell of the used rectangle), then the loaded sheet's used rectangle (:func:`check_sheet`).
- ``pdf_stream_bytes``: every compressed PDF stream, unpacked in 1 MB steps until it passes the limit
  (:func:`check_pdf`); ``pdf_pages``: the page count, before any page is read; ``pdf_objects``: characters and
  graphic objects of all pages, counted by PDFium page by page before any page is read
  (:mod:`jixiao.formats.pdf.reader`).
- ``rows``: lines of a text, paragraphs and table rows of a Word, HTML or PDF document, before they are interpreted.
- ``text_chars``: the decoded text of a text, HTML or JSON document.
- ``json_depth``, ``json_number_chars``: nesting and the length of one number (digits, sign, point and exponent) in
  JSON (:mod:`jixiao.formats.canonical`), and the exponent's size, so ``1e999999999`` never becomes a billion digits.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from dataclasses import dataclass, fields
from typing import Any

from jixiao.domain.errors import DocumentError

MB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class ReadLimits:
    """What one document may hold; every field is a whole number (bytes, pages, rows, characters or levels)."""

    upload_bytes: int = 20 * MB
    zip_members: int = 1_000
    zip_member_bytes: int = 32 * MB
    zip_total_bytes: int = 64 * MB
    zip_ratio: int = 100
    sheet_rows: int = 100_000
    sheet_columns: int = 1_000
    sheet_cells: int = 500_000
    pdf_pages: int = 500
    pdf_stream_bytes: int = 16 * MB
    pdf_objects: int = 500_000
    rows: int = 200_000
    text_chars: int = 4_000_000
    json_depth: int = 64
    json_number_chars: int = 40

    def replace(self, **changes: int) -> ReadLimits:
        values = {item.name: getattr(self, item.name) for item in fields(self)}
        unknown = set(changes) - set(values)
        if unknown:
            raise TypeError(f"unknown limits: {', '.join(sorted(unknown))}")
        return ReadLimits(**{**values, **changes})


DEFAULT_LIMITS = ReadLimits()
_default = DEFAULT_LIMITS


def current_limits(limits: ReadLimits | None = None) -> ReadLimits:
    """``limits``, or the module's default when None."""
    return limits if limits is not None else _default


def set_default_limits(limits: ReadLimits) -> None:
    """Replace the default used by readers called without ``limits=`` (the parsing sandbox's child sets it)."""
    global _default
    _default = limits


def size_text(size: int) -> str:
    """A size for a message: ``20 MB``, ``512 KB``, ``80 字节``."""
    if size >= MB:
        value = size / MB
        return f"{value:.0f} MB" if value >= 10 or value == int(value) else f"{value:.1f} MB"
    if size >= 1024:
        return f"{size // 1024} KB"
    return f"{size} 字节"


# -- whole files and texts ----------------------------------------------------------------------------------------


def check_upload(size: int, limits: ReadLimits | None = None) -> None:
    limit = current_limits(limits).upload_bytes
    if size > limit:
        raise DocumentError("limit.upload_size", size=size_text(size), limit=size_text(limit))


def check_text(text: str, limits: ReadLimits | None = None, *, lines: bool = False) -> None:
    """The decoded text's length, and with ``lines`` its number of lines (a text document's rows)."""
    limits = current_limits(limits)
    if len(text) > limits.text_chars:
        raise DocumentError("limit.text_chars", chars=len(text), limit=limits.text_chars)
    if lines:
        check_rows(text.count("\n") + 1, limits, unit="行")


def check_rows(count: int, limits: ReadLimits | None = None, *, unit: str = "行（段落和表格行）") -> None:
    limit = current_limits(limits).rows
    if count > limit:
        raise DocumentError("limit.rows", rows=count, unit=unit, limit=limit)


# -- zip containers (Word, Excel) ----------------------------------------------------------------------------------

_DTD_RE = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.I)


def check_zip(data: bytes, fmt: str, limits: ReadLimits | None = None) -> None:
    """A Word or Excel file's parts, from the zip directory; for Excel (``fmt == "Excel"``) every worksheet's cells.

    A file that is not a zip at all passes: the reader says it is corrupt.
    """
    limits = current_limits(limits)
    # Count the directory entries before zipfile makes an object of each (a 20 MB directory holds 450,000).
    entries = data.count(b"PK\x01\x02")
    if entries > limits.zip_members:
        raise DocumentError("limit.zip_members", format=fmt, count=entries, limit=limits.zip_members)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, NotImplementedError):
        return
    with archive:
        infos = archive.infolist()
        if len(infos) > limits.zip_members:
            raise DocumentError("limit.zip_members", format=fmt, count=len(infos), limit=limits.zip_members)
        total = 0
        for info in infos:
            _check_member(info, fmt, limits)
            total += info.file_size
            if total > limits.zip_total_bytes:
                raise DocumentError(
                    "limit.zip_total_bytes", format=fmt, size=size_text(total), limit=size_text(limits.zip_total_bytes)
                )
        for info in infos:
            if info.filename.endswith((".xml", ".rels")) and not info.is_dir():
                _check_xml_member(archive, info, fmt, limits)


def _check_member(info: zipfile.ZipInfo, fmt: str, limits: ReadLimits) -> None:
    if info.file_size > limits.zip_member_bytes:
        raise DocumentError(
            "limit.zip_member_bytes",
            format=fmt,
            member=info.filename[:80],
            size=size_text(info.file_size),
            limit=size_text(limits.zip_member_bytes),
        )
    # Ratios only mean something for parts of some size: a 2 KB part of zeros may well pack 200:1.
    if info.file_size > MB and info.file_size > limits.zip_ratio * max(info.compress_size, 1):
        raise DocumentError(
            "limit.zip_ratio",
            format=fmt,
            member=info.filename[:80],
            ratio=info.file_size // max(info.compress_size, 1),
            limit=limits.zip_ratio,
        )


def _check_xml_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, fmt: str, limits: ReadLimits) -> None:
    try:
        xml = archive.read(info)
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, NotImplementedError, RuntimeError, zlib.error):
        return  # unreadable: the reader says what is wrong with it
    if _DTD_RE.search(xml, 0, 4096) or (b"<!" in xml and _DTD_RE.search(xml)):
        raise DocumentError("document.corrupt", format=fmt, reason=f"{info.filename[:80]} 含有 DTD 声明")
    if fmt == "Excel" and b"sheetData" in xml:
        _check_sheet_xml(xml, info.filename, limits)


# -- worksheets ----------------------------------------------------------------------------------------------------

_CELL_RE = re.compile(rb"<(?:[\w.-]+:)?c[\s/>]")
_REF_RE = re.compile(rb"<(?:[\w.-]+:)?(?:c|row)\s[^>]*?\br\s*=\s*[\"']\$?([A-Za-z]{0,4})\$?(\d{1,10})[\"']")
_MERGE_RE = re.compile(rb"<(?:[\w.-]+:)?mergeCell\s[^>]*?\bref\s*=\s*[\"']([^\"']{1,64})[\"']")
_A1_RE = re.compile(r"\$?([A-Za-z]{1,4})\$?(\d{1,10})")


def column_number(letters: str) -> int:
    number = 0
    for letter in letters.upper():
        number = number * 26 + ord(letter) - 64
    return number


def column_letters(number: int) -> str:
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _check_sheet_xml(xml: bytes, member: str, limits: ReadLimits) -> None:
    sheet = member.rsplit("/", 1)[-1].removesuffix(".xml")
    cells = len(_CELL_RE.findall(xml))
    for match in _REF_RE.finditer(xml):
        letters, row = match.group(1).decode(), int(match.group(2))
        _check_extent(sheet, row, column_number(letters) if letters else 1, limits)
    for match in _MERGE_RE.finditer(xml):
        area = _area(match.group(1).decode("ascii", "replace"), sheet, limits)
        cells += area
        if cells > limits.sheet_cells:
            break
    if cells > limits.sheet_cells:
        raise DocumentError("limit.sheet_cells", sheet=sheet, cells=cells, limit=limits.sheet_cells)


def _area(ref: str, sheet: str, limits: ReadLimits) -> int:
    corners = [_A1_RE.fullmatch(part) for part in ref.split(":")]
    if not corners or any(corner is None for corner in corners):
        return 0
    points = [(int(corner.group(2)), column_number(corner.group(1))) for corner in corners if corner]
    for row, column in points:
        _check_extent(sheet, row, column, limits)
    rows = abs(points[-1][0] - points[0][0]) + 1
    columns = abs(points[-1][1] - points[0][1]) + 1
    return rows * columns


def _check_extent(sheet: str, row: int, column: int, limits: ReadLimits) -> None:
    if row > limits.sheet_rows:
        raise DocumentError("limit.sheet_rows", sheet=sheet, row=row, limit=limits.sheet_rows)
    if column > limits.sheet_columns:
        raise DocumentError(
            "limit.sheet_columns",
            sheet=sheet,
            column=column,
            letters=column_letters(column),
            limit=limits.sheet_columns,
        )


def check_sheet(ws: Any, limits: ReadLimits | None = None) -> None:
    """A loaded worksheet's used rectangle (from A1, what ``iter_rows`` walks), before it is walked."""
    limits = current_limits(limits)
    sheet = str(ws.title)
    rows, columns = int(ws.max_row), int(ws.max_column)
    _check_extent(sheet, rows, columns, limits)
    if rows * columns > limits.sheet_cells:
        raise DocumentError("limit.sheet_cells", sheet=sheet, cells=rows * columns, limit=limits.sheet_cells)


# -- PDF -----------------------------------------------------------------------------------------------------------

_STREAM_RE = re.compile(rb"stream\r?\n|stream\r")
_OBJ_RE = re.compile(rb"(\d+)\s+\d+\s+obj\b")
_FILTERS = (b"/FlateDecode", b"/Fl ", b"/Fl/", b"/Fl]")
_STEP = MB


def check_pdf(data: bytes, limits: ReadLimits | None = None) -> None:
    """Every Flate-compressed stream of a PDF unpacks to at most ``pdf_stream_bytes`` (each layer of a filter chain).

    Streams are found in the bytes (``stream`` … ``endstream`` after a dictionary), as a damaged file's would be by
    a tolerant reader; a stream that does not unpack is left to the reader.
    """
    limit = current_limits(limits).pdf_stream_bytes
    position = 0
    while (match := _STREAM_RE.search(data, position)) is not None:
        start = match.end()
        end = data.find(b"endstream", start)
        if end < 0:
            end = len(data)
        position = end + len(b"endstream") if end < len(data) else len(data)
        head = data[max(0, match.start() - 2048) : match.start()]
        if not head.rstrip().endswith(b">>"):
            continue
        numbers = _OBJ_RE.findall(head)
        opening = max(head.rfind(b" obj"), head.rfind(b"\nobj"), head.rfind(b"\robj"))
        dictionary = head[opening:] if opening >= 0 else head
        layers = sum(dictionary.count(name) for name in _FILTERS)
        if layers:
            _check_stream(data[start:end], layers, limit, numbers[-1].decode() if numbers else "?")


def _check_stream(raw: bytes, layers: int, limit: int, number: str) -> None:
    layers = min(layers, 4)
    for layer in range(layers):
        raw = _inflate(raw, limit, number, keep=layer + 1 < layers)
        if not raw:
            return


def _inflate(raw: bytes, limit: int, number: str, *, keep: bool) -> bytes:
    """``raw`` unpacked, refused as soon as it passes ``limit``; ``b""`` when it is not a zlib stream."""
    decompressor = zlib.decompressobj()
    parts: list[bytes] = []
    size = 0
    pending = raw
    try:
        while pending:
            part = decompressor.decompress(pending, _STEP)
            size += len(part)
            if size > limit:
                raise DocumentError("limit.pdf_stream_bytes", object=number, limit=size_text(limit))
            if keep:
                parts.append(part)
            pending = decompressor.unconsumed_tail
            if decompressor.eof or not part:
                break
    except zlib.error:
        pass
    return b"".join(parts)


def check_pdf_pages(count: int, limits: ReadLimits | None = None) -> None:
    limit = current_limits(limits).pdf_pages
    if count > limit:
        raise DocumentError("limit.pdf_pages", pages=count, limit=limit)
