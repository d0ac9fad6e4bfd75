"""One document of «Vår plan» as the participant has it now, ready for an exporter.

:func:`build` reads the template, the participant's own fields (``store``) and what is carried from
their exercise answers (``carry``), and returns the document as a few kinds of blocks (title,
paragraph, heading, list, table). ``export_md`` and ``export_docx`` write those blocks; the static
book's script builds the same blocks from the same data (``static.page_data``) and writes the same
Markdown, so a document reads the same wherever it was made.

What goes in: the participant's text and choices, and for each field that still shows a carried
answer a note that says so («Hentet fra oppgaven …», so they read it through). What never goes in:
anything of another participant (only this participant's own files are read), their name (unless
they typed it in a field), the course's examples (they are help for filling in, not content).
At the end: the sources the template's reasons rest on, and the course sections that teach them.

``lang`` is the participant's written standard: the template (``model.load_plans(lang=...)``, the
caller passes the template of that standard), the exercises carried from, and every fixed word of
the document (data/texts, section ``plan``) are in it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from somekurs import norwegian, texts
from somekurs.plan import carry, model

# The bokmål words, as constants for code written before the nynorsk edition (read when asked for).
_CONSTANTS = {
    "COURSE": "course",
    "EMPTY": "empty",
    "CARRIED_NOTE": "carried_note",
    "OTHER_TITLE": "other_title",
    "OTHER_INTRO": "other_intro",
}


def __getattr__(name: str) -> str:
    if name in _CONSTANTS:
        return texts.get("plan", _CONSTANTS[name], "nb")
    raise AttributeError(name)


def _say(key: str, lang: str, **values: Any) -> str:
    return texts.say("plan", key, lang, **values)


@dataclass(frozen=True)
class Block:
    """One piece of the document. kind: title, subtitle, h1, h2, para, note, empty, list, table."""

    kind: str
    text: str = ""
    items: tuple[str, ...] = ()
    header: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()
    caption: str = ""


@dataclass
class Document:
    title: str
    agency: str
    made_on: str
    blocks: list[Block] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)

    @property
    def full_title(self) -> str:
        return f"{self.title} – {self.agency}" if self.agency else self.title


def risk_rows(value: Any) -> list[dict[str, Any]]:
    return [row for row in (value or []) if isinstance(row, dict) and model.row_filled({"kind": "risk"}, row)]


def level_word(row: dict[str, Any], lang: str = "nb") -> str:
    """«høy (20)», or «ikke vurdert» when a rating is missing."""
    from somekurs.exercises.kinds.risk import risk_level

    likelihood, consequence = row.get("sannsynlighet"), row.get("konsekvens")
    if not likelihood or not consequence:
        return _say("not_rated", lang)
    return f"{risk_level(likelihood, consequence, lang)[1]} ({likelihood * consequence})"


def field_blocks(one: model.Field, value: Any, lang: str = "nb") -> list[Block]:
    """The field's value as blocks (nothing of the template's example)."""
    kind = one["kind"]
    if model.is_empty(one, value):
        return [Block("empty", _say("empty", lang))]
    if kind in model.TEXT_KINDS:
        return [Block("para", str(value).strip())]
    if kind == "list":
        return [Block("list", items=tuple(v.strip() for v in model.items(one, value)))]
    if kind == "choice":
        return [Block("list", items=tuple(model.option_label(one, v) for v in model.items(one, value)))]
    if kind == "table":
        names = [c["id"] for c in one["columns"]]
        rows = tuple(tuple(" ".join(str(row.get(n) or "").split()) for n in names) for row in model.items(one, value))
        return [Block("table", header=tuple(c["label"] for c in one["columns"]), rows=rows)]
    rows_risk = risk_rows(value)
    table = tuple(
        (
            f"R{n}",
            " ".join(str(row.get("risiko") or "").split()),
            str(row.get("sannsynlighet") or "–"),
            str(row.get("konsekvens") or "–"),
            level_word(row, lang),
            " ".join(str(row.get("tiltak") or "").split()),
        )
        for n, row in enumerate(rows_risk, start=1)
    )
    header = tuple(_say(k, lang) for k in ("head_number", "head_risk", "head_likelihood", "head_consequence", "head_level"))
    return [
        Block("table", header=(*header, _say("head_measure", lang)), rows=table),
        matrix_block(rows_risk, lang),
    ]


def matrix_block(rows: list[dict[str, Any]], lang: str = "nb") -> Block:
    """The risk matrix: consequence 5 to 1 down, likelihood 1 to 5 across; each cell names its level
    and the risks rated there (R1, R2 …)."""
    from somekurs.exercises.kinds.risk import risk_level, scale

    likelihood_words, consequence_words = scale("likelihood", lang), scale("consequence", lang)
    placed: dict[tuple[int, int], list[str]] = {}
    for n, row in enumerate(rows, start=1):
        if row.get("sannsynlighet") and row.get("konsekvens"):
            placed.setdefault((row["sannsynlighet"], row["konsekvens"]), []).append(f"R{n}")
    header = (_say("matrix_corner", lang), *(f"{n} {likelihood_words[n]}" for n in range(1, 6)))
    body = []
    for consequence in range(5, 0, -1):
        cells = [f"{consequence} {consequence_words[consequence]}"]
        for likelihood in range(1, 6):
            word = risk_level(likelihood, consequence, lang)[1]
            names = placed.get((likelihood, consequence), [])
            cells.append(f"{word}: {', '.join(names)}" if names else word)
        body.append(tuple(cells))
    return Block("table", header=header, rows=tuple(body), caption=_say("matrix_caption", lang))


def source_lines(plan: model.Plan, lang: str = "nb") -> list[str]:
    """The sources the template's reasons rest on (in the order they are first cited), then the
    course sections that teach the fields."""
    from somekurs import sections
    from somekurs.exercises.model import theme_title
    from somekurs.exercises.sources import bibliography

    keys: list[str] = []
    labels: list[str] = []
    for one in model.fields(plan):
        keys += [k for k in one.get("sources", []) if k not in keys]
        if one["section"] not in labels:
            labels.append(one["section"])
    known = bibliography()
    notes = _bib_notes()
    lines = []
    for key in keys:
        source = known.get(key)
        if source is None:
            continue
        parts = [source.title]
        publisher = notes.get(key, ("", ""))[0] or source.publisher
        if publisher:
            parts.append(publisher)
        dates = _dates(notes.get(key, ("", ""))[1], lang)
        if dates:
            parts.append(dates)
        text = " ".join(p if p.endswith((".", "?", "!")) else p + "." for p in parts)
        lines.append(f"{text} {source.url}" if source.url else text)
    index = sections.index(lang=lang)
    course = _say("course", lang)
    for label in labels:
        docname, heading = index.get(label, ("", label))
        slug = docname.removeprefix("book/")
        chapter = theme_title(slug, lang=lang)
        if heading and not label.startswith("kap-"):
            lines.append(_say("source_section", lang, course=course, chapter=chapter, heading=heading))
        else:
            lines.append(_say("source_chapter", lang, course=course, chapter=chapter))
    return lines


_PUBLISHED = re.compile(r"\b(Publisert|Oppdatert|Sist oppdatert|Sist endret)\s+(\d{1,2}\.\d{1,2}\.\d{4}|\d{4})")
_READ = re.compile(r"\bLest\s+(\d{1,2}\.\d{1,2}\.\d{4})")


def _dates(note: str, lang: str = "nb") -> str:
    """«Publisert 22.09.2021. Lest 25.11.2026» from a bib note (nothing else of the note; the
    publication words are the source's own, the date it was read is said in ``lang``)."""
    found = []
    published = _PUBLISHED.search(note)
    if published:
        found.append(f"{published.group(1)} {published.group(2)}")
    read = _READ.search(note)
    if read:
        found.append(_say("source_read", lang, date=read.group(1)))
    return ". ".join(found)


def _bib_notes() -> dict[str, tuple[str, str]]:
    """key → (author, note) from data/references/*.bib (the publisher and «Publisert … Lest …»)."""
    from somekurs import references

    return {key: (fields.get("author", ""), fields.get("note", "")) for key, fields in references.entries().items()}


def build(
    plan: model.Plan,
    *,
    progress_state: dict[str, Any] | None = None,
    plan_state: dict[str, Any] | None = None,
    made_on: date | None = None,
    lang: str = "nb",
) -> Document:
    """The document as the participant has it now (their own files, unless states are given), in
    the standard ``lang`` (``plan`` should be that standard's template)."""
    from somekurs.exercises import progress
    from somekurs.plan import store

    progress_state = progress.snapshot() if progress_state is None else progress_state
    plan_state = store.load() if plan_state is None else plan_state
    plans = model.load_plans(lang=lang)[0]
    from somekurs.exercises.model import load_exercises

    exercises = load_exercises(lang=lang)[0]
    made = (made_on or date.today()).isoformat()
    document = Document(plan["title"], store.agency(plan_state), norwegian.date(made))
    blocks = document.blocks
    blocks.append(Block("title", document.full_title))
    blocks.append(Block("para", plan["summary"]))
    blocks.append(Block("note", _say("draft_note", lang, course=_say("course", lang), date=document.made_on, use=plan["use"])))
    for part in plan["parts"]:
        blocks.append(Block("h1", part["title"]))
        for one in part["fields"]:
            shown = carry.value_of(one, plan["id"], progress_state, plan_state, plans, exercises, lang)
            blocks.append(Block("h2", one["label"]))
            blocks += field_blocks(one, shown.value, lang)
            if not shown.own and shown.carried is not None:
                blocks.append(Block("note", _say("carried_note", lang, note=shown.carried.note)))
    known = {f["id"] for f in model.fields(plan)}
    others = {k: v for k, v in store.saved_fields(plan_state, plan["id"]).items() if k not in known}
    if others:
        blocks.append(Block("h1", _say("other_title", lang)))
        blocks.append(Block("para", _say("other_intro", lang)))
        for name, entry in sorted(others.items()):
            blocks.append(Block("h2", name))
            blocks.append(orphan_block(entry.get("value"), lang))
    document.sources = source_lines(plan, lang)
    return document


def orphan_block(value: Any, lang: str = "nb") -> Block:
    """Text kept from a field the template no longer has, as readable as it can be."""
    empty = Block("empty", _say("empty", lang))
    if isinstance(value, str):
        return Block("para", value) if value.strip() else empty
    lines: list[str] = []
    for item in value if isinstance(value, list) else [value]:
        if isinstance(item, dict):
            lines.append(" – ".join(str(v) for v in item.values() if v not in (None, "")))
        elif item not in (None, ""):
            lines.append(str(item))
    return Block("list", items=tuple(line for line in lines if line.strip())) if lines else empty
