"""File → Export…: choose a folder, export in the background with progress and cancel.

`export_alignment` always writes all three outputs (one annotated PDF per article, report.pdf,
annotations.json); the dialog says so rather than offering choices it could not honour.
When done it lists what was written and offers to open the folder.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.counts import plural
from app.core.errors import Cancelled, ParallaxError
from app.core.export import ExportSummary, article_names, export_alignment
from app.core.model import Alignment
from app.core.progress import CancelToken, ProgressFn
from app.ui.workers import BackgroundOp

WHAT_IS_WRITTEN = (
    "Parallax writes, into the folder you choose:<ul>"
    "<li>one PDF per article with your highlights and notes,</li>"
    "<li><b>report.pdf</b>: the comparison, flags and contradictions,</li>"
    "<li><b>annotations.json</b>: your highlights as W3C Web Annotations.</li></ul>"
    "All three are always written together."
)


class ExportDialog(QDialog):
    """Runs `export_alignment` for the open comparison into a folder the user picks."""

    export_finished = Signal(object)  # ExportSummary
    export_failed = Signal(str)

    def __init__(
        self,
        alignment: Alignment,
        folder: str,
        db_path: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export")
        self.setMinimumWidth(520)
        self.alignment = alignment
        self.db_path = db_path
        self.op: BackgroundOp | None = None
        self.summary: ExportSummary | None = None
        self.folder = QLineEdit(folder, self)
        self.browse = QPushButton("Choose…", self)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 1000)
        self.progress.hide()
        self.status = QLabel("", self)
        self.status.setWordWrap(True)
        self.export_button = QPushButton("Export", self)
        self.export_button.setDefault(True)
        self.open_button = QPushButton("Open Folder", self)
        self.open_button.hide()
        self.close_button = QPushButton("Cancel", self)
        self._layout()
        self._connect_signals()

    def _layout(self) -> None:
        folder_row = QHBoxLayout()
        folder_row.addWidget(QLabel("Folder:", self))
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(self.browse)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(folder_row)
        layout.addWidget(QLabel(WHAT_IS_WRITTEN, self))
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addLayout(buttons)

    def _connect_signals(self) -> None:
        self.browse.clicked.connect(self._on_browse_clicked)
        self.export_button.clicked.connect(self.start_export)
        self.open_button.clicked.connect(self._on_open_button_clicked)
        self.close_button.clicked.connect(self._on_close_button_clicked)

    def _on_browse_clicked(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, "Export to folder", self.folder.text())
        if chosen:
            self.folder.setText(chosen)

    def start_export(self) -> None:
        """Export into the folder in the background (PDF writing never blocks the window)."""
        out = self.folder.text().strip()
        if not out:
            self.status.setText("Choose a folder first.")
            return
        docs = self.alignment.documents
        names = article_names([d.source_path or f"{d.outlet or 'article'}.txt" for d in docs])
        work = partial(_run_export, self.alignment, names, out, self.db_path)
        self.op = BackgroundOp(work, self)
        self.op.progressed.connect(self._on_op_progressed)
        self.op.finished.connect(self._on_op_finished)
        self.op.failed.connect(self._on_op_failed)
        self.export_button.setEnabled(False)
        self.open_button.hide()
        self.progress.setValue(0)
        self.progress.show()
        self.status.setText("Exporting…")
        self.op.start()

    def _on_op_progressed(self, fraction: float, label: str) -> None:
        self.progress.setValue(int(fraction * 1000))
        if label:
            self.status.setText(label)

    def _on_op_finished(self, result: object) -> None:
        assert isinstance(result, ExportSummary)
        self.summary = result
        self.progress.hide()
        self.export_button.setEnabled(True)
        self.export_button.setText("Export Again")
        self.open_button.show()
        self.close_button.setText("Close")
        self.status.setText(summary_text(result))
        self.export_finished.emit(result)

    def _on_op_failed(self, exc: object) -> None:
        self.progress.hide()
        self.export_button.setEnabled(True)
        if isinstance(exc, Cancelled):
            message = "Export cancelled."
        elif isinstance(exc, ParallaxError):
            message = f"Export failed: {exc}"
        else:
            message = f"Export failed unexpectedly: {exc!r}"
        self.status.setText(message)
        self.export_failed.emit(message)

    def _on_open_button_clicked(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(self.folder.text().strip()))

    def _on_close_button_clicked(self) -> None:
        if self.op is not None and self.op.running:
            self.op.cancel()  # arrives as `failed` with Cancelled; the dialog stays open
            self.status.setText("Cancelling…")
            return
        self.accept()


def _run_export(
    alignment: Alignment,
    names: list[str],
    out: str,
    db_path: str | None,
    progress: ProgressFn,
    cancel: CancelToken,
) -> ExportSummary:
    """The worker side: the core export, which opens its own store connection."""
    return export_alignment(alignment, names, out, db_path, progress=progress, cancel=cancel)


def summary_text(summary: ExportSummary) -> str:
    """'Wrote 5 article PDFs, report.pdf, annotations.json (1 highlight, …) to DIR.'"""
    parts = [plural(len(summary.articles), "article PDF")]
    parts += [p.name for p in (summary.report, summary.annotations) if p is not None]
    text = f"Wrote {', '.join(parts)} ({summary.counts_text()}) to {Path(summary.out_dir)}."
    if summary.notes:
        text += "\n" + "\n".join(f"• {n}" for n in summary.notes[:5])
    return text
