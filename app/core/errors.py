"""Errors the core raises, each carrying a message fit to show a user.

The CLI maps each class to an exit status (see DESIGN.md); the UI turns them into dialogs.
Anything that is not a ParallaxError is a bug and reaches the global handler.
"""

from __future__ import annotations


class ParallaxError(Exception):
    """Base of every error the core raises on purpose. `str(err)` is the user-facing line."""

    exit_code = 1


class InputError(ParallaxError):
    """A file cannot be read or is not a supported article (exit status 3)."""

    exit_code = 3

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


class StoreError(ParallaxError):
    """The annotation store cannot be opened, read or written (exit status 4)."""

    exit_code = 4


class Cancelled(ParallaxError):
    """Long work was stopped by its cancel token; nothing partial is returned."""

    exit_code = 130
