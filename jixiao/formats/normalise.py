"""The normalisation stage every reader's text passes through before any label is looked at.

It knows nothing of budgets. It undoes what copying a document adds, not what the document says:

- **Traditional → Simplified**, for a document that is mostly Traditional (a mirror site converted it): texts are
  converted character by character with OpenCC's tables. A Simplified document is left as it is, so a name that
  happens to hold a Traditional character keeps it.
- **injected pinyin in brackets** after a character (``績效目標(biāo)`` → ``绩效目标``), which such mirrors add to
  rare characters: only brackets holding tone-marked pinyin syllables are removed.
- **OCR confusions limited to label characters**: a few glyphs a scanner confuses inside the fixed words of the
  tables (``绩效指椋`` → ``绩效指标``) are repaired only where the whole word is a known label, never in names or
  values.

Full-width digits and comparator variants are folded later, by the value grammar (:func:`jixiao.domain.values.
normalise`), so that texts stay as printed in the model.
"""

from __future__ import annotations

import re
from functools import cache

# Tone-marked vowels: a bracket of pinyin holds at least one (plain ASCII letters in brackets are left alone).
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_PINYIN_RE = re.compile(
    rf"(?<=[\u4e00-\u9fff])[(（]\s*(?=[a-zü{_TONED}\s]*[{_TONED}])[a-zü{_TONED}]{{1,7}}(?:\s+[a-zü{_TONED}]{{1,7}}){{0,3}}\s*[)）]"
)
_CJK_RE = re.compile(r"[\u4e00-\u9fff]")
TRADITIONAL_SHARE = 0.04
"""A document is converted when at least this share of its CJK characters exist only in Traditional Chinese."""

# Label words and the OCR or encoding confusions seen in them (scans of printed tables).
_LABEL_CONFUSIONS: dict[str, tuple[str, ...]] = {
    "绩效指标": ("绩效指椋", "绩效指林", "绩效措标", "缋效指标", "绩敦指标"),
    "一级指标": ("一级指椋", "一缀指标", "—级指标"),
    "二级指标": ("二级指椋", "二缀指标"),
    "三级指标": ("三级指椋", "三缀指标"),
    "指标值": ("指椋值", "指标傎", "措标值"),
    "产出指标": ("产岀指标", "产出指椋"),
    "效益指标": ("效益指椋", "效溢指标"),
    "满意度指标": ("满惫度指标", "满意度指椋"),
    "年度指标值": ("年度指椋值", "年度措标值"),
    "实际完成值": ("实际完戌值", "实标完成值"),
}
_CONFUSION_RE = re.compile("|".join(re.escape(wrong) for wrongs in _LABEL_CONFUSIONS.values() for wrong in wrongs))
_REPAIR = {wrong: right for right, wrongs in _LABEL_CONFUSIONS.items() for wrong in wrongs}


@cache
def _converter() -> object:
    from opencc import OpenCC

    return OpenCC("t2s")


def _t2s(text: str) -> str:
    converted: str = _converter().convert(text)  # type: ignore[attr-defined]
    return converted


@cache
def _traditional_only() -> frozenset[str]:
    """Characters that exist only in Traditional writing: OpenCC's character table, less those it keeps."""
    from importlib.resources import files

    table = files("opencc").joinpath("dictionary", "TSCharacters.txt").read_text(encoding="utf-8")
    characters = {line.split("\t", 1)[0] for line in table.splitlines() if "\t" in line}
    return frozenset(char for char in characters if len(char) == 1 and _t2s(char) != char)


def is_traditional(text: str, *, sample: int = 20_000) -> bool:
    """Whether a document is written (mostly) in Traditional Chinese, judged on its first ``sample`` characters."""
    head = text[:sample]
    cjk = len(_CJK_RE.findall(head))
    if cjk < 20:
        return False
    traditional = _traditional_only()
    found = sum(1 for char in head if char in traditional)
    return found >= TRADITIONAL_SHARE * cjk


def strip_pinyin(text: str) -> str:
    """Remove pinyin that a mirror injected in brackets after characters."""
    return _PINYIN_RE.sub("", text)


def repair_labels(text: str) -> str:
    """Repair the OCR confusions known in label words (and only there)."""
    return _CONFUSION_RE.sub(lambda match: _REPAIR[match.group(0)], text)


def normalise_document(text: str) -> tuple[str, list[str]]:
    """The document's text after the stage, and the names of the steps that changed something."""
    steps: list[str] = []
    if _TONED_CHARS.intersection(text):
        stripped = strip_pinyin(text)
        if stripped != text:
            steps.append("pinyin")
            text = stripped
    if is_traditional(text):
        steps.append("traditional")
        text = _t2s(text)
    repaired = repair_labels(text)
    if repaired != text:
        steps.append("ocr")
        text = repaired
    return text, steps


def normalise_cell(text: str, *, traditional: bool) -> str:
    """One cell of an office document through the same stage (the document decided whether it is Traditional)."""
    if _TONED_CHARS.intersection(text):
        text = strip_pinyin(text)
    if traditional:
        text = _t2s(text)
    return repair_labels(text)


_TONED_CHARS = frozenset(_TONED)
