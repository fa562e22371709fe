"""The CJK fonts a PDF embeds, taken from a Python package so that no font is committed or fetched at run time.

``pylopdf-fonts-zh-cn`` ships Noto Serif SC and Noto Sans SC (SIL Open Font License): the serif face sets body text and
table cells the way 宋体 does in official documents, the sans face sets headings the way 黑体 does. Both are
Regular only; the documents' headings use 黑体 rather than bold, as official documents do. Measured against the
alternatives (``docs/formats.md``): a static Noto Sans SC built from ``justmytype-intl-cjk``'s variable font costs
about 25 s per weight at first use, and the variable font itself makes each PDF several seconds slower.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from jixiao.domain.errors import JixiaoError

SERIF_FAMILY = "Jixiao Serif"
SANS_FAMILY = "Jixiao Sans"


@cache
def font_paths() -> dict[str, Path]:
    """``{"serif": …, "sans": …}``; raises :class:`JixiaoError` (``export.no_font``) when the package is missing."""
    try:
        import pylopdf_fonts_zh_cn as fonts
    except ImportError:
        raise JixiaoError("export.no_font", package="pylopdf-fonts-zh-cn") from None
    paths = {"serif": Path(fonts.serif_path()), "sans": Path(fonts.sans_path())}
    for path in paths.values():
        if not path.is_file():
            raise JixiaoError("export.no_font", package="pylopdf-fonts-zh-cn")
    return paths


def font_face_css() -> str:
    """``@font-face`` rules naming the packaged fonts ``Jixiao Serif`` and ``Jixiao Sans`` (file URLs)."""
    paths = font_paths()
    return "".join(
        f'@font-face {{ font-family: "{family}"; src: url("{paths[key].as_uri()}"); }}\n'
        for family, key in ((SERIF_FAMILY, "serif"), (SANS_FAMILY, "sans"))
    )
