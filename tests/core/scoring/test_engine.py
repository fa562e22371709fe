"""The project: weights, budget execution, not-applicable rows, total, and the checks of
docs/domain/scoring.md (#budget-execution to #consistency-checks)."""

from __future__ import annotations

import dataclasses
from dataclasses import replace

from jixiao.domain.model import Indicator
from jixiao.domain.profiles import get_profile
from jixiao.domain.profiles.scoring import (
    DEFAULT_SCHEME,
    DEFAULT_SCORING,
    FREE_90_SCHEME,
    GUANGXI_SCORING,
    SICHUAN_SCORING,
    ReverseFormula,
    ScoringSettings,
)
from jixiao.domain.scoring import FundLine, Funds, default_weights, score_evaluation, spread
from jixiao.domain.scoring.report import _status
from jixiao.domain.values import parse_value

from .builders import D, codes, evaluation, full_rows


def test_a_table_where_everything_is_met_scores_100_and_is_excellent() -> None:
    score = score_evaluation(evaluation(full_rows()))
    assert score.total == D("100.00") and score.grade.value == "优"
    assert [f.code for f in score.findings] == []


def test_execution_is_the_rate_times_its_weight() -> None:
    score = score_evaluation(evaluation(full_rows(), budget="13420.00", executed="10199.20"))
    assert (score.execution.rate, score.execution.score) == (D("76.00"), D("7.60"))
    assert score.total == D("97.60")


def test_execution_above_the_budget_is_capped_at_the_weight() -> None:
    score = score_evaluation(evaluation(full_rows(), budget="100", executed="130"))
    assert score.execution.score == D("10.00") and score.execution.rate == D("130.00")
    assert "execution.over" in codes(score)
    (over,) = [f for f in score.findings if f.code == "execution.over"]
    assert over.severity.value == "error"  # payments cannot exceed the budget: a data error, not a detail


def test_a_zero_budget_is_not_applicable_and_the_rest_is_rescaled() -> None:
    rows = full_rows()
    rows[0] = (*rows[0][:4], "60", *rows[0][5:])  # 演出场次 60 of 120: 5 of 10
    score = score_evaluation(evaluation(rows, budget="0", executed="3"))
    assert score.execution.applicable is False and score.execution.score is None and score.execution.rate is None
    assert "execution.zero_budget" in codes(score)
    assert score.total == D("94.44")  # 85 of the 90 applicable points, rescaled: not 85 + 3 × 10 (divide-by-1)


def test_a_missing_execution_counts_as_nothing_spent() -> None:
    score = score_evaluation(evaluation(full_rows(), executed=None))
    assert score.execution.score == 0 and "execution.no_executed" in codes(score)


def test_not_applicable_rows_are_excluded_and_the_rest_rescaled_to_100() -> None:
    rows = full_rows()
    rows[1] = (*rows[1][:4], "不适用", *rows[1][5:])
    rows[5] = (*rows[5][:4], "15000", *rows[5][5:])  # 观众人次 half: 5 of 10
    score = score_evaluation(evaluation(rows))
    assert score.indicators[1].score is None and not score.indicators[1].applicable
    assert score.total == D("94.44")  # 85 of 90 → 85 × 100 / 90
    assert {"score.not_applicable", "score.rescaled"} <= set(codes(score))


def test_the_default_split_spreads_each_level1_over_its_rows() -> None:
    assert spread(D(50), 3) == [D("16.67"), D("16.67"), D("16.66")]
    assert sum(spread(D(10), 3)) == 10 and spread(D(90), 4) == [D("22.5")] * 3 + [D("22.5")]
    rows = [Indicator(l1, "x", "y", parse_value("≥1")) for l1 in ("产出指标", "产出指标", "效益指标(30分)", "满意度")]
    assert default_weights(rows, DEFAULT_SCHEME) == [D(25), D(25), D(30), D(10)]
    assert default_weights(rows, FREE_90_SCHEME) == [D("22.5")] * 4


def test_a_2021_cost_level1_counts_as_output_and_unknown_level1s_spread_evenly() -> None:
    rows = [Indicator(l1, "x", "y", parse_value("≥1")) for l1 in ("产出指标", "成本指标", "效益指标", "满意度指标")]
    assert default_weights(rows, DEFAULT_SCHEME) == [D(25), D(25), D(30), D(10)]
    rows.append(Indicator(None, None, "z", parse_value("≥1")))
    assert default_weights(rows, DEFAULT_SCHEME) == [D(18)] * 5


def test_rows_without_weights_get_the_default_split_and_a_note() -> None:
    rows = [(*row[:5], None, None) for row in full_rows()]
    score = score_evaluation(evaluation(rows))
    assert [row.weight for row in score.indicators[:5]] == [D(10)] * 5
    assert score.indicators[8].weight == 10 and score.total == 100
    assert "weights.default" in codes(score)


def test_weights_that_do_not_add_up_and_printed_level1_points_are_checked() -> None:
    rows = full_rows()
    rows[0] = ("产出指标(50分)", *rows[0][1:5], "8", None)
    rows[1] = ("产出指标(50分)", *rows[1][1:])
    score = score_evaluation(evaluation(rows))
    assert {"weights.sum", "weights.level1"} <= set(codes(score))


def test_a_missing_level1_is_reported_under_the_fixed_scheme_only() -> None:
    rows = [row for row in full_rows() if row[0] != "满意度指标"]
    assert "weights.level1_missing" in codes(score_evaluation(evaluation(rows)))
    sichuan = score_evaluation(evaluation(rows), settings=SICHUAN_SCORING)
    assert "weights.level1_missing" not in codes(sichuan)


def test_scores_running_ahead_of_spending_raise_the_consistency_warning() -> None:
    assert "consistency.ahead" in codes(score_evaluation(evaluation(full_rows(), executed="90")))
    assert "consistency.ahead" not in codes(score_evaluation(evaluation(full_rows(), executed="96")))


def test_a_low_execution_rate_is_a_warning() -> None:
    assert "execution.low" in codes(score_evaluation(evaluation(full_rows(), executed="79.9")))
    assert "execution.low" not in codes(score_evaluation(evaluation(full_rows(), executed="80")))


def test_sichuan_wants_a_reason_below_90_percent_execution() -> None:
    low = evaluation(full_rows(), executed="85")
    assert "explanation.execution" in codes(score_evaluation(low, settings=SICHUAN_SCORING))
    assert "explanation.execution" not in codes(score_evaluation(low))
    explained = replace(low, funds=replace(low.funds, reason="部分工程款按合同于次年支付"))
    assert "explanation.execution" not in codes(score_evaluation(explained, settings=SICHUAN_SCORING))


def test_guangxi_wants_a_reason_when_the_actual_reaches_130_percent() -> None:
    rows = full_rows()
    rows[0] = (*rows[0][:4], "156", *rows[0][5:])  # 130% of 120
    assert "explanation.overachieved" in codes(score_evaluation(evaluation(rows), settings=GUANGXI_SCORING))
    assert "explanation.overachieved" not in codes(score_evaluation(evaluation(rows)))
    rows[0] = (*rows[0][:4], "155", *rows[0][5:])
    assert "explanation.overachieved" not in codes(score_evaluation(evaluation(rows), settings=GUANGXI_SCORING))


def test_an_unmet_target_needs_a_deviation_reason() -> None:
    rows = full_rows()
    rows[0] = (*rows[0][:4], "100", *rows[0][5:])
    assert "explanation.unmet" in codes(score_evaluation(evaluation(rows)))
    assert "explanation.unmet" not in codes(score_evaluation(evaluation(rows, reasons={1: "场地维修停演两月"})))


def test_a_text_actual_on_a_quantitative_indicator_is_flagged() -> None:
    rows = full_rows()
    rows[0] = (*rows[0][:4], "完成", *rows[0][5:])
    score = score_evaluation(evaluation(rows))
    assert "score.text_actual" in codes(score) and score.indicators[0].score == 10
    rows[0] = (*rows[0][:4], "见附件", *rows[0][5:])
    unreadable = score_evaluation(evaluation(rows))
    assert {"score.text_actual", "score.unscorable"} <= set(codes(unreadable)) and unreadable.indicators[0].score == 0


def test_a_missing_actual_scores_zero_and_a_different_unit_is_not_converted() -> None:
    rows = full_rows()
    rows[4] = (*rows[4][:4], "355000元", *rows[4][5:])
    rows[5] = (*rows[5][:4], None, *rows[5][5:])
    score = score_evaluation(evaluation(rows))
    assert score.indicators[5].score == 0 and {"score.no_actual", "score.unit_mismatch"} <= set(codes(score))


def test_published_scores_that_disagree_are_findings_not_failures() -> None:
    rows = full_rows()
    rows[0] = (*rows[0][:4], "108", "10", "10")  # 108 of 120 is 9.00, the table says 10
    rows[1] = (*rows[1][:6], "10")
    score = score_evaluation(evaluation(rows, published_total="100"))
    mismatch = [f for f in score.findings if f.code == "score.mismatch"]
    assert [f.position for f in mismatch] == [1] and "应得 9.00 分，表中得分为 10 分" in mismatch[0].message
    assert score.total == D("99.00") and "total.mismatch" in codes(score)


def test_a_published_total_that_is_not_the_sum_of_its_parts_is_a_finding() -> None:
    rows = [(*row[:6], "10") for row in full_rows()]
    funds = Funds(budget=D(100), executed=D(100), score=D(10))
    score = score_evaluation(evaluation(rows, funds=funds, published_total="95"))
    assert "total.published_sum" in codes(score)


def test_a_printed_score_agrees_at_its_own_precision() -> None:
    row = ("产出指标", "成本指标", "项目总成本", "≤90万元", "99", "8", "7.3")
    ratio = ScoringSettings(reverse=ReverseFormula.RATIO)
    assert "score.mismatch" not in codes(score_evaluation(evaluation([row]), settings=ratio))
    row = ("产出指标", "数量指标", "x", "≥50个", "47.5", "8", "8")
    assert "score.mismatch" in codes(score_evaluation(evaluation([row])))


def test_a_zero_total_row_with_amounts_in_its_parts_uses_the_parts() -> None:
    parts = [
        FundLine("其中：本年财政拨款", D(90), D("89.974"), D("89.974")),
        FundLine("上年结转资金", D(0), D(0), D(0)),
    ]
    funds = Funds(D(0), D(0), D(0), D(10), D(0), D(0), parts=parts)
    score = score_evaluation(evaluation(full_rows(), funds=funds))
    assert score.execution.score == D("10.00") and score.execution.budget == D("89.974")
    assert {"execution.parts", "execution.mismatch", "execution.rate_mismatch"} <= set(codes(score))


def test_the_profiles_carry_the_scoring_settings() -> None:
    assert get_profile().scoring.scheme is DEFAULT_SCHEME
    sichuan = get_profile("sichuan").scoring
    assert sichuan.scheme is FREE_90_SCHEME and sichuan.execution_reason_below == 90


def test_every_finding_has_a_chinese_message() -> None:
    rows = full_rows()
    rows[0] = (*rows[0][:4], "完成", "10", "9")
    rows[2] = (*rows[2][:4], "不适用", *rows[2][5:])
    rows[6] = (*rows[6][:4], "部分达成", "10", "9.5")
    score = score_evaluation(evaluation(rows, budget="0", published_total="88"), settings=SICHUAN_SCORING)
    assert score.findings and all(finding.message and "{" not in finding.message for finding in score.findings)


def test_funds_printed_only_as_parts_are_summed_without_a_warning() -> None:
    parts = [FundLine("本年财政拨款", None, D(60), D(57)), FundLine("其他资金", None, D(40), D(38))]
    score = score_evaluation(evaluation(full_rows(), funds=Funds(parts=parts)))
    assert (score.execution.budget, score.execution.executed, score.execution.score) == (D(100), D(95), D("9.50"))
    assert "execution.parts" not in codes(score)


def test_an_entered_weight_of_zero_is_kept() -> None:
    item = evaluation(full_rows())
    item.actuals[0].weight = D(0)
    score = score_evaluation(item)
    assert score.indicators[0].weight == 0 and "weights.sum" in codes(score)


def _strict(target: str, actual: str, **settings: object) -> object:
    rows = full_rows()
    rows[8] = ("满意度指标", "服务对象满意度指标", "观众满意度", target, actual, "10", None)
    return score_evaluation(evaluation(rows), settings=dataclasses.replace(DEFAULT_SCORING, **settings))


def test_an_actual_equal_to_a_strict_target_is_not_completed() -> None:
    """The usability report's case: a target of ">95%" with actual 95% was 已完成 with full marks."""
    score = _strict(">95%", "95%")
    row = score.indicators[8]  # type: ignore[attr-defined]
    assert row.completed is False and row.score == D("10.00")  # the proportional rule: a/t × w, the full weight
    assert "score.strict_boundary" in codes(score)
    assert _status(row).startswith("未完全完成")  # what the draft report says of the row
    assert _strict("≥95%", "95%").indicators[8].completed is True  # type: ignore[attr-defined]
    assert _strict(">95%", "96%").indicators[8].completed is True  # type: ignore[attr-defined]
    assert _strict("<5%", "5%").indicators[8].completed is False  # type: ignore[attr-defined]


def test_the_score_at_a_strict_boundary_is_a_profile_setting() -> None:
    row = _strict(">95%", "95%", strict_boundary_share=D("0.8")).indicators[8]  # type: ignore[attr-defined]
    assert row.score == D("8.00") and row.completed is False
