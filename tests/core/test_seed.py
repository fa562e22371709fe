"""The canonical example, read field by field: every text of Part 1, every project, all 36 indicators."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.domain.model import Comparator, TargetDocument, ValueKind
from jixiao.formats import read_path
from tests.conftest import SEED, SEED_FIXTURE

UNIT_NAME = "中国共产党秦皇岛市北戴河区委员会老干部局"

# Transcribed by hand from the published document: (level-2, level-3, value) per project; level-1 follows the frame.
PROJECTS = [
    (
        "130304217IZ2UBLXPFIGE",
        "老干部局关心下一代工作经费",
        "5.00",
        "预算资金5万元,财政资金5万元,主要用于下一代人员生活保障.",
        ("25.00", "50.00", "75.00", "100.00"),
        "1.主要用于下一代人员生活保障支出,保障基本生活.",
        [
            ("数量指标", "关心下一代人员数量", "50人"),
            ("质量指标", "关心下一代经费发放准确率", "≥99%"),
            ("时效指标", "资金支付及时率", "≥96%"),
            ("成本指标", "控制在预算资金内", "≤99%"),
            ("经济效益指标", "资金使用效益", "≥98%"),
            ("社会效益指标", "业务工作稳定性", "≥97%"),
            ("生态效益指标", "保障社会发展", "≥96%"),
            ("可持续影响指标", "保障工作完成", "≥96%"),
            ("服务对象满意度指标", "特困下一代人员满意度", "≥98%"),
        ],
    ),
    (
        "130304219BN52UPM55EI7",
        "老干部局特困退休干部帮扶资金",
        "5.00",
        "预算数5万元,其中财政资金5万元,主要用于特困老干部帮扶使用.",
        ("25.00", "50.00", "75.00", "100.00"),
        "1.主要用于特困老干部帮扶使用,保障特困老干部基本生活.",
        [
            ("数量指标", "保障特困老干部数量", "10人"),
            ("质量指标", "特困金发放准确率", "≥100%"),
            ("时效指标", "特困金发放及时率", "≥96%"),
            ("成本指标", "控制在预算资金内", "≥100%"),
            ("经济效益指标", "自己使用效益", ">95%"),
            ("社会效益指标", "业务工作稳定性", "≥100%"),
            ("生态效益指标", "保障社会发展", "≥96%"),
            ("可持续影响指标", "保障工作完成", ">97%"),
            ("服务对象满意度指标", "特困老干部满意度", "≥98%"),
        ],
    ),
    (
        "13030421LP5A2WUGC1RUX",
        "老干部活动经费",
        "10.50",
        "预算数10.5万元,其中财政资金10.5万元,主要用于老干部活动经费.",
        ("25", "50", "75", "100"),
        "1.主要用于组织李途秀老干部活动,丰富老干部生活.",
        [
            ("数量指标", "离退休老干部数量", "16人"),
            ("质量指标", "组织有意义活动", "≥10次"),
            ("时效指标", "组织活动及时率", "≥96%"),
            ("成本指标", "活动资金使用成本", "≤100%"),
            ("经济效益指标", "资金使用效益", "≥96%"),
            ("社会效益指标", "业务工作稳定性", "≥95%"),
            ("生态效益指标", "保障社会发展", "≥96%"),
            ("可持续影响指标", "保障工作完成", "≥96%"),
            ("服务对象满意度指标", "老干部满意度", "≥95%"),
        ],
    ),
    (
        "13030421X9KKCDI4024X6",
        "老干部局劳务派遣人员经费",
        "10.44",
        "预算数10.44万元,其中财政资金10.44万元,主要用于2021年老干部局劳务派遣费用",
        ("25.00", "50.00", "75.00", "100.00"),
        "1.主要用于劳务派遣人员工资及保险,保障办公正常运转.",
        [
            ("数量指标", "保障人数", "3人"),
            ("质量指标", "工资发放精准性", "≥95%"),
            ("时效指标", "社保缴纳的准确性", "≥96%"),
            ("成本指标", "劳务派遣费发放标准", "≥95%"),
            ("经济效益指标", "资金使用效益", "≥96%"),
            ("社会效益指标", "业务工作稳定性", "≥96%"),
            ("生态效益指标", "保障社会发展", "≥94%"),
            ("可持续影响指标", "保障工作完成", "≥95%"),
            ("服务对象满意度指标", "劳务派遣人员满意度", "≥96%"),
        ],
    ),
]

LEVEL1 = {
    "数量指标": "产出指标",
    "质量指标": "产出指标",
    "时效指标": "产出指标",
    "成本指标": "产出指标",
    "经济效益指标": "效益指标",
    "社会效益指标": "效益指标",
    "生态效益指标": "效益指标",
    "可持续影响指标": "效益指标",
    "服务对象满意度指标": "满意度指标",
}


@pytest.fixture(scope="module")
def seed() -> TargetDocument:
    result = read_path(SEED)
    assert result.warnings == []
    return result.document


def test_the_packaged_seed_is_the_seed_fixture() -> None:
    assert SEED.read_bytes() == SEED_FIXTURE.read_bytes()


def test_it_reads_the_department_year_and_amount_unit(seed: TargetDocument) -> None:
    assert seed.department.code == "287001"
    assert seed.department.name == UNIT_NAME
    assert seed.year == 2021
    assert seed.amount_unit == "万元"


def test_it_reads_the_overall_goal(seed: TargetDocument) -> None:
    assert seed.overall is not None
    assert seed.overall.goal == (
        "认真贯彻十九大精神，强化“热爱老干部工作，热爱老干部”的理念，紧紧围绕“服务好老干部、构建和谐社会”的目标，"
        "全心全做好老干部工作，大力提高老干部满意度。"
    )


def test_it_reads_three_subgoals_with_three_refinements_each(seed: TargetDocument) -> None:
    assert seed.overall is not None
    goals = seed.overall.subgoals
    assert [goal.title for goal in goals] == [
        "老干部活动阵地及老年教育建设",
        "建立特困离退休干部帮扶制度",
        "关心下一代工作方面。",
    ]
    assert goals[0].refinements == [
        "老干部活动中心建设。",
        "老干部日常生活、活动丰富充实，发挥余热，传递正能量。",
        "健全完善与经济社会发展相适应的老年教育体系。",
    ]
    assert goals[1].refinements == [
        "对特别困难离休干部能帮尽帮。",
        "对特别困难退休干部能帮尽帮。",
        "让老干部安度晚年，感受党和政府的关怀。",
    ]
    assert goals[2].refinements == [
        "发挥五老传帮带作用，让青少年传承优良作风。",
        "特困青少年帮扶。",
        "关心青少年健康成长教育活动 。",
    ]
    descriptions = [goal.description or "" for goal in goals]
    assert descriptions[0].startswith("主要围绕贯彻落实国家关于离退休干部的的方针政策，建设、管理好老年活动阵地")
    assert descriptions[1].startswith("遵照党中央关于“政治上关心、生活上照顾好老干部”的基本政策原则")
    assert descriptions[2] == (
        "主要围绕弘扬五老精神，加强青少年思想道德建设，支持和帮助青少年成长成才为工作思路，充分发挥老干部传帮带作用，"
        "特困青少年帮扶等方面组织开展工作。做好这项工作，帮助青少年树立正确的人生观、世界观、价值观，让他/她们健康成长。"
        "该职责绩效目标细化为："
    )
    assert all(text.endswith("该职责绩效目标细化为：") for text in descriptions)


def test_it_reads_four_safeguards(seed: TargetDocument) -> None:
    assert seed.overall is not None
    assert [(item.title, item.description) for item in seed.overall.safeguards] == [
        ("完善制度建设。", "完善预算绩效管理制度，预算资金管理办法，为全年预算绩效目标的实现奠定基础。"),
        ("加强支出管理。", "通过优化支出结构，编细编实预算，按规定及时下达资金等措施，确保支出进度达标。"),
        (
            "加强内部监督。",
            "加强内部监督制度建设，对绩效运行情况，重大支出决策，对会计资料进行内部审计，确保财政资金安全有效。",
        ),
        (
            "规范财务资产管理。",
            "完善财务管理制度，严格审批程序，加强固定资产登记，使用和报废处置管理，做到支出合理，物尽其用。",
        ),
    ]


@pytest.mark.parametrize("index", range(4))
def test_it_reads_each_project_header(seed: TargetDocument, index: int) -> None:
    code, name, budget, fund_use, plan, goal, _ = PROJECTS[index]
    project = seed.projects[index]
    assert (project.code, project.name) == (code, name)
    assert project.title == f"{name}绩效目标表"
    assert project.unit is not None
    assert (project.unit.code, project.unit.name) == ("287001", f"{UNIT_NAME}(本级)")
    assert project.budget.total == Decimal(budget)
    assert str(project.budget.total) == budget
    assert project.budget.fiscal == Decimal(budget)
    assert project.budget.other == Decimal("0")
    assert project.fund_use == fund_use
    assert [(p.label, p.month) for p in project.spending_plan] == [
        ("3月底", 3),
        ("6月底", 6),
        ("10月底", 10),
        ("12月底", 12),
    ]
    assert [str(p.percent) for p in project.spending_plan] == list(plan)
    assert project.goal == goal


@pytest.mark.parametrize("index", range(4))
def test_it_reads_nine_indicators_per_project_exactly_as_printed(seed: TargetDocument, index: int) -> None:
    expected = PROJECTS[index][6]
    project = seed.projects[index]
    got = [(i.level1, i.level2, i.level3, i.description, i.value.text, i.basis) for i in project.indicators]
    assert got == [(LEVEL1[level2], level2, name, name, value, None) for level2, name, value in expected]


def test_there_are_exactly_four_projects_and_36_indicators(seed: TargetDocument) -> None:
    assert len(seed.projects) == 4
    assert len(seed.indicators()) == 36


def test_every_seed_value_is_quantitative_with_its_comparator_parsed(seed: TargetDocument) -> None:
    values = {(p.code, i.level3): i.value for p, i in seed.indicators()}
    first = values[("130304217IZ2UBLXPFIGE", "关心下一代人员数量")]
    assert (first.comparator, first.number, first.unit) == (None, Decimal("50"), "人")
    cost = values[("130304217IZ2UBLXPFIGE", "控制在预算资金内")]
    assert (cost.comparator, cost.number, cost.unit) == (Comparator.LE, Decimal("99"), "%")
    typo = values[("130304219BN52UPM55EI7", "自己使用效益")]
    assert (typo.comparator, typo.number, typo.unit) == (Comparator.GT, Decimal("95"), "%")
    assert all(value.kind is ValueKind.QUANTITATIVE for value in values.values())
