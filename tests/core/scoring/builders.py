"""Self-evaluations built in code: a row is (level1, level2, level3, target, actual, weight, score)."""

from __future__ import annotations

from decimal import Decimal

from jixiao.domain.model import Indicator, Project
from jixiao.domain.scoring import Funds, IndicatorActual, SelfEvaluation
from jixiao.domain.values import parse_value

D = Decimal

RowSpec = tuple[str, str, str, str, str | None, str | None, str | None]


def evaluation(
    rows: list[RowSpec],
    *,
    budget: str | None = "100",
    executed: str | None = "100",
    funds: Funds | None = None,
    reasons: dict[int, str] | None = None,
    published_total: str | None = None,
) -> SelfEvaluation:
    indicators = [
        Indicator(level1, level2, level3, parse_value(target), weight=D(weight) if weight else None)
        for level1, level2, level3, target, _, weight, _ in rows
    ]
    actuals = [
        IndicatorActual(actual=actual, score=D(score) if score else None, reason=(reasons or {}).get(n))
        for n, (*_, actual, _, score) in enumerate(rows, start=1)
    ]
    return SelfEvaluation(
        project=Project("P001", "测试项目", indicators=indicators),
        funds=funds or Funds(budget=D(budget) if budget else None, executed=D(executed) if executed else None),
        actuals=actuals,
        published_total=D(published_total) if published_total else None,
    )


def full_rows() -> list[RowSpec]:
    """A complete 10/50/30/10 table in which every target is met (weights 10×5 + 10×3 + 10)."""
    return [
        ("产出指标", "数量指标", "演出场次", "≥120场", "120", "10", None),
        ("产出指标", "数量指标", "培训人次", "≥300人次", "320", "10", None),
        ("产出指标", "质量指标", "节目审查合格率", "=100%", "100%", "10", None),
        ("产出指标", "时效指标", "完成时间", "2021年12月底前", "2021年11月30日", "10", None),
        ("产出指标", "成本指标", "项目总成本", "≤36万元", "35.5", "10", None),
        ("效益指标", "社会效益指标", "观众人次", "≥30000人次", "31000", "10", None),
        ("效益指标", "社会效益指标", "文化活动参与度", "明显提高", "达成年度指标", "10", None),
        ("效益指标", "可持续影响指标", "长效机制", "建立", "达成", "10", None),
        ("满意度指标", "服务对象满意度指标", "观众满意度", "≥90%", "95%", "10", None),
    ]


def codes(score: object) -> list[str]:
    return [finding.code for finding in score.findings]  # type: ignore[attr-defined]
