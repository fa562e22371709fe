"""Wording and placement: vague targets, benefit vs quality vs satisfaction, annual vs long-term, satisfaction
range, the value's basis (T11–T15)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from jixiao.domain.model import Comparator, ValueKind
from jixiao.domain.profiles import Aspect
from jixiao.domain.review.context import Context, ProjectFacts, Row
from jixiao.domain.review.model import Hit, Location, Params, Part, Scope, Severity
from jixiao.domain.review.registry import rule
from jixiao.domain.review.text import excerpt, words

# S3: wording a reviewer sends back when no number stands behind it.
_IMPROVE = "(?:提升|提高|改善|促进|保障|推进|推动|增强|加强|减少|降低|下降|缓解|解决|发挥|带动|遏制|落实)"
_VAGUE = words(
    "进一步",
    "大力",
    "切实",
    "不断",
    "稳步",
    "大幅",
    "较大",
    "极大",
    f"(?:有效|明显|显著|充分){_IMPROVE}",
    "(?:效果|成效|效益|作用)(?:明显|显著|突出|良好)",
    r"(?:提升|提高|改善).{0,8}水平",
)
_CLAUSE = re.compile(r"[，,。；;！!？?\n]+")
_DIGIT = re.compile(r"\d")
_SATISFACTION = words("满意")
# S2: rates that measure the work's quality, not its effect.
_QUALITY_WORDS = words("合格率", "故障率", "达标率", "完好率", "验收合格", "差错率", "返工率")
_MULTI_YEAR = words(r"20\d\d\s*[-—–~至到]\s*20\d\d", "十四五", "十五五", r"[二三四五]年内", r"[二三四五]年间")


def vague_clause(text: str) -> str | None:
    """The first clause using vague wording with no number in it, or None."""
    for clause in _CLAUSE.split(text):
        if _VAGUE.search(clause) and not _DIGIT.search(clause):
            return clause.strip()
    return None


@rule(
    "T11",
    Scope.PROJECT,
    title="目标表述含糊",
    severity=Severity.WARNING,
    basis="docs/domain/review.md#t11-vague-wording：“进一步”“明显”“有效”“提升…水平”等没有数字的表述无法衡量 [S3]",
    message="{what}“{text}”用了“{word}”这类含糊的说法，却没有可衡量的数字。",
    suggestion="写出可以核对的结果，例如“覆盖率由 80% 提高到 90%”“全年组织活动不少于 12 次”。",
    example="社会效益指标“有效提升服务水平”，指标值“效果明显”",
)
def vague_wording(facts: ProjectFacts, ctx: Context) -> Iterator[Hit]:
    clause = vague_clause(facts.project.goal or "")
    if clause:
        word = _VAGUE.search(clause)
        yield Hit(facts.location, {"what": "绩效目标", "text": excerpt(clause), "word": word.group() if word else ""})
    for row in facts.rows:
        texts = [("三级指标", row.name)]
        if row.value.kind is ValueKind.QUALITATIVE:
            texts.append(("指标值", row.value.text))
        for what, text in texts:
            clause = vague_clause(text)
            word = _VAGUE.search(clause) if clause else None
            if clause and word:
                yield Hit(row.location, {"what": what, "text": excerpt(clause), "word": word.group()})
                break


@rule(
    "T11.overall",
    Scope.DOCUMENT,
    title="部门总体目标表述含糊",
    severity=Severity.WARNING,
    basis="docs/domain/review.md#t11-vague-wording [S3]，用于第一部分的总体绩效目标",
    message="部门总体绩效目标“{text}”用了“{word}”这类含糊的说法，却没有可衡量的数字。",
    suggestion="把总体目标落到可核对的结果上，并在分项目标的细化目标中给出数量、时间或比例。",
    example="总体目标“大力提高老干部满意度”",
)
def vague_overall(ctx: Context) -> Iterator[Hit]:
    overall = ctx.document.overall
    clause = vague_clause(overall.goal or "") if overall else None
    word = _VAGUE.search(clause) if clause else None
    if clause and word:
        yield Hit(Location(Part.OVERALL), {"text": excerpt(clause), "word": word.group()})


@rule(
    "T12",
    Scope.PROJECT,
    title="效益指标只有满意度",
    severity=Severity.WARNING,
    basis="docs/domain/review.md#t12-benefit-vs-satisfaction-and-quality：以满意度代替效益指标是常见错误 [S2]",
    message="效益指标只有满意度类的内容（{names}），没有说明项目带来的实际效果。",
    suggestion="满意度放在“满意度指标”下；效益指标写项目产生的经济、社会或生态效果。",
    example="效益指标下只有“群众满意度 ≥90%”",
)
def benefit_not_only_satisfaction(facts: ProjectFacts, ctx: Context) -> Iterator[Hit]:
    benefit = [row for row in facts.rows if row.aspect1 is Aspect.BENEFIT]
    if benefit and all(_SATISFACTION.search(row.name) for row in benefit):
        yield Hit(facts.location, {"names": "、".join(f"“{row.name}”" for row in benefit)})


@rule(
    "T12.quality",
    Scope.INDICATOR,
    title="质量指标放在了效益指标下",
    severity=Severity.WARNING,
    basis=(
        "docs/domain/review.md#t12-benefit-vs-satisfaction-and-quality：合格率、故障率、达标率衡量的是产出质量，"
        "不是效益 [S2]"
    ),
    message="“{name}”衡量的是产出的质量，却放在了效益指标下。",
    suggestion="移到“产出指标—质量指标”下；效益指标写项目带来的效果（如受益人数、节约的费用）。",
    example="社会效益指标“验收合格率 ≥95%”",
)
def quality_not_benefit(row: Row, ctx: Context) -> Params | None:
    if row.aspect1 is Aspect.BENEFIT and _QUALITY_WORDS.search(row.name):
        return {"name": row.name}
    return None


@rule(
    "T13",
    Scope.PROJECT,
    title="年度目标与中长期目标混淆",
    severity=Severity.WARNING,
    basis="docs/domain/review.md#t13-annual-vs-long-term：把多年的目标当作年度目标申报是常见错误 [S2]",
    message="年度绩效目标“{text}”{problem}。",
    suggestion="年度目标只写本年度要完成的内容；多年的目标写在中长期目标中。",
    example="年度目标写“2021-2023年完成全区老旧小区改造”",
)
def annual_not_long_term(facts: ProjectFacts, ctx: Context) -> Iterator[Hit]:
    goal, midterm = (facts.project.goal or "").strip(), (facts.project.midterm_goal or "").strip()
    if not goal:
        return
    if midterm and goal == midterm:
        yield Hit(facts.location, {"text": excerpt(goal), "problem": "与中长期目标完全相同"})
    elif match := _MULTI_YEAR.search(goal):
        yield Hit(facts.location, {"text": excerpt(goal), "problem": f"写的是“{match.group()}”的多年目标"})


@rule(
    "T13.values",
    Scope.PROJECT,
    title="年度指标值与中期指标值相同",
    severity=Severity.WARNING,
    basis="docs/domain/review.md#t13-annual-vs-long-term [S2]：年度指标应是中期指标分年度的一部分",
    message="全部 {count} 个年度指标值都与中期指标值相同，像是把中期目标当成了年度目标。",
    suggestion="按年度分解中期目标，年度指标值写本年度要达到的数。",
    example="中期“≥300人”、年度也是“≥300人”，每一行都如此",
)
def annual_values_differ(facts: ProjectFacts, ctx: Context) -> Iterator[Hit]:
    pairs = [(row.value, row.indicator.midterm_value) for row in facts.rows if row.indicator.midterm_value]
    quantities = [pair for pair in pairs if pair[0].kind is ValueKind.QUANTITATIVE]
    if len(quantities) >= 2 and len(pairs) == len(facts.rows) and all(a.text == b.text for a, b in pairs if b):
        yield Hit(facts.location, {"count": len(pairs)})


@rule(
    "T14",
    Scope.INDICATOR,
    title="满意度目标不合常理",
    severity=Severity.WARNING,
    basis=(
        "docs/domain/review.md#t14-satisfaction-range：满意度是满意人数占有效样本的百分比 [E9]，"
        "示例多为“≥90%”[E1, E2]；范围由地区配置"
    ),
    message="满意度指标“{name}”的指标值“{value}”{problem}。",
    suggestion="写成 {low}%–{high}% 之间的百分比下限，例如“≥90%”。",
    example="满意度指标“服务对象满意度 ≥60%”或“满意”",
)
def satisfaction_range(row: Row, ctx: Context) -> Params | None:
    if not (row.aspect1 is Aspect.SATISFACTION or row.aspect2 is Aspect.SATISFACTION or _SATISFACTION.search(row.name)):
        return None
    value, limits = row.value, ctx.profile.thresholds
    low, high = Decimal(limits.satisfaction_min), Decimal(limits.satisfaction_max)
    if not value.is_percent or value.number is None:
        problem = "不是百分比"
    elif value.comparator in (Comparator.LE, Comparator.LT):
        problem = "用了“≤”，等于要求满意度不要太高"
    elif not low <= value.number <= high:
        problem = f"不在常见的 {low}%–{high}% 之间"
    else:
        return None
    return {"name": row.name, "value": value.text, "problem": problem, "low": low, "high": high}


@rule(
    "T15",
    Scope.INDICATOR,
    title="未填写指标值确定依据",
    severity=Severity.WARNING,
    basis=(
        "docs/domain/review.md#t15-basis-of-the-value："
        "目标表有“指标值确定依据”一栏（一体化系统 INDEXSTANDARDS）[V1, V12]"
    ),
    message="指标“{name}”没有填写指标值确定依据，审核时无法判断“{value}”是怎么定的。",
    suggestion="写明依据，例如“计划标准：年度工作计划”“历史标准：上年实际完成值”“行业标准：某某规定”。",
    example="“指标值确定依据”一栏为空",
)
def basis_given(row: Row, ctx: Context) -> Params | None:
    if not ctx.profile.review.basis_column or (row.indicator.basis or "").strip():
        return None
    return {"name": row.name, "value": row.value.text}
