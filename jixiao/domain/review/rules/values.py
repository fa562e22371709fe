"""The indicator value itself: complete, no placeholders, cost written as a ceiling in money, rates ≤ 100% (T5–T10)."""

from __future__ import annotations

import re
from decimal import Decimal

from jixiao.domain.model import Comparator, ValueKind
from jixiao.domain.profiles import Aspect
from jixiao.domain.review.context import Context, Row
from jixiao.domain.review.model import Params, Scope, Severity
from jixiao.domain.review.registry import rule
from jixiao.domain.review.text import compact, is_money_unit, to_document_unit, words

_HUNDRED = Decimal(100)
_COMPARATOR_START = re.compile(r"^\s*(?:[≥≤><=≧≦＞＜＝]|不低于|不少于|不高于|不超过|大于|小于)")
# V11: the vendor rejects 指标值 containing *, _ or - used as blanks ("≥**%"); a dash before a digit is a range or sign.
_PLACEHOLDER = re.compile(r"[*＊_＿]|[-—–](?!\s*\d)|[xX]{2,}|[?？]")
_QUANTITATIVE_OTHER = words(r"定量\s*[(（]\s*其他\s*[)）]")
# Rates that may exceed 100%: growth, increases, multiples.
_GROWTH = words("增长", "增幅", "增速", "增加", "提高", "提升", "同比", "环比", "倍", "超额", "超出")


@rule(
    "T5",
    Scope.INDICATOR,
    title="定量指标值不完整",
    severity=Severity.ERROR,
    basis="docs/domain/review.md#t5-complete-quantitative-values：定量指标需有比较符号、数值和计量单位 [G7, V11]",
    message="指标值“{value}”不完整：{problem}。",
    suggestion="写成“比较符号 + 数值 + 单位”的形式，例如“≥95%”“≤10万元”“=50人”。",
    example="指标值“≥%”（有符号没有数值）或“50”（有数值没有单位）",
)
def complete_quantity(row: Row, ctx: Context) -> Params | None:
    value = row.value
    if value.kind is ValueKind.QUANTITATIVE and value.unit is None:
        return {"value": value.text, "problem": "缺少计量单位"}
    if (
        value.kind is ValueKind.QUALITATIVE
        and _COMPARATOR_START.match(value.text)
        and not _PLACEHOLDER.search(value.text)
    ):
        return {"value": value.text, "problem": "写了比较符号却没有可读的数值"}
    return None


@rule(
    "T5.comparator",
    Scope.INDICATOR,
    title="定量指标值未写比较符号",
    severity=Severity.INFO,
    basis=(
        "docs/domain/review.md#t5-complete-quantitative-values 与 docs/domain/values.md#comparator-and-direction："
        "指标性质（=、≥、≤）是评分方向的依据 [G7, V2]；合并显示的表格常省略“=”"
    ),
    message="指标值“{value}”没有写比较符号，将按“={value}”理解。",
    suggestion="写明方向：要达到或超过用“≥”，不得超过用“≤”，恰好等于用“=”。",
    example="数量指标“保障人数”的指标值写成“3人”",
)
def explicit_comparator(row: Row, ctx: Context) -> Params | None:
    value = row.value
    if value.kind is ValueKind.QUANTITATIVE and value.comparator is None and value.upper is None:
        return {"value": value.text}
    return None


@rule(
    "T6",
    Scope.INDICATOR,
    title="指标值含占位符",
    severity=Severity.ERROR,
    basis="docs/domain/review.md#t6-placeholders：系统拒绝含 *、_、- 占位的指标值 [V11]",
    message="指标值“{value}”含有占位符号，像是没有填完。",
    suggestion="把占位的 *、_、- 换成实际的目标数值。",
    example="指标值“≥**%”",
)
def no_placeholder(row: Row, ctx: Context) -> Params | None:
    text = row.value.text
    if text and _PLACEHOLDER.search(text):
        return {"value": text}
    return None


@rule(
    "T7",
    Scope.INDICATOR,
    title="指标名称过长",
    severity=Severity.ERROR,
    basis="docs/domain/review.md#t7-name-length：三级指标名称不超过 100 字 [V11]",
    message="三级指标名称有 {length} 个字，超过 {limit} 个字的上限。",
    suggestion="把名称缩短为“对象 + 衡量内容”，说明性文字移到绩效指标描述中。",
    example="把一整段说明写进了三级指标名称",
)
def short_name(row: Row, ctx: Context) -> Params | None:
    limit = ctx.profile.thresholds.max_name_length
    if len(row.name) > limit:
        return {"length": len(row.name), "limit": limit}
    return None


@rule(
    "T8",
    Scope.INDICATOR,
    title="非数值的定量指标缺少说明",
    severity=Severity.ERROR,
    basis=(
        "docs/domain/review.md#t8-explanation-of-non-numeric-quantities："
        "“定量（其他）”或非数值的定量指标须在指标值说明中解释 [V11]"
    ),
    message="“{name}”是数量指标，但指标值“{value}”不是数值，也没有说明如何衡量。",
    suggestion="改为数值目标（如“≥50人”）；确实无法给出数值时，在绩效指标描述中说明衡量口径。",
    example="数量指标“培训人数”的指标值写“按实际需要”，描述为空",
)
def explained_non_numeric(row: Row, ctx: Context) -> Params | None:
    value = row.value
    quantity = row.aspect2 is Aspect.QUANTITY and value.kind is ValueKind.QUALITATIVE
    if not (quantity or _QUANTITATIVE_OTHER.search(value.text)) or not value.text.strip():
        return None
    description = compact(row.indicator.description or "")
    if description and description != row.key:
        return None
    return {"name": row.name, "value": value.text}


def _ceiling(row: Row, ctx: Context, unknown: str) -> Params:
    """The ``≤{budget}{unit}`` a cost suggestion offers: the project budget in the document's unit, else ``unknown``."""
    budget = row.facts.project.budget.total
    return {"budget": budget if budget is not None else unknown, "unit": ctx.amount_unit or "万元"}


@rule(
    "T9",
    Scope.INDICATOR,
    title="成本指标方向写反",
    severity=Severity.WARNING,
    basis="docs/domain/review.md#t9-cost-indicators：成本指标是上限，用“≤”（或“=”）[E1, E11]",
    message="成本指标“{name}”的指标值“{value}”用了“{symbol}”，等于要求花得越多越好。",
    suggestion="成本是控制上限，改为“≤”加金额，例如“≤{budget}{unit}”。",
    example="成本指标“控制在预算资金内 ≥100%”",
)
def cost_is_a_ceiling(row: Row, ctx: Context) -> Params | None:
    comparator = row.value.comparator
    if not row.cost or comparator is None or not comparator.is_lower_bound:
        return None
    return {"name": row.name, "value": row.value.text, "symbol": comparator.symbol, **_ceiling(row, ctx, "预算金额")}


@rule(
    "T9.unit",
    Scope.INDICATOR,
    title="成本指标不是金额",
    severity=Severity.WARNING,
    basis=(
        "docs/domain/review.md#t9-cost-indicators 与 docs/domain/values.md#cost-indicators："
        "已发布的成本指标都是“≤金额”，如“项目总成本 ≤90万元”[E1]、“成本控制数 ≤30万元”[E11]"
    ),
    message="成本指标“{name}”的指标值“{value}”{problem}，看不出花多少钱。",
    suggestion="写成金额上限，例如“≤{budget}{unit}”，或按单价写“≤X元/人”。",
    example="成本指标“活动资金使用成本 ≤100%”",
)
def cost_is_money(row: Row, ctx: Context) -> Params | None:
    value = row.value
    if not row.cost or not value.text.strip() or is_money_unit(value.unit):
        return None
    if value.is_percent:
        problem = "是百分比而不是金额"
    elif value.kind is ValueKind.QUANTITATIVE:
        problem = f"的单位是“{value.unit or '无'}”而不是元或万元"
    else:
        problem = "是文字描述而不是金额"
    return {"name": row.name, "value": value.text, "problem": problem, **_ceiling(row, ctx, "X")}


@rule(
    "T9.budget",
    Scope.INDICATOR,
    title="成本指标金额超过项目预算",
    severity=Severity.WARNING,
    basis=(
        "docs/domain/review.md#t9-cost-indicators 的启发式检查（本项目的做法）："
        "成本上限不应超过项目预算（金额按文件的金额单位换算，万元与元不混淆）"
    ),
    message="成本指标“{name}”的金额“{value}”折合 {amount}{unit}，超过项目预算 {budget}{unit}。",
    suggestion="核对金额和单位（万元还是元）；成本上限一般不超过项目预算 {budget}{unit}。",
    example="预算 5.00 万元的项目，成本指标写“≤50000万元”（把元当成了万元）",
)
def cost_within_budget(row: Row, ctx: Context) -> Params | None:
    value, budget = row.value, row.facts.project.budget.total
    if not row.cost or value.number is None or budget is None or value.kind is not ValueKind.QUANTITATIVE:
        return None
    amount = to_document_unit(value.upper or value.number, value.unit, ctx.amount_unit)
    if amount is None or amount <= budget:
        return None
    return {
        "name": row.name,
        "value": value.text,
        "amount": f"{amount.normalize():f}",
        "budget": budget,
        "unit": ctx.amount_unit,
    }


@rule(
    "T10",
    Scope.INDICATOR,
    title="比率目标超过 100%",
    severity=Severity.WARNING,
    basis=(
        "docs/domain/review.md#t10-rates-above-100 与 docs/domain/values.md#rates-at-100：“≥100%”逻辑上等于“=100%”，"
        "比率不能超过 100%；已发布表格中常见 [E1]"
    ),
    message="“{name}”的指标值“{value}”要求达到或超过 100%，但这类比率最高只能是 100%。",
    suggestion="要求全部做到就写“=100%”；否则按实际能达到的水平写，如“≥98%”。",
    example="质量指标“特困金发放准确率 ≥100%”",
)
def rate_at_most_100(row: Row, ctx: Context) -> Params | None:
    value = row.value
    if not value.is_percent or value.number is None or value.comparator not in (Comparator.GE, Comparator.GT):
        return None
    over = value.number > _HUNDRED or (value.number == _HUNDRED and value.comparator is Comparator.GT)
    at = value.number == _HUNDRED and value.comparator is Comparator.GE
    if not (over or at) or _GROWTH.search(row.name):
        return None
    return {"name": row.name, "value": value.text}
