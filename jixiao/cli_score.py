"""``jixiao score``: score a published self-evaluation table, or a target document with ``--actuals``.

Our score is shown beside the table's own per indicator and in total; a disagreement is a finding, never a
failure. Exit codes: 0 scored (whatever was found); 2 the input (or an actuals file, or the profile) could not be
read or matched.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from decimal import Decimal
from typing import TextIO

from jixiao.domain.errors import JixiaoError
from jixiao.domain.profiles import get_profile
from jixiao.domain.scoring import ProjectScore, SelfEvaluation, score_evaluations, scores_to_dict
from jixiao.domain.scoring.entries import build_evaluations
from jixiao.domain.values import format_number
from jixiao.formats import canonical, read_path
from jixiao.formats.actuals import read_actuals
from jixiao.formats.selfeval import read_selfeval
from jixiao.formats.terminal import table

EXIT_OK, EXIT_INPUT = 0, 2


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "file",
        metavar="FILE",
        help="发布的绩效自评表（文本、Word、Excel、PDF、网页）；与 --actuals 一起用时为绩效目标表",
    )
    parser.add_argument(
        "--actuals", metavar="ACTUALS", help="实际完成值文件（JSON 或 Excel，格式见 docs/format.md），为目标表打分"
    )
    parser.add_argument(
        "--json",
        action="store_true",
        help="输出 JSON：projects 列表，每个项目含 execution、indicators、total、grade、published_total、warnings",
    )
    parser.add_argument("--profile", metavar="NAME", help="地区配置（默认 national；另有 sichuan 等）")


def _evaluations(args: argparse.Namespace, err: TextIO) -> list[SelfEvaluation] | None:
    """The self-evaluations to score; None (after printing why) when the input cannot be read or matched."""
    if args.actuals is None:
        read = read_selfeval(args.file)
        for warning in read.warnings:
            print(f"警告：{args.file}：{warning}", file=err)
        return read.evaluations
    document = read_path(args.file).document
    try:
        entries = read_actuals(args.actuals)
    except JixiaoError as error:
        print(f"错误：{args.actuals}：{error}", file=err)
        return None
    evaluations, problems = build_evaluations(document, entries)
    for problem in problems:
        print(f"错误：{args.actuals}：{problem}", file=err)
    return None if problems else evaluations


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    try:
        profile = get_profile(args.profile)
    except JixiaoError as error:
        print(f"错误：{error}", file=err)
        return EXIT_INPUT
    evaluations = _evaluations(args, err)
    if evaluations is None:
        return EXIT_INPUT
    scores = score_evaluations(evaluations, settings=profile.scoring)
    if args.json:
        out.write(canonical.dumps(scores_to_dict(scores)))
    else:
        out.write(render_scores(scores, profile_title=profile.title))
    return EXIT_OK


# ---------------------------------------------------------------------------------------------------------------
# Text output


def _n(number: Decimal | None) -> str:
    return "—" if number is None else format_number(number)


def _differs(ours: Decimal | None, published: Decimal | None) -> str:
    if ours is None or published is None:
        return ""
    return "" if abs(ours - published) <= Decimal("0.01") else "≠"


def render_project(score: ProjectScore) -> str:
    execution = score.execution
    lines = [
        f"{score.name or '（无名称）'}" + (f"（{score.code}）" if score.code else ""),
        f"  预算执行：全年预算数 {_n(execution.budget)}，全年执行数 {_n(execution.executed)}，"
        f"执行率 {_n(execution.rate)}%，分值 {_n(execution.weight)}，得分 {_n(execution.score)}"
        + (f"（表中 {_n(execution.published_score)}）" if execution.published_score is not None else ""),
    ]
    rows = [
        [
            str(row.position),
            row.level2 or row.level1 or "",
            row.level3 or "",
            row.target,
            row.actual,
            _n(row.weight),
            "不适用" if row.score is None else _n(row.score),
            _n(row.published_score),
            _differs(row.score, row.published_score),
        ]
        for row in score.indicators
    ]
    if rows:
        headers = ["行", "二级指标", "三级指标", "指标值", "实际完成值", "分值", "得分", "表中得分", ""]
        lines.append(table(headers, rows, max_width=20))
    total = f"  总分 {_n(score.total)}（{score.grade.value}）"
    if score.published_total is not None:
        total += f"；表中总分 {_n(score.published_total)} {_differs(score.total, score.published_total)}".rstrip()
    lines.append(total)
    for finding in score.findings:
        lines.append(f"  {finding.severity.label}：{finding.message}")
    return "\n".join(lines) + "\n"


def render_scores(scores: Sequence[ProjectScore], *, profile_title: str) -> str:
    head = f"绩效自评评分（{profile_title}）：{len(scores)} 个项目\n\n"
    return head + "\n".join(render_project(score) for score in scores)
