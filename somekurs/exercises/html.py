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
from functools import cache
from html import escape
from pathlib import Path
from typing import Any

from somekurs import DATA_DIR
from somekurs.exercises import evaluate as ev
from somekurs.exercises import textcheck
from somekurs.exercises.model import Exercise, fingerprint, incident_title, initial_order, theme_title
from somekurs.exercises.sources import describe
from somekurs.prose import _WORD

JS_DIR = Path(__file__).resolve().parent / "js"
KIND_NAMES = {
    "choice": "Flervalg", "dilemma": "Dilemma", "sort": "Sortering", "checklist": "Sjekkliste",
    "textcheck": "Tekstsjekk", "decision": "Beslutningstre", "risk": "Risikovurdering", "timeline": "Tidslinje",
}
LIKELIHOOD = {1: "svært lite sannsynlig", 2: "lite sannsynlig", 3: "mulig", 4: "sannsynlig", 5: "svært sannsynlig"}
CONSEQUENCE = {1: "ubetydelig", 2: "liten", 3: "moderat", 4: "alvorlig", 5: "svært alvorlig"}

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


def risk_level(likelihood: int, consequence: int) -> tuple[str, str]:
    """(css class, Norwegian word) for a cell of the risk matrix; the word is always shown."""
    score = likelihood * consequence
    if score >= 15:
        return "sk-hoy", "høy"
    if score >= 6:
        return "sk-middels", "middels"
    return "sk-lav", "lav"


@cache
def _js(kind: str) -> str:
    common = (JS_DIR / "common.js").read_text(encoding="utf-8")
    part = (JS_DIR / f"{kind}.js").read_text(encoding="utf-8")
    return common.replace("  /*KIND*/\n", part)


def script_json(data: Any) -> str:
    """JSON that is safe inside a <script> element: no «</script>», no HTML entities."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _node_ids(exercise: Exercise) -> dict[str, str]:
    """Decision nodes get numbered ids (their YAML names may hold any character)."""
    return {name: str(n) for n, name in enumerate(exercise.get("nodes", {}))}


def _data(exercise: Exercise) -> dict[str, Any]:
    public = {k: v for k, v in exercise.items() if k != "file"}
    kind = exercise["kind"]
    script = _js(kind)
    texts = {key: text for key, text in ev.T.items() if f'"{key}"' in script}  # only what this kind says
    # The browser keeps a reader's answer under the exercise's fingerprint, so an answer given
    # to an older version (options reordered, say) is never put back into a changed form.
    data: dict[str, Any] = {"exercise": public, "texts": texts, "maxText": ev.MAX_ANSWER, "version": fingerprint(exercise)}
    if kind == "textcheck":
        data["textcheck"] = textcheck.js_config()
        data["word"] = _WORD.pattern
    elif kind == "decision":
        data["nodeIds"] = _node_ids(exercise)
    elif kind == "risk":
        data["tolerance"] = ev.RISK_TOLERANCE
    elif kind == "timeline":
        data["initialOrder"] = initial_order(exercise)
    return data


def _option_row(input_type: str, name: str, control_id: str, value: str, label: str, extra: str = "") -> str:
    return (f'<div class="sk-valg"><input type="{input_type}" name="{name}" id="{control_id}" value="{escape(value)}"{extra}>'
            f'<label for="{control_id}">{escape(label)}</label></div>')


def _body_choice(ex: Exercise, p: str) -> str:
    multiple = bool(ex.get("multiple"))
    kind = "checkbox" if multiple else "radio"
    legend = "Kryss av for alle som passer" if multiple else "Velg ett svar"
    rows = "".join(
        _option_row(kind, f"{p}-valg", f"{p}-valg-{i}", str(i), option["text"], " data-sk-valg")
        for i, option in enumerate(ex["options"])
    )
    return f"<fieldset><legend>{legend}</legend>{rows}</fieldset>"


def _body_dilemma(ex: Exercise, p: str) -> str:
    return (f'<p><strong>Situasjonen:</strong> {escape(ex["situation"])}</p>'
            f'<div class="sk-rad"><label for="{p}-tekst">Hva ville du gjort, og hvorfor?</label>'
            f'<textarea id="{p}-tekst" rows="5" maxlength="{ev.MAX_ANSWER}"></textarea></div>')


def _body_sort(ex: Exercise, p: str) -> str:
    rules = "".join(
        f"<li><strong>{escape(c['label'])}</strong>{': ' + escape(c['rule']) if c.get('rule') else ''}</li>"
        for c in ex["categories"]
    )
    options = '<option value="">Velg kategori</option>' + "".join(
        f'<option value="{escape(c["id"])}">{escape(c["label"])}</option>' for c in ex["categories"]
    )
    rows = "".join(
        f'<div class="sk-rad"><label for="{p}-punkt-{i}">{escape(item["text"])}</label>'
        f'<select id="{p}-punkt-{i}" data-sk-punkt>{options}</select></div>'
        for i, item in enumerate(ex["items"])
    )
    return f"<p>Kategoriene:</p><ul>{rules}</ul><fieldset><legend>Velg kategori for hvert punkt</legend>{rows}</fieldset>"


def post_html(post: dict[str, Any]) -> str:
    """A constructed post, shown as text (never as an image from elsewhere)."""
    parts = [f'<p class="sk-svar-tekst">{escape(post["text"])}</p>']
    if post.get("image"):
        parts.append(f"<p><strong>Bilde:</strong> {escape(post['image'])}</p>")
        alt = post.get("alt_text", "")
        parts.append(f"<p><strong>Alternativ tekst:</strong> {escape(alt) if alt else '(tom)'}</p>")
    if post.get("video"):
        parts.append(f"<p><strong>Video:</strong> {escape(post['video'])}</p>")
    platform = textcheck.PLATFORM_NAMES.get(str(post.get("platform", "")), str(post.get("platform", "")))
    label = f"Innlegget (konstruert){' på ' + escape(platform) if platform else ''}:"
    return f'<p>{label}</p><div class="sk-innlegg">{"".join(parts)}</div>'


def _body_checklist(ex: Exercise, p: str) -> str:
    checks = "".join(
        f"<fieldset><legend>{escape(check['text'])}</legend>"
        + _option_row("radio", f"{p}-punkt-{i}", f"{p}-punkt-{i}-ja", "ja", "Oppfylt")
        + _option_row("radio", f"{p}-punkt-{i}", f"{p}-punkt-{i}-nei", "nei", "Ikke oppfylt")
        + "</fieldset>"
        for i, check in enumerate(ex["checks"])
    )
    return post_html(ex["post"]) + checks


def _body_textcheck(ex: Exercise, p: str) -> str:
    platform = str(ex["platform"])
    name = textcheck.PLATFORM_NAMES.get(platform, platform)
    limit = textcheck.PLATFORM_LIMITS.get(platform, textcheck.PLATFORM_LIMITS["nettside"])
    rule = (f"{escape(name)} tillater høyst {limit.chars} tegn." if limit.rule
            else f"Kursets anbefalte lengde for {escape(name)} er {limit.chars} tegn (et råd, ikke plattformens regel).")
    lix_max = ex.get("lix_max", textcheck.DEFAULT_LIX_MAX)
    parts = [f"<p>{rule} Målet for LIX er høyst {textcheck.number(lix_max)}.</p>",
             f'<div class="sk-rad"><label for="{p}-utkast">Utkast til innlegg på {escape(name)}</label>'
             f'<textarea id="{p}-utkast" rows="6" maxlength="{ev.MAX_ANSWER}" data-sk-utkast>'
             f'{escape(ex.get("draft", ""))}</textarea></div>']
    if ex.get("needs_image"):
        parts.append(f'<div class="sk-rad"><label for="{p}-alt">Alternativ tekst til bildet</label>'
                     f'<textarea id="{p}-alt" rows="2" maxlength="{ev.MAX_ANSWER}" data-sk-alt></textarea></div>')
    return "".join(parts)


def _body_decision(ex: Exercise, p: str) -> str:
    ids = _node_ids(ex)
    parts = []
    for name, node in ex["nodes"].items():
        if "outcome" in node:
            continue
        n = ids[name]
        rows = "".join(
            _option_row("radio", f"{p}-node-{n}", f"{p}-node-{n}-{i}", str(i), option["label"])
            for i, option in enumerate(node["options"])
        )
        hidden = "" if name == ex["start"] else " hidden"
        parts.append(f'<fieldset data-sk-node="{n}" data-sk-navn="{escape(name)}"{hidden}>'
                     f"<legend>{escape(node['question'])}</legend>{rows}</fieldset>")
    return "<p>Svar på spørsmålene. Neste spørsmål kommer fram når du har svart.</p>" + "".join(parts)


def matrix_html(caption: str) -> str:
    """The likelihood × consequence matrix as a table: every cell says its level in words."""
    head = "".join(f'<th scope="col">{n}<br>{escape(LIKELIHOOD[n])}</th>' for n in range(1, 6))
    rows = []
    for consequence in range(5, 0, -1):
        cells = []
        for likelihood in range(1, 6):
            css, word = risk_level(likelihood, consequence)
            cells.append(f'<td class="{css}" data-sk-celle="{likelihood}-{consequence}">{word}'
                         f'<span class="sk-merke"></span></td>')
        rows.append(f'<tr><th scope="row">{consequence} {escape(CONSEQUENCE[consequence])}</th>{"".join(cells)}</tr>')
    return (f"<table><caption>{escape(caption)}</caption><thead><tr>"
            f'<th scope="col">Konsekvens \\ Sannsynlighet</th>{head}</tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table>")


def _body_risk(ex: Exercise, p: str) -> str:
    def select(i: int, axis: str, label: str, words: dict[int, str]) -> str:
        options = '<option value="">Velg</option>' + "".join(
            f'<option value="{n}">{n} – {escape(w)}</option>' for n, w in words.items())
        return (f'<div class="sk-rad"><label for="{p}-risiko-{i}-{axis}">{label}</label>'
                f'<select id="{p}-risiko-{i}-{axis}" data-sk-risiko="{i}-{axis}">{options}</select></div>')

    parts = [
        f"<fieldset><legend>Risiko {i + 1}: {escape(risk['text'])}</legend>"
        + select(i, "s", "Sannsynlighet", LIKELIHOOD) + select(i, "k", "Konsekvens", CONSEQUENCE) + "</fieldset>"
        for i, risk in enumerate(ex["risks"])
    ]
    caption = "Risikomatrise. Etter at du har sjekket svaret, viser cellene dine vurderinger (du) og våre (vår)."
    return "".join(parts) + matrix_html(caption)


def _body_timeline(ex: Exercise, p: str) -> str:
    items = []
    for i in initial_order(ex):
        text = escape(ex["events"][i]["text"])
        items.append(
            f'<li data-sk-hendelse="{i}"><span class="sk-tekst">{text}</span> '
            f'<button type="button" data-sk-flytt="opp" aria-label="Flytt opp: {text}">Flytt opp</button>'
            f'<button type="button" data-sk-flytt="ned" aria-label="Flytt ned: {text}">Flytt ned</button></li>'
        )
    return ("<p>Sett hendelsene i riktig rekkefølge, den første øverst. Bruk knappene «Flytt opp» og «Flytt ned».</p>"
            f'<ol class="sk-tidslinje" aria-label="Hendelser">{"".join(items)}</ol>'
            '<p class="sk-status" role="status"></p>')


_BODIES = {
    "choice": _body_choice, "dilemma": _body_dilemma, "sort": _body_sort, "checklist": _body_checklist,
    "textcheck": _body_textcheck, "decision": _body_decision, "risk": _body_risk, "timeline": _body_timeline,
}


def more_html(exercise: Exercise, link_base: str = "../book/", link_ext: str = ".html",
              data_dir: Path = DATA_DIR) -> str:
    """«Les mer»: the chapter, the incident and the sources the feedback rests on."""
    theme = str(exercise.get("theme", ""))
    parts = [f'<p>Les mer i kapitlet <a href="{escape(link_base + theme + link_ext)}">'
             f"«{escape(theme_title(theme, data_dir))}»</a>.</p>"]
    if exercise.get("incident"):
        incident = str(exercise["incident"])
        href = f"{link_base}hendelser{link_ext}#hendelse-{incident}"
        parts.append(f'<p>Oppgaven bygger på hendelsen <a href="{escape(href)}">'
                     f"«{escape(incident_title(incident, data_dir))}»</a>.</p>")
    elif exercise.get("basis") == "constructed":
        parts.append("<p>Eksempelet er konstruert.</p>")
    sources = describe([str(s) for s in exercise.get("sources", []) or []], data_dir)
    if sources:
        items = "".join(
            f'<li><a href="{escape(s.url)}">{escape(s.title)}</a></li>' if s.url.startswith(("https://", "http://"))
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
    meta = [KIND_NAMES.get(kind, kind)]
    if exercise.get("minutes"):
        meta.append(f"ca. {int(exercise['minutes'])} min")
    body = _BODIES[kind](exercise, p)
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
        f"<script>{_js(kind).replace('__SK_ID__', exercise_id)}</script>"
        "</div>"
    )


def feedback_html(feedback: ev.Feedback, exercise: Exercise, answer: Any = None,
                  link_base: str = "../book/", link_ext: str = ".html") -> str:
    """Feedback as escaped HTML, the same shape the script builds (used by the widget view)."""
    state = "mangler" if feedback.needs_input else ("lagret" if feedback.correct is None else
                                                     ("riktig" if feedback.correct else "feil"))
    parts = [f'<p class="sk-dom sk-{state}"><strong>{escape(feedback.verdict)}:</strong> {escape(feedback.summary)}</p>']
    if feedback.details:
        items = []
        for line in feedback.details:
            mark = "Riktig – " if line.ok is True else ("Ikke riktig – " if line.ok is False else "")
            items.append(f"<li><strong>{escape(mark + line.text)}</strong> {escape(line.why)}</li>")
        parts.append(f"<ul>{''.join(items)}</ul>")
    if not feedback.needs_input:
        if exercise.get("kind") == "dilemma" and isinstance(answer, str):
            parts.append(f'<p>Ditt svar:</p><p class="sk-svar-tekst" style="white-space:pre-wrap">'
                         f"{escape(textcheck.clean_text(answer))}</p>")
        if feedback.extra.get("right_order") and not feedback.correct:
            order = "".join(f"<li>{escape(t)}</li>" for t in feedback.extra["right_order"])
            parts.append(f"<p>Riktig rekkefølge:</p><ol>{order}</ol>")
        parts.append(more_html(exercise, link_base, link_ext))
    return f'<div class="sk-oppgave-tilbakemelding" lang="nb">{"".join(parts)}</div>'


def message_html(text: str) -> str:
    """A plain message (unknown exercise, broken data) for the static book."""
    return f'<div class="sk-melding" lang="nb" role="note"><p>{escape(text)}</p></div>'
