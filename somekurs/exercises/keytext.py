"""Text helpers for the answer-key page (MyST lines built from data text)."""

from __future__ import annotations

from typing import Any


def one_line(text: Any) -> str:
    """Data text on one Markdown line (a line break in YAML would end a list item)."""
    return " ".join(str(text).split())


def end(text: Any) -> str:
    """One line that ends a sentence once (the data's text may or may not end with a full stop)."""
    line = one_line(text)
    return line if line.endswith((".", "!", "?", "»", ":")) else line + "."
