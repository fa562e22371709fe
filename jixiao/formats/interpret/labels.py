"""The printed labels of official target tables and their synonyms, and the cell parsers the labels need.

Keys are compared after :func:`label_key` (no spaces, no colon, no "其中", no bracketed amount unit).
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from jixiao.domain.frame import is_level1_name, is_level2_name
from jixiao.domain.values import normalise


class LabelRegistry(dict[str, str]):
    """Printed labels (as :func:`label_key` keys) → their role, matched with a score, best first:

    1. the key itself;
    2. the key without a bracketed note or a year (``指标值(包含数字及文字描述)``, ``2023年度预算数``);
    3. one character substituted (``项目名陈``, ``年度资金总頟``: what a scanner confuses), for keys of four characters
       or more, when exactly one label is that close and the text names no indicator category (一级指标/二级指标 differ
       by one character and are both labels; 时效指标 is one character from 绩效指标).

    ``key in registry``, ``registry.get(key)`` and ``registry[key]`` all match this way; :meth:`match` also says how.
    """

    _CACHE_SIZE = 16384

    def __init__(self, labels: dict[str, str]) -> None:
        super().__init__(labels)
        self._matched: dict[str, tuple[str, int] | None] = {}

    def match(self, key: str) -> tuple[str, int] | None:
        """The role and how it was matched (1 exact, 2 without notes, 3 one character off), or None."""
        if key not in self._matched:
            if len(self._matched) >= self._CACHE_SIZE:
                self._matched.clear()  # bounded: keys come from documents
            self._matched[key] = _match(self, key)
        return self._matched[key]

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self.match(key) is not None

    def get(self, key: str, default: str | None = None) -> str | None:  # type: ignore[override]
        found = self.match(key) if isinstance(key, str) else None
        return found[0] if found else default

    def __getitem__(self, key: str) -> str:
        found = self.match(key)
        if found is None:
            raise KeyError(key)
        return found[0]


_NOTE_RE = re.compile(r"[(（][^()（）]*[)）]")
_YEAR_PREFIX_RE = re.compile(r"^(?:20\d{2}|19\d{2})年?度?")


def _match(registry: LabelRegistry, key: str) -> tuple[str, int] | None:
    exact = dict.get(registry, key)
    if exact is not None:
        return exact, 1
    bare = _YEAR_PREFIX_RE.sub("", _NOTE_RE.sub("", key))
    if bare and bare != key and dict.get(registry, bare) is not None:
        return dict.__getitem__(registry, bare), 2
    if len(bare) < 4 or len(bare) > 12 or "级指标" in bare or is_level1_name(bare) or is_level2_name(bare):
        return None  # 时效指标 is one character from 绩效指标, and a category, not a label
    if bare in WEAK_COLUMN_LABELS:
        return None  # 绩效指标, the label printed down the indicator block, is one character from 绩效目标
    close = {role for label, role in dict.items(registry) if len(label) >= 4 and _one_off(bare, label)}
    return (close.pop(), 3) if len(close) == 1 else None


def _one_off(text: str, label: str) -> bool:
    """Whether two strings of the same length differ in exactly one character (an added or dropped one is not a
    scanning error but another word: 绩效目标表 is a title, not the label 绩效目标)."""
    return len(text) == len(label) and sum(1 for a, b in zip(text, label, strict=True) if a != b) == 1


HEADER_LABELS = LabelRegistry(
    {
        "项目编码": "code",
        "项目代码": "code",
        "项目编号": "code",
        "项目名称": "name",
        "项目支出名称": "name",
        "专项资金名称": "name",
        "专项名称": "name",
        "资金名称": "name",
        "预算数": "total",
        "当年预算": "total",
        "年度预算": "total",
        "年度本级预算金额": "total",
        "本年预算数": "total",
        "年度预算数": "total",
        "预算金额": "total",
        "项目预算数": "total",
        "资金总额": "total",
        "年度资金总额": "total",
        "年度金额": "total",
        "当年度金额": "total",
        "年度资金申请总额": "total",
        "当年资金总额": "total",
        "本年资金总额": "total",
        "项目资金总额": "total",
        "项目总金额": "total",
        "预算总额": "total",
        "财政资金": "fiscal",
        "财政拨款": "fiscal",
        "本年财政拨款": "fiscal",
        "当年财政拨款": "fiscal",
        "财政拨款资金": "fiscal",
        "其他资金": "other",
        "上级资金": "fiscal",
        "上级补助资金": "fiscal",
        "中央补助": "fiscal",
        "上级财政资金": "fiscal",
        "本级财政资金": "fiscal",
        "本级资金": "fiscal",
        "财政拨款小计": "fiscal",
        "自筹资金": "other",
        "自有资金": "other",
        "自有资金小计": "other",
        "其他收入": "other",
        "其它资金": "other",
        "主管部门": "department",
        "主管部门及代码": "department",
        "预算部门": "department",
        "部门名称": "department",
        "部门(单位)名称": "department",
        "填报单位": "department",
        "填报单位(盖章)": "department",
        "实施单位": "unit",
        "单位信息": "unit",
        "项目执行单位": "unit",
        "执行单位": "unit",
        "项目实施主体": "unit",
        "实施主体": "unit",
        "项目主管部门": "department",
        "预算单位": "unit",
        "项目单位": "unit",
        "项目实施单位": "unit",
        "单位名称": "department",
        # labels of the form the model does not keep: known, so that their values are not taken for a neighbour's
        "项目属性": "info",
        # the funds by government level (中央/省级/市级/县级资金): sources, none of them the 财政拨款 total
        "中央资金": "info",
        "省级资金": "info",
        "市级资金": "info",
        "县级资金": "info",
        "区级资金": "info",
        "项目期": "info",
        "项目类别": "info",
        "项目性质": "info",
        "项目类型": "info",
        "项目来源": "info",
        "项目口径": "info",
        "项目分类": "info",
        "项目负责人": "info",
        "项目负责人及电话": "info",
        "项目负责人及联系电话": "info",
        "项目联系人": "info",
        "联系电话": "info",
        "项目起止时间": "info",
        "项目实施期": "info",
        "项目支出实施期": "info",
        "开始日期": "info",
        "结束日期": "info",
        "立项依据": "info",
        "项目概况": "info",
        "是否政府采购": "info",
        "归口业务科室": "info",
        "金额": "info",
    }
)

AMOUNT_ROLES = ("total", "fiscal", "other")

SECTION_LABELS = LabelRegistry(
    {
        "预算规模及资金用途": "fund",
        "资金用途": "fund",
        "项目资金": "fund",
        "资金支出计划": "plan",
        "资金支出计划(%)": "plan",
        "支出计划": "plan",
        "绩效目标": "goal",
        "年度绩效目标": "goal",
        "年度目标": "goal",
        "项目绩效目标": "goal",
        "总体目标": "goal",
        "年度总体目标": "goal",
        "绩效目标总体描述": "goal",
        "总体描述": "goal",
        "当年绩效目标": "goal",
        "本年度绩效目标": "goal",
        "年度绩效目标(当年)": "goal",
        "项目年度绩效目标": "goal",
        "年度总目标": "goal",
        "年度绩效总目标": "goal",
        "年度总体绩效目标": "goal",
        "实施期目标": "midterm_goal",
        "实施期绩效目标": "midterm_goal",
        "项目总目标": "midterm_goal",
        "总目标": "midterm_goal",
        "中长期绩效目标": "midterm_goal",
        "长期绩效目标": "midterm_goal",
        "整体目标": "midterm_goal",
        "中期目标": "midterm_goal",
        "中长期目标": "midterm_goal",
        "长期目标": "midterm_goal",
    }
)

COLUMN_LABELS = LabelRegistry(
    {
        "一级指标": "level1",
        "二级指标": "level2",
        "三级指标": "level3",
        "一级": "level1",
        "二级": "level2",
        "三级": "level3",
        "年度数值": "value",
        "年度值": "value",
        "指标目标值": "value",
        "目标值(年度)": "value",
        "三级指标名称": "level3",
        "指标名称": "level3",
        "绩效指标": "level3",
        "绩效指标描述": "description",
        "指标描述": "description",
        "指标内容": "description",
        "指标解释": "description",
        "指标说明": "description",
        "指标值": "value",
        "指标值及单位": "value",
        "指标值(包含数字及文字描述)": "value",
        "年度指标值(A)": "value",
        "目标值": "value",
        "年度指标值": "value",
        "年度目标值": "value",
        "指标值(年度)": "value",
        "年度": "value",
        "中期指标值": "midterm",
        "中期目标值": "midterm",
        "指标值(中期)": "midterm",
        "中期": "midterm",
        "指标值确定依据": "basis",
        "指标值说明": "basis",
        "绩效标准": "basis",
        "指标值设定依据及数据来源": "basis",
        "确定依据": "basis",
        "指标值设定依据": "basis",
        "指标值确定依据及说明": "basis",
        "权重": "weight",
        "指标权重": "weight",
        "分值": "weight",
        "指标性质": "comparator",
        "计算符号": "comparator",
        "度量单位": "unit",
        "计量单位": "unit",
        "备注": "remark",
        "是否核心指标": "core",
        "核心指标": "core",
    }
)

# Labels that name the 三级指标 column only when the header has no better one: central tables print 绩效指标 over
# the whole indicator block, left of 一级指标.
WEAK_COLUMN_LABELS = frozenset({"绩效指标", "年度绩效指标", "指标名称"})

# 指标性质 columns print a symbol, a word, or the direction (正向/反向).
COMPARATOR_WORDS = {
    "正向": "≥",
    "正向指标": "≥",
    "反向": "≤",
    "反向指标": "≤",
    "大于等于": "≥",
    "小于等于": "≤",
    "等于": "=",
    "大于": ">",
    "小于": "<",
    "定量": "",
    "定性": "定性",
}

FIELD_NAMES = {"total": "预算数", "fiscal": "财政资金", "other": "其他资金"}

PROJECT_TITLE_RE = re.compile(
    r"^(?:(?:\d{1,3}\s*[.、．]|[（(]\d{1,3}[)）])\s*(?P<numbered>\S.*?绩效目标(?:表|申报表)?)|(?P<title>(?:\S.*?)?绩效目标(?:表|申报表)))"
    r"\s*(?:[(（]\s*20\d{2}\s*年度?\s*[)）])?\s*$"
)  # the bare 绩效目标申报表 of 001.txt and 195.txt is a title too; so is one followed by its year, (2023年度)
UNIT_LINE_RE = re.compile(r"^[\[【(（]?(?P<code>\d{3,12})[\]】)）]?[\s\-—_:：]*(?P<name>[^\s\d\-—_:：].*)$")
# A document title names no project: "XX局2023年度项目支出绩效目标表", "2023年部门预算项目绩效目标表".
DOCUMENT_TITLE_RE = re.compile(
    r"^(?P<before>.*?)(?P<year>20\d{2})\s*年度?\s*(?P<after>.*?)(?:部门预算|部门|预算)?\s*"
    r"(?:项目支出|预算项目|项目)绩效目标(?:表|申报表)?$"
)
_ORGANISATION = r"\S{2,}?(?:委员会|办公室|办事处|人民政府|政府|局|委|办|院|中心|厅|所|站|处|馆|队|会|部|社|室)"
ORGANISATION_RE = re.compile(rf"^{_ORGANISATION}$")
AMOUNT_UNIT_RE = re.compile(r"^(?:金额)?单位[:：]\s*(?P<unit>万元|元|千元|亿元)$")
MONTH_RE = re.compile(r"(\d{1,2})\s*月")
YEAR_RE = re.compile(r"(20\d{2})\s*年")
CN_ITEM_RE = re.compile(r"^[一二三四五六七八九十]{1,3}\s*[、.．]\s*(?P<rest>.*)$")
DIGIT_ITEM_RE = re.compile(r"^(?P<n>\d{1,2})(?![\d年月日%.．]\d)\s*[、.．)）]?\s*(?P<rest>\S.*)$")
# What signs a table off (经办人, 填报日期, 盖章, 审核意见 …): it ends the indicator table and is no indicator.
FOOTER_RE = re.compile(
    r"^\s*(?:经办人|填报人|填表人|制表人|联系人|审核人|复核人|上报时间|填报日期|填表日期|报送日期|单位负责人|财务负责人|"
    r"分管领导|主要负责人|项目负责人\s*[:：(（]|部门负责人|.{0,20}审核意见|.{0,20}[（(]?\s*盖\s*章\s*[)）]?|"
    r"附件\s*[:：]?$|扫一扫|\[?(?:下载|打印|关闭)\]?$|打印本页|关闭窗口|分享到|【(?:打印|关闭)】|"
    r"内容保障|.{2,30}(?:主办|承办)$|地址\s*[:：]|网站(?:监督)?电话|网站标识码|政府网站|版权所有|联系我们|"
    r".{0,20}ICP备|.{0,20}公网安备|表[一二三四五六七八九十\d]{1,3}$)"
)
PAGE_NUMBER_RE = re.compile(r"^[-—\s]*\d{1,4}[-—\s]*$|^第\s*\d+\s*页(?:\s*共\s*\d+\s*页)?$")


@lru_cache(maxsize=8192)
def label_key(text: str) -> str:
    """A cell's text as a label key: normalised, without spaces, "其中", a trailing colon or ``(万元)``."""
    key = normalise(text)
    key = re.sub(r"\s+", "", key)
    key = key.lstrip("*")  # *年度绩效总目标: a form's mark of a required field
    key = key.removeprefix("其中:").removeprefix("其中")
    key = key.rstrip(":")
    key = re.sub(r"\((?:万元|元|千元)\)$", "", key)
    return key


GROUP_GOAL_LABELS = frozenset({"总体目标", "绩效目标", "项目绩效目标", "总体绩效目标", "目标"})


def is_group_label(cell: str) -> bool:
    """A goal label that can head a group of goal columns (总体目标 over 中期目标 | 年度目标)."""
    return label_key(cell) in GROUP_GOAL_LABELS


_PERIOD_NOTE_RE = re.compile(
    r"\((?P<period>长期|中期|中长期|实施期|年度|当年|本年)\)$|^(?P<lead>长期|中期|中长期|实施期)(?=\S)"
)


def period_note(key: str) -> str | None:
    """ "midterm" for a column label marked 长期/中期/实施期 (``指标值(长期)``, ``长期指标值``), "annual" for one
    marked 年度, else None."""
    match = _PERIOD_NOTE_RE.search(key)
    if match is None:
        return None
    period = match.group("period") or match.group("lead")
    return "annual" if period in ("年度", "当年", "本年") else "midterm"


@lru_cache(maxsize=8192)
def section_of(cell: str) -> str | None:
    """The project-table section a cell opens (fund, plan, goal, midterm_goal), or None."""
    key = label_key(cell)
    bare = re.sub(r"\([^()]*\)$", "", key)  # 中期目标（2024年—2026年）
    if key in SECTION_LABELS or bare in SECTION_LABELS:
        return SECTION_LABELS.get(key) or SECTION_LABELS[bare]
    if key.startswith("资金支出计划"):
        return "plan"
    return None


def parse_amount(text: str) -> Decimal | None:
    """An amount cell (``5.00``, ``50,000.00``, ``10.5万元``) as a Decimal, or None when it is no amount."""
    body = normalise(text).replace(",", "")
    body = re.sub(r"(万元|元|千元|亿元)$", "", body).strip()
    if not re.fullmatch(r"[+-]?\d+(?:\.\d+)?", body):
        return None
    try:
        return Decimal(body)
    except InvalidOperation:  # pragma: no cover - the regex admits only valid decimals
        return None


def parse_percent(text: str) -> Decimal | None:
    """A percentage cell (``25.00%``, ``25``, ``25百分比``) as the number of percent, or None."""
    body = normalise(text).rstrip("%").strip()
    return parse_amount(body)
