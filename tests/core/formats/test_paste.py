"""Rows pasted from Excel or Word into the indicator grid: each cell placed by what it is, never by position."""

from __future__ import annotations

import pytest

from jixiao.domain.profiles import get_profile
from jixiao.formats.paste import PasteError, pasted_rows

FRAME = get_profile().frame
LEVEL1 = [first.name for first in FRAME.level1]
LEVEL2 = [second.name for first in FRAME.level1 for second in first.level2]


def rows(text: str) -> list[tuple[str, str, str, str, tuple[str, ...]]]:
    return [(r.level1, r.level2, r.level3, r.value, r.unplaced) for r in pasted_rows(text, LEVEL1, LEVEL2)]


def test_a_block_copied_from_a_target_table_with_merged_level_cells() -> None:
    text = (
        "一级指标\t二级指标\t三级指标\t指标值\r\n产出指标\t数量指标\t培训人数\t≥50人\r\n"
        "\t\t培训场次\t4场\r\n\t质量指标\t合格率\t≥95%\r\n"
    )
    assert rows(text) == [
        ("产出指标", "数量指标", "培训人数", "≥50人", ()),
        ("产出指标", "数量指标", "培训场次", "4场", ()),
        ("产出指标", "质量指标", "合格率", "≥95%", ()),
    ]


def test_a_name_and_a_value_alone_qualitative_included() -> None:
    assert rows("服务对象满意度\t≥90%\n长效机制\t健全") == [
        ("", "", "服务对象满意度", "≥90%", ()),
        ("", "", "长效机制", "健全", ()),
    ]


def test_the_value_is_found_wherever_it_stands_and_a_cell_that_fits_nowhere_is_reported() -> None:
    (row,) = rows("效益指标\t社会效益指标\t义务教育均衡\t稳步提高\t按年度统计")
    assert row[:3] == ("效益指标", "社会效益指标", "义务教育均衡")
    assert row[3] == "" and row[4] == ("稳步提高", "按年度统计")  # not guessed: reported
    (row,) = rows("产出指标\t时效指标\t完成时间\t按计划实施\t2021年12月底前")
    assert row[3] == "2021年12月底前" and row[4] == ("按计划实施",)


def test_limits_are_checked_before_the_work() -> None:
    with pytest.raises(PasteError, match="最多粘贴 500 行"):
        pasted_rows("名称\t1人\n" * 501, LEVEL1, LEVEL2)
    with pytest.raises(PasteError, match="超过 100000 个字符"):
        pasted_rows("长" * 100_001, LEVEL1, LEVEL2)
