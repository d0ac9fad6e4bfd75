"""Oppgavene i arbeidsboka: the Norwegian facade a workbook cell imports.

A cell is one line, ``vis("arkiv-kommentar-forslag", maal="nb")``. ``maal`` is the written
standard, ``"nb"`` (bokmål) or ``"nn"`` (nynorsk): the generated workbooks name it in every
cell, so a cell run alone shows the same whoever runs it; left out, the participant's own choice
applies (``maalform("nn")``, or «Bokmål | Nynorsk» on the start page; before they choose, the
hub's ``SOMEKURS_MAALFORM``, else bokmål). This module imports nothing heavy (no ipywidgets,
matplotlib or pandas) until a function is called, so the import is instant.
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "vis",
    "vis_tema",
    "om_arbeidsboka",
    "eksporter",
    "lever",
    "nullstill_alt",
    "kallenavn",
    "maalform",
    "kursprove",
    "kursbevis",
    "plan",
    "planer",
]


def vis(oppgave_id: str, maal: str | None = None) -> Any:
    """Vis én oppgave: levende i JupyterLab, og virker også i den statiske boka."""
    from somekurs.exercises.display import show

    return show(oppgave_id, maal)


def om_arbeidsboka(tema: str, maal: str | None = None) -> Any:
    """Hvordan arbeidsboka virker, og lenken til kapitlet oppgavene hører til."""
    from somekurs.exercises.display import about

    return about(tema, maal)


def vis_tema(tema: str, maal: str | None = None) -> Any:
    """Vis alle oppgavene i ett tema (for eksempel «arkiv»)."""
    from somekurs.exercises.display import show_theme

    return show_theme(tema, maal)


def eksporter(maal: str | None = None) -> Any:
    """Lagre svarene dine som tekst og regneark i hjemmemappen, og vis hvor de ligger."""
    from somekurs.exercises.display import export

    return export(lang=maal)


def lever(maal: str | None = None) -> Any:
    """Lever svarene til kursholderen: du ser først nøyaktig hva som leveres, og bekrefter det."""
    from somekurs.handin import show

    return show(maal)


def nullstill_alt(maal: str | None = None) -> Any:
    """Slett alle svarene dine (du får et spørsmål først)."""
    from somekurs.exercises.display import reset_everything

    return reset_everything(maal)


def kallenavn(navn: str, maal: str | None = None) -> Any:
    """Velg et kallenavn som står i eksporten (valgfritt; ikke bruk fullt navn hvis du ikke vil)."""
    from somekurs.exercises.display import set_name

    return set_name(navn, maal)


def maalform(maal: str) -> Any:
    """Velg målform: «nb» (bokmål) eller «nn» (nynorsk). Startsiden, meldingene og eksporten følger valget."""
    from somekurs.exercises.display import set_standard

    return set_standard(maal)


def kursprove(tema: str = "hele-kurset") -> Any:
    """Ta kursprøven i ett tema (for eksempel «arkiv»), eller i hele kurset når du ikke skriver noe tema."""
    from somekurs.assessment.widget import show_test

    return show_test(tema)


def kursbevis(navn: str) -> Any:
    """Lag kursbeviset (PDF) med navnet ditt og prøvene du har bestått. Navnet lagres ikke."""
    from somekurs.assessment.widget import show_record

    return show_record(navn)


def plan(dokument: str, maal: str | None = None) -> Any:
    """Fyll ut ett av dokumentene i «Vår plan» (for eksempel «kommentarregler»), sjekk det og last det ned."""
    from somekurs.plan.widget import show

    return show(dokument, maal)


def planer(maal: str | None = None) -> Any:
    """Oversikt over dokumentene i «Vår plan» og hvor langt du har kommet."""
    from somekurs.plan.widget import show_all

    return show_all(maal)
