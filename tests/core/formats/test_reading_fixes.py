"""Focused checks of the engine's reading rules found on the real-document corpus (tests/corpus): each on a short
excerpt in the shape that showed it."""

from __future__ import annotations

from decimal import Decimal

from jixiao.domain.model import TargetDocument
from jixiao.formats import read_bytes
from jixiao.formats.interpret.fit import fit_row
from jixiao.formats.interpret.indicators import indicator_value
from jixiao.formats.interpret.labels import label_key, section_of


def read(text: str) -> tuple[TargetDocument, list[tuple[str, int | None, int | None, str | None]]]:
    result = read_bytes(text.encode())
    flags = [(w.code, w.table, w.row, w.field_name) for w in result.warnings if w.field_name]
    return result.document, flags


ONE_LEVEL_LINES = """\
项目名称 |
汇总项目库 |
当年预算 |
229.66 |
当年绩效目标 |
按时足额发放,保障权益 |
绩效指标 |
指标 |
指标权重 |
计量单位 |
指标性质 |
指标值 |
发放人数 |
20 |
人数 |
≥ |
80 |
促进社会和谐 |
20 |
|
定性 |
|
保障收入 |
20 |
|
定性 |
|
按时发放率 |
10 |
% |
≥ |
95 |
"""


def test_a_qualitative_row_that_lost_its_empty_cells_keeps_its_weight_and_reads_no_value() -> None:
    document, flags = read(ONE_LEVEL_LINES)
    rows = [(i.level3, i.value.text, i.weight) for i in document.projects[0].indicators]
    assert rows == [
        ("发放人数", "≥80人数", Decimal(20)),
        ("促进社会和谐", "", Decimal(20)),  # not the weight 20 read as the value
        ("保障收入", "", Decimal(20)),
        ("按时发放率", "≥95%", Decimal(10)),
    ]
    assert ("indicator.no_value", 0, 1, "value") in flags


def test_a_qualitative_mark_costs_more_under_the_value_than_where_it_belongs() -> None:
    roles = ("level3", "weight", "unit", "comparator", "value")
    # the empty value cell is gone: 定性 takes its place (the indicator reader moves it back), 20 stays the weight
    assert fit_row(("促进社会和谐", "20", "定性"), roles).cells == ("促进社会和谐", "20", "", "", "定性")
    shifted = ("level1", "level2", "level3", None, "value", "unit", "remark")
    cells = fit_row(("社会效益指标", "保证单位正常运转", "定性", "应保尽保", "%"), shifted).cells
    assert cells[4] == "应保尽保"  # a table without 指标性质: 定性 stays out of the value


def test_a_unit_column_does_not_change_a_value_that_says_its_own_unit_or_is_qualitative() -> None:
    assert indicator_value("28.8万元", None, "%").text == "28.8万元"
    assert indicator_value("应保尽保", None, "%").text == "应保尽保"
    assert indicator_value("95", "≥", "%").text == "≥95%"


def test_a_required_field_mark_and_the_total_goal_labels_are_labels() -> None:
    assert label_key("*年度绩效总目标") == "年度绩效总目标"
    assert section_of("*年度绩效总目标") == "goal"
    assert section_of("＊年度总体绩效目标") == "goal"


WITH_UNIT_LINE_BEFORE = """\
单位:元
| 项目名称 | 价格认定工作经费 | |||
| 资金情况(万元) | 年度资金总额 | 10 | |
| *年度绩效总目标 | 做好涉案、价格认定工作。 | |||
| 一级指标 | 二级指标 | 三级指标 | 指标值类型 | 指标值 | 计量单位 | 备注 |
| 产出指标 | 数量指标 | 业务工作支出安排金额 | 定量 | 28.8万元 | % | |
| 质量指标 | 业务工作支出到位率 | 定量 | 100 | % | ||
| 效益指标 | 经济效益指标 | 未达指标值酌情扣分 | |||||
| 社会效益指标 | 保证单位正常运转 | 定性 | 应保尽保 | % | ||
| 满意度指标 | 服务对象满意度指标 | 群众满意度 | 定量 | 95 | % | |
"""


def test_a_table_naming_its_amount_unit_overrides_a_unit_line_printed_before_it() -> None:
    document, _flags = read(WITH_UNIT_LINE_BEFORE)
    assert document.amount_unit == "万元"
    assert document.projects[0].goal == "做好涉案、价格认定工作。"


def test_a_row_with_a_name_and_nothing_else_is_flagged_as_a_whole() -> None:
    document, flags = read(WITH_UNIT_LINE_BEFORE)
    indicators = document.projects[0].indicators
    assert [i.value.text for i in indicators] == ["28.8万元", "100%", "", "应保尽保", "95%"]
    assert ("indicator.no_value", 0, 2, "*") in flags  # 未达指标值酌情扣分: a scoring note, not an indicator


GOAL_BESIDE_COLUMN_LABELS = """\
项目名称 乡村旅游基础设施
资金情况(万元) 年度资金总额: 10
总体目标 年度目标 年度总体目标完成情况
为水濂村带来观光游客不少于6万人,村集体收入达6万元。
绩效指标 一级指标 二级指标 三级指标 指标值 备注
产出指标 数量指标 旅游基础设施建设工程 >=20平方米
效益指标 社会效益指标 带动游客人数 >=6万人
"""


def test_a_short_goal_column_label_beside_the_goal_label_is_no_part_of_the_goal() -> None:
    document, _flags = read(GOAL_BESIDE_COLUMN_LABELS)
    assert document.projects[0].goal == "为水濂村带来观光游客不少于6万人,村集体收入达6万元。"


GOAL_WITH_A_SHORT_FIRST_PIECE = """\
| 项目名称 | 文物保护经费 | |
| 年度资金总额 | 36 | |
| 年度目标 | 目标1 | 开展文物安全巡查频次8次;编制文物宣传资料数量3个;文物保护知识培训次数2次。 |
| 一级指标 | 二级指标 | 三级指标 | 指标值 |
| 产出指标 | 数量指标 | 巡查次数 | 8次 |
| 效益指标 | 社会效益指标 | 群众满意度 | ≥90% |
"""


def test_a_goal_put_together_after_a_short_piece_is_flagged() -> None:
    document, flags = read(GOAL_WITH_A_SHORT_FIRST_PIECE)
    assert document.projects[0].goal is not None and document.projects[0].goal.startswith("目标1")
    assert ("project.text_joined", 0, None, "goal") in flags


DEPARTMENT_OVERALL = """\
某县林业局部门整体支出绩效目标表
| 部门整体绩效目标 | |||||||
| 部门编码: | 316 | 部门名称: | 某县林业局 | 联系人: | 王某 | ||
| *年度绩效总目标 | 保证林业局职能实现,保障人员经费。 | ||||||
| 一级指标 | 二级指标 | 三级指标 | 计算符号 | 目标值 | 度量单位 | 指标值说明 | |
| 产出指标 | 数量指标 | 保障在职职工人数(人) | = | 116 | 人 | 该指标值数据合理 | |
| 保障退休职工人数(人) | = | 81 | 人 | 该指标值数据合理 | |||
| 满意度指标 | 服务对象满意度指标 | 职工满意度 | ≥ | 95 | % | 该指标值数据合理 | |
"""


def test_a_department_overall_table_is_named_by_its_department_and_its_value_notes_are_the_basis() -> None:
    document, _flags = read(DEPARTMENT_OVERALL)
    project = document.projects[0]
    assert project.name == "某县林业局"
    assert project.goal == "保证林业局职能实现,保障人员经费。"
    assert [(i.level3, i.value.text, i.basis) for i in project.indicators] == [
        ("保障在职职工人数(人)", "=116人", "该指标值数据合理"),
        ("保障退休职工人数(人)", "=81人", "该指标值数据合理"),
        ("职工满意度", "≥95%", "该指标值数据合理"),
    ]


def test_a_level1_name_repeated_as_its_own_level2_stays_in_one_row() -> None:
    roles = ("level1", "level2", "level3", "value")
    assert fit_row(("满意度指标", "满意度指标", "群众满意度", "≥90%"), roles).cells == (
        "满意度指标",
        "满意度指标",
        "群众满意度",
        "≥90%",
    )
    assert fit_row(("满意度指标", "群众满意度", "≥90%"), roles).cells[:2] == ("满意度指标", "")


CUT_IN_THE_GOAL = """\
项目名称 |
残疾人事业发展补助资金 |
年度资金总额 |
50.29 |
年度总体目标 |
1.为农村困难残疾人进行实"""


def test_a_goal_the_excerpt_ends_in_is_flagged_as_cut() -> None:
    document, flags = read(CUT_IN_THE_GOAL)
    assert document.projects[0].goal == "1.为农村困难残疾人进行实"
    assert ("project.text_cut", 0, None, "goal") in flags


ONLY_AN_OVERALL_GOAL = """\
绩效目标表
单位信息: 324001-某州市场监督管理局机关 项目名称: 食品安全工作经费
主管部门: 324-某州市场监督管理部门
整体目标: 组织协调推进全州食品安全重点工作;承办州食品安全委员会会议及中央活动。
一级指标 二级指标 三级指标 指标性质 指标值 度量单位 权重(%)
产出指标 数量指标 召开食品安委会全体会议 = 2 次 15
产出指标 质量指标 成员单位工作齐抓共管 = 100 % 10
"""


def test_an_overall_goal_printed_alone_is_the_goal_and_unit_information_names_the_unit() -> None:
    document, _flags = read(ONLY_AN_OVERALL_GOAL)
    project = document.projects[0]
    assert project.goal == "组织协调推进全州食品安全重点工作;承办州食品安全委员会会议及中央活动。"
    assert project.midterm_goal is None
    assert (project.unit.code, project.unit.name) == ("324001", "某州市场监督管理局机关")  # type: ignore[union-attr]


FUNDS_BY_LEVEL = """\
| 项目名称 | 幼儿园公用经费 |
| 年度资金总额 | 259 |
| 县级资金 | 259 |
| 年度目标 | 保障全县公办和普惠性幼儿园正常运转,每生每年补助500元。 |
| 一级指标 | 二级指标 | 三级指标 | 指标值 |
| 产出指标 | 数量指标 | 补助幼儿人数 | ≥5000人 |
"""


def test_funds_by_government_level_are_no_fiscal_total() -> None:
    document, _flags = read(FUNDS_BY_LEVEL)
    budget = document.projects[0].budget
    assert (budget.total, budget.fiscal) == (Decimal(259), None)  # 县级资金 is not 本级资金 one character off


ALLOCATION_LIST_FIRST = """\
单位:万元
| 序号 | 乡镇名称 | 项 目 名 称 | 金额 | 备注 |
| 1 | 西坪镇 | 尧山村排洪排水工程建设 | 20 | |
| 2 | 桃舟乡 | 吾培村前村洋头水圳修复 | 15 | |
| 合计 | 35 | |||
2022年水利专项资金绩效目标表
| 项目名称 | 水利专项资金 | |
| 年度资金总额 | 35 | |
| 年度目标 | 开展2个小型水利工程建设,改善农村水利条件。 | |
| 一级指标 | 二级指标 | 三级指标 | 指标值 |
| 产出指标 | 数量指标 | 开展小型水利工程建设 | 2个 |
"""


def test_a_numbered_list_of_projects_before_the_table_is_no_project() -> None:
    document, _flags = read(ALLOCATION_LIST_FIRST)
    assert [project.name for project in document.projects] == ["水利专项资金"]
    assert document.projects[0].budget.total == Decimal(35)


ENDS_IN_A_ROW = """\
| 项目名称 | 档案库房消防设备改造 | |||
| 年度资金总额 | 24.998 | |||
| 年度目标 | 完成5个标准档案库房消防设备的升级改造安装工作,保证馆库和档案实体安全。 | |||
| 一级指标 | 二级指标 | 三级指标 | 指标值 | 指标说明 |
| 产出指标 | 数量指标 | 七氟丙烷式灭火装置及药剂 | 10套 | |
| 时效指标 | 项目完工时间 | 2021年12月31日 | ||
成本指标 | 气"""


def test_a_row_the_excerpt_ends_in_is_kept_and_flagged_as_a_whole() -> None:
    document, flags = read(ENDS_IN_A_ROW)
    assert len(document.projects[0].indicators) == 3
    assert ("indicator.last_row", 0, 2, "*") in flags
    assert not any(row == 1 for code, _table, row, _field in flags if code == "indicator.last_row")


SHIFTED_FRAME = """\
| 专项名称 | 农业绿色发展专项 | |||
| 下达中央预算内投资(万元) | 2350 | |||
| 总体目标 | 提高畜禽粪污综合利用率和规模养殖场设施装备配套率。 | |||
| 一级指标 | 二级指标 | 三级指标 | 指标值 |
| 实施效果指标 | ||||
| 产出指标 | 建设项目个数(含续建) | 1 | |
| 竣工验收合格率 | 100% | ||
| 效益指标 | 完工项目县畜禽粪污综合利用率 | ≥90% | |
| 满意度指标 | 服务对象满意度指标 | 群众满意度 | ≥90% |
"""


def test_a_category_printed_above_the_frames_level1_names_shifts_them_to_level2() -> None:
    document, _flags = read(SHIFTED_FRAME)
    assert [(i.level1, i.level2, i.level3) for i in document.projects[0].indicators] == [
        ("实施效果指标", "产出指标", "建设项目个数(含续建)"),
        ("实施效果指标", "产出指标", "竣工验收合格率"),
        ("实施效果指标", "效益指标", "完工项目县畜禽粪污综合利用率"),
        ("满意度指标", "服务对象满意度指标", "群众满意度"),  # a row naming its own level 2 ends the group
    ]


def test_nothing_but_its_own_label_sits_under_the_vertical_performance_indicator_label() -> None:
    roles = ("spanning", "level1", "level2", "level3", "value")
    assert fit_row(("绩效指标", "产出指标", "数量指标", "疫苗接种率", "≥90%"), roles).cost == 0
    # a name and its value, not a name under 绩效指标, a value as the next name and a name as its value
    assert fit_row(("7岁以下儿童健康管理率", "≧85%"), roles).cells == ("", "", "", "7岁以下儿童健康管理率", "≧85%")


def test_a_two_character_word_before_a_qualitative_word_is_part_of_the_value() -> None:
    from jixiao.formats.interpret.tokens import split_fused

    assert [piece.text for piece in split_fused("显著改善")] == ["显著改善"]


DEADLINE_RUN_INTO_ITS_NAME = (
    "绩效目标自评表(2022年度)项目名称某项目资金情况(万元)全年预算数(A)全年执行数(B)分值执行率(B/A)得分"
    "年度资金总额:202010100.00%10绩效指标一级指标二级指标三级指标分值年度指标值全年实际值得分产出指标(70分)数量指标"
    "指标12021年11月30日前完成资金支付811月底完成100%100%8质量指标项目(工程)验收合格率20100%100%20总分100100\n"
)


def test_a_self_evaluation_row_whose_name_boundary_is_guessed_is_flagged_as_a_whole() -> None:
    from jixiao.formats.selfeval import read_selfeval_bytes

    result = read_selfeval_bytes(DEADLINE_RUN_INTO_ITS_NAME.encode())
    flags = {(w.code, w.table, w.row, w.field_name) for w in result.warnings if w.field_name}
    names = [i.level3 for i in result.evaluations[0].project.indicators]
    row = names.index("前完成资金支付811月底完成")
    assert ("selfeval.doubtful_cell", 0, row, "level3") in flags
    assert ("selfeval.doubtful_name", 0, row, "*") in flags


CORE_MARKED_SELFEVAL = """\
项目名称 | 城乡低保资金 | |||||
项目资金 (万元) | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |
年度资金总额 | 100 | 100 | 100 | 10 | 100% | 10 |
一级指标 | 二级指标 | 三级指标 | 分值 | 年度指标值 | 全年实际值 | 得分 |
产出指标 | 数量指标 | ★★★农村低保发放人数 | 20 | ≥4000人 | 4100人 | 20 |
产出指标 | 质量指标 | 资金发放准确率 | 20 | 100% | 100% | 20 |
"""


def test_a_core_mark_before_a_self_evaluation_indicator_makes_it_core() -> None:
    from jixiao.formats.selfeval import read_selfeval_bytes

    indicators = read_selfeval_bytes(CORE_MARKED_SELFEVAL.encode()).evaluations[0].project.indicators
    assert [(i.level3, i.core) for i in indicators] == [("农村低保发放人数", True), ("资金发放准确率", False)]


def test_the_indicator_blocks_vertical_label_is_no_goal_label() -> None:
    assert section_of("绩效目标") == "goal"
    assert section_of("绩效指标") is None  # one character from 绩效目标, but a column label of its own


ROWS_RUN_TOGETHER = """\
资金名称 |
生猪调出大县奖励资金 | ||||
资金情况 |
年度金额(万元): |
397 | |||
其中:中央补助(万元) |
397 | ||||
年度目标 |
到2022年底,生猪生产稳定有序发展,推进畜牧业高质量发展。 | ||||
一级指标 |
二级指标 |
三级指标 |
单位 |
指标值 | |
绩效指标 |
产出指标 |
数量指标 |
猪肉产量稳定率 |
% |
≥95% |
能繁母猪稳定率 |
% |
90% | |||
"""


def test_a_row_holding_several_indicator_rows_is_cut_into_them() -> None:
    document, _flags = read(ROWS_RUN_TOGETHER)
    project = document.projects[0]
    assert (project.budget.total, project.budget.fiscal) == (Decimal(397), Decimal(397))
    assert [(i.level1, i.level2, i.level3, i.value.text) for i in project.indicators] == [
        ("产出指标", "数量指标", "猪肉产量稳定率", "≥95%"),
        ("产出指标", "数量指标", "能繁母猪稳定率", "90%"),
    ]


NOTICE_IN_SENTENCES = """\
关于某镇设施农业种植项目绩效目标设定的公示
根据有关文件精神,安排资金50万元,实施某镇设施农业黄金蜜(葡萄)种植项目,项目建设内容:在10栋设施温棚中种植。项目总体绩效目标是:增加特色产业产值80万元,受益脱贫户10户。现将绩效目标设定如下:
一、 产出指标
数量指标:★补助各类瓜果蔬菜种植数量,黄金蜜(葡萄)种植数量(≥**株)>=17600株;种植作物成活率(≥**%)>=85;时效指标:完成及时率(≥**%)>=100%。成本指标:补助成本(≤**元/株)≤28.40/株。
二、 效益指标
经济效益指标:脱贫地区特色产业产值(≥**万元)≥80万元;生态效益指标:生态修复功能提高。
三、 满意度指标
服务对象满意度指标,受益脱贫户满意度(≥**%)≥95%。
附件:绩效目标设定表.xlsx"""


def test_targets_written_as_sentences_are_read_and_every_field_is_flagged() -> None:
    document, flags = read(NOTICE_IN_SENTENCES)
    (project,) = document.projects
    assert project.name == "某镇设施农业黄金蜜(葡萄)种植项目"
    assert project.budget.total == Decimal(50)
    assert project.goal == "增加特色产业产值80万元,受益脱贫户10户。"
    rows = [(i.level1, i.level2, i.level3, i.value.text, i.core) for i in project.indicators]
    assert rows == [
        ("产出指标", "数量指标", "补助各类瓜果蔬菜种植数量,黄金蜜(葡萄)种植数量(≥**株)", ">=17600株", True),
        ("产出指标", "数量指标", "种植作物成活率(≥**%)", ">=85", False),
        ("产出指标", "时效指标", "完成及时率(≥**%)", ">=100%", False),
        ("产出指标", "成本指标", "补助成本(≤**元/株)", "≤28.40/株", False),
        ("效益指标", "经济效益指标", "脱贫地区特色产业产值(≥**万元)", "≥80万元", False),
        ("效益指标", "生态效益指标", None, "生态修复功能提高", False),
        ("满意度指标", "服务对象满意度指标", "受益脱贫户满意度(≥**%)", "≥95%", False),
    ]
    assert {("prose.indicator", 0, row, "*") for row in range(len(rows))} <= set(flags)
    assert {("prose.field", 0, None, name) for name in ("name", "goal", "total")} <= set(flags)


def test_text_without_a_table_or_a_stated_indicator_is_still_refused() -> None:
    import pytest

    from jixiao.domain.errors import DocumentError

    with pytest.raises(DocumentError):
        read("随便写的一段话\n没有任何表格")


def test_a_unit_with_two_slashes_is_a_unit() -> None:
    from jixiao.formats.interpret.fit import Kind, kind_of

    assert kind_of("元/生/年") is Kind.UNIT
    assert kind_of("元/人·天") is Kind.UNIT


PADDED_FUNDS_GRID = """\
项目名称 | | 卫片执法补助经费 | | | | | | |
项目资金(万元) | | | | 年初预算数 | | 全年预算数 | | 全年执行数 | | 分值 | | 执行率 | | 得分 | |
| | 年度资金总额 | | 7.29 | | 7.29 | | 7.29 | | 10.00 | | 100% | | 10.00 | | |
绩效指标 | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |
| 产出指标 | 数量指标 | 卫片图斑核查数 | ≥100个 | 120个 | 90 | 90 |
总分 | | | | | | 100 | 优 |
"""


def test_a_funds_row_of_a_padded_grid_keeps_its_cells_under_their_labels_and_the_grade_beside_the_total() -> None:
    from jixiao.formats.selfeval import read_selfeval_bytes

    evaluation = read_selfeval_bytes(PADDED_FUNDS_GRID.encode()).evaluations[0]
    funds = evaluation.funds
    assert (funds.initial, funds.budget, funds.executed, funds.weight, funds.rate, funds.score) == (
        Decimal("7.29"),
        Decimal("7.29"),
        Decimal("7.29"),
        Decimal("10.00"),
        Decimal("100"),
        Decimal("10.00"),
    )
    assert (evaluation.published_total, evaluation.published_grade) == (Decimal(100), "优")


INDICATORS_IN_GOAL_CELLS = """\
| 项目名称 | 全市文物保护专项经费 | 预算金额 | 36万元 | ||
| 实施单位 | 市文化和旅游局 | 项目负责人 | 某某 | ||
| 年度绩效总目标 | 产出指标 | 开展文物安全巡查频次8次;编制文物宣传资料数量3个;文物保护项目验收合格率≥86%。 | |||
| 效益指标 | 文物保护宣传覆盖人次≥20万人次;文物保护修缮个数≥5个。 | ||||
| 资金拨付对象 | 市文化和旅游局 | ||||
"""


def test_indicators_stated_as_sentences_in_the_goal_cells_are_read_as_indicators_and_flagged() -> None:
    document, flags = read(INDICATORS_IN_GOAL_CELLS)
    project = document.projects[0]
    assert project.goal is None
    assert [(i.level1, i.level3, i.value.text) for i in project.indicators] == [
        ("产出指标", "开展文物安全巡查频次", "8次"),
        ("产出指标", "编制文物宣传资料数量", "3个"),
        ("产出指标", "文物保护项目验收合格率", "≥86%"),
        ("效益指标", "文物保护宣传覆盖人次", "≥20万人次"),
        ("效益指标", "文物保护修缮个数", "≥5个"),
    ]
    assert {("prose.indicator", 0, row, "*") for row in range(5)} <= set(flags)


DESCRIBED_THEN_TABLED = (
    "1.“文化中心运营专项经费”项目。 (1)项目概述。主要用于文化中心整体运营。 (3)实施主体。某区文化旅游体育局。 "
    "(6)年度预算安排。财政拨款634万元。 (7)绩效目标。保障文化中心日常运转,提高社会对场馆的满意度。 "
    "2.“快乐健身建设资金”项目。 (3)实施主体。某区文化旅游体育局。 (7)绩效目标。建设健身场地10处,方便群众健身。\n"
    "| 项目名称 | 快乐健身建设资金 | |\n"
    "| 年度资金总额 | 20 | |\n"
    "| 年度目标 | 建设健身场地10处,方便群众 | |\n"
    "| 一级指标 | 二级指标 | 三级指标 | 指标值 |\n"
    "| 产出指标 | 数量指标 | 健身场地数量 | 10处 |\n"
)


def test_projects_described_in_numbered_prose_are_read_and_fill_what_their_table_left_empty() -> None:
    document, flags = read(DESCRIBED_THEN_TABLED)
    described, tabled = document.projects
    assert (described.name, described.unit.name, described.budget.total, described.budget.fiscal) == (  # type: ignore[union-attr]
        "文化中心运营专项经费",
        "某区文化旅游体育局",
        Decimal(634),
        Decimal(634),
    )
    assert described.goal == "保障文化中心日常运转,提高社会对场馆的满意度。"
    assert tabled.name == "快乐健身建设资金" and tabled.budget.total == Decimal(20)
    assert tabled.unit is not None and tabled.unit.name == "某区文化旅游体育局"
    assert tabled.goal == "建设健身场地10处,方便群众健身。"  # the table's goal cell was cut short
    assert [i.level3 for i in tabled.indicators] == ["健身场地数量"]
    assert {("prose.field", 0, None, name) for name in ("unit", "total", "fiscal", "goal")} <= set(flags)
    assert {("prose.field", 1, None, "unit"), ("prose.field", 1, None, "goal")} <= set(flags)


def test_an_indicator_header_run_into_the_text_before_it_is_cut_off_it() -> None:
    from jixiao.formats.interpret.tokens import split_fused

    pieces = [piece.text for piece in split_fused("年度绩效目标进一步提高服务水平一级指标二级指标三级指标指标目标值")]
    assert pieces[-4:] == ["一级指标", "二级指标", "三级指标", "指标目标值"]
    # a two-level header (no 三级指标) stays where it is: its rows are too loose to be cut safely
    assert [piece.text for piece in split_fused("长期绩效指标一级指标二级指标指标内容指标值备注")][-1] != "备注"


RUN_ON_WITH_A_GUESSED_NAME = """\
项目名称博物馆免费开放补助资金
年度绩效目标提高博物馆运行效率一级指标二级指标三级指标指标目标值
产出指标数量指标免费开放天数=300天质量指标考核指标完成率=100%效益指标社会效益指标接待观众人数=30000人次
"""


def test_a_run_on_row_whose_name_boundary_is_guessed_is_flagged_as_a_whole() -> None:
    document, flags = read(RUN_ON_WITH_A_GUESSED_NAME)
    names = [i.level3 for i in document.projects[0].indicators]
    assert "免费开放天数" in names
    assert ("indicator.guessed_name", 0, names.index("免费开放天数"), "*") in flags


def test_a_category_with_a_points_range_stays_one_cell_in_a_run() -> None:
    from jixiao.formats.interpret.tokens import split_fused

    assert [piece.text for piece in split_fused("成本指标(0-20)分经济成本指标")][:2] == [
        "成本指标(0-20)分",
        "经济成本指标",
    ]


FUNDS_IN_WAN = """\
项目名称 | 医疗救助补助资金 | ||||||
资金投入情况(万元) | 全年预算数(A) | 全年执行数(B) | 预算执行率(B/A×100%) | ||||
年度资金总额: | 3359.62万 | 3359.62万 | 100% | ||||
一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 得分 |
产出指标 | 数量指标 | 救助人次 | ≥1000人次 | 1200人次 | 20 |
"""


def test_funds_printed_with_wan_after_them_are_amounts() -> None:
    from jixiao.formats.selfeval import read_selfeval_bytes

    funds = read_selfeval_bytes(FUNDS_IN_WAN.encode()).evaluations[0].funds
    assert (funds.budget, funds.executed, funds.rate) == (Decimal("3359.62"), Decimal("3359.62"), Decimal(100))


NUMBERED_GOAL = """\
单位名称 | 某镇人民政府 | ||||||||
预算执行情况(万元) (20分) | 预算数(A) | 执行数(B) | 执行率(B/A) | 得分 (20分*执行率) | ||||
部门整体支出总额 | 864.2 | 864.2 | 100% | 20 | ||||
年度目标1:(80分) | 增强政府工作效率、改善乡镇居住环境 | ||||||||
年度绩效指标 | 一级指标 | 二级指标 | 三级指标 | 年初目标值(A) | 实际完成值(B) | 得分 | |||
产出指标 | 数量指标 | 办结信访案件 | 168起 | 168起 | 10 | |||
"""


def test_a_numbered_goal_label_with_its_points_opens_the_goal_and_the_vertical_label_ends_it() -> None:
    from jixiao.formats.selfeval import read_selfeval_bytes
    from jixiao.formats.selfeval_labels import key

    assert key("年度目标1:(80分)") == "年度目标"
    evaluation = read_selfeval_bytes(NUMBERED_GOAL.encode()).evaluations[0]
    assert evaluation.project.goal == "增强政府工作效率、改善乡镇居住环境"
    assert evaluation.goal_result is None


def test_a_total_printed_with_its_points_word_is_read() -> None:
    from jixiao.formats.selfeval import read_selfeval_bytes

    text = NUMBERED_GOAL + "总分 | 100分 | ||||||||\n"
    assert read_selfeval_bytes(text.encode()).evaluations[0].published_total == Decimal(100)


REPORT_THEN_TABLE = """\
一、项目基本情况
(一)绩效目标情况
建设8个县级人大代表之家,并确保正常运行。
二、绩效目标完成情况分析
(二)总体绩效目标完成情况分析
完成8个代表之家建设,搭建代表履职平台,保障代表依法履职。
附件1
人大代表之家建设项目绩效目标自评表 |
政策(项目)名称 | 人大代表之家建设 | |||||
资金投入情况(万元) | 全年预算数(A) | 全年执行数(B) | 预算执行率(B/A×100%) | |||
年度资金总额: | 40 | 40 | 100% | |||
一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 得分 |
产出指标 | 数量指标 | 代表之家建设数量 | 8个 | 8个 | 20 |
"""


def test_a_report_before_its_table_gives_the_goal_and_result_the_table_does_not_print() -> None:
    from jixiao.formats.selfeval import read_selfeval_bytes

    result = read_selfeval_bytes(REPORT_THEN_TABLE.encode())
    evaluation = result.evaluations[0]
    assert evaluation.project.goal == "建设8个县级人大代表之家,并确保正常运行。"
    assert evaluation.goal_result == "完成8个代表之家建设,搭建代表履职平台,保障代表依法履职。"
    flags = {(w.code, w.table, w.field_name) for w in result.warnings if w.field_name}
    assert {("prose.field", 0, "goal"), ("prose.field", 0, "goal_result")} <= flags


def test_a_year_read_as_a_quantity_is_flagged() -> None:
    text = (
        "| 项目名称 | 物业管理经费 | |\n| 年度资金总额 | 30 | |\n| 一级指标 | 二级指标 | 三级指标 | 指标值 |\n"
        "| 产出指标 | 时效指标 | 按时完成物业管理工作 | 2021年全年 |\n| 产出指标 | 数量指标 | 管理小区数量 | 8个 |\n"
    )
    _document, flags = read(text)
    assert ("indicator.year_as_number", 0, 0, "value") in flags
    assert not any(row == 1 for code, _t, row, _f in flags if code == "indicator.year_as_number")


def test_a_category_name_read_as_an_indicator_name_in_a_guessed_row_is_flagged() -> None:
    from jixiao.formats.blocks import Row
    from jixiao.formats.interpret.indicators import Columns, IndicatorTable

    header = Row(cells=("一级指标", "二级指标", "三级指标", "指标值"), line=1)
    columns = Columns.from_header(header)
    assert columns is not None
    cells = ("满意度指标", "服务对象满意度", "服务对象满意度", "%")
    for doubtful, flagged in ((frozenset({"%"}), True), (frozenset(), False)):
        warnings: list = []
        IndicatorTable(columns).read(Row(cells=cells, line=2, doubtful=doubtful), warnings, 0)
        codes = [(w.code, w.field_name) for w in warnings]
        assert (("indicator.category_as_name", "level3") in codes) is flagged  # a printed table's row is as printed


def test_a_self_evaluation_name_that_reads_as_a_value_is_flagged() -> None:
    from jixiao.formats.selfeval import _Reader

    reader = _Reader()
    reader.roles = ["level1", "level2", "level3", "value", "actual", "score"]
    reader.section = "indicators"
    reader._indicator(["产出指标", "数量指标", "100%", "≥5人", "6人", "10"], 3, frozenset())
    assert [(n.code, n.row, n.field_name) for n in reader.draft.notes] == [("selfeval.odd_name", 0, "level3")]
