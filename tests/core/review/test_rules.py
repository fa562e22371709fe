"""Every rule fires on a document with its defect and stays quiet on the same document without it.

Each case spoils one thing in a clean document (see ``builders``); ``at`` is the level-3 name the finding must sit on
(None for a project- or Part-1-level finding).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

import pytest

from jixiao.domain.model import Budget, SpendingCheckpoint, SubGoal, TargetDocument
from jixiao.domain.review import RULES, review_document

from .builders import D, document, findings, overall, project, row, with_row

Build = Callable[[], TargetDocument]


@dataclass(frozen=True)
class Case:
    rule: str
    fires: Build
    quiet: Build
    at: str | None = None
    fire_links: dict[str, str] = field(default_factory=dict)
    quiet_links: dict[str, str] = field(default_factory=dict)


def cost(value: str, name: str = "项目总成本") -> TargetDocument:
    return document(
        project(
            indicators=[*project().indicators[:3], row("产出指标", "成本指标", name, value), *project().indicators[4:]]
        )
    )


def at(position: int, *args: str, **kwargs: str | None) -> TargetDocument:
    return document(with_row(project(), position, row(*args, **kwargs)))


def plan(*percents: int) -> TargetDocument:
    points = [SpendingCheckpoint(f"{m}月底", m, D(p)) for m, p in zip((3, 6, 10, 12), percents, strict=False)]
    return document(project(spending_plan=points))


def four_projects(names: list[str], level2: str = "社会效益指标") -> TargetDocument:
    projects = []
    for n, (topic, name) in enumerate(zip(["送戏下乡", "文化站", "图书馆", "文物巡查"], names, strict=True)):
        base = project(code=f"P00{n}", topic=topic)
        projects.append(with_row(base, 5, row("效益指标", level2, name, "≥30000人次")))
    return document(*projects)


SUBGOALS = [
    SubGoal("公共文化服务", "组织送戏下乡演出。", ["全年送戏下乡演出不少于120场。"]),
    SubGoal("文物安全", "负责文物保护单位安全巡查。", ["每季度巡查1次。"]),
]

CASES = [
    Case("T1", lambda: document(project(code=None)), lambda: document(project())),
    Case("T2", lambda: document(project(indicators=project().indicators[:5])), lambda: document(project())),
    Case("T3", lambda: at(5, "效益指标", "质量指标", "观众人次", "≥30000人次"), lambda: document(), "观众人次"),
    Case("T3.level1", lambda: at(1, "投入指标", "数量指标", "演出场次", "≥120场"), lambda: document(), "演出场次"),
    Case("T4", lambda: document(project(indicators=project().indicators[:2])), lambda: document(project())),
    Case(
        "T5",
        lambda: at(1, "产出指标", "数量指标", "演出场次", "120"),
        lambda: at(1, "产出指标", "数量指标", "演出场次", "≥120场"),
        "演出场次",
    ),
    Case("T5.comparator", lambda: at(1, "产出指标", "数量指标", "演出场次", "120场"), lambda: document(), "演出场次"),
    Case(
        "T6",
        lambda: at(3, "产出指标", "时效指标", "按时完成率", "≥**%"),
        lambda: at(3, "产出指标", "时效指标", "按时完成率", "90%-95%"),
        "按时完成率",
    ),
    Case(
        "T7",
        lambda: at(1, "产出指标", "数量指标", "演" * 101, "≥120场"),
        lambda: at(1, "产出指标", "数量指标", "演" * 100, "≥120场"),
        "演" * 101,
    ),
    Case(
        "T8",
        lambda: at(1, "产出指标", "数量指标", "培训人数", "按实际需要", description="培训人数"),
        lambda: at(1, "产出指标", "数量指标", "培训人数", "按实际需要", description="按报名人数全部培训，以签到表为准"),
        "培训人数",
    ),
    Case("T9", lambda: cost("≥36万元"), lambda: cost("≤36万元"), "项目总成本"),
    Case("T9.unit", lambda: cost("≤100%"), lambda: cost("≤36万元"), "项目总成本"),
    Case("T9.budget", lambda: cost("≤50万元"), lambda: cost("≤360000元"), "项目总成本"),
    Case(
        "T10",
        lambda: at(2, "产出指标", "质量指标", "审查合格率", "≥100%"),
        lambda: at(2, "产出指标", "质量指标", "审查合格率", "=100%"),
        "审查合格率",
    ),
    Case(
        "T11",
        lambda: document(project(goal="进一步提升公共文化服务水平。")),
        lambda: document(project(goal="全年演出120场，有效观众3万人次。")),
    ),
    Case(
        "T11.overall",
        lambda: document(overall=overall(goal="大力提高群众满意度。")),
        lambda: document(overall=overall()),
    ),
    Case(
        "T12",
        lambda: at(5, "效益指标", "社会效益指标", "群众满意度", "≥90%"),
        lambda: document(),
    ),
    Case(
        "T12.quality",
        lambda: at(5, "效益指标", "社会效益指标", "验收合格率", "≥95%"),
        lambda: at(2, "产出指标", "质量指标", "验收合格率", "≥95%"),
        "验收合格率",
    ),
    Case(
        "T13",
        lambda: document(project(goal="2021-2023年完成全县文化站改造。")),
        lambda: document(project(goal="2022年完成4个文化站改造。", midterm_goal="2021-2023年完成全县文化站改造。")),
    ),
    Case(
        "T13.values",
        lambda: document(project(indicators=[replace(r, midterm_value=r.value) for r in project().indicators])),
        lambda: document(
            project(
                indicators=[replace(r, midterm_value=row("x", "x", "x", "≥999人").value) for r in project().indicators]
            )
        ),
    ),
    Case(
        "T14", lambda: at(6, "满意度指标", "服务对象满意度指标", "观众满意度", "≥60%"), lambda: document(), "观众满意度"
    ),
    Case(
        "T15", lambda: at(1, "产出指标", "数量指标", "演出场次", "≥120场", basis=None), lambda: document(), "演出场次"
    ),
    Case("T16", lambda: plan(30, 20, 75, 100), lambda: plan(25, 50, 75, 100)),
    Case("T16.end", lambda: plan(25, 50, 75, 90), lambda: plan(25, 50, 75, 100)),
    Case(
        "category.time",
        lambda: at(3, "产出指标", "时效指标", "社保缴纳的准确性", "≥96%"),
        lambda: at(3, "产出指标", "时效指标", "社保缴纳及时率", "≥96%"),
        "社保缴纳的准确性",
    ),
    Case(
        "category.ecology",
        lambda: at(5, "效益指标", "生态效益指标", "保障社会发展", "≥96%"),
        lambda: at(5, "效益指标", "生态效益指标", "节约用电量", "≥5000千瓦时"),
        "保障社会发展",
    ),
    Case(
        "category.quality",
        lambda: at(2, "产出指标", "质量指标", "组织有意义活动", "≥10次"),
        lambda: at(2, "产出指标", "质量指标", "活动计划执行率", "≥95%"),
        "组织有意义活动",
    ),
    Case("category.cost", lambda: cost("≥50人", name="培训人数"), lambda: cost("≤5万元", name="培训成本"), "培训人数"),
    Case(
        "description.repeats",
        lambda: at(1, "产出指标", "数量指标", "演出场次", "≥120场", description="演出场次。"),
        lambda: document(),
        "演出场次",
    ),
    Case(
        "value.unmeasurable",
        lambda: at(5, "效益指标", "社会效益指标", "保障社会发展", "≥96%"),
        lambda: at(5, "效益指标", "社会效益指标", "帮扶对象覆盖率", "≥96%"),
        "保障社会发展",
    ),
    Case(
        "boilerplate",
        lambda: four_projects(["业务工作稳定性"] * 4),
        lambda: four_projects(["业务工作稳定性", "业务工作稳定性", "演出人次", "巡查人次"]),
        "业务工作稳定性",
    ),
    Case(
        "name.typo",
        lambda: four_projects(["资金使用效益"] * 3 + ["自己使用效益"]),
        lambda: four_projects(["退休干部人数"] * 3 + ["离休干部人数"]),
        "自己使用效益",
    ),
    Case(
        "budget.sum",
        lambda: document(project(budget=Budget(D("36"), D("30"), D("0")))),
        lambda: document(project(budget=Budget(D("36"), D("30"), D("6")))),
    ),
    Case(
        "budget.fund_use",
        lambda: document(project(fund_use="预算资金38万元，用于演出。")),
        lambda: document(project(fund_use="预算资金36万元，每场3000元，用于演出。")),
    ),
    Case(
        "overall.unmeasurable",
        lambda: document(overall=overall(SubGoal("老干部活动", "组织活动。", ["老干部活动中心建设。"]))),
        lambda: document(overall=overall(*SUBGOALS)),
    ),
    Case(
        "overall.unlinked",
        lambda: document(
            project(name="劳务派遣人员经费", goal="按月发放劳务派遣人员工资及保险。"), overall=overall(*SUBGOALS)
        ),
        lambda: document(project(), overall=overall(*SUBGOALS)),
    ),
    Case(
        "overall.link",
        lambda: document(project(), overall=overall(*SUBGOALS)),
        lambda: document(project(), overall=overall(*SUBGOALS)),
        fire_links={"P001": "老干部体育活动"},
        quiet_links={"P001": "公共文化服务"},
    ),
]


def test_the_clean_document_has_no_findings() -> None:
    assert review_document(document(project(), overall=overall(*SUBGOALS))) == []


def test_every_rule_has_a_case() -> None:
    assert sorted(case.rule for case in CASES) == sorted(RULES)


@pytest.mark.parametrize("case", CASES, ids=[case.rule for case in CASES])
def test_it_fires_on_the_defect(case: Case) -> None:
    found = findings(case.fires(), case.rule, links=case.fire_links)
    assert found, f"{case.rule} did not fire"
    assert found[0].location.indicator == case.at
    assert found[0].message and found[0].suggestion  # the templates fill from the params


@pytest.mark.parametrize("case", CASES, ids=[case.rule for case in CASES])
def test_it_stays_quiet_without_the_defect(case: Case) -> None:
    assert findings(case.quiet(), case.rule, links=case.quiet_links) == []
