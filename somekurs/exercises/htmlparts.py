"""Small HTML building blocks shared by the kinds' bodies (escaped, accessible, deterministic)."""

from __future__ import annotations

from html import escape


def option_row(input_type: str, name: str, control_id: str, value: str, label: str, extra: str = "") -> str:
    """A radio button or checkbox with its own <label>."""
    return (
        f'<div class="sk-valg"><input type="{input_type}" name="{name}" id="{control_id}" value="{escape(value)}"{extra}>'
        f'<label for="{control_id}">{escape(label)}</label></div>'
    )
