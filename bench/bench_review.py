"""Benchmark: target review (``review_document``) on synthetic departments.

Run: ``.venv/bin/python bench/bench_review.py [--rounds N] [--million-rounds N] [--skip-million]``.
Prints the median and p95 of reviewing a 50-project department (750 indicators) and the time for one document of
1,000,000 indicators (66,667 projects × 15). Targets (the review runs on every save; a province must fit one run):
750 indicators median < 100 ms; 1 million < 60 s.

The documents are generated deterministically (seeded): realistic indicator names built from topics and places, so
names repeat across projects the way real departments' do, about a third of the names unique to their project
(which stresses the typo index), 1% sound-alike typos, boilerplate benefit indicators in most projects, and a few
broken values, so every kind of rule has work to do.
"""

from __future__ import annotations

import argparse
import gc
import random
import statistics
import time
from collections import Counter
from decimal import Decimal

from jixiao.domain.model import (
    Budget,
    Department,
    Indicator,
    Overall,
    Project,
    SpendingCheckpoint,
    SubGoal,
    TargetDocument,
    Unit,
)
from jixiao.domain.review import review_document
from jixiao.domain.values import parse_value

TOPICS = [
    f"{a}{b}"
    for a in ("乡村", "社区", "城区", "农村", "街道", "园区", "学校", "医院", "景区", "河道")
    for b in ("文化", "养老", "教育", "卫生", "环境", "道路", "供水", "就业", "体育", "安全", "绿化", "治安")
]
PLACES = [
    f"{a}{b}" for a in "东西南北中上下前后新" for b in ("山村", "河镇", "桥村", "岭乡", "湾村", "坪镇", "塘村", "坝乡")
]
# Sound-alike slips a pinyin input method makes (correct → typed).
SLIPS = {"资金": "自己", "及时": "即时", "合格": "和个", "完成": "万成", "服务": "幅舞", "设施": "设师"}
ROWS = [
    ("产出指标", "数量指标", "{t}服务人数", "≥{n}人"),
    ("产出指标", "数量指标", "{t}设施数量", "≥{k}个"),
    ("产出指标", "数量指标", "{p}{t}覆盖户数", "≥{n}户"),
    ("产出指标", "数量指标", "{p}{t}活动场次", "≥{k}场"),
    ("产出指标", "质量指标", "{t}验收合格率", "≥95%"),
    ("产出指标", "质量指标", "{p}{t}设施完好率", "≥{r}%"),
    ("产出指标", "质量指标", "{t}服务达标率", "≥100%"),
    ("产出指标", "时效指标", "{t}资金支付及时率", "≥96%"),
    ("产出指标", "时效指标", "{p}{t}完成时间", "12月底前"),
    ("产出指标", "成本指标", "{t}项目总成本", "≤{b}万元"),
    ("产出指标", "成本指标", "{p}{t}单位成本", "≤{c}元/人"),
    ("效益指标", "经济效益指标", "资金使用效益", "≥98%"),
    ("效益指标", "社会效益指标", "{p}{t}受益群众人次", "≥{n}人次"),
    ("效益指标", "可持续影响指标", "保障工作完成", "≥96%"),
    ("满意度指标", "服务对象满意度指标", "{t}服务对象满意度", "≥{s}%"),
]
PLAN = [SpendingCheckpoint(f"{m}月底", m, Decimal(p)) for m, p in ((3, 25), (6, 50), (10, 75), (12, 100))]


def make_project(rng: random.Random, index: int, values: dict[str, object]) -> Project:
    topic, place = rng.choice(TOPICS), rng.choice(PLACES)
    budget = Decimal(rng.randrange(500, 50000)) / 100
    rows = []
    for level1, level2, name_template, value_template in ROWS:
        name = name_template.format(t=topic, p=place)
        if rng.random() < 0.01:
            for right, wrong in SLIPS.items():
                if right in name:
                    name = name.replace(right, wrong, 1)
                    break
        text = value_template.format(n=rng.randrange(10, 5000), k=rng.randrange(1, 60), r=rng.randrange(80, 100),
                                     b=budget, c=rng.randrange(50, 900), s=rng.choice((85, 90, 95)))  # fmt: skip
        value = values.get(text) or values.setdefault(text, parse_value(text))
        description = name if rng.random() < 0.3 else f"{name}：按年度台账统计"
        basis = None if rng.random() < 0.2 else "计划标准：年度工作计划"
        rows.append(Indicator(level1, level2, name, value, description, basis))  # type: ignore[arg-type]
    return Project(
        code=f"1303042{index:014d}",
        name=f"{place}{topic}项目",
        unit=Unit("287001", "示例单位(本级)"),
        budget=Budget(budget, budget, Decimal(0)),
        fund_use=f"预算数{budget}万元，其中财政资金{budget}万元，用于{place}{topic}。",
        spending_plan=list(PLAN),
        goal=f"全年完成{place}{topic}服务，受益群众不少于{rng.randrange(100, 9000)}人次。",
        indicators=rows,
    )


def make_document(projects: int, seed: int = 287001) -> TargetDocument:
    rng = random.Random(seed)
    values: dict[str, object] = {}  # share parsed values, as a reader's cache would; the review never mutates them
    subgoals = [
        SubGoal(f"{t}服务", f"负责{t}工作。", [f"全年{t}服务不少于{n}人次。"]) for n, t in enumerate(TOPICS[:6])
    ]
    return TargetDocument(
        2021,
        "万元",
        Department("287001", "示例部门"),
        Overall(goal="全年各项服务人次不少于10万。", subgoals=subgoals),
        [make_project(rng, n, values) for n in range(projects)],
    )


def timed(document: TargetDocument) -> tuple[float, int, float]:
    """Wall seconds, number of findings, and CPU seconds of this process (steadier on a shared machine)."""
    start, cpu = time.perf_counter(), time.process_time()
    findings = review_document(document)
    return time.perf_counter() - start, len(findings), time.process_time() - cpu


def p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[max(0, int(len(ordered) * 0.95) - 1)]


def bench_department(rounds: int) -> None:
    document = make_document(50)
    indicators = sum(len(p.indicators) for p in document.projects)
    timed(document)  # warm up: imports, the pinyin table, regex caches
    runs = [timed(document) for _ in range(rounds)]
    wall, cpu = [run[0] for run in runs], [run[2] for run in runs]
    findings = review_document(document)
    print(f"department: {len(document.projects)} projects, {indicators} indicators, {len(findings)} findings")
    print(f"  review median {statistics.median(wall) * 1000:.1f} ms, p95 {p95(wall) * 1000:.1f} ms wall; "
          f"median {statistics.median(cpu) * 1000:.1f} ms CPU; {rounds} rounds (target: median < 100 ms)")  # fmt: skip
    top = Counter(f.rule for f in findings).most_common(8)
    print("  most frequent rules: " + ", ".join(f"{rule} {count}" for rule, count in top))


def bench_million(rounds: int) -> None:
    start = time.perf_counter()
    document = make_document(66_667)
    built = time.perf_counter() - start
    indicators = sum(len(p.indicators) for p in document.projects)
    print(f"million: {len(document.projects)} projects, {indicators} indicators (built in {built:.1f} s)")
    samples = []
    for _ in range(rounds):
        gc.collect()
        seconds, count, cpu = timed(document)
        samples.append(seconds)
        print(f"  review {seconds:.1f} s wall, {cpu:.1f} s CPU, {count} findings")
    print(f"  median {statistics.median(samples):.1f} s wall over {rounds} run(s) (target: < 60 s)")


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
