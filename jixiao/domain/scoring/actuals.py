"""Reading an entered actual value (实际完成值): a number, a date, one of the three grades, or 不适用.

The actual uses the target's grammar (:func:`jixiao.domain.values.parse_value`): ``50``, ``50个``, ``≥50个`` and
``100%完成`` are the numbers 50, 50, 50 and 100. Text that is no number is read for its grade: 未…/部分…/达成 (and
their everyday forms: 未完成, 基本完成, 按时完成 …). Negative words are looked for first, so ``未达成`` is never
read as ``达成``.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from jixiao.domain.model import ValueKind
from jixiao.domain.scoring.model import Achievement
from jixiao.domain.values import normalise, parse_value

NOT_APPLICABLE_WORDS = frozenset({"不适用", "不涉及", "无此项", "n/a", "na", "N/A", "NA"})

# Checked in this order: the first list whose word occurs in the text gives the grade.
GRADE_WORDS: tuple[tuple[Achievement, tuple[str, ...]], ...] = (
    (
        Achievement.NOT_ACHIEVED,
        ("未达成", "未完成", "未达到", "未达标", "未实现", "未按时", "没有", "效果较差", "不明显", "不达标", "不符合"),
    ),
    (
        Achievement.PARTIAL,
        ("部分达成", "部分完成", "部分实现", "部分达到", "基本达成", "基本完成", "基本实现", "基本达到", "一定效果"),
    ),
    (
        Achievement.ACHIEVED,
        ("达成", "完成", "实现", "达到", "达标", "按时", "如期", "明显", "显著", "良好", "符合", "合规"),
    ),
)

# A yes/no column (是否按时完成) answers with one character; inside longer text these characters mean nothing.
EXACT_GRADES = {"是": Achievement.ACHIEVED, "否": Achievement.NOT_ACHIEVED}


@dataclass(frozen=True, slots=True)
class Actual:
    """A parsed actual. ``number``/``unit`` for a quantity, ``date`` (ISO, as in values.py) for a date, ``grade``
    for words; ``not_applicable`` for 不适用; an empty ``text`` means nothing was entered."""

    text: str
    number: Decimal | None = None
    unit: str | None = None
    date: str | None = None
    grade: Achievement | None = None
    not_applicable: bool = False

    @property
    def missing(self) -> bool:
        return not self.text


def grade_of(text: str) -> Achievement | None:
    """The grade a text states, or None when it states none."""
    body = normalise(text).replace(" ", "")
    if body in EXACT_GRADES:
        return EXACT_GRADES[body]
    for grade, words in GRADE_WORDS:
        if any(word in body for word in words):
            return grade
    return None


@lru_cache(maxsize=65536)
def parse_actual(text: str | None) -> Actual:
    """Read an actual value; never raises (text that is neither a number, a date nor a grade has only ``text``)."""
    body = (text or "").strip()
    if not body:
        return Actual("")
    if body in NOT_APPLICABLE_WORDS or normalise(body).lower() in NOT_APPLICABLE_WORDS:
        return Actual(body, not_applicable=True)
    value = parse_value(body)
    if value.kind is ValueKind.QUANTITATIVE and value.upper is None and not value.tolerance:
        return Actual(body, number=value.number, unit=value.unit)
    if value.kind is ValueKind.DEADLINE:
        return Actual(body, date=value.date, grade=grade_of(body))
    return Actual(body, grade=grade_of(body))
