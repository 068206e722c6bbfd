"""Dialogs of the reader: highlight, contradiction, export."""
