"""The indicator-value grammar: a table of what documents print, and properties over any text."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.domain.model import Comparator, IndicatorValue, ValueKind
from jixiao.domain.values import format_number, normalise, parse_value, render_value

GE, LE, GT, LT, EQ = Comparator.GE, Comparator.LE, Comparator.GT, Comparator.LT, Comparator.EQ

# Deterministic examples keep CI free of flakiness; 300 per property keeps the suite to a few seconds.
PROPERTY = settings(max_examples=300, deadline=None, derandomize=True, database=None)

Fields = tuple[Comparator | None, Decimal | None, str | None, ValueKind, Decimal | None, bool, str | None]


def fields(value: IndicatorValue) -> Fields:
    """Everything a value means; ``text`` is left out because it is the printed text, not its meaning."""
    return (value.comparator, value.number, value.unit, value.kind, value.upper, value.tolerance, value.date)


def quantity(comparator: Comparator | None, number: str, unit: str | None = None) -> Fields:
    return (comparator, Decimal(number), unit, ValueKind.QUANTITATIVE, None, False, None)


def span(low: str, high: str, unit: str | None = None) -> Fields:
    return (None, Decimal(low), unit, ValueKind.QUANTITATIVE, Decimal(high), False, None)


def tolerance(number: str, unit: str | None = None) -> Fields:
    return (LE, Decimal(number), unit, ValueKind.QUANTITATIVE, None, True, None)


def deadline(comparator: Comparator | None, date: str) -> Fields:
    return (comparator, None, None, ValueKind.DEADLINE, None, False, date)


QUALITATIVE: Fields = (None, None, None, ValueKind.QUALITATIVE, None, False, None)

# printed text → meaning → canonical text (None: the canonical text is the printed text itself)
TABLE: list[tuple[str, Fields, str | None]] = [
    # comparator symbols, their full-width and variant forms, ASCII digraphs
    ("≥99%", quantity(GE, "99", "%"), None),
    ("≤99%", quantity(LE, "99", "%"), None),
    (">95%", quantity(GT, "95", "%"), None),
    ("<5%", quantity(LT, "5", "%"), None),
    ("=100%", quantity(EQ, "100", "%"), None),
    ("≧99％", quantity(GE, "99", "%"), "≥99%"),
    ("≦10万元", quantity(LE, "10", "万元"), "≤10万元"),
    ("＞95%", quantity(GT, "95", "%"), ">95%"),
    ("＜5%", quantity(LT, "5", "%"), "<5%"),
    ("＝100%", quantity(EQ, "100", "%"), "=100%"),
    ("﹦100%", quantity(EQ, "100", "%"), "=100%"),
    ("⩾90%", quantity(GE, "90", "%"), "≥90%"),
    ("⩽10%", quantity(LE, "10", "%"), "≤10%"),
    ("≮90%", quantity(GE, "90", "%"), "≥90%"),
    (">=90%", quantity(GE, "90", "%"), "≥90%"),
    ("<=10个", quantity(LE, "10", "个"), "≤10个"),
    ("≥ 1200人次", quantity(GE, "1200", "人次"), "≥1200人次"),
    ("≥ 99 %", quantity(GE, "99", "%"), "≥99%"),
    # suffix words
    ("90%以上", quantity(GE, "90", "%"), "≥90%"),
    ("10万元以下", quantity(LE, "10", "万元"), "≤10万元"),
    ("3%以内", quantity(LE, "3", "%"), "≤3%"),
    ("5家及以上", quantity(GE, "5", "家"), "≥5家"),
    ("20人及以下", quantity(LE, "20", "人"), "≤20人"),
    ("3个工作日内", quantity(LE, "3", "个工作日"), "≤3个工作日"),
    ("24小时内", quantity(LE, "24", "小时"), "≤24小时"),
    ("≥90%以上", quantity(GE, "90", "%"), "≥90%"),
    (">90%以上", quantity(GT, "90", "%"), ">90%"),
    # prefix words
    ("不低于95%", quantity(GE, "95", "%"), "≥95%"),
    ("不少于200人次", quantity(GE, "200", "人次"), "≥200人次"),
    ("不高于5%", quantity(LE, "5", "%"), "≤5%"),
    ("不超过30万元", quantity(LE, "30", "万元"), "≤30万元"),
    ("大于90%", quantity(GT, "90", "%"), ">90%"),
    ("小于3次", quantity(LT, "3", "次"), "<3次"),
    ("达到100%", quantity(GE, "100", "%"), "≥100%"),
    ("低于2%", quantity(LT, "2", "%"), "<2%"),
    ("超过1000人", quantity(GT, "1000", "人"), ">1000人"),
    ("至少3次", quantity(GE, "3", "次"), "≥3次"),
    ("控制在10%以内", quantity(LE, "10", "%"), "≤10%"),
    ("不得低于90%", quantity(GE, "90", "%"), "≥90%"),
    ("大于等于80分", quantity(GE, "80", "分"), "≥80分"),
    ("小于或等于5天", quantity(LE, "5", "天"), "≤5天"),
    ("等于100%", quantity(EQ, "100", "%"), "=100%"),
    # the unit word 百分比 and its relatives
    ("≥100百分比", quantity(GE, "100", "%"), "≥100%"),
    ("不低于99百分比", quantity(GE, "99", "%"), "≥99%"),
    ("百分之90以上", quantity(GE, "90", "%"), "≥90%"),
    ("百分之百", quantity(None, "100", "%"), "100%"),
    ("≤2个百分点", quantity(LE, "2", "个百分点"), None),
    # tolerances
    ("±3%以内", tolerance("3", "%"), "±3%"),
    ("±5%", tolerance("5", "%"), None),
    ("+/-2个百分点", tolerance("2", "个百分点"), "±2个百分点"),
    ("±0.5", tolerance("0.5"), None),
    # ranges
    ("80%-90%", span("80", "90", "%"), None),
    ("80%~90%", span("80", "90", "%"), "80%-90%"),
    ("80-90%", span("80", "90", "%"), "80%-90%"),
    ("80%至90%", span("80", "90", "%"), "80%-90%"),
    ("80%—90%", span("80", "90", "%"), "80%-90%"),
    ("80％～90％", span("80", "90", "%"), "80%-90%"),
    ("3-5天", span("3", "5", "天"), "3天-5天"),
    ("在85%-95%之间", span("85", "95", "%"), "85%-95%"),
    ("-5%~5%", span("-5", "5", "%"), "-5%-5%"),
    ("-5%至-3%", span("-5", "-3", "%"), "-5%~-3%"),
    ("90%-80%", QUALITATIVE, None),
    ("80%-90分", QUALITATIVE, None),
    # compound and symbol units
    ("≤30元/人·天", quantity(LE, "30", "元/人·天"), None),
    ("≥1.2万元", quantity(GE, "1.2", "万元"), None),
    ("≥500平方米", quantity(GE, "500", "平方米"), None),
    ("100㎡", quantity(None, "100", "平方米"), "100平方米"),
    ("≥20m²", quantity(GE, "20", "平方米"), "≥20平方米"),
    ("≥12个/年", quantity(GE, "12", "个/年"), None),
    ("≥1.2万人次", quantity(GE, "1.2", "万人次"), None),
    ("1.5‰", quantity(None, "1.5", "‰"), None),
    ("≤1.5‰", quantity(LE, "1.5", "‰"), None),
    ("≥10km", quantity(GE, "10", "km"), None),
    ("≥10ｋｍ", quantity(GE, "10", "km"), "≥10km"),
    # full-width digits, thousands separators, signs, bare numbers
    ("９９％", quantity(None, "99", "%"), "99%"),
    ("≥１２００人次", quantity(GE, "1200", "人次"), "≥1200人次"),
    ("1,200人次", quantity(None, "1200", "人次"), "1200人次"),
    ("1，200", quantity(None, "1200"), "1200"),
    ("≥1,234,567.50元", quantity(GE, "1234567.50", "元"), "≥1234567.50元"),
    ("≥ 1 200人次", quantity(GE, "1200", "人次"), "≥1200人次"),
    ("100", quantity(None, "100"), None),
    ("5.00", quantity(None, "5.00"), None),
    ("0起", quantity(None, "0", "起"), None),
    ("30天", quantity(None, "30", "天"), None),
    ("6个月", quantity(None, "6", "个月"), None),
    ("3年", quantity(None, "3", "年"), None),
    ("≥-5%", quantity(GE, "-5", "%"), None),
    ("－5%", quantity(None, "-5", "%"), "-5%"),
    ("+5%", quantity(None, "5", "%"), "5%"),
    ("≥-0", quantity(GE, "0"), "≥0"),
    ("2021.12", quantity(None, "2021.12"), None),
    ("≥90%。", quantity(GE, "90", "%"), "≥90%"),
    # inclusion notes change the comparator and never end up in the unit
    ("≥90%（含）", quantity(GE, "90", "%"), "≥90%"),
    (">90%（含）", quantity(GE, "90", "%"), "≥90%"),
    ("90%以上（含90%）", quantity(GE, "90", "%"), "≥90%"),
    ("≥90%（不含）", quantity(GT, "90", "%"), ">90%"),
    ("95％（含）以上", quantity(GE, "95", "%"), "≥95%"),
    ("100%(含)", quantity(None, "100", "%"), "100%"),
    # a trailing verb names what is measured
    ("100%完成", quantity(None, "100", "%"), "100%"),
    ("100%达标", quantity(None, "100", "%"), "100%"),
    ("≥95%完成", quantity(GE, "95", "%"), "≥95%"),
    # deadlines
    ("2021年12月31日", deadline(None, "2021-12-31"), None),
    ("12月底前", deadline(LE, "--12-31"), "12月31日前"),
    ("2021年底前", deadline(LE, "2021-12-31"), "2021年12月31日前"),
    ("2025年年底前", deadline(LE, "2025-12-31"), "2025年12月31日前"),  # the year's 年 printed twice
    ("11月30日前完成", deadline(LE, "--11-30"), "11月30日前"),
    ("2021-12-31", deadline(None, "2021-12-31"), "2021年12月31日"),
    ("2021/12/31前", deadline(LE, "2021-12-31"), "2021年12月31日前"),
    ("2021.12.31", deadline(None, "2021-12-31"), "2021年12月31日"),
    ("2021-12", deadline(None, "2021-12"), "2021年12月"),
    ("2021年12月", deadline(None, "2021-12"), None),
    ("２０２１年１２月３１日", deadline(None, "2021-12-31"), "2021年12月31日"),
    ("6月底", deadline(None, "--06-30"), "6月30日"),
    ("6月中旬前", deadline(LE, "--06-20"), "6月20日前"),
    ("9月上旬", deadline(None, "--09-10"), "9月10日"),
    ("2月底前", deadline(LE, "--02-29"), "2月29日前"),
    ("2021年2月底前", deadline(LE, "2021-02-28"), "2021年2月28日前"),
    ("年底前", deadline(LE, "--12-31"), "12月31日前"),
    ("年内", deadline(LE, "--12-31"), "12月31日前"),
    ("本年度内完成", deadline(LE, "--12-31"), "12月31日前"),
    ("2021年", deadline(None, "2021"), None),
    ("2021年内", deadline(LE, "2021"), None),
    ("截至2021年12月31日", deadline(LE, "2021-12-31"), "2021年12月31日前"),
    ("于6月底前完成", deadline(LE, "--06-30"), "6月30日前"),
    ("12月份", deadline(None, "--12"), "12月"),
    ("6月", deadline(None, "--06"), None),
    ("+6月", deadline(None, "--06"), "6月"),
    # qualitative: descriptions, placeholders, contradictions, impossible dates
    ("严格执行相关制度规定", QUALITATIVE, None),
    ("效果明显", QUALITATIVE, None),
    ("达成预期指标", QUALITATIVE, None),
    ("在项目计划完成时间内完成", QUALITATIVE, None),
    ("零事故", QUALITATIVE, None),
    ("无", QUALITATIVE, None),
    ("≥**%", QUALITATIVE, None),
    ("≥XX%", QUALITATIVE, None),
    ("-", QUALITATIVE, None),
    ("—", QUALITATIVE, None),
    ("/", QUALITATIVE, None),
    ("≥90%以下", QUALITATIVE, None),
    ("=90%以上", QUALITATIVE, None),
    ("90%的群众满意", QUALITATIVE, None),
    ("100%全覆盖", QUALITATIVE, None),
    ("1e5", QUALITATIVE, None),
    (".5", QUALITATIVE, None),
    ("10:1", QUALITATIVE, None),
    ("2023.07-2024.01", QUALITATIVE, None),  # a period of months (year.month), not a range of numbers
    ("2月30日", QUALITATIVE, None),
    ("年度", QUALITATIVE, None),
    ("", QUALITATIVE, None),
]


@pytest.mark.parametrize(("printed", "meaning", "canonical"), TABLE, ids=[row[0] or "empty" for row in TABLE])
def test_it_reads_what_documents_print(printed: str, meaning: Fields, canonical: str | None) -> None:
    assert fields(parse_value(printed)) == meaning


@pytest.mark.parametrize(("printed", "meaning", "canonical"), TABLE, ids=[row[0] or "empty" for row in TABLE])
def test_it_renders_the_canonical_text(printed: str, meaning: Fields, canonical: str | None) -> None:
    rendered = render_value(parse_value(printed))
    assert rendered == (printed if canonical is None else canonical)
    assert fields(parse_value(rendered)) == meaning


def test_the_table_covers_at_least_eighty_printed_forms() -> None:
    assert len({row[0] for row in TABLE}) >= 80


def test_it_keeps_the_printed_text_without_surrounding_space() -> None:
    assert parse_value("  ≥90% \n").text == "≥90%"
    assert parse_value("　效果明显　").text == "效果明显"


def test_a_deadline_without_a_date_renders_its_text() -> None:
    assert render_value(IndicatorValue(text=" 年底 ", kind=ValueKind.DEADLINE)) == "年底"


def test_normalise_folds_full_width_forms_and_thousands() -> None:
    assert normalise(" ≧１，２００％ ") == "≥1200%"
    assert normalise("80％～90％") == "80%~90%"
    assert normalise("百分之25") == "25%"


def test_format_number_never_uses_exponents_and_keeps_printed_places() -> None:
    assert format_number(Decimal("1E+3")) == "1000"
    assert format_number(Decimal("5.00")) == "5.00"
    assert format_number(Decimal("1.5E-7")) == "0.00000015"
    assert format_number(Decimal("-0")) == "0"


# ---------------------------------------------------------------------------------------------------------------
# Properties

# Pieces of the grammar, so that generated text reaches deep into it rather than failing at the first character.
TOKENS = [
    *"0123456789",
    "０",
    "９",
    "2021",
    "12",
    "31",
    "1,200",
    "1，200",
    ".",
    "．",
    ",",
    "-",
    "－",
    "—",
    "~",
    "～",
    "至",
    "到",
    "%",
    "％",
    "‰",
    "≥",
    "≤",
    ">",
    "<",
    "=",
    "≧",
    "≦",
    "＞",
    "＜",
    "＝",
    "﹦",
    ">=",
    "<=",
    "±",
    "+",
    " ",
    "　",
    "年",
    "月",
    "日",
    "底",
    "前",
    "内",
    "以内",
    "以上",
    "以下",
    "及",
    "不低于",
    "不超过",
    "达到",
    "大于",
    "小于",
    "截至",
    "于",
    "在",
    "之间",
    "万元",
    "元/人·天",
    "人次",
    "个",
    "㎡",
    "m²",
    "百分比",
    "百分之",
    "百",
    "（含）",
    "(不含)",
    "完成",
    "*",
    "。",
    "本",
    "年度",
    "中旬",
]
GRAMMAR_TEXT = st.lists(st.sampled_from(TOKENS), max_size=8).map("".join)
ANY_TEXT = st.one_of(st.text(), GRAMMAR_TEXT)


@PROPERTY
@given(ANY_TEXT)
def test_it_never_raises_and_keeps_the_text(text: str) -> None:
    value = parse_value(text)
    assert value.text == text.strip()
    assert isinstance(render_value(value), str)


@PROPERTY
@given(ANY_TEXT)
def test_render_then_parse_is_stable(text: str) -> None:
    rendered = render_value(parse_value(text))
    again = parse_value(rendered)
    assert fields(again) == fields(parse_value(text))
    assert render_value(again) == rendered


UNITS = [
    None,
    "%",
    "‰",
    "万元",
    "元",
    "元/人·天",
    "人次",
    "万人次",
    "平方米",
    "个/年",
    "次/年",
    "个",
    "人",
    "户",
    "天",
    "小时",
    "个工作日",
    "个百分点",
    "次",
    "起",
    "分",
    "km",
]
# How each comparator is printed: a prefix, or "{}" marking where number and unit go.
FORMS: dict[Comparator | None, list[str]] = {
    None: [""],
    GE: ["≥", "≧", ">=", "⩾", "＞＝", "不低于", "不少于", "达到", "至少", "{}以上", "{}及以上"],
    LE: ["≤", "≦", "<=", "⩽", "不高于", "不超过", "控制在{}以内", "{}以下", "{}及以下", "{}以内", "{}内"],
    GT: [">", "＞", "﹥", "大于", "超过", "高于"],
    LT: ["<", "＜", "﹤", "小于", "低于", "不足"],
    EQ: ["=", "＝", "﹦", "等于"],
}
NUMBERS = st.integers(min_value=0, max_value=4).flatmap(
    lambda places: st.decimals(
        min_value=Decimal("-1000000"), max_value=Decimal("1000000"), places=places, allow_nan=False
    )
)


def printed_number(number: Decimal, grouped: bool) -> str:
    return format(number, ",f") if grouped else format(number, "f")


@st.composite
def printed_quantities(draw: st.DrawFn) -> tuple[str, Comparator | None, Decimal, str | None]:
    comparator = draw(st.sampled_from(list(FORMS)))
    form = draw(st.sampled_from(FORMS[comparator]))
    number = draw(NUMBERS)
    unit = draw(st.sampled_from(UNITS))
    body = printed_number(number, draw(st.booleans())) + draw(st.sampled_from(["", " "])) + (unit or "")
    text = form.format(body) if "{}" in form else form + draw(st.sampled_from(["", " "])) + body
    return text, comparator, number, unit


@st.composite
def printed_ranges(draw: st.DrawFn) -> tuple[str, Decimal, Decimal, str | None]:
    low, high = sorted([draw(NUMBERS), draw(NUMBERS)])
    unit = draw(st.sampled_from(UNITS))
    separator = draw(st.sampled_from(["-", "~", "至", "到", "—", "～"]))
    first_unit = (unit or "") if draw(st.booleans()) else ""
    return f"{format(low, 'f')}{first_unit}{separator}{format(high, 'f')}{unit or ''}", low, high, unit


@st.composite
def printed_deadlines(draw: st.DrawFn) -> tuple[str, str]:
    year = draw(st.one_of(st.none(), st.integers(min_value=1990, max_value=2099)))
    month = draw(st.integers(min_value=1, max_value=12))
    day = draw(st.one_of(st.none(), st.integers(min_value=1, max_value=28)))
    before = draw(st.sampled_from(["", "前", "之前", "以前"]))
    text = (f"{year}年" if year else "") + f"{month}月" + (f"{day}日" if day else "") + before
    date = (str(year) if year else "-") + f"-{month:02d}" + (f"-{day:02d}" if day else "")
    return text, date


@PROPERTY
@given(printed_quantities())
def test_a_printed_quantity_gives_back_its_comparator_number_and_unit(
    case: tuple[str, Comparator | None, Decimal, str | None],
) -> None:
    text, comparator, number, unit = case
    value = parse_value(text)
    assert (value.kind, value.comparator, value.number, value.unit) == (
        ValueKind.QUANTITATIVE,
        comparator,
        number,
        unit,
    )


@PROPERTY
@given(printed_ranges())
def test_a_printed_range_gives_back_its_ends_and_unit(case: tuple[str, Decimal, Decimal, str | None]) -> None:
    text, low, high, unit = case
    assert fields(parse_value(text)) == span(str(low), str(high), unit)


@PROPERTY
@given(printed_deadlines())
def test_a_printed_date_gives_back_its_iso_date(case: tuple[str, str]) -> None:
    text, date = case
    value = parse_value(text)
    assert (value.kind, value.date) == (ValueKind.DEADLINE, date)
    assert value.comparator is (LE if text.endswith("前") else None)


FULL_WIDTH = {
    **{chr(code): chr(code + 0xFEE0) for code in range(0x21, 0x7F)},
    " ": "\u3000",
    "≥": "≧",
    "≤": "≦",
}


def full_width(text: str) -> str:
    return "".join(FULL_WIDTH.get(char, char) for char in text)


@PROPERTY
@given(st.one_of(printed_quantities().map(lambda case: case[0]), printed_ranges().map(lambda case: case[0]), ANY_TEXT))
def test_full_width_forms_parse_like_half_width_ones(text: str) -> None:
    assert fields(parse_value(full_width(text))) == fields(parse_value(text))


def test_figures_on_pages_have_one_format_that_never_rounds_a_digit_away() -> None:
    from jixiao.domain.values import display_number

    shown = {text: display_number(Decimal(text)) for text in ("5", "269.250", "2000", "0.125", "-0", "1234567.891")}
    assert shown == {
        "5": "5.00",
        "269.250": "269.25",
        "2000": "2,000.00",
        "0.125": "0.125",  # a digit that carries value is kept, never rounded into another figure
        "-0": "0.00",
        "1234567.891": "1,234,567.891",
    }
