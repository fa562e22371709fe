"""Breaking text into lines the way the PDF reader joins them again.

A line may break between two characters when either is CJK (never before closing punctuation such as ``，`` or
``）``, which may not begin a line), and at a space between two words; a run of Latin letters and digits
(``≥1200``, ``Excel``) stays whole unless it is wider than the line by itself. The reader
(:mod:`jixiao.formats.pdf.reader`) takes a line as continued when the next line's first unit would not have fitted
on it, and joins wrapped lines without a space next to CJK text and with one between words; breaking on exactly
those units is what makes a wrapped cell read back as the text it was. A space next to CJK text is therefore never a
break: the reader could not tell it was there.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import lru_cache

from jixiao.formats.grid import is_wide

NO_LINE_START = frozenset("，。、；：？！）」』】》〉”’%,.;:?!)]}…·")

Measure = Callable[[str], float]

_SLACK = 1e-6  # a token exactly as wide as the room left still fits


@lru_cache(maxsize=8192)  # characters of user text: bounded
def _wide(char: str) -> bool:
    return is_wide(char)


def _can_break(text: str, index: int) -> bool:
    """Whether a line may end before ``text[index]``."""
    before, after = text[index - 1], text[index]
    if after == " " or after in NO_LINE_START:
        return False
    if before == " ":
        word = text[:index].rstrip(" ")
        return bool(word) and not _wide(word[-1]) and not _wide(after)
    return _wide(before) or _wide(after)


def tokens(text: str) -> Iterator[str]:
    """The units a line is filled with: the text between two break opportunities (trailing spaces included)."""
    start = 0
    for index in range(1, len(text)):
        if _can_break(text, index):
            yield text[start:index]
            start = index
    if start < len(text):
        yield text[start:]


def break_lines(text: str, first: float, rest: float, measure: Measure) -> list[str]:
    """``text`` in lines at most ``first`` wide (the first line) and ``rest`` wide (the others); ``\\n`` ends a line.

    ``measure`` gives a string's width in the units of ``first`` and ``rest``. A unit wider than a whole line is
    cut between characters.
    """
    lines: list[str] = []
    for part in text.split("\n"):
        lines.extend(_fill(part, first if not lines else rest, rest, measure))
    return lines


def _fill(text: str, first: float, rest: float, measure: Measure) -> list[str]:
    lines: list[str] = []
    line, used, room = "", 0.0, first
    for token in tokens(text):
        word = token.rstrip(" ")
        width = measure(word)
        if line and used + width > room + _SLACK:
            lines.append(line.rstrip(" "))
            line, used, room = "", 0.0, rest
        while not line and width > room + _SLACK and len(word) > 1:
            cut = _longest_fit(word, room, measure)
            lines.append(word[:cut])
            token, word = token[cut:], word[cut:]
            width, room = measure(word), rest
        line += token
        used += width + measure(token[len(word) :])
    lines.append(line.rstrip(" "))
    return lines


def _longest_fit(word: str, room: float, measure: Measure) -> int:
    """How many leading characters of ``word`` fit in ``room`` (at least one)."""
    cut = 1
    while cut < len(word) and measure(word[: cut + 1]) <= room + _SLACK:
        cut += 1
    return cut
