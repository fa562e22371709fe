"""The stable key of a monitoring or self-evaluation entry: which indicator row of a project it belongs to."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from jixiao.domain import model as domain


def indicator_keys(indicators: Sequence[domain.Indicator]) -> list[str]:
    """A stable key per indicator row: its 三级指标 and how many rows of that name came before it.

    Saving a project's targets rewrites its indicator rows, so entries cannot point at them; a renamed or removed
    indicator leaves its entries unmatched (shown as such) rather than attached to another row.
    """
    seen: Counter[str] = Counter()
    keys = []
    for indicator in indicators:
        name = (indicator.level3 or "").strip()
        keys.append(f"{name}#{seen[name]}")
        seen[name] += 1
    return keys


def key_label(key: str) -> str:
    """A key as people read it: the 三级指标, and which of its namesakes (``名称#1`` → 第 2 个同名指标)."""
    name, _, occurrence = key.rpartition("#")
    if not occurrence.isdigit():
        return key
    name = name or "（未命名指标）"
    return name if occurrence == "0" else f"{name}（第 {int(occurrence) + 1} 个同名指标）"
