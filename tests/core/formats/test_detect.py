"""Every reader is chosen from the content, and a file no reader can take gets a Chinese message, not a traceback."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from jixiao.cli import main
from jixiao.domain.errors import DocumentError
from jixiao.formats import detect_format, read_bytes
from tests.conftest import SEED


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


@pytest.mark.parametrize("fmt", ["docx", "xlsx", "html", "pdf"])
def test_it_detects_each_office_format_from_the_bytes(fmt: str, exported: Callable[[Path, str], bytes]) -> None:
    assert detect_format(exported(SEED, fmt)) == fmt


@pytest.mark.parametrize(
    ("head", "fmt"),
    [
        (b"<!DOCTYPE html><html><body>", "html"),
        (b"\xef\xbb\xbf  <html lang='zh'>", "html"),
        ("<p>单位：万元</p><table><tr><td>项目名称</td></tr></table>".encode(), "html"),
        ("2021年绩效目标\n<table border=1><tr><td>项目名称".encode("gb18030"), "html"),
        (b"%PDF-1.7\n%\xe2\xe3", "pdf"),
        (b'{"schema": "jixiao.targets/1"}', "text"),
        ("第一部分\n部门整体绩效目标\n".encode(), "text"),
        ("| 项目名称 | <b>不是网页</b> |".encode(), "text"),
    ],
)
def test_it_tells_html_pdf_and_text_apart(head: bytes, fmt: str) -> None:
    assert detect_format(head) == fmt


def _zip(*names: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name in names:
            archive.writestr(name, "<x/>")
    return out.getvalue()


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512), "document.legacy_office"),
        (_zip("mimetype", "content.xml"), "document.unknown_zip"),
        (b"PK\x03\x04" + bytes(64), "document.corrupt"),
        (_zip("[Content_Types].xml", "word/document.xml"), "document.corrupt"),
        (_zip("[Content_Types].xml", "xl/workbook.xml"), "document.corrupt"),
        (b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer<<>>\n%%EOF", "document.corrupt"),
    ],
    ids=["doc", "odt", "broken-zip", "broken-docx", "broken-xlsx", "broken-pdf"],
)
def test_it_refuses_files_no_reader_can_take_with_a_stable_code(data: bytes, code: str) -> None:
    with pytest.raises(DocumentError) as caught:
        read_bytes(data)
    assert caught.value.code == code
    assert str(caught.value)  # a Chinese message from the catalogue


def test_a_pdf_without_a_text_layer_is_refused_as_a_scan() -> None:
    from reportlab.pdfgen.canvas import Canvas

    out = io.BytesIO()
    canvas = Canvas(out)
    canvas.rect(50, 600, 200, 140)  # ruling lines, as a scanned form's PDF may have, but no text
    canvas.save()
    blank = out.getvalue()
    with pytest.raises(DocumentError) as caught:
        read_bytes(blank)
    assert caught.value.code == "document.no_text"


def test_the_cli_reports_a_broken_word_file_in_chinese_with_exit_2(tmp_path: Path) -> None:
    broken = tmp_path / "目标表.docx"
    broken.write_bytes(b"PK\x03\x04" + bytes(100))
    code, out, err = run("import", str(broken))
    assert code == 2 and out == ""
    assert "文件已损坏" in err and "Traceback" not in err
