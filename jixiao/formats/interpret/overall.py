"""Part 1 of a target document: the department-overall targets (部门整体绩效目标) from its paragraphs."""

from __future__ import annotations

import re
from collections.abc import Sequence

from jixiao.domain.errors import ReadWarning
from jixiao.domain.model import Overall, Safeguard, SubGoal
from jixiao.formats.blocks import Para
from jixiao.formats.interpret.labels import CN_ITEM_RE, CN_PAREN_ITEM_RE, DIGIT_ITEM_RE

_PART1_SECTIONS: list[tuple[str, str]] = [
    (r"总体.*目标|整体.*目标|年度.*总体", "goal"),
    (r"分项|职责|具体.*目标|主要.*目标", "subgoals"),
    (r"保障措施|保障", "safeguards"),
]


def part1_section(text: str) -> str | None:
    """The Part 1 section a numbered heading opens (goal, subgoals, safeguards), or None."""
    match = CN_ITEM_RE.match(text)
    if match is None:
        return None
    rest = match.group("rest")
    for pattern, name in _PART1_SECTIONS:
        if re.search(pattern, rest) and len(rest) <= 16:
            return name
    return None


def read_overall(paras: Sequence[Para], warnings: list[ReadWarning]) -> Overall:
    overall = Overall()
    goal_lines: list[str] = []
    section: str | None = None
    for para in paras:
        text = para.text
        new_section = part1_section(text)
        if new_section is not None:
            section = new_section
            continue
        if section == "goal":
            goal_lines.append(text)
        elif section == "subgoals":
            _add_subgoal_line(overall.subgoals, text, para, warnings)
        elif section == "safeguards":
            _add_safeguard_line(overall.safeguards, text, para, warnings)
        else:
            warnings.append(ReadWarning("overall.stray_text", para.line, {"text": text[:40]}))
    overall.goal = "\n".join(goal_lines) or None
    return overall


def _item_title(text: str) -> str | None:
    match = CN_ITEM_RE.match(text) or CN_PAREN_ITEM_RE.match(text)
    return match.group("rest").strip() if match else None


def _add_subgoal_line(subgoals: list[SubGoal], text: str, para: Para, warnings: list[ReadWarning]) -> None:
    title = _item_title(text)
    if title is not None:
        subgoals.append(SubGoal(title=title))
        return
    if not subgoals:
        warnings.append(ReadWarning("overall.stray_text", para.line, {"text": text[:40]}))
        return
    current = subgoals[-1]
    refinement = DIGIT_ITEM_RE.match(text)
    if refinement is not None:
        current.refinements.append(refinement.group("rest").strip())
    else:
        current.description = f"{current.description}\n{text}" if current.description else text


def _add_safeguard_line(safeguards: list[Safeguard], text: str, para: Para, warnings: list[ReadWarning]) -> None:
    title = _item_title(text)
    if title is not None:
        safeguards.append(Safeguard(title=title))
    elif safeguards:
        current = safeguards[-1]
        current.description = f"{current.description}\n{text}" if current.description else text
    else:
        warnings.append(ReadWarning("overall.stray_text", para.line, {"text": text[:40]}))
