"""The engine and the finer points of individual rules: units of money, typos against common indicators,
explicit links, ordering, and docs/rules.md generated from the registry."""

from __future__ import annotations

from pathlib import Path

import pytest

from jixiao.domain.model import Budget, SubGoal
from jixiao.domain.review import RULES, Part, Severity, all_rules, has_errors, review_document
from jixiao.domain.review.docs import REGENERATE, render_rules_doc
from jixiao.domain.review.rules.content import sounds_alike
from jixiao.domain.review.rules.money import stated_amounts
from jixiao.domain.review.rules.wording import vague_clause

from .builders import D, document, findings, overall, project, row, with_row

ROOT = Path(__file__).resolve().parents[3]


def cost_project(value: str, total: str) -> object:
    base = project(budget=Budget(D(total), D(total), D("0")), fund_use=None)
    return with_row(base, 4, row("产出指标", "成本指标", "项目总成本", value))


def test_docs_rules_md_is_generated_from_the_registry() -> None:
    text = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert text == render_rules_doc(), f"docs/rules.md is stale: run {REGENERATE}"
    assert REGENERATE in text.splitlines()[3]
    for rule in RULES.values():
        assert f"### {rule.id} {rule.title}" in text


def test_every_rule_is_documented_with_basis_example_and_fix() -> None:
    for rule in all_rules():
        assert rule.title and rule.basis and rule.example and rule.message and rule.suggestion, rule.id


def test_cost_amounts_are_compared_in_the_documents_unit() -> None:
    in_yuan = document(cost_project("≤36万元", "360000"), unit="元")
    assert findings(in_yuan, "T9.budget") == []
    assert findings(document(cost_project("≤37万元", "360000"), unit="元"), "T9.budget")
    assert findings(document(cost_project("≤360001元", "36"), unit="万元"), "T9.budget")
    assert findings(document(cost_project("≤500元/人", "36"), unit="万元"), "T9.budget") == []


def test_fund_use_amounts_are_read_with_their_labels_and_units() -> None:
    text = "预算数10.44万元,其中财政资金10,000元、其他资金0.44万元，按每人500元/月发放"
    assert [(label, str(amount)) for label, _, amount in stated_amounts(text, "万元")] == [
        ("total", "10.44"),
        ("fiscal", "1"),
        ("other", "0.44"),
    ]
    doc = document(project(budget=Budget(D("10.44"), D("10"), D("0.44")), fund_use=text))
    assert [f.params["field"] for f in findings(doc, "budget.fund_use")] == ["财政资金"]


def test_a_near_miss_of_a_common_indicator_is_a_likely_typo() -> None:
    doc = document(with_row(project(), 3, row("产出指标", "时效指标", "预算执行律", "≥95%")))
    assert [f.params["other"] for f in findings(doc, "name.typo")] == ["预算执行率"]


def test_names_that_differ_in_meaning_do_not_sound_alike() -> None:
    assert sounds_alike("自己使用效益", "资金使用效益")
    assert not sounds_alike("离休干部人数", "退休干部人数")
    assert not sounds_alike("2021年人数", "2022年人数")


def test_common_indicators_shared_by_every_project_are_not_boilerplate() -> None:
    projects = [
        with_row(project(code=f"P{n}", topic=t), 3, row("产出指标", "时效指标", "资金支付及时率", "≥95%"))
        for n, t in enumerate(["送戏", "文化站", "图书馆"])
    ]
    assert findings(document(*projects), "boilerplate") == []


def test_an_explicit_link_replaces_the_similarity_guess() -> None:
    subgoals = overall(SubGoal("文物安全", "文物保护单位安全巡查。", ["每季度巡查1次。"]))
    unrelated = document(project(name="劳务派遣人员经费", goal="发放工资。"), overall=subgoals)
    assert [f.severity for f in findings(unrelated, "overall.unlinked")] == [Severity.INFO]
    assert findings(unrelated, "overall.unlinked", links={"P001": "文物安全"}) == []


def test_findings_come_in_document_order_with_part_one_first() -> None:
    doc = document(
        project(code="A", goal="进一步提升服务水平。"),
        with_row(project(code="B", topic="文化站"), 1, row("产出指标", "数量指标", "开放站数", "≥**个")),
        overall=overall(goal="大力提高满意度。"),
    )
    result = review_document(doc)
    assert [f.location.project for f in result] == [None, None, "A", "B"]
    assert result[0].location.part is Part.OVERALL
    assert has_errors(result) and not has_errors(result[:3])


@pytest.mark.parametrize(
    ("text", "vague"),
    [
        ("有效提升服务水平", True),
        ("效果明显", True),
        ("进一步提高老干部满意度", True),
        ("提升公共服务水平", True),
        ("有效投诉办结率", False),  # 有效投诉 is a term, not a promise
        ("全年演出120场，有效观众3万人次", False),
        ("严格执行相关制度规定", False),
    ],
)
def test_vague_wording_needs_a_vague_promise_without_a_number(text: str, vague: bool) -> None:
    assert (vague_clause(text) is not None) is vague
