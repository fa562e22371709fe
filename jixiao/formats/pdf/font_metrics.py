"""What pdfminer knows of a PDF's fonts and PDFium does not say, read from the font dictionaries (not from the
content streams) with pdfminer's object parser: a few small objects per page.

- The descent pdfminer puts the bottom of a character at: the font descriptor's ``/Descent`` (made negative, ``0``
  when missing); for a simple font whose ``/BaseFont`` is a standard font's name (exactly, without a subset prefix)
  the descent of Adobe's metrics for it; for a Type 3 font the lower edge of its ``FontBBox``, scaled by its
  ``FontMatrix``. PDFium reads a missing or zero descent from the glyphs instead (LibreOffice writes zeros).
- Which white-space character a font can draw, for a glyph PDFium's text page skipped (:meth:`PdfFonts.white_space`).

A font is found again by its name without the subset prefix, as PDFium gives it; a name standing for two different
descents on one page is left out (``None``).
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from functools import cache
from typing import Any

Descents = dict[str, float | None]

_SUBSET = re.compile(r"^[A-Z]{6}\+")


def _errors() -> tuple[type[Exception], ...]:
    from pdfminer.pdftypes import PDFException
    from pdfminer.psexceptions import PSException

    return (PDFException, PSException, ValueError, KeyError, TypeError, AttributeError)


def font_key(name: bytes | str) -> str:
    """A font's name without its subset prefix (``ABCDEF+SimSun`` → ``SimSun``)."""
    if isinstance(name, bytes):
        try:
            text = name.decode("utf-8")
        except UnicodeDecodeError:
            text = name.decode("latin-1")
    else:
        text = name
    return _SUBSET.sub("", text)


class PdfFonts:
    """The font dictionaries of one PDF, read with pdfminer's object parser when first asked."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self._pages: list[Any] | None = None

    def pages(self) -> list[Any]:
        """pdfminer's pages (their resources), or ``[]`` when pdfminer cannot read the file's objects."""
        from pdfminer.pdfdocument import PDFDocument
        from pdfminer.pdfpage import PDFPage
        from pdfminer.pdfparser import PDFParser

        if self._pages is None:
            try:
                document = PDFDocument(PDFParser(io.BytesIO(self.data)))
                self._pages = list(PDFPage.create_pages(document))
            except _errors():
                self._pages = []
        return self._pages

    def descents(self) -> list[Descents] | None:
        """For every page, the descent of each font its text may use (forms included), by :func:`font_key`."""
        try:
            return [_descents(page.resources, set()) for page in self.pages()] or None
        except _errors():
            return None

    def white_space(self, number: int, key: str) -> str | None:
        """The one white-space character the fonts named ``key`` on page ``number`` can draw (``" "`` or
        ``"\\xa0"`` …), or ``None`` when they can draw none or several: a glyph PDFium skipped as having no width
        is white space, and this tells which."""
        from pdfminer.pdfinterp import PDFResourceManager

        manager = PDFResourceManager()
        found: set[str] = set()
        errors: tuple[type[Exception], ...] = (*_errors(), IndexError)
        try:
            for spec in _font_specs(self.pages()[number].resources, set()):
                names, _ = _font(spec)
                if key in {font_key(name) for name in names}:
                    found |= _white_space(manager.get_font(None, spec))
        except errors:
            return None
        return found.pop() if len(found) == 1 else None


def _white_space(font: Any) -> set[str]:
    from pdfminer.cmapdb import UnicodeMap

    mapped = getattr(font, "unicode_map", None)
    if mapped is not None and not isinstance(mapped, UnicodeMap):
        return {" ", "?"}  # an identity map: anything may be drawn
    texts = dict(getattr(font, "cid2unicode", {}))
    if mapped is not None:
        texts.update(mapped.cid2unichr)
    return {text for text in texts.values() if text.isspace()}


def _descents(resources: Any, seen: set[int]) -> Descents:
    out: Descents = {}
    for spec in _font_specs(resources, seen):
        names, descent = _font(spec)
        for name in names:
            key = font_key(name)
            out[key] = descent if out.get(key, descent) == descent else None
    return out


def _font_specs(resources: Any, seen: set[int]) -> Iterator[Any]:
    """The font dictionaries of a page's or a form's resources, and of the forms it draws."""
    from pdfminer.pdftypes import PDFObjRef, resolve1

    resources = resolve1(resources) or {}
    for spec in (resolve1(resources.get("Font")) or {}).values():
        yield resolve1(spec)
    for ref in (resolve1(resources.get("XObject")) or {}).values():
        if isinstance(ref, PDFObjRef):
            if ref.objid in seen:
                continue
            seen.add(ref.objid)
        xobject = resolve1(ref)
        if _name(xobject.get("Subtype")) == "Form":
            yield from _font_specs(xobject.get("Resources"), seen)


def _font(spec: Any) -> tuple[list[str], float | None]:
    """The names a font goes by and pdfminer's descent for it; ``None`` when pdfminer and PDFium may read its
    characters as different text (see :func:`_same_text`)."""
    from pdfminer.pdftypes import resolve1

    subtype = _name(spec.get("Subtype")) or "Type1"
    names = [_name(spec.get("BaseFont"))]
    same_text = _same_text(spec, subtype)
    if subtype == "Type3":
        return names, _type3_descent(spec) if same_text else None
    if subtype == "Type0":
        spec = resolve1(resolve1(spec["DescendantFonts"])[0])
        names.append(_name(spec.get("BaseFont")))
    elif subtype not in ("CIDFontType0", "CIDFontType2") and names[0] in _standard_descents():
        return names, _standard_descents()[names[0]] if same_text else None
    descriptor = resolve1(spec.get("FontDescriptor")) or {}
    return names, -abs(_number(descriptor.get("Descent", 0))) / 1000 if same_text else None


def _same_text(spec: Any, subtype: str) -> bool:
    """Whether pdfminer and PDFium turn the font's codes into the same characters: with a ``/ToUnicode`` map, or
    by a predefined CJK encoding, or by the encoding of a simple font that is not a symbol font. Without a map, a
    symbol font (ZapfDingbats' ``a73``: ``n`` to pdfminer, ``■`` to PDFium) or an identity-encoded CID font (read
    from the font program's own tables) may read differently."""
    from pdfminer.pdftypes import resolve1

    if "ToUnicode" in spec:
        return True
    if subtype == "Type0":
        return _name(spec.get("Encoding")) not in ("Identity-H", "Identity-V", "")
    descriptor = resolve1(spec.get("FontDescriptor")) or {}
    symbolic = int(_number(descriptor.get("Flags", 0))) & 4
    return not symbolic and _name(spec.get("BaseFont")) not in ("Symbol", "ZapfDingbats")


def _type3_descent(spec: Any) -> float:
    """A Type 3 font's descent as pdfminer takes it: the lower edge of the ``FontBBox`` (of its descriptor when it
    has one, ``0`` when that has none), scaled by the ``FontMatrix`` — not made negative."""
    from pdfminer.pdftypes import resolve1

    descriptor = resolve1(spec.get("FontDescriptor")) if "FontDescriptor" in spec else spec
    box = resolve1((descriptor or {}).get("FontBBox"))
    matrix = resolve1(spec.get("FontMatrix")) or [0.001, 0, 0, 0.001, 0, 0]
    bottom = _number(resolve1(box[1])) if isinstance(box, list) and len(box) == 4 else 0.0
    return bottom * (_number(resolve1(matrix[1])) + _number(resolve1(matrix[3])))


def _number(value: Any) -> float:
    from pdfminer.pdftypes import resolve1

    value = resolve1(value)
    return float(value) if isinstance(value, int | float) else 0.0


def _name(value: Any) -> str:
    from pdfminer.psparser import PSLiteral

    name = value.name if isinstance(value, PSLiteral) else value
    return font_key(name) if isinstance(name, bytes) else name if isinstance(name, str) else ""


@cache
def _standard_descents() -> dict[str, float]:
    from pdfminer.fontmetrics import FONT_METRICS

    return {name: float(metrics[0].get("Descent", 0)) / 1000 for name, metrics in FONT_METRICS.items()}  # type: ignore[arg-type]
