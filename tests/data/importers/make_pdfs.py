"""Write the test PDFs beside this script by building PDF syntax by hand (no PDF library needed
for the plain ones; pypdf writes the encrypted copy).

Run: .venv/bin/python tests/data/importers/make_pdfs.py
Makes: article.pdf (a two-page article with a text layer), image_only.pdf (one page with an image
and no text), truncated.pdf (article.pdf cut short), encrypted.pdf (article.pdf with a user
password).
"""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).parent

PAGES = [
    [
        "Russia offers bases in Central Asia",
        "Moscow offered Washington the use of its bases in Tajikistan",
        "and Kyrgyzstan for limited operations in Afghanistan.",
        "The offer was reportedly made at the Geneva summit in June.",
    ],
    [
        "Neither Tajikistan nor Kyrgyzstan has commented on the report.",
        "Source: Example Wire",
    ],
]


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def _text_stream(lines: list[str]) -> bytes:
    ops = ["BT", "/F1 12 Tf", "14 TL", "72 720 Td"]
    for line in lines:
        ops.append(f"({_escape(line)}) Tj T*")
    ops.append("ET")
    return "\n".join(ops).encode("latin-1")


def _stream(body: bytes, extra: str = "") -> bytes:
    return f"<< /Length {len(body)}{extra} >>\nstream\n".encode() + body + b"\nendstream"


def _write_pdf(objects: list[bytes]) -> bytes:
    """Serialise numbered objects (1-based, object 1 is the catalog) with a correct xref table."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def article_pdf() -> bytes:
    """Catalog, pages, a Helvetica font, then one page object and one content stream per page."""
    count = len(PAGES)
    kids = " ".join(f"{4 + 2 * i} 0 R" for i in range(count))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {count} >>".encode(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    for i, lines in enumerate(PAGES):
        content = 5 + 2 * i
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {content} 0 R"
            " /Resources << /Font << /F1 3 0 R >> >> >>".encode()
        )
        objects.append(_stream(_text_stream(lines)))
    return _write_pdf(objects)


def image_only_pdf() -> bytes:
    """One page that paints a 2x2 grey image and has no text operators at all."""
    pixels = bytes([0, 128, 128, 255])
    image = _stream(pixels, " /Type /XObject /Subtype /Image /Width 2 /Height 2"
                    " /ColorSpace /DeviceGray /BitsPerComponent 8")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /XObject << /Im1 5 0 R >> >> >>",
        _stream(b"q 200 0 0 200 100 400 cm /Im1 Do Q"),
        image,
    ]
    return _write_pdf(objects)


def encrypted_pdf(plain: Path, target: Path) -> None:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(plain))
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    with target.open("wb") as out:
        writer.write(out)


def main() -> None:
    article = article_pdf()
    (HERE / "article.pdf").write_bytes(article)
    (HERE / "image_only.pdf").write_bytes(image_only_pdf())
    (HERE / "truncated.pdf").write_bytes(article[: len(article) // 3])
    encrypted_pdf(HERE / "article.pdf", HERE / "encrypted.pdf")


if __name__ == "__main__":
    main()
