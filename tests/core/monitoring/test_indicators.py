"""Indicator monitoring for a period: progress, lights, likelihood and the reasons it requires."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.domain.model import Indicator
from jixiao.domain.monitoring import (
    DeviationCategory,
    IndicatorReport,
    Light,
    Likelihood,
    indicator_light,
    monitor_indicators,
)
from jixiao.domain.profiles.scoring import LightBands
from jixiao.domain.values import parse_value

D = Decimal
BANDS = LightBands()


def light(target: str, current: str | None, month: int = 6) -> tuple[Decimal | None, Light | None]:
    return indicator_light(parse_value(target), current, month, BANDS)


@pytest.mark.parametrize(
    ("target", "current", "month", "progress", "expected"),
    [
        ("≥1200人次", "600人次", 6, D("100.00"), Light.GREEN),  # 600 of the 600 due by June
        ("≥1200人次", "420", 6, D("70.00"), Light.YELLOW),
        ("≥1200人次", "300", 6, D("50.00"), Light.RED),
        ("≥1200人次", "0", 6, D("0.00"), Light.RED),  # a current value of 0 is red (V8)
        ("≥95%", "96%", 3, D("101.05"), Light.GREEN),  # a rate is not earned by twelfths
        ("≥95%", "70%", 12, D("73.68"), Light.YELLOW),
        ("≥0.55", "0.5", 7, D("90.91"), Light.GREEN),
    ],
)
def test_quantitative_progress_is_current_over_the_expected_share(
    target: str, current: str, month: int, progress: Decimal, expected: Light
) -> None:
    assert light(target, current, month) == (progress, expected)


def test_a_ceiling_is_red_once_exceeded_and_yellow_while_spending_runs_ahead_of_time() -> None:
    assert light("≤90万元", "40万元") == (None, Light.GREEN)
    assert light("≤90万元", "60") == (None, Light.YELLOW)  # more than 6/12 of the ceiling by June
    assert light("≤90万元", "95") == (None, Light.RED)
    assert light("≤5%", "4%") == (None, Light.GREEN) and light("≤5%", "6%") == (None, Light.RED)
    assert light("±3%", "-2%") == (None, Light.GREEN) and light("±3%", "4%") == (None, Light.RED)


def test_qualitative_grades_map_to_green_yellow_red() -> None:
    assert light("效果明显", "达成")[1] is Light.GREEN
    assert light("效果明显", "部分达成")[1] is Light.YELLOW
    assert light("效果明显", "未达成")[1] is Light.RED
    assert light("12月底前完成", "2021年5月20日")[1] is Light.GREEN
    assert light("效果明显", "正在推进") == (None, None) and light("≥10个", None) == (None, None)


def test_the_monitoring_rows_keep_what_was_entered_and_flag_missing_reasons() -> None:
    indicators = [
        Indicator("产出指标", "数量指标", "培训人次", parse_value("≥1200人次")),
        Indicator("效益指标", "社会效益指标", "群众知晓率", parse_value("≥90%")),
        Indicator("满意度指标", "服务对象满意度指标", "满意度", parse_value("≥90%")),
    ]
    reports = [
        IndicatorReport("300人次", "1000人次", Likelihood.POSSIBLE, (DeviationCategory.FUNDS,), "第二批资金7月到位"),
        IndicatorReport("60%", "80%", Likelihood.IMPOSSIBLE),
    ]
    rows = monitor_indicators(indicators, reports, month=6)
    assert [(row.position, row.light) for row in rows] == [(1, Light.RED), (2, Light.YELLOW), (3, None)]  # 60 of 90
    assert rows[0].report.reasons == (DeviationCategory.FUNDS,) and rows[0].findings == ()
    assert [f.code for f in rows[1].findings] == ["monitoring.reason_required"]
    assert "完全不可能" in rows[1].findings[0].message
    assert [f.code for f in rows[2].findings] == ["monitoring.no_current"]


def test_the_vocabularies_are_the_official_words() -> None:
    assert [item.value for item in Likelihood] == ["确定能", "有可能", "完全不可能"]
    assert [item.value for item in DeviationCategory] == ["经费保障", "制度保障", "人员保障", "硬件保障", "其他"]
    assert [item.label for item in Light] == ["红灯", "黄灯", "绿灯", "蓝灯", "超支"]


def test_monitoring_values_are_read_with_the_value_grammar_and_words_or_negatives_flagged() -> None:
    """The usability report: 当前值 "很多人" and a forecast of "-20人" were accepted without a word."""
    from jixiao.domain.model import Indicator
    from jixiao.domain.monitoring.indicators import IndicatorReport, monitor_indicators
    from jixiao.domain.values import parse_value

    indicator = Indicator("产出指标", "数量指标", "培训人数", parse_value("≥50人"))
    reports = [
        IndicatorReport(current="很多人"),
        IndicatorReport(current="30人", forecast="-20人"),
        IndicatorReport(current="30人", forecast="55人"),
    ]
    rows = monitor_indicators([indicator] * 3, reports, month=6)
    assert [[f.code for f in row.findings] for row in rows] == [
        ["monitoring.not_a_number"],
        ["monitoring.negative"],
        [],
    ]
    assert "全年预计完成情况“-20人”为负数" in rows[1].findings[0].message
    assert rows[1].light is not None and rows[1].light.value == "green"  # 30 of the 25 expected by June


def test_an_indicator_far_ahead_is_green_not_the_spending_over_light() -> None:
    from jixiao.domain.monitoring.indicators import quantity_light
    from jixiao.domain.profiles.scoring import LightBands
    from jixiao.domain.values import parse_value

    progress, light = quantity_light(parse_value("≥50人"), D(100), 6, LightBands())
    assert progress == D("400.00") and light.value == "green"
