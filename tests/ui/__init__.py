"""UI tests (pytest-qt)."""
