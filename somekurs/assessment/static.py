"""Kursprøve as one self-contained HTML block: the static book's page and the SCORM packages.

The block holds every item that a test of its scopes may draw, each as a ``<template>`` with the
exercise engine's own HTML (``html.exercise_html``), so nothing is fetched: the runner script
(``js/runner.js``) draws an attempt, clones the drawn items into the page and runs the engine's
script for each (one copy per kind in the block's data, not one per item, and the engine's style
once). The runner hides «Sjekk svaret» and all feedback until the attempt is handed in, then judges
with ``window.somekursOppgaver[id].judge``. Answer keys are in the page's data, as for every
exercise in the static book: the page does not hide them from someone who reads its source.

``lang`` is the edition of the book the block is written into (the book build passes it; there is
no participant here): the items are the bank's twins in that standard, and every word of the block
and of the runner's messages comes from data/texts (section ``assessment``).
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import Any

from somekurs import DATA_DIR, norwegian, sections, texts
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

# The runner's names for its sentences → their keys in data/texts (section ``assessment``).
SCRIPT_TEXTS = {
    "itemHeading": "item_heading",
    "started": "started",
    "resumed": "resumed",
    "missing": "missing",
    "unanswered": "unanswered",
    "notAnswered": "not_answered",
    "itemVerdict": "item_verdict",
    "resultHeading": "result_heading",
    "passed": "passed",
    "notPassed": "not_passed",
    "score": "score",
    "perTheme": "per_theme",
    "theme": "theme",
    "right": "right",
    "passedCol": "passed_col",
    "readAgain": "read_again",
    "of": "of",
    "readSection": "read_section",
    "answersBelow": "answers_below",
    "noName": "no_name",
    "made": "made",
    "yes": "yes_word",
    "no": "no_word",
    "verdictRight": "verdict_right",
    "verdictWrong": "verdict_wrong",
    "markRight": "mark_right",
    "markWrong": "mark_wrong",
    "readMore": "read_more",
    "source": "source",
}
_COMMON = {
    "verdictRight",
    "verdictWrong",
    "markRight",
    "markWrong",
    "readMore",
    "source",
}  # the engine's own words (section common)


def script_texts(lang: str = "nb") -> dict[str, str]:
    """The runner's sentences in one standard ({placeholders} filled in by the script)."""
    return {name: texts.get("common" if name in _COMMON else "assessment", key, lang) for name, key in SCRIPT_TEXTS.items()}


def __getattr__(name: str) -> dict[str, str]:
    """``TEXTS``: the runner's bokmål sentences, for code written before the nynorsk edition."""
    if name == "TEXTS":
        return script_texts()
    raise AttributeError(name)


def template_html(item: Exercise, lang: str = "nb") -> str:
    """The engine's HTML for one item, without its style and script (the block carries them once).

    Raises ``ValueError`` when the engine's HTML no longer has the shape this relies on, so a
    change in ``html.py`` fails a test instead of breaking the page."""
    whole = exercise_html(item, lang=lang)
    style = f"<style>{CSS}</style>"
    script = f"<script>{registry.script(item['kind']).replace('__SK_ID__', str(item['id']))}</script>"
    if style not in whole or script not in whole:
        raise ValueError(f"html.exercise_html har endret form; kursprøven finner ikke stilen og skriptet til {item['id']}")
    return whole.replace(style, "", 1).replace(script, "", 1)


def config(
    scopes: list[str], link_base: str = "../", data_dir: Path = DATA_DIR, lang: str = "nb"
) -> tuple[dict[str, Any], list[Exercise]]:
    """The runner's data for these scopes, and the items it may draw, in the standard ``lang``."""
    by_theme = bank.items_by_theme(data_dir, lang)
    all_rules = {scope: bank.rules(scope, data_dir) for scope in scopes}
    themes = [t for t in by_theme if any(t in r.themes for r in all_rules.values())]
    items = [i for t in themes for i in by_theme[t]]
    labels = sorted({i["section"] for i in items})
    course_title = texts.say("assessment", "whole_course", lang)
    titles = {t: theme_title(t, data_dir, lang) for t in by_theme}
    conf = {
        "course": bank.COURSE,
        "scopes": scopes,
        "rules": {s: r.as_json() for s, r in all_rules.items()},
        "ruleTexts": {s: rules_text(r, lang) for s, r in all_rules.items()},
        "scopeTitles": {s: scope_title(s, lang) for s in scopes},
        "scopeNames": {**titles, bank.COURSE: course_title},
        "titles": titles,
        "byTheme": {t: [i["id"] for i in by_theme[t]] for t in themes},
        "items": {i["id"]: {"theme": i["theme"], "kind": i["kind"], "section": i["section"]} for i in items},
        "sections": {
            label: [sections.href(label, base=link_base, lang=lang) or "", sections.heading(label, lang)] for label in labels
        },
        "scripts": {kind: registry.script(kind) for kind in sorted({i["kind"] for i in items})},
        "texts": script_texts(lang),
        "months": norwegian.MONTHS,
    }
    return conf, items


def test_html(scopes: list[str], link_base: str = "../", data_dir: Path = DATA_DIR, lang: str = "nb") -> str:
    """The whole test block for one or more scopes (a theme slug, or ``bank.COURSE``), in the
    standard ``lang`` (the nynorsk book passes ``"nn"``)."""

    def say(key: str, **values: Any) -> str:
        return escape(texts.say("assessment", key, lang, **values))

    conf, items = config(scopes, link_base, data_dir, lang)
    if len(scopes) > 1:
        options = "".join(
            f'<option value="{escape(s)}">'
            f"{say('choose_option', title=conf['scopeNames'][s], n=bank.rules(s, data_dir).total)}</option>"
            for s in scopes
        )
        chooser = (
            f'<p><label for="sk-prove-valg">{say("choose_test")}</label><br>'
            f'<select id="sk-prove-valg" class="sk-prove-valg">{options}</select></p>'
        )
    else:
        chooser = f"<p>{escape(conf['ruleTexts'][scopes[0]])}</p>"
    templates = "".join(f'<template id="sk-prove-t-{escape(i["id"])}">{template_html(i, lang)}</template>' for i in items)
    runner = (JS_DIR / "runner.js").read_text(encoding="utf-8")
    heads = "".join(f'<th scope="col">{say(k)}</th>' for k in ("col_part", "col_result", "col_date"))
    return (
        f'<div class="sk-prove" id="sk-prove" lang="{escape(lang)}">'
        f"<style>{CSS}\n{RUNNER_CSS}</style>"
        f'<p class="sk-ikke-startet" role="note"><strong>{say("not_loaded")}</strong> '
        f"{say('not_loaded_how')}</p>"
        f'<div class="sk-prove-start">{chooser}<button type="button" class="sk-prove-start-knapp">{say("start")}</button></div>'
        '<p class="sk-prove-status" role="status" aria-live="polite"></p>'
        '<ol class="sk-prove-oppgaver"></ol>'
        f'<div class="sk-prove-bekreft" role="group" aria-label="{say("confirm_group")}" hidden><p></p>'
        f'<button type="button" class="sk-prove-lever-likevel">{say("hand_in_anyway")}</button>'
        f'<button type="button" class="sk-prove-fortsett">{say("answer_rest")}</button></div>'
        f'<div class="sk-prove-lever" hidden><button type="button" class="sk-prove-lever-knapp">{say("hand_in")}</button></div>'
        '<div class="sk-prove-resultat" tabindex="-1"></div>'
        '<div class="sk-prove-svar"></div>'
        '<section class="sk-kursbevis" aria-labelledby="sk-kursbevis-tittel" hidden>'
        f'<h2 id="sk-kursbevis-tittel">{say("record")}</h2>'
        f"<p>{say('record_browser')}</p>"
        f'<p><label for="sk-bevis-navn-felt">{say("name_label")}</label><br>'
        '<input type="text" id="sk-bevis-navn-felt" class="sk-bevis-navn-felt" autocomplete="name" maxlength="120"></p>'
        f'<button type="button" class="sk-bevis-lag">{say("show_record")}</button>'
        f'<button type="button" class="sk-bevis-skriv" hidden>{say("print")}</button>'
        f'<div class="sk-bevis" tabindex="-1" role="region" aria-label="{say("record_region")}" hidden>'
        f"<p><strong>{say('record')}</strong></p><p>{say('pdf_subtitle')}</p>"
        f'<p>{say("pdf_confirms")}</p><p class="sk-bevis-navn"></p><p>{say("pdf_passed_in")}</p>'
        f"<table><thead><tr>{heads}</tr></thead>"
        "<tbody></tbody></table>"
        f'<p class="sk-bevis-laget"></p><p>{say("check_value_label")} <strong class="sk-bevis-kontroll"></strong></p>'
        f"<p>{say('check_value_note')}</p></div></section>"
        f'<script type="application/json" id="sk-prove-data">{script_json(conf)}</script>'
        f"{templates}"
        f"<script>{runner}</script>"
        "</div>"
    )


def all_scopes(data_dir: Path = DATA_DIR, lang: str = "nb") -> list[str]:
    """Every test the book offers: each theme with items, then the whole course (the same in both
    standards: a missing twin falls back to the bokmål item)."""
    return [t for t, items in bank.items_by_theme(data_dir, lang).items() if items] + [bank.COURSE]
