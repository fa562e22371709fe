"""Cells out of text run together: a Word or PDF copy that lost every separator between a table's cells.

``产出指标数量指标农村义务教育学校改造覆盖率100%`` is four cells; ``绩效指标一级指标二级指标指标内容指标值`` is a header
of five labels; ``项目名称农村义务教育薄弱学校改造补助资金`` is a label and its value. The splitter knows only the
vocabulary: the printed labels of the tables (:mod:`.labels`), the category names of the indicator frame
(:mod:`jixiao.domain.frame`) and the value grammar (:mod:`jixiao.domain.values`). It splits where that vocabulary
begins or ends and nowhere else; :func:`split_fused` says whether a boundary was guessed (a value glued to a name
with nothing but the change from text to digits between them) so the reader can flag what it placed there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from jixiao.domain.frame import DEFAULT_FRAME, LEVEL1_ALIASES, LEVEL2_EXTRA
from jixiao.domain.model import ValueKind
from jixiao.domain.values import normalise, parse_value
from jixiao.formats.interpret.labels import COLUMN_LABELS, HEADER_LABELS, SECTION_LABELS

# Category names printed with their 指标 suffix (a bare 产出 inside a name is left alone), longest first.
_LEVEL_NAMES = sorted(
    {
        *DEFAULT_FRAME,
        *(name for names in DEFAULT_FRAME.values() for name in names),
        *(name for name in LEVEL2_EXTRA if name.endswith(("指标", "目标"))),
        *(name for name in LEVEL1_ALIASES if name.endswith("指标")),
        "社会公众或服务对象满意度指标",
        "服务对象满意度",
    },
    key=len,
    reverse=True,
)
_LEVEL_RE = re.compile("|".join(re.escape(name) for name in _LEVEL_NAMES))
_POINTS_RE = re.compile(r"^[(（]\s*\d+(?:\.\d+)?\s*分\s*[)）]|^[(（]\s*\d+\s*[-－–~]\s*\d+\s*[)）]\s*分")

# A value at the end of a cell stream: a comparator (symbol or word), a number, an optional unit and suffix word.
_COMPARATOR = (
    r"(?:[≥≤><=≧≦＞＜＝]=?|大于等于|小于等于|不低于|不少于|不高于|不超过|不大于|不小于|大于|小于|等于|达到|控制在)"
)
_UNIT = r"(?:%|‰|百分比|[A-Za-z]{1,3}|[\u4e00-\u9fff]{1,4}(?:/[\u4e00-\u9fff·]{1,3})?)"
_VALUE_END_RE = re.compile(rf"(?P<value>{_COMPARATOR}?\s*\d+(?:\.\d+)?\s*{_UNIT}?(?:以上|以下|以内|及以上|及以下)?)$")
# Qualitative targets that end a run-on row, longest first.
QUALITATIVE_VALUES = tuple(
    [
        "效果明显",
        "明显改善",
        "明显提升",
        "明显提高",
        "稳步提高",
        "稳步提升",
        "逐步提高",
        "有效提升",
        "有效提高",
        "有效改善",
        "持续改善",
        "持续提升",
        "不断提高",
        "显著提高",
        "显著提升",
        "达到预期",
        "达到要求",
        "符合要求",
        "符合标准",
        "按时完成",
        "及时完成",
        "按期完成",
        "全面完成",
        "达标",
        "合格",
        "良好",
        "优良",
        "较好",
        "提高",
        "提升",
        "改善",
        "增加",
        "长期",
        "长远",
        "全年",
        "及时",
        "按时",
        "是",
        "否",
        "有效",
    ]
)
_CJK_RE = re.compile(r"[\u4e00-\u9fff]")
_LEAD_RE = re.compile(r"其中[:：]?")
_QUALITATIVE_RE = re.compile("(?:" + "|".join(re.escape(word) for word in QUALITATIVE_VALUES) + ")$")


@dataclass(frozen=True, slots=True)
class Piece:
    """One cell cut out of a run; ``guessed`` when the cut before it rests on the change from text to a value only."""

    text: str
    guessed: bool = False


def _labels() -> list[str]:
    keys = {*dict.keys(HEADER_LABELS), *dict.keys(COLUMN_LABELS), *dict.keys(SECTION_LABELS)}
    return sorted((key for key in keys if len(key) >= 2), key=len, reverse=True)


@lru_cache(maxsize=1)
def _label_re() -> re.Pattern[str]:
    return re.compile("|".join(re.escape(label) for label in _labels()))


@lru_cache(maxsize=4096)
def split_fused(text: str) -> tuple[Piece, ...]:
    """The cells of a run of text, as far as the vocabulary shows them; the text itself when it shows none."""
    compact = re.sub(r"\s+", "", text)
    labels = _only_labels(compact)
    if labels:
        return tuple(Piece(label) for label in labels)
    inner = _inner_header(compact)
    if inner:  # …服务水平一级指标二级指标三级指标指标目标值: the indicator header after the text before it
        return (*split_fused(compact[:inner]), *split_fused(compact[inner:]))
    header = _leading_labels(compact)
    if header:  # 一级指标二级指标三级指标指标值产出指标数量指标…: a whole table on one line
        rest = compact[sum(len(label) for label in header) :]
        return (*(Piece(label) for label in header), *_table_run(rest))
    if len(compact) >= _LONG_RUN and len(_LEVEL_RE.findall(compact)) >= 2 and not _label_re().match(compact):
        return _table_run(compact)
    pieces: list[Piece] = []
    rest = compact
    lead = _LEAD_RE.match(rest)  # 其中:上级资金16 is the label 上级资金 and its amount
    label = _label_re().match(rest, lead.end() if lead else 0)
    if label is not None and len(rest) > label.end() and not rest[label.end() :].startswith(("表", "申报表", "情况")):
        pieces.append(Piece(rest[: label.end()]))
        rest = rest[label.end() :].lstrip(":：")
        parts = _split_at_labels(rest)
        if not parts:
            return (Piece(text),)
        pieces.append(Piece(parts[0]))
        for part in parts[1:]:
            pieces.extend(split_fused(part))  # each further part starts with a label
        return tuple(pieces)
    while (level := _LEVEL_RE.match(rest)) is not None:
        end = level.end()
        points = _POINTS_RE.match(rest[end:])
        end += points.end() if points else 0
        pieces.append(Piece(rest[:end]))
        rest = rest[end:]
    if rest:
        pieces.extend(_name_and_value(rest))
    return tuple(pieces) if len(pieces) > 1 else (Piece(text),)


_LONG_RUN = 30
"""A run this long holding two category names is rows of a table run together, not one cell."""


_LEVEL_LABEL_RE = re.compile(r"[一二三]级指标")


def _inner_header(compact: str) -> int:
    """Where an indicator header of three or more column labels (一级指标二级指标…) begins inside a run, after other
    text; 0 when none does."""
    for match in _LEVEL_LABEL_RE.finditer(compact):
        if match.start() == 0:
            continue
        rest = compact[match.start() :]
        labels = _only_labels(rest) or _leading_labels(rest)
        if labels and len(labels) >= 3 and "三级指标" in labels:  # a three-level frame's header, nothing looser
            return match.start()
    return 0


def _leading_labels(compact: str) -> list[str]:
    """The column labels a run starts with, when there are two or more of them and text follows."""
    found: list[str] = []
    position = 0
    while (match := _label_re().match(compact, position)) is not None and match.group(0) in COLUMN_LABELS:
        found.append(match.group(0))
        position = match.end()
    return found if len(found) >= 2 and position < len(compact) else []


def _table_run(text: str) -> tuple[Piece, ...]:
    """Rows of an indicator table run together: cut at every category name, each stretch between two of them a
    name and its value. Every cut but the category names' is a guess."""
    pieces: list[Piece] = []
    position = 0
    for match in _LEVEL_RE.finditer(text):
        if match.start() > position:
            pieces.extend(_stretch(text[position : match.start()]))
        pieces.append(Piece(match.group(0)))
        position = match.end()
    if position < len(text):
        pieces.extend(_stretch(text[position:]))
    return tuple(pieces)


def _stretch(text: str) -> list[Piece]:
    """The text between two category names: an indicator's name and value, cut at a comparator where one is
    printed (免费开放天数=300天), else where the value grammar reads the tail; flagged either way."""
    sign = re.search(_COMPARATOR, text)
    if sign is not None and sign.start() > 0:
        return [Piece(text[: sign.start()], guessed=True), Piece(text[sign.start() :], guessed=True)]
    return [Piece(piece.text, guessed=True) for piece in _name_and_value(text)]


def _only_labels(compact: str) -> list[str] | None:
    """``一级指标二级指标三级指标指标值`` as its labels, when the run is nothing but column labels (two or more)."""
    found: list[str] = []
    position = 0
    while position < len(compact):
        match = _label_re().match(compact, position)
        if match is None or match.group(0) not in COLUMN_LABELS:
            return None
        found.append(match.group(0))
        position = match.end()
    return found if len(found) >= 2 else None


def _split_at_labels(text: str) -> list[str]:
    """A value that runs into the next label (``青山区教育局项目执行单位化工区学校``): cut before each header label."""
    parts: list[str] = []
    position = 0
    for match in _label_re().finditer(text):
        if (
            match.start() > position
            and dict.get(HEADER_LABELS, match.group(0)) is not None
            and len(match.group(0)) >= 4
        ):
            parts.append(text[position : match.start()])
            position = match.start()
    parts.append(text[position:])
    return [part for part in parts if part]


def _name_and_value(text: str) -> list[Piece]:
    """A name followed by its value; the name alone when no value ends the text (or the text is a value)."""
    if parse_value(text).kind is not ValueKind.QUALITATIVE:
        return [Piece(text)]  # 2024年11月30日前 is one deadline, not a name and "30日前"
    start = _value_start(text)
    if start is not None:
        value = text[start:]
        name = text[:start]
        # Without a comparator between them, digits at the end of the name may belong to the value or the reverse
        # (设施1250KVA变压器3台, an OCR-read ≥ printed as 2): the cut is a guess.
        guessed = re.match(_COMPARATOR, normalise(value)) is None
        return [Piece(name), Piece(value, guessed=guessed)]
    qualitative = _QUALITATIVE_RE.search(text)
    if qualitative is not None and qualitative.start() >= 3:  # 显著改善 is one value, not 显著 and 改善
        return [Piece(text[: qualitative.start()]), Piece(qualitative.group(0), guessed=True)]
    return [Piece(text)]


_VALUE_SPAN = 40  # a value is short: only the run's last characters are tried as one
_NUMBER_CHARS = frozenset("0123456789.")
_SENTENCE_END = frozenset("。，,；;：:！!？?、")


def value_start(text: str) -> int | None:
    """Where the value that ends a run of text begins (see :func:`_value_start`), None when none does."""
    return _value_start(text) if text else None


def _value_start(text: str) -> int | None:
    """Where the value that ends a run begins: the longest tail the value grammar reads as a quantity or a deadline
    (``…覆盖率2023年11月30日前``, ``…数量80%-90%``), else the tail :data:`_VALUE_END_RE` finds. None when the part
    before it holds no Chinese character: ``PM2.5年均浓度`` and a code such as ``41070023Q0012A`` name nothing."""
    start: int | None = None
    if text[-1] in _SENTENCE_END:
        return None  # a sentence (a goal, a note), not a value printed after its name
    for index in range(max(1, len(text) - _VALUE_SPAN), len(text)):
        if text[index - 1] in _NUMBER_CHARS and text[index] in _NUMBER_CHARS:
            continue  # never inside a number
        if parse_value(text[index:]).kind is not ValueKind.QUALITATIVE:
            start = index
            break
    if start is None:
        match = _VALUE_END_RE.search(text)
        start = match.start() if match is not None and match.start() > 0 else None
    return start if start is not None and _CJK_RE.search(text[:start]) else None
