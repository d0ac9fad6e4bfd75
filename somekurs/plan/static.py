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
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import Any

from somekurs import norwegian, sections
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


def carry_spec(one: model.Field, plans: dict[str, model.Plan]) -> dict[str, Any] | None:
    """What the script needs to carry an answer into the field (the same rules as ``carry``)."""
    from somekurs.exercises.model import fingerprint, load_exercises

    spec = one.get("from_exercise")
    if spec:
        exercise = load_exercises()[0].get(spec["id"])
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
            "title": f"«{target['label']}» i «{other['title']}»",
            "target": field_data(target),
            "inner": carry_spec(target, plans),
        }
    return None


def field_data(one: model.Field) -> dict[str, Any]:
    keys = ("id", "label", "kind", "what", "section", "options", "multiple")
    found = {k: one[k] for k in keys if k in one}
    found["required"] = bool(one.get("required"))
    if one["kind"] in {"table", "risk"}:
        found["columns"] = model.columns(one)
    return found


def page_data(plan: model.Plan) -> dict[str, Any]:
    """Everything the script needs, as plain data (no participant's data: there is none here)."""
    from somekurs.exercises.kinds.risk import CONSEQUENCE, LIKELIHOOD

    plans = model.load_plans()[0]
    labels = {c["section"] for c in plan["checks"]} | {f["section"] for f in model.fields(plan)}
    return {
        "id": plan["id"],
        "title": plan["title"],
        "summary": plan["summary"],
        "use": plan["use"],
        "course": document.COURSE,
        "months": norwegian.MONTHS,
        "parts": [{"id": p["id"], "title": p["title"], "fields": [f["id"] for f in p["fields"]]} for p in plan["parts"]],
        "fields": {f["id"]: field_data(f) for f in model.fields(plan)},
        "carry": {f["id"]: spec for f in model.fields(plan) if (spec := carry_spec(f, plans))},
        "checks": plan["checks"],
        "sources": document.source_lines(plan),
        "links": {
            label: [href, sections.heading(label)] for label in sorted(labels) if (href := sections.href(label, base="../../"))
        },
        "texts": {
            "empty": document.EMPTY,
            "carried": document.CARRIED_NOTE,
            "other_title": document.OTHER_TITLE,
            "other_intro": document.OTHER_INTRO,
        },
        "risk": {"likelihood": LIKELIHOOD, "consequence": CONSEQUENCE},
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


def _example_html(one: model.Field) -> str:
    from somekurs.exercises.model import incident_title

    example = one["example"]
    if isinstance(example, str):
        body = f"<p>{escape(example)}</p>"
    elif one["kind"] in {"list", "choice"}:
        texts = [model.option_label(one, v) if one["kind"] == "choice" else v for v in example]
        body = "<ul>" + "".join(f"<li>{escape(t)}</li>" for t in texts) + "</ul>"
    else:
        cols = model.columns(one)
        head = "".join(f'<th scope="col">{escape(c["label"])}</th>' for c in cols)
        rows = "".join(
            "<tr>" + "".join(f"<td>{escape(str(row.get(c['id'], '')))}</td>" for c in cols) + "</tr>" for row in example
        )
        body = f'<div class="sk-tabell"><table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table></div>'
    if one["example_basis"] == "incident":
        incident = one["incident"]
        href = f"../hendelser.html#hendelse-{incident}"
        head = "<p><strong>Eksempel fra virkeligheten.</strong></p>"
        tail = f'<p>Les om hendelsen <a href="{escape(href)}">«{escape(incident_title(incident))}»</a>.</p>'
    else:
        head = "<p><strong>Konstruert eksempel.</strong></p>"
        tail = ""
    return f'<div class="sk-eksempel">{head}{body}{tail}</div>'


def _why_html(one: model.Field) -> str:
    parts = [f"<p><strong>Hvorfor:</strong> {escape(' '.join(one['why'].split()))}"]
    href = sections.href(one["section"], base="../../")
    if href:
        parts.append(f' Les mer: <a href="{escape(href)}">{escape(sections.heading(one["section"]))}</a>.')
    if one.get("sources"):
        parts.append(f" Kilde: {_sources_html(one['sources'])}.")
    if one.get("check_by"):
        parts.append(f" (Sjekkes igjen innen {escape(norwegian.date(one['check_by']))}.)")
    return "".join(parts) + "</p>"


def _control_html(one: model.Field, p: str) -> str:
    kind, fid = one["kind"], one["id"]
    ids = f'aria-labelledby="{p}-{fid}-tittel" aria-describedby="{p}-{fid}-hva"'
    if kind == "short":
        return f'<input type="text" id="{p}-{fid}-verdi" data-sk-verdi="{fid}" {ids} autocomplete="off">'
    if kind == "long":
        return f'<textarea id="{p}-{fid}-verdi" data-sk-verdi="{fid}" rows="5" {ids}></textarea>'
    if kind == "list":
        return (
            f'<p class="sk-tips" id="{p}-{fid}-tips">Skriv ett punkt per linje.</p>'
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
    head = "".join(f'<th scope="col">{escape(c["label"])}</th>' for c in model.columns(one))
    if kind == "risk":
        head = head.replace('<th scope="col">Tiltak</th>', '<th scope="col">Risikonivå</th><th scope="col">Tiltak</th>')
        head = '<th scope="col">Nr.</th>' + head
    table = (
        f'<div class="sk-tabell"><table data-sk-tabell="{fid}" aria-labelledby="{p}-{fid}-tittel" aria-describedby="{p}-{fid}-hva">'
        f'<thead><tr>{head}<th scope="col"><span class="sk-usynlig">Fjern</span></th></tr></thead><tbody></tbody></table></div>'
        f'<button type="button" data-sk-ny-rad="{fid}">Legg til en rad i «{escape(one["label"])}»</button>'
    )
    if kind == "risk":
        from somekurs.exercises.kinds.risk import matrix_html

        scales = one["anchors"]
        table = (
            f"<p><strong>Sannsynlighet:</strong> {escape(scales['likelihood'])}<br><strong>Konsekvens:</strong> "
            f"{escape(scales['consequence'])}</p>"
            + table
            + f'<div class="sk-tabell sk-matrise" data-sk-matrise="{fid}">'
            + matrix_html("Risikomatrise: hver celle viser nivået og risikoene (R1, R2 …) du har plassert der.")
            + "</div>"
        )
    return table


def field_html(one: model.Field, p: str) -> str:
    fid = one["id"]
    must = ' <span class="sk-ma">(må fylles ut)</span>' if one.get("required") else ""
    return (
        f'<div class="sk-felt" id="{p}-{fid}" data-sk-felt="{fid}">'
        f'<h3 id="{p}-{fid}-tittel">{escape(one["label"])}{must}</h3>'
        f'<p class="sk-hva" id="{p}-{fid}-hva">{escape(" ".join(one["what"].split()))}</p>'
        f"<details><summary>Hvorfor, og et eksempel</summary>{_why_html(one)}{_example_html(one)}</details>"
        f'<div class="sk-hentet" data-sk-hentet="{fid}" hidden></div>'
        f"{_control_html(one, p)}"
        "</div>"
    )


def plan_html(plan: model.Plan) -> str:
    """The whole form as one self-contained HTML fragment (deterministic: ids come from the document)."""
    p = f"sk-plan-{plan['id']}"
    parts = "".join(
        f'<section class="sk-plan-del" aria-labelledby="{p}-del-{part["id"]}">'
        f'<h2 id="{p}-del-{part["id"]}">{escape(part["title"])}</h2>'
        + (f"<p>{escape(' '.join(part['intro'].split()))}</p>" if part.get("intro") else "")
        + "".join(field_html(one, p) for one in part["fields"])
        + "</section>"
        for part in plan["parts"]
    )
    script = SCRIPT.read_text(encoding="utf-8").replace("__SK_PLAN__", plan["id"])
    return (
        f'<div class="sk-plan" id="{p}" lang="nb" data-sk-plan="{escape(plan["id"])}">'
        f"<style>{CSS}</style>"
        '<p class="sk-ikke-startet" role="note"><strong>Skjemaet er ikke startet.</strong> Det virker i nettboka, '
        "og i arbeidsboka «Vår plan» når den kjører.</p>"
        f'<div class="sk-plan-skjema" hidden>'
        f'<p class="sk-plan-lagring">Det du skriver, lagres mens du skriver, bare i denne nettleseren. Ingen andre ser det, '
        "og det sendes ikke noe sted. Bruker du en annen nettleser eller en annen maskin, ser du det ikke der.</p>"
        f'<div class="sk-felt"><label for="{p}-virksomhet"><strong>Virksomheten</strong> (valgfritt, står i tittelen på '
        f'dokumentet)</label><input type="text" id="{p}-virksomhet" data-sk-virksomhet autocomplete="organization"></div>'
        f"{parts}"
        '<div class="sk-plan-knapper">'
        '<button type="button" data-sk="sjekk">Sjekk planen</button>'
        '<button type="button" data-sk="last-ned">Last ned som Markdown</button>'
        '<button type="button" data-sk="skriv-ut">Skriv ut eller lagre som PDF</button>'
        '<button type="button" data-sk="slett">Slett det du har skrevet her</button>'
        "</div>"
        '<div class="sk-bekreft" role="group" aria-label="Slett det du har skrevet" hidden>'
        f"<p>Vil du slette alt du har skrevet i «{escape(plan['title'])}» i denne nettleseren? Det kan ikke angres. "
        "Svarene dine på oppgavene blir ikke slettet.</p>"
        '<button type="button" data-sk="ja-slett">Ja, slett</button><button type="button" data-sk="avbryt">Avbryt</button></div>'
        f'<div class="sk-plan-resultat" id="{p}-resultat" aria-live="polite"></div>'
        "</div>"
        "<noscript><p>Slå på JavaScript for å bruke skjemaet her, eller åpne arbeidsboka «Vår plan» i JupyterLab.</p></noscript>"
        f'<script type="application/json" id="{p}-data">{script_json(page_data(plan))}</script>'
        f"<script>{script}</script>"
        "</div>"
    )
