"""The PDF embeds a CJK font and its text layer holds every indicator (issue 4, item 5; poppler's tools)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from jixiao.formats import read_path
from jixiao.formats.pdf import pdf_blocks
from tests.conftest import SEED


def poppler(tool: str, *args: str) -> str:
    assert shutil.which(tool), f"{tool} is missing: `make system-deps` installs poppler-utils"
    return subprocess.run([tool, *args], capture_output=True, text=True, check=True).stdout


def test_the_pdf_embeds_a_subset_cjk_font(seed_pdf: Path) -> None:
    fonts = [line.split() for line in poppler("pdffonts", str(seed_pdf)).splitlines()[2:]]
    assert fonts
    for name, *rest in fonts:
        assert name.endswith(("Jixiao-Serif", "Jixiao-Sans")) and "CID" in rest
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
