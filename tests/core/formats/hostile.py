"""Small hostile files, built on the spot: each makes a reader without limits take gigabytes or minutes (as found
when probing the site: a 17 KB workbook declaring ``XFD1048576``, an 82 KB PDF holding a 40 MB Flate stream, a
617 KB Word file whose ``document.xml`` unpacks to 190 MB, a 50 MB text, JSON nested or numbered past reason)."""

from __future__ import annotations

import io
import zipfile
import zlib

MB = 1024 * 1024

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    "</Types>"
)
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/></Relationships>'
)
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet1.xml"/></Relationships>'
)


def xlsx(sheet_data: str, extra: str = "", prolog: str = "") -> bytes:
    """A one-sheet workbook whose ``<sheetData>`` is ``sheet_data`` (``extra`` after it: merged cells)."""
    sheet = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{prolog}'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"<sheetData>{sheet_data}</sheetData>{extra}</worksheet>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _ROOT_RELS)
        archive.writestr("xl/workbook.xml", _WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        archive.writestr("xl/worksheets/sheet1.xml", sheet)
    return out.getvalue()


def _cell(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def xlsx_far_cell() -> bytes:
    """Two cells, ``A1`` and ``XFD1048576``: ``iter_rows`` would walk 17 billion cells."""
    return xlsx(f'<row r="1">{_cell("A1", "项目名称")}</row><row r="1048576">{_cell("XFD1048576", "x")}</row>')


def xlsx_merged_bomb() -> bytes:
    """One merged range over the whole sheet: openpyxl makes an object for each of its 17 billion cells."""
    return xlsx(f'<row r="1">{_cell("A1", "项目名称")}</row>', '<mergeCells count="1"><mergeCell ref="A1:XFD1048576"/>'
                "</mergeCells>")  # fmt: skip


def xlsx_billion_laughs() -> bytes:
    """A worksheet with a DTD of nested entities (the "billion laughs")."""
    entities = '<!ENTITY a0 "lol">' + "".join(f'<!ENTITY a{n} "{f"&a{n - 1};" * 10}">' for n in range(1, 10))
    return xlsx('<row r="1"><c r="A1" t="inlineStr"><is><t>&a9;</t></is></c></row>',
                prolog=f"<!DOCTYPE worksheet [{entities}]>")  # fmt: skip


def docx_big_document(size: int = 190 * MB) -> bytes:
    """A Word file whose ``document.xml`` unpacks to ``size`` bytes of paragraphs (about 600 KB packed)."""
    out = io.BytesIO()
    paragraph = b"<w:p><w:r><w:t>\xe7\xbb\xa9\xe6\x95\x88\xe7\x9b\xae\xe6\xa0\x87</w:t></w:r></w:p>" * 1000
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="xml" ContentType="application/xml"/></Types>',
        )
        with archive.open("word/document.xml", "w", force_zip64=True) as part:
            part.write(b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
                       b'wordprocessingml/2006/main"><w:body>')  # fmt: skip
            written = 0
            while written < size:
                part.write(paragraph)
                written += len(paragraph)
            part.write(b"</w:body></w:document>")
    return out.getvalue()


def pdf_with_stream(content: bytes, *, pages: int = 1) -> bytes:
    """A PDF of ``pages`` pages sharing one Flate-compressed content stream ``content``."""
    packed = zlib.compress(content, 9)
    kids = " ".join(f"{4 + n} 0 R" for n in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>".encode(),
        b"<< /Length " + str(len(packed)).encode() + b" /Filter /FlateDecode >>\nstream\n" + packed + b"\nendstream",
    ]
    objects += [
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R /Resources << /Font << /F1 "
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >> >>"
    ] * pages
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def pdf_flate_bomb(size: int = 40 * MB) -> bytes:
    """A one-page PDF whose content stream unpacks to ``size`` bytes of text operators (about 80 KB packed)."""
    line = b"BT /F1 12 Tf 72 720 Td (\xd7\xd7\xd7\xd7\xd7\xd7\xd7\xd7) Tj ET\n"
    return pdf_with_stream(line * (size // len(line)))


def pdf_many_pages(pages: int = 5000) -> bytes:
    return pdf_with_stream(b"BT /F1 12 Tf 72 720 Td (x) Tj ET\n", pages=pages)


def html_span_bomb() -> bytes:
    """A page of 200 cells, each spanning 1,000 × 1,000 grid cells."""
    cells = '<td rowspan="1000" colspan="1000">x</td>' * 200
    return f"<html><body><table><tr>{cells}</tr></table></body></html>".encode()


def big_text(size: int = 50 * MB) -> bytes:
    return ("项目名称\t一级指标\t二级指标\n" * (size // 40)).encode()


def nested_json(depth: int = 100_000) -> bytes:
    return b'{"schema": "jixiao.targets/1", "projects": ' + b"[" * depth + b"]" * depth + b"}"


def huge_integer_json(digits: int = 5000) -> bytes:
    return b'{"schema": "jixiao.targets/1", "year": 1' + b"0" * digits + b"}"


def surrogate_json() -> bytes:
    return b'{"schema": "jixiao.targets/1", "title": "\\ud800", "projects": []}'
