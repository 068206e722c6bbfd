"""The menu bar: every command with its shortcut, wired to the window's public methods."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

if TYPE_CHECKING:
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

    def refresh_articles(self) -> None:
        """Rebuild View → Articles Shown: one checkable entry per open article."""
        self.articles_menu.clear()
        view = self.window.case_view
        docs = view.alignment.documents if view.alignment else []
        shown = set(view.shown_ids())
        for i, doc in enumerate(docs):
            action = self.articles_menu.addAction(doc.outlet or doc.title or doc.source_path)
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


def _action(
    window: MainWindow, menu: QMenu, text: str, shortcut: str | QKeySequence | None
) -> QAction:
    action = QAction(text, window)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    menu.addAction(action)
    return action


def _open_story_map(window: MainWindow) -> None:
    from app.ui.story_map import open_story_map

    open_story_map(window)


def _open_claim_grid(window: MainWindow) -> None:
    from app.ui.claim_grid_view import open_claim_grid

    open_claim_grid(window)


def build_menus(window: MainWindow) -> Actions:
    """Create the File, View and Go menus on `window` and return their actions."""
    bar = window.menuBar()
    file_menu = bar.addMenu("&File")
    open_ = _action(window, file_menu, "&Open Articles…", "Ctrl+O")
    recent = file_menu.addMenu("Open &Recent")
    reopen = _action(window, file_menu, "Reopen &Last Comparison", "Ctrl+Shift+T")
    close_all = _action(window, file_menu, "&Close All Articles", "Ctrl+Shift+W")
    export = _action(window, file_menu, "&Export…", "Ctrl+E")
    file_menu.addSeparator()
    quit_ = _action(window, file_menu, "&Quit", "Ctrl+Q")

    edit_menu = bar.addMenu("&Edit")
    view = bar.addMenu("&View")
    junk = _action(window, view, "Show Removed &Junk", "Ctrl+J")
    junk.setCheckable(True)
    junk.setChecked(window.settings.show_junk)
    sync = _action(window, view, "&Synchronised Scrolling", "Ctrl+L")
    sync.setCheckable(True)
    sync.setChecked(window.settings.sync_scroll)
    articles = view.addMenu("&Articles Shown")
    comparison = window.comparison_dock.toggleViewAction()
    comparison.setText("&Comparison Panel")
    comparison.setShortcut(QKeySequence("F9"))
    view.addAction(comparison)
    story_map = _action(window, view, "Story &Map…", "Ctrl+Shift+M")  # issue 8: story map
    story_map.triggered.connect(lambda: _open_story_map(window))
    claim_grid = _action(window, view, "Claim &Grid…", "Ctrl+Shift+G")  # issue 9: claim grid
    claim_grid.triggered.connect(lambda: _open_claim_grid(window))

    annotate_menu = bar.addMenu("&Annotate")
    go = bar.addMenu("&Go")
    next_ = _action(window, go, "&Next Shared Passage", "F8")
    prev = _action(window, go, "&Previous Shared Passage", "Shift+F8")
    clear = _action(window, go, "Clear &Selection", "Escape")

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
    _connect(actions)
    actions.refresh_recent()
    return actions


def _connect(a: Actions) -> None:
    w = a.window
    a.open.triggered.connect(w.open_dialog)
    a.reopen.triggered.connect(w.reopen_last_case)
    a.close_all.triggered.connect(w.close_all)
    a.quit.triggered.connect(w.close)
    a.show_junk.toggled.connect(w.set_show_junk)
    a.sync_scroll.toggled.connect(w.set_sync_scroll)
    a.next_family.triggered.connect(lambda: w.case_view.step_family(1))
    a.previous_family.triggered.connect(lambda: w.case_view.step_family(-1))
    a.clear_selection.triggered.connect(lambda: w.case_view.select_family(None))
