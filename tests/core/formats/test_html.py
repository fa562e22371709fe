"""The HTML page (writer) and government-site tables (reader)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from jixiao.formats.blocks import Para, Row
from jixiao.formats.html import html_blocks
from tests.conftest import SEED


def rows(html: str) -> list[tuple[str, ...]]:
    return [block.cells for block in html_blocks(html) if isinstance(block, Row)]


def test_the_page_is_self_contained_and_printable(exported: Callable[[Path, str], bytes]) -> None:
    page = exported(SEED, "html").decode("utf-8")
    assert page.startswith("<!doctype html>") and '<html lang="zh-CN">' in page
    assert not re.search(r"(?:src|href)=|https?://|<script", page)  # nothing loaded from elsewhere
    assert "@page" in page and "<thead><tr><th>一级指标</th>" in page
    assert '<td rowspan="4" class="c">产出指标</td>' in page  # level-1 merged over its four rows
    assert '<th rowspan="2">预算规模及资金用途</th>' in page


def test_rowspans_and_colspans_leave_empty_cells_under_and_beside_the_merged_cell() -> None:
    table = """<table>
    <tr><td rowspan=2>产出指标<td>数量指标<td colspan=2>人数
    <tr><td>质量指标<td>合格率<td>100%
    </table>"""
    assert rows(table) == [("产出指标", "数量指标", "人数", ""), ("", "质量指标", "合格率", "100%")]


def test_unclosed_cells_and_rows_close_where_html_says_they_do() -> None:
    assert rows("<table><tr><td>a<td>b<tr><td>c<td>d</table>") == [("a", "b"), ("c", "d")]


def test_breaks_and_blocks_inside_a_cell_are_line_breaks_and_source_newlines_between_cjk_vanish() -> None:
    table = "<table><tr><td>目标一<br>目标二<p>目标\n三</p><td>达到\n95%</table>"
    assert rows(table) == [("目标一\n目标二\n目标三", "达到 95%")]


def test_a_layout_table_around_the_content_is_looked_through() -> None:
    page = """<table><tr><td><a>首页</a></td><td>
    <p>单位：万元</p>
    <table><tr><td>项目名称</td><td>某项目</td></tr></table>
    </td></tr></table>"""
    blocks = html_blocks(page)
    assert [type(block) for block in blocks] == [Para, Para, Row]
    assert blocks[1] == Para("单位：万元", 2)  # its source line
    assert blocks[2].cells == ("项目名称", "某项目")


def test_scripts_styles_and_the_head_are_not_content() -> None:
    page = """<html><head><title>标题</title><style>td{}</style></head><body>
    <script>document.write("<table><tr><td>假</td></tr></table>")</script><p>正文&nbsp;一</p></body></html>"""
    assert html_blocks(page) == [Para("正文 一", 2)]


def test_unclosed_inline_tags_do_not_swallow_the_next_cell_or_nest_without_end() -> None:
    assert rows("<table><tr><td><font>a<td>b<tr><td><div>c<td><span>d</table>") == [("a", "b"), ("c", "d")]
    assert html_blocks("<p>" + "<font>" * 5000 + "深") == [Para("深", 1)]
