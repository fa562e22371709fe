"""The domain's messages: workflow, target review, self-evaluation scoring, monitoring and ledgers.

Registered by :mod:`jixiao.domain.errors` (owner ``domain``); docs/messages.md lists every catalogue.
"""

from __future__ import annotations

DOMAIN_MESSAGES: dict[str, str] = {
    # review (target review findings themselves are catalogued with their rules in jixiao/domain/review)
    "profile.unknown": "没有名为“{name}”的地区配置；可用的有：{known}。",
    # self-evaluation scoring (docs/domain/scoring.md); "第 {position} 行" is the indicator's row in its project's table
    "score.mismatch": "第 {position} 行指标“{name}”：按评分规则应得 {ours} 分，表中得分为 {published} 分。",
    "score.over_weight": "第 {position} 行指标“{name}”：表中得分 {published} 分超过了分值 {weight} 分。",
    "score.out_of_band": (
        "第 {position} 行指标“{name}”：完成情况为“{grade}”，得分应在 {band} 分之间，"
        "给出的是 {chosen} 分，已按 {score} 分计。"
    ),
    "score.text_actual": (
        "第 {position} 行指标“{name}”是定量指标（{target}），实际完成值却是文字“{actual}”，应填写数值。"
    ),
    "score.no_actual": "第 {position} 行指标“{name}”没有填写实际完成值，按 0 分计。",
    "score.manual": (
        "第 {position} 行指标“{name}”：实际完成值“{actual}”无法与指标值“{target}”比较，"
        "得分（{score} 分）由评分人确定，未经核对。"
    ),
    "score.unscorable": (
        "第 {position} 行指标“{name}”：实际完成值“{actual}”无法与指标值“{target}”比较，又没有给出得分，按 0 分计。"
    ),
    "score.default_band": (
        "第 {position} 行指标“{name}”：完成情况为“{grade}”，未给出得分，"
        "暂按该档最低分 {score} 分计，请在 {band} 分之间评定。"
    ),
    "score.unit_mismatch": (
        "第 {position} 行指标“{name}”：实际完成值的单位“{actual_unit}”与指标值的单位“{target_unit}”不同，未作换算。"
    ),
    "score.not_applicable": "第 {position} 行指标“{name}”不适用，不计分。",
    "score.rescaled": (
        "有 {count} 项不适用（共 {excluded} 分），总分按适用部分折算：{raw} × {possible} ÷ {applicable} = {total} 分。"
    ),
    "weights.default": "有 {count} 项指标没有分值，已按默认分配计分（{scheme}）。",
    "weights.sum": "分值合计为 {total} 分（预算执行 {execution} 分 + 指标 {indicators} 分），应为 {expected} 分。",
    "weights.level1": "“{level1}”下各指标分值合计 {found} 分，与标注的 {printed} 分不一致。",
    "weights.level1_missing": "没有“{level1}”类指标，该类的 {points} 分无处分配。",
    "execution.zero_budget": "全年预算数为 0 或未填写，无法计算预算执行率：预算执行不计分，总分按其余部分折算。",
    "execution.no_executed": "没有填写全年执行数，预算执行率按 0 计。",
    "execution.over": (
        "全年执行数 {executed} 超过全年预算数 {budget}（执行率 {rate}%）：支付不能超过预算，"
        "请核对执行数或补录预算调整；得分以分值 {weight} 分为上限。"
    ),
    "execution.parts": "年度资金总额的全年预算数（{total}）与其中各项之和（{parts}）不一致，已按{used}计算。",
    "execution.mismatch": "预算执行应得 {ours} 分（执行率 {rate}% × {weight} 分），表中得分为 {published} 分。",
    "execution.rate_mismatch": "表中执行率 {published}% 与 全年执行数 ÷ 全年预算数 = {ours}% 不一致。",
    "execution.low": "预算执行率 {rate}% 低于 {threshold}%，资金支出进度偏慢。",
    "consistency.ahead": (
        "指标完成程度 {indicators}% 比预算执行程度 {execution}% 高出 {gap}%（超过 {margin}%），"
        "目标完成情况与资金支出不匹配，请核实。"
    ),
    "explanation.execution": "预算执行率 {rate}% 低于 {threshold}%，须说明未执行原因。",
    "explanation.overachieved": (
        "第 {position} 行指标“{name}”：实际完成值为指标值的 {percent}%（达到 {threshold}% 以上），须说明偏差原因。"
    ),
    "explanation.unmet": (
        "第 {position} 行指标“{name}”未完全完成（{score} / {weight} 分），须填写偏差原因分析及改进措施。"
    ),
    "total.mismatch": "按评分规则总分应为 {ours} 分，表中总分为 {published} 分。",
    "total.published_sum": "表中各项得分之和为 {sum} 分，与表中总分 {published} 分不一致。",
    "grade.mismatch": "总分 {total} 分应评为“{ours}”，表中等级为“{published}”。",
    "actuals.no_project": "实际完成值中的项目“{key}”在目标表中找不到。",
    "actuals.no_indicator": "项目“{project}”中没有三级指标“{name}”（实际完成值{where}）。",
    # monitoring (docs/domain/monitoring.md): ledger import, indicator monitoring
    "ledger.empty": "台账中没有数据行。",
    "ledger.no_column": "台账表头中找不到列“{name}”（列映射的“{field}”）。",
    "ledger.required": "第 {line} 行“{header}”列为空。",
    "ledger.date": "第 {line} 行“{header}”列：“{text}”不是日期。",
    "ledger.amount": "第 {line} 行“{header}”列：“{text}”不是金额。",
    "ledger.year": "第 {line} 行“{header}”列：日期 {date} 不在 {year} 年度内。",
    "ledger.unknown_project": "第 {line} 行“{header}”列：没有编码为“{text}”的项目。",
    "ledger.mapping": "列映射有误：{reason}",
    "monitoring.reason_required": "指标“{name}”完成目标可能性为“{likelihood}”，须选择偏差原因类别并说明原因。",
    "monitoring.no_current": "指标“{name}”没有填写当前完成值。",
    # what a target document may hold (jixiao/domain/limits.py): forms, the API and imports alike
    "limits.too_long": "{where}的“{field}”有 {length} 个字符，超过了 {limit} 个字符的上限，请精简后再保存。",
    "limits.control": (
        "{where}的“{field}”含有不可见的控制字符（{character}），请删除后再保存（可能是从其他软件复制时带入的）。"
    ),
    "limits.number": "{where}的“{field}”数值“{text}”过大或位数过多，请检查是否填错。",
    # spending against budget and plan (jixiao/domain/monitoring/spending.py)
    "spending.over_budget": (
        "执行数 {executed} 超过预算数 {budget}（执行率 {rate}%）：支付不能超过预算，请核对支付记录，或先办理预算调整。"
    ),
    "spending.over_plan": "执行进度比 {ratio}%：支付远快于{expected}，请核对支付记录或资金支出计划。",
    "score.strict_boundary": (
        "第 {position} 行指标“{name}”：实际完成值 {actual} 恰等于目标值，但目标“{target}”要求严格大于（或小于），"
        "不算已完成；得分按规则为 {score} 分。"
    ),
    "monitoring.not_a_number": (
        "第 {position} 行指标“{name}”：{field}“{text}”不是数量，请按指标值的写法填写数字和单位（如 50人）。"
    ),
    "monitoring.negative": "第 {position} 行指标“{name}”：{field}“{text}”为负数，请核对。",
}
