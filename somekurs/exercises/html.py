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
"""

from __future__ import annotations

import json
from html import escape
from pathlib import Path
from typing import Any

from somekurs import DATA_DIR
from somekurs.exercises import evaluate as ev
from somekurs.exercises import registry
from somekurs.exercises.model import Exercise, fingerprint, incident_title, theme_title
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
""".strip()


def script_json(data: Any) -> str:
    """JSON that is safe inside a <script> element: no «</script>», no HTML entities."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _data(exercise: Exercise) -> dict[str, Any]:
    public = {k: v for k, v in exercise.items() if k != "file"}
    kind = registry.kinds()[exercise["kind"]]
    script = registry.script(kind.name)
    texts = {key: text for key, text in ev.T.items() if f'"{key}"' in script}  # only what this kind says
    # The browser keeps a reader's answer under the exercise's fingerprint, so an answer given
    # to an older version (options reordered, say) is never put back into a changed form.
    data: dict[str, Any] = {"exercise": public, "texts": texts, "maxText": ev.MAX_ANSWER, "version": fingerprint(exercise)}
    data.update(kind.script_data(exercise))
    return data


def more_html(exercise: Exercise, link_base: str = "../book/", link_ext: str = ".html", data_dir: Path = DATA_DIR) -> str:
    """«Les mer»: the chapter, the incident and the sources the feedback rests on."""
    theme = str(exercise.get("theme", ""))
    parts = [
        f'<p>Les mer i kapitlet <a href="{escape(link_base + theme + link_ext)}">'
        f"«{escape(theme_title(theme, data_dir))}»</a>.</p>"
    ]
    if exercise.get("incident"):
        incident = str(exercise["incident"])
        href = f"{link_base}hendelser{link_ext}#hendelse-{incident}"
        parts.append(
            f'<p>Oppgaven bygger på hendelsen <a href="{escape(href)}">«{escape(incident_title(incident, data_dir))}»</a>.</p>'
        )
    elif exercise.get("basis") == "constructed":
        parts.append("<p>Eksempelet er konstruert.</p>")
    sources = describe([str(s) for s in exercise.get("sources", []) or []], data_dir)
    if sources:
        items = "".join(
            f'<li><a href="{escape(s.url)}">{escape(s.title)}</a></li>'
            if s.url.startswith(("https://", "http://"))
            else f"<li>{escape(s.title)}</li>"
            for s in sources
        )
        parts.append(f"<p>Kilder:</p><ul>{items}</ul>")
    return "".join(parts)


def exercise_html(exercise: Exercise, data_dir: Path = DATA_DIR) -> str:
    """The whole exercise as one self-contained HTML fragment."""
    exercise_id = str(exercise["id"])
    p = f"sk-{exercise_id}"
    kind = str(exercise["kind"])
    meta = [registry.kinds()[kind].title]
    if exercise.get("minutes"):
        meta.append(f"ca. {int(exercise['minutes'])} min")
    body = registry.kinds()[kind].body_html(exercise, p)
    return (
        f'<div class="sk-oppgave" id="{p}" lang="nb" data-sk-type="{escape(kind)}">'
        f"<style>{CSS}</style>"
        f'<form id="{p}-skjema" novalidate>'
        f'<fieldset><legend class="sk-tittel">Oppgave: {escape(str(exercise["title"]))}</legend>'
        f'<p class="sk-meta">{escape(" · ".join(meta))}</p>'
        f"<p>{escape(str(exercise['prompt']))}</p>"
        f"{body}"
        '<div class="sk-knapper"><button type="button" data-sk="sjekk">Sjekk svaret</button>'
        '<button type="button" data-sk="nullstill">Nullstill oppgaven</button></div>'
        f'<div class="sk-tilbakemelding" id="{p}-tilbakemelding" aria-live="polite"></div>'
        f'<div class="sk-les-mer" hidden>{more_html(exercise, data_dir=data_dir)}</div>'
        "</fieldset></form>"
        "<noscript><p>Slå på JavaScript for å få svaret sjekket her, eller åpne arbeidsboka i JupyterLab.</p></noscript>"
        f'<script type="application/json" id="{p}-data">{script_json(_data(exercise))}</script>'
        f"<script>{registry.script(kind).replace('__SK_ID__', exercise_id)}</script>"
        "</div>"
    )


def feedback_html(
    feedback: ev.Feedback, exercise: Exercise, answer: Any = None, link_base: str = "../book/", link_ext: str = ".html"
) -> str:
    """Feedback as escaped HTML, the same shape the script builds (used by the widget view)."""
    state = (
        "mangler"
        if feedback.needs_input
        else ("lagret" if feedback.correct is None else ("riktig" if feedback.correct else "feil"))
    )
    parts = [f'<p class="sk-dom sk-{state}"><strong>{escape(feedback.verdict)}:</strong> {escape(feedback.summary)}</p>']
    if feedback.details:
        items = []
        for line in feedback.details:
            mark = "Riktig – " if line.ok is True else ("Ikke riktig – " if line.ok is False else "")
            items.append(f"<li><strong>{escape(mark + line.text)}</strong> {escape(line.why)}</li>")
        parts.append(f"<ul>{''.join(items)}</ul>")
    kind = registry.get(str(exercise.get("kind")))
    if not feedback.needs_input:
        if kind is not None:
            parts.append(kind.feedback_extra_html(feedback, exercise, answer))
        parts.append(more_html(exercise, link_base, link_ext))
    return f'<div class="sk-oppgave-tilbakemelding" lang="nb">{"".join(parts)}</div>'


def message_html(text: str) -> str:
    """A plain message (unknown exercise, broken data) for the static book."""
    return f'<div class="sk-melding" lang="nb" role="note"><p>{escape(text)}</p></div>'
