"""The fonts embedded in exported PDFs: DejaVu Sans (Latin, Cyrillic, Greek; Vera licence).

The TrueType files ship in `resources/fonts/` with their LICENSE. reportlab embeds the subset of
glyphs a document uses, so every exported PDF shows Cyrillic and curly quotes on any machine.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from app.core.errors import ParallaxError

REGULAR = "ParallaxSans"
BOLD = "ParallaxSans-Bold"
ITALIC = "ParallaxSans-Oblique"

_FILES = {
    REGULAR: "DejaVuSans.ttf",
    BOLD: "DejaVuSans-Bold.ttf",
    ITALIC: "DejaVuSans-Oblique.ttf",
}
# The repository layout (app/core/export/fonts.py -> resources/fonts) and, for installs that
# leave resources out, the usual Debian/Ubuntu place of the same files.
_SEARCH_DIRS = (
    Path(__file__).resolve().parents[3] / "resources" / "fonts",
    Path("/usr/share/fonts/truetype/dejavu"),
)


class FontError(ParallaxError):
    """The bundled fonts cannot be found or read, so no PDF can be written."""


def font_path(file_name: str) -> Path:
    """Where the font file `file_name` lives.

    Raises:
        FontError: if it is in none of the search directories.
    """
    for folder in _SEARCH_DIRS:
        candidate = folder / file_name
        if candidate.is_file():
            return candidate
    raise FontError(f"{file_name}: font not found (looked in {_SEARCH_DIRS[0]})")


def register_fonts() -> None:
    """Register the three faces with reportlab once per process (later calls do nothing).

    Raises:
        FontError: if a font file is missing or unreadable.
    """
    registered = set(pdfmetrics.getRegisteredFontNames())
    for name, file_name in _FILES.items():
        if name in registered:
            continue
        path = font_path(file_name)
        try:
            pdfmetrics.registerFont(TTFont(name, str(path)))
        except Exception as exc:  # reportlab raises plain Exception/TTFError on bad files
            raise FontError(f"{path}: cannot read font ({exc})") from exc
    pdfmetrics.registerFontFamily(
        REGULAR, normal=REGULAR, bold=BOLD, italic=ITALIC, boldItalic=BOLD
    )
