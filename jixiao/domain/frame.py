"""The three-level indicator frame (产出/效益/满意度 → 数量/质量/时效/成本 …) as printed by real documents.

Readers use it to recognise category cells whatever the layout; review profiles refine it per locality. Names are
matched after removing spaces and a trailing 指标/目标 and the weights some tables print (``产出指标(50分)``).
"""

from __future__ import annotations

import re
from functools import lru_cache

# Canonical level-1 name → its level-2 names, in the order official tables print them.
DEFAULT_FRAME: dict[str, tuple[str, ...]] = {
    "产出指标": ("数量指标", "质量指标", "时效指标", "成本指标"),
    "效益指标": ("经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标"),
    "满意度指标": ("服务对象满意度指标",),
}

# Names used by other eras and localities (docs/domain/frames.md#frames-by-era): each maps to the canonical name above
# or is kept as its own.
LEVEL1_ALIASES: dict[str, str] = {
    "产出": "产出指标",
    "效益": "效益指标",
    "满意度": "满意度指标",
    "社会公众或服务对象满意度指标": "满意度指标",
    "服务对象满意度": "满意度指标",
    "投入": "投入指标",
    "成本": "成本指标",
    "项目完成": "产出指标",
    "项目效益": "效益指标",
}

LEVEL2_EXTRA: tuple[str, ...] = (
    "环境效益指标",
    "经济成本指标",
    "社会成本指标",
    "生态环境成本指标",
    "社会公众或服务对象满意度指标",
    "时效目标",
    "成本目标",
    "其他资源投入目标",
    "数量目标",
    "质量目标",
    "满意度指标",
)

_STRIP_RE = re.compile(
    r"[\s　]+|[(（]\s*\d+(?:\.\d+)?\s*分?\s*[)）]$"
    r"|[(（][^()（）]{0,8}(?:必填|选填|可选|硬性|核心|共性|个性)[^()（）]{0,8}[)）]$"
)


@lru_cache(maxsize=8192)
def category_key(name: str) -> str:
    """The comparable form of a printed category name (``产出指标(50分)``, ``数量指标(必填硬性指标)`` → ``产出``,
    ``数量``); the one matching rule."""
    key = _STRIP_RE.sub("", _STRIP_RE.sub("", name))
    for tail in ("指标", "目标", "值"):  # 产出值 / 数量值 in some localities' tables
        if key.endswith(tail) and len(key) > len(tail) + 1:
            key = key[: -len(tail)]
            break
    return key


_LEVEL1_KEYS = {category_key(name) for name in (*DEFAULT_FRAME, *LEVEL1_ALIASES, "投入")}
_LEVEL2_KEYS = {category_key(name) for names in (*DEFAULT_FRAME.values(), LEVEL2_EXTRA) for name in names}
_LEVEL2_KEYS -= {"满意度"}  # "满意度指标" alone is a level-1 name; as a level-2 it is only accepted under 满意度.


def is_level1_name(text: str | None) -> bool:
    """Whether a cell reads as a level-1 category (产出指标, 效益指标(30分), 满意度 …)."""
    return bool(text) and category_key(text or "") in _LEVEL1_KEYS


def is_level2_name(text: str | None) -> bool:
    """Whether a cell reads as a level-2 category (数量指标, 生态效益指标, 经济成本指标 …)."""
    return bool(text) and category_key(text or "") in _LEVEL2_KEYS


def canonical_level1(text: str) -> str | None:
    """The canonical level-1 name for a printed one, or None when it is not a known category."""
    key = category_key(text)
    for name in DEFAULT_FRAME:
        if category_key(name) == key:
            return name
    for alias, name in LEVEL1_ALIASES.items():
        if category_key(alias) == key:
            return name
    return None


def canonical_level2(text: str) -> str | None:
    """The canonical level-2 name for a printed one, or None when it is not a known category."""
    key = category_key(text)
    for names in DEFAULT_FRAME.values():
        for name in names:
            if category_key(name) == key:
                return name
    for name in LEVEL2_EXTRA:
        if category_key(name) == key:
            return name
    return None
