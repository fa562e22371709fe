"""Part 1 of a target document: the department-overall targets (部门整体绩效目标) from its paragraphs.

Part 1 is an outline. Its sections (总体绩效目标, 分项绩效目标, 工作保障措施) are numbered ``一、`` or ``（一）``;
inside a section, the first numbering style met marks the items (sub-goals, safeguards) and any other style marks an
item's refinements (细化). The seed numbers sections and sub-goals alike ``一、`` and refinements ``1``; others number
sub-goals ``1.`` and refinements ``（1）``. Unnumbered lines describe the item above them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from jixiao.domain.errors import ReadWarning
from jixiao.domain.model import Overall, Safeguard, SubGoal
from jixiao.formats.blocks import Para
from jixiao.formats.interpret.labels import DIGIT_ITEM_RE

_PART1_SECTIONS: list[tuple[str, str]] = [
    (r"总体.*目标|整体.*目标|年度.*总体", "goal"),
    (r"分项|职责|具体.*目标|主要.*目标", "subgoals"),
    (r"保障措施|保障", "safeguards"),
]

_NUMBERINGS: list[tuple[str, re.Pattern[str]]] = [
    ("一、", re.compile(r"^[一二三四五六七八九十]{1,3}\s*[、.．]\s*(?P<rest>.*)$")),
    ("（一）", re.compile(r"^[（(][一二三四五六七八九十]{1,3}[)）]\s*(?P<rest>.*)$")),
    ("（1）", re.compile(r"^[（(]\d{1,2}[)）]\s*(?P<rest>\S.*)$")),
    ("1.", DIGIT_ITEM_RE),
]
_SECTION_STYLES = ("一、", "（一）")


def numbering(text: str) -> tuple[str, str] | None:
    """The numbering style of an outline line (``一、``, ``（一）``, ``（1）``, ``1.``) and the text after it."""
    for style, pattern in _NUMBERINGS:
        match = pattern.match(text)
        if match:
            return style, match.group("rest").strip()
    return None


def part1_section(text: str, style: str | None = None) -> str | None:
    """The Part 1 section a heading opens (goal, subgoals, safeguards), or None; ``style`` restricts its numbering."""
    numbered = numbering(text)
    if numbered is None or numbered[0] not in ((style,) if style else _SECTION_STYLES):
        return None
    rest = numbered[1]
    for pattern, name in _PART1_SECTIONS:
        if re.search(pattern, rest) and len(rest) <= 16:
            return name
    return None


@dataclass(slots=True)
class _Outline:
    """Where the reader is in Part 1: the section, the numbering styles of sections and items, the goal's lines."""

    overall: Overall = field(default_factory=Overall)
    section: str | None = None
    section_style: str | None = None
    item_style: str | None = None
    goal_lines: list[str] = field(default_factory=list)


def read_overall(paras: Sequence[Para], warnings: list[ReadWarning]) -> Overall:
    outline = _Outline()
    for para in paras:
        section = part1_section(para.text, outline.section_style)
        if section is not None:
            outline.section, outline.item_style = section, None
            outline.section_style = outline.section_style or (numbering(para.text) or ("", ""))[0]
        elif outline.section == "goal":
            outline.goal_lines.append(para.text)
        elif outline.section in ("subgoals", "safeguards"):
            _item_line(outline, para, warnings)
        else:
            warnings.append(ReadWarning("overall.stray_text", para.line, {"text": para.text[:40]}))
    outline.overall.goal = "\n".join(outline.goal_lines) or None
    return outline.overall


def _item_line(outline: _Outline, para: Para, warnings: list[ReadWarning]) -> None:
    """A line of the sub-goals or safeguards section: a new item, a refinement, or description."""
    numbered = numbering(para.text)
    if numbered is not None and outline.item_style in (None, numbered[0]):
        outline.item_style = numbered[0]
        _new_item(outline, numbered[1])
        return
    current = _current_item(outline)
    if current is None:
        warnings.append(ReadWarning("overall.stray_text", para.line, {"text": para.text[:40]}))
    elif numbered is not None and isinstance(current, SubGoal):
        current.refinements.append(numbered[1])
    else:
        current.description = f"{current.description}\n{para.text}" if current.description else para.text


def _new_item(outline: _Outline, title: str) -> None:
    if outline.section == "subgoals":
        outline.overall.subgoals.append(SubGoal(title=title))
    else:
        outline.overall.safeguards.append(Safeguard(title=title))


def _current_item(outline: _Outline) -> SubGoal | Safeguard | None:
    items: Sequence[SubGoal | Safeguard]
    items = outline.overall.subgoals if outline.section == "subgoals" else outline.overall.safeguards
    return items[-1] if items else None
