"""Filed under the wrong level-2: what the indicator measures disagrees with its category (a common mistake in real
tables, see docs/domain/review.md#category-checks).

Each check reads the name (and unit) for what it measures and compares that with the level-2 it is filed under.
They are keyword heuristics, so each fires only when one reading is present and the expected one is absent.
"""

from __future__ import annotations

from jixiao.domain.profiles import Aspect
from jixiao.domain.review.context import Context, Row
from jixiao.domain.review.model import Params, Scope, Severity
from jixiao.domain.review.registry import rule
from jixiao.domain.review.text import is_money_unit, words

_ACCURACY = words("准确", "精准", "精确", "正确", "差错", "出错", "误差", "错误")
_TIME = words(
    "及时",
    "时间",
    "时限",
    "时效",
    "期限",
    "按时",
    "按期",
    "准时",
    "如期",
    "进度",
    "周期",
    "时长",
    "限时",
    "速度",
    "[天日月年]",
)
_SOCIAL = words(
    "社会", "群众", "民生", "就业", "稳定", "保障", "生活", "百姓", "居民", "和谐", "治安", "教育", "文化", "健康",
    "养老", "扶贫", "帮扶", "救助", "老干部", "青少年",
)  # fmt: skip
_ECOLOGY = words(
    "生态", "环境", "环保", "绿", "污染", "排放", "节能", "能耗", "节水", "水质", "空气", "大气", "植被", "森林",
    "林", "碳", "垃圾", "土壤", "噪", "废", "湿地", "河", "湖", "草", "耕地", "资源", "节约",
)  # fmt: skip
# Units that count things or people: a count is a quantity, not a quality.
_COUNT_UNITS = frozenset({
    "次", "人", "人次", "个", "场", "项", "户", "家", "件", "批", "期", "名", "位", "台", "套", "所", "处", "篇",
    "份", "条", "册", "本", "辆", "座", "栋", "间", "张", "部", "支", "只", "头", "棵", "株", "场次", "课时", "批次",
})  # fmt: skip
_MONEY = words(
    "成本", "费", "资金", "经费", "金额", "预算", "支出", "价", "元", "投入", "开支", "补助", "补贴", "工资", "薪",
    "报酬", "津贴", "造价", "款", "资产", "财政",
)  # fmt: skip


@rule(
    "category.time",
    Scope.INDICATOR,
    title="时效指标衡量的不是时间",
    severity=Severity.WARNING,
    basis=(
        "docs/domain/review.md#category-checks：时效指标衡量完成的及时程度；准确性属于质量指标 [E1, E3]；"
        "指标归类错误是常见问题 [S2]"
    ),
    message="“{name}”衡量的是准确程度，却放在了时效指标下。",
    suggestion="移到“质量指标”下；时效指标改写为时间要求，如“缴纳及时率 ≥98%”或“每月15日前完成”。",
    example="时效指标“社保缴纳的准确性 ≥96%”",
)
def timeliness_measures_time(row: Row, ctx: Context) -> Params | None:
    if row.aspect2 is Aspect.TIMELINESS and _ACCURACY.search(row.name) and not _TIME.search(row.name):
        return {"name": row.name}
    return None


@rule(
    "category.ecology",
    Scope.INDICATOR,
    title="生态效益指标写的是社会内容",
    severity=Severity.WARNING,
    basis=(
        "docs/domain/review.md#category-checks：生态（环境）效益衡量对环境的影响 [E3, E1]；指标归类错误是常见问题 [S2]"
    ),
    message="“{name}”说的是社会方面的效果，却放在了生态效益指标下。",
    suggestion="移到“社会效益指标”下；项目确实没有生态方面的效果时，不必硬填生态效益指标。",
    example="生态效益指标“保障社会发展 ≥96%”",
)
def ecology_is_ecological(row: Row, ctx: Context) -> Params | None:
    if row.aspect2 is Aspect.ECOLOGICAL and _SOCIAL.search(row.name) and not _ECOLOGY.search(row.name):
        return {"name": row.name}
    return None


@rule(
    "category.quality",
    Scope.INDICATOR,
    title="质量指标按次数或人数计量",
    severity=Severity.WARNING,
    basis=(
        "docs/domain/review.md#category-checks：数量指标计数量，质量指标衡量达到的标准（合格率、达标率、准确率）[E1]；"
        "指标归类错误 [S2]"
    ),
    message="质量指标“{name}”以“{unit}”计量，数的是数量而不是质量。",
    suggestion="把这一行移到“数量指标”下；质量指标改写为达标程度，如“活动计划执行率 ≥95%”。",
    example="质量指标“组织有意义活动 ≥10次”",
)
def quality_is_not_a_count(row: Row, ctx: Context) -> Params | None:
    if row.aspect2 is Aspect.QUALITY and row.value.unit in _COUNT_UNITS:
        return {"name": row.name, "unit": row.value.unit}
    return None


@rule(
    "category.cost",
    Scope.INDICATOR,
    title="成本指标与钱无关",
    severity=Severity.WARNING,
    basis=(
        "docs/domain/review.md#category-checks 与 docs/domain/values.md#cost-indicators：成本指标是金额上限，"
        "如“项目总成本 ≤90万元”[E1]、“成本控制数 ≤30万元”[E11]"
    ),
    message="成本指标“{name}”（{value}）说的不是钱。",
    suggestion="成本指标写花费的上限，如“人均培训成本 ≤500元/人”；这一行按它衡量的内容移到数量、质量或时效指标下。",
    example="成本指标“培训人数 ≥50人”",
)
def cost_is_about_money(row: Row, ctx: Context) -> Params | None:
    if not row.cost or is_money_unit(row.value.unit) or _MONEY.search(row.name):
        return None
    return {"name": row.name, "value": row.value.text}
