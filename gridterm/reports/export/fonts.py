"""The CJK font the PDF embeds: a TrueType (glyf) font or collection the machine has.

ReportLab embeds only the glyphs used (a subset) of TrueType-outline fonts; it cannot embed
CFF/OpenType-PostScript fonts such as Noto CJK. WenQuanYi Micro Hei (Debian's
``fonts-wqy-microhei``, which ``./dev setup`` installs, a ``.ttc`` collection) is the one the
build relies on; ``GRIDTERM_PDF_FONT=/path/font.ttf[#index]`` names another.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

from gridterm.errors import GridTermError

ENV_FONT = "GRIDTERM_PDF_FONT"
FONT_NAME = "GridTermCJK"
#: Where the usual TrueType CJK fonts live on Debian/Ubuntu, Windows and macOS.
CANDIDATES: tuple[tuple[str, int], ...] = (
    ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0),
    ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),
    ("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf", 0),
    ("/usr/share/fonts/truetype/arphic/uming.ttc", 0),
    ("C:/Windows/Fonts/msyh.ttc", 0),
    ("C:/Windows/Fonts/simhei.ttf", 0),
    ("/Library/Fonts/Arial Unicode.ttf", 0),
)


class FontMissingError(GridTermError):
    """No CJK TrueType font is installed: a PDF would show boxes instead of Chinese."""

    code = "report.no_cjk_font"


def find_font() -> tuple[Path, int]:
    """The font file (and index in a collection) to embed."""
    named = os.environ.get(ENV_FONT, "").strip()
    if named:
        named_path, _, named_index = named.partition("#")
        if not Path(named_path).is_file():
            raise FontMissingError(message=f"{ENV_FONT} names {named_path}, which does not exist")
        return Path(named_path), int(named_index or 0)
    for path, index in CANDIDATES:
        if Path(path).is_file():
            return Path(path), index
    raise FontMissingError(
        message="no CJK TrueType font found: install fonts-wqy-microhei or set " + ENV_FONT
    )


@cache
def register_font() -> str:
    """Register the CJK font with ReportLab once per process; returns its name."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    path, index = find_font()
    pdfmetrics.registerFont(TTFont(FONT_NAME, str(path), subfontIndex=index))
    return FONT_NAME
