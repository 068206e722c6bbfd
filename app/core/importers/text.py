"""Plain-text articles: one unit per line, cleaned by app.core.clean."""

from __future__ import annotations

from app.core.clean import Cleaned, units_from_text
from app.core.importers.assemble import clean_units


def import_text(raw: str) -> Cleaned:
    """Clean a plain-text article (newlines normalised). Offsets in junk spans index `raw`."""
    return clean_units(units_from_text(raw))
