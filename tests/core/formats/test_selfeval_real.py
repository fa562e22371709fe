"""Reading self-evaluation tables in the layouts real published copies have (excerpts in the corpus documents' style).

Each test is a small piece of a layout the corpus holds: web rows with merged cells dropped and rows fused, one cell
per line with `` |`` and empty cells as lone pipes, space-separated Excel text, framework score sheets, department
tables, and text run together with its numbers fused. Where a cell's place or a number's split is a guess, the
reader must say so with a warning that names the field.
"""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from jixiao.domain.errors import MESSAGES
from jixiao.formats.interpret.fit import TARGET_COSTS, best_placement
from jixiao.formats.interpret.labels import COLUMN_LABELS, HEADER_LABELS
from jixiao.formats.selfeval import SelfEvaluationRead, read_selfeval_bytes
from jixiao.formats.selfeval_fit import COSTS, fused_splits, place_fused_row, place_row
from jixiao.formats.selfeval_labels import (
    FIELD_LABELS,
    FUND_COLUMNS,
    FUND_ROWS,
    INDICATOR_COLUMNS,
    fund_section,
    key,
    scrambled_label,
)
from jixiao.formats.selfeval_layouts import merge_flat_header


def read(text: str) -> SelfEvaluationRead:
    return read_selfeval_bytes(text.encode("utf-8"))


def flagged(result: SelfEvaluationRead) -> set[tuple[int | None, int | None, str | None]]:
    return {(warning.table, warning.row, warning.field_name) for warning in result.warnings if warning.field_name}


def rows(result: SelfEvaluationRead) -> list[tuple[object, ...]]:
    (evaluation,) = result.evaluations
    return [
        (i.level1, i.level2, i.level3, i.value.text or None, a.actual, i.weight, a.score)
        for i, a in zip(evaluation.project.indicators, evaluation.actuals, strict=True)
    ]


FUSED_PIPE_ROWS = (
    "2022年度项目支出绩效自评表 | 部门:某县某中学 |\n"
    "| 公开14表 | 项目名称 | 营养改善计划专项资金 | 主管部门 | 某县教育体育局 | 实施单位 | 某县某中学 | "
    "项目资金 (元) |\n"
    "| 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 | 年度资金总额 |\n"
    "| 3876.62 | 3876.62 | 3876.62 | 10 | 100% | 10 | 其中:当年财政 拨款 |\n"
    "| 3876.62 | 3876.62 | — |\n"
    # the header, the goal and the first indicator row fused into one long row, as the web page gives them
    "| — | 年度 总体 目标 | 预期目标 | 实际完成情况 | 改善学生体质 | 学生体质得到改善 | "
    "绩效指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 | "
    "一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位 | "
    "产出指标 | 数量指标 | 学生受资助人数 | ≧ | 735 | 人次 | 735 | 40 | 40 |\n"
    "| 质量指标 | 营养改善计划覆盖率 | ≧ | 100 | % | 100% | 30 | 27 |\n"
    "| 满意度指标 | 服务对象满意度指标等 | 学生满意度 | ≧ | 95 | % | 100% | 20 | 20 |\n"
    "| 其他需要说明事项 | 无 | 总分 | 100 | 97 | 优 |\n"
)


def test_pipe_rows_fused_with_the_header_and_the_funds_are_cut_back_into_rows_by_their_labels() -> None:
    result = read(FUSED_PIPE_ROWS)
    (evaluation,) = result.evaluations
    assert (evaluation.project.name, evaluation.project.unit and evaluation.project.unit.name) == (
        "营养改善计划专项资金",
        "某县某中学",
    )
    funds = evaluation.funds
    assert (funds.initial, funds.budget, funds.executed, funds.weight, funds.rate, funds.score) == (
        Decimal("3876.62"), Decimal("3876.62"), Decimal("3876.62"), 10, 100, 10,
    )  # fmt: skip
    assert (evaluation.project.goal, evaluation.goal_result) == ("改善学生体质", "学生体质得到改善")
    assert rows(result) == [
        ("产出指标", "数量指标", "学生受资助人数", "≧735人次", "735", 40, 40),
        ("产出指标", "质量指标", "营养改善计划覆盖率", "≧100%", "100%", 30, 27),
        ("满意度指标", "服务对象满意度指标等", "学生满意度", "≧95%", "100%", 20, 20),
    ]
    assert (evaluation.published_total, evaluation.published_grade) == (97, "优")


CELL_PER_LINE = """\
部门预算项目支出绩效自评表(2023年度) |
项目名称 |
51000021R000000019951-工资性支出 |
预算执行情况(10分) |
年度预算数(万元) |
年初预算 |
调整后预算数 |
预算执行数 |
预算执行率 |
权重 |
得分 |
原因 |
总额 |
238.93 |
251.89 |
251.89 |
100.00% |
10 |
|
1.预算执行率=预算执行数/调整后预算数(100字以内) |
绩效指标(90分) |
一级指标 |
二级指标 |
三级指标 |
指标性质 |
指标值 |
度量单位 |
完成值 |
权重 |
得分 |
未完成原因分析 |
产出指标 |
数量指标 |
发放覆盖率 |
= |
100 |
% |
|
60 |
|
|
效益指标 |
社会效益指标 |
足额保障率 |
= |
100 |
% |
|
30 |
|
|
合计 |
100 |
|
|
"""


def test_one_cell_per_line_keeps_empty_cells_in_place_so_an_unfilled_actual_and_score_stay_empty() -> None:
    result = read(CELL_PER_LINE)
    (evaluation,) = result.evaluations
    assert (evaluation.project.code, evaluation.project.name) == ("51000021R000000019951", "工资性支出")
    funds = evaluation.funds
    assert (funds.initial, funds.budget, funds.executed, funds.rate, funds.weight, funds.score) == (
        Decimal("238.93"), Decimal("251.89"), Decimal("251.89"), 100, 10, None,
    )  # fmt: skip
    assert rows(result) == [
        ("产出指标", "数量指标", "发放覆盖率", "=100%", None, 60, None),
        ("效益指标", "社会效益指标", "足额保障率", "=100%", None, 30, None),
    ]
    assert evaluation.published_total is None  # 合计 | 100 | (empty): the weights' sum, not a score
    assert not flagged(result)


SPACE_SEPARATED = (
    "附件1 项目支出绩效自评表 ( 2021 年度) 项目名称 司法业务经费 主管部门 某市司法局 "
    "项目资金(万元) 实施单位 某市司法局\n"
    "年初预算数 全年预算数 全年执行数 分值 执行率(全年 执行数/全年 预算数) 年度资金总额: "
    "620.82万元 620.82万元 620.82万元 10 100% 10\n"
    "其中:当年财政 拨款 620.82万元 620.82万元 620.82万元 得分 上年结转资金 其他资金\n"
)


def test_space_separated_cells_with_amounts_in_cells_and_a_score_column_printed_elsewhere() -> None:
    result = read(SPACE_SEPARATED)
    (evaluation,) = result.evaluations
    funds = evaluation.funds
    assert (funds.initial, funds.budget, funds.executed, funds.weight, funds.rate) == (
        Decimal("620.82"), Decimal("620.82"), Decimal("620.82"), 10, 100,
    )  # fmt: skip
    assert funds.score == 10 and (0, None, "fund_score") in flagged(result)  # the 得分 label came after the row


FRAMEWORK_SHEET = """\
2020年项目支出绩效自评指标计分表
一级 指标 |
二级 指标 |
三级 指标 |
自评分 |
具体指标 |
评价标准 |
得分 |
项 目 决 策 (15分) |
决策 过程 (8分) |
决策 依据 (4分) |
4 |
有关法律法规的明确规定 |
符合法律法规(1分) 符合发展规划(1分) |
|
决策 程序 (4分) |
3 |
项目符合申报条件 |
符合申报条件(2分) 批复程序合规(2分) |
|
||
资金 分配 (7分) |
分配 办法 (3分) |
3 |
有明确资金分配办法 |
办法健全(3分) |
"""


def test_a_framework_score_sheet_gives_weights_from_the_points_scores_and_descriptions() -> None:
    result = read(FRAMEWORK_SHEET)
    (evaluation,) = result.evaluations
    got = [
        (i.level1, i.level2, i.level3, i.weight, a.score, i.description)
        for i, a in zip(evaluation.project.indicators, evaluation.actuals, strict=True)
    ]
    assert got == [
        ("项 目 决 策 (15分)", "决策 过程 (8分)", "决策 依据 (4分)", 4, 4, "有关法律法规的明确规定"),
        ("项 目 决 策 (15分)", "决策 过程 (8分)", "决策 程序 (4分)", 4, 3, "项目符合申报条件"),
        ("项 目 决 策 (15分)", "资金 分配 (7分)", "分配 办法 (3分)", 3, 3, "有明确资金分配办法"),
    ]
    assert all(i.value.text == "" for i in evaluation.project.indicators)
    assert (0, 2, "*") in flagged(result)  # the last row ends the document: it may be cut


DEPARTMENT = """\
部门整体支出绩效自评表 | |||||||||
单位(盖章):某镇人民政府 | 填报日期:2022年2月3日 | ||||||||
部门(单位)名称 | 某镇人民政府 | ||||||||
部门(单位)总体 资金(万元) | 资 金 来 源 | 年初预算数(A) | 全年执行数(B) | 分值(10分) | 得分 | 得分计算方法 | |||
年度资金总额: | 1172.55 | 1268.72 | 10 | 10 | 执行率*该指标分值,最高不得超过分值上限。 | ||||
基本支出 | 985.19 | 914.97 |
10 | 10 | |||||
项目支出 | 187.36 | 353.75 | 10 | 10 | |||||
年度总体目标 | 年初设定目标 | 年度总体目标完成情况 |||||||
履行职能,完成年度工作任务。 | 较好地完成了本年工作任务。 | ||||||||
绩效指标 | 一级指标 | 二级指标 | 三级指标 | 年度指标值(A) | 全年实际值(B) | 分值 | 得分
"""


def test_a_department_table_reads_its_name_funds_without_a_rate_column_and_goal() -> None:
    result = read(DEPARTMENT)
    (evaluation,) = result.evaluations
    assert evaluation.project.name == "某镇人民政府" and evaluation.project.unit is not None
    funds = evaluation.funds
    assert (funds.initial, funds.budget, funds.executed, funds.weight, funds.rate, funds.score) == (
        Decimal("1172.55"), None, Decimal("1268.72"), 10, None, 10,
    )  # fmt: skip
    assert [part.label for part in funds.parts] == ["基本支出", "项目支出"]
    assert evaluation.project.goal == "履行职能,完成年度工作任务。"


RUN_TOGETHER = (
    "绩效目标自评表(2022年度)项目名称小型水库水标尺制作安装主管部门某县水利局实施单位某县水利局资金情况(万元)"
    "全年预算数(A)全年执行数(B)分值执行率(B/A)得分年度资金总额:202010100.00%10其中:本年财政拨款2020其他资金"
    "绩效指标一级指标二级指标三级指标分值年度指标值全年实际值得分未完成原因及拟采取的改进措施产出指标(70分)数量指标"
    "安装坡面水标尺10≥266米≥266米10水标尺宽度10≥50厘米≥50厘米10质量指标项目(工程)验收合格率20100%100%20"
    "成本指标项目计划总投资1020万元20万元10效益指标(20分)社会效益指标群众生产生活条件改善状况10显著提升显著提升10"
    "总分100100注:1.一级指标分值统一设置\n"
)


def test_a_table_run_together_is_cut_at_its_labels_and_fused_numbers_are_split_with_a_warning() -> None:
    result = read(RUN_TOGETHER)
    (evaluation,) = result.evaluations
    funds = evaluation.funds
    assert (funds.budget, funds.executed, funds.weight, funds.rate, funds.score) == (20, 20, 10, 100, 10)
    assert {(0, None, name) for name in ("budget", "executed", "fund_weight", "rate")} <= flagged(result)
    assert rows(result) == [
        ("产出指标(70分)", "数量指标", "安装坡面水标尺", "≥266米", "≥266米", 10, 10),
        ("产出指标(70分)", "数量指标", "水标尺宽度", "≥50厘米", "≥50厘米", 10, 10),
        ("产出指标(70分)", "质量指标", "项目(工程)验收合格率", "100%", "100%", 20, 20),
        ("产出指标(70分)", "成本指标", "项目计划总投资", "20万元", "20万元", 10, 10),
        ("效益指标(20分)", "社会效益指标", "群众生产生活条件改善状况", "显著提升", "显著提升", 10, 10),
    ]
    assert {(0, 2, "weight"), (0, 2, "value"), (0, 3, "weight"), (0, 3, "value")} <= flagged(result)
    assert evaluation.published_total == 100


SHORT_PIPE_ROWS = """\
项目名称 | 野生菌加工车间建设项目 | |||||||||||
项目资金 (万元) | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 | ||||||
年度资金总额 | 1100 | 1100 | 1100 | 10 | 100% | 10 | ||||||
绩 效 指 标 | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 | ||||
产出指标(50分) | 数量指标 | 冷库仓储建设 | ≥1290.3平方米 | 1290.3平方米 | 10.3 | 10.3 | ||||||
配套电力设施变压器 | 3 | 9.3 | 9.3 | |||||||||
总分 | 100 | 99 |
"""


def test_a_row_that_lost_an_empty_cell_is_placed_by_guess_and_says_which_fields_may_be_elsewhere() -> None:
    result = read(SHORT_PIPE_ROWS)
    assert rows(result) == [
        (
            "产出指标(50分)",
            "数量指标",
            "冷库仓储建设",
            "≥1290.3平方米",
            "1290.3平方米",
            Decimal("10.3"),
            Decimal("10.3"),
        ),
        ("产出指标(50分)", "数量指标", "配套电力设施变压器", "3", None, Decimal("9.3"), Decimal("9.3")),
    ]
    assert {(0, 1, "weight"), (0, 1, "score")} <= flagged(result)
    assert not {warning for warning in flagged(result) if warning[1] == 0}


def test_every_label_the_target_tables_know_is_known_to_the_self_evaluation_reader() -> None:
    known = {*FIELD_LABELS, *FUND_COLUMNS, *FUND_ROWS, *INDICATOR_COLUMNS}
    target = {label for label in (*HEADER_LABELS, *COLUMN_LABELS) if label not in ("年度", "中期")}
    assert {label for label in target if key(label) not in known and label not in known} == set()


@pytest.mark.parametrize(
    ("text", "reading"),
    [("20100%", ("20", "100%")), ("1020万元", ("10", "20万元")), ("22", ("2", "2")), ("≥3100%", ("≥3", "100%"))],
)
def test_fused_numbers_are_split_only_into_well_formed_numbers(text: str, reading: tuple[str, ...]) -> None:
    assert reading in fused_splits(text)
    numbers = [re.sub(r"^≥|%$|万元$", "", part) for split in fused_splits(text) for part in split]
    assert all(re.fullmatch(r"(?:0|[1-9]\d*)(?:\.\d+)?", number) for number in numbers)


def test_a_fused_funds_row_is_split_where_its_own_arithmetic_agrees() -> None:
    roles = ["budget", "executed", "weight", "rate", "score"]
    placed = place_fused_row(["202010100.00%", "10"], roles)
    assert placed.cells == ("20", "20", "10", "100.00%", "10") and placed.doubtful == {0, 1, 2, 3}


def test_a_lone_number_after_the_target_is_the_weight_and_the_guess_is_doubtful() -> None:
    roles = ["level3", "value", "actual", "weight", "score", "reason"]
    placed = place_row(["配套电力设施", "3", "9.3", "9.3"], roles)
    assert placed.cells[:5] == ("配套电力设施", "3", "", "9.3", "9.3") and {2, 3, 4} <= placed.doubtful


def test_a_two_row_header_run_together_is_merged() -> None:
    top = ["绩效指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"]
    second = ["一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位"]
    assert merge_flat_header(top + second) == [*second, "实际完成值", "分值", "得分", "偏差原因分析及改进措施"]
    one_row = [*second, "完成值", "权重", "得分", "未完成原因分析"]
    assert merge_flat_header(one_row) == one_row


def test_a_label_an_ocr_scan_scrambled_is_recognised() -> None:
    assert scrambled_label("年成值全完值") == "全年完成值"
    assert scrambled_label("性标定指") == "定性指标"
    assert scrambled_label("管理制度健全性") is None


def test_the_new_warnings_have_chinese_messages() -> None:
    codes = ("selfeval.doubtful_cell", "selfeval.fund_doubtful", "selfeval.cut_row", "selfeval.sign_as_digit")
    for code in (*codes, "selfeval.name_assumed"):
        assert code in MESSAGES


HEADERLESS_RUN = (
    "产出指标数量指标足额保障率=100% 22.5 科目调整次数≤10次 22.5 时效指标按时发放率=100% 22.5 "
    "效益指标经济效益指标结余率≤5% 22.5 合计100 评价结论及时、足额缴纳。项目负责人:财务负责人:\n"
)


def test_a_run_together_excerpt_without_its_header_is_read_under_the_usual_header_and_says_so() -> None:
    result = read(HEADERLESS_RUN)
    assert rows(result) == [
        ("产出指标", "数量指标", "足额保障率", "=100%", None, Decimal("22.5"), None),
        ("产出指标", "数量指标", "科目调整次数", "≤10次", None, Decimal("22.5"), None),
        ("产出指标", "时效指标", "按时发放率", "=100%", None, Decimal("22.5"), None),
        ("效益指标", "经济效益指标", "结余率", "≤5%", None, Decimal("22.5"), None),
    ]
    assert {(0, row, "weight") for row in range(4)} <= flagged(result)  # 22.5 could be the score
    assert result.evaluations[0].published_total is None  # 合计100 sums the weights of a table not scored


MANAGEMENT_BLOCK = """\
就业补助资金绩效自评表 | |||||||
转移支付(项目)名称 | 就业补助资金 | ||||||
资金使用单位 | 123001-某区人力资源和社会保障局 | ||||
资金投入情况 (万元) |
全年预算数(A) | 全年执行数(B) | 预算执行率(B/A×100%) | ||||
年度资金总额: | 808.1 | 692.98 | 86% | ||||
资金管理情况 | 情况说明 | 存在问题和改进措施 | |||||
分配科学性 | 合理分配,优先保障工资社保。 | ||||||
下达及时性 | |||||||
总体目标完成情况 | 总体目标 | 全年实际完成情况 | |||||
落实就业扶持政策。 | 各项指标均按要求完成。 | ||||||
"""


def test_a_transfer_payment_table_reads_its_management_items_as_indicators_with_their_statements() -> None:
    result = read(MANAGEMENT_BLOCK)
    (evaluation,) = result.evaluations
    assert evaluation.project.name == "就业补助资金"
    assert evaluation.project.unit is not None and evaluation.project.unit.name == "某区人力资源和社会保障局"
    assert (evaluation.funds.budget, evaluation.funds.executed, evaluation.funds.rate) == (
        Decimal("808.1"), Decimal("692.98"), 86,
    )  # fmt: skip
    got = [
        (i.level1, i.level2, a.actual) for i, a in zip(evaluation.project.indicators, evaluation.actuals, strict=True)
    ]
    assert got == [("资金管理情况", "分配科学性", "合理分配,优先保障工资社保。"), ("资金管理情况", "下达及时性", None)]
    assert (evaluation.project.goal, evaluation.goal_result) == ("落实就业扶持政策。", "各项指标均按要求完成。")


TEMPLATE_ROWS = """\
项目名称 | 暖通改造经费 |
项目资金(万元) | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |
年度资金总额 | 43.2 | 43.2 | 37.24 | 10 | 86% | 9 |
一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |
产出指标 | 数量指标 | ★指标1工程资金金额 | 43.2 | 37.24 | 10 | 9 | 已完工,剩余尾款未付。 |
| | 指标2 | …… | | | | |
效益指标 | 生态效益指标 | | | | | | |
| 可持续影响指标 | 指标1长期使用性 | 100 | 100 | 10 | 10 | |
总分 | 100 | 90 |
"""


def test_template_placeholder_rows_and_empty_categories_are_no_indicators_and_core_marks_leave_the_name() -> None:
    result = read(TEMPLATE_ROWS)
    assert rows(result) == [
        ("产出指标", "数量指标", "指标1工程资金金额", "43.2", "37.24", 10, 9),
        ("效益指标", "可持续影响指标", "指标1长期使用性", "100", "100", 10, 10),
    ]
    assert result.evaluations[0].published_total == 90


def test_the_self_evaluation_places_cells_with_the_target_tables_search_and_its_own_costs() -> None:
    roles = ("level3", "value", "actual", "weight", "score")
    # a target table has no 实际完成值 column to miss: the same search, other costs
    assert best_placement(("学生受资助人数", "735", "40"), roles, COSTS) == (0.4 + 0.6, (0, 1, 3))
    assert best_placement(("学生受资助人数", "735", "40"), roles, TARGET_COSTS) is not None
    assert place_row(["学生受资助人数", "735", "40"], list(roles)).doubtful  # 40 could be the weight or the score


FRAMEWORK_LINES = """\
2023年度部门整体支出绩效评价自评表
序号 | 一级 指标 |
二级 指标 |
三级 指标 |
指标分值 | 指标解释 | 指标说明及评分标准 | 自评得分 |
1 | 规划 (15分) |
基础信息 (3分) | 基础信息 完整性 | 3 | 预算基础信息是否真实、完整。 | 真实(1分) | 3 |
2 | 工作计划 (6分) | 年度工作 计划完整性 | 3 | 年度工作计划是否完整可行。 | 完整可行(3分) | 3 | |
"""


def test_a_framework_category_on_a_line_of_its_own_is_the_level_1_of_the_rows_below_not_an_indicator() -> None:
    result = read(FRAMEWORK_LINES)
    assert [(i.level1, i.level3, i.weight) for i in result.evaluations[0].project.indicators] == [
        ("规划 (15分)", "基础信息 完整性", Decimal("3")),
        ("规划 (15分)", "年度工作 计划完整性", Decimal("3")),
    ]


NAME_ON_NEXT_LINE = """\
| 2020年度项目支出绩效自评表 | ||||
| 项目名称 |
卫片执法补助经费 |
| 主管部门 | 某市自然资源局 | 实施单位 | 某区自然资源局 | |||
| 项目资金 (万元) | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |
| 年度资金总额 | 7.29 | 7.29 | 7.29 | 10 | 100% | 10 |
| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |
| 产出指标 | 数量指标 | 核查图斑数 | 100% | 100% | 50 | 50 |
"""


def test_a_project_name_printed_on_the_line_after_its_label_is_the_name_never_the_department() -> None:
    (evaluation,) = read(NAME_ON_NEXT_LINE).evaluations
    assert evaluation.project.name == "卫片执法补助经费"
    unnamed = read(NAME_ON_NEXT_LINE.replace("卫片执法补助经费 |", "|")).evaluations[0]
    assert unnamed.project.name is None  # a project table with its name cell empty is not named by its department


UNNAMED_TABLE = """\
农村公路养护项目绩效自评表
| 主管部门 | 某县交通运输局 |
| 项目资金 (万元) | 全年预算数 | 全年执行数 | 执行率 |
| 年度资金总额 | 20 | 20 | 100% |
| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |
| 产出指标 | 数量指标 | 养护里程 | 120公里 | 120公里 | 50 | 50 |
"""


def test_a_table_without_a_name_label_is_named_by_its_title_or_says_it_took_the_department() -> None:
    assert read(UNNAMED_TABLE).evaluations[0].project.name == "农村公路养护项目"
    result = read(UNNAMED_TABLE.replace("农村公路养护项目绩效自评表", "绩效自评表"))
    assert result.evaluations[0].project.name == "某县交通运输局"
    assert (0, None, "name") in flagged(result)
    overall = read(UNNAMED_TABLE.replace("农村公路养护项目绩效自评表", "部门整体支出绩效自评表"))
    assert (0, None, "name") not in flagged(overall)


FUND_SCORE_FORMULA = """\
| 单位名称 | 某镇人民政府 | ||||||||
| 预算执行情况(万元) (20分) | 预算数(A) | 执行数(B) | 执行率(B/A) | 得分 (20分*执行率) | |||||
| 部门整体支出总额 | 864.2 | 100% | 20 | ||||||
| 年度绩效指标 | 一级指标 | 二级指标 | 三级指标 | 年初目标值(A) | 实际完成值(B) | 得分 | |||
| 产出指标 | 数量指标 | 办结信访案件 | 168起 | 168起 | 10 | ||||
"""


def test_a_funds_row_that_lost_a_cell_is_placed_by_kind_not_by_the_padding_after_it() -> None:
    assert key("得分 (20分*执行率)") == "得分"
    funds = read(FUND_SCORE_FORMULA).evaluations[0].funds
    assert (funds.budget, funds.rate, funds.score) == (Decimal("864.2"), 100, Decimal("20"))


CUT_IN_A_ROW = """\
| 项目名称 | 社会救助资金 |
| 一级指标 | 二级指标 | 三级指标 | 分值 | 年度指标值 | 实际完成值 | 得分 |
| 产出指标 | 数量指标 | 受益人口数 | 30 | >=80人 | 87人 | 30 |
| 满意度指标 | 服务对象满意度指标 | 受助对象满意度 | 10 |
>=9
"""


def test_a_document_cut_inside_an_indicator_row_flags_that_row() -> None:
    result = read(CUT_IN_A_ROW)
    assert (0, 1, "*") in flagged(result)
    assert (0, 0, "*") not in flagged(result)


def test_a_share_over_200_percent_that_may_be_a_sign_read_as_2_is_flagged() -> None:
    text = (
        "| 项目名称 | 县级储备粮 |\n| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |\n"
        "| 满意度指标 | 服务对象满意度指标 | 市民满意度调查 | 290% | 100% | 10 | 10 |\n"
        "| 产出指标 | 数量指标 | 粮食储备量 | 2000吨 | 2000吨 | 10 | 10 |\n"
    )
    result = read(text)
    assert (0, 0, "value") in flagged(result)
    assert not {(0, 0, "actual"), (0, 1, "value"), (0, 1, "actual")} & flagged(result)


def test_a_goal_and_its_result_run_together_are_cut_where_the_result_repeats_the_goals_opening() -> None:
    from jixiao.formats.selfeval import _goal_and_result

    assert _goal_and_result("提高医疗保障水平,推进因病致贫问题的根本性解决提高医疗保障水平,推进了基本性解决") == [
        "提高医疗保障水平,推进因病致贫问题的根本性解决",
        "提高医疗保障水平,推进了基本性解决",
    ]
    assert _goal_and_result("改善学生体质,提高学生健康水平") == ["改善学生体质,提高学生健康水平"]


CATEGORY_LINES = """\
| 项目名称 | 双心及文明城市创建专项资金 |
| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 |
项目产出
| 数量指标 | 宣传次数 | 2次 | 2次 |
质量指标
| | 创建质量 | 按质按量完成 | 已完成 |
"""


def test_a_category_a_layout_left_on_a_line_of_its_own_names_the_rows_below() -> None:
    result = read(CATEGORY_LINES)
    assert [(i.level2, i.level3) for i in result.evaluations[0].project.indicators] == [
        ("数量指标", "宣传次数"),
        ("质量指标", "创建质量"),
    ]


def test_a_funds_block_opened_by_its_investment_label_is_a_label() -> None:
    assert fund_section("资金投入情况(万元)")
