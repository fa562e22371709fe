"""A page's characters from PDFium's text page, boxed the way pdfminer boxes them (as pdfplumber gives them).

pdfminer's box of a character runs from its origin to its advance across, and from the font's descent one font size
up, scaled by the text matrix. PDFium gives the origin, the text matrix and the font size; the advance is the right
side of PDFium's loose box (or the font's width for a glyph reaching beyond its advance, which widens that box), and
the descent is pdfminer's, read from the font dictionaries (:mod:`.font_metrics`).

PDFium's text page differs from pdfminer's characters in ways that are put right or refused (:class:`Unsupported`:
the page is read with pdfplumber):

- spaces and line ends it adds itself are left out;
- a drawn space after another space (drawn or added) is dropped: put back where the gap to the next character is a
  whole number of spaces wide, as it is when the spaces are drawn in a row;
- a text object holding one white-space glyph alone has no width and is skipped: put back, as the one white-space
  character its font can draw (refused when it can draw several, such as a space and a no-break space);
- a glyph standing for several characters (a ligature) comes as several characters in one box: joined again;
- a text object repeating the one before it (fake bold), text replaced by ``/ActualText``, characters without a
  Unicode mapping, a font pdfminer would read as other text (a symbol font or an identity-encoded font without a
  ``/ToUnicode`` map), rotated, mirrored or vertical text: refused.
"""

from __future__ import annotations

import ctypes
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

from jixiao.formats.pdf.font_metrics import Descents, font_key
from jixiao.formats.pdf.pdfium_paths import Matrix, multiply

Char = dict[str, Any]

# TrueType fonts PDFium reads as CID fonts when they are not embedded (宋体, 楷体, 黑体, 仿宋, 新宋 in GBK): pdfminer
# reads them as simple fonts, one byte a character.
_CHINESE_FONT_PREFIXES = (
    b"\xcb\xce\xcc\xe5",
    b"\xbf\xac\xcc\xe5",
    b"\xba\xda\xcc\xe5",
    b"\xb7\xc2\xcb\xce",
    b"\xd0\xc2\xcb\xce",
)
_SPACE_TOLERANCE = (
    0.005  # points: PDFium places a row of drawn spaces exactly; a jump between texts is rarely this close
)


class Unsupported(Exception):
    """Something on the page PDFium's text page does not give as pdfminer does: read it with pdfplumber."""


@dataclass(frozen=True, slots=True)
class _Run:
    """What all characters of one text object share: the horizontal scale, the height of a character (pdfminer's
    ``size``), the baseline and the descent below it, in page units."""

    scale: float
    baseline: float
    size: float
    descent: float
    font: Any
    font_key: int
    font_size: float


def address(pointer: Any) -> int:
    """A PDFium handle as a number, to compare and to key by."""
    return ctypes.cast(pointer, ctypes.c_void_p).value or 0


def font_name(font: Any) -> bytes:
    """The font's ``/BaseFont`` as PDFium gives it (a simple font's without its subset prefix)."""
    import pypdfium2.raw as raw

    buffer = ctypes.create_string_buffer(256)
    length = raw.FPDFFont_GetBaseFontName(font, buffer, len(buffer))
    return buffer.raw[: max(length - 1, 0)]


def font_descent(font: Any, descents: Descents) -> float:
    """The descent (per unit of font size, negative) pdfminer gives the font, found by its name in ``descents``."""
    import pypdfium2.raw as raw

    name = font_name(font)
    if not raw.FPDFFont_GetIsEmbedded(font) and name[:4] in _CHINESE_FONT_PREFIXES:
        raise Unsupported
    descent = descents.get(font_key(name))
    if descent is None:
        raise Unsupported  # unknown, a Type 3 font, or two fonts of that name with different metrics
    return descent


class _Reader:
    """One text page's characters, in the text page's order. A character's box costs one call to PDFium (its
    loose box): the baseline is the text object's, and the origin is the box's left side unless the glyph reaches
    left of it (checked once a glyph)."""

    def __init__(self, textpage: Any, height: float, fonts: Descents, white_space: Callable[[str], str | None]) -> None:
        import pypdfium2.raw as raw

        self.handle = textpage
        self.height = height
        self.fonts = fonts
        self.white_space = white_space
        self.runs: dict[int, _Run] = {}
        self.descents: dict[int, float] = {}
        self.glyphs: dict[tuple[int, int], tuple[bool, bool]] = {}  # reaches left of the origin, beyond the advance
        self.last: tuple[int, float] = (0, 0.0)  # text object and origin of the last character
        self.x, self.y = ctypes.c_double(), ctypes.c_double()
        self.loose = raw.FS_RECTF()

    def run(self, key: int, index: int) -> _Run:
        run = self.runs.get(key)
        if run is None:
            run = self.runs[key] = self._new_run(index, key)
        return run

    def _new_run(self, index: int, key: int) -> _Run:
        import pypdfium2.raw as raw

        matrix = raw.FS_MATRIX()
        raw.FPDFText_GetMatrix(self.handle, index, matrix)  # the text object's (with its form's): at its origin
        if matrix.b != 0 or matrix.c != 0 or matrix.a <= 0 or matrix.d <= 0:
            raise Unsupported  # rotated, slanted or mirrored text
        font_key = _numeric("FPDFTextObj_GetFont")(key) or 0
        if font_key not in self.descents:
            self.descents[font_key] = font_descent(ctypes.cast(font_key, raw.FPDF_FONT), self.fonts)
        font_size = float(raw.FPDFText_GetFontSize(self.handle, index))
        size = font_size * matrix.d
        font = ctypes.cast(font_key, raw.FPDF_FONT)
        return _Run(matrix.a, matrix.f, size, self.descents[font_key] * size, font, font_key, font_size)

    def char(self, index: int, code: int, key: int, run: _Run) -> Char:
        import pypdfium2.raw as raw

        raw.FPDFText_GetLooseCharBox(self.handle, index, self.loose)
        left, right = float(self.loose.left), float(self.loose.right)
        reaches_left, overhang = self.glyphs.get((run.font_key, code)) or self._glyph(index, code, run)
        x = left
        if reaches_left or self.last == (key, left):
            raw.FPDFText_GetCharOrigin(self.handle, index, self.x, self.y)
            if self.y.value != run.baseline:
                raise Unsupported  # vertical writing: the origin moves down, not across
            x = self.x.value
        self.last = (key, x)
        advance = right - x
        width = ctypes.c_float()
        if overhang and raw.FPDFFont_GetGlyphWidth(run.font, code, run.font_size, width) and width.value > 0:
            advance = min(width.value * run.scale, advance)
        bottom = self.height - (run.baseline + run.descent)
        return {
            "text": chr(code),
            "x0": x,
            "x1": x + advance,
            "top": bottom - run.size,
            "bottom": bottom,
            "size": run.size,
        }

    def _glyph(self, index: int, code: int, run: _Run) -> tuple[bool, bool]:
        """Whether the glyph reaches left of its origin, and beyond its advance: either widens PDFium's loose box,
        which is the union of the advance box and the glyph's box."""
        import pypdfium2.raw as raw

        raw.FPDFText_GetCharOrigin(self.handle, index, self.x, self.y)
        left, right, bottom, top = (ctypes.c_double() for _ in range(4))
        raw.FPDFText_GetCharBox(self.handle, index, left, right, bottom, top)
        found = (left.value < self.x.value - 1e-3, right.value >= self.loose.right - 1e-3)
        self.glyphs[(run.font_key, code)] = found
        return found


@cache
def _numeric(name: str) -> Callable[..., int | None]:
    """A PDFium function taking and answering handles as plain numbers (``FPDFText_GetTextObject`` takes a text
    page and an index too): no ctypes pointer object made and cast a character."""
    import pypdfium2.raw as raw

    arguments = {"FPDFText_GetTextObject": (ctypes.c_void_p, ctypes.c_int), "FPDFTextObj_GetFont": (ctypes.c_void_p,)}
    function = ctypes.cast(getattr(raw, name), ctypes.c_void_p).value or 0
    return ctypes.CFUNCTYPE(ctypes.c_void_p, *arguments[name])(function)


def _codes(textpage: Any, count: int) -> list[int] | None:
    """The Unicode of every character at once (one call instead of one a character); ``None`` when the page's
    text does not line up with its characters (a character PDFium keeps out of its text)."""
    import pypdfium2.raw as raw

    buffer = ctypes.create_string_buffer((count + 1) * 2)
    written = raw.FPDFText_GetText(textpage, 0, count, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort)))
    text = buffer.raw[: max(written - 1, 0) * 2].decode("utf-16-le", "surrogatepass")
    return [ord(char) for char in text] if len(text) == count else None


_LAYOUT = (0x20, 0x0D, 0x0A)  # what PDFium adds: spaces and line ends


def page_chars(
    textpage: Any,
    height: float,
    text_objects: dict[int, tuple[Any, Matrix]],
    fonts: Descents,
    white_space: Callable[[str], str | None],
) -> list[Char]:
    """Every drawn character of the page, as pdfplumber's ``page.chars`` holds them (``text``, ``x0``, ``x1``,
    ``top``, ``bottom``, ``size``). ``text_objects`` are the page's text objects (with the matrix of the form they
    are drawn in) by :func:`address`: those the text page skipped are checked."""
    import pypdfium2.raw as raw

    reader = _Reader(textpage, height, fonts, white_space)
    object_of = _numeric("FPDFText_GetTextObject")
    count = raw.FPDFText_CountChars(textpage)
    codes = _codes(textpage, count)
    chars: list[Char] = []
    gaps: list[tuple[int, float, Char | None]] = []  # where drawn spaces may be hidden: (position, from x, template)
    seen: set[int] = set()
    after_space: tuple[float, Char | None] | None = None
    last_key = 0
    for index in range(count):
        code = codes[index] if codes is not None else raw.FPDFText_GetUnicode(textpage, index)
        if code in (0xFFFE, 0x2):
            code = raw.FPDFText_GetUnicode(textpage, index)
        key = object_of(textpage, index) or 0
        if code in _LAYOUT and raw.FPDFText_IsGenerated(textpage, index):
            after_space = _added_space(textpage, index, code, key, after_space)
            continue
        if not key or not code or raw.FPDFText_HasUnicodeMapError(textpage, index) or 0xD800 <= code < 0xE000:
            raise Unsupported
        if code == 0x2 and raw.FPDFText_IsHyphen(textpage, index):
            code = 0x2D  # a hyphen ending a line, marked by PDFium
        char = reader.char(index, code, key, reader.run(key, index))
        if key == last_key and chars and (chars[-1]["x0"], chars[-1]["x1"]) == (char["x0"], char["x1"]):
            chars[-1]["text"] += char["text"]  # one glyph standing for several characters (a ligature): one char
            continue
        seen.add(key)
        last_key = key
        if after_space is not None:
            gaps.append((len(chars), *after_space))
        chars.append(char)
        after_space = (char["x1"], char) if code == 0x20 else None
    chars = _put_back_spaces(chars, gaps)
    chars.extend(_skipped_spaces(text_objects, seen, reader))
    return chars


def _added_space(
    textpage: Any, index: int, code: int, key: int, after_space: tuple[float, Char | None] | None
) -> tuple[float, Char | None] | None:
    """After a space PDFium added inside a text object (for a wide kerning), a drawn space may follow hidden: it
    would start where the added one stands. A line end closes the line."""
    import pypdfium2.raw as raw

    if code != 0x20:
        return None
    if after_space is not None:
        return after_space
    if not key:
        return None  # added between two text objects: never before a drawn space
    x, y = ctypes.c_double(), ctypes.c_double()
    raw.FPDFText_GetCharOrigin(textpage, index, x, y)
    return (x.value, None)


def _put_back_spaces(chars: list[Char], gaps: list[tuple[int, float, Char | None]]) -> list[Char]:
    widths = {char["size"]: char["x1"] - char["x0"] for char in chars if char["text"] == " "}
    out: list[Char] = []
    start = 0
    for position, left, template in gaps:
        right = chars[position]
        model = template or right
        width = (model["x1"] - model["x0"]) if template else widths.get(right["size"])
        if not width or abs(model["bottom"] - right["bottom"]) > 0.01:
            continue
        count = round((right["x0"] - left) / width)
        if count < 1 or abs(right["x0"] - left - count * width) > _SPACE_TOLERANCE:
            continue
        out.extend(chars[start:position])
        start = position
        out.extend({**model, "text": " ", "x0": left + n * width, "x1": left + (n + 1) * width} for n in range(count))
    out.extend(chars[start:])
    return out


def _skipped_spaces(text_objects: dict[int, tuple[Any, Matrix]], seen: set[int], reader: _Reader) -> list[Char]:
    """The text objects the text page left out: one space alone (no width) comes back as a space; anything else
    (a repeated object, text replaced by ``/ActualText``) is refused."""
    import pypdfium2.raw as raw

    out: list[Char] = []
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    for key, (obj, form) in text_objects.items():
        if key in seen:
            continue
        if not raw.FPDFPageObj_GetBounds(obj, left, bottom, right, top) or right.value < left.value:
            continue  # no characters at all
        if right.value - left.value >= 0.01:
            raise Unsupported
        out.append(_lone_space(obj, form, reader))
    return out


def _lone_space(obj: Any, form: Matrix, reader: _Reader) -> Char:
    """A text object the text page skipped for having no width: one white-space glyph, which pdfminer keeps."""
    import pypdfium2.raw as raw

    matrix = raw.FS_MATRIX()
    raw.FPDFPageObj_GetMatrix(obj, matrix)
    a, b, c, d, e, f = multiply((matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f), form)
    if b != 0 or c != 0 or a <= 0 or d <= 0:
        raise Unsupported
    font = raw.FPDFTextObj_GetFont(obj)
    text = reader.white_space(font_key(font_name(font)))
    font_size = ctypes.c_float()
    width = ctypes.c_float()
    raw.FPDFTextObj_GetFontSize(obj, font_size)
    if text is None or not raw.FPDFFont_GetGlyphWidth(font, ord(text), font_size.value, width):
        raise Unsupported  # not known to be one white-space character
    key = address(font)
    if key not in reader.descents:
        reader.descents[key] = font_descent(font, reader.fonts)
    size = font_size.value * d
    bottom = reader.height - (f + reader.descents[key] * size)
    return {"text": text, "x0": e, "x1": e + width.value * a, "top": bottom - size, "bottom": bottom, "size": size}
