"""Small HTML building blocks shared by the kinds' bodies (escaped, accessible, deterministic)."""

from __future__ import annotations

from html import escape


def option_row(input_type: str, name: str, control_id: str, value: str, label: str, extra: str = "", row_id: str = "") -> str:
    """A radio button or checkbox with its own <label>; ``row_id`` marks the row for the
    per-reader shuffle (``data-sk-id``, see ``js/common.js``)."""
    row = f' data-sk-id="{escape(row_id)}"' if row_id else ""
    return (
        f'<div class="sk-valg"{row}><input type="{input_type}" name="{name}" id="{control_id}" value="{escape(value)}"{extra}>'
        f'<label for="{control_id}">{escape(label)}</label></div>'
    )
