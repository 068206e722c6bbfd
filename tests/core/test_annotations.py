"""Undoable annotation commands: apply, revert, apply again restore exact store states."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from app.core.annotations import (
    AddContradiction,
    AddHighlight,
    Command,
    DismissFlag,
    EditContradiction,
    EditHighlight,
    RemoveContradiction,
    RemoveHighlight,
    UndismissFlag,
    anchor_fields,
    colour_for,
    new_contradiction,
    new_dismissed_flag,
    new_highlight,
)
from app.core.errors import StoreError
from app.core.store import Repository
from app.core.thresholds import HIGHLIGHT_COLOURS, HIGHLIGHT_DEFAULT_COLOUR

from .store_fixtures import add_quote, dump_state, make_doc, store_at

TEXT = "The minister said 40 people were hurt. Police said 45 were hurt in the blast."
DOC = make_doc(TEXT)


@pytest.fixture
def repo(tmp_path: Path) -> Iterator[Repository]:
    """A store holding DOC, two highlights (A: "40 people", B: "45"), one link, one dismissal."""
    store = store_at(tmp_path)
    a = add_quote(store, DOC, "40 people", note="first count")
    b = add_quote(store, DOC, "45", kind="evidence")
    store.insert_contradiction(new_contradiction(a.id, b.id, note="counts differ"))
    store.dismiss_flag(new_dismissed_flag("number", DOC.id, "40", DOC.id, "45"))
    yield store
    store.close()


def _ids(repo: Repository) -> tuple[str, str, str]:
    a, b = repo.list_highlights()
    return a.id, b.id, repo.list_contradictions()[0].id


def _flag_key(repo: Repository) -> str:
    return repo.list_dismissed()[0].key


COMMANDS: dict[str, Callable[[Repository], Command]] = {
    "add highlight": lambda r: AddHighlight(new_highlight(DOC.id, TEXT, 39, 45, "question")),
    "edit highlight": lambda r: EditHighlight(_ids(r)[0], kind="evidence", note="changed"),
    "remove highlight": lambda r: RemoveHighlight(_ids(r)[0]),
    "add contradiction": lambda r: AddContradiction(new_contradiction(_ids(r)[1], _ids(r)[0])),
    "edit contradiction": lambda r: EditContradiction(_ids(r)[2], note="new note", kind="date"),
    "remove contradiction": lambda r: RemoveContradiction(_ids(r)[2]),
    "dismiss flag": lambda r: DismissFlag(new_dismissed_flag("place", DOC.id, "Kabul", "x", "y")),
    "undismiss flag": lambda r: UndismissFlag(_flag_key(r)),
}


@pytest.mark.parametrize("name", list(COMMANDS))
def test_apply_revert_apply_restores_exact_states(repo: Repository, name: str) -> None:
    command = COMMANDS[name](repo)
    before = dump_state(repo.path)
    command.apply(repo)
    after = dump_state(repo.path)  # a fresh connection: the change is committed
    assert after != before
    command.revert(repo)
    assert dump_state(repo.path) == before
    command.apply(repo)
    assert dump_state(repo.path) == after
    command.revert(repo)
    assert dump_state(repo.path) == before
    assert command.text


def test_remove_highlight_takes_its_links_and_undo_brings_them_back(repo: Repository) -> None:
    a_id, b_id, link_id = _ids(repo)
    command = RemoveHighlight(b_id)
    command.apply(repo)
    assert repo.get_highlight(b_id) is None and repo.get_contradiction(link_id) is None
    assert repo.get_highlight(a_id) is not None
    command.revert(repo)
    restored = repo.get_contradiction(link_id)
    assert restored is not None and (restored.a, restored.b) == (a_id, b_id)


def test_edit_kind_recolours_but_keeps_a_custom_colour(repo: Repository) -> None:
    a_id = _ids(repo)[0]
    EditHighlight(a_id, kind="question").apply(repo)
    edited = repo.get_highlight(a_id)
    assert edited is not None and edited.colour == HIGHLIGHT_COLOURS["question"]
    assert edited.note == "first count"  # untouched fields stay
    assert edited.modified > edited.created
    EditHighlight(a_id, colour="#123456").apply(repo)
    EditHighlight(a_id, note="only the note").apply(repo)
    final = repo.get_highlight(a_id)
    assert final is not None and (final.colour, final.kind) == ("#123456", "question")


def test_custom_kind_gets_the_default_colour() -> None:
    assert colour_for("my-own-kind") == HIGHLIGHT_DEFAULT_COLOUR
    h = new_highlight(DOC.id, TEXT, 0, 3, kind="my-own-kind")
    assert h.colour == HIGHLIGHT_DEFAULT_COLOUR and h.exact == "The"


def test_new_highlight_holds_its_anchor_and_anchor_fields_undo_it() -> None:
    start = TEXT.index("45")
    h = new_highlight(DOC.id, TEXT, start, start + 2)
    assert (h.exact, h.start, h.end) == ("45", start, start + 2)
    assert h.prefix and TEXT[:start].endswith(h.prefix)
    assert h.suffix and TEXT[start + 2 :].startswith(h.suffix)
    assert anchor_fields(h.anchor) == {
        "exact": h.exact, "prefix": h.prefix, "suffix": h.suffix, "start": h.start, "end": h.end,
    }  # fmt: skip


def test_link_to_unknown_highlight_is_refused_and_stores_nothing(repo: Repository) -> None:
    a_id = _ids(repo)[0]
    with pytest.raises(StoreError, match="unknown highlight nope"):
        AddContradiction(new_contradiction(a_id, "nope")).apply(repo)
    assert repo.counts() == (2, 1)


def test_dismissal_key_does_not_depend_on_side_order() -> None:
    one = new_dismissed_flag("number", "docA", "40", "docB", "45")
    other = new_dismissed_flag("number", "docB", "45", "docA", "40")
    assert one.key == other.key
    assert one.key != new_dismissed_flag("date", "docA", "40", "docB", "45").key
    assert one.key != new_dismissed_flag("number", "docA", "41", "docB", "45").key
