"""Benchmark: self-evaluation scoring (``score_evaluations``) on synthetic, seeded self-evaluations.

Run: ``.venv/bin/python bench/bench_scoring.py [--rounds N] [--million-rounds N] [--skip-million]``.
Prints the median and p95 of scoring a 50-project department (750 indicators) and the time for 1,000,005 indicators
(66,667 projects × 15), with the ratio to a floor: the bare proportional formula (w × a / t, rounded) over the same
rows in a Python loop — what any Decimal scorer must at least do.

Rows mix every rule the way real tables do: positive and reverse quantities met and missed, "=" targets, rates,
ranges, deadlines met by a date, qualitative grades with a chosen score (some outside their band), text actuals on
quantitative rows, not-applicable rows, and a few missing actuals; funds with execution between 60% and 105%.
"""

from __future__ import annotations

import argparse
import gc
import random
import statistics
import time
from decimal import ROUND_HALF_UP, Decimal

from jixiao.domain.model import Indicator, Project
from jixiao.domain.scoring import Funds, IndicatorActual, SelfEvaluation, score_evaluations
from jixiao.domain.values import parse_value

CENT = Decimal("0.01")
# (level1, level2, level3, target, actual template); {a} is filled with a number near the target
ROWS = [
    ("产出指标", "数量指标", "服务人数", "≥{t}人", "{a}人"),
    ("产出指标", "数量指标", "设施数量", "≥{k}个", "{a}"),
    ("产出指标", "数量指标", "活动场次", "{k}场", "{a}场"),
    ("产出指标", "质量指标", "验收合格率", "≥95%", "{p}%"),
    ("产出指标", "质量指标", "设施完好率", "80%-95%", "{p}%"),
    ("产出指标", "时效指标", "资金支付及时率", "≥96%", "{p}%"),
    ("产出指标", "时效指标", "完成时间", "12月底前", "2023年{m}月{d}日"),
    ("产出指标", "成本指标", "项目总成本", "≤{b}万元", "{c}"),
    ("产出指标", "成本指标", "单位成本", "≤{k}元/人", "{a}元/人"),
    ("效益指标", "经济效益指标", "资金使用效益", "效果明显", "{grade}"),
    ("效益指标", "社会效益指标", "受益群众人次", "≥{t}人次", "{text}"),
    ("效益指标", "社会效益指标", "安全事故数", "≤0起", "{z}"),
    ("效益指标", "生态效益指标", "环境影响", "无不良影响", "{grade}"),
    ("效益指标", "可持续影响指标", "长效机制", "逐步建立", "{grade}"),
    ("满意度指标", "服务对象满意度指标", "服务对象满意度", "≥90%", "{p}%"),
]
GRADES = [("达成年度指标", "{w}"), ("部分达成", "{p}"), ("未达成", "{n}"), ("达成预期指标", "{w}")]


def make_evaluation(rng: random.Random, index: int, values: dict[str, object]) -> SelfEvaluation:
    budget = Decimal(rng.randrange(500, 50000)) / 100
    indicators, actuals = [], []
    weights = [Decimal(10)] * 5 + [Decimal(4)] * 4 + [Decimal(6)] * 5 + [Decimal(10)]  # 50 + 30 + 10
    for (level1, level2, level3, target_template, actual_template), weight in zip(ROWS, weights, strict=True):
        t, k = rng.randrange(100, 5000), rng.randrange(2, 60)
        target_text = target_template.format(t=t, k=k, b=budget)
        value = values.get(target_text) or values.setdefault(target_text, parse_value(target_text))
        grade, chosen = rng.choice(GRADES)
        score = chosen.format(w=weight, p=weight * Decimal("0.7"), n=weight * Decimal("0.3"))
        actual = actual_template.format(
            a=int((t if "{t}" in target_template else k) * rng.uniform(0.7, 1.3)),
            p=rng.randrange(70, 101),
            m=rng.randrange(6, 13),
            d=rng.randrange(1, 29),
            c=(budget * Decimal(rng.uniform(0.8, 1.3))).quantize(CENT),
            grade=grade,
            text=rng.choice(["完成", f"{t}人次", "见附件"]),
            z=rng.choice(["0", "0", "1"]),
        )
        if rng.random() < 0.02:
            actual = rng.choice(["不适用", ""])
        indicators.append(Indicator(level1, level2, level3, value, weight=weight))  # type: ignore[arg-type]
        qualitative = "{grade}" in actual_template
        actuals.append(IndicatorActual(actual, score=Decimal(score) if qualitative else None))
    executed = (budget * Decimal(rng.uniform(0.6, 1.05))).quantize(CENT)
    project = Project(code=f"5100002{index:014d}", name=f"示例项目{index}", indicators=indicators)
    return SelfEvaluation(project, Funds(initial=budget, budget=budget, executed=executed), actuals)


def make_evaluations(count: int, seed: int = 287001) -> list[SelfEvaluation]:
    rng = random.Random(seed)
    values: dict[str, object] = {}  # share parsed targets, as a reader's cache would; scoring never mutates them
    return [make_evaluation(rng, index, values) for index in range(count)]


def floor(evaluations: list[SelfEvaluation]) -> float:
    """The bare proportional formula over the same rows: parse nothing, check nothing, round once."""
    start = time.process_time()
    total = Decimal(0)
    for evaluation in evaluations:
        for indicator in evaluation.project.indicators:
            weight, target = indicator.weight or Decimal(1), indicator.value.number or Decimal(1)
            total += (weight * Decimal(7) / target).quantize(CENT, rounding=ROUND_HALF_UP)
    return time.process_time() - start


def timed(evaluations: list[SelfEvaluation]) -> tuple[float, float, int]:
    """Wall and CPU seconds of scoring, and the number of findings."""
    start, cpu = time.perf_counter(), time.process_time()
    scores = score_evaluations(evaluations)
    findings = sum(len(score.findings) for score in scores)
    return time.perf_counter() - start, time.process_time() - cpu, findings


def p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[max(0, int(len(ordered) * 0.95) - 1)]


def bench_department(rounds: int) -> None:
    evaluations = make_evaluations(50)
    timed(evaluations)  # warm up: imports, value caches
    runs = [timed(evaluations) for _ in range(rounds)]
    wall = [run[0] for run in runs]
    print(f"department: 50 projects, 750 indicators, {runs[0][2]} findings")
    print(f"  score median {statistics.median(wall) * 1000:.1f} ms, p95 {p95(wall) * 1000:.1f} ms wall; "
          f"median {statistics.median(run[1] for run in runs) * 1000:.1f} ms CPU; {rounds} rounds")  # fmt: skip


def bench_million(rounds: int) -> None:
    start = time.perf_counter()
    evaluations = make_evaluations(66_667)
    indicators = sum(len(evaluation.project.indicators) for evaluation in evaluations)
    built = time.perf_counter() - start
    print(f"million: {len(evaluations)} projects, {indicators} indicators (built in {built:.1f} s)")
    base = floor(evaluations)
    samples = []
    for _ in range(rounds):
        gc.collect()
        wall, cpu, findings = timed(evaluations)
        samples.append(cpu)
        print(f"  score {wall:.1f} s wall, {cpu:.1f} s CPU, {findings} findings; {indicators / wall:,.0f} indicators/s")
    median = statistics.median(samples)
    print(f"  median {median:.1f} s CPU over {rounds} run(s); floor {base:.2f} s CPU; ratio {median / base:.1f}×")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--million-rounds", type=int, default=1)
    parser.add_argument("--skip-million", action="store_true")
    args = parser.parse_args()
    bench_department(args.rounds)
    if not args.skip_million:
        bench_million(args.million_rounds)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
