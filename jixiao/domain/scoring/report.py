"""A draft self-evaluation report (绩效自评报告) in Chinese, built from the data for the user to edit.

The outline follows published self-evaluation reports (G15, S1): the project, budget execution, each target
against its actual, the deviations with their reasons, the improvement measures, and the conclusion. Where the
data holds no text (a reason, a measure), the draft says what to write in 【】 brackets rather than inventing it.
"""

from __future__ import annotations

from decimal import Decimal
from itertools import groupby

from jixiao.domain.scoring.model import IndicatorScore, Method, ProjectScore, SelfEvaluation
from jixiao.domain.values import format_number

_CN = "一二三四五六七八九十"
_MEASURE_WORDS = ("措施", "改进", "下一步", "今后", "将")


def _status(row: IndicatorScore) -> str:
    if row.score is None:
        return "不适用，不计分"
    if row.completed:
        return f"已完成，得 {format_number(row.score)} 分"
    return f"未完全完成，得 {format_number(row.score)} 分（满分 {format_number(row.weight)} 分）"


def _indicator_line(row: IndicatorScore) -> str:
    actual = row.actual or "【未填写】"
    return f"{row.level3 or '（未命名指标）'}：年度指标值 {row.target}，实际完成 {actual}，{_status(row)}。"


def _deviations(evaluation: SelfEvaluation, score: ProjectScore) -> list[tuple[IndicatorScore, str | None]]:
    rows = [row for row in score.indicators if row.score is not None and row.score < row.weight]
    return [(row, evaluation.actual(row.position - 1).reason) for row in rows]


def _execution_text(score: ProjectScore, amount_unit: str) -> str:
    execution = score.execution
    if not execution.applicable or execution.rate is None or execution.score is None:
        return "全年预算数为 0 或未填写，预算执行率不适用，不计分。"
    return (
        f"全年预算数 {format_number(execution.budget or Decimal(0))} {amount_unit}，"
        f"全年执行数 {format_number(execution.executed or Decimal(0))} {amount_unit}，"
        f"预算执行率 {format_number(execution.rate)}%，"
        f"得 {format_number(execution.score)} 分（满分 {format_number(execution.weight)} 分）。"
    )


def draft_report(
    evaluation: SelfEvaluation,
    score: ProjectScore,
    *,
    year: int | None = None,
    department: str | None = None,
    amount_unit: str = "万元",
) -> str:
    """The draft report as plain text: a title and five numbered sections, one paragraph per line."""
    project = evaluation.project
    name = project.name or project.code or "本项目"
    lines = [f"{year or ''}{'年度' if year else ''}{name}绩效自评报告（草稿）", ""]
    lines.append("一、项目基本情况")
    owner = "，".join(part for part in (f"主管部门：{department}" if department else "",
                                        f"项目编码：{project.code}" if project.code else "") if part)  # fmt: skip
    lines.append(f"{name}{'（' + owner + '）' if owner else ''}。")
    lines.append(f"年度绩效目标：{project.goal or '【请填写年度绩效目标】'}")
    lines += ["", "二、绩效目标完成情况", "（一）预算执行情况", _execution_text(score, amount_unit)]
    lines.append("（二）绩效指标完成情况")
    for number, (level1, rows) in enumerate(groupby(score.indicators, key=lambda row: row.level1 or "绩效指标")):
        lines.append(f"{_CN[number % 10]}是{level1}：")
        lines += [f"{index}. {_indicator_line(row)}" for index, row in enumerate(rows, start=1)]
    lines.append(f"总体目标完成情况：{evaluation.goal_result or '【请概述年度总体目标的实际完成情况】'}")
    lines += ["", "三、偏差原因分析"]
    deviations = _deviations(evaluation, score)
    if not deviations:
        lines.append("各项绩效指标均已完成，无明显偏差。")
    for row, reason in deviations:
        lines.append(f"{row.level3}：{reason or '【请说明未完成的原因】'}")
    if evaluation.funds.reason:
        lines.append(f"预算执行：{evaluation.funds.reason}")
    lines += ["", "四、改进措施"]
    measures = [reason for _, reason in deviations if reason and any(word in reason for word in _MEASURE_WORDS)]
    lines += measures or ["【请根据偏差原因提出下一步改进措施】"]
    lines += ["", "五、自评结论"]
    manual = sum(1 for row in score.indicators if row.method is Method.MANUAL)
    lines.append(f"经自评，{name}绩效自评总分 {format_number(score.total)} 分，自评等级为“{score.grade.value}”。")
    if manual:
        lines.append(f"其中 {manual} 项指标的得分由评分人确定，未经规则核对。")
    warnings = [finding.message for finding in score.findings if finding.severity.value != "info"]
    if warnings:
        lines += ["", "附：需要核实的问题"]
        lines += [f"{index}. {text}" for index, text in enumerate(warnings, start=1)]
    return "\n".join(lines) + "\n"
