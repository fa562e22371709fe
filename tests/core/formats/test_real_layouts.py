"""The layout families of real published documents, each on a short excerpt in its shape (the corpus in
tests/corpus measures them on whole documents)."""

from __future__ import annotations

from decimal import Decimal

from jixiao.domain.model import TargetDocument
from jixiao.formats import read_bytes
from jixiao.formats.interpret.tokens import split_fused
from jixiao.formats.normalise import normalise_document


def read(text: str) -> tuple[TargetDocument, list[tuple[str, int | None, int | None, str | None]], str]:
    result = read_bytes(text.encode())
    flags = [(w.code, w.table, w.row, w.field_name) for w in result.warnings if w.field_name]
    return result.document, flags, result.layout


def rows(document: TargetDocument, table: int = 0) -> list[tuple[str | None, ...]]:
    return [(i.level1, i.level2, i.level3, i.value.text) for i in document.projects[table].indicators]


LISTING = """\
| 部门预算项目绩效目标申报表(2023年度) | ||||||||||||
| 金额单位:元 | ||||||||||||
| 单位名称 | 项目名称 | 预算数 | 年度目标 | 一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位 | 权重 | |
| 820-马踏镇部门 | 8,827,620.53 | |||||||||||
| 820001-井研县马踏镇人民政府 | 村组干部报酬 | 3,309,840.00 | 按时发放村组干部报酬 | 效益指标 | 社会效益指标 | 维护社会稳定 | ≥ | 95 | % | 10 | |
| 产出指标 | 时效指标 | 维持时效 | ≥ | 1 | 年 | 20 | |||||
| 基层组织活动经费 | 660,000.00 | 保障村社区正常运转 | 满意度指标 | 服务对象满意度指标 | 辖区内群众满意度 | ≥ | 95 | % | 10 | ||
| 产出指标 | 数量指标 | 行政村数量 | = | 11 | 个 | 10 | |||||
"""


def test_a_listing_of_projects_in_one_wide_table_gives_one_project_per_named_row() -> None:
    document, _flags, _layout = read(LISTING)
    assert document.amount_unit == "元"
    first, second = document.projects
    assert (first.name, first.budget.total, first.goal) == (
        "村组干部报酬",
        Decimal("3309840.00"),
        "按时发放村组干部报酬",
    )
    assert (first.unit.code, first.unit.name) == ("820001", "井研县马踏镇人民政府")  # type: ignore[union-attr]
    assert rows(document, 0) == [
        ("效益指标", "社会效益指标", "维护社会稳定", "≥95%"),
        ("产出指标", "时效指标", "维持时效", "≥1年"),
    ]
    assert second.name == "基层组织活动经费" and second.unit == first.unit  # the unit's cell is merged over both
    assert [i.weight for i in second.indicators] == [Decimal(10), Decimal(10)]


CELLS_PER_LINE = """\
项目支出绩效目标表 |
|||||||
项目名称 |
2021年交通局果园路 |
主管部门 |
清涧县交通运输局 |
实施单位 |
清涧县交通运输局 |
||||
资金情况 (万元) |
年度资金总额: |
500 |
|||||
年度目标 |
改善基础设施建设,果园路建设2公里 |
||||||
绩 效 指 标 |
一级指标 |
二级指标 |
三级指标 |
指标值 |
||
产出指标 |
数量指标 |
果园路建设里程 |
2公里 |
|||
质量指标 |
验收合格率 |
100% |
||||
"""


def test_one_cell_per_line_ending_in_a_pipe_with_pipe_lines_ending_rows() -> None:
    document, _flags, layout = read(CELLS_PER_LINE)
    assert layout == "pipelines"
    (project,) = document.projects
    assert (project.name, project.budget.total, document.amount_unit) == ("2021年交通局果园路", Decimal(500), "万元")
    assert rows(document) == [
        ("产出指标", "数量指标", "果园路建设里程", "2公里"),
        ("产出指标", "质量指标", "验收合格率", "100%"),
    ]


SPACE_ROWS = """\
项目支出绩效目标表
项目名称 党支部书记补贴 项目负责人及电话 王舜17782316998
资金情况
(单位:万元)
年度资金总额: 20
一级指标 二级指标 三级指标 指标值
产出指标 数量指标 按照全镇党支部书记发放 100%
时效指标 按时发放率 100%
成本指标 20万元 100%
效益指标 经济效益
指标
改善了农民生产生活条件 100%
"""


def test_space_separated_rows_keep_rows_on_lines_and_join_a_level_name_wrapped_onto_the_next_line() -> None:
    document, flags, layout = read(SPACE_ROWS)
    assert layout == "space"
    assert document.amount_unit == "万元"
    assert rows(document) == [
        ("产出指标", "数量指标", "按照全镇党支部书记发放", "100%"),
        ("产出指标", "时效指标", "按时发放率", "100%"),
        ("产出指标", "成本指标", "20万元", "100%"),  # an amount as the indicator's name: placed, and flagged
        ("效益指标", "经济效益指标", "改善了农民生产生活条件", "100%"),
    ]
    assert ("indicator.guessed_cell", 0, 2, "level3") in flags


def test_run_on_text_is_cut_by_the_vocabulary_and_values_glued_to_names_are_flagged() -> None:
    assert [piece.text for piece in split_fused("绩效指标一级指标二级指标指标内容指标值")] == [
        "绩效指标", "一级指标", "二级指标", "指标内容", "指标值",
    ]  # fmt: skip
    pieces = split_fused("产出指标数量指标农村义务教育学校改造覆盖率100%")
    assert [(piece.text, piece.guessed) for piece in pieces] == [
        ("产出指标", False), ("数量指标", False), ("农村义务教育学校改造覆盖率", False), ("100%", True),
    ]  # fmt: skip
    assert [piece.text for piece in split_fused("学生家长满意度≥90%")] == ["学生家长满意度", "≥90%"]
    assert [piece.text for piece in split_fused("2024年11月30日前")] == ["2024年11月30日前"]  # one deadline


def test_a_label_cell_spanning_two_columns_keeps_its_value_and_the_unit_in_a_label_is_read() -> None:
    text = """\
| 项目名称 | | 村组干部报酬 | | |
| 资金情况（万元） | 年度资金总额 | | 33.10 | |
| 年度目标 | | 按时发放 | | |
| 一级指标 | 二级指标 | 三级指标 | 指标值 | |
| 产出指标 | 数量指标 | ★发放人数 | ≥230人 | |
"""
    document, _flags, _layout = read(text)
    (project,) = document.projects
    assert (project.name, project.budget.total, project.goal) == ("村组干部报酬", Decimal("33.10"), "按时发放")
    assert document.amount_unit == "万元"
    (indicator,) = project.indicators
    assert (indicator.level3, indicator.core) == ("发放人数", True)  # ★ marks a core indicator


def test_traditional_chinese_with_injected_pinyin_is_read_as_simplified() -> None:
    text, steps = normalise_document(
        "績效目標(biāo)表 一級指標(biāo) 二級指標(biāo) 三級指標(biāo) 指標(biāo)值 滿意度"
    )
    assert text == "绩效目标表 一级指标 二级指标 三级指标 指标值 满意度"
    assert steps == ["pinyin", "traditional"]
