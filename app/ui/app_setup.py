"""Create the QApplication once: name, icon, fonts, style sheet, global error handler."""

from __future__ import annotations

from PySide6.QtGui import QFont, QIcon
from PySide6.QtWidgets import QApplication

from app.ui.error_dialogs import install_global_handler


def create_application() -> QApplication:
    """The running QApplication (created if needed), styled and with the error handler."""
    from app.core.align.parallel import forbid_fork
    from app.ui.launch import resources_dir

    forbid_fork()  # Qt's own threads are invisible to the aligner's check (parallel.py)
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication([])
    app.setApplicationName("Parallax")
    app.setOrganizationName("Parallax")
    res = resources_dir()
    icon = res / "parallax.svg"
    if icon.is_file():
        app.setWindowIcon(QIcon(str(icon)))
    font = QFont("DejaVu Sans")
    font.setPointSizeF(10.0)
    app.setFont(font)
    qss = res / "parallax.qss"
    if qss.is_file():
        app.setStyleSheet(qss.read_text(encoding="utf-8"))
    install_global_handler()
    return app
