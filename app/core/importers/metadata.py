"""Document metadata: title, outlet, date, url, language.

Precedence per field: the manifest entry (seeds/corpus.json or a corpus.json beside the file),
then what the format itself says (HTML metadata), then what cleaning read from the text
("Source: X", "Original url: URL", a date line or "date YYYY-MM-DD" prefix, the headline).
Dates are ISO 8601 ("2021-07-19"; "2021-09" when only the month is known).
"""

from __future__ import annotations

import json
import os
import re
from datetime import datetime
from pathlib import Path
from urllib.parse import urlparse

from app.core import thresholds as th
from app.core.errors import InputError

FIELDS = ("title", "outlet", "date", "url", "language")
MANIFEST_NAME = "corpus.json"

# Outlets whose names cannot be derived from their domain.
_KNOWN_OUTLETS = {
    "themoscowtimes.com": "The Moscow Times",
    "trtworld.com": "TRT World",
    "aa.com.tr": "Anadolu Agency",
    "responsiblestatecraft.org": "Responsible Statecraft",
    "antiwar.com": "Antiwar.com",
    "kommersant.ru": "Kommersant",
    "eurasianet.org": "Eurasianet",
}
_DATE_FORMATS = ("%B %d, %Y", "%B %d %Y", "%d %B %Y", "%Y-%m-%d", "%b %d, %Y", "%d %b %Y")
_ISO_PREFIX = re.compile(r"^\d{4}-\d{2}(?:-\d{2})?")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]+")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]+")


def outlet_from_url(url: str) -> str:
    """A readable outlet name for a URL's domain ("" when the URL has no host)."""
    host = (urlparse(url).hostname or "").lower().removeprefix("www.")
    if not host:
        return ""
    if host in _KNOWN_OUTLETS:
        return _KNOWN_OUTLETS[host]
    for domain, name in _KNOWN_OUTLETS.items():
        if host.endswith("." + domain):
            return name
    return host.split(".")[-2].capitalize() if host.count(".") else host


def iso_date(text: str) -> str:
    """ISO form of "July 19, 2021", "19 July 2021", "2021-07-19" ("" when not a date)."""
    text = text.strip()
    if found := _ISO_PREFIX.match(text):
        return found.group(0)
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date().isoformat()
        except ValueError:
            continue
    return ""


def detect_language(text: str) -> str:
    """Return "ru" when Cyrillic makes up CYRILLIC_MIN_RATIO of a sample's letters, else "en"."""
    sample = text[: th.SNIFF_BYTES]
    # Runs, not single letters: far fewer matches to build, same counts.
    cyrillic = sum(map(len, _CYRILLIC.findall(sample)))
    letters = cyrillic + sum(map(len, _LATIN.findall(sample)))
    if letters and cyrillic / letters >= th.CYRILLIC_MIN_RATIO:
        return "ru"
    return "en"


def from_text(meta: dict[str, str], title: str, text: str) -> dict[str, str]:
    """Metadata fields from what cleaning found in the text."""
    url = meta.get("url", "")
    date = meta.get("date", "") or iso_date(meta.get("date_text", ""))
    outlet = meta.get("outlet", "") or outlet_from_url(url)
    return {"title": title, "outlet": outlet, "date": date, "url": url, "language": ""}


def merge(*layers: dict[str, str] | None, text: str) -> dict[str, str]:
    """First non-empty value per field across `layers`; language detected from `text` last."""
    out = {name: "" for name in FIELDS}
    for layer in layers:
        for name in FIELDS:
            if layer and not out[name] and str(layer.get(name, "") or "").strip():
                out[name] = str(layer[name]).strip()
    if not out["language"]:
        out["language"] = detect_language(text)
    return out


def load_manifest(folder: str | os.PathLike[str]) -> dict[str, dict[str, str]]:
    """Read FOLDER/corpus.json when present: file name -> {title, outlet, date, url, language}.

    The file holds {"files": [{"file": NAME, "title": ..., ...}, ...]}. Returns {} when absent.
    Raises:
        InputError: the manifest exists but cannot be read or is not in that shape.
    """
    path = Path(folder) / MANIFEST_NAME
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        entries = data["files"]
        return {str(e["file"]): {k: str(e.get(k, "") or "") for k in FIELDS} for e in entries}
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        raise InputError(str(path), f"cannot read manifest ({err.__class__.__name__})") from None
    except (KeyError, TypeError, AttributeError):
        raise InputError(str(path), 'manifest is not {"files": [{"file": ...}]}') from None
