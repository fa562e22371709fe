"""The text reader on the layouts government sites publish, one hand-written fixture per variant.

Each ``tests/fixtures/text/NAME.txt`` imitates a real published document; ``NAME.expected.json`` beside it is the
canonical JSON checked by hand against the text, field by field. A change in reading shows up here as a diff.
"""

from __future__ import annotations

import json
from decimal import Decimal

import jsonschema
import pytest

from jixiao.cli import main
from jixiao.domain.model import Comparator, Project, TargetDocument, ValueKind
from jixiao.formats import ReadResult, canonical, read_path
from jixiao.formats.interpret.fit import Kind, kind_of, split_rows
from jixiao.formats.text import decode, detect_layout, read_text, text_blocks
from tests.conftest import FIXTURES, SEED

TEXT = FIXTURES / "text"

# name → the layout it must be detected as.
LAYOUTS = {
    "pipe_dropped_merges": "pipe",
    "lines_pdf": "lines",
    "paragraphs_word": "paragraphs",
    "sichuan_columns": "pipe",
    "sichuan_pdf_lines": "lines",
    "yuan_amounts": "cells",
    "several_projects": "pipe",
    "midterm_annual": "pipe",
    "excel_tsv_gb18030": "tsv",
    "titled_part1": "pipe",
    "damaged": "pipe",
}
# Healthy documents read without a warning, except where the document itself lacks something.
EXPECTED_WARNINGS = {
    "midterm_annual": [("project.no_code", 3)],  # no 项目编码 row in this template
    "damaged": [
        ("project.amount", 19),
        ("indicator.short_row", 25),
        ("indicator.long_row", 26),
        ("indicator.no_value", 27),
        ("indicator.short_row", 28),
    ],
}


def read(name: str) -> ReadResult:
    return read_path(TEXT / f"{name}.txt")


def expected_text(name: str) -> str:
    return (TEXT / f"{name}.expected.json").read_text(encoding="utf-8")


def project(name: str, index: int) -> Project:
    return read(name).document.projects[index]


def indicator_rows(proj: Project) -> list[tuple[str | None, str | None, str | None, str]]:
    return [(i.level1, i.level2, i.level3, i.value.text) for i in proj.indicators]


def test_every_fixture_has_its_expected_json_and_nothing_else_is_there() -> None:
    texts = {path.stem for path in TEXT.glob("*.txt")}
    expected = {path.name.removesuffix(".expected.json") for path in TEXT.glob("*.expected.json")}
    assert texts == expected == set(LAYOUTS)
    assert len(texts) >= 8


# -- the whole document, per fixture ----------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(LAYOUTS))
def test_it_detects_the_layout(name: str) -> None:
    text = decode((TEXT / f"{name}.txt").read_bytes())
    assert detect_layout(text.replace("\r\n", "\n").split("\n")) == LAYOUTS[name]
    assert read(name).layout == LAYOUTS[name]


@pytest.mark.parametrize("name", sorted(LAYOUTS))
def test_it_reads_the_fixture_as_the_hand_checked_json(name: str) -> None:
    assert canonical.to_json(read(name).document) == expected_text(name)


@pytest.mark.parametrize("name", sorted(LAYOUTS))
def test_it_warns_only_about_what_the_document_lacks(name: str) -> None:
    warnings = [(warning.code, warning.line) for warning in read(name).warnings]
    assert warnings == EXPECTED_WARNINGS.get(name, [])


@pytest.mark.parametrize("name", sorted(LAYOUTS))
def test_the_expected_json_validates_against_the_shipped_schema(name: str) -> None:
    jsonschema.validate(json.loads(expected_text(name)), canonical.schema())


@pytest.mark.parametrize("name", sorted(LAYOUTS))
def test_the_expected_json_round_trips_through_the_model(name: str) -> None:
    text = expected_text(name)
    document = canonical.from_json(text)
    assert canonical.to_json(document) == text
    assert canonical.from_json(canonical.to_json(document)) == document


# -- (a) pipe rows whose merged cells were dropped ----------------------------------------------------------------


def test_it_puts_shifted_pipe_rows_under_the_level_names_printed_above_them() -> None:
    rows = indicator_rows(project("pipe_dropped_merges", 0))
    assert rows[1] == ("产出指标", "数量指标", "挥发性有机物治理检查企业数", "≥80家")  # both levels dropped
    assert rows[2] == ("产出指标", "质量指标", "监测数据有效率", "≥90%")  # level-1 dropped
    assert rows[6] == ("效益指标", "社会效益指标", "重污染天数", "≤6天")
    second = project("pipe_dropped_merges", 1)
    assert second.indicators[1].basis is None  # an empty cell the page kept stays empty
    assert second.indicators[5].level2 == "社会效益指标" and second.indicators[5].value.text == "有效保障"


def test_it_reads_department_and_unit_from_their_labels() -> None:
    document = read("pipe_dropped_merges").document
    assert document.department.name == "河西市生态环境局"
    assert document.projects[1].unit is not None and document.projects[1].unit.name == "河西市环境监测站"
    assert document.projects[0].title == "大气污染防治专项经费绩效目标表"  # "（1）" is numbering, not title


# -- (b) one cell per line or per paragraph -----------------------------------------------------------------------


def test_it_recovers_rows_from_one_cell_per_line() -> None:
    first, second = read("lines_pdf").document.projects
    assert [p.budget.total for p in (first, second)] == [Decimal("85.60"), Decimal("230.00")]
    assert indicator_rows(first)[6] == ("效益指标", "社会效益指标", "受益人口", "≥8.6万人")
    assert first.goal is not None and first.goal.count("\n") == 1  # a line wrapped by the PDF stays as printed
    # the basis column is empty for some rows: those rows simply have no basis cell
    assert [i.basis for i in second.indicators[:3]] == ["项目实施方案", "项目实施方案", None]


def test_it_drops_page_marks_and_a_header_repeated_on_the_next_page() -> None:
    second = project("lines_pdf", 1)
    assert len(second.indicators) == 9
    assert indicator_rows(second)[7] == ("效益指标", "社会效益指标", "项目区群众增收", "≥300元/人·年")
    assert second.indicators[7].basis == "项目可行性研究报告"


def test_it_reads_one_cell_per_paragraph_with_missing_descriptions() -> None:
    first, second = read("paragraphs_word").document.projects
    assert [i.description for i in first.indicators[:2]] == ["按常住人口72.4万人测算", None]
    assert first.indicators[4].description == "按季度拨付至社区卫生服务中心"
    assert first.goal is not None and first.goal.startswith("1.") and "\n2." in first.goal
    assert [(p.label, p.month, p.percent) for p in second.spending_plan] == [
        ("6月底", 6, Decimal("50")),
        ("12月底", 12, Decimal("100")),
    ]
    assert first.unit is not None and first.unit.code == "412006"


@pytest.mark.parametrize(
    "transform",
    [
        pytest.param(lambda text: text.replace("\n\t", "\n"), id="tabs-lost"),
        pytest.param(lambda text: "\n".join(line.strip("\t") for line in text.split("\n") if line.strip()), id="lines"),
        pytest.param(
            lambda text: "\n\n".join(line.strip("\t") for line in text.split("\n") if line.strip()), id="paragraphs"
        ),
    ],
)
def test_the_seed_reads_the_same_when_its_cells_lose_tabs_and_blank_lines(transform: object) -> None:
    text = SEED.read_text(encoding="utf-8")
    assert callable(transform)
    result = read_text(transform(text))
    assert result.layout in ("lines", "paragraphs")
    assert canonical.to_json(result.document) == canonical.to_json(read_path(SEED).document)
    assert result.warnings == []


# -- (c) separate 指标性质 / 指标值 / 度量单位 columns ----------------------------------------------------------------


def test_it_joins_the_comparator_value_and_unit_columns() -> None:
    first = project("sichuan_columns", 0)
    area, _, rate, deadline, cost, *_ = first.indicators
    assert (area.value.comparator, area.value.number, area.value.unit) == (Comparator.GE, Decimal("1.2"), "万亩")
    assert (rate.value.comparator, rate.value.number, rate.value.unit) == (Comparator.EQ, Decimal("100"), "%")
    assert deadline.value.kind is ValueKind.DEADLINE  # 定性 leaves the value to the grammar
    assert (cost.level2, cost.value.comparator, cost.value.number) == ("经济成本指标", Comparator.LE, Decimal("1800"))
    assert sum((i.weight or Decimal(0)) for i in first.indicators) == Decimal("90")


def test_it_reads_qualitative_rows_and_values_without_unit() -> None:
    first = project("sichuan_columns", 0)
    assert first.indicators[6].value.kind is ValueKind.QUALITATIVE and first.indicators[6].value.text == "明显"
    assert first.indicators[7].value.unit is None and first.indicators[7].value.number == Decimal("0.55")


def test_it_fits_comparator_number_and_unit_cells_copied_one_per_line() -> None:
    proj = project("sichuan_pdf_lines", 0)
    assert [(i.level3, i.value.text, i.weight) for i in proj.indicators[3:5]] == [
        ("筛查任务完成时间", "2024年11月底前", Decimal("10")),
        ("人均筛查补助", "≤60元", Decimal("10")),
    ]
    assert proj.indicators[6].value.text == "明显提高"  # 定性 with its unit cell missing


def test_it_maps_direction_words_to_comparators() -> None:
    first = project("excel_tsv_gb18030", 0)
    assert first.indicators[0].value.text == "≥2800人"  # 正向
    assert first.indicators[6].value.comparator is Comparator.LE  # 反向 城镇登记失业率
    assert first.indicators[4].value.text == "按季度及时发放"  # 定性


# -- (d) amounts in 元 -------------------------------------------------------------------------------------------


def test_it_reads_amounts_in_yuan_with_thousands_separators() -> None:
    document = read("yuan_amounts").document
    assert document.amount_unit == "元"
    first, second = document.projects
    assert (first.budget.total, first.budget.fiscal, first.budget.other) == (
        Decimal("1863600.00"),
        Decimal("1863600.00"),
        Decimal("0.00"),
    )
    assert second.budget.other == Decimal("30000.00")
    assert first.indicators[3].value.number == Decimal("21670")
    assert first.indicators[3].value.text == "≤21,670元"


# -- (e) several projects without Part 1 ------------------------------------------------------------------------


def test_it_reads_several_projects_without_part_one() -> None:
    document = read("several_projects").document
    assert document.overall is None
    assert [p.code for p in document.projects] == [
        "360424230100000021",
        "360424230100000037",
        "360424230100000045",
    ]
    assert [len(p.indicators) for p in document.projects] == [7, 6, 6]
    assert document.amount_unit == "万元"  # printed once, above the first table


# -- (f) 中期 and 年度 side by side -------------------------------------------------------------------------------


def test_it_keeps_midterm_and_annual_values_side_by_side() -> None:
    proj = project("midterm_annual", 0)
    first = proj.indicators[0]
    assert first.value.text == "5家" and first.midterm_value is not None and first.midterm_value.text == "15家"
    assert all(i.midterm_value is not None for i in proj.indicators)
    assert proj.indicators[0].level3 == "支持重点实验室数量"  # 绩效指标 is the block label, not the 三级指标 column


def test_it_reads_midterm_and_annual_goals_and_the_annual_budget() -> None:
    document = read("midterm_annual").document
    proj = document.projects[0]
    assert proj.midterm_goal is not None and proj.midterm_goal.startswith("目标1：支持市级以上重点实验室15家")
    assert proj.goal is not None and proj.goal.startswith("目标1：支持重点实验室5家")
    assert (proj.budget.total, proj.budget.fiscal, proj.budget.other) == (
        Decimal("520.00"),
        Decimal("520.00"),
        Decimal("0.00"),
    )
    assert document.amount_unit == "万元"  # from the label 项目资金（万元）
    assert (document.department.code, document.department.name) == ("126", "江州市科学技术局")


# -- (g) Excel rows, GB18030 ------------------------------------------------------------------------------------


def test_it_reads_a_gb18030_excel_copy_with_a_quoted_multiline_cell() -> None:
    raw = (TEXT / "excel_tsv_gb18030.txt").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    assert b"\r\n" in raw
    document = read("excel_tsv_gb18030").document
    assert document.title == "2023年度项目支出绩效目标表" and document.year == 2023
    assert document.department.name == "白河县人力资源和社会保障局"
    first = document.projects[0]
    assert (
        first.goal
        == "1.全年城镇新增就业2800人以上，城镇登记失业率控制在5%以内。\n2.开展职业技能培训1500人次，扶持创业300人。"
    )
    assert indicator_rows(first)[1][:2] == ("产出指标", "数量指标")  # merged cells come out empty in Excel


def test_a_quoted_cell_spans_lines_but_keeps_the_line_it_starts_on() -> None:
    blocks, layout = text_blocks('名称\t值\n绩效目标\t"第一行\n第二行"\t\n一级指标\t指标值\n')
    assert layout == "tsv"
    assert [(block.line, getattr(block, "cells", None)) for block in blocks] == [
        (1, ("名称", "值")),
        (2, ("绩效目标", "第一行\n第二行", "")),
        (4, ("一级指标", "指标值")),
    ]


# -- (h) title line and Part 1 numbered （一）（二） -------------------------------------------------------------


def test_it_takes_year_and_department_from_the_title_line() -> None:
    document = read("titled_part1").document
    assert (document.year, document.department.name) == (2023, "清溪县教育局")
    assert document.title == "清溪县教育局2023年度项目支出绩效目标表"


def test_it_reads_part_one_numbered_with_parenthesised_chinese_numerals() -> None:
    overall = read("titled_part1").document.overall
    assert overall is not None and overall.goal is not None and overall.goal.endswith("保持在98%以上。")
    assert [goal.title for goal in overall.subgoals] == ["保障义务教育学校正常运转", "促进学前教育普惠发展"]
    assert overall.subgoals[1].refinements == ["普惠性幼儿园覆盖率达到85%。", "学前三年毛入园率达到92%。"]
    assert [item.title for item in overall.safeguards] == ["加强组织领导。", "强化过程监控。", "严格结果应用。"]
    assert overall.safeguards[2].description == "将绩效评价结果与下年度预算安排挂钩。"


# -- (i) a damaged document -------------------------------------------------------------------------------------


def test_a_damaged_table_keeps_the_parts_it_could_read() -> None:
    document: TargetDocument = read("damaged").document
    assert [len(p.indicators) for p in document.projects] == [5, 3, 4]
    broken = document.projects[1]
    assert (broken.budget.total, broken.budget.fiscal) == (None, Decimal("42.00"))
    assert indicator_rows(broken) == [
        ("产出指标", "数量指标", "保障便民服务中心数量", "14个"),
        ("产出指标", "时效指标", "补助资金拨付时间", ""),
        ("满意度指标", "服务对象满意度指标", "办事群众满意度", "≥90%"),
    ]


def test_a_damaged_table_names_what_was_skipped_in_chinese() -> None:
    messages = [str(warning) for warning in read("damaged").warnings]
    assert messages[1] == "第 25 行：指标行只有 1 个单元格，无法对应表头的 4 列，已跳过：质量"
    assert messages[2].startswith("第 26 行：指标行有 6 个单元格，多于表头的 4 列，已跳过：指标 | 代办事项按时办结率")


def test_strict_import_of_the_damaged_document_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["import", "--strict", str(TEXT / "damaged.txt")]) == 2
    assert "第 25 行" in capsys.readouterr().err


# -- the row fitter ----------------------------------------------------------------------------------------------

ROLES: list[str | None] = ["level1", "level2", "level3", "value", "basis"]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("产出指标", Kind.LEVEL1),
        ("数量指标", Kind.LEVEL2),
        ("服务对象满意度指标", Kind.LEVEL_EITHER),
        ("≥", Kind.SIGN),
        ("正向", Kind.SIGN),
        ("1,800", Kind.NUMBER),
        ("≥90%", Kind.VALUE),
        ("10月底前", Kind.VALUE),
        ("元/亩", Kind.UNIT),
        ("项目实施方案", Kind.TEXT),
    ],
)
def test_it_classes_cells_by_what_they_read_as(text: str, kind: Kind) -> None:
    assert kind_of(text) is kind


def test_it_cuts_a_cell_stream_into_rows_where_the_levels_and_values_say() -> None:
    cells = ["产出指标", "数量指标", "培训人数", "≥100人", "计划标准", "培训天数", "5天", "质量指标", "合格率", "100%"]
    rows = [fit.cells for _, fit in split_rows(cells, ROLES)]
    assert rows == [
        ("产出指标", "数量指标", "培训人数", "≥100人", "计划标准"),
        ("", "", "培训天数", "5天", ""),
        ("", "质量指标", "合格率", "100%", ""),
    ]


def test_a_cell_that_fits_no_column_becomes_a_row_of_its_own() -> None:
    rows = [fit.cells for _, fit in split_rows(["产出指标", "数量指标", "培训人数", "≥100人", "≥"], ROLES)]
    assert rows[-1] == ("≥",)


def test_a_stray_line_is_no_table() -> None:
    assert detect_layout(["标题", "| 一 | 二 |", *["正文"] * 60]) == "lines"
