"""Whatever was typed, every document renders: control characters never reach the writers (a vertical tab, Word's
manual line break, used to make the DOCX and XLSX downloads fail)."""

from __future__ import annotations

import dataclasses

import pytest

from jixiao.formats import read_bytes, read_path
from jixiao.formats.evaluation_export import ActualsTemplateExporter
from jixiao.formats.exporters import DepartmentTargetsExporter
from jixiao.formats.layout import Cell, Paragraph, printable
from tests.conftest import SEED


@pytest.mark.parametrize(
    ("typed", "printed"),
    [
        ("第一行\x0b第二行", "第一行\n第二行"),
        ("分页\x0c之后", "分页\n之后"),
        ("段落\u2029分隔", "段落\n分隔"),
        ("空\x00字符\x1f与\x7f删除", "空字符与删除"),
        ("制表\t换行\n回车\r保留", "制表\t换行\n回车\r保留"),
        ("普通文字 ≥95%", "普通文字 ≥95%"),
    ],
)
def test_printable_turns_line_breaks_into_newlines_and_drops_other_controls(typed: str, printed: str) -> None:
    assert printable(typed) == printed
    assert Cell(typed).text == printed and Paragraph(typed).text == printed


@pytest.mark.parametrize("fmt", ["docx", "xlsx", "pdf", "html", "json"])
def test_a_project_typed_with_control_characters_exports_in_every_format(fmt: str) -> None:
    document = read_path(SEED).document
    first = dataclasses.replace(
        document.projects[0], name="老干部\x0b生活补助[1]/*?:\x00项目", goal="保障生活\x0b按时发放\x0c全年"
    )
    document = dataclasses.replace(document, projects=[first, *document.projects[1:]])
    output = DepartmentTargetsExporter(document).export(fmt)
    assert output.data
    assert ActualsTemplateExporter(document).export(fmt if fmt != "json" else "xlsx").data
    if fmt in ("docx", "xlsx"):
        back = read_bytes(output.data).document.projects[0]
        assert back.name == "老干部\n生活补助[1]/*?:项目"
