"""The six foreign-layout fixtures read as the documents they print (tests/fixtures/office/make_fixtures.py)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from jixiao.domain.model import Comparator, TargetDocument, ValueKind
from jixiao.formats import read_path
from tests.core.formats.conftest import OFFICE
from tests.fixtures.office.make_fixtures import BUILDERS


def read(name: str, *, warnings: tuple[str, ...] = ()) -> TargetDocument:
    result = read_path(OFFICE / name)
    assert tuple(warning.code for warning in result.warnings) == warnings
    return result.document


def test_every_office_fixture_is_built_by_the_committed_script() -> None:
    files = {path.name for path in OFFICE.iterdir() if path.suffix != ".py" and not path.name.startswith("_")}
    assert files == set(BUILDERS)


def test_a_word_table_split_over_two_pages_reads_as_one_table_with_separate_comparator_and_unit_columns() -> None:
    document = read("word_split_table.docx")
    (project,) = document.projects
    assert (project.code, project.name) == ("36010122Z000000012", "大气污染防治监测能力建设")
    assert (document.department.code, document.department.name) == ("360101", "南湖市生态环境局")
    assert project.unit is not None and (project.unit.code, project.unit.name) == ("360101002", "南湖市环境监测站")
    assert (project.budget.total, project.budget.fiscal, project.budget.other) == (
        Decimal("120.00"),
        Decimal("100.00"),
        Decimal("20.00"),
    )
    assert project.fund_use == "用于购置空气自动监测设备3套，开展颗粒物组分监测和走航监测。"
    assert len(project.indicators) == 12  # 7 before the page break, 5 after the repeated header
    first, *_, pm25, _, satisfaction = project.indicators
    assert (first.value.comparator, first.value.number, first.value.unit) == (Comparator.GE, Decimal(3), "个")
    continued = project.indicators[6]
    assert (continued.level1, continued.level2, continued.level3) == ("产出指标", "成本指标", "单套设备采购成本")
    assert continued.value.text == "≤35万元"
    assert pm25.value.unit == "微克/立方米"
    assert project.indicators[4].value.kind is ValueKind.DEADLINE
    assert project.indicators[5].basis == "《监测站工作制度》\n月报次月5日前报送"
    assert satisfaction.level1 == "满意度指标"


def test_word_automatic_numbering_gives_part_1_its_sub_goals_refinements_and_safeguards() -> None:
    document = read("word_part1_numbered.docx")
    overall = document.overall
    assert overall is not None
    assert [goal.title for goal in overall.subgoals] == ["粮食安全保障", "农业面源污染治理"]
    assert overall.subgoals[1].refinements == ["化肥使用量较上年减少2%。", "畜禽粪污综合利用率达到80%。"]
    assert [item.title for item in overall.safeguards] == ["加强组织领导。", "强化监督检查。"]
    assert [project.code for project in document.projects] == ["41220323A000000101", "41220323A000000117"]
    second = document.projects[1]  # inside a content control (w:sdt)
    assert [point.percent for point in second.spending_plan] == [Decimal("20.00"), Decimal("50.00"), Decimal("80.00"),
                                                                 Decimal("100.00")]  # fmt: skip
    assert document.projects[0].budget.total == Decimal("1250.00")
    assert document.projects[0].goal == "1.补贴资金及时足额发放到户；\n2.保护耕地地力，稳定粮食播种面积。"


def test_an_excel_workbook_with_midterm_and_annual_side_by_side_keeps_both() -> None:
    # the mid-term budget column is kept as the mid-term budget, never read as the annual one
    document = read("excel_midterm_annual.xlsx")
    assert [project.name for project in document.projects] == ["重点实验室运行补助", "科技特派员服务"]
    lab = document.projects[0]
    assert lab.budget.total == Decimal("520.00")  # the annual column, stored as a number formatted #,##0.00
    assert [project.budget.midterm for project in document.projects] == [Decimal("1500.00"), Decimal("360.00")]
    assert lab.goal == "目标1：支持重点实验室5家。目标2：新增发明专利授权30件以上。"
    assert lab.midterm_goal is not None and lab.midterm_goal.startswith("目标1：支持市级以上重点实验室15家")
    patents = lab.indicators[1]
    assert patents.value.text == "≥30件"
    assert patents.midterm_value is not None and patents.midterm_value.text == "≥90件"
    assert (document.department.code, document.department.name) == ("126", "江州市科学技术局")
    assert all(indicator.level3 != "示例指标" for _, indicator in document.indicators())  # the hidden sheet


def test_an_excel_sheet_with_amounts_in_yuan_as_text_reads_like_numbers() -> None:
    document = read("excel_text_yuan.xlsx")
    (project,) = document.projects
    assert document.amount_unit == "元"
    assert (project.budget.total, project.budget.other) == (Decimal("3860000.00"), Decimal(0))
    assert [point.percent for point in project.spending_plan] == [Decimal(25), Decimal(50), Decimal(75),
                                                                  Decimal("100.00")]  # fmt: skip
    lectures = project.indicators[1]
    assert lectures.value.text == "12次"  # the number 12 shown through the format 0"次"
    assert [indicator.weight for indicator in project.indicators] == [Decimal(10)] * 5 + [Decimal(20)] * 2 + [
        Decimal(10)
    ]


def test_a_pdf_printed_from_word_reads_across_pages_with_repeated_headers_and_running_heads() -> None:
    document = read("pdf_word_headers.pdf")
    (project,) = document.projects
    assert document.title == "宁远县交通运输局2023年项目支出绩效目标"  # the first page's running head
    assert len(project.indicators) == 25
    assert [indicator.level1 for indicator in project.indicators].count("产出指标") == 21
    explanation = project.indicators[13].description
    assert explanation == "经年度检测评定为优、良等级的路段里程占养护总里程的比例，按省厅评定办法执行"
    assert project.goal is not None and "改善群众出行条件。" in project.goal and "\n" not in project.goal
    assert project.indicators[-1].weight == Decimal(10)


def test_a_government_web_page_with_rowspans_and_unclosed_cells_reads_both_projects() -> None:
    document = read("html_gov_rowspans.html")
    assert document.title == "柳林镇人民政府2022年项目支出绩效目标"
    first, second = document.projects
    assert first.goal == "1.完成12个行政村垃圾收集点改造；\n2.村庄生活垃圾无害化处理率达到95%以上。"
    assert [indicator.level2 for indicator in first.indicators[:4]] == ["数量指标", "数量指标", "质量指标", "时效指标"]
    assert first.indicators[2].level3 == "垃圾收集点验收合格率"
    assert first.indicators[1].basis is None  # &nbsp; only
    assert second.budget.total == Decimal("18.60")
    assert (second.indicators[-1].level1, second.indicators[-1].level2) == ("满意度指标", None)


@pytest.mark.parametrize("name", sorted(BUILDERS))
def test_an_office_fixture_is_read_whatever_its_file_name_says(name: str, tmp_path: Path) -> None:
    renamed = tmp_path / "download.bin"
    renamed.write_bytes((OFFICE / name).read_bytes())
    assert read_path(renamed).layout == Path(name).suffix.lstrip(".")
