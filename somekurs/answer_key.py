"""The instructors' answer key (``book/instruktor/fasit.md``), generated from the exercise data.

Written from the same YAML as the exercises and judged by the same rules (``answer_key`` in
``evaluate.py``), so the key can never disagree with what participants are told.
"""

from __future__ import annotations

from typing import Any

from somekurs.exercises.evaluate import answer_key
from somekurs.exercises.html import CONSEQUENCE, KIND_NAMES, LIKELIHOOD
from somekurs.exercises.textcheck import DEFAULT_LIX_MAX, PLATFORM_LIMITS, PLATFORM_NAMES, number

GENERATED_NOTE = "% Generert fra data/exercises/ av somekurs.answer_key. Ikke rediger: endringer skrives over.\n"


def _one_line(text: Any) -> str:
    """Data text on one Markdown line (a line break in YAML would end a list item)."""
    return " ".join(str(text).split())


def _end(text: Any) -> str:
    """One line that ends a sentence once (the data's text may or may not end with a full stop)."""
    line = _one_line(text)
    return line if line.endswith((".", "!", "?", "»", ":")) else line + "."


def _choice(ex: dict[str, Any]) -> list[str]:
    lines = []
    for option in ex["options"]:
        mark = "**Riktig**" if option["correct"] else "Feil"
        lines.append(f"- {mark}: {_end(option['text'])} {_one_line(option['feedback'])}")
    return lines


def _dilemma(ex: dict[str, Any]) -> list[str]:
    return [f"- **Situasjon:** {_one_line(ex['situation'])}", f"- **Forslag:** {_one_line(ex['suggestion'])}",
            f"- **Prinsipp:** {_one_line(ex['principle'])}"]


def _sort(ex: dict[str, Any]) -> list[str]:
    labels = {c["id"]: c["label"] for c in ex["categories"]}
    return [f"- {_one_line(item['text'])} → **{_end(labels[item['category']])}** {_one_line(item['why'])}"
            for item in ex["items"]]


def _checklist(ex: dict[str, Any]) -> list[str]:
    return [f"- {_one_line(c['text'])}: **{'oppfylt' if c['met'] else 'ikke oppfylt'}**. {_one_line(c['why'])}"
            for c in ex["checks"]]


def _textcheck(ex: dict[str, Any]) -> list[str]:
    platform = str(ex["platform"])
    limit = PLATFORM_LIMITS.get(platform, PLATFORM_LIMITS["nettside"])
    kind = "plattformens grense" if limit.rule else "kursets anbefalte lengde"
    lines = [f"- Plattform: {PLATFORM_NAMES.get(platform, platform)} ({kind}: {limit.chars} tegn).",
             f"- LIX høyst {number(ex.get('lix_max', DEFAULT_LIX_MAX))}."]
    if ex.get("needs_image"):
        lines.append("- Innlegget trenger alternativ tekst til bildet.")
    if ex.get("draft"):
        lines.append(f"- Utkastet deltakerne starter med: «{_one_line(ex['draft'])}»")
    lines.append("- Det finnes ingen fasit-tekst: sjekken godtar alle tekster uten «må rettes»-funn.")
    return lines


def _decision(ex: dict[str, Any]) -> list[str]:
    nodes = ex["nodes"]
    lines = []
    name = ex["start"]
    for choice in answer_key(ex):
        option = nodes[name]["options"][choice]
        lines.append(f"- {_one_line(nodes[name]['question'])} → **{_one_line(option['label'])}**")
        name = option["next"]
    goal = nodes[ex["expected"]]
    lines.append(f"- Utfall: **{_end(goal['outcome'])}** {_one_line(goal.get('why', ''))}")
    return lines


def _risk(ex: dict[str, Any]) -> list[str]:
    return [f"- {_one_line(r['text'])}: sannsynlighet **{r['likelihood']}** ({LIKELIHOOD[r['likelihood']]}), "
            f"konsekvens **{r['consequence']}** ({CONSEQUENCE[r['consequence']]}). {_one_line(r['why'])}"
            for r in ex["risks"]]


def _timeline(ex: dict[str, Any]) -> list[str]:
    return [f"{n}. {_one_line(e['when'])}: {_one_line(e['text'])}" for n, e in enumerate(ex["events"], start=1)]


_KEYS = {"choice": _choice, "dilemma": _dilemma, "sort": _sort, "checklist": _checklist, "textcheck": _textcheck,
         "decision": _decision, "risk": _risk, "timeline": _timeline}


def exercise_section(ex: dict[str, Any]) -> str:
    lines = [f"### {_one_line(ex['title'])}", "",
             f"`{ex['id']}` · {KIND_NAMES.get(ex['kind'], ex['kind'])}", ""]
    if ex.get("basis") == "incident" and ex.get("incident"):
        lines += [f"Bygger på hendelsen {{hendelse}}`{ex['incident']}`.", ""]
    else:
        lines += ["Eksempelet er konstruert.", ""]
    lines += _KEYS[ex["kind"]](ex)
    if ex.get("sources"):
        lines += ["", "Kilder: " + ", ".join(f"{{footcite:t}}`{key}`" for key in ex["sources"]) + "."]
    return "\n".join(lines) + "\n"


def answer_key_page(exercises: dict[str, dict[str, Any]], themes: list[dict[str, Any]], chapters: set[str]) -> str:
    """The whole page: a section per theme (book order), the exercises in file order."""
    parts = ["(fasit)=", "# Fasit for instruktører", "", GENERATED_NOTE,
             "Denne siden er for kursholdere. Den viser riktige svar og begrunnelsen for hver oppgave.",
             "Deltakerne ser den samme begrunnelsen når de sjekker svaret sitt.", ""]
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
