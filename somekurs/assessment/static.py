"""Kursprøve as one self-contained HTML block: the static book's page and the SCORM packages.

The block holds every item that a test of its scopes may draw, each as a ``<template>`` with the
exercise engine's own HTML (``html.exercise_html``), so nothing is fetched: the runner script
(``js/runner.js``) draws an attempt, clones the drawn items into the page and runs the engine's
script for each (one copy per kind in the block's data, not one per item, and the engine's style
once). The runner hides «Sjekk svaret» and all feedback until the attempt is handed in, then judges
with ``window.somekursOppgaver[id].judge``. Answer keys are in the page's data, as for every
exercise in the static book: the page does not hide them from someone who reads its source.
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import Any

from somekurs import DATA_DIR, norwegian, sections
from somekurs.assessment import bank
from somekurs.assessment.widget import rules_text, scope_title
from somekurs.exercises import registry
from somekurs.exercises.html import CSS, exercise_html, script_json
from somekurs.exercises.model import Exercise, theme_title

JS_DIR = Path(__file__).resolve().parent / "js"

RUNNER_CSS = """
.sk-prove{max-width:48rem}
.sk-prove button{color:inherit;background:transparent;border:2px solid currentColor;border-radius:4px;
 padding:.3rem .75rem;margin:.25rem .5rem .25rem 0;font:inherit;cursor:pointer;min-height:44px}
.sk-prove :focus-visible{outline:3px solid currentColor;outline-offset:2px}
.sk-prove select,.sk-prove input[type=text]{font:inherit;min-height:44px;max-width:100%;box-sizing:border-box}
.sk-prove a,.sk-prove a:visited{color:inherit;text-decoration:underline}
.sk-prove .sk-prove-start,.sk-prove .sk-prove-lever,.sk-prove .sk-prove-bekreft,.sk-prove .sk-kursbevis{margin:1rem 0}
.sk-prove .sk-prove-bekreft{border:2px dashed currentColor;padding:.4rem .75rem}
.sk-prove ol.sk-prove-oppgaver{list-style:none;padding:0}
.sk-prove .sk-prove-nummer{font-weight:700;margin:1.5rem 0 0}
.sk-prove .sk-knapper,.sk-prove .sk-tilbakemelding,.sk-prove .sk-les-mer,.sk-prove .sk-bekreft{display:none!important}
.sk-prove .sk-prove-forklaring{border-left:6px double currentColor;padding:.25rem .75rem;margin:.5rem 0 1rem}
.sk-prove table{border-collapse:collapse;margin:.5rem 0}
.sk-prove caption{text-align:left;font-weight:700}
.sk-prove th,.sk-prove td{border:1px solid currentColor;padding:.25rem .5rem;text-align:left;vertical-align:top}
.sk-prove .sk-bevis{border:3px double currentColor;padding:1.5rem;margin:1rem 0}
.sk-prove .sk-bevis-navn{font-size:1.6em;font-weight:700;margin:.5rem 0}
@media print{
 body *{visibility:hidden}
 .sk-prove .sk-bevis,.sk-prove .sk-bevis *{visibility:visible}
 .sk-prove .sk-bevis{position:absolute;left:0;top:0;width:100%;border:3px double #000;color:#000;background:#fff}
}
""".strip()

TEXTS = {
    "itemHeading": "Oppgave {n} av {total} ({theme})",
    "started": "Prøven i {scope} har startet. Den har {n} oppgaver. Du ser svarene og forklaringene når du har levert.",
    "resumed": "Prøven du startet på, er hentet fram med svarene dine.",
    "missing": "Du har ikke svart helt på oppgave {list}. Oppgaver uten svar teller som feil. Vil du levere likevel?",
    "unanswered": "Du svarte ikke på denne oppgaven.",
    "notAnswered": "Ikke besvart",
    "itemVerdict": "Oppgave {n}: {verdict}.",
    "resultHeading": "Resultatet ditt",
    "passed": "Du har bestått",
    "notPassed": "Du har ikke bestått ennå",
    "score": "{right} av {total} riktige.",
    "perTheme": "Resultat per tema",
    "theme": "Tema",
    "right": "Riktige",
    "passedCol": "Bestått",
    "readAgain": "Les igjen",
    "of": "{right} av {total}",
    "readSection": "Dette lærer du i avsnittet",
    "answersBelow": "Under hver oppgave står nå forklaringen og løsningen.",
    "noName": "(uten navn)",
    "made": "Laget {date}.",
}


def template_html(item: Exercise) -> str:
    """The engine's HTML for one item, without its style and script (the block carries them once).

    Raises ``ValueError`` when the engine's HTML no longer has the shape this relies on, so a
    change in ``html.py`` fails a test instead of breaking the page."""
    whole = exercise_html(item)
    style = f"<style>{CSS}</style>"
    script = f"<script>{registry.script(item['kind']).replace('__SK_ID__', str(item['id']))}</script>"
    if style not in whole or script not in whole:
        raise ValueError(f"html.exercise_html har endret form; kursprøven finner ikke stilen og skriptet til {item['id']}")
    return whole.replace(style, "", 1).replace(script, "", 1)


def config(scopes: list[str], link_base: str = "../", data_dir: Path = DATA_DIR) -> tuple[dict[str, Any], list[Exercise]]:
    """The runner's data for these scopes, and the items it may draw."""
    by_theme = bank.items_by_theme(data_dir)
    all_rules = {scope: bank.rules(scope, data_dir) for scope in scopes}
    themes = [t for t in by_theme if any(t in r.themes for r in all_rules.values())]
    items = [i for t in themes for i in by_theme[t]]
    labels = sorted({i["section"] for i in items})
    course_title = "Hele kurset"
    conf = {
        "course": bank.COURSE,
        "scopes": scopes,
        "rules": {s: r.as_json() for s, r in all_rules.items()},
        "ruleTexts": {s: rules_text(r) for s, r in all_rules.items()},
        "scopeTitles": {s: scope_title(s) for s in scopes},
        "scopeNames": {**{t: theme_title(t, data_dir) for t in by_theme}, bank.COURSE: course_title},
        "titles": {t: theme_title(t, data_dir) for t in by_theme},
        "byTheme": {t: [i["id"] for i in by_theme[t]] for t in themes},
        "items": {i["id"]: {"theme": i["theme"], "kind": i["kind"], "section": i["section"]} for i in items},
        "sections": {label: [sections.href(label, base=link_base) or "", sections.heading(label)] for label in labels},
        "scripts": {kind: registry.script(kind) for kind in sorted({i["kind"] for i in items})},
        "texts": TEXTS,
        "months": norwegian.MONTHS,
    }
    return conf, items


def test_html(scopes: list[str], link_base: str = "../", data_dir: Path = DATA_DIR) -> str:
    """The whole test block for one or more scopes (a theme slug, or ``bank.COURSE``)."""
    conf, items = config(scopes, link_base, data_dir)
    if len(scopes) > 1:
        options = "".join(
            f'<option value="{escape(s)}">{escape(conf["scopeNames"][s])} ({bank.rules(s, data_dir).total} oppgaver)</option>'
            for s in scopes
        )
        chooser = (
            '<p><label for="sk-prove-valg">Velg prøve</label><br>'
            f'<select id="sk-prove-valg" class="sk-prove-valg">{options}</select></p>'
        )
    else:
        chooser = f"<p>{escape(conf['ruleTexts'][scopes[0]])}</p>"
    templates = "".join(f'<template id="sk-prove-t-{escape(i["id"])}">{template_html(i)}</template>' for i in items)
    runner = (JS_DIR / "runner.js").read_text(encoding="utf-8")
    return (
        '<div class="sk-prove" id="sk-prove" lang="nb">'
        f"<style>{CSS}\n{RUNNER_CSS}</style>"
        '<p class="sk-ikke-startet" role="note"><strong>Kursprøven er ikke lastet.</strong> '
        "Slå på JavaScript for å ta prøven her, eller ta den i JupyterLab med kursprove().</p>"
        f'<div class="sk-prove-start">{chooser}<button type="button" class="sk-prove-start-knapp">Start prøven</button></div>'
        '<p class="sk-prove-status" role="status" aria-live="polite"></p>'
        '<ol class="sk-prove-oppgaver"></ol>'
        '<div class="sk-prove-bekreft" role="group" aria-label="Levere med oppgaver uten svar?" hidden><p></p>'
        '<button type="button" class="sk-prove-lever-likevel">Lever likevel</button>'
        '<button type="button" class="sk-prove-fortsett">Svar på resten først</button></div>'
        '<div class="sk-prove-lever" hidden><button type="button" class="sk-prove-lever-knapp">Lever prøven</button></div>'
        '<div class="sk-prove-resultat" tabindex="-1"></div>'
        '<div class="sk-prove-svar"></div>'
        '<section class="sk-kursbevis" aria-labelledby="sk-kursbevis-tittel" hidden>'
        '<h2 id="sk-kursbevis-tittel">Kursbevis</h2>'
        "<p>Beviset viser prøvene du har bestått i denne nettleseren. Skriv navnet ditt slik det skal stå på beviset. "
        "Navnet lagres ikke, og ingenting sendes noe sted.</p>"
        '<p><label for="sk-bevis-navn-felt">Navnet ditt</label><br>'
        '<input type="text" id="sk-bevis-navn-felt" class="sk-bevis-navn-felt" autocomplete="name" maxlength="120"></p>'
        '<button type="button" class="sk-bevis-lag">Vis kursbevis</button>'
        '<button type="button" class="sk-bevis-skriv" hidden>Skriv ut eller lagre som PDF</button>'
        '<div class="sk-bevis" tabindex="-1" role="region" aria-label="Kursbeviset" hidden>'
        "<p><strong>Kursbevis</strong></p><p>Sosiale medier i offentlig forvaltning – kurs og arbeidsbok</p>"
        '<p>Dette bekrefter at</p><p class="sk-bevis-navn"></p><p>har bestått kursprøven i disse delene av kurset:</p>'
        '<table><thead><tr><th scope="col">Del av kurset</th><th scope="col">Resultat</th><th scope="col">Dato</th></tr></thead>'
        "<tbody></tbody></table>"
        '<p class="sk-bevis-laget"></p><p>Kontrollverdi: <strong class="sk-bevis-kontroll"></strong></p>'
        "<p>Kontrollverdien er regnet ut fra resultatene over. Kursholderen kan sammenligne den med resultatene du har levert. "
        "Da ser hen om beviset stemmer med innleveringen. Kontrollverdien viser ikke hvem som tok prøven. "
        "Navnet er skrevet av deltakeren selv.</p></div></section>"
        f'<script type="application/json" id="sk-prove-data">{script_json(conf)}</script>'
        f"{templates}"
        f"<script>{runner}</script>"
        "</div>"
    )


def all_scopes(data_dir: Path = DATA_DIR) -> list[str]:
    """Every test the book offers: each theme with items, then the whole course."""
    return [t for t, items in bank.items_by_theme(data_dir).items() if items] + [bank.COURSE]
