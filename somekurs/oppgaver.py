"""Oppgavene i arbeidsboka: the Norwegian facade a workbook cell imports.

A cell is one line, ``vis("arkiv-kommentar-forslag")``. This module imports nothing heavy
(no ipywidgets, matplotlib or pandas) until a function is called, so the import is instant.
"""

from __future__ import annotations

from typing import Any

__all__ = ["vis", "vis_tema", "eksporter", "nullstill_alt", "kallenavn"]


def vis(oppgave_id: str) -> Any:
    """Vis én oppgave: levende i JupyterLab, og virker også i den statiske boka."""
    from somekurs.exercises.display import show

    return show(oppgave_id)


def vis_tema(tema: str) -> Any:
    """Vis alle oppgavene i ett tema (for eksempel «arkiv»)."""
    from somekurs.exercises.display import show_theme

    return show_theme(tema)


def eksporter() -> Any:
    """Lagre svarene dine som tekst og regneark i hjemmemappen, og vis hvor de ligger."""
    from somekurs.exercises.display import export

    return export()


def nullstill_alt() -> Any:
    """Slett alle svarene dine (du får et spørsmål først)."""
    from somekurs.exercises.display import reset_everything

    return reset_everything()


def kallenavn(navn: str) -> Any:
    """Velg et kallenavn som står i eksporten (valgfritt; ikke bruk fullt navn hvis du ikke vil)."""
    from somekurs.exercises.display import set_name

    return set_name(navn)
