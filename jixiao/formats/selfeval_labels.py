"""The printed labels of self-evaluation tables (项目支出绩效自评表, 部门整体支出绩效自评表, 评价指标计分表).

Every label the target tables know (:mod:`jixiao.formats.interpret.labels`) is known here too, with the role it
plays in a self-evaluation; the self-evaluation adds its own (实际完成值, 得分, 全年执行数, 总分 …). Keys are compared
after :func:`key`.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from jixiao.formats.interpret.labels import (
    AMOUNT_ROLES,
    COLUMN_LABELS,
    HEADER_LABELS,
    WEAK_COLUMN_LABELS,
    label_key,
)

_TAIL_RE = re.compile(
    r"\((?:[A-Za-z/]+|[A-Za-z]/[A-Za-z]|%|分|万元|元|\d+(?:\.\d+)?分|[^()]*[/=÷*×][^()]*)\)$"
    r"|(?<=[\u4e00-\u9fff])\(?[A-Z](?:/[A-Z])?\)?$|\($"
)  # (A), (B/A), (%), (10分), (全年执行数/全年预算数), (20分*执行率); a bracket an OCR scan lost: 执行数B), 年初目标值(A
_POINTS_RE = re.compile(r"[(（]\s*(\d+(?:\.\d+)?)\s*分\s*[)）]")
_NUMBERED_GOAL_RE = re.compile(r"(?<=年度)目标\d{1,2}$")  # 年度目标1:(80分): the first of the year's goals


@lru_cache(maxsize=8192)
def key(text: str) -> str:
    """A label as a lookup key: :func:`label_key` without trailing ``(A)``, ``(B/A)``, ``(分)``, ``(%)``, ``(10分)``."""
    current = label_key(text)
    while True:
        stripped = _NUMBERED_GOAL_RE.sub("目标", _TAIL_RE.sub("", current).rstrip(":"))
        if stripped == current:
            return current
        current = stripped


def points_of(text: str) -> str | None:
    """The points a label prints, ``产出指标(50分)`` → ``50``; None when it prints none."""
    found = _POINTS_RE.search(text)
    return found.group(1) if found else None


# -- header fields -------------------------------------------------------------------------------------------------

# The target tables' header labels: the parties and names keep their role; the amounts are funds rows (below); any
# other (开始日期, 联系电话 …) is known and stops the scan for the value of the label before it.
_KEPT = ("code", "name", "department", "unit")
_TARGET_FIELDS = {
    label: (role if role in _KEPT else "") for label, role in HEADER_LABELS.items() if role not in AMOUNT_ROLES
}

FIELD_LABELS: dict[str, str] = {
    **_TARGET_FIELDS,
    "项目支出名称": "name",
    "专项资金名称": "name",
    "转移支付(项目)名称": "name",
    "转移支付名称": "name",
    "转移支付项目名称": "name",
    "政策(项目)名称": "name",
    "资金使用单位": "unit",
    "地方主管部门": "department",
    "中央主管部门": "",
    "部门(单位)名称": "entity",  # a department-overall table names the department as its subject and unit
    "单位(盖章)": "unit",
    "实施单位(盖章)": "unit",
    "自评总分": "total",
    "总分": "total",
    "合计总分": "total",
    "自评得分": "total",
    "综合得分": "total",
    "自评等级": "grade",
    "评价等级": "grade",
    "评价等次": "grade",
    "自评结论": "grade",
    "绩效等级": "grade",
    "自评等次": "grade",
    # labels whose values this reader does not keep; they stop the scan for the value of the label before them
    "财政处室": "",
    "联系人": "",
    "负责人": "",
    "负责人及电话": "",
    "项目负责人": "",
    "部门联系人": "",
    "联系电话": "",
    "填报人": "",
    "填报日期": "",
    "预算编码": "",
    "报告日期": "",
    "项目类别": "",
    "项目属性": "",
    "项目类型": "",
}

# -- 项目资金 -------------------------------------------------------------------------------------------------------

FUND_COLUMNS: dict[str, str] = {
    "年初预算数": "initial",
    "年初预算": "initial",
    "全年预算数": "budget",
    "全年(调整)预算数": "budget",
    "全年调整预算数": "budget",
    "调整后预算数": "budget",
    "调整预算数": "budget",
    "全年执行数": "executed",
    "预算执行数": "executed",
    "执行数": "executed",
    "实际执行数": "executed",
    "全年实际执行数": "executed",
    "分值": "weight",
    "权重": "weight",
    "执行率权重": "weight",
    "执行率": "rate",
    "预算执行率": "rate",
    "得分": "score",
    "执行率得分": "score",
    "预算数": "plain_budget",  # the base when nothing better is printed, else 年初预算数
    "得分计算方法": "method",
    "原因": "reason",
    "未执行原因": "reason",
    "资金来源": "label",  # the column of the row labels (年度资金总额 …)
}

FUND_ROWS: dict[str, str] = {
    "年度资金总额": "total",
    "年度总金额": "total",
    "资金总额": "total",
    "年度资金合计": "total",
    "年度财政资金总额": "total",
    "总额": "total",
    "合计": "total",
    "本年财政拨款": "part",
    "当年财政拨款": "part",
    "财政拨款": "part",
    "财政资金": "part",
    "财政拨款资金": "part",
    "上年结转资金": "part",
    "上年结转": "part",
    "其他资金": "part",
    "其它资金": "part",
    "财政专户管理资金": "part",
    "中央财政资金": "part",
    "地方财政资金": "part",
    "地方资金": "part",
    "单位资金": "part",
    "基本支出": "part",
    "项目支出": "part",
}
for _label, _role in HEADER_LABELS.items():  # 预算数, 项目总金额 … name the total; 财政资金 … a part
    if _role in ("total", "fiscal", "other") and _label not in FUND_COLUMNS:
        FUND_ROWS.setdefault(_label, "total" if _role == "total" else "part")

FUND_SECTIONS = (
    "项目资金",
    "预算执行情况",
    "部门预算执行情况",
    "资金情况",
    "项目资金情况",
    "部门(单位)总体资金",
    "年度预算数",
    "预算规模及资金用途",
    "资金投入情况",
)

# -- 年度总体目标 ---------------------------------------------------------------------------------------------------

GOAL_LABELS = frozenset(
    {"年度总体目标", "总体目标", "年度总体目标完成情况", "总体目标完成情况", "当年绩效目标", "年度目标", "项目年度目标"}
)  # not 绩效目标 alone: it names a framework category (绩效目标 (6分)) and runs through prose
GOAL_HEADS = frozenset(
    {
        "预期目标",
        "实际完成情况",
        "年初绩效目标",
        "全年(调整)绩效目标",
        "全年目标实际完成情况",
        "年初设定目标",
        "年度总体目标完成情况",
        "年度总体目标完成情况综述",
        "年度目标完成情况",
        "全年实际完成情况",
        "全年完成情况",
    }
)

# -- 绩效指标 --------------------------------------------------------------------------------------------------------

_TARGET_COLUMNS = {label: role for label, role in COLUMN_LABELS.items() if label not in ("年度", "中期")}

INDICATOR_COLUMNS: dict[str, str] = {
    **_TARGET_COLUMNS,
    "序号": "seq",
    "具体指标": "description",
    "指标说明": "description",
    "全年指标值": "value",
    "预期指标值": "value",
    "年度指标值(A)": "value",
    "年初目标值": "value",
    "年初指标值": "initial_value",
    "调整指标值": "adjusted_value",
    "实际完成值": "actual",
    "完成值": "actual",
    "全年完成值": "actual",
    "全年实际完成值": "actual",
    "实际值": "actual",
    "全年实际值": "actual",
    "实际完成情况": "actual",
    "指标分值": "weight",
    "得分": "score",
    "指标得分": "score",
    "自评得分": "score",
    "自评分": "score",
    "得分系数": "coefficient",
    "是否核心指标": "core",
    "评价标准": "standard",
    "评分标准": "standard",
    "指标说明及评分标准": "standard",
    "评分标准及说明": "standard",
    "偏差原因分析及改进措施": "reason",
    "偏差原因分析": "reason",
    "偏差原因": "reason",
    "未完成原因分析": "reason",
    "未完成原因分析及改进措施": "reason",
    "未完成原因和改进措施": "reason",
    "原因分析及改进措施": "reason",
    "未完成原因及改进措施": "reason",
    "未完成原因及拟采取的改进措施": "reason",
    "偏差原因及改进措施": "reason",
    "得分计算方法": "method",
}

# A header label that names a column no better than another one would (绩效指标 over the level columns).
WEAK_INDICATOR_LABELS = WEAK_COLUMN_LABELS
LEVEL_ROLES = frozenset({"level1", "level2", "level3"})
VALUE_PARTS = frozenset({"comparator", "value", "unit"})

# -- after the table ------------------------------------------------------------------------------------------------

TOTAL_LABELS = frozenset({"总分", "合计", "自评总分", "合计总分", "总计"})
GRADE_WORDS = frozenset({"优", "良", "中", "差", "优秀", "良好", "合格", "不合格", "较差", "一般"})
CLOSING_LABELS = frozenset(
    {
        "评价结论",
        "存在问题",
        "改进措施",
        "其他需要说明事项",
        "其他需要说明的事项",
        "偏差大或目标未完成原因分析",
        "改进措施及结果应用方案",
        "备注",
        "项目负责人",
        "财务负责人",
        "项目基本情况",
        "项目实施内容及过程概述",
        "注",
        "注:",
    }
)


def fund_section(text: str) -> bool:
    """Whether a cell opens the funds block (项目资金(万元), 预算执行情况(10分) …)."""
    bare = re.sub(r"\(.*?\)", "", key(text))
    return bare in FUND_SECTIONS or key(text) in FUND_SECTIONS


def indicator_role(text: str) -> str | None:
    """The column role an indicator-table header label names, or None."""
    found = key(text)
    return INDICATOR_COLUMNS.get(found) or INDICATOR_COLUMNS.get(label_key(text))


def is_label(text: str) -> bool:
    """Whether a cell is a printed label of any part of a self-evaluation table (not a value)."""
    found = key(text)
    return bool(
        found in FIELD_LABELS
        or found in FUND_COLUMNS
        or found in FUND_ROWS
        or found in GOAL_LABELS
        or found in GOAL_HEADS
        or indicator_role(text)
        or found in TOTAL_LABELS
        or found in CLOSING_LABELS
        or fund_section(text)
    )


_NATURE_WORDS = ("定量指标", "定性指标", "定量", "定性")


@lru_cache(maxsize=4096)
def scrambled_label(text: str) -> str | None:
    """The label an OCR scan scrambled (a vertical label read out of order, a character doubled: ``年成值全完值`` →
    全年完成值, ``性标定指`` → 定性指标): a known label whose characters the text holds all of, with at most two
    more. None when no label of at least four characters fits."""
    compact = re.sub(r"\s+", "", text)
    if not 4 <= len(compact) <= 12 or re.search(r"\d", compact):
        return None
    held = Counter(compact)
    best: str | None = None
    for label in (*INDICATOR_COLUMNS, *FUND_COLUMNS, *_NATURE_WORDS):
        if len(label) >= 4 and len(compact) - len(label) <= 2 and not Counter(label) - held:
            best = label if best is None or len(label) > len(best) else best
    return best


def is_nature_word(text: str) -> bool:
    """Whether a cell is a 指标性质 word (定量指标, 定性 …), its characters in any order."""
    return any(Counter(text) == Counter(word) for word in _NATURE_WORDS)
