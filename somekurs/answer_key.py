"""The instructors' answer key (``book/instruktor/fasit.md``), generated from the exercise data.

Written from the same YAML as the exercises, by each kind's own ``key_lines`` (the kind's module
in ``somekurs/exercises/kinds/`` holds its judge and its key together), so the key can never
disagree with what participants are told.
"""

from __future__ import annotations

from typing import Any

from somekurs import texts
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


def _say(key: str, lang: str, **values: Any) -> str:
    return texts.say("pages", key, lang, **values)


def exercise_section(ex: dict[str, Any], lang: str = "nb") -> str:
    kind = registry.kinds()[ex["kind"]]
    lines = [f"### {one_line(ex['title'])}", "", f"`{ex['id']}` · {kind.title_in(lang)}", ""]
    if ex.get("basis") == "incident" and ex.get("incident"):
        lines += [_say("key_incident", lang, role=f"{{hendelse}}`{ex['incident']}`"), ""]
    else:
        lines += [_say("key_constructed", lang), ""]
    lines += kind.key_lines(ex, lang)
    if ex.get("sources"):
        lines += ["", _say("key_sources", lang) + ", ".join(_cite(key) for key in ex["sources"]) + "."]
    return "\n".join(lines) + "\n"


def answer_key_page(
    exercises: dict[str, dict[str, Any]], themes: list[dict[str, Any]], chapters: set[str], lang: str = "nb"
) -> str:
    """The whole page: a section per theme (book order), the exercises in file order."""
    parts = [
        "(fasit)=",
        f"# {_say('key_title', lang)}",
        "",
        GENERATED_NOTE,
        _say("key_intro", lang),
        _say("key_intro_2", lang),
        "",
    ]
    if not exercises:
        parts.append(_say("key_none", lang) + "\n")
    for theme in themes:
        mine = [e for e in exercises.values() if e["theme"] == theme["slug"]]
        if not mine:
            continue
        parts.append(f"## {theme['title']}\n")
        if theme["slug"] in chapters:
            parts.append(_say("key_chapter", lang, role=f"{{ref}}`kap-{theme['slug']}`") + "\n")
        parts += [exercise_section(e, lang) for e in mine]
    if any(e.get("sources") for e in exercises.values()):
        # Footnote citations, as in the chapters: a key may then appear on many pages without
        # sphinxcontrib-bibtex's «duplicate citation» warning.
        parts += [f"## {_say('sources', lang)}", "", "```{footbibliography}", "```", ""]
    return "\n".join(parts).rstrip() + "\n"
