"""The row rules of docs/domain/scoring.md#indicator-score and the synthetic checks of
docs/domain/scoring.md#synthetic-checks, by rule and through the engine."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jixiao.domain.model import Comparator, IndicatorValue, ValueKind
from jixiao.domain.profiles.scoring import (
    CITY_20_SCORING,
    DEFAULT_SCORING,
    GradeCutoffs,
    QualitativeBands,
    ReverseFormula,
    ScoringSettings,
)
from jixiao.domain.scoring import Achievement, Grade, Method, band, grade_for, in_band, method_of, score_evaluation
from jixiao.domain.scoring.model import q2
from jixiao.domain.scoring.rules import (
    NUMERIC_RULES,
    deadline_met,
    equal,
    positive,
    reverse,
    reverse_linear,
    reverse_ratio,
)
from jixiao.domain.values import parse_value

from .builders import D, codes, evaluation

W = D(8)
RATIO = ScoringSettings(reverse=ReverseFormula.RATIO)


def one_row(target: str, actual: str, *, score: str | None = None, settings: ScoringSettings = DEFAULT_SCORING):
    row = ("产出指标", "数量指标", "指标", target, actual, "8", score)
    return score_evaluation(evaluation([row]), settings=settings).indicators[0]


# --- docs/domain/scoring.md#synthetic-checks (w = 8)


def test_it_scores_a_positive_shortfall_in_proportion() -> None:
    assert q2(positive(D(50), D(45), W)) == D("7.20")
    assert one_row("≥50个", "45").score == D("7.20")


def test_it_scores_a_reverse_overshoot_linearly_by_default() -> None:
    assert q2(reverse_linear(D(90), D(99), W)) == D("7.20")
    assert one_row("≤90万元", "99").score == D("7.20")


def test_it_scores_a_reverse_overshoot_by_ratio_where_the_profile_says_so() -> None:
    assert q2(reverse_ratio(D(90), D(99), W)) == D("7.27")
    assert one_row("≤90万元", "99", settings=RATIO).score == D("7.27")


def test_it_gives_zero_when_a_reverse_actual_reaches_twice_the_target() -> None:
    assert reverse_linear(D(90), D(180), W) == 0
    assert one_row("≤90万元", "180").score == 0
    assert one_row("≤90万元", "250").score == 0


def test_it_accepts_a_partial_qualitative_score_only_inside_its_band() -> None:
    assert band(Achievement.PARTIAL, W, QualitativeBands()) == (D("4.80"), D("6.40"))
    assert in_band(Achievement.PARTIAL, D("4.80"), W, QualitativeBands())
    assert in_band(Achievement.PARTIAL, D("6.39"), W, QualitativeBands())
    assert not in_band(Achievement.PARTIAL, D("6.40"), W, QualitativeBands())
    assert not in_band(Achievement.PARTIAL, D("4.79"), W, QualitativeBands())


def test_a_chosen_score_outside_the_band_is_a_finding_and_brought_into_it() -> None:
    inside = one_row("效果明显", "部分达成年度指标并具有一定效果", score="5.5")
    assert inside.score == D("5.5") and inside.band == (D("4.80"), D("6.40"))
    score = score_evaluation(evaluation([("效益指标", "社会效益指标", "x", "效果明显", "部分达成", "8", "7")]))
    assert score.indicators[0].score == D("6.39")
    assert "score.out_of_band" in codes(score)
    assert "[4.80, 6.40)" in next(f.message for f in score.findings if f.code == "score.out_of_band")


def test_the_city_template_uses_the_80_50_bands() -> None:
    assert band(Achievement.PARTIAL, W, CITY_20_SCORING.bands) == (D("4.0"), D("6.4"))
    assert one_row("效果明显", "部分达成", score="4.2", settings=CITY_20_SCORING).score == D("4.2")


def test_without_a_chosen_score_a_grade_gets_full_marks_or_its_band_floor() -> None:
    assert one_row("效果明显", "达成年度指标").score == W
    partial = score_evaluation(evaluation([("效益指标", "社会效益指标", "x", "效果明显", "基本完成", "8", None)]))
    assert partial.indicators[0].score == D("4.80") and "score.default_band" in codes(partial)
    assert one_row("效果明显", "未达成年度指标且效果较差").score == 0


# --- the other rules


def test_the_equal_rule_needs_zero_for_a_zero_target_and_reads_others_as_positive() -> None:
    assert equal(D(0), D(0), W) == W and equal(D(0), D(1), W) == 0
    assert q2(equal(D(50), D(45), W)) == D("7.20") and equal(D(50), D(60), W) == W
    assert one_row("=0起", "0").score == W and one_row("=0起", "2").score == 0


def test_a_reverse_target_of_zero_uses_the_equal_rule() -> None:
    for formula in ReverseFormula:
        assert reverse(D(0), D(0), W, formula) == W
        assert reverse(D(0), D(3), W, formula) == 0
    assert one_row("≤0起", "1").score == 0 and one_row("≤0起", "1", settings=RATIO).score == 0


def test_a_quantity_without_a_comparator_must_be_reached() -> None:
    assert method_of(parse_value("50人")) is Method.EQUAL
    assert one_row("50人", "48人").score == D("7.68")


def test_a_range_is_full_inside_and_scored_on_the_nearer_end_outside() -> None:
    assert one_row("80%-90%", "85%").score == W
    assert one_row("80%-90%", "72%").score == D("7.20")
    assert one_row("80%-90%", "99%").score == D("7.20")


def test_a_tolerance_scores_the_size_of_the_deviation() -> None:
    assert one_row("±3%以内", "-2.5%").score == W
    assert one_row("±3%以内", "-6%").score == 0


def test_a_deadline_is_met_by_an_earlier_date() -> None:
    assert deadline_met("--12-31", "2021-11-30") and not deadline_met("2021-06-30", "2021-07-01")
    assert deadline_met("2021-12", "2021-12-31") and deadline_met("2021", "2021-12-31")
    assert one_row("2021年12月底前", "2021年11月30日").score == W
    late = one_row("2021年6月30日前", "2021年8月1日")
    assert late.achievement is Achievement.NOT_ACHIEVED and late.score == 0


@pytest.mark.parametrize(
    ("total", "grade"),
    [("100", "优"), ("90", "优"), ("89.99", "良"), ("89.5", "良"), ("80", "良"), ("79.99", "中"), ("60", "中"),
     ("59.99", "差"), ("0", "差")],
)  # fmt: skip
def test_grades_use_half_open_intervals(total: str, grade: str) -> None:
    assert grade_for(D(total), GradeCutoffs()) is Grade(grade)


def test_another_deployment_grades_at_80_70_60() -> None:
    lenient = GradeCutoffs(excellent=D("80"), good=D("70"), passing=D("60"))
    assert [grade_for(D(n), lenient).value for n in ("85", "79.5", "65", "59")] == ["优", "良", "中", "差"]


# --- properties

numbers = st.decimals(min_value=Decimal("0"), max_value=Decimal("100000"), places=2, allow_nan=False)
weights = st.decimals(min_value=Decimal("0.5"), max_value=Decimal("100"), places=2, allow_nan=False)
comparators = st.sampled_from([Comparator.GE, Comparator.GT, Comparator.LE, Comparator.LT, Comparator.EQ, None])


def quantity(number: Decimal, comparator: Comparator | None) -> IndicatorValue:
    return IndicatorValue(
        text=str(number), comparator=comparator, number=number, unit="个", kind=ValueKind.QUANTITATIVE
    )


@given(target=numbers, actual=numbers, weight=weights, comparator=comparators, formula=st.sampled_from(ReverseFormula))
def test_a_score_lies_between_zero_and_the_weight(
    target: Decimal, actual: Decimal, weight: Decimal, comparator: Comparator | None, formula: ReverseFormula
) -> None:
    value = quantity(target, comparator)
    settings = ScoringSettings(reverse=formula)
    score = q2(NUMERIC_RULES[method_of(value)](value, actual, weight, settings))
    assert 0 <= score <= weight


@given(target=numbers, low=numbers, high=numbers, weight=weights)
def test_a_positive_score_never_falls_as_the_actual_rises(
    target: Decimal, low: Decimal, high: Decimal, weight: Decimal
) -> None:
    low, high = min(low, high), max(low, high)
    assert positive(target, low, weight) <= positive(target, high, weight)


@given(target=numbers, low=numbers, high=numbers, weight=weights, formula=st.sampled_from(ReverseFormula))
def test_a_reverse_score_never_rises_as_the_actual_rises(
    target: Decimal, low: Decimal, high: Decimal, weight: Decimal, formula: ReverseFormula
) -> None:
    low, high = min(low, high), max(low, high)
    assert reverse(target, low, weight, formula) >= reverse(target, high, weight, formula)


@given(actual=st.text(max_size=12), weight=weights)
def test_the_engine_never_fails_on_any_actual_text(actual: str, weight: Decimal) -> None:
    for target in ("≥50个", "≤90万元", "效果明显", "12月底前", "80%-90%"):
        row = ("产出指标", "数量指标", "x", target, actual, str(weight), None)
        scored = score_evaluation(evaluation([row])).indicators[0]
        assert scored.score is None or 0 <= scored.score <= weight


def test_every_scoring_method_declares_a_chinese_label_of_its_own() -> None:
    labels = [method.label for method in Method]
    assert all(label and label != method.value for label, method in zip(labels, Method, strict=True))
    assert len(set(labels)) == len(labels)
    assert Method.MANUAL.label == "评分人评定"
