"""The form of one document for the static book: self-contained HTML and one inline script.

The same fields, reasons and examples as in JupyterLab, with what the participant writes kept only
in their own browser (``localStorage``, key ``somekurs-plan:<document>``; the agency's name under
``somekurs-plan:virksomhet``). Nothing is sent anywhere: the page makes no request to any host.

- **Carried answers.** A field with ``from_exercise`` reads the participant's answer to that
  exercise from the static workbook's own storage (``somekurs-svar:<exercise>:<fingerprint>``, see
  ``exercises/js/common.js``) and shows it with «Hentet fra oppgaven «…»». Typing in the field makes
  the text the participant's own; a carried answer never replaces it, and «Hent svaret på nytt»
  brings the answer back only when the participant asks.
- **Sjekk planen** runs the same checks as ``checks.py``; **Last ned som Markdown** writes the same
  Markdown as ``export_md.py`` (a Blob link); **Skriv ut** prints the document alone (print CSS and
  a copy of the document at the top of the page while printing; the browser's own print command
  gives the same).
- **Escaped.** Template text goes through ``html.escape``; the script's data is JSON with ``<``,
  ``>`` and ``&`` escaped; participant text is only ever set with ``value`` or ``textContent``.
- **Accessible.** A label for every control (table cells name their column and row), headings per
  part and field, results in a live region, buttons that say what they do, 44 px targets.
- **In the book's standard.** ``lang`` is the edition the page is written into (the book build
  passes it; no participant is asked here): the template and the exercises carried from are that
  standard's, and every fixed word of the form and of its script comes from data/texts (``plan``).
"""

from __future__ import annotations

import re
from html import escape
from pathlib import Path
from typing import Any

from somekurs import norwegian, sections, texts
from somekurs.exercises.html import script_json
from somekurs.plan import document, model

SCRIPT = Path(__file__).resolve().parent / "js" / "plan.js"
STORAGE_PREFIX = "somekurs-plan:"
AGENCY_KEY = "somekurs-plan:virksomhet"

CSS = """
.sk-plan{max-width:52rem;margin:1rem 0}
.sk-plan .sk-plan-del{border-top:2px solid currentColor;margin-top:1.5rem;padding-top:.25rem}
.sk-plan .sk-felt{border:1px solid currentColor;border-radius:6px;padding:.5rem .9rem;margin:.9rem 0}
.sk-plan .sk-felt h3{font-size:1.1em;margin:.3rem 0}
.sk-plan .sk-felt h3 .sk-ma{font-weight:400;font-size:.85em}
.sk-plan .sk-hva{margin:.25rem 0 .5rem}
.sk-plan details{margin:.4rem 0}
.sk-plan summary{cursor:pointer;padding:.7rem 0}
.sk-plan .sk-eksempel{border-left:4px solid currentColor;padding:.1rem .75rem;margin:.4rem 0}
.sk-plan .sk-eksempel ul{margin:.2rem 0}
.sk-plan input[type=text],.sk-plan textarea,.sk-plan select{font:inherit;box-sizing:border-box;max-width:100%;min-height:44px}
.sk-plan input[type=text],.sk-plan textarea{width:100%}
.sk-plan textarea{min-height:6em}
.sk-plan button{color:inherit;background:transparent;border:2px solid currentColor;border-radius:4px;
 padding:.3rem .75rem;margin:.25rem .5rem .25rem 0;font:inherit;cursor:pointer;min-height:44px}
.sk-plan :focus-visible{outline:3px solid currentColor;outline-offset:2px}
.sk-plan a,.sk-plan a:visited{color:inherit;text-decoration:underline}
.sk-plan .sk-hentet{border-left:6px double currentColor;padding:.2rem .75rem;margin:.4rem 0}
.sk-plan .sk-valg{display:flex;gap:.5rem;align-items:center;min-height:44px}
.sk-plan .sk-valg input{width:1.25rem;height:1.25rem;flex:none}
.sk-plan fieldset{border:0;padding:0;margin:0}
.sk-plan .sk-tabell{overflow-x:auto;max-width:100%}
.sk-plan table{border-collapse:collapse;margin:.4rem 0}
.sk-plan th,.sk-plan td{border:1px solid currentColor;padding:.2rem .35rem;vertical-align:top;text-align:left}
.sk-plan .sk-matrise td,.sk-plan .sk-matrise th{text-align:center;font-size:.9em}
.sk-plan td.sk-lav{background:#d4eaf7;color:#000}
.sk-plan td.sk-middels{background:#fde4b3;color:#000}
.sk-plan td.sk-hoy{background:#f6c7b6;color:#000}
.sk-plan .sk-merke{display:block;font-weight:700}
.sk-plan .sk-plan-resultat:not(:empty){border-left:6px double currentColor;padding:.25rem .75rem;margin:.5rem 0}
.sk-plan .sk-bekreft{border:2px dashed currentColor;padding:.4rem .75rem;margin:.5rem 0}
.sk-plan .sk-usynlig{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.sk-plan-utskrift{display:none}
@media print{
 html.sk-skriver-plan body>*:not(.sk-plan-utskrift){display:none!important}
 html.sk-skriver-plan body>.sk-plan-utskrift{display:block!important;color:#000;background:#fff;font-size:11pt}
 .sk-plan-utskrift table{border-collapse:collapse;width:100%;margin:.3rem 0 .8rem}
 .sk-plan-utskrift th,.sk-plan-utskrift td{border:1px solid #000;padding:.15rem .3rem;text-align:left;vertical-align:top}
 .sk-plan-utskrift h1{font-size:18pt}.sk-plan-utskrift h2{font-size:14pt;break-after:avoid}
 .sk-plan-utskrift h3{font-size:12pt;break-after:avoid}
 .sk-plan-utskrift tr{break-inside:avoid}
 .sk-plan-utskrift .sk-notat{font-style:italic}
}
""".strip()


def _say(key: str, lang: str, **values: Any) -> str:
    return texts.say("plan", key, lang, **values)


def script_texts(lang: str = "nb") -> dict[str, str]:
    """The sentences the script says (``T("key")`` in plan.js), in one standard: only those, so the
    page carries no text twice."""
    used = set(re.findall(r'\bT\("(\w+)"', SCRIPT.read_text(encoding="utf-8")))
    return {key: text for key, text in texts.section("plan", lang).items() if key in used}


def carry_spec(one: model.Field, plans: dict[str, model.Plan], lang: str = "nb") -> dict[str, Any] | None:
    """What the script needs to carry an answer into the field (the same rules as ``carry``)."""
    from somekurs.exercises.model import fingerprint, load_exercises

    spec = one.get("from_exercise")
    if spec:
        exercise = load_exercises(lang=lang)[0].get(spec["id"])
        if exercise is None:
            return None
        found: dict[str, Any] = {
            "source": "exercise",
            "exercise": exercise["id"],
            "version": fingerprint(exercise),
            "title": exercise["title"],
            "mode": spec["carry"],
            "category": spec.get("category"),
        }
        if spec["carry"] == "text":
            found["draft"] = str(exercise.get("draft", ""))
        elif spec["carry"] == "chosen":
            found["options"] = [[o["id"], o["text"]] for o in exercise["options"]]
        elif spec["carry"] == "sorted":
            found["items"] = [[i["id"], i["text"]] for i in exercise["items"]]
            found["categories"] = {c["id"]: c["label"] for c in exercise["categories"]}
            if one["kind"] == "table":
                found["columns"] = [c["id"] for c in model.columns(one)[:2]]
        else:
            found["risks"] = [[r["id"], r["text"]] for r in exercise["risks"]]
        return found
    link = one.get("from_plan")
    if link and link["document"] in plans:
        other = plans[link["document"]]
        target = model.field(other, link["field"])
        return {
            "source": "plan",
            "document": other["id"],
            "field": target["id"],
            "title": _say("field_in_document", lang, field=target["label"], document=other["title"]),
            "target": field_data(target, lang),
            "inner": carry_spec(target, plans, lang),
        }
    return None


def field_data(one: model.Field, lang: str = "nb") -> dict[str, Any]:
    keys = ("id", "label", "kind", "what", "section", "options", "multiple")
    found = {k: one[k] for k in keys if k in one}
    found["required"] = bool(one.get("required"))
    if one["kind"] in {"table", "risk"}:
        found["columns"] = model.columns(one, lang)
    return found


def page_data(plan: model.Plan, lang: str = "nb") -> dict[str, Any]:
    """Everything the script needs, as plain data (no participant's data: there is none here)."""
    from somekurs.exercises.kinds.risk import risk_level, scale

    plans = model.load_plans(lang=lang)[0]
    labels = {c["section"] for c in plan["checks"]} | {f["section"] for f in model.fields(plan)}
    return {
        "id": plan["id"],
        "title": plan["title"],
        "summary": plan["summary"],
        "use": plan["use"],
        "lang": lang,
        "course": _say("course", lang),
        "months": norwegian.MONTHS,
        "parts": [{"id": p["id"], "title": p["title"], "fields": [f["id"] for f in p["fields"]]} for p in plan["parts"]],
        "fields": {f["id"]: field_data(f, lang) for f in model.fields(plan)},
        "carry": {f["id"]: spec for f in model.fields(plan) if (spec := carry_spec(f, plans, lang))},
        "checks": plan["checks"],
        "sources": document.source_lines(plan, lang),
        "links": {
            label: [href, sections.heading(label, lang)]
            for label in sorted(labels)
            if (href := sections.href(label, base="../../", lang=lang))
        },
        "texts": script_texts(lang),
        "risk": {
            "likelihood": scale("likelihood", lang),
            "consequence": scale("consequence", lang),
            "levels": {"high": risk_level(5, 5, lang)[1], "middle": risk_level(2, 3, lang)[1], "low": risk_level(1, 1, lang)[1]},
        },
        "storage": STORAGE_PREFIX + plan["id"],
        "agency": AGENCY_KEY,
        "prefix": STORAGE_PREFIX,
    }


def _sources_html(keys: list[str]) -> str:
    from somekurs.exercises.sources import describe

    found = []
    for source in describe(keys):
        if source.url.startswith(("https://", "http://")):
            found.append(f'<a href="{escape(source.url)}">{escape(source.title)}</a>')
        else:
            found.append(escape(source.title))
    return "; ".join(found)


def _example_html(one: model.Field, lang: str = "nb") -> str:
    from somekurs.exercises.model import incident_title

    example = one["example"]
    if isinstance(example, str):
        body = f"<p>{escape(example)}</p>"
    elif one["kind"] in {"list", "choice"}:
        labels = [model.option_label(one, v) if one["kind"] == "choice" else v for v in example]
        body = "<ul>" + "".join(f"<li>{escape(t)}</li>" for t in labels) + "</ul>"
    else:
        cols = model.columns(one, lang)
        head = "".join(f'<th scope="col">{escape(c["label"])}</th>' for c in cols)
        rows = "".join(
            "<tr>" + "".join(f"<td>{escape(str(row.get(c['id'], '')))}</td>" for c in cols) + "</tr>" for row in example
        )
        body = f'<div class="sk-tabell"><table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table></div>'
    if one["example_basis"] == "incident":
        incident = one["incident"]
        href = f"../hendelser.html#hendelse-{incident}"
        head = f"<p><strong>{escape(_say('real_example', lang))}</strong></p>"
        link = f'<a href="{escape(href)}">«{escape(incident_title(incident, lang=lang))}»</a>'
        tail = f"<p>{texts.markup('plan', 'read_incident', lang, link=link)}</p>"
    else:
        head = f"<p><strong>{escape(_say('constructed_example', lang))}</strong></p>"
        tail = ""
    return f'<div class="sk-eksempel">{head}{body}{tail}</div>'


def _why_html(one: model.Field, lang: str = "nb") -> str:
    parts = [f"<p><strong>{escape(_say('why', lang))}</strong> {escape(' '.join(one['why'].split()))}"]
    href = sections.href(one["section"], base="../../", lang=lang)
    if href:
        heading = escape(sections.heading(one["section"], lang))
        parts.append(f' {escape(_say("read_more", lang))} <a href="{escape(href)}">{heading}</a>.')
    if one.get("sources"):
        parts.append(f" {escape(_say('source', lang))} {_sources_html(one['sources'])}.")
    if one.get("check_by"):
        parts.append(f" {escape(_say('check_again', lang, date=norwegian.date(one['check_by'])))}")
    return "".join(parts) + "</p>"


def _control_html(one: model.Field, p: str, lang: str = "nb") -> str:
    kind, fid = one["kind"], one["id"]
    ids = f'aria-labelledby="{p}-{fid}-tittel" aria-describedby="{p}-{fid}-hva"'
    if kind == "short":
        return f'<input type="text" id="{p}-{fid}-verdi" data-sk-verdi="{fid}" {ids} autocomplete="off">'
    if kind == "long":
        return f'<textarea id="{p}-{fid}-verdi" data-sk-verdi="{fid}" rows="5" {ids}></textarea>'
    if kind == "list":
        return (
            f'<p class="sk-tips" id="{p}-{fid}-tips">{escape(_say("one_per_line", lang))}</p>'
            f'<textarea id="{p}-{fid}-verdi" data-sk-verdi="{fid}" rows="5" aria-labelledby="{p}-{fid}-tittel" '
            f'aria-describedby="{p}-{fid}-hva {p}-{fid}-tips"></textarea>'
        )
    if kind == "choice":
        kind_input = "checkbox" if one.get("multiple") else "radio"
        options = "".join(
            f'<div class="sk-valg"><input type="{kind_input}" name="{p}-{fid}" id="{p}-{fid}-{o["id"]}" value="{o["id"]}" '
            f'data-sk-valg="{fid}"><label for="{p}-{fid}-{o["id"]}">{escape(o["label"])}</label></div>'
            for o in one["options"]
        )
        return f'<fieldset aria-describedby="{p}-{fid}-hva"><legend class="sk-usynlig">{escape(one["label"])}</legend>{options}</fieldset>'
    head = ""
    for column in model.columns(one, lang):
        if kind == "risk" and column["id"] == "tiltak":
            head += f'<th scope="col">{escape(_say("head_level", lang))}</th>'
        head += f'<th scope="col">{escape(column["label"])}</th>'
    if kind == "risk":
        head = f'<th scope="col">{escape(_say("head_number", lang))}</th>' + head
    table = (
        f'<div class="sk-tabell"><table data-sk-tabell="{fid}" aria-labelledby="{p}-{fid}-tittel" aria-describedby="{p}-{fid}-hva">'
        f'<thead><tr>{head}<th scope="col"><span class="sk-usynlig">{escape(_say("remove", lang))}</span></th></tr></thead>'
        "<tbody></tbody></table></div>"
        f'<button type="button" data-sk-ny-rad="{fid}">{escape(_say("add_row_in", lang, label=one["label"]))}</button>'
    )
    if kind == "risk":
        from somekurs.exercises.kinds.risk import matrix_region

        scales = one["anchors"]
        table = (
            f"<p><strong>{escape(_say('likelihood', lang))}</strong> {escape(scales['likelihood'])}<br>"
            f"<strong>{escape(_say('consequence', lang))}</strong> {escape(scales['consequence'])}</p>"
            + table
            + matrix_region(_say("matrix_help", lang), lang, css="sk-tabell sk-matrise", attrs=f' data-sk-matrise="{fid}"')
        )
    return table


def field_html(one: model.Field, p: str, lang: str = "nb") -> str:
    fid = one["id"]
    must = f' <span class="sk-ma">{escape(_say("required", lang))}</span>' if one.get("required") else ""
    return (
        f'<div class="sk-felt" id="{p}-{fid}" data-sk-felt="{fid}">'
        f'<h3 id="{p}-{fid}-tittel">{escape(one["label"])}{must}</h3>'
        f'<p class="sk-hva" id="{p}-{fid}-hva">{escape(" ".join(one["what"].split()))}</p>'
        f"<details><summary>{escape(_say('why_and_example', lang))}</summary>{_why_html(one, lang)}{_example_html(one, lang)}"
        "</details>"
        f'<div class="sk-hentet" data-sk-hentet="{fid}" hidden></div>'
        f"{_control_html(one, p, lang)}"
        "</div>"
    )


def plan_html(plan: model.Plan, lang: str = "nb") -> str:
    """The whole form as one self-contained HTML fragment (deterministic: ids come from the document),
    in the standard ``lang`` (``plan`` should be that standard's template: ``model.load_plans(lang=...)``)."""

    def say(key: str, **values: Any) -> str:
        return escape(_say(key, lang, **values))

    p = f"sk-plan-{plan['id']}"
    parts = "".join(
        f'<section class="sk-plan-del" aria-labelledby="{p}-del-{part["id"]}">'
        f'<h2 id="{p}-del-{part["id"]}">{escape(part["title"])}</h2>'
        + (f"<p>{escape(' '.join(part['intro'].split()))}</p>" if part.get("intro") else "")
        + "".join(field_html(one, p, lang) for one in part["fields"])
        + "</section>"
        for part in plan["parts"]
    )
    script = SCRIPT.read_text(encoding="utf-8").replace("__SK_PLAN__", plan["id"])
    return (
        f'<div class="sk-plan" id="{p}" lang="{escape(lang)}" data-sk-plan="{escape(plan["id"])}">'
        f"<style>{CSS}</style>"
        f'<p class="sk-ikke-startet" role="note"><strong>{say("not_started")}</strong> {say("not_started_how")}</p>'
        f'<div class="sk-plan-skjema" hidden>'
        f'<p class="sk-plan-lagring">{say("browser_only")}</p>'
        f'<div class="sk-felt"><label for="{p}-virksomhet"><strong>{say("agency")}</strong> {say("agency_hint")}</label>'
        f'<input type="text" id="{p}-virksomhet" data-sk-virksomhet autocomplete="organization"></div>'
        f"{parts}"
        '<div class="sk-plan-knapper">'
        f'<button type="button" data-sk="sjekk">{say("check")}</button>'
        f'<button type="button" data-sk="last-ned">{say("download_md")}</button>'
        f'<button type="button" data-sk="skriv-ut">{say("print")}</button>'
        f'<button type="button" data-sk="slett">{say("delete")}</button>'
        "</div>"
        f'<div class="sk-bekreft" role="group" aria-label="{say("delete_group")}" hidden>'
        f"<p>{say('delete_question', title=plan['title'])}</p>"
        f'<button type="button" data-sk="ja-slett">{say("delete_yes")}</button>'
        f'<button type="button" data-sk="avbryt">{say("cancel")}</button></div>'
        f'<div class="sk-plan-resultat" id="{p}-resultat" aria-live="polite"></div>'
        "</div>"
        f"<noscript><p>{say('noscript')}</p></noscript>"
        f'<script type="application/json" id="{p}-data">{script_json(page_data(plan, lang))}</script>'
        f"<script>{script}</script>"
        "</div>"
    )
