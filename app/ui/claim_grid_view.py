"""The claim grid window: one row per passage family, one column per article.

Each cell is that article's version of the passage with its changes against the row's reference
version marked (the comparison panel's colours) and flagged values in bold red; the grid itself
is computed in core (`app.core.claim_grid`). Rows start sorted most divergent first; clicking
the "Passage" header reverses that, clicking an article's header sorts by how far that
article's version strays from the reference. Double-clicking a cell selects its passage in the
main window (the comparison panel then shows every version in full, relative to that cell).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QPainter, QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QLabel,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.core.claim_grid import ClaimCell, ClaimGrid, ClaimRow, build_claim_grid, sort_rows
from app.core.model import Alignment, Flag, Span
from app.core.progress import CancelToken, ProgressFn
from app.core.thresholds import (
    CLAIM_GRID_ABSENT_BG,
    CLAIM_GRID_FLAG_COLOUR,
    CLAIM_GRID_REFERENCE_BG,
)
from app.ui.claim_grid_html import STYLE, cell_html, cell_tooltip, row_head_html
from app.ui.workers import BackgroundOp

if TYPE_CHECKING:
    from app.ui.main_window import MainWindow

AnyIndex = QModelIndex | QPersistentModelIndex
HTML_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_HEIGHT = 150  # pixels: rows of a large grid (no per-row fit, see FIT_ROWS_MAX_CELLS)
MAX_ROW_HEIGHT = 320  # a fitted row never grows past this; longer versions are cut
# Fitting every row to its text lays out each cell's rich text once: fine for a few thousand
# cells, seconds for a case of 100 articles and 1,000 passages, which keep ROW_HEIGHT instead.
FIT_ROWS_MAX_CELLS = 4000


class ClaimGridModel(QAbstractTableModel):
    """The grid as a read-only table: column 0 the passage summary, then one per article."""

    def __init__(self, grid: ClaimGrid, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.grid = grid
        self.order = sort_rows(grid, "divergence")

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.order)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 1 + len(self.grid.documents)

    def row(self, view_row: int) -> ClaimRow:
        """The grid row shown at `view_row`."""
        return self.grid.rows[self.order[view_row]]

    def cell(self, index: AnyIndex) -> ClaimCell | None:
        """The cell at `index` (None for the passage column or an article without a version)."""
        return self.row(index.row()).cells[index.column() - 1] if index.column() > 0 else None

    def target(self, index: AnyIndex) -> tuple[int, Span | None]:
        """The family shown at `index` and the span to compare against (the cell's, if any)."""
        row = self.row(index.row())
        cell = self.cell(index) or row.cells[row.reference]
        return row.family, cell.span if cell is not None else None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, cell = self.row(index.row()), self.cell(index)
        if role == HTML_ROLE:
            if index.column() == 0:
                return row_head_html(row, len(self.grid.documents))
            return cell_html(self.grid, row, cell)
        if role == Qt.ItemDataRole.DisplayRole:  # plain text, for accessibility and tests
            if index.column() == 0:
                return f"Family {row.family + 1} · divergence {row.divergence:.0f}"
            return self.grid.text(cell.span) if cell is not None else ""
        if role == Qt.ItemDataRole.ToolTipRole and index.column() > 0:
            return cell_tooltip(self.grid, cell)
        if role == Qt.ItemDataRole.BackgroundRole and index.column() > 0:
            if cell is None:
                return QColor(CLAIM_GRID_ABSENT_BG)
            return QColor(CLAIM_GRID_REFERENCE_BG) if cell.is_reference else None
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1) if role == Qt.ItemDataRole.DisplayRole else None
        if section == 0:
            tip = "Sorted by divergence: how much the outlets' versions differ. Click to reverse."
            return {Qt.ItemDataRole.DisplayRole: "Passage", Qt.ItemDataRole.ToolTipRole: tip}.get(
                Qt.ItemDataRole(role)
            )
        doc = self.grid.documents[section - 1]
        label = f"{section}. {doc.display_name}"
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{label}\n{doc.date}" if doc.date else label
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{doc.title}\nClick to sort by how far this version strays from the reference."
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Column 0: by divergence; an article's column: by its similarity (absent rows last)."""
        self.layoutAboutToBeChanged.emit()
        descending = order == Qt.SortOrder.DescendingOrder
        if column <= 0:
            self.order = sort_rows(self.grid, "divergence", descending)
        else:
            self.order = _by_similarity(self.grid, column - 1, descending)
        self.layoutChanged.emit()


def _by_similarity(grid: ClaimGrid, col: int, descending: bool) -> list[int]:
    """Rows by the similarity of column `col`'s version (ascending: most changed first)."""
    present = [k for k in range(len(grid.rows)) if grid.rows[k].cells[col] is not None]
    absent = [k for k in range(len(grid.rows)) if grid.rows[k].cells[col] is None]

    def similarity(k: int) -> float:
        cell = grid.rows[k].cells[col]
        return cell.similarity if cell is not None else 0.0

    return sorted(present, key=similarity, reverse=descending) + absent


class HtmlDelegate(QStyledItemDelegate):
    """Paints a cell's HTML_ROLE rich text, wrapped to the column width and clipped to the row."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        self.initStyleOption(option, index)
        style = option.widget.style() if option.widget else None
        option.text = ""
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        rect = option.rect
        doc = self._document(option, index, rect.width())
        painter.save()
        painter.translate(rect.topLeft())
        painter.setClipRect(0, 0, rect.width(), rect.height())
        doc.drawContents(painter)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        view = self.parent()
        width = view.columnWidth(index.column()) if isinstance(view, QTableView) else 260
        height = self._document(option, index, width).size().height()
        return QSize(width, min(MAX_ROW_HEIGHT, int(height) + 2))

    @staticmethod
    def _document(option: QStyleOptionViewItem, index: AnyIndex, width: int) -> QTextDocument:
        doc = QTextDocument()
        doc.setDefaultFont(option.font)
        doc.setDocumentMargin(4)
        doc.setHtml(str(index.data(HTML_ROLE) or ""))
        doc.setTextWidth(width)
        return doc


class ClaimGridWindow(QDialog):
    """A non-modal window with the grid; a double-click emits `family_activated(family, span)`."""

    family_activated = Signal(int, object)  # family index, the double-clicked cell's Span

    LEGEND = (
        "Each row is a passage several articles share; each column an article. Changes are "
        "marked against the row's <i>reference version</i> (tinted: the earliest article's): "
        f"<span style='{STYLE['insert']}'>only in this version</span> · "
        f"<span style='{STYLE['delete']}'>left out of it</span> · "
        f"<span style='{STYLE['replace']}'>worded differently</span> · "
        f"<b style='color:{CLAIM_GRID_FLAG_COLOUR}'>likely contradiction</b>. Most divergent "
        "passages first; click a header to sort, double-click a cell to open the passage."
    )

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ClaimGridWindow")
        self.setWindowTitle("Claim Grid")
        self.resize(1280, 760)
        self.model: ClaimGridModel | None = None
        self.op: BackgroundOp | None = None
        self.alignment: Alignment | None = None  # the comparison the grid shows
        self.legend = QLabel(self.LEGEND)
        self.legend.setWordWrap(True)
        self.status = QLabel()
        self.table = QTableView()
        self.table.setItemDelegate(HtmlDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setDefaultSectionSize(ROW_HEIGHT)
        self.table.horizontalHeader().setDefaultSectionSize(260)
        layout = QVBoxLayout(self)
        layout.addWidget(self.legend)
        layout.addWidget(self.status)
        layout.addWidget(self.table, 1)
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.table.doubleClicked.connect(self._on_table_double_clicked)

    def set_grid(self, grid: ClaimGrid) -> None:
        """Show `grid`, most divergent passage first."""
        if self.model is not None:
            self.model.deleteLater()  # the previous comparison's grid
        self.model = ClaimGridModel(grid, self.table)
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.table.setColumnWidth(0, 130)
        self.model.layoutChanged.connect(self._fit_rows)  # heights follow rows when re-sorted
        self._fit_rows()
        rows, docs = len(grid.rows), len(grid.documents)
        flagged = sum(bool(r.flags) for r in grid.rows)
        self.status.setText(
            f"{rows} shared passage{'s' * (rows != 1)} across {docs} articles; "
            f"{flagged} with flagged facts."
            if rows
            else "No passages are shared between these articles."
        )

    def _fit_rows(self) -> None:
        grid = self.model.grid if self.model is not None else None
        if grid is not None and len(grid.rows) * (1 + len(grid.documents)) <= FIT_ROWS_MAX_CELLS:
            self.table.resizeRowsToContents()

    def build(self, alignment: Alignment, flags: list[Flag] | None) -> None:
        """Build the grid of `alignment` in the background (finding its flags first if None)."""
        if self.op is not None and self.op.running:
            self.op.cancel()
        self.alignment = alignment
        if not alignment.documents:
            self.clear("No articles are open: open some to see what they share.")
            return
        self.status.setText("Building the claim grid…")
        op = BackgroundOp(lambda p, c: _grid_job(alignment, flags, p, c), self)
        op.finished.connect(lambda result: self._on_op_finished(op, result))
        op.failed.connect(self._on_op_failed)
        self.op = op
        op.start()

    def clear(self, message: str) -> None:
        """Show no grid, only `message` (the comparison it showed is gone)."""
        if self.model is not None:
            self.table.setModel(None)
            self.model.deleteLater()
            self.model = None
        self.status.setText(message)

    def _on_op_finished(self, op: BackgroundOp, result: object) -> None:
        if isinstance(result, ClaimGrid) and op is self.op:  # not a grid of a replaced case
            self.set_grid(result)

    def _on_op_failed(self, exc: object) -> None:
        self.status.setText(f"Could not build the claim grid: {exc}")

    def _on_table_double_clicked(self, index: QModelIndex) -> None:
        if self.model is None or not index.isValid():
            return
        family, span = self.model.target(index)
        self.family_activated.emit(family, span)


def _grid_job(
    alignment: Alignment, flags: list[Flag] | None, _progress: ProgressFn, _cancel: CancelToken
) -> ClaimGrid:
    if flags is None:
        from app.core.flags import find_flags

        flags = find_flags(alignment)
    return build_claim_grid(alignment, flags)


def _known_flags(window: MainWindow, alignment: Alignment) -> list[Flag] | None:
    """The flags the flags panel already found for `alignment`, or None (then they are computed)."""
    controller = getattr(getattr(window, "annotations", None), "flags", None)
    if controller is not None and controller.alignment is alignment and controller.flags:
        return list(controller.flags)
    return None


def open_claim_grid(window: MainWindow) -> ClaimGridWindow:
    """Show (or raise) the claim grid of the window's current comparison."""
    alignment = window.case_view.alignment or Alignment([], {}, [], [])
    grid_window: ClaimGridWindow | None = getattr(window, "_claim_grid", None)
    if grid_window is None:
        grid_window = ClaimGridWindow(window)
        grid_window.family_activated.connect(
            lambda family, span: _select_family(window, grid_window, family, span)
        )
        # A grid of a comparison that was closed or replaced would open the wrong passages.
        window.case_view.panes_rebuilt.connect(lambda: _follow_case(window, grid_window))
        window._claim_grid = grid_window  # type: ignore[attr-defined]
    grid_window.build(alignment, _known_flags(window, alignment))
    grid_window.show()
    grid_window.raise_()
    return grid_window


def _follow_case(window: MainWindow, grid_window: ClaimGridWindow) -> None:
    """Rebuild the grid when the window shows another comparison (or none) than it was built
    for; showing other articles of the same comparison changes nothing."""
    alignment = window.case_view.alignment or Alignment([], {}, [], [])
    if alignment is grid_window.alignment:
        return
    if grid_window.isVisible():
        grid_window.build(alignment, _known_flags(window, alignment))
    else:
        grid_window.alignment = alignment
        grid_window.clear("")  # rebuilt when opened again


def _select_family(
    window: MainWindow, grid_window: ClaimGridWindow, family: int, span: Span | None
) -> None:
    if grid_window.alignment is not window.case_view.alignment:
        return  # the grid is being rebuilt for the comparison now shown
    window.case_view.select_family(family, span)
    window.raise_()
    window.activateWindow()
