"""Read exported PDFs back for the export tests: annotations, character boxes and rendered pixels.

pypdf reads the annotations, pdfplumber the character boxes (test-only dependency), and
poppler's `pdftoppm` renders pages as PPM, which is trivial to decode by hand.
"""

from __future__ import annotations

import subprocess
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pdfplumber
from pypdf import PdfReader

Quad = tuple[float, float, float, float]  # x0, y0 (bottom), x1, y1 (top) in PDF points


@dataclass
class Annot:
    """One /Highlight annotation as read back."""

    page: int
    quads: list[Quad]
    contents: str
    author: str
    colour: tuple[float, ...]
    created: str
    modified: str
    name: str
    in_reply_to: bool


def squash(text: str) -> str:
    """NFKC-normalised text without whitespace, for comparing quotes with extracted text."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def read_highlights(path: Path) -> tuple[list[Annot], list[tuple[float, ...]]]:
    """Every /Highlight annotation of the PDF, and each page's MediaBox."""
    reader = PdfReader(str(path))
    annots: list[Annot] = []
    boxes = []
    for number, page in enumerate(reader.pages):
        boxes.append(tuple(float(v) for v in page.mediabox))
        for ref in page.get("/Annots") or []:
            a = ref.get_object()
            if a.get("/Subtype") != "/Highlight":
                continue
            annots.append(_annot(number, a))
    return annots, boxes


def _annot(number: int, a: Any) -> Annot:
    pts = [float(v) for v in a["/QuadPoints"]]
    quads = []
    for k in range(0, len(pts), 8):
        xs, ys = pts[k : k + 8 : 2], pts[k + 1 : k + 8 : 2]
        quads.append((min(xs), min(ys), max(xs), max(ys)))
    return Annot(
        page=number,
        quads=quads,
        contents=str(a.get("/Contents", "")),
        author=str(a.get("/T", "")),
        colour=tuple(float(v) for v in a["/C"]),
        created=str(a.get("/CreationDate", "")),
        modified=str(a.get("/M", "")),
        name=str(a.get("/NM", "")),
        in_reply_to="/IRT" in a,
    )


def text_in_quads(path: Path, placed: list[tuple[int, Quad]]) -> str:
    """The characters whose centre lies inside any of the quads, in quad order."""
    out: list[str] = []
    with pdfplumber.open(str(path)) as pdf:
        for page_no, (x0, y0, x1, y1) in placed:
            page = pdf.pages[page_no]
            height = float(page.height)
            for ch in page.chars:
                cx = (ch["x0"] + ch["x1"]) / 2
                cy = height - (ch["top"] + ch["bottom"]) / 2  # pdfplumber measures from the top
                if x0 <= cx <= x1 and y0 <= cy <= y1:
                    out.append(ch["text"])
    return "".join(out)


def render_ppm(path: Path, page: int, dpi: int, out_dir: Path) -> tuple[int, int, bytes]:
    """Render one page (0-based) with pdftoppm; returns (width, height, RGB bytes)."""
    prefix = out_dir / f"page{page}"
    subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-f", str(page + 1), "-l", str(page + 1), "-singlefile",
         str(path), str(prefix)],
        check=True,
    )  # fmt: skip
    data = prefix.with_suffix(".ppm").read_bytes()
    return parse_ppm(data)


def parse_ppm(data: bytes) -> tuple[int, int, bytes]:
    """Decode a binary PPM (P6, maxval 255)."""
    fields: list[bytes] = []
    pos = 0
    while len(fields) < 4:
        while data[pos : pos + 1].isspace():
            pos += 1
        if data[pos : pos + 1] == b"#":
            pos = data.index(b"\n", pos) + 1
            continue
        end = pos
        while not data[end : end + 1].isspace():
            end += 1
        fields.append(data[pos:end])
        pos = end
    assert fields[0] == b"P6" and fields[3] == b"255"
    width, height = int(fields[1]), int(fields[2])
    pixels = data[pos + 1 : pos + 1 + width * height * 3]
    return width, height, pixels


def pixels_in(
    image: tuple[int, int, bytes], quad: Quad, page_height: float, dpi: int
) -> list[tuple[int, int, int]]:
    """The RGB pixels inside a quad (shrunk by a pixel so anti-aliased edges are left out)."""
    width, _height, data = image
    scale = dpi / 72.0
    x0, y0, x1, y1 = quad
    left, right = int(x0 * scale) + 1, int(x1 * scale) - 1
    top, bottom = int((page_height - y1) * scale) + 1, int((page_height - y0) * scale) - 1
    out = []
    for y in range(top, bottom + 1):
        for x in range(left, right + 1):
            k = (y * width + x) * 3
            out.append((data[k], data[k + 1], data[k + 2]))
    return out
