"""The PDF writer (reportlab): an embedded CJK font, a text layer holding every indicator (so that poppler's tools and
our own reader find it), any layout drawn, tables broken over pages so that they read back, lines broken so that they
join again."""

from __future__ import annotations

import copy
import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from jixiao.domain.model import TargetDocument
from jixiao.formats import canonical, read_bytes, read_path
from jixiao.formats.exporters import DepartmentTargetsExporter
from jixiao.formats.layout import Align, Cell, Image, Layout, Paragraph, RowKind, Section, Style, Table, TableRow
from jixiao.formats.pdf import pdf_blocks, render_pdf
from jixiao.formats.pdf.lines import NO_LINE_START, break_lines
from tests.conftest import SEED


def poppler(tool: str, *args: str) -> str:
    assert shutil.which(tool), f"{tool} is missing: `make system-deps` installs poppler-utils"
    return subprocess.run([tool, *args], capture_output=True, text=True, check=True).stdout


def test_the_pdf_embeds_a_subset_cjk_font_and_no_other(seed_pdf: Path) -> None:
    fonts = [line.split() for line in poppler("pdffonts", str(seed_pdf)).splitlines()[2:]]
    assert fonts
    for name, *rest in fonts:
        # reportlab embeds a TrueType font as subsets of 256 glyphs: AAAAAA+…-0, AAAAAB+…-0, …
        assert re.fullmatch(r"[A-Z]{6}\+WenQuanYiMicroHei-\d+", name) and rest[0] == "TrueType"
        assert rest[-5:-2] == ["yes", "yes", "yes"]  # embedded, subset, with a ToUnicode map


def test_the_text_layer_holds_every_indicator_of_the_seed(seed_pdf: Path) -> None:
    text = re.sub(r"\s+", "", poppler("pdftotext", "-enc", "UTF-8", str(seed_pdf), "-"))
    document = read_path(SEED).document
    missing = [
        item
        for project, indicator in document.indicators()
        for item in (indicator.level3 or "", indicator.value.text, project.code or "")
        if re.sub(r"\s+", "", item) not in text
    ]
    assert missing == []
    assert "部门整体绩效目标" in text and "单位：万元" in text


def test_the_pdf_is_a4_with_its_title_and_numbered_pages(seed_pdf: Path) -> None:
    info = poppler("pdfinfo", str(seed_pdf))
    assert re.search(r"Page size:\s+595\.\d+ x 841\.\d+", info)
    assert "Title:           2021年中国共产党秦皇岛市北戴河区委员会老干部局绩效目标" in info
    first_page = poppler("pdftotext", "-enc", "UTF-8", "-f", "1", "-l", "1", str(seed_pdf), "-")
    assert re.search(r"第\s*1\s*页\s*共\s*\d+\s*页", first_page)


def test_a_wrapped_cell_reads_back_as_one_line_and_a_page_footer_is_not_content(seed_pdf: Path) -> None:
    blocks = pdf_blocks(seed_pdf.read_bytes())
    texts = [cell for block in blocks for cell in getattr(block, "cells", (getattr(block, "text", ""),))]
    assert "预算资金5万元,财政资金5万元,主要用于下一代人员生活保障." in texts
    assert not any(text.startswith("第 ") and text.endswith(" 页") for text in texts)


# ---------------------------------------------------------------------------------------------------------------
# Line breaking: the units the reader joins again


def em(text: str) -> float:
    """Every character one em wide: line widths below count characters."""
    return float(len(text))


@pytest.mark.parametrize(
    ("text", "width", "lines"),
    [
        ("关心下一代人员数量", 4, ["关心下一", "代人员数", "量"]),
        ("指标值≥1200人次", 6, ["指标值", "≥1200人", "次"]),  # a run of Latin letters and digits stays whole
        ("资金支付及时率，保障", 7, ["资金支付及时", "率，保障"]),  # a comma never begins a line
        ("use Excel files", 10, ["use Excel", "files"]),  # a space between words is a break, and is dropped
        ("中文 English text", 11, ["中文 English", "text"]),  # a space next to CJK is no break
        ("第一行\n第二行", 10, ["第一行", "第二行"]),
        ("43112623C000000207", 8, ["43112623", "C0000002", "07"]),  # wider than a line: cut
        ("", 5, [""]),
    ],
)
def test_it_breaks_lines_where_the_reader_joins_them_again(text: str, width: int, lines: list[str]) -> None:
    assert break_lines(text, width, width, em) == lines


def test_a_first_line_indent_shortens_only_the_first_line() -> None:
    assert break_lines("一二三四五六七八九十", 3, 5, em) == ["一二三", "四五六七八", "九十"]


def test_no_line_starts_with_closing_punctuation() -> None:
    text = "做好这项工作，让每位老干部感受到政治上的关心、生活上的爱护。对构建和谐社会具有推动作用。" * 3
    for width in range(3, 20):
        lines = break_lines(text, width, width, em)
        assert "".join(lines) == text
        assert all(line[0] not in NO_LINE_START for line in lines[1:])
        assert all(len(line) <= width for line in lines)


# ---------------------------------------------------------------------------------------------------------------
# Any layout; tables over pages


def pdf_text(data: bytes, tmp_path: Path, *args: str) -> str:
    path = tmp_path / "out.pdf"
    path.write_bytes(data)
    return poppler("pdftotext", "-enc", "UTF-8", *args, str(path), "-")


def test_it_draws_any_layout_with_every_style_spans_and_a_landscape_page(tmp_path: Path) -> None:
    table = Table(
        (2, 3, 3),
        (
            TableRow((Cell("单位：元", colspan=3, align=Align.RIGHT),), RowKind.CAPTION),
            TableRow((Cell("季度", rowspan=2, header=True), Cell("执行情况", colspan=2, header=True)), RowKind.HEADER),
            TableRow((Cell("金额", header=True), Cell("进度", header=True)), RowKind.HEADER),
            TableRow((Cell("一季度"), Cell("1,200.00", align=Align.RIGHT), Cell("25.00%", align=Align.CENTER))),
            TableRow((Cell("二季度"), Cell("", align=Align.RIGHT), Cell("第一行\n第二行"))),
        ),
    )
    listing = Table((1,), (TableRow((Cell("只在表格里"),)),), spreadsheet_only=True)
    paragraphs = [Paragraph(f"{style.value}样式的段落", style) for style in Style]
    sections = [Section("一", [*paragraphs, table, listing]), Section("二", [Paragraph("另起一页")], page_break=True)]
    data = render_pdf(Layout("任意版式", sections, landscape=True))
    path = tmp_path / "any.pdf"
    path.write_bytes(data)
    assert re.search(r"Page size:\s+841\.\d+ x 595\.\d+", poppler("pdfinfo", str(path)))
    first, second = pdf_text(data, tmp_path, "-f", "1", "-l", "1"), pdf_text(data, tmp_path, "-f", "2", "-l", "2")
    for text in ["单位：元", "季度", "执行情况", "1,200.00", "25.00%", "第一行", "第二行"]:
        assert text in first
    assert all(f"{style.value}样式的段落" in first for style in Style)
    assert "只在表格里" not in first + second and "另起一页" in second
    rows = [block.cells for block in pdf_blocks(data) if hasattr(block, "cells")]
    assert ("一季度", "1,200.00", "25.00%") in rows and ("季度", "执行情况", "") in rows


def test_a_section_s_pictures_follow_its_blocks_at_their_width_with_their_captions(tmp_path: Path) -> None:
    from PIL import Image as Pillow

    png = io.BytesIO()
    Pillow.new("RGB", (600, 300), (31, 95, 174)).save(png, "PNG")
    wide = Image(png.getvalue(), width=400)  # wider than the page: drawn at the text's width
    sections = [Section("图", [Paragraph("执行进度")], images=[Image(png.getvalue(), 160, "图1 预算执行进度"), wide])]
    data = render_pdf(Layout("图", sections))
    path = tmp_path / "pictures.pdf"
    path.write_bytes(data)
    listed = [line.split() for line in poppler("pdfimages", "-list", str(path)).splitlines()[2:]]
    assert [(row[3], row[4]) for row in listed] == [("600", "300"), ("600", "300")]
    assert re.sub(r"\s+", "", pdf_text(data, tmp_path)).startswith("执行进度图1预算执行进度")


@pytest.mark.parametrize(
    "table",
    [
        Table((1, 2), ()),
        Table((1, 2), (TableRow((Cell("跨出网格", rowspan=5), Cell("也跨出", colspan=4))), TableRow((Cell("c"),)))),
        Table((1,), tuple(TableRow((Cell(f"表头{n}"),), RowKind.HEADER) for n in range(80))),
        Table((1,), (TableRow((Cell("很高的表头\n" * 70),), RowKind.HEADER), TableRow((Cell("体"),)))),
    ],
    ids=["no rows", "spans beyond the grid", "header rows over two pages", "a header taller than a page"],
)
def test_it_draws_odd_tables_rather_than_refusing_them(table: Table, tmp_path: Path) -> None:
    texts = [cell.text.split("\n")[0] for row in table.rows for cell in row.cells]
    text = pdf_text(render_pdf(Layout("表", [Section("一", [Paragraph("前"), table, Paragraph("后")])])), tmp_path)
    assert all(piece in text for piece in ["前", "后", *texts])


def long_project_document() -> TargetDocument:
    """The seed with its first project's level-1 group 产出指标 grown to 60 indicators: three pages long."""
    document = read_path(SEED).document
    project = document.projects[0]
    outputs = [indicator for indicator in project.indicators if indicator.level1 == "产出指标"]
    grown = []
    for number in range(60):
        indicator = copy.deepcopy(outputs[number % len(outputs)])
        indicator.level3 = f"{indicator.level3}（第{number + 1}项）"
        grown.append(indicator)
    project.indicators = grown + [item for item in project.indicators if item.level1 != "产出指标"]
    return document


def test_a_merged_level_cell_longer_than_a_page_breaks_with_the_header_repeated_and_reads_back(
    tmp_path: Path,
) -> None:
    document = long_project_document()
    data = DepartmentTargetsExporter(document).export("pdf").data
    assert canonical.to_json(read_bytes(data).document) == canonical.to_json(document)
    pages = pdf_text(data, tmp_path).split("\f")
    continued = [page for page in pages if "（第60项）" in page or "（第30项）" in page]
    assert continued and all("一级指标" in page and "产出指标" in page for page in continued)


def test_a_cell_taller_than_a_page_is_cut_between_its_lines_and_nothing_is_lost() -> None:
    document = read_path(SEED).document
    document.projects[1].fund_use = "".join(f"第{number}句资金用途说明。" for number in range(1, 801))
    blocks = pdf_blocks(DepartmentTargetsExporter(document).export("pdf").data)
    parts = [cell for block in blocks for cell in getattr(block, "cells", ()) if "句资金" in cell]
    assert len(parts) >= 3  # the row goes on over three pages, the merged label cell printed again on each
    assert re.sub(r"\s+", "", "".join(parts)) == document.projects[1].fund_use
