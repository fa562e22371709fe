"""Word: the writer's fonts and merges, and the reader's handling of merged cells, numbering and tabs."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx

from jixiao.formats.blocks import Para, Row
from jixiao.formats.docx import docx_blocks
from tests.conftest import SEED
from tests.core.formats.conftest import OFFICE


def part(data: bytes, name: str) -> str:
    return zipfile.ZipFile(io.BytesIO(data)).read(name).decode("utf-8")


def test_chinese_text_is_set_in_songti_and_headings_in_heiti(exported: Callable[[Path, str], bytes]) -> None:
    data = exported(SEED, "docx")
    styles, body = part(data, "word/styles.xml"), part(data, "word/document.xml")
    assert re.search(r'<w:style [^>]*w:styleId="Normal".*?w:eastAsia="宋体"', styles, re.S)
    assert 'w:eastAsia="宋体"' in body and 'w:eastAsia="黑体"' in body
    assert "<w:pgSz" in body and 'w:w="11906"' in body  # A4


def test_level_cells_are_merged_down_and_the_indicator_header_repeats_on_each_page(
    exported: Callable[[Path, str], bytes],
) -> None:
    body = part(exported(SEED, "docx"), "word/document.xml")
    assert body.count('<w:vMerge w:val="restart"/>') >= 4 * 3  # 产出/效益/满意度 in each of four projects
    assert body.count("<w:tblHeader/>") == 4
    assert "<w:gridSpan" in body
    first_table = docx.Document(io.BytesIO(exported(SEED, "docx"))).tables[1]
    assert first_table.rows[0].cells[0].text == "一级指标"


def test_a_merged_level_cell_reads_as_empty_below_its_first_row(exported: Callable[[Path, str], bytes]) -> None:
    rows = [block for block in docx_blocks(exported(SEED, "docx")) if isinstance(block, Row)]
    header = next(index for index, row in enumerate(rows) if row.first == "一级指标")
    # python-docx's row.cells would give "产出指标" again here; the reader follows the XML (w:vMerge).
    assert rows[header + 1].cells[:3] == ("产出指标", "数量指标", "关心下一代人员数量")
    assert rows[header + 2].cells[:3] == ("", "质量指标", "关心下一代经费发放准确率")


def test_the_footer_numbers_pages_and_the_body_holds_no_page_numbers(exported: Callable[[Path, str], bytes]) -> None:
    data = exported(SEED, "docx")
    footers = [name for name in zipfile.ZipFile(io.BytesIO(data)).namelist() if name.startswith("word/footer")]
    assert footers and "PAGE" in part(data, footers[0]) and "NUMPAGES" in part(data, footers[0])


def _docx_with_body(body: str) -> bytes:
    document = docx.Document()
    out = io.BytesIO()
    document.save(out)
    source = zipfile.ZipFile(io.BytesIO(out.getvalue()))
    result = io.BytesIO()
    with zipfile.ZipFile(result, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/document.xml":
                xml = data.decode("utf-8")
                start, end = xml.index("<w:body>") + len("<w:body>"), xml.index("<w:sectPr")
                data = (xml[:start] + body + xml[end:]).encode("utf-8")
            target.writestr(item.filename, data)
    return result.getvalue()


def test_deleted_text_is_left_out_and_a_tabbed_line_is_a_row() -> None:
    body = (
        "<w:p><w:r><w:t>预算资金</w:t></w:r><w:del><w:r><w:delText>十</w:delText></w:r></w:del>"
        "<w:r><w:t>5万元</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>287001某局</w:t></w:r><w:r><w:tab/><w:tab/></w:r><w:r><w:t>单位：万元</w:t></w:r></w:p>"
    )
    assert docx_blocks(_docx_with_body(body)) == [Para("预算资金5万元", 1), Row(("287001某局", "单位：万元"), 2)]


def test_word_automatic_numbers_are_put_back_in_front_of_the_text() -> None:
    blocks = docx_blocks((OFFICE / "word_part1_numbered.docx").read_bytes())
    texts = [block.text for block in blocks if isinstance(block, Para)]
    assert "（一）粮食安全保障" in texts and "（二）农业面源污染治理" in texts
    assert texts.count("1.粮食播种面积稳定在45万亩以上。") == 1
    assert "1.化肥使用量较上年减少2%。" in texts  # the lower level restarts under a new item
    assert "（一）加强组织领导。" in texts  # a list restarted by w:startOverride
