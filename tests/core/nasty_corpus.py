"""The nasty-input corpus (issue 7): files an importer must refuse in one line or import.

Small fixed files live in tests/data/nasty/; the big ones (60 MB, a 5 MB line, 100k nested
divs) are generated into a temporary folder by `build_corpus`, never committed. Used by
tests/core/test_nasty_inputs.py, tests/cli/test_nasty_cli.py and benchmarks/nasty_report.py.
"""

from __future__ import annotations

import codecs
import os
import random
from dataclasses import dataclass
from pathlib import Path

NASTY_DATA = Path(__file__).resolve().parents[1] / "data" / "nasty"
SEEDS = Path(__file__).resolve().parents[2] / "seeds"

# Expected outcome: "ok" (imports), or the problem text an InputError must carry.
OK = "ok"


@dataclass(frozen=True)
class NastyCase:
    """One file of the corpus and what loading it must give."""

    name: str
    path: Path
    expect: str  # OK or the InputError problem
    unreadable: bool = False  # needs a process without root's permission bypass


BODY_RU = (
    "Россия предложила США использовать свои военные базы в Таджикистане и Киргизии.\n\n"
    "Об этом сообщил источник, знакомый с ходом переговоров в Женеве.\n"
)
BODY_EN = (
    "Moscow offered Washington the use of its bases in Central Asia, officials said.\r\n"
    "The offer was made at the summit in Geneva in June.\r"
    "Neither Tajikistan nor Kyrgyzstan has commented on the report.\n"
)


def _seed_prose() -> str:
    return (SEEDS / "003_75d49b24c4eb6244.txt").read_text(encoding="utf-8")


def _big_text(path: Path, size: int) -> None:
    """Seed prose repeated up to `size` bytes (realistic paragraphs, not one line)."""
    block = _seed_prose().encode("utf-8") + b"\n\n"
    with path.open("wb") as out:
        written = 0
        while written < size:
            out.write(block)
            written += len(block)


def _big_html(path: Path, size: int) -> None:
    """An article page of `size` bytes: seed paragraphs repeated inside <article>."""
    paras = "".join(f"<p>{p}</p>" for p in _seed_prose().split("\n\n"))
    head = "<!doctype html><html><head><title>Big</title></head><body><article>"
    tail = "</article></body></html>"
    body = paras * (size // len(paras.encode("utf-8")) + 1)
    path.write_bytes((head + body).encode("utf-8")[: size - len(tail)] + tail.encode("ascii"))


def _one_line(path: Path, size: int) -> None:
    rng = random.Random(7)
    letters = "abcdefghijklmnopqrstuvwxyz"
    chunk = "".join(rng.choice(letters) for _ in range(4096))
    path.write_text(chunk * (size // len(chunk)), encoding="ascii")


def _nested_html(path: Path, depth: int) -> None:
    body = "<div>" * depth + "<p>Deep inside, a sentence of article text sits here.</p>"
    path.write_text(
        "<!doctype html><html><head><title>Nested</title></head><body>"
        + body
        + "</div>" * depth
        + "</body></html>",
        encoding="utf-8",
    )


def _write_small(folder: Path) -> list[NastyCase]:
    cases: list[NastyCase] = []

    def add(name: str, data: bytes, expect: str) -> None:
        path = folder / name
        path.write_bytes(data)
        cases.append(NastyCase(name, path, expect))

    add("binary.bin", random.Random(1).randbytes(200_000), "not a text file")
    add("zero_bytes.txt", b"", "file is empty")
    add(
        "scripts_only.html",
        b"<!doctype html><html><head><script>var a = 1;</script></head><body>"
        + b"<script>document.write('hello ' + a);</script><style>p{}</style></body></html>",
        "no article text found",
    )
    add("utf16_bom.txt", codecs.BOM_UTF16_LE + BODY_RU.encode("utf-16-le"), OK)
    add("cp1251.txt", BODY_RU.encode("cp1251"), OK)
    add("mixed_endings.txt", BODY_EN.encode("utf-8"), OK)
    odd = 'we\'ird "name" 🦜 and\nnewline.txt'
    add(odd, BODY_EN.encode("utf-8"), OK)
    add('empty with "quote" 🦜\nnewline.txt', b"   \n", "file is empty")
    return cases


def build_corpus(folder: Path) -> list[NastyCase]:
    """Write the whole corpus into `folder` (created); return its cases in a fixed order."""
    folder.mkdir(parents=True, exist_ok=True)
    cases = _write_small(folder)
    for name, problem in (
        ("image_only.pdf", "PDF has no text layer"),
        ("encrypted.pdf", "PDF is encrypted"),
        ("truncated.pdf", "PDF is damaged or truncated"),
    ):
        target = folder / name
        target.write_bytes((NASTY_DATA / name).read_bytes())
        cases.append(NastyCase(name, target, problem))
    directory = folder / "a_directory.txt"
    directory.mkdir(exist_ok=True)
    cases.append(NastyCase(directory.name, directory, "is a directory, not a file"))
    locked = folder / "no_permission.txt"
    locked.write_text(BODY_EN, encoding="utf-8")
    locked.chmod(0)
    cases.append(NastyCase(locked.name, locked, "no read permission", unreadable=True))
    big = folder / "text_60mb.txt"
    _big_text(big, 60 * 1024 * 1024)
    cases.append(NastyCase(big.name, big, "file is too large (60.0 MB; the limit is 50 MB)"))
    twenty = folder / "text_20mb.txt"
    _big_text(twenty, 20 * 1024 * 1024)
    too_big = "text file is too large (20.0 MB; the limit for text is 16 MB)"
    cases.append(NastyCase(twenty.name, twenty, too_big))
    ten = folder / "text_10mb.txt"
    _big_text(ten, 10 * 1024 * 1024)
    cases.append(NastyCase(ten.name, ten, OK))
    line = folder / "one_line_5mb.txt"
    _one_line(line, 5 * 1024 * 1024)
    cases.append(NastyCase(line.name, line, OK))
    page = folder / "page_5mb.html"
    _big_html(page, 5 * 1024 * 1024)
    cases.append(
        NastyCase(page.name, page, "HTML file is too large (5.0 MB; the limit for HTML is 4 MB)")
    )
    nested = folder / "nested_100k.html"
    _nested_html(nested, 100_000)
    cases.append(NastyCase(nested.name, nested, "no article text found"))
    return cases


def unprivileged(command: list[str]) -> list[str]:
    """`command` run so file permissions apply even as root (util-linux setpriv), as
    tests/core/test_store.py does."""
    if os.geteuid() != 0:
        return command
    import shutil

    setpriv = shutil.which("setpriv")
    assert setpriv, "running as root: util-linux setpriv is needed to drop privileges"
    return [setpriv, "--bounding-set=-dac_override,-dac_read_search,-fowner", *command]
