"""Self-contained, accessible HTML for one exercise, for the static book (no kernel, no server).

Bars this module holds, and why:
- No network: one small inline ``<script>`` and scoped inline CSS per exercise; the book
  loads nothing from other hosts.
- Deterministic: element ids come from the exercise id, never from random numbers or the
  clock, so nbval can compare the notebook's ``text/html`` output and builds do not churn.
- Accessible: native controls (radio, checkbox, select, textarea, button), a ``<label>`` for
  every control, a ``<fieldset>``/``<legend>`` per question, feedback in an ``aria-live``
  region, words («Riktig»/«Ikke riktig») as well as styling, keyboard-only ordering buttons.
- Escaped: every data text goes through ``html.escape``; data for the script is JSON in a
  ``<script type="application/json">`` with ``<``, ``>`` and ``&`` escaped; text a participant
  types is shown with ``textContent`` only.

The script judges answers with the same rules and the same sentences as ``evaluate.py``
(the sentences and text-check rules arrive in the JSON); a Playwright test compares them.
Every function takes ``lang`` (nb or nn): the words around the exercise come from the texts
(section ``view``), and the element says ``lang="nn"`` for the nynorsk edition.
"""

from __future__ import annotations

import json
from html import escape
from pathlib import Path
from typing import Any

from somekurs import DATA_DIR, sections, texts
from somekurs.exercises import evaluate as ev
from somekurs.exercises import registry
from somekurs.exercises.feedback import Line, common_text
from somekurs.exercises.model import LOADER_KEYS, Exercise, fingerprint, incident_title, theme_title
from somekurs.exercises.sources import describe

CSS = """
.sk-oppgave{border:1px solid currentColor;border-radius:6px;padding:.75rem 1rem;margin:1rem 0;max-width:48rem}
.sk-oppgave fieldset{border:0;padding:0;margin:0 0 .75rem;min-width:0}
.sk-oppgave fieldset fieldset{border:1px solid currentColor;border-radius:4px;padding:.4rem .75rem;margin:.5rem 0}
.sk-oppgave legend{font-weight:700;padding:0 .25rem}
.sk-oppgave .sk-tittel{font-size:1.15em}
.sk-oppgave .sk-meta{font-size:.9em;margin:.25rem 0}
.sk-oppgave button{color:inherit;background:transparent;border:2px solid currentColor;border-radius:4px;
 padding:.3rem .75rem;margin:.25rem .5rem .25rem 0;font:inherit;cursor:pointer}
.sk-oppgave button:disabled{border-style:dashed;cursor:not-allowed}
.sk-oppgave :focus-visible{outline:3px solid currentColor;outline-offset:2px}
.sk-oppgave textarea{width:100%;box-sizing:border-box;font:inherit}
.sk-oppgave label{cursor:pointer}
.sk-oppgave a,.sk-oppgave a:visited{color:inherit;text-decoration:underline}
.sk-oppgave .sk-valg{display:flex;gap:.5rem;align-items:baseline;margin:.3rem 0}
.sk-oppgave .sk-rad{margin:.5rem 0}
.sk-oppgave .sk-rad label{display:block}
.sk-oppgave .sk-innlegg{border-left:4px solid currentColor;padding:.25rem .75rem;margin:.5rem 0}
.sk-oppgave .sk-tilbakemelding:not(:empty){border-left:6px double currentColor;padding:.25rem .75rem;margin-top:.5rem}
.sk-oppgave .sk-svar-tekst{white-space:pre-wrap;overflow-wrap:anywhere;border-left:2px dashed currentColor;padding-left:.5rem}
.sk-oppgave table{border-collapse:collapse;margin:.5rem 0}
.sk-oppgave th,.sk-oppgave td{border:1px solid currentColor;padding:.25rem .4rem;text-align:center;font-size:.9em}
.sk-oppgave td.sk-lav{background:#d4eaf7;color:#000}
.sk-oppgave td.sk-middels{background:#fde4b3;color:#000}
.sk-oppgave td.sk-hoy{background:#f6c7b6;color:#000}
.sk-oppgave ol.sk-tidslinje li{margin:.4rem 0}
.sk-oppgave .sk-valg input{flex:none;width:1.25rem;height:1.25rem;margin:.15rem 0 0}
.sk-oppgave .sk-valg label,.sk-oppgave button,.sk-oppgave select{min-height:44px;box-sizing:border-box}
.sk-oppgave .sk-valg label{display:flex;align-items:center;flex:1 1 auto;padding:.2rem 0}
.sk-oppgave select{max-width:100%;font:inherit}
.sk-oppgave .sk-bekreft{border:2px dashed currentColor;padding:.4rem .75rem;margin:.5rem 0}
.sk-oppgave .sk-peker{font-size:.95em}
.sk-oppgave .sk-folge{font-style:italic}
.sk-oppgave ol.sk-innboks{padding-left:1.5rem}
.sk-oppgave .sk-matrise{overflow-x:auto;max-width:100%}
@media (max-width:480px){.sk-oppgave{padding:.5rem .6rem}
 .sk-oppgave th,.sk-oppgave td{padding:.15rem .2rem;font-size:.75em}
 .sk-oppgave .sk-matrise th br{display:none}}
""".strip()


def script_json(data: Any) -> str:
    """JSON that is safe inside a <script> element: no «</script>», no HTML entities."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _say(key: str, lang: str, **values: Any) -> str:
    return texts.say("view", key, lang, **values)


def _data(exercise: Exercise, lang: str = "nb") -> dict[str, Any]:
    public = {k: v for k, v in exercise.items() if k not in LOADER_KEYS}
    kind = registry.kinds()[exercise["kind"]]
    script = registry.script(kind.name)
    said = {key: text for key, text in ev.texts(lang, kind.name).items() if f'"{key}"' in script}  # only what this kind says
    # The browser keeps a reader's answer under the exercise's fingerprint, so an answer given
    # to an older version (options reordered, say) is never put back into a changed form.
    data: dict[str, Any] = {"exercise": public, "texts": said, "maxText": ev.MAX_ANSWER, "version": fingerprint(exercise)}
    data["order"] = {name: ids for name, ids in kind.lists(exercise).items() if name in kind.answer_lists}
    data["links"] = {
        label: [href, sections.heading(label, lang)] for label in _labels(exercise) if (href := sections.href(label, lang=lang))
    }
    data["sources"] = {
        s.key: [s.title, s.url if s.url.startswith(("https://", "http://")) else ""]
        for s in describe(sorted(_values(exercise, "source")))
    }
    data.update(kind.script_data(exercise, lang))
    return data


def _values(item: Any, key: str) -> set[str]:
    """Every string under ``key`` anywhere in the exercise (the sections and sources of its parts)."""
    found: set[str] = set()
    todo = [item]
    while todo:
        value = todo.pop()
        if isinstance(value, dict):
            for k, v in value.items():
                if k == key and isinstance(v, str):
                    found.add(v)
                else:
                    todo.append(v)
        elif isinstance(value, list):
            todo.extend(value)
    return found


def _labels(exercise: Exercise) -> set[str]:
    return _values(exercise, "section")


def more_html(
    exercise: Exercise,
    link_base: str = "../book/",
    link_ext: str = ".html",
    data_dir: Path = DATA_DIR,
    target: str = "",
    lang: str = "nb",
) -> str:
    """«Les mer»: the chapter, the incident and the sources the feedback rests on.

    ``target="_blank"`` in JupyterLab and the app: a link that replaced the tab would lose the
    live workbook."""
    theme = str(exercise.get("theme", ""))
    opens = f' target="{target}" rel="noopener"' if target else ""
    chapter = f'<a href="{escape(link_base + theme + link_ext)}"{opens}>«{escape(theme_title(theme, data_dir, lang))}»</a>'
    parts = [f"<p>{texts.markup('view', 'more_chapter', lang, link=chapter)}</p>"]
    if exercise.get("incident"):
        incident = str(exercise["incident"])
        href = f"{link_base}hendelser{link_ext}#hendelse-{incident}"
        link = f'<a href="{escape(href)}"{opens}>«{escape(incident_title(incident, data_dir, lang))}»</a>'
        parts.append(f"<p>{texts.markup('view', 'more_incident', lang, link=link)}</p>")
    elif exercise.get("basis") == "constructed":
        parts.append(f"<p>{escape(_say('constructed', lang))}</p>")
    sources = describe([str(s) for s in exercise.get("sources", []) or []], data_dir)
    if sources:
        items = "".join(
            f'<li><a href="{escape(s.url)}"{opens}>{escape(s.title)}</a></li>'
            if s.url.startswith(("https://", "http://"))
            else f"<li>{escape(s.title)}</li>"
            for s in sources
        )
        parts.append(f"<p>{escape(_say('sources', lang))}</p><ul>{items}</ul>")
    return "".join(parts)


def exercise_html(exercise: Exercise, data_dir: Path = DATA_DIR, lang: str = "nb") -> str:
    """The whole exercise as one self-contained HTML fragment, in the written standard ``lang``."""
    exercise_id = str(exercise["id"])
    p = f"sk-{exercise_id}"
    kind = str(exercise["kind"])
    meta = [registry.kinds()[kind].title_in(lang)]
    if exercise.get("minutes"):
        meta.append(_say("minutes", lang, n=int(exercise["minutes"])))
    body = registry.kinds()[kind].body_html(exercise, p, lang)
    reset = escape(_say("reset", lang))
    return (
        f'<div class="sk-oppgave" id="{p}" lang="{lang}" data-sk-type="{escape(kind)}">'
        f"<style>{CSS}</style>"
        # Shown only where the page's script does not run: a saved workbook opened in JupyterLab
        # before its cells have run (the script removes it everywhere else).
        f'<p class="sk-ikke-startet" role="note"><strong>{escape(_say("not_started", lang))}</strong> '
        f"{escape(_say('not_started_how', lang))}</p>"
        f'<form id="{p}-skjema" novalidate>'
        f'<fieldset><legend class="sk-tittel">{escape(_say("exercise", lang, title=str(exercise["title"])))}</legend>'
        f'<p class="sk-meta">{escape(" · ".join(meta))}</p>'
        f"<p>{escape(str(exercise['prompt']))}</p>"
        f"{body}"
        f'<div class="sk-knapper"><button type="button" data-sk="sjekk">{escape(_say("check", lang))}</button>'
        f'<button type="button" data-sk="nullstill">{reset}</button></div>'
        f'<div class="sk-bekreft" role="group" aria-label="{reset}" hidden><p>{escape(_say("reset_question", lang))}</p>'
        f'<button type="button" data-sk="ja-nullstill">{escape(_say("reset_yes", lang))}</button>'
        f'<button type="button" data-sk="avbryt">{escape(_say("cancel", lang))}</button></div>'
        f'<div class="sk-tilbakemelding" id="{p}-tilbakemelding" aria-live="polite"></div>'
        f'<div class="sk-les-mer" hidden>{more_html(exercise, data_dir=data_dir, lang=lang)}</div>'
        "</fieldset></form>"
        f"<noscript><p>{escape(_say('noscript', lang))}</p></noscript>"
        f'<script type="application/json" id="{p}-data">{script_json(_data(exercise, lang))}</script>'
        f"<script>{registry.script(kind).replace('__SK_ID__', exercise_id)}</script>"
        "</div>"
    )


def line_html(line: Line, reveal: bool, link_base: str = "../", target: str = "", lang: str = "nb") -> str:
    """One feedback line: the mark in words, the text, why (or, before the solution, the hint),
    and where to read more (the section) and what it rests on (the source)."""
    mark = common_text("mark_right", lang) if line.ok is True else (common_text("mark_wrong", lang) if line.ok is False else "")
    why = line.why if reveal or line.ok is not False else (line.hint or common_text("not_right_try", lang))
    parts = [f"<li><strong>{escape(mark + line.text)}</strong> {escape(why)}"]
    opens = f' target="{target}" rel="noopener"' if target else ""
    pointer = []
    read_more, source_word = escape(common_text("read_more", lang)), escape(common_text("source", lang))
    if line.section and (href := sections.href(line.section, base=link_base, lang=lang)):
        pointer.append(f' {read_more} <a href="{escape(href)}"{opens}>{escape(sections.heading(line.section, lang))}</a>.')
    if line.source:
        for source in describe([line.source]):
            if source.url.startswith(("https://", "http://")):
                pointer.append(f' {source_word} <a href="{escape(source.url)}"{opens}>{escape(source.title)}</a>.')
            else:
                pointer.append(f" {source_word} {escape(source.title)}.")
    if pointer:
        parts.append(f'<span class="sk-peker">{"".join(pointer)}</span>')
    return "".join(parts) + "</li>"


def feedback_html(
    feedback: ev.Feedback,
    exercise: Exercise,
    answer: Any = None,
    reveal: bool = False,
    link_base: str = "../",
    target: str = "",
    lang: str | None = None,
) -> str:
    """Feedback as escaped HTML, the same shape the script builds (used by the widget view).

    Before ``reveal`` (the participant asked for the solution, or the answer is right) a wrong
    answer shows what is wrong, not what is right, so the participant can try again. ``lang``
    defaults to the standard the feedback was said in.
    """
    lang = lang or feedback.lang
    state = (
        "mangler"
        if feedback.needs_input
        else ("lagret" if feedback.correct is None else ("riktig" if feedback.correct else "feil"))
    )
    full = reveal or feedback.correct is not False
    parts = [f'<p class="sk-dom sk-{state}"><strong>{escape(feedback.verdict)}:</strong> {escape(feedback.summary)}</p>']
    lines = [line for line in feedback.details if full or not line.solution_only]
    if lines:
        parts.append(f"<ul>{''.join(line_html(line, full, link_base, target, lang) for line in lines)}</ul>")
    kind = registry.get(str(exercise.get("kind")))
    if not feedback.needs_input:
        if kind is not None:
            parts.append(kind.feedback_extra_html(feedback, exercise, answer, full, lang))
        parts.append(more_html(exercise, link_base + "book/", ".html", target=target, lang=lang))
    return f'<div class="sk-oppgave-tilbakemelding" lang="{lang}">{"".join(parts)}</div>'


def message_html(text: str, lang: str = "nb") -> str:
    """A plain message (unknown exercise, broken data) for the static book."""
    return f'<div class="sk-melding" lang="{lang}" role="note"><p>{escape(text)}</p></div>'
