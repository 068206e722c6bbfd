"""The menu bar: every command with its shortcut, wired to the window's public methods."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from app.ui.menu_actions import menu_action, panel_toggle, toggle_action

if TYPE_CHECKING:
    from app.ui.find_bar import FindBar
    from app.ui.main_window import MainWindow


@dataclass
class Actions:
    """The window's actions, kept so tests and the second UI engineer can reach them."""

    window: MainWindow
    open: QAction
    recent_menu: QMenu
    articles_menu: QMenu
    reopen: QAction
    close_all: QAction
    quit: QAction
    show_junk: QAction
    sync_scroll: QAction
    show_comparison: QAction
    next_family: QAction
    previous_family: QAction
    clear_selection: QAction
    export: QAction | None = None
    edit_menu: QMenu | None = None  # filled by the annotation session (undo/redo)
    annotate_menu: QMenu | None = None
    find: QAction | None = None  # Edit → Find… (`add_find_actions`)

    def refresh_articles(self) -> None:
        """Rebuild View → Articles Shown: one checkable entry per open article."""
        self.articles_menu.clear()
        view = self.window.case_view
        docs = view.alignment.documents if view.alignment else []
        shown = set(view.shown_ids())
        for i, doc in enumerate(docs):
            action = self.articles_menu.addAction(doc.display_name)
            action.setCheckable(True)
            action.setChecked(doc.id in shown)
            if i < 9:
                action.setShortcut(QKeySequence(f"Ctrl+Alt+{i + 1}"))
            action.toggled.connect(lambda on, d=doc.id: self._on_article_toggled(d, on))
        self.articles_menu.setEnabled(bool(docs))

    def _on_article_toggled(self, doc_id: str, on: bool) -> None:
        view = self.window.case_view
        docs = view.alignment.documents if view.alignment else []
        shown = set(view.shown_ids()) | {doc_id} if on else set(view.shown_ids()) - {doc_id}
        self.window.set_shown_documents([d.id for d in docs if d.id in shown])

    def refresh_recent(self) -> None:
        """Rebuild File → Open Recent from the settings."""
        self.recent_menu.clear()
        for path in self.window.settings.recent_files:
            action = self.recent_menu.addAction(Path(path).name)
            action.setToolTip(path)
            action.triggered.connect(
                lambda _c=False, p=path: self.window.open_files([p], replace=False)
            )
        self.recent_menu.setEnabled(bool(self.window.settings.recent_files))


def _open_story_map(window: MainWindow) -> None:
    from app.ui.story_map import open_story_map

    open_story_map(window)


def _open_claim_grid(window: MainWindow) -> None:
    from app.ui.claim_grid_view import open_claim_grid

    open_claim_grid(window)


def add_find_actions(actions: Actions, find_bar: FindBar) -> None:
    """Edit → Find…, Find Next, Find Previous, after Undo/Redo (call once those are in)."""
    w, menu = actions.window, actions.edit_menu
    assert menu is not None
    menu.addSeparator()
    actions.find = menu_action(w, menu, "&Find…", QKeySequence.StandardKey.Find, find_bar.open_bar)
    # F3 spelled out: the platform's FindPrevious includes Ctrl+Shift+G, the claim grid's key.
    menu_action(w, menu, "Find &Next", "F3", find_bar.find_next)
    menu_action(w, menu, "Find Pre&vious", "Shift+F3", find_bar.find_previous)


def build_menus(window: MainWindow) -> Actions:
    """Create the File, View and Go menus on `window` and return their actions."""
    w = window
    bar = w.menuBar()
    file_menu = bar.addMenu("&File")
    open_ = menu_action(w, file_menu, "&Open Articles…", "Ctrl+O", w.open_dialog)
    recent = file_menu.addMenu("Open &Recent")
    reopen = menu_action(
        w, file_menu, "Reopen &Last Comparison", "Ctrl+Shift+T", w.reopen_last_case
    )
    close_all = menu_action(w, file_menu, "&Close All Articles", "Ctrl+Shift+W", w.close_all)
    export = menu_action(w, file_menu, "&Export…", "Ctrl+E")  # the annotation session runs it
    file_menu.addSeparator()
    quit_ = menu_action(w, file_menu, "&Quit", "Ctrl+Q", w.close)

    edit_menu = bar.addMenu("&Edit")
    view = bar.addMenu("&View")
    junk = toggle_action(
        w, view, "Show Removed &Junk", "Ctrl+J", w.settings.show_junk, w.set_show_junk
    )
    sync = toggle_action(
        w, view, "&Synchronised Scrolling", "Ctrl+L", w.settings.sync_scroll, w.set_sync_scroll
    )
    articles = view.addMenu("&Articles Shown")
    comparison = panel_toggle(w.comparison_dock, view, "&Comparison Panel", "F9")
    # issue 8: story map; issue 9: claim grid
    menu_action(w, view, "Story &Map…", "Ctrl+Shift+M", lambda: _open_story_map(w))
    menu_action(w, view, "Claim &Grid…", "Ctrl+Shift+G", lambda: _open_claim_grid(w))

    annotate_menu = bar.addMenu("&Annotate")
    go = bar.addMenu("&Go")
    next_ = menu_action(w, go, "&Next Shared Passage", "F8", lambda: w.case_view.step_family(1))
    prev = menu_action(
        w, go, "&Previous Shared Passage", "Shift+F8", lambda: w.case_view.step_family(-1)
    )
    clear = menu_action(
        w, go, "Clear &Selection", "Escape", lambda: w.case_view.select_family(None)
    )

    actions = Actions(
        window,
        open_,
        recent,
        articles,
        reopen,
        close_all,
        quit_,
        junk,
        sync,
        comparison,
        next_,
        prev,
        clear,
        export,
        edit_menu,
        annotate_menu,
    )
    actions.refresh_recent()
    return actions
