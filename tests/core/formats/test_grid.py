"""Shared reader helpers: merged cells on a grid, wrapped lines, tidying of printed extras."""

from __future__ import annotations

import pytest

from jixiao.formats.blocks import Para, Row
from jixiao.formats.grid import Grid, join_wrapped, tidy_blocks
from jixiao.formats.layout import Cell, Table, TableRow


def test_a_grid_puts_empty_cells_where_merges_cover() -> None:
    grid = Grid()
    grid.add("产出指标", rowspan=3)
    grid.add("数量指标", colspan=2)
    grid.end_row(1)
    grid.add("人数")
    grid.add("50人")
    grid.end_row(2)
    grid.add("", rowspan=1)
    grid.add("")
    grid.end_row(3)
    assert grid.rows() == [Row(("产出指标", "数量指标", ""), 1), Row(("", "人数", "50人"), 2)]


@pytest.mark.parametrize(
    ("left", "right", "joined"),
    [
        ("预算资金5万元,财政资金", "5万元", "预算资金5万元,财政资金5万元"),
        ("主要用于下一代人员生", "活保障。", "主要用于下一代人员生活保障。"),
        ("the annual", "target", "the annual target"),
        ("≥99", "%", "≥99 %"),
        ("PM2.5", "年均浓度", "PM2.5年均浓度"),
        ("http://a/", "b", "http://a/b"),
    ],
)
def test_wrapped_lines_join_without_a_space_next_to_cjk_and_with_one_between_words(
    left: str, right: str, joined: str
) -> None:
    assert join_wrapped(left, right) == joined


def test_tidying_drops_continued_table_captions_and_project_listings_but_keeps_the_tables() -> None:
    blocks = [
        Row(("序号", "项目编码", "项目名称", "预算数"), 1),
        Row(("1", "A01", "甲项目", "5.00"), 2),
        Row(("合计", "", "", "5.00"), 3),
        Para("1.甲项目绩效目标表", 4),
        Row(("项目编码", "A01", "项目名称", "甲项目"), 5),
        Para("（续表）", 6),
        Row(("一级指标", "二级指标", "三级指标", "指标值"), 7),
    ]
    assert tidy_blocks(blocks) == [blocks[3], blocks[4], blocks[6]]


def test_a_layout_table_places_spanned_cells_on_the_column_grid() -> None:
    table = Table(
        (1, 1, 1),
        (
            TableRow((Cell("a", rowspan=2), Cell("b", colspan=2))),
            TableRow((Cell("c"), Cell("d"))),
        ),
    )
    assert list(table.placed()) == [(0, 0, Cell("a", rowspan=2)), (0, 1, Cell("b", colspan=2)), (1, 1, Cell("c")),
                                    (1, 2, Cell("d"))]  # fmt: skip
    assert [[cell.text if cell else None for cell in row] for row in table.grid()] == [
        ["a", "b", None],
        [None, "c", "d"],
    ]
