"""Structure of a project table: required fields, the level-1 set, the frame, the number of indicators (T1–T4)."""

from __future__ import annotations

from collections.abc import Iterator

from jixiao.domain.review.context import Context, ProjectFacts, Row
from jixiao.domain.review.model import Hit, Params, Scope, Severity
from jixiao.domain.review.registry import rule

_PROJECT_FIELDS = (
    ("code", "项目编码"),
    ("name", "项目名称"),
    ("goal", "绩效目标（年度目标）"),
)
_BUDGET_FIELDS = (("total", "预算数"), ("fiscal", "财政资金"), ("other", "其他资金"))
_INDICATOR_FIELDS = {
    "level1": "一级指标",
    "level2": "二级指标",
    "level3": "三级指标",
    "description": "绩效指标描述（指标内容）",
    "value": "指标值",
    "basis": "指标值确定依据",
}


def _missing_indicator_fields(row: Row, required: tuple[str, ...]) -> Iterator[str]:
    indicator = row.indicator
    for field in required:
        present = indicator.value.text.strip() if field == "value" else (getattr(indicator, field) or "").strip()
        if not present:
            yield _INDICATOR_FIELDS[field]


@rule(
    "T1",
    Scope.PROJECT,
    title="必填内容缺失",
    severity=Severity.ERROR,
    basis=(
        "docs/domain/review.md#t1-required-fields：申报表模板字段 [E3, E5, G21]；"
        "一体化系统必填列 kpi_target、kpi_lv1..3、kpi_content、kpi_val [V1]"
    ),
    message="{where}缺少必填内容“{field}”。",
    suggestion="补填“{field}”。",
    example="项目没有填写“其他资金”（没有资金时应填 0）",
)
def required_fields(facts: ProjectFacts, ctx: Context) -> Iterator[Hit]:
    project = facts.project
    for attribute, label in _PROJECT_FIELDS:
        if not (getattr(project, attribute) or "").strip():
            yield Hit(facts.location, {"where": "项目", "field": label})
    for attribute, label in _BUDGET_FIELDS:
        if getattr(project.budget, attribute) is None:
            yield Hit(facts.location, {"where": "项目", "field": label})
    if not facts.rows:
        yield Hit(facts.location, {"where": "项目", "field": "绩效指标"})
    for row in facts.rows:
        for label in _missing_indicator_fields(row, ctx.profile.review.required_indicator_fields):
            yield Hit(row.location, {"where": f"第 {row.position} 行指标", "field": label})


@rule(
    "T2",
    Scope.PROJECT,
    title="缺少必备的一级指标",
    severity=Severity.ERROR,
    basis=(
        "docs/domain/review.md#t2-required-level-1-categories："
        "现行模板都有产出、效益、满意度三类一级指标 [E1, E3, G7]，"
        "自评分值也按这三类分配（docs/domain/scoring.md#weights）"
    ),
    message="项目没有“{missing}”类指标；绩效指标应包含{required}。",
    suggestion="补充“{missing}”下的指标，例如{hint}。",
    example="项目只有产出指标和效益指标，没有满意度指标",
)
def required_level1(facts: ProjectFacts, ctx: Context) -> Iterator[Hit]:
    if not facts.rows:
        return  # T1 already says the table is missing
    present = {row.level1.name for row in facts.rows if row.level1}
    required = ctx.profile.frame.required
    for level1 in required:
        if level1.name not in present:
            hint = "“" + "”“".join(second.name for second in level1.level2[:2]) + "”"
            names = "、".join(f"“{first.name}”" for first in required)
            yield Hit(facts.location, {"missing": level1.name, "required": names, "hint": hint})


@rule(
    "T3",
    Scope.INDICATOR,
    title="二级指标不属于所填的一级指标",
    severity=Severity.ERROR,
    basis=(
        "docs/domain/review.md#t3-level-2-under-its-level-1 与指标框架 "
        "docs/domain/frames.md#the-frame-the-code-uses [E1, E3, E11]；"
        "可用的二级指标由地区配置决定"
    ),
    message="二级指标“{level2}”不属于一级指标“{level1}”（{frame}）。",
    suggestion="把二级指标改为“{level1}”下的一项：{choices}；或把这一行移到正确的一级指标下。",
    example="一级指标“效益指标”下填了二级指标“质量指标”",
)
def level2_in_level1(row: Row, ctx: Context) -> Params | None:
    level1, level2 = row.indicator.level1, row.indicator.level2
    if row.level1 is None or not level2 or row.placed:
        return None
    choices = "、".join(second.name for second in row.level1.level2)
    frame = f"“{row.level1.name}”下只有{choices}"
    return {"level1": level1, "level2": level2, "frame": frame, "choices": choices}


@rule(
    "T3.level1",
    Scope.INDICATOR,
    title="一级指标不在指标框架中",
    severity=Severity.ERROR,
    basis=(
        "docs/domain/review.md#t3-level-2-under-its-level-1 与指标框架 "
        "docs/domain/frames.md#frames-by-era [E1, E3, G7]；"
        "框架由地区配置决定"
    ),
    message="一级指标“{level1}”不在本地区的指标框架中（可用：{choices}）。",
    suggestion="改用{choices}之一。",
    example="一级指标写成“投入指标”（旧版投入—产出—效果框架）",
)
def level1_known(row: Row, ctx: Context) -> Params | None:
    level1 = row.indicator.level1
    if row.level1 is not None or not level1 or not level1.strip():
        return None
    return {"level1": level1, "choices": "、".join(f"“{first.name}”" for first in ctx.profile.frame.level1)}


@rule(
    "T4",
    Scope.PROJECT,
    title="指标数量过少",
    severity=Severity.WARNING,
    basis="docs/domain/review.md#t4-minimum-number-of-indicators：地方模板要求至少 3 个指标 [S6]（数量可由地区配置）",
    message="项目只有 {count} 个绩效指标，少于 {minimum} 个。",
    suggestion="至少设置 {minimum} 个指标，覆盖产出、效益和满意度。",
    example="项目只填了 1 个指标",
)
def enough_indicators(facts: ProjectFacts, ctx: Context) -> Iterator[Hit]:
    minimum = ctx.profile.thresholds.min_indicators
    if 0 < len(facts.rows) < minimum:
        yield Hit(facts.location, {"count": len(facts.rows), "minimum": minimum})
