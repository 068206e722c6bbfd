"""The PySide6 desktop reader: widgets that show what app.core computes (no business logic)."""
