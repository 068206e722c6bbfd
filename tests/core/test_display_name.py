"""One name per article everywhere (panels, menus, story map, flags): Document.display_name."""

from __future__ import annotations

from app.core.model import Document


def _doc(outlet: str = "", title: str = "", path: str = "") -> Document:
    return Document("id1234", title, outlet, "", "", "en", path, "text")


def test_the_outlet_comes_first_then_the_title_then_the_file_name_then_the_id() -> None:
    assert _doc("TRT World", "Bases", "/x/a.txt").display_name == "TRT World"
    assert _doc("", "Bases in Asia", "/x/a.txt").display_name == "Bases in Asia"
    assert _doc("", "", "/tmp/cases/a000.txt").display_name == "a000.txt"
    assert _doc().display_name == "id1234"
