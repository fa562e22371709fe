"""Part 1, the department-overall targets: measurable sub-goals, and projects that serve them (checks added from reading
real department documents).

Whether a project supports a sub-goal is known only when someone says so (``links``: project code → sub-goal
title, given by the user or a later document format). Without a link the check guesses from shared two-character
words, weighting words that several sub-goals share less, and reports a project that matches none only as info.
"""

from __future__ import annotations

import math
from collections.abc import Iterator

from jixiao.domain.model import SubGoal
from jixiao.domain.review.context import Context, ProjectFacts
from jixiao.domain.review.model import Hit, Location, Part, Scope, Severity
from jixiao.domain.review.registry import rule
from jixiao.domain.review.text import bigrams, compact, excerpt, words

# Something a reviewer can check at year end: a number, a share, a count in Chinese numerals, a deadline.
_MEASURABLE = words(
    r"\d",
    r"[一二两三四五六七八九十百千万]+\s*(?:个|次|人|项|场|所|期|批|家|户|名|位|件|篇|条|天|周|月|年|%|成|倍)",
    "百分之",
    "全覆盖",
    "月底前",
    "年底前",
    "按时",
    "按期",
)
# Words every budget text uses: they say nothing about which duty a project serves.
_STOP = frozenset({
    "经费", "资金", "项目", "工作", "主要", "用于", "保障", "目标", "绩效", "开展", "加强", "做好", "建设", "管理",
    "使用", "支出", "预算", "相关", "方面",
})  # fmt: skip


@rule(
    "overall.unmeasurable",
    Scope.DOCUMENT,
    title="部门分项目标没有可衡量的内容",
    severity=Severity.WARNING,
    basis=(
        "docs/domain/review.md#department-overall-targets：目标须具体细化、尽量量化 [G2, G23]；"
        "部门整体目标同样要落到可考核的指标上（docs/domain/department.md#indicator-rows [V12]）"
    ),
    message="{what}“{title}”{scope}没有数量、比例或时间要求，年底无法判断是否完成。",
    suggestion="为每个细化目标写出可核对的结果，例如“全年组织老干部集体活动不少于 12 次”“困难老干部帮扶覆盖率 100%”。",
    example="细化目标只写“老干部活动中心建设”“对特别困难离休干部能帮尽帮”",
)
def subgoals_measurable(ctx: Context) -> Iterator[Hit]:
    overall = ctx.document.overall
    if overall is None:
        return
    if not overall.subgoals and overall.goal and not _MEASURABLE.search(overall.goal):
        yield Hit(Location(Part.OVERALL), {"what": "总体绩效目标", "title": excerpt(overall.goal), "scope": ""})
    for subgoal in overall.subgoals:
        texts = subgoal.refinements or [subgoal.description or ""]
        if not any(_MEASURABLE.search(text) for text in texts):
            title = subgoal.title.rstrip("。.")
            yield Hit(
                Location(Part.OVERALL, subgoal=title), {"what": "分项目标", "title": title, "scope": "及其细化目标都"}
            )


def _subgoal_words(subgoals: list[SubGoal]) -> list[dict[str, float]]:
    """Each sub-goal's words with a weight: a word in every sub-goal weighs 0, a word in one weighs the most."""
    sets = [
        {w for w in bigrams(" ".join([s.title, s.description or "", *s.refinements])) if w not in _STOP}
        for s in subgoals
    ]
    total = len(sets)
    frequency: dict[str, int] = {}
    for found in sets:
        for word in found:
            frequency[word] = frequency.get(word, 0) + 1
    return [{word: math.log((total + 1) / (frequency[word] + 0.5)) for word in found} for found in sets]


def best_subgoal(
    facts: ProjectFacts, subgoals: list[SubGoal], weighted: list[dict[str, float]], minimum: int
) -> SubGoal | None:
    """The sub-goal a project most plausibly serves, or None when it shares too few telling words with any."""
    text = " ".join([facts.project.name or "", facts.project.goal or ""])
    project_words = {w for w in bigrams(text) if w not in _STOP}
    best, best_score = None, 0.0
    for subgoal, weights in zip(subgoals, weighted, strict=True):
        shared = [weights[w] for w in project_words if weights.get(w, 0.0) > 0.3]
        score = sum(shared)
        if len(shared) >= minimum and score > best_score:
            best, best_score = subgoal, score
    return best


@rule(
    "overall.unlinked",
    Scope.DOCUMENT,
    title="项目看不出支撑哪个部门分项目标",
    severity=Severity.INFO,
    basis=(
        "docs/domain/review.md#department-overall-targets：目标须“指向明确”，与部门职能和计划相关 [G2, G23]；"
        "此处按文字相似度推测，仅供参考"
    ),
    message="项目“{name}”与部门的分项绩效目标（{titles}）在文字上都对不上，可能不支撑其中任何一项。",
    suggestion="在项目绩效目标中写明它服务于哪一项部门职责；确属部门运转支出的，可忽略本提示。",
    example="“劳务派遣人员经费”与“老干部活动阵地”“特困帮扶”“关心下一代”三个分项目标都无关",
)
def project_supports_subgoal(ctx: Context) -> Iterator[Hit]:
    overall = ctx.document.overall
    if overall is None or not overall.subgoals:
        return
    titles = "、".join(f"“{s.title.rstrip('。')}”" for s in overall.subgoals)
    minimum = ctx.profile.thresholds.link_min_shared
    weighted = _subgoal_words(overall.subgoals)
    for facts in ctx.projects:
        if facts.project.code in ctx.links:
            continue  # an explicit link is checked by overall.link
        if best_subgoal(facts, overall.subgoals, weighted, minimum) is None:
            yield Hit(facts.location, {"name": facts.label, "titles": titles})


@rule(
    "overall.link",
    Scope.DOCUMENT,
    title="项目关联的部门分项目标不存在",
    severity=Severity.WARNING,
    basis=(
        "docs/domain/review.md#department-overall-targets："
        "项目与部门分项目标的明确关联（由用户给出）必须指向第一部分中的一个分项目标"
    ),
    message="项目“{name}”关联到分项目标“{title}”，但第一部分没有这个分项目标。",
    suggestion="改为关联以下分项目标之一：{titles}。",
    example="项目关联到“老干部体育活动”，而分项目标中没有这一项",
)
def links_exist(ctx: Context) -> Iterator[Hit]:
    overall = ctx.document.overall
    subgoals = overall.subgoals if overall else []
    known = {compact(s.title): s.title for s in subgoals}
    titles = "、".join(f"“{s.title}”" for s in subgoals) or "（第一部分没有分项目标）"
    for facts in ctx.projects:
        title = ctx.links.get(facts.project.code or "")
        if title is not None and compact(title) not in known:
            yield Hit(facts.location, {"name": facts.label, "title": title, "titles": titles})
