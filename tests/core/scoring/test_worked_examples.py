"""Every worked example of docs/domain/scoring.md#worked-examples, read from a published-style table, scores as
published."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from jixiao.domain.profiles import get_profile
from jixiao.domain.scoring import ProjectScore, score_evaluation
from jixiao.domain.values import parse_value
from jixiao.formats.selfeval import read_selfeval
from tests.conftest import FIXTURES

from .builders import D, codes

SELFEVAL = FIXTURES / "selfeval"


def scored(name: str, profile: str = "national") -> ProjectScore:
    (evaluation,) = read_selfeval(SELFEVAL / name).evaluations
    return score_evaluation(evaluation, settings=get_profile(profile).scoring)


def agree_row_by_row(score: ProjectScore) -> None:
    for row in score.indicators:
        assert row.score == row.published_score, row.level3


def test_example_a_chizhou_scores_every_row_as_published_and_catches_the_zero_funds_row() -> None:
    score = scored("chizhou_2022_weituo.txt")
    agree_row_by_row(score)
    assert [row.weight for row in score.indicators] == [D(8)] * 5 + [D(10)] * 5
    assert sum(row.score or 0 for row in score.indicators if row.level1 and row.level1.startswith("产出")) == 50
    # "0 0 0 10 0 0": the total row says nothing was budgeted; the 本年财政拨款 row has 89.974 of 89.974
    assert (score.execution.budget, score.execution.rate, score.execution.score) == (D("89.974"), D("100.00"), D(10))
    assert {"execution.parts", "execution.mismatch", "total.mismatch"} <= set(codes(score))
    assert score.total == 100 and score.published_total == 90


def test_example_b_chongqing_department_76_percent_gives_7_6_and_97_6() -> None:
    score = scored("chongqing_2021_department.txt")
    assert (score.execution.rate, score.execution.score) == (D("76.00"), D("7.60"))
    agree_row_by_row(score)
    assert score.total == D("97.6") == score.published_total and score.grade.value == "优"
    assert "consistency.ahead" in codes(score)  # all targets met with 76% of the money spent (V3's red warning)
    assert "total.mismatch" not in codes(score)


def test_example_b_caution_a_rate_printed_as_fully_met_is_rescored() -> None:
    (evaluation,) = read_selfeval(SELFEVAL / "chongqing_2021_department.txt").evaluations
    row = replace(evaluation.project.indicators[0], level3="政府采购执行率", value=parse_value("=100%"))
    evaluation.project.indicators[0] = row
    evaluation.actuals[0] = replace(evaluation.actuals[0], actual="72.74")
    score = score_evaluation(evaluation)
    assert score.indicators[0].score == D("7.27") and "score.mismatch" in codes(score)


def test_example_c_city_20_point_budget_scheme_reads_points_before_targets() -> None:
    score = scored("city_2020_yuye.xlsx")
    assert score.execution.weight == 20 and score.execution.score == 20
    assert [(row.level3, row.target, row.weight) for row in score.indicators] == [
        ("补贴渔船数", "6艘", D(20)),
        ("补贴发放率", "100%", D(10)),
        ("补贴发放及时性", "12月底前完成", D(10)),
        ("渔民满意度", "≥90%", D(40)),
    ]
    agree_row_by_row(score)
    assert score.total == 100 == score.published_total


def test_example_d_sichuan_scores_90_plus_10_and_flags_the_text_actual() -> None:
    score = scored("sichuan_2023_anke.docx", "sichuan")
    assert score.execution.score == 10 and score.indicators[0].score == 90
    assert score.total == 100 == score.published_total
    assert codes(score) == ["score.text_actual"]


def test_the_fixture_builder_script_is_kept_beside_the_office_fixtures() -> None:
    script = (SELFEVAL / "make_fixtures.py").read_text(encoding="utf-8")
    for name in ("city_2020_yuye.xlsx", "sichuan_2023_anke.docx"):
        assert name in script and (SELFEVAL / name).stat().st_size > 0
    assert isinstance(SELFEVAL, Path)
