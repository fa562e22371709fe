"""An indicator header printed over two rows, merged into one before the project reader sees it.

Published tables often print ``一级指标 | 二级指标 | 三级指标 | 指标值`` with 指标值 spanning two or three columns,
and under it a second row ``中期 | 年度`` (or ``指标性质 | 指标值 | 度量单位``); the first cells of that second row are
empty (a vertical merge) or repeat the first row (an exporter that fills merged cells). The second row is merged
into the first only when every non-empty cell of it is a known sub-label under a spanning label, or repeats the
cell above: a data row names indicators and values, so it is never swallowed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from jixiao.formats.blocks import Block, Row
from jixiao.formats.interpret.indicators import Columns, is_indicator_header
from jixiao.formats.interpret.labels import COLUMN_LABELS, label_key

# Sub-label → the column label it stands for once the two rows are merged.
SUB_LABELS: dict[str, str] = {
    "中期": "中期指标值",
    "中期指标值": "中期指标值",
    "中期目标值": "中期指标值",
    "中期指标": "中期指标值",
    "指标值(中期)": "中期指标值",
    "年度": "年度指标值",
    "本年": "年度指标值",
    "当年": "年度指标值",
    "年度指标值": "年度指标值",
    "年度目标值": "年度指标值",
    "年度指标": "年度指标值",
    "指标值(年度)": "年度指标值",
    "指标值": "指标值",
    "目标值": "指标值",
    "指标性质": "指标性质",
    "计算符号": "指标性质",
    "度量单位": "度量单位",
    "计量单位": "度量单位",
    "单位": "度量单位",
}
_SPANNING_ROLES = ("value", "midterm")
# 中期(2024-2026年), 年度（2024年）, 2024年度指标值: the period's years do not change the column.
_YEARS_RE = re.compile(r"\([^()]*\d{4}[^()]*\)$|^20\d{2}(?=年度)")


def sub_label(cell: str) -> str | None:
    """The column label a second-row cell stands for (``中期`` → 中期指标值), or None when it is no sub-label."""
    key = label_key(cell)
    return SUB_LABELS.get(key) or SUB_LABELS.get(_YEARS_RE.sub("", key))


def is_spanning(cell: str) -> bool:
    """Whether a first-row label can span sub-columns: 指标值, 目标值 and their period forms, not 指标值确定依据."""
    key = label_key(cell)
    role = COLUMN_LABELS.get(key)
    return role in _SPANNING_ROLES or (role is None and ("指标值" in key or "目标值" in key))


def merge_header(top: Row, sub: Row) -> Row | None:
    """The two header rows as one (the sub-labels in place of their spanning label), or None when ``sub`` is not a
    row of sub-labels under ``top`` — a data row, a repeated header, or labels under a column that does not span."""
    width = max(len(top.cells), len(sub.cells))
    upper = list(top.cells) + [""] * (width - len(top.cells))
    lower = list(sub.cells) + [""] * (width - len(sub.cells))
    merged = list(upper)
    owner = -1  # the first-row label covering the column (a horizontal merge leaves the cells right of it empty)
    spanned: set[int] = set()
    for index, (above, below) in enumerate(zip(upper, lower, strict=True)):
        owner = index if above else owner
        if not below or label_key(below) == label_key(above):
            continue
        label = sub_label(below)
        if label is None or owner < 0 or not is_spanning(upper[owner]):
            return None
        merged[index] = label
        spanned.add(owner)
    if not spanned:
        return None
    for index in spanned:  # a spanning label over no sub-label of its own must not claim the column's role
        if not lower[index]:
            merged[index] = ""
    row = Row(cells=tuple(merged), line=top.line)
    return row if Columns.from_header(row) is not None else None


def merge_header_rows(blocks: Sequence[Block]) -> list[Block]:
    """The block stream with each two-row indicator header merged into one row (other blocks unchanged)."""
    merged: list[Block] = []
    for block in blocks:
        previous = merged[-1] if merged else None
        if isinstance(block, Row) and isinstance(previous, Row) and is_indicator_header(previous):
            header = merge_header(previous, block) or merge_shifted_header(previous, block)
            if header is not None:
                merged[-1] = header
                continue
        merged.append(block)
    return merged


def merge_shifted_header(top: Row, sub: Row) -> Row | None:
    """A second header row that a web copy printed from the left edge (``中期 | 年度``, the cells under the first
    row's vertical merges dropped) merged as a flattened header is (:func:`merge_flat_header`), or None when ``sub``
    is not sub-labels alone, starting at its first cell."""
    filled = tuple(cell for cell in sub.cells if cell)
    if len(filled) < 2 or sub.cells[: len(filled)] != filled or any(sub_label(cell) is None for cell in filled):
        return None
    labels = list(top.cells)
    while labels and not labels[-1]:
        labels.pop()  # the first row's padding (| ||||)
    merged = merge_flat_header((*labels, *filled))
    return Row(cells=merged, line=top.line) if merged is not None else None


def merge_flat_header(labels: Sequence[str]) -> tuple[str, ...] | None:
    """A two-row header flattened into one run of labels (a PDF or Word copy: ``… 指标值 指标值确定依据 中期 年度``) as
    one header row, or None when the labels are a one-row header.

    The trailing sub-labels go in place of a generic spanning label (指标值, 目标值) before them; a header that would
    then lose its 指标值 column, or whose only candidate is a period label (中期指标值 年度指标值), stays as printed.
    """
    run = len(labels)
    while run > 0 and sub_label(labels[run - 1]) is not None:
        run -= 1
    for start in range(run, len(labels) - 1):  # at least two sub-labels after the top row
        top, subs = labels[:start], labels[start:]
        spanner = next((index for index, label in enumerate(top) if _is_generic_spanner(label)), None)
        if spanner is None:
            continue
        merged = (*top[:spanner], *(sub_label(label) or label for label in subs), *top[spanner + 1 :])
        if Columns.from_header(Row(cells=merged, line=0)) is not None:
            return merged
        return None
    return None


def _is_generic_spanner(cell: str) -> bool:
    key = label_key(cell)
    return is_spanning(cell) and not key.startswith(("中期", "年度")) and "(" not in key
