"""The indicator-value grammar: from a printed 指标值 to comparator, number, unit and kind, and back.

``parse_value`` never raises: text it cannot read as a quantity, a range, a tolerance or a deadline is qualitative
(定性) and keeps its text. ``render_value`` gives the canonical text (``≥99%``, ``≤10万元``, ``80%-90%``, ``±3%``,
``2021年12月31日前``); parsing the canonical text again gives the same value, and rendering that gives the same
text. Real documents print the same thing many ways (``≧99％``, ``99%以上``, ``不低于99百分比``); all are accepted.

Grammar, applied to the text after ``normalise`` (full-width and variant glyphs folded, ``百分比`` → ``%``,
thousands separators dropped), trailing sentence punctuation removed and any ``(含…)``/``(不含…)`` note taken out:

- tolerance: ``±N[unit][以内|之内|内]`` → comparator ``<=``, ``tolerance`` True.
- deadline:  ``[截至|截止|于|在] date [前|之前|以前|内|之内|以内|止|为止] [verb]`` where date is ``2021年12月31日``,
  ``2021年12月``, ``12月31日``, ``12月``, ``12月底``/``末``/``上旬``/``中旬``/``下旬``, ``2021年``, ``2021年底``,
  ``年底``, ``本年度``, ``2021-12-31``, ``2021/12/31``, ``2021.12.31`` or ``2021-12``.
- range:     ``[在|控制在|保持在|介于] N[unit] (-|~|至|到) N[unit] [之间|以内|之内|内|范围内]``.
- quantity:  ``[symbol | prefix word] N [unit] [verb] [以上|及以上|以下|及以下|以内|及以内|之内|内]``.

Decisions on cases that documents print and that could be read more than one way (each with its reason):

- ``90%以上`` → ``≥90%``: 以上/以下 include the number in Chinese administrative usage (法律 and 统计 conventions).
- ``≥90%（含）`` → ``≥90%``; ``>90%（含）`` → ``≥90%``; ``≥90%（不含）`` → ``>90%``: the note says whether the
  bound itself counts, so it changes the comparator and is not part of the unit. A note with no comparator is ignored.
- ``≥90%以下`` and ``=90%以上`` → qualitative: the two comparators contradict; a person must read them. ``≥90%以上``
  and ``>90%以上`` keep the printed symbol (same direction, the symbol is the more precise).
- ``3个工作日内``, ``24小时内`` → ``≤3个工作日``, ``≤24小时``: a duration with 内 is an upper bound, not a date.
- ``30天`` → quantity 30 天 with no comparator (none is printed; the review decides what it means).
- ``≤10万元`` → 10 with unit ``万元``: amounts keep the printed unit, nothing is converted between 元 and 万元.
- ``100%完成`` (also 达标 到位 覆盖 办结 完工 发放 支付 兑现 实施 验收) → ``100%``: a trailing verb names what the
  quantity measures; it is neither a unit nor a comparator. The same verbs may follow a deadline.
- ``0起`` → quantity 0 with unit ``起`` (the measure word of incidents); ``零事故`` and ``无`` → qualitative: Chinese
  numerals are not read, because they sit inside ordinary words (一般, 一定, 零星) far more often than they count.
- ``≥-5%`` → ``≥-5%``: negative bounds are real (growth rates, deviations). ``-0`` is read as ``0``.
- ``1.5‰`` → unit ``‰``, never converted to %: the printed scale is what the indicator is measured on.
- ``㎡``, ``m²`` → unit ``平方米``; ``㎥``, ``m³`` → ``立方米``: NFKC turns them into ``m2``/``m3``, which contain a
  digit; the Chinese word is the form most documents print.
- ``%`` and ``‰`` stand alone in a unit part (``%/年`` is fine, ``%的`` or ``%全覆盖`` is not): text after the percent
  sign is a description, so ``90%的群众`` stays qualitative.
- A unit is at most 12 characters of letters or CJK in parts joined by ``/`` ``·`` ``・`` (``元/人·天``). It may
  not contain 以上/以下, 的, 左右, 至/到 or descriptive words (执行, 提高 …) nor end with a suffix word or a verb:
  otherwise its canonical text would read back differently.
- ``1,200人次``, ``1，200``, ``1 200`` → 1200: a comma or a space followed by exactly three digits groups thousands.
- ``百分之90`` → ``90%``; ``百分之百`` → ``100%``.
- ``1e5``, ``.5``, ``10:1`` → qualitative: exponents, bare fractions and ratios have no single printed number.
- ``≥**%``, ``≥XX%``, ``-``, ``/`` → qualitative: placeholders (the review reports them, rule T6).
- ``2021年`` → deadline ``2021`` (a four-digit year 1900–2099 with 年 is a date, ``3年`` is a duration).
  ``6月`` → deadline ``--06``; ``6个月`` is a duration.
- ``12月底`` → ``--12-31``; 上旬/中旬/下旬 → day 10/20/last: the latest day the words allow. Without a year,
  February ends on the 29th (the latest possible day).
- A deadline has comparator ``<=`` only when a word says "by" (前, 之前, 以前, 内, 之内, 以内, 止, 为止, 截至, 截止);
  ``2021年12月31日`` and ``12月底`` print none, exactly as a quantity without a symbol.
- ``2021.12`` → the number 2021.12; ``2021.12.31`` and ``2021-12`` → deadlines: with dots only a full date is
  unambiguous.
- ``2月30日`` → qualitative: an impossible date is a typo for a person to fix.
- A deadline's ``date`` is ISO 8601: ``2021-12-31``, ``2021-12``, ``2021``, or without a year ``--12-31``, ``--12``.
  Its ``number`` is None. Its canonical text is ``2021年12月31日`` (+ ``前`` when ``<=``; ``2021年内`` for a year).
- A quantity with no comparator whose canonical text reads as a date (``+6月``, ``006月``) is that date.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from decimal import Decimal
from functools import lru_cache

from jixiao.domain.model import Comparator, IndicatorValue, ValueKind

# Applied before and after NFKC: NFKC folds ＞＜＝％ and full-width digits, but not ≧≦⩾⩽≮≯, the dashes or 〜.
_GLYPHS = str.maketrans("≧⩾≮≦⩽≯﹥﹤﹦—–―−‐‑～〜", "≥≥≥≤≤≤><=------~~")

_NUMBER = r"[+-]?[0-9]+(?:\.[0-9]+)?"
_NUMBER_RE = re.compile(_NUMBER)
_UNSIGNED = r"[0-9]+(?:\.[0-9]+)?"
_THOUSANDS_RE = re.compile(r"(?<=[0-9]),(?=[0-9]{3}(?![0-9]))")
_SPACE_THOUSANDS_RE = re.compile(r"(?<=[0-9]) (?=[0-9]{3}(?![0-9]))")
_PERCENT_OF_RE = re.compile(rf"百分之\s*({_UNSIGNED})")
_HUNDRED_PERCENT_RE = re.compile(r"(?<![0-9.])百分之百")
_TRAILING_RE = re.compile(r"[\s.,;:!?。、]+$")
_INCLUSION_RE = re.compile(r"\((不)?含[^()]{0,12}\)")

_SYMBOLS: dict[str, Comparator] = {
    ">=": Comparator.GE,
    "=>": Comparator.GE,
    "≥=": Comparator.GE,
    "<=": Comparator.LE,
    "=<": Comparator.LE,
    "≤=": Comparator.LE,
    "≥": Comparator.GE,
    "≤": Comparator.LE,
    ">": Comparator.GT,
    "<": Comparator.LT,
    "=": Comparator.EQ,
}

_PREFIX_WORDS: dict[str, Comparator] = {
    "不低于": Comparator.GE,
    "不少于": Comparator.GE,
    "不小于": Comparator.GE,
    "不得低于": Comparator.GE,
    "不得少于": Comparator.GE,
    "不得小于": Comparator.GE,
    "大于等于": Comparator.GE,
    "大于或等于": Comparator.GE,
    "高于或等于": Comparator.GE,
    "至少": Comparator.GE,
    "最少": Comparator.GE,
    "最低": Comparator.GE,
    "达到": Comparator.GE,
    "不高于": Comparator.LE,
    "不超过": Comparator.LE,
    "不超出": Comparator.LE,
    "不多于": Comparator.LE,
    "不大于": Comparator.LE,
    "不得高于": Comparator.LE,
    "不得超过": Comparator.LE,
    "不得多于": Comparator.LE,
    "不得大于": Comparator.LE,
    "未超过": Comparator.LE,
    "未超出": Comparator.LE,
    "小于等于": Comparator.LE,
    "小于或等于": Comparator.LE,
    "低于或等于": Comparator.LE,
    "最多": Comparator.LE,
    "最高": Comparator.LE,
    "控制在": Comparator.LE,
    "高于": Comparator.GT,
    "超过": Comparator.GT,
    "多于": Comparator.GT,
    "大于": Comparator.GT,
    "低于": Comparator.LT,
    "少于": Comparator.LT,
    "小于": Comparator.LT,
    "不足": Comparator.LT,
    "不到": Comparator.LT,
    "等于": Comparator.EQ,
}

_SUFFIX_WORDS: dict[str, Comparator] = {
    "及以上": Comparator.GE,
    "以上": Comparator.GE,
    "及以下": Comparator.LE,
    "以下": Comparator.LE,
    "及以内": Comparator.LE,
    "以内": Comparator.LE,
    "之内": Comparator.LE,
    "内": Comparator.LE,
}

# Longest first, so that 不低于 wins over 低于 and 大于等于 over 大于.
_PREFIXES = sorted([*_SYMBOLS.items(), *_PREFIX_WORDS.items()], key=lambda item: -len(item[0]))
_SUFFIXES = sorted(_SUFFIX_WORDS.items(), key=lambda item: -len(item[0]))

_VERBS = ("完成", "达标", "到位", "覆盖", "办结", "完工", "发放", "支付", "兑现", "实施", "验收")

_UNIT_PART = r"(?:[%‰]|[a-zA-Z°\u3400-\u4dbf\u4e00-\u9fff]{1,6})"
_UNIT_RE = re.compile(rf"{_UNIT_PART}(?:[/·・]{_UNIT_PART})*")
_UNIT_ALIASES = {"m2": "平方米", "m3": "立方米", "km2": "平方公里"}
_NOT_IN_UNIT = (
    *"的至到",
    "以上",
    "以下",
    "左右",
    "执行",
    "按照",
    "符合",
    "提高",
    "提升",
    "有效",
    "明显",
    "良好",
    "规定",
    "满意",
)
_UNIT_MAY_NOT_END = (*_SUFFIX_WORDS, *_VERBS)
_UNIT_MAX = 12

_RANGE_RE = re.compile(
    rf"^(?:控制在|保持在|介于|在)?(?P<low>{_NUMBER})\s*(?P<u1>[^0-9\s~\-至到]{{0,{_UNIT_MAX}}}?)\s*(?:~|-|至|到)\s*"
    rf"(?P<high>{_NUMBER})\s*(?P<u2>.{{0,{_UNIT_MAX}}}?)\s*(?:之间|以内|之内|范围内|内)?$"
)
_TOLERANCE_RE = re.compile(
    rf"^(?:±|\+/-|\+-)\s*(?P<number>{_UNSIGNED})\s*(?P<unit>.{{0,{_UNIT_MAX}}}?)\s*(?:以内|之内|内)?$"
)

_DEADLINE_LEADS = ("截至到", "截止到", "截至", "截止", "于", "在")
_BEFORE_WORDS = ("之前", "以前", "之内", "以内", "为止", "前", "内", "止")
_YEAR = r"(?P<year>(?:19|20)[0-9]{2})"
_MONTH_DAY_RE = re.compile(
    rf"^(?:{_YEAR}年度?)?(?P<month>[0-9]{{1,2}})月份?(?:(?P<day>[0-9]{{1,2}})[日号]|(?P<part>底|末|上旬|中旬|下旬))?$"
)
_YEAR_RE = re.compile(rf"^{_YEAR}年度?(?P<part>底|末)?$")
_ISO_RE = re.compile(rf"^{_YEAR}(?P<sep>[-/.])(?P<month>[0-9]{{1,2}})(?:(?P=sep)(?P<day>[0-9]{{1,2}}))?$")
_THIS_YEAR_RE = re.compile(r"^(?P<this>本|当)?年度?(?P<part>底|末)?$")
_PART_DAYS = {"上旬": 10, "中旬": 20}
_INCLUSIVE = {Comparator.GT: Comparator.GE, Comparator.LT: Comparator.LE}
_EXCLUSIVE = {Comparator.GE: Comparator.GT, Comparator.LE: Comparator.LT}
_DATE_TEXT_RE = re.compile(r"^(?P<year>[0-9]{4}|-)(?:-(?P<month>[0-9]{2})(?:-(?P<day>[0-9]{2}))?)?$")


@lru_cache(maxsize=8192)
def normalise(text: str) -> str:
    """Fold full-width digits, letters and comparator variants to one form; drop inner thousands separators."""
    folded = unicodedata.normalize("NFKC", text.translate(_GLYPHS)).translate(_GLYPHS).strip()
    folded = _HUNDRED_PERCENT_RE.sub("100%", folded)
    folded = _PERCENT_OF_RE.sub(r"\1%", folded).replace("百分比", "%")
    return _THOUSANDS_RE.sub("", folded)


def parse_value(text: str) -> IndicatorValue:
    """Parse a printed indicator value; never raises (unreadable text is qualitative)."""
    original = text.strip()
    body, inclusive = _clean(original)
    if not body:
        return IndicatorValue(text=original)
    return (
        _parse_tolerance(original, body)
        or _parse_deadline(original, body)
        or _parse_range(original, body)
        or _parse_quantity(original, body, inclusive)
        or IndicatorValue(text=original, kind=ValueKind.QUALITATIVE)
    )


def format_number(number: Decimal) -> str:
    """A Decimal as printed, never in exponent notation (``5.00``, ``100``, ``0.5``); ``-0`` is ``0``."""
    if number.is_zero():
        number = number.copy_abs()
    return format(number, "f")


def display_number(number: Decimal) -> str:
    """A figure for a page: two decimals (``5`` → ``5.00``, ``269.250`` → ``269.25``) with thousands separators
    (``2,000.00``), except that digits beyond the second decimal that carry value are kept (``0.125`` stays ``0.125``):
    one format on every page, and never a figure rounded into another."""
    if not number.is_finite():
        return str(number)
    cents = number.quantize(Decimal("0.01"))
    shown = cents if cents == number else number.normalize()
    return format(shown.copy_abs() if shown.is_zero() else shown, ",f")


def render_value(value: IndicatorValue) -> str:
    """The canonical printed form of a value; parsing it again gives the same comparator, number, unit and kind."""
    if value.kind is ValueKind.DEADLINE:
        return _render_deadline(value) or value.text.strip()
    if value.kind is not ValueKind.QUANTITATIVE or value.number is None:
        return value.text.strip()
    unit = value.unit or ""
    if value.upper is not None:
        separator = "~" if value.upper < 0 else "-"  # "-5~-3" reads better than "-5--3"
        return f"{format_number(value.number)}{unit}{separator}{format_number(value.upper)}{unit}"
    if value.tolerance:
        return f"±{format_number(value.number)}{unit}"
    symbol = value.comparator.symbol if value.comparator else ""
    return f"{symbol}{format_number(value.number)}{unit}"


# ---------------------------------------------------------------------------------------------------------------
# Pieces


_YEAR_TWICE_RE = re.compile(r"((?:19|20)\d{2})年年(底|末|内|中)")
_YEAR_MONTH_RE = re.compile(r"^(?:19|20)\d{2}\.(?:0[1-9]|1[0-2])$")


def _clean(original: str) -> tuple[str, bool | None]:
    """The normalised body and its inclusion note: True for (含…), False for (不含…), None when none is printed."""
    body = _SPACE_THOUSANDS_RE.sub("", _TRAILING_RE.sub("", normalise(original)))
    body = _YEAR_TWICE_RE.sub(r"\1年\2", body)  # 2025年年底前: the year's 年 printed twice
    inclusive: bool | None = None
    for match in _INCLUSION_RE.finditer(body):
        inclusive = match.group(1) is None
    return _INCLUSION_RE.sub("", body).strip(), inclusive


def _decimal(token: str) -> Decimal:
    number = Decimal(token)  # the callers' regexes admit only plain decimals
    return number.copy_abs() if number.is_zero() else number


def _unit(rest: str) -> tuple[bool, str | None]:
    """Whether ``rest`` (what follows the number) is a unit, and the unit; the empty rest is no unit."""
    rest = rest.strip()
    if not rest:
        return True, None
    unit = _UNIT_ALIASES.get(rest, rest)
    if (
        len(unit) > _UNIT_MAX
        or not _UNIT_RE.fullmatch(unit)
        or any(word in unit for word in _NOT_IN_UNIT)
        or unit.endswith(_UNIT_MAY_NOT_END)
    ):
        return False, None
    return True, unit


def _split_prefix(body: str) -> tuple[Comparator | None, str]:
    for word, comparator in _PREFIXES:
        if body.startswith(word):
            return comparator, body[len(word) :].strip()
    return None, body


def _split_suffix(body: str) -> tuple[Comparator | None, str]:
    for word, comparator in _SUFFIXES:
        if body.endswith(word) and len(body) > len(word):
            return comparator, body[: -len(word)].strip()
    return None, body


def _strip_verb(body: str) -> str:
    for verb in _VERBS:
        if body.endswith(verb) and len(body) > len(verb):
            return body[: -len(verb)].strip()
    return body


def _merge(prefix: Comparator | None, suffix: Comparator | None) -> tuple[bool, Comparator | None]:
    """The comparator of a printed symbol or word and a suffix; ``(False, None)`` when the two contradict."""
    if prefix is None or suffix is None or prefix is suffix:
        return True, prefix or suffix
    same_direction = (prefix.is_lower_bound and suffix.is_lower_bound) or (
        prefix.is_upper_bound and suffix.is_upper_bound
    )
    return (True, prefix) if same_direction else (False, None)


def _with_inclusion(comparator: Comparator | None, inclusive: bool | None) -> Comparator | None:
    if comparator is None or inclusive is None:
        return comparator
    return (_INCLUSIVE if inclusive else _EXCLUSIVE).get(comparator, comparator)


# ---------------------------------------------------------------------------------------------------------------
# Quantities, ranges and tolerances


def _parse_quantity(original: str, body: str, inclusive: bool | None) -> IndicatorValue | None:
    prefix, rest = _split_prefix(body)
    suffix, rest = _split_suffix(_strip_verb(rest))
    consistent, comparator = _merge(prefix, suffix)
    match = _NUMBER_RE.match(rest)
    if not consistent or match is None:
        return None
    is_unit, unit = _unit(rest[match.end() :])
    if not is_unit:
        return None
    value = IndicatorValue(
        text=original,
        comparator=_with_inclusion(comparator, inclusive),
        number=_decimal(match.group()),
        unit=unit,
        kind=ValueKind.QUANTITATIVE,
    )
    if value.comparator is None:  # "+6月" is the month 6月, as its canonical text says
        return _parse_deadline(original, render_value(value)) or value
    return value


def _parse_range(original: str, body: str) -> IndicatorValue | None:
    match = _RANGE_RE.match(body)
    if match is None:
        return None
    first_ok, first_unit = _unit(match.group("u1"))
    second_ok, second_unit = _unit(match.group("u2"))
    if not (first_ok and second_ok) or (first_unit and second_unit and first_unit != second_unit):
        return None
    if _YEAR_MONTH_RE.match(match.group("low")) and _YEAR_MONTH_RE.match(match.group("high")):
        return None  # 2023.07-2024.01 is a period of months, not a range of numbers
    low, high = _decimal(match.group("low")), _decimal(match.group("high"))
    if low > high:
        return None  # "90%-80%" is more likely a typo than a range; a person should read it
    return IndicatorValue(
        text=original, number=low, upper=high, unit=second_unit or first_unit, kind=ValueKind.QUANTITATIVE
    )


def _parse_tolerance(original: str, body: str) -> IndicatorValue | None:
    match = _TOLERANCE_RE.match(body)
    if match is None:
        return None
    is_unit, unit = _unit(match.group("unit"))
    if not is_unit:
        return None
    return IndicatorValue(
        text=original,
        comparator=Comparator.LE,
        number=_decimal(match.group("number")),
        unit=unit,
        kind=ValueKind.QUANTITATIVE,
        tolerance=True,
    )


# ---------------------------------------------------------------------------------------------------------------
# Deadlines


def _parse_deadline(original: str, body: str) -> IndicatorValue | None:
    compact = body.replace(" ", "")
    lead = next((word for word in _DEADLINE_LEADS if compact.startswith(word)), "")
    compact = _strip_verb(compact[len(lead) :])
    before = next((word for word in _BEFORE_WORDS if compact.endswith(word) and len(compact) > len(word)), "")
    compact = compact[: len(compact) - len(before)]
    by = bool(before) or lead.startswith("截")
    date = _date_of(compact, anchored=bool(before or lead))
    if date is None:
        return None
    return IndicatorValue(text=original, comparator=Comparator.LE if by else None, kind=ValueKind.DEADLINE, date=date)


def _date_of(compact: str, *, anchored: bool) -> str | None:
    """The ISO date of a printed date; a lone 年/年度 counts only with 本/当, 底/末 or a lead or before word."""
    if match := _MONTH_DAY_RE.match(compact):
        return _iso(match.group("year"), match.group("month"), match.group("day"), match.group("part"))
    if match := _YEAR_RE.match(compact):
        return _iso(match.group("year"), None, None, match.group("part"))
    if (match := _ISO_RE.match(compact)) and not (match.group("sep") == "." and match.group("day") is None):
        return _iso(match.group("year"), match.group("month"), match.group("day"), None)
    if (match := _THIS_YEAR_RE.match(compact)) and (anchored or match.group("this") or match.group("part")):
        return "--12-31"
    return None


def _iso(year: str | None, month: str | None, day: str | None, part: str | None) -> str | None:
    if month is None:
        return f"{year}-12-31" if part else year
    month_number = int(month)
    if not 1 <= month_number <= 12:
        return None
    last = calendar.monthrange(int(year) if year else 2000, month_number)[1]  # 2000: February has its 29th
    day_number = int(day) if day else None
    if day_number is None and part is not None:
        day_number = _PART_DAYS.get(part, last)
    if day_number is not None and not 1 <= day_number <= last:
        return None
    text = f"{year or '-'}-{month_number:02d}"
    return text if day_number is None else f"{text}-{day_number:02d}"


def _render_deadline(value: IndicatorValue) -> str | None:
    match = _DATE_TEXT_RE.match(value.date or "")
    if match is None or (match.group("year") == "-" and match.group("month") is None):
        return None
    year, month, day = match.group("year", "month", "day")
    text = "" if year == "-" else f"{year}年"
    text += f"{int(month)}月" if month else ""
    text += f"{int(day)}日" if day else ""
    if value.comparator is Comparator.LE:
        text += "前" if month else "内"
    return text
