"""Content a reviewer reads for: copied descriptions, percentages nobody can count, boilerplate, likely typos.

The document-wide checks are linear in the number of rows: boilerplate counts distinct projects per name, and the
typo check groups the document's recurring names by how they sound, so a name is only ever compared with the few
names that sound exactly like it (no pairwise comparison of a million names).
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Iterator
from functools import cache

from jixiao.domain.profiles import Aspect
from jixiao.domain.review.context import Context, Row
from jixiao.domain.review.model import Hit, Params, Scope, Severity
from jixiao.domain.review.registry import rule
from jixiao.domain.review.text import compact, words

# A percentage is countable when the name says what is divided by what: a rate, a share, a degree of satisfaction…
_MEASURABLE = words(
    "率", "比例", "比重", "占比", "百分比", "满意", "度", "准确", "精准", "精确", "正确", "及时", "合格", "达标",
    "覆盖", "完好", "合规", "到位", "知晓", "参与", "增长", "增幅", "下降", "降低", "减少", "占",
)  # fmt: skip


@rule(
    "description.repeats",
    Scope.INDICATOR,
    title="指标描述只是重复名称",
    severity=Severity.WARNING,
    basis=(
        "docs/domain/review.md#description-and-measurability：目标须“具体细化”[G2, G23]，"
        "事前评估要求内容“完整、准确、详实”[E10]；"
        "一体化系统的 kpi_content 是独立的必填项 [V1]"
    ),
    message="指标“{name}”的绩效指标描述只是把名称重复了一遍，没有说明衡量什么、怎么算。",
    suggestion="写明衡量对象、口径和计算方法，例如“按时足额发放的人数 ÷ 应发放人数 × 100%”。",
    example="三级指标“资金使用效益”，描述也是“资金使用效益”",
)
def description_explains(row: Row, ctx: Context) -> Params | None:
    description = row.indicator.description
    if not description or not row.key or len(description) > len(row.name) + 4:
        return None  # a longer text says more than the name (a few spaces or punctuation marks aside)
    text = row.key if description == row.name else compact(description)
    if text and text in row.key:
        return {"name": row.name}
    return None


@rule(
    "value.unmeasurable",
    Scope.INDICATOR,
    title="百分比目标无法计算",
    severity=Severity.WARNING,
    basis=(
        "docs/domain/review.md#description-and-measurability：目标须可衡量（具体细化、合理可行）[G2, G23]；"
        "百分比须有分子和分母，如满意度 = 满意人数 ÷ 有效样本 [E9]"
    ),
    message="“{name}”的目标是“{value}”，但看不出这个百分比用什么除以什么算出来。",
    suggestion="改成可以统计的比率并在描述中写明公式，例如“帮扶对象生活保障覆盖率 = 已保障人数 ÷ 应保障人数”。",
    example="生态效益指标“保障社会发展 ≥96%”",
)
def percentage_is_countable(row: Row, ctx: Context) -> Params | None:
    if not row.value.is_percent or not row.name or row.cost or _MEASURABLE.search(row.name):
        return None
    return {"name": row.name, "value": row.value.text}


@rule(
    "boilerplate",
    Scope.DOCUMENT,
    title="多数项目套用相同指标",
    severity=Severity.WARNING,
    basis=(
        "docs/domain/review.md#boilerplate-and-typos：目标与资金脱节、罗列空话是常见问题 [S3]；目标应“指向明确”，"
        "与本项目资金用途相关 [G2, G23]"
    ),
    message="“{name}”在本部门 {count} 个项目（共 {total} 个）中原样出现，看不出本项目自身的效果。",
    suggestion="按本项目的资金用途写它特有的指标，例如帮扶资金写“帮扶对象人均增收”，活动经费写“参加活动人次”。",
    example="四个项目的效益指标都是“业务工作稳定性”“保障社会发展”“保障工作完成”",
)
def boilerplate(ctx: Context) -> Iterator[Hit]:
    limits, total = ctx.profile.thresholds, len(ctx.projects)
    if total < limits.boilerplate_min_projects:
        return
    spread: dict[str, int] = defaultdict(int)
    for facts in ctx.projects:
        for key in {row.key for row in facts.rows if row.key and row.aspect1 is not Aspect.SATISFACTION}:
            spread[key] += 1
    common = ctx.common_keys
    repeated = {
        key
        for key, count in spread.items()
        if count >= limits.boilerplate_min_projects and count > total * limits.boilerplate_share and key not in common
    }
    for row in ctx.rows:
        if row.key in repeated and row.aspect1 is not Aspect.SATISFACTION:
            yield Hit(row.location, {"name": row.name, "count": spread[row.key], "total": total})


@cache
def _sound_table() -> dict[int, str]:
    """Each Chinese character → the first letter of its most common pinyin reading (自, 资 → z; 己, 金 → j)."""
    from pypinyin.pinyin_dict import pinyin_dict  # loaded only when names need checking

    return {code: unicodedata.normalize("NFD", readings)[0] for code, readings in pinyin_dict.items() if readings}


def sound(name: str) -> str:
    """How a name starts to sound, character by character; other characters (digits, letters) stay as they are."""
    return name.translate(_sound_table())


def sounds_alike(a: str, b: str) -> bool:
    """Whether two names could be one typed with a pinyin input method: same length, and every character that
    differs starts with the same pinyin letter (``自己`` for ``资金``)."""
    return len(a) == len(b) and sound(a) == sound(b)


def _one_window_apart(a: str, b: str) -> bool:
    """Whether two same-length names differ only within one stretch of at most two adjacent characters."""
    for i, (x, y) in enumerate(zip(a, b, strict=True)):
        if x != y:
            return a[i + 2 :] == b[i + 2 :]
    return False


def near_names(ctx: Context) -> dict[str, str]:
    """Each rare name → the established name it probably mistypes (one or two adjacent sound-alike characters).

    Established names (in the document at least twice, or a 共性指标) are grouped by how they sound, so each name is
    compared only with the few names that sound exactly like it: linear in the number of distinct names.
    """
    counts, common = ctx.name_counts, ctx.common_keys
    established = {key: count for key, count in counts.items() if count >= 2 and len(key) >= 4}
    established.update({key: max(counts.get(key, 0), 2) for key in common if len(key) >= 4})
    groups: dict[str, list[str]] = defaultdict(list)
    for key in established:
        groups[sound(key)].append(key)
    typos: dict[str, str] = {}
    for key, count in counts.items():
        group = groups.get(sound(key)) if len(key) >= 4 else None
        better = [o for o in group or () if o != key and established[o] > count and _one_window_apart(key, o)]
        if better:
            typos[key] = max(better, key=lambda c: (established[c], c))
    return typos


@rule(
    "name.typo",
    Scope.DOCUMENT,
    title="指标名称疑似错别字",
    severity=Severity.WARNING,
    basis=(
        "与本文件中反复出现的指标或常用共性指标只差一两个读音相近的字，多为拼音输入法选错字；"
        "docs/domain/review.md#boilerplate-and-typos：要求内容准确、无错项 [E10]"
    ),
    message="指标名称“{name}”与“{other}”只差一两个字，读音相近，可能是错别字。",
    suggestion="核对后改为“{other}”，或改成能说明本指标含义的名称。",
    example="“自己使用效益”（其他项目写的是“资金使用效益”）",
)
def likely_typo(ctx: Context) -> Iterator[Hit]:
    typos = near_names(ctx)
    if not typos:
        return
    names = {**ctx.common_keys, **ctx.printed_names}
    for row in ctx.rows:
        other = typos.get(row.key)
        if other is not None:
            yield Hit(row.location, {"name": row.name, "other": names.get(other, other)})
