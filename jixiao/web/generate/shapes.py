"""What generated documents look like: names, budgets, spending plans and indicators, drawn from real documents.

Everything here is pure: a ``random.Random`` in, plain domain objects out. The indicator pool is the seed document
plus the text fixtures; each pooled indicator gets a handful of value variants (the number scaled, percentages kept
plausible) so that 300,000 generated rows cost a dictionary copy each, not a parse.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from jixiao.domain import model as domain
from jixiao.domain.profiles import get_profile
from jixiao.domain.review import Severity, review_document
from jixiao.domain.values import parse_value, render_value
from jixiao.formats import read_path
from jixiao.web.records import conversion

ROOT = Path(__file__).resolve().parents[3]
SOURCES = [
    ROOT / "jixiao" / "demo" / "seed_287001_2021.txt",
    *sorted((ROOT / "tests" / "fixtures" / "text").glob("*.txt")),
]

DEPARTMENT_NAMES = [
    "教育局", "卫生健康委员会", "民政局", "农业农村局", "交通运输局", "住房和城乡建设局", "文化广电旅游局",
    "公安局", "司法局", "自然资源和规划局", "生态环境局", "水利局", "科学技术局", "人力资源和社会保障局",
    "市场监督管理局", "应急管理局", "退役军人事务局", "统计局", "审计局", "体育局", "商务局", "医疗保障局",
    "林业局", "城市管理局", "财政局机关", "老干部局", "档案馆", "机关事务管理局", "信访局", "残疾人联合会",
]  # fmt: skip
UNIT_SUFFIXES = [
    "机关", "事务中心", "服务中心", "信息中心", "监测站", "管理所", "保障中心", "发展中心", "研究所", "培训中心",
    "执法大队", "第一中学", "第二小学", "人民医院", "疾病预防控制中心", "社会福利院", "图书馆", "博物馆",
]  # fmt: skip
PURPOSES = [
    "日常运转保障", "专项业务", "设备购置", "信息化建设", "人员培训", "宣传教育", "公共服务", "维修改造",
    "监督检查", "课题研究", "困难群众补助", "安全生产", "环境整治", "基层服务能力提升",
]  # fmt: skip
PLANS: list[list[tuple[str, int, Decimal]]] = [
    [("3月底", 3, Decimal("25.00")), ("6月底", 6, Decimal("50.00")), ("10月底", 10, Decimal("75.00")),
     ("12月底", 12, Decimal("100.00"))],
    [("3月底", 3, Decimal("20")), ("6月底", 6, Decimal("45")), ("9月底", 9, Decimal("70")),
     ("12月底", 12, Decimal("100"))],
    [("6月底", 6, Decimal("60")), ("12月底", 12, Decimal("100"))],
    [],
]  # fmt: skip
# 指标值确定依据 as units write it; one in six left empty, as in real submissions (review rule T15 then warns).
BASES = ["计划标准：年度工作计划", "历史标准：上年实际完成值", "行业标准：相关行业规定", None, "计划标准：项目实施方案",
         "历史标准：近三年平均水平"]  # fmt: skip
FLAWED_SHARE = 0.02  # projects with one row the review rejects: about one document in six at ten projects each
LEVEL1_ORDER = {"产出指标": 0, "效益指标": 1, "满意度指标": 2}
SCALES = (Decimal("0.5"), Decimal("0.8"), Decimal(1), Decimal("1.5"), Decimal(2), Decimal(5))
PERCENTS = (Decimal(80), Decimal(85), Decimal(90), Decimal(95), Decimal(98), Decimal(100))


@dataclass(frozen=True, slots=True)
class Variant:
    """One pooled indicator with one value: the domain object (for the review) and its database fields."""

    indicator: domain.Indicator
    fields: dict[str, Any]


@dataclass(frozen=True, slots=True)
class Pool:
    """The generator's raw material, grouped by level-1 category."""

    by_level1: dict[str, list[list[Variant]]]
    flawed: list[list[Variant]]  # rows the review rejects (T1/T3/T5), drawn into a few projects on purpose
    project_names: list[str]
    goals: list[str]


def _scaled(value: domain.IndicatorValue, factor: Decimal, percent: Decimal) -> domain.IndicatorValue:
    if value.kind is not domain.ValueKind.QUANTITATIVE or value.number is None or value.upper is not None:
        return value
    if value.unit == "%":
        number = percent if value.number >= 50 else value.number
    else:
        number = (value.number * factor).quantize(value.number) if value.number >= 1 else value.number
    changed = replace(value, number=number)
    return parse_value(render_value(changed))  # the printed text is authoritative: parse what we print


def _variants(indicator: domain.Indicator) -> list[Variant]:
    seen: dict[str, Variant] = {}
    for index, (factor, percent) in enumerate(zip(SCALES, PERCENTS, strict=True)):
        item = replace(
            indicator,
            value=_scaled(indicator.value, factor, percent),
            description=indicator.description or indicator.level3,
            basis=indicator.basis or BASES[index % len(BASES)],
            weight=None,
            midterm_value=None,
        )
        seen.setdefault(item.value.text, Variant(item, conversion.indicator_fields(item)))
    return list(seen.values())


@cache
def pool() -> Pool:
    """The pool, read once per process from the seed and the text fixtures."""
    by_level1: dict[str, list[list[Variant]]] = {name: [] for name in LEVEL1_ORDER}
    names: list[str] = []
    goals: list[str] = []
    seen: set[tuple[str | None, str | None]] = set()
    for source in SOURCES:
        document = read_path(source).document
        for project in document.projects:
            names.append(project.name or "")
            if project.goal:
                goals.append(project.goal)
            for indicator in project.indicators:
                key = (indicator.level3, indicator.value.text)
                if indicator.level1 in by_level1 and key not in seen:
                    seen.add(key)
                    by_level1[indicator.level1].append(_variants(indicator))
    flawed = _flawed([variants for group in by_level1.values() for variants in group])
    clean = {name: [v for v in group if id(v) not in flawed] for name, group in by_level1.items()}
    return Pool(clean, [v for group in by_level1.values() for v in group if id(v) in flawed], names, goals)


def _flawed(rows: list[list[Variant]]) -> set[int]:
    """The pooled indicators the review engine rejects on their own (real documents have some): reviewed once, in
    one project, and set aside so that errors are drawn on purpose rather than by chance."""
    probe = domain.Project(
        code="P", name="P", budget=domain.Budget(Decimal(1), Decimal(1), Decimal(0)),
        indicators=[variants[0].indicator for variants in rows],
    )  # fmt: skip
    document = domain.TargetDocument(
        year=2025, amount_unit="万元", department=domain.Department("D", "D"), projects=[probe]
    )
    bad = {
        finding.location.position
        for finding in review_document(document, profile=get_profile("national"))
        if finding.severity is Severity.ERROR and finding.location.position is not None
    }
    return {id(variants) for index, variants in enumerate(rows, start=1) if index in bad}


def indicators(rng: random.Random, count: int) -> list[Variant]:
    """``count`` indicators in document order: mostly 产出, some 效益, at least one 满意度; no level-3 name twice."""
    source = pool().by_level1
    satisfaction = min(len(source["满意度指标"]), 1 + (count >= 12))
    benefit = min(len(source["效益指标"]), max(1, count // 4))
    output = count - satisfaction - benefit
    chosen = [
        *rng.sample(source["产出指标"], min(output, len(source["产出指标"]))),
        *rng.sample(source["效益指标"], benefit),
        *rng.sample(source["满意度指标"], satisfaction),
    ]
    if pool().flawed and rng.random() < FLAWED_SHARE:
        chosen[rng.randrange(len(chosen))] = rng.choice(pool().flawed)
    picked = [rng.choice(variants) for variants in chosen]
    return sorted(picked, key=lambda v: (LEVEL1_ORDER[v.indicator.level1 or ""], v.indicator.level2 or ""))


def budget(rng: random.Random) -> Decimal:
    """A project budget in 万元: log-normal around 20 万元, two decimals (most are 1–500 万元)."""
    return Decimal(str(round(min(max(rng.lognormvariate(3.0, 1.2), 0.5), 5000.0), 2))).quantize(Decimal("0.01"))


def plan(rng: random.Random) -> list[domain.SpendingCheckpoint]:
    return [domain.SpendingCheckpoint(label=label, month=month, percent=pct) for label, month, pct in rng.choice(PLANS)]


def unit_name(rng: random.Random, department: str, index: int) -> str:
    return f"{department[:-1] if department.endswith('局') else department}{rng.choice(UNIT_SUFFIXES)}{index}"


def project(
    rng: random.Random, *, code: str, unit: domain.Unit, year: int, indicator_range: Sequence[int]
) -> tuple[domain.Project, list[dict[str, Any]]]:
    """One project table shaped like the seed's (budget, fund use, goal, spending plan, 8–15 indicators) and its
    indicators' database fields."""
    total = budget(rng)
    other = Decimal(0) if rng.random() < 0.8 else (total * Decimal("0.2")).quantize(Decimal("0.01"))
    purpose = rng.choice(PURPOSES)
    name = f"{year}年{purpose}项目（{rng.choice(pool().project_names)[:20]}）"
    chosen = indicators(rng, rng.randint(*indicator_range))
    content = domain.Project(
        code=code,
        name=name,
        title="项目支出绩效目标表",
        unit=unit,
        budget=domain.Budget(total=total, fiscal=total - other, other=other),
        fund_use=f"预算资金{total}万元，主要用于{purpose}。",
        spending_plan=plan(rng),
        goal=rng.choice(pool().goals),
        indicators=[v.indicator for v in chosen],
    )
    return content, [v.fields for v in chosen]
