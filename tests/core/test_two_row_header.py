"""An indicator header printed over two rows (指标值 above 中期 | 年度, or above 指标性质 | 指标值 | 度量单位).

The text fixtures in ``tests/fixtures/two_row_header`` imitate published documents; the Word document is built here
with python-docx's own merges (``w:gridSpan`` across 指标值, ``w:vMerge`` down the level and basis columns), so no
binary file is committed. A mid-term budget in such documents is left out with a warning, never read as the budget.
"""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

import docx
import openpyxl
import pytest
from docx.table import Table as WordTable

from jixiao.domain.model import Comparator, Indicator, TargetDocument, ValueKind
from jixiao.formats import ReadResult, read_bytes, read_path
from jixiao.formats.blocks import Row
from jixiao.formats.interpret.header import merge_flat_header, merge_header, merge_header_rows, sub_label
from jixiao.formats.layout import Cell, Layout, Paragraph, RowKind, Section, Table, TableRow
from jixiao.formats.pdf.writer import render_pdf
from jixiao.formats.text import read_text
from tests.conftest import FIXTURES, SEED

HERE = FIXTURES / "two_row_header"

Levels = tuple[str | None, str | None, str | None]


def read(name: str) -> ReadResult:
    return read_path(HERE / name)


def levels(indicator: Indicator) -> Levels:
    return (indicator.level1, indicator.level2, indicator.level3)


def both_values(document: TargetDocument, project: int) -> list[tuple[str, str | None, str]]:
    """(三级指标, 中期指标值, 年度指标值) of each indicator, as printed."""
    return [
        (
            indicator.level3 or "",
            indicator.midterm_value.text if indicator.midterm_value else None,
            indicator.value.text,
        )
        for indicator in document.projects[project].indicators
    ]


# -- the merge itself -------------------------------------------------------------------------------------------


def row(*cells: str) -> Row:
    return Row(cells=cells, line=1)


HEADER = row("一级指标", "二级指标", "三级指标", "指标值", "", "指标值确定依据")


@pytest.mark.parametrize(
    ("top", "sub", "merged"),
    [
        (HEADER, row("", "", "", "中期", "年度", ""), ("中期指标值", "年度指标值")),
        (HEADER, row("", "", "", "中期指标值", "年度指标值"), ("中期指标值", "年度指标值")),
        (HEADER, row("", "", "", "中期目标值", "年度目标值", ""), ("中期指标值", "年度指标值")),
        (HEADER, row("", "", "", "中期（2024年—2026年）", "2024年度", ""), ("中期指标值", "年度指标值")),
        (  # an exporter that fills every merged cell repeats the labels in both rows
            row("一级指标", "二级指标", "三级指标", "指标值", "指标值", "指标值确定依据"),
            row("一级指标", "二级指标", "三级指标", "中期", "年度", "指标值确定依据"),
            ("中期指标值", "年度指标值"),
        ),
    ],
)
def test_it_merges_a_row_of_period_labels_under_a_spanning_indicator_value(
    top: Row, sub: Row, merged: tuple[str, str]
) -> None:
    header = merge_header(top, sub)
    assert header is not None
    assert header.cells[:3] == ("一级指标", "二级指标", "三级指标")
    assert header.cells[3:5] == merged
    assert header.cells[5] == "指标值确定依据"


def test_it_merges_comparator_value_and_unit_columns_under_a_spanning_indicator_value() -> None:
    top = row("一级指标", "二级指标", "三级指标", "指标值", "", "", "权重")
    header = merge_header(top, row("", "", "", "指标性质", "指标值", "计量单位", ""))
    assert header is not None and header.cells == ("一级指标", "二级指标", "三级指标", "指标性质", "指标值",
                                                   "度量单位", "权重")  # fmt: skip


@pytest.mark.parametrize(
    "sub",
    [
        row("产出指标", "数量指标", "新增公办学位数", "≥2400个", "≥810个", "幼儿园建设规划"),  # a first data row
        row("", "", "新增公办学位数", "中期", "年度", ""),  # a 三级指标 name is data, whatever follows it
        row("", "", "", "≥2400个", "≥810个", ""),  # values whose names were dropped
        row("一级指标", "二级指标", "三级指标", "指标值", "", "指标值确定依据"),  # the header repeated on a new page
        row("", "", "", "", "", ""),
        row("中期", "年度", "", "", "", ""),  # sub-labels under columns that do not span
        row("", "", "", "", "", "年度"),  # under 指标值确定依据, which contains 指标值 but is not a value column
    ],
)
def test_it_does_not_merge_a_row_that_is_not_sub_labels_of_a_spanning_label(sub: Row) -> None:
    assert merge_header(HEADER, sub) is None


def test_a_sub_label_keeps_its_period_through_years_and_brackets() -> None:
    assert sub_label("中期指标值（2023-2025年）") == "中期指标值"
    assert sub_label("年度指标值(2023年)") == "年度指标值"
    assert sub_label("度量单位") == sub_label("计量单位") == "度量单位"
    assert sub_label("新增公办学位数") is None


def test_only_a_row_after_an_indicator_header_is_merged() -> None:
    blocks = [row("项目资金（万元）", "", "中期", "年度"), row("", "", "", "中期", "年度", ""), HEADER]
    assert merge_header_rows(blocks) == blocks


# -- a pipe layout: 指标值 over 中期 | 年度, empty and repeated merged cells ----------------------------------------

FENGNAN_NURSERIES = [
    ("产出指标", "数量指标", "新建改扩建公办幼儿园数", "9所", "3所", "丰南区第四期学前教育行动计划"),
    ("产出指标", "数量指标", "新增公办学位数", "≥2400个", "≥810个", "幼儿园建设规划"),
    ("产出指标", "数量指标", "幼儿园教师培训人次", "≥900人次", "≥300人次", "年度培训计划"),
    ("产出指标", "质量指标", "新建幼儿园验收合格率", "100%", "100%", "工程质量验收规范"),
    ("产出指标", "时效指标", "建设项目完工时间", "2025年8月底前", "2023年8月底前", "项目实施方案"),
    ("产出指标", "成本指标", "生均公用经费补助标准", "≥600元/生·年", "≥600元/生·年", "冀财教〔2021〕45号"),
    ("效益指标", "社会效益指标", "学前三年毛入园率", "≥93%", "≥91%", "省考核目标"),
    ("效益指标", "可持续影响指标", "普惠性幼儿园覆盖率", "≥90%", "≥86%", "市教育发展规划"),
    ("满意度指标", "服务对象满意度指标", "幼儿家长满意度", "≥95%", "≥92%", "问卷调查"),
]
FENGNAN_SCHOOLS = [
    ("产出指标", "数量指标", "校舍改造面积", "≥3.5万平方米", "≥1.2万平方米", "薄弱学校改造规划"),
    ("产出指标", "数量指标", "教学仪器设备配备套数", "36套", "12套", "设备配备标准"),
    ("产出指标", "质量指标", "改造工程质量合格率", "100%", "100%", "工程质量验收规范"),
    ("产出指标", "时效指标", "资金拨付时间", "每年11月底前", "2023年11月底前", "资金管理办法"),
    ("效益指标", "社会效益指标", "农村学校办学条件达标率", "≥98%", "≥95%", "义务教育均衡发展要求"),
    ("满意度指标", "服务对象满意度指标", "师生满意度", "≥90%", "≥90%", "问卷调查"),
]


def indicator_table(document: TargetDocument, project: int) -> list[tuple[str | None, ...]]:
    return [
        (
            *levels(indicator),
            indicator.midterm_value.text if indicator.midterm_value else None,
            indicator.value.text,
            indicator.basis,
        )
        for indicator in document.projects[project].indicators
    ]


def test_a_pipe_document_reads_midterm_and_annual_values_of_every_indicator() -> None:
    result = read("fengnan_education_pipe.txt")
    document = result.document
    assert result.layout == "pipe"
    assert (document.year, document.amount_unit) == (2023, "万元")
    assert [(project.code, project.name) for project in document.projects] == [
        ("13020723A0000001284", "学前教育发展专项资金"),
        ("13020723A0000001317", "农村义务教育薄弱学校改造补助资金"),
    ]
    assert indicator_table(document, 0) == FENGNAN_NURSERIES
    assert indicator_table(document, 1) == FENGNAN_SCHOOLS


def test_the_pipe_document_keeps_budgets_plans_and_goals_around_the_two_row_headers() -> None:
    document = read("fengnan_education_pipe.txt").document
    nurseries, schools = document.projects
    assert (nurseries.budget.total, nurseries.budget.fiscal, nurseries.budget.other) == (
        Decimal("860.00"),
        Decimal("860.00"),
        Decimal(0),
    )
    assert [(point.month, point.percent) for point in nurseries.spending_plan] == [
        (3, Decimal("20.00")),
        (6, Decimal("45.00")),
        (9, Decimal("70.00")),
        (12, Decimal("100.00")),
    ]
    assert nurseries.goal is not None and nurseries.goal.startswith("新建改扩建公办幼儿园3所")
    assert nurseries.indicators[4].value.kind is ValueKind.DEADLINE
    cost = nurseries.indicators[5].value
    assert (cost.comparator, cost.number, cost.unit) == (Comparator.GE, Decimal(600), "元/生·年")
    # 中期 | 年度 printed over the amounts too: the annual column is the budget
    assert (schools.budget.total, schools.budget.fiscal, schools.budget.other) == (
        Decimal("1150.00"),
        Decimal("1080.00"),
        Decimal("70.00"),
    )


def test_a_midterm_budget_column_is_kept_as_the_midterm_budget_not_read_as_the_budget() -> None:
    result = read("fengnan_education_pipe.txt")
    assert result.warnings == []
    school = result.document.projects[1]
    budget = school.budget
    assert (budget.total, budget.fiscal, budget.other, budget.midterm) == (
        Decimal("1150.00"),
        Decimal("1080.00"),
        Decimal("70.00"),
        Decimal("3200.00"),
    )


# -- the seed's cells layout: 指标值 over 指标性质 | 指标值 | 度量单位, and over two bracketed periods ---------------


def test_a_cells_document_joins_comparator_value_and_unit_under_a_spanning_indicator_value() -> None:
    result = read("haigang_health_cells.txt")
    assert result.layout == "cells"
    health = result.document.projects[0]
    assert (health.code, health.name) == ("13030222K7QH2N0B5D1XE", "基本公共卫生服务项目经费")
    assert [(*levels(indicator), indicator.value.text, indicator.basis) for indicator in health.indicators] == [
        ("产出指标", "数量指标", "居民电子健康档案建档率", "≥90%", "国家基本公共卫生服务规范"),
        ("产出指标", "数量指标", "65岁及以上老年人健康管理人数", "≥2.1万人", "年度工作计划"),
        ("产出指标", "质量指标", "高血压患者规范管理率", "≥70%", "国家基本公共卫生服务规范"),
        ("产出指标", "时效指标", "补助资金拨付时间", "2022年12月底前", "资金管理办法"),
        ("产出指标", "成本指标", "人均基本公共卫生服务经费补助标准", "=84元/人·年", "冀财社〔2022〕38号"),
        ("效益指标", "社会效益指标", "适龄儿童国家免疫规划疫苗接种率", "≥90%", "省考核目标"),
        ("效益指标", "可持续影响指标", "基层医疗卫生机构服务能力", "持续提升", "行业标准"),
        ("满意度指标", "服务对象满意度指标", "居民对基本公共卫生服务满意度", "≥85%", "问卷调查"),
    ]
    assert all(indicator.midterm_value is None for indicator in health.indicators)
    elderly = health.indicators[1].value
    assert (elderly.comparator, elderly.number, elderly.unit) == (Comparator.GE, Decimal("2.1"), "万人")


def test_a_cells_document_reads_bracketed_midterm_and_annual_columns_field_by_field() -> None:
    document = read("haigang_health_cells.txt").document
    doctors = document.projects[1]
    assert (doctors.code, doctors.name) == ("13030222M3RC8WTA0F6JY", "家庭医生签约服务补助资金")
    assert doctors.midterm_goal == "到2024年重点人群家庭医生签约服务覆盖率达到75%以上。"
    assert indicator_table(document, 1) == [
        ("产出指标", "数量指标", "签约家庭医生团队数", "≥120个", "≥100个", "年度工作计划"),
        ("产出指标", "质量指标", "重点人群签约服务覆盖率", "≥75%", "≥65%", "省卫生健康委考核要求"),
        ("产出指标", "时效指标", "考核奖励资金发放时间", "每年12月底前", "2022年12月底前", "资金管理办法"),
        ("效益指标", "社会效益指标", "签约居民续约率", "≥80%", "≥70%", "历史数据"),
        ("满意度指标", "服务对象满意度指标", "签约居民满意度", "≥90%", "≥85%", "问卷调查"),
    ]


def test_a_midterm_budget_label_beside_the_annual_one_is_kept_as_the_midterm_budget() -> None:
    result = read("haigang_health_cells.txt")
    health = result.document.projects[0]
    assert (health.budget.total, health.budget.fiscal, health.budget.other, health.budget.midterm) == (
        Decimal("820.00"),
        Decimal("820.00"),
        Decimal(0),
        Decimal("2460.00"),
    )
    assert result.warnings == []


def test_the_seed_reads_the_same_whole_document_through_the_header_merge() -> None:
    result = read_path(SEED)
    assert result.warnings == []
    assert sum(len(project.indicators) for project in result.document.projects) == 36


# -- Word: python-docx merges (gridSpan across 指标值, vMerge down the other header cells) -------------------------

QIANAN_WATER = [
    ("产出指标", "数量指标", "新建农村集中供水工程", "12处", "4处", "水利发展规划"),
    ("产出指标", "数量指标", "新增受益人口", "≥3.6万人", "≥1.2万人", "项目可研报告"),
    ("产出指标", "质量指标", "工程验收合格率", "100%", "100%", "工程质量验收规范"),
    ("产出指标", "时效指标", "工程完工时间", "2025年10月底前", "2023年10月底前", "项目实施方案"),
    ("产出指标", "成本指标", "单处工程平均投资", "≤140万元", "≤140万元", "概算批复"),
    ("效益指标", "社会效益指标", "农村自来水普及率", "≥98%", "≥96%", "省考核目标"),
    ("效益指标", "可持续影响指标", "工程设计使用年限", "≥20年", "≥20年", "设计规范"),
    ("满意度指标", "服务对象满意度指标", "受益群众满意度", "≥90%", "≥90%", "问卷调查"),
]


def _merged(table: WordTable, top: int, left: int, bottom: int, right: int, text: str) -> None:
    cell = table.cell(top, left).merge(table.cell(bottom, right))
    cell.text = text


def _info_table(document: docx.document.Document) -> None:
    info = document.add_table(rows=5, cols=6)
    info.style = "Table Grid"
    _merged(info, 0, 1, 0, 2, "13028323B0000000562")
    _merged(info, 0, 4, 0, 5, "农村饮水安全巩固提升工程")
    for column, text in ((0, "项目编码"), (3, "项目名称")):
        info.cell(0, column).text = text
    _merged(info, 1, 0, 3, 0, "预算规模及资金用途")
    for column, text in enumerate(("预算数", "560.00", "其中：财政资金", "500.00"), start=1):
        info.cell(1, column).text = text
    for column, text in enumerate(("其他资金", "60.00"), start=1):
        info.cell(2, column).text = text
    _merged(info, 3, 1, 3, 5, "预算资金560万元，用于新建农村集中供水工程4处，改造老旧供水管网38公里。")
    info.cell(4, 0).text = "绩效目标"
    _merged(info, 4, 1, 4, 5, "新建农村集中供水工程4处，新增受益人口1.2万人，农村自来水普及率达到96%。")


def _indicator_table(document: docx.document.Document) -> None:
    table = document.add_table(rows=2 + len(QIANAN_WATER), cols=6)
    table.style = "Table Grid"
    for column, text in enumerate(("一级指标", "二级指标", "三级指标")):
        _merged(table, 0, column, 1, column, text)  # a vertical merge over both header rows
    _merged(table, 0, 3, 0, 4, "指标值")  # a horizontal merge over 中期 | 年度
    _merged(table, 0, 5, 1, 5, "指标值确定依据")
    table.cell(1, 3).text, table.cell(1, 4).text = "中期", "年度"
    for index, (level1, level2, *rest) in enumerate(QIANAN_WATER, start=2):
        for column, text in enumerate(rest, start=2):
            table.cell(index, column).text = text
        previous = QIANAN_WATER[index - 3] if index > 2 else None
        if previous is None or previous[0] != level1:
            table.cell(index, 0).text = level1
        else:  # the level-1 group goes on: a vertical merge, as Word prints it
            _merged(table, index - 1, 0, index, 0, level1)
        if previous is None or previous[:2] != (level1, level2):
            table.cell(index, 1).text = level2
        else:
            _merged(table, index - 1, 1, index, 1, level2)


def qianan_docx() -> bytes:
    """迁安市水务局: an info table, then an indicator table whose header spans two rows, as Word merges it."""
    document = docx.Document()
    document.add_paragraph("迁安市水务局2023年部门预算项目绩效目标表")
    document.add_paragraph("1.农村饮水安全巩固提升工程绩效目标表")
    unit = document.add_table(rows=1, cols=2)
    unit.cell(0, 0).text, unit.cell(0, 1).text = "130283021迁安市水务局(本级)", "单位：万元"
    _info_table(document)
    _indicator_table(document)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_the_word_fixture_really_merges_its_header_cells() -> None:
    data = qianan_docx()
    xml = docx.Document(io.BytesIO(data)).tables[2]._tbl.xml
    assert '<w:gridSpan w:val="2"/>' in xml and '<w:vMerge w:val="restart"/>' in xml


def test_a_word_table_with_a_two_row_header_reads_midterm_and_annual_values_of_every_indicator() -> None:
    result = read_bytes(qianan_docx(), name="qianan.docx")
    assert result.warnings == []
    document = result.document
    (water,) = document.projects
    assert (water.code, water.name) == ("13028323B0000000562", "农村饮水安全巩固提升工程")
    assert (water.budget.total, water.budget.fiscal, water.budget.other) == (
        Decimal("560.00"),
        Decimal("500.00"),
        Decimal("60.00"),
    )
    assert (document.year, document.department.code) == (2023, "130283021")
    assert indicator_table(document, 0) == QIANAN_WATER
    assert water.indicators[3].midterm_value is not None
    assert water.indicators[3].midterm_value.kind is ValueKind.DEADLINE


# -- Excel and HTML go through the same interpreter ---------------------------------------------------------------


def test_an_excel_sheet_with_a_merged_two_row_header_reads_both_periods(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    rows = [
        ["项目名称", "农村饮水安全巩固提升工程", "", "项目编码", "13028323B0000000562"],
        ["预算数", 560, "其中：财政资金", 500, ""],
        ["其他资金", 60, "", "", ""],
        ["一级指标", "二级指标", "三级指标", "指标值", ""],
        ["", "", "", "中期", "年度"],
        *[list(item[:5]) for item in QIANAN_WATER],
    ]
    for values in rows:
        sheet.append(values)
    for column in "ABC":
        sheet.merge_cells(f"{column}4:{column}5")
    sheet.merge_cells("D4:E4")
    path = tmp_path / "qianan.xlsx"
    book.save(path)
    result = read_path(path)
    assert result.warnings == []
    assert both_values(result.document, 0) == [
        (name, midterm, annual) for _, _, name, midterm, annual, _ in QIANAN_WATER
    ]


def test_an_html_table_with_rowspan_and_colspan_header_reads_both_periods() -> None:
    body = "".join(
        f"<tr><td>{level1}</td><td>{level2}</td><td>{name}</td><td>{midterm}</td><td>{annual}</td><td>{basis}</td></tr>"
        for level1, level2, name, midterm, annual, basis in QIANAN_WATER
    )
    page = (
        "<html><body><p>农村饮水安全巩固提升工程绩效目标表</p><table>"
        "<tr><td>项目名称</td><td>农村饮水安全巩固提升工程</td><td>项目编码</td><td>13028323B0000000562</td></tr>"
        "<tr><th rowspan=2>一级指标</th><th rowspan=2>二级指标</th><th rowspan=2>三级指标</th><th colspan=2>指标值</th>"
        "<th rowspan=2>指标值确定依据</th></tr><tr><th>中期</th><th>年度</th></tr>"
        f"{body}</table></body></html>"
    )
    result = read_bytes(page.encode("utf-8"), name="qianan.html")
    assert result.warnings == []
    assert indicator_table(result.document, 0) == QIANAN_WATER


def test_a_pdf_table_with_a_spanning_header_reads_both_periods() -> None:
    header = (
        TableRow(
            (
                *(Cell(text, rowspan=2, header=True) for text in ("一级指标", "二级指标", "三级指标")),
                Cell("指标值", colspan=2, header=True),
                Cell("指标值确定依据", rowspan=2, header=True),
            ),
            RowKind.HEADER,
        ),
        TableRow((Cell("中期", header=True), Cell("年度", header=True)), RowKind.HEADER),
    )
    info = TableRow((Cell("项目编码"), Cell("13028323B0000000562", colspan=2), Cell("项目名称"),
                     Cell("农村饮水安全巩固提升工程", colspan=2)))  # fmt: skip
    body = tuple(TableRow(tuple(Cell(text) for text in item)) for item in QIANAN_WATER)
    layout = Layout(
        title="迁安市水务局2023年部门预算项目绩效目标表",
        sections=[
            Section(
                name="项目",
                blocks=[
                    Paragraph("1.农村饮水安全巩固提升工程绩效目标表"),
                    Table(widths=(2, 2, 4, 2, 2, 3), rows=(info,)),
                    Table(widths=(2, 2, 4, 2, 2, 3), rows=header + body),
                ],
            )
        ],
    )
    result = read_bytes(render_pdf(layout), name="qianan.pdf")
    assert indicator_table(result.document, 0) == QIANAN_WATER


def test_a_pdf_copy_with_one_cell_per_line_reads_a_flattened_two_row_header() -> None:
    lines = [
        "1.农村饮水安全巩固提升工程绩效目标表",
        "项目名称",
        "农村饮水安全巩固提升工程",
        "项目编码",
        "13028323B0000000562",
    ]
    lines += ["一级指标", "二级指标", "三级指标", "指标值", "指标值确定依据", "中期", "年度"]
    previous: tuple[str, str] = ("", "")
    for level1, level2, *rest in QIANAN_WATER:  # a merged level cell is printed once, on its first row
        lines += [level1] if level1 != previous[0] else []
        lines += [level2] if (level1, level2) != previous else []
        lines += rest
        previous = (level1, level2)
    result = read_text("\n".join(lines), layout="lines")
    assert result.warnings == []
    assert indicator_table(result.document, 0) == QIANAN_WATER


@pytest.mark.parametrize(
    "labels",
    [
        "一级指标 二级指标 三级指标 指标性质 指标值 度量单位",
        "一级指标 二级指标 三级指标 中期指标值 年度指标值",
        "一级指标 二级指标 三级指标 指标值 计量单位",
        "一级指标 二级指标 三级指标 绩效指标描述 指标值 指标值确定依据",
    ],
)
def test_a_one_row_header_copied_as_a_run_of_labels_stays_as_printed(labels: str) -> None:
    assert merge_flat_header(labels.split()) is None


def test_a_flattened_header_puts_the_sub_labels_in_place_of_the_spanning_one() -> None:
    labels = ["一级指标", "二级指标", "三级指标", "指标值", "指标值确定依据", "中期", "年度"]
    assert merge_flat_header(labels) == (
        "一级指标",
        "二级指标",
        "三级指标",
        "中期指标值",
        "年度指标值",
        "指标值确定依据",
    )
