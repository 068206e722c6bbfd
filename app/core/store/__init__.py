"""The annotation store: SQLite with WAL, migrations, backups and recovery (DESIGN.md, Storage).

Use `open_store(path)` to get a Repository; a connection belongs to the thread that opened it.
"""

from app.core.store.connection import open_store, resolve_db_path
from app.core.store.reanchor import ReanchorReport, reanchor
from app.core.store.recovery import RecoveryReport
from app.core.store.repository import Repository

__all__ = [
    "ReanchorReport",
    "RecoveryReport",
    "Repository",
    "open_store",
    "reanchor",
    "resolve_db_path",
]
