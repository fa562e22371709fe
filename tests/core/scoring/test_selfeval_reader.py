"""Reading published self-evaluation tables: layouts, merged cells, several projects, and what is not one."""

from __future__ import annotations

import pytest

from jixiao.domain.errors import DocumentError
from jixiao.formats.selfeval import read_selfeval, read_selfeval_bytes
from tests.conftest import FIXTURES, SEED

from .builders import D

TWO_PROJECTS = """\
2023年度项目支出绩效自评表
单位：万元
| 项目名称 | 乡村学校营养餐补助 |
| 项目编码 | 51000023R000000000001 |
| 项目资金 | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |
| 年度资金总额 | 120 | 120 | 114 | 10 | 95% | 9.5 |
| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |
| 产出指标 | 数量指标 | 受益学生人数 | ≥2000人 | 1800人 | 50 | 45 | 转学200人，已按实际人数发放 |
| 效益指标 | 社会效益指标 | 学生营养状况 | 明显改善 | 部分达成 | 30 | 20 |  |
| 满意度指标 | 服务对象满意度指标 | 家长满意度 | ≥90% | 93% | 10 | 10 |  |
| 总分 | 100 | 84.5 |
| 自评等级 | 良 |
| 项目名称 | 农村公路养护补助 |
| 项目资金 | 全年预算数 | 全年执行数 | 执行率 | 分值 | 得分 |
| 年度资金总额 | 80 | 80 | 100% | 10 | 10 |
| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |
| 产出指标 | 成本指标 | 每公里养护成本 | ≤0.8万元 | 0.88万元 | 50 | 45 | 材料涨价 |
| 效益指标 | 社会效益指标 | 公路优良路率 | ≥85% | 88% | 30 | 30 |  |
| 满意度指标 | 服务对象满意度指标 | 群众满意度 | ≥90% | 不适用 | 10 |  |  |
| 总分 | 100 | 85 |
"""


def test_it_reads_several_projects_with_their_funds_rows_and_published_scores() -> None:
    read = read_selfeval_bytes(TWO_PROJECTS.encode())
    first, second = read.evaluations
    assert (read.year, read.amount_unit) == (2023, "万元")
    assert (first.project.code, first.project.name) == ("51000023R000000000001", "乡村学校营养餐补助")
    assert (first.funds.budget, first.funds.executed, first.funds.rate, first.funds.score) == (
        D(120), D(114), D(95), D("9.5"),
    )  # fmt: skip
    assert [a.actual for a in first.actuals] == ["1800人", "部分达成", "93%"]
    assert first.actuals[0].reason == "转学200人，已按实际人数发放"
    assert (first.published_total, first.published_grade) == (D("84.5"), "良")
    assert second.project.name == "农村公路养护补助" and second.funds.rate == 100
    assert [i.weight for i in second.project.indicators] == [D(50), D(30), D(10)]
    assert second.actuals[2].actual == "不适用" and second.published_total == 85


def test_it_fills_merged_level_cells_dropped_from_the_left_of_a_row() -> None:
    (evaluation,) = read_selfeval(FIXTURES / "selfeval" / "chizhou_2022_weituo.txt").evaluations
    levels = [(i.level1, i.level2) for i in evaluation.project.indicators]
    assert levels[1] == ("产出指标(50分)", "质量指标") and levels[5] == ("产出指标(50分)", "成本指标")
    assert evaluation.goal_result and evaluation.goal_result.startswith("全年完成基建工程委托业务50个")
    assert [part.label for part in evaluation.funds.parts] == ["其中：本年财政拨款", "上年结转资金", "其他资金"]


def test_sichuan_columns_are_joined_into_the_target() -> None:
    (evaluation,) = read_selfeval(FIXTURES / "selfeval" / "sichuan_2023_anke.docx").evaluations
    (indicator,) = evaluation.project.indicators
    assert indicator.value.text == "≤30万元" and indicator.value.number == 30
    assert (evaluation.funds.initial, evaluation.funds.budget, evaluation.funds.weight) == (D("3.36"), D("3.36"), D(10))


def test_a_department_overall_table_takes_its_score_from_coefficient_times_weight() -> None:
    read = read_selfeval(FIXTURES / "selfeval" / "chongqing_2021_department.txt")
    (evaluation,) = read.evaluations
    assert evaluation.project.name == read.department == "重庆高新技术产业开发区管理委员会社会事业局"
    assert evaluation.project.indicators[0].value.text == "≤100%"
    assert {a.score for a in evaluation.actuals} == {D(10)}
    assert evaluation.published_total == D("97.6")


def test_a_target_document_is_not_a_self_evaluation_table() -> None:
    with pytest.raises(DocumentError) as raised:
        read_selfeval(SEED)
    assert raised.value.code == "selfeval.unrecognised"


def test_a_missing_file_is_a_chinese_error() -> None:
    with pytest.raises(DocumentError) as raised:
        read_selfeval(FIXTURES / "selfeval" / "nowhere.txt")
    assert raised.value.code == "document.no_file"
