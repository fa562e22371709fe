"""The CJK font a PDF embeds, taken from a Python package so that no font is committed or fetched at run time.

``paperang-p2-fonts-cjk`` (pinned) ships WenQuanYi Micro Hei (文泉驿微米黑, Apache License 2.0) as a TrueType
collection: reportlab embeds TrueType outlines only (the CFF ``.otf`` fonts other packages ship are refused), and
this one covers GB 18030's common characters and the value grammar's symbols (≥ ≤ ㎡ ‰ ℃). It is a 黑体-like face
with one weight, so every text is set in it; headings stand out by size, as in official documents. Measured against
the alternatives in ``docs/formats.md``.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from jixiao.domain.errors import JixiaoError

FONT_PACKAGE = "paperang-p2-fonts-cjk"
FONT_NAME = "WenQuanYi-MicroHei"  # the name reportlab registers; pdffonts shows the face's own, WenQuanYiMicroHei


@cache
def font_path() -> Path:
    """The TrueType collection; raises :class:`JixiaoError` (``export.no_font``) when the package is missing."""
    try:
        import paperang_p2_fonts_cjk
    except ImportError:
        raise JixiaoError("export.no_font", package=FONT_PACKAGE) from None
    path = Path(paperang_p2_fonts_cjk.__file__).parent / "fonts" / "wqy-microhei.ttc"
    if not path.is_file():
        raise JixiaoError("export.no_font", package=FONT_PACKAGE)
    return path


@cache
def reportlab_font() -> str:
    """Register the font with reportlab once per process (about 0.15 s: reportlab reads every glyph's metrics)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    pdfmetrics.registerFont(TTFont(FONT_NAME, str(font_path()), subfontIndex=0))
    return FONT_NAME
