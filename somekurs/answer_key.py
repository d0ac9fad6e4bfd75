"""The instructors' answer key (``book/instruktor/fasit.md``), generated from the exercise data.

Written from the same YAML as the exercises, by each kind's own ``key_lines`` (the kind's module
in ``somekurs/exercises/kinds/`` holds its judge and its key together), so the key can never
disagree with what participants are told.
"""

from __future__ import annotations

from typing import Any

from somekurs.exercises import registry
from somekurs.exercises.keytext import one_line
from somekurs.exercises.sources import bibliography, describe

GENERATED_NOTE = "% Generert fra data/exercises/ av somekurs.answer_key. Ikke rediger: endringer skrives over.\n"


def _cite(key: str) -> str:
    """A bibliography key as a footnote citation; an incident's own source (not in the .bib files,
    which sphinxcontrib-bibtex would refuse) as a link with its publisher."""
    if key in bibliography():
        return f"{{footcite:t}}`{key}`"
    (source,) = describe([key])
    text = (
        one_line(f"{source.title} ({source.publisher})" if source.publisher else source.title)
        .replace("[", "\\[")
        .replace("]", "\\]")
    )
    return f"[{text}]({source.url})" if source.url.startswith(("https://", "http://")) else text


def exercise_section(ex: dict[str, Any]) -> str:
    kind = registry.kinds()[ex["kind"]]
    lines = [f"### {one_line(ex['title'])}", "", f"`{ex['id']}` · {kind.title_in()}", ""]
    if ex.get("basis") == "incident" and ex.get("incident"):
        lines += [f"Bygger på hendelsen {{hendelse}}`{ex['incident']}`.", ""]
    else:
        lines += ["Eksempelet er konstruert.", ""]
    lines += kind.key_lines(ex)
    if ex.get("sources"):
        lines += ["", "Kilder: " + ", ".join(_cite(key) for key in ex["sources"]) + "."]
    return "\n".join(lines) + "\n"


def answer_key_page(exercises: dict[str, dict[str, Any]], themes: list[dict[str, Any]], chapters: set[str]) -> str:
    """The whole page: a section per theme (book order), the exercises in file order."""
    parts = [
        "(fasit)=",
        "# Fasit for instruktører",
        "",
        GENERATED_NOTE,
        "Denne siden er for kursholdere. Den viser riktige svar og begrunnelsen for hver oppgave.",
        "Deltakerne ser den samme begrunnelsen når de sjekker svaret sitt.",
        "",
    ]
    if not exercises:
        parts.append("Det finnes ingen oppgaver ennå.\n")
    for theme in themes:
        mine = [e for e in exercises.values() if e["theme"] == theme["slug"]]
        if not mine:
            continue
        parts.append(f"## {theme['title']}\n")
        if theme["slug"] in chapters:
            parts.append(f"Kapittel: {{ref}}`kap-{theme['slug']}`.\n")
        parts += [exercise_section(e) for e in mine]
    if any(e.get("sources") for e in exercises.values()):
        # Footnote citations, as in the chapters: a key may then appear on many pages without
        # sphinxcontrib-bibtex's «duplicate citation» warning.
        parts += ["## Kilder", "", "```{footbibliography}", "```", ""]
    return "\n".join(parts).rstrip() + "\n"
