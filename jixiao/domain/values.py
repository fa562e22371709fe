"""The indicator-value grammar: from a printed 指标值 to comparator, number, unit and kind, and back.

``parse_value`` never raises: text it cannot read as a number or a deadline is qualitative (定性). ``render_value``
gives the canonical text (``≥99%``, ``≤10万元``, ``80-90%``, ``±3%``), and parsing that text again gives the same
value. Real documents print the same thing many ways (``≧99％``, ``99%以上``, ``不低于99百分比``); all are accepted.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation

from jixiao.domain.model import Comparator, IndicatorValue, ValueKind

# Variant comparator glyphs, mapped before NFKC (which folds ＞＜＝﹦ but not ≧≦⩾⩽).
_GLYPHS = str.maketrans({"≧": "≥", "⩾": "≥", "≦": "≤", "⩽": "≤", "﹥": ">", "﹤": "<", "﹦": "=", "％": "%", "‰": "‰"})

_SYMBOL_COMPARATORS: list[tuple[str, Comparator]] = [
    (">=", Comparator.GE),
    ("=>", Comparator.GE),
    ("≥=", Comparator.GE),
    ("<=", Comparator.LE),
    ("=<", Comparator.LE),
    ("≤=", Comparator.LE),
    ("≥", Comparator.GE),
    ("≤", Comparator.LE),
    (">", Comparator.GT),
    ("<", Comparator.LT),
    ("=", Comparator.EQ),
]

# Longest first, so that 不低于 wins over 低于.
_WORD_PREFIXES: list[tuple[str, Comparator]] = [
    ("不低于", Comparator.GE),
    ("不少于", Comparator.GE),
    ("不小于", Comparator.GE),
    ("不高于", Comparator.LE),
    ("不超过", Comparator.LE),
    ("不多于", Comparator.LE),
    ("不大于", Comparator.LE),
    ("大于等于", Comparator.GE),
    ("小于等于", Comparator.LE),
    ("高于", Comparator.GT),
    ("超过", Comparator.GT),
    ("多于", Comparator.GT),
    ("大于", Comparator.GT),
    ("低于", Comparator.LT),
    ("少于", Comparator.LT),
    ("小于", Comparator.LT),
    ("至少", Comparator.GE),
    ("最少", Comparator.GE),
    ("最多", Comparator.LE),
    ("控制在", Comparator.LE),
    ("达到", Comparator.GE),
    ("等于", Comparator.EQ),
]

_WORD_SUFFIXES: list[tuple[str, Comparator]] = [
    ("及以上", Comparator.GE),
    ("以上", Comparator.GE),
    ("及以下", Comparator.LE),
    ("以下", Comparator.LE),
    ("以内", Comparator.LE),
    ("之内", Comparator.LE),
    ("内", Comparator.LE),
]

_NUMBER = r"[+-]?\d+(?:\.\d+)?"
_NUMBER_RE = re.compile(_NUMBER)
_THOUSANDS_RE = re.compile(r"(?<=\d),(?=\d{3}(?:\D|$))")
# A unit is a short run of letters, CJK or unit punctuation with no digits: 人, 万元, 元/人·天, 平方米, %, ㎡.
_UNIT_RE = re.compile(r"[%‰℃°㎡㎞a-zA-Z\u4e00-\u9fff/·・.()²³]{1,10}")
_RANGE_RE = re.compile(rf"^({_NUMBER})\s*([^\d\s~\-—–至到]{{0,10}}?)\s*(?:~|-|—|–|至|到)\s*({_NUMBER})\s*(\S{{0,10}})$")
_TOLERANCE_RE = re.compile(rf"^(?:±|\+/-|\+-)\s*({_NUMBER})\s*(\S{{0,10}}?)\s*(?:以内|之内|内)?$")

_DATE_RE = re.compile(
    r"^(?:(?P<year>\d{4})\s*年)?\s*(?:(?P<month>\d{1,2})\s*月(?:份)?)?\s*"
    r"(?:(?P<day>\d{1,2})\s*日|(?P<end>底|末|中旬|上旬|下旬))?"
    r"\s*(?P<before>前|之前|以前|内|之内|止|为止)?\s*(?:完成|办结|完工|发放|支付|到位|兑现)?$"
)
_ISO_DATE_RE = re.compile(r"^(?P<year>\d{4})[-./](?P<month>\d{1,2})(?:[-./](?P<day>\d{1,2}))?\s*(?P<before>前|之前|以前)?$")

# Words that make a number-with-text read as a description rather than a measured unit.
_QUALITATIVE_WORDS = ("完成", "执行", "按照", "符合", "提高", "提升", "有效", "明显", "良好", "规定", "标准")


def normalise(text: str) -> str:
    """Fold full-width digits, letters and comparator variants to one form; drop inner thousands separators."""
    folded = unicodedata.normalize("NFKC", text.translate(_GLYPHS)).strip()
    folded = folded.replace("百分比", "%").replace("百分之", "%").replace("—", "-").replace("–", "-")
    folded = folded.replace("～", "~").replace("〜", "~")
    return _THOUSANDS_RE.sub("", folded)


def parse_value(text: str) -> IndicatorValue:
    """Parse a printed indicator value; never raises (unreadable text is qualitative)."""
    original = text.strip()
    body = normalise(original)
    if not body:
        return IndicatorValue(text=original)
    return (
        _parse_tolerance(original, body)
        or _parse_range(original, body)
        or _parse_deadline(original, body)
        or _parse_quantity(original, body)
        or IndicatorValue(text=original, kind=ValueKind.QUALITATIVE)
    )


def _decimal(token: str) -> Decimal | None:
    try:
        number = Decimal(token)
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def _unit(rest: str) -> tuple[bool, str | None]:
    """Whether ``rest`` (what follows the number) is a unit, and the unit; the empty rest is no unit."""
    rest = rest.strip()
    if not rest:
        return True, None
    if _UNIT_RE.fullmatch(rest) and not any(word in rest for word in _QUALITATIVE_WORDS):
        return True, rest
    return False, None


def _split_comparator(body: str) -> tuple[Comparator | None, str]:
    for symbol, comparator in _SYMBOL_COMPARATORS:
        if body.startswith(symbol):
            return comparator, body[len(symbol) :].strip()
    for word, comparator in _WORD_PREFIXES:
        if body.startswith(word):
            return comparator, body[len(word) :].strip()
    return None, body


def _split_suffix(body: str) -> tuple[Comparator | None, str]:
    for word, comparator in _WORD_SUFFIXES:
        if body.endswith(word) and len(body) > len(word):
            return comparator, body[: -len(word)].strip()
    return None, body


def _parse_quantity(original: str, body: str) -> IndicatorValue | None:
    comparator, rest = _split_comparator(body)
    suffix_comparator, rest = _split_suffix(rest)
    if comparator is None:
        comparator = suffix_comparator
    elif suffix_comparator is not None and suffix_comparator is not comparator:
        return None  # "≥90%以下" contradicts itself: leave it qualitative for a person to read.
    match = _NUMBER_RE.match(rest)
    if match is None:
        return None
    number = _decimal(match.group())
    is_unit, unit = _unit(rest[match.end() :])
    if number is None or not is_unit:
        return None
    return IndicatorValue(
        text=original, comparator=comparator, number=number, unit=unit, kind=ValueKind.QUANTITATIVE
    )


def _parse_range(original: str, body: str) -> IndicatorValue | None:
    match = _RANGE_RE.match(body)
    if match is None:
        return None
    low, first_unit, high, second_unit = match.groups()
    first_ok, unit_a = _unit(first_unit)
    second_ok, unit_b = _unit(second_unit)
    if not (first_ok and second_ok) or (unit_a and unit_b and unit_a != unit_b):
        return None
    low_number, high_number = _decimal(low), _decimal(high)
    if low_number is None or high_number is None or low_number > high_number:
        return None
    return IndicatorValue(
        text=original,
        number=low_number,
        upper=high_number,
        unit=unit_b or unit_a,
        kind=ValueKind.QUANTITATIVE,
    )


def _parse_tolerance(original: str, body: str) -> IndicatorValue | None:
    match = _TOLERANCE_RE.match(body)
    if match is None:
        return None
    number = _decimal(match.group(1))
    ok, unit = _unit(match.group(2))
    if number is None or not ok:
        return None
    return IndicatorValue(
        text=original,
        comparator=Comparator.LE,
        number=number,
        unit=unit,
        kind=ValueKind.QUANTITATIVE,
        tolerance=True,
    )


def _parse_deadline(original: str, body: str) -> IndicatorValue | None:
    compact = body.replace(" ", "")
    if compact in ("年底前", "年内", "年底", "年末", "当年", "本年度内", "年度内"):
        return IndicatorValue(text=original, comparator=Comparator.LE, kind=ValueKind.DEADLINE, date="--12-31")
    match = _DATE_RE.match(compact) or _ISO_DATE_RE.match(compact)
    if match is None:
        return None
    parts = match.groupdict()
    year, month, day = parts.get("year"), parts.get("month"), parts.get("day")
    if month is None and not (year and parts.get("end")):
        return None  # a bare year ("2021年") or nothing date-like
    if month is not None and not 1 <= int(month) <= 12 or day is not None and not 1 <= int(day) <= 31:
        return None
    if month is None:  # "2021年底前"
        month, day = "12", "31"
    date = f"{year or '-'}-{int(month):02d}" + (f"-{int(day):02d}" if day else "")
    comparator = Comparator.LE if parts.get("before") or parts.get("end") else None
    return IndicatorValue(text=original, comparator=comparator, kind=ValueKind.DEADLINE, date=date)


def format_number(number: Decimal) -> str:
    """A Decimal as printed, never in exponent notation (``5.00``, ``100``, ``0.5``)."""
    text = format(number, "f")
    return text


def render_value(value: IndicatorValue) -> str:
    """The canonical printed form of a value; parsing it again gives the same comparator, number, unit and kind."""
    if value.kind is not ValueKind.QUANTITATIVE or value.number is None:
        return value.text.strip()
    unit = value.unit or ""
    if value.upper is not None:
        return f"{format_number(value.number)}{unit}-{format_number(value.upper)}{unit}"
    if value.tolerance:
        return f"±{format_number(value.number)}{unit}"
    symbol = value.comparator.symbol if value.comparator else ""
    return f"{symbol}{format_number(value.number)}{unit}"
